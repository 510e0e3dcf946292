"""Which vendors may take a trip: active, offering the trip's mode, serving its pick-up ZIP
(or the county it lies in), with an agreement in force on the trip's date. Pure, so the
screens, the commands and the tests ask the same question."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from casework.plan.transport_rules import TransportRules
from casework.transport.mileage import zip_place
from casework.transport.vendors import VendorView, county_name


@dataclass(frozen=True)
class VendorOption:
    """A vendor that qualifies for a trip, and why (by ZIP or by county)."""

    vendor: VendorView
    reason: str


@dataclass(frozen=True)
class VendorChoice:
    """The vendors that qualify, best first; with none, `problem` says why in words."""

    options: tuple[VendorOption, ...]
    problem: str = ""

    @property
    def suggested(self) -> VendorOption | None:
        return self.options[0] if self.options else None


def qualifying_vendors(rules: TransportRules, vendors: Iterable[VendorView], mode: str,
                       pickup_zip: str | None, trip_date: date | None) -> VendorChoice:
    """Vendors that may take the trip: a ZIP match before a county match, then by name."""
    spec = rules.mode(mode)
    if spec is None:
        return VendorChoice((), f"The trip's mode {mode or '(none)'!r} is not a known mode.")
    if not spec.vendor:
        return VendorChoice((), f"No vendor is sent for {spec.says}.")
    if not pickup_zip:
        return VendorChoice((), "The pick-up address has no ZIP code, so no vendor can be "
                                "matched to it.")
    if trip_date is None:
        return VendorChoice((), "The trip has no date, so no agreement can be checked.")
    place = zip_place(pickup_zip)
    county = county_name(place.county) if place and place.county else ""
    by_zip: list[VendorOption] = []
    by_county: list[VendorOption] = []
    for vendor in sorted(vendors, key=lambda v: v.name.casefold()):
        if not vendor.active or mode not in vendor.modes or not vendor.agreement_covers(trip_date):
            continue
        if pickup_zip in vendor.zips:
            by_zip.append(VendorOption(vendor, f"serves ZIP {pickup_zip}"))
        elif county and county in vendor.counties:
            by_county.append(VendorOption(vendor, f"serves {county} County"))
    options = tuple(by_zip + by_county)
    if options:
        return VendorChoice(options)
    where = f"ZIP {pickup_zip}" + (f" ({county} County)" if county else "")
    return VendorChoice((), f"No active vendor serves {where} with {spec.says} under an "
                            f"agreement in force on {trip_date.isoformat()}.")
