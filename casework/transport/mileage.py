"""Miles between two ZIP codes with no network: the great-circle distance between the ZIP
centroids the `zipcodes` package ships, times the plan's circuity factor, doubled for a round
trip; and a stated mileage checked against that estimate.

A ZIP the data does not know is said so; no distance is ever guessed for it.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

import zipcodes

from casework.plan.transport_rules import TransportRules

EARTH_RADIUS_MILES = 3958.8  # mean radius (IUGG), the usual figure for great-circle miles
_ZIP_AT_END = re.compile(r"(?<!\d)(\d{5})(?:-\d{4})?(?!\d)")


@dataclass(frozen=True)
class ZipPlace:
    """A ZIP code's centroid and the county and city it lies in."""

    zip_code: str
    latitude: float
    longitude: float
    county: str
    city: str
    state: str


@dataclass(frozen=True)
class MileageEstimate:
    """Estimated road miles for a trip, or why there is none (`miles` None, `problem` said)."""

    miles: float | None
    straight_miles: float | None = None
    problem: str = ""


@dataclass(frozen=True)
class MileageCheck:
    """A stated mileage against the estimate: flagged when it differs by more than the
    plan's tolerance."""

    stated: float
    estimated: float | None
    difference_percent: float | None
    flagged: bool
    message: str


def zip_in(address: str) -> str | None:
    """The five-digit ZIP an address ends with (the last one it holds), or None."""
    found = _ZIP_AT_END.findall(address or "")
    return found[-1] if found else None


@lru_cache(maxsize=4096)
def zip_place(zip_code: str) -> ZipPlace | None:
    """Where a ZIP code lies, or None when the bundled data does not know it."""
    if not re.fullmatch(r"\d{5}", zip_code or ""):
        return None
    try:
        found = zipcodes.matching(zip_code)
    except (ValueError, TypeError):
        return None
    for row in found:
        try:
            lat, lon = float(row["lat"]), float(row["long"])
        except (KeyError, TypeError, ValueError):
            continue
        return ZipPlace(zip_code, lat, lon, str(row.get("county") or ""),
                        str(row.get("city") or ""), str(row.get("state") or ""))
    return None


def great_circle_miles(a: ZipPlace, b: ZipPlace) -> float:
    """The haversine distance in miles between two centroids."""
    lat1, lon1, lat2, lon2 = map(math.radians, (a.latitude, a.longitude, b.latitude,
                                                b.longitude))
    h = (math.sin((lat2 - lat1) / 2) ** 2
         + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2)
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(h))


def estimate_miles(rules: TransportRules, pickup_zip: str | None,
                   destination_zip: str | None, round_trip: bool) -> MileageEstimate:
    """Road miles by the plan's circuity factor, doubled for a round trip, to 0.1 mile."""
    for label, code in (("pick-up", pickup_zip), ("destination", destination_zip)):
        if not code:
            return MileageEstimate(None, problem=f"The {label} address has no ZIP code.")
        if zip_place(code) is None:
            return MileageEstimate(None, problem=f"The {label} ZIP code {code} is not in the "
                                                 "ZIP data; the miles cannot be estimated.")
    assert pickup_zip is not None and destination_zip is not None
    pickup, destination = zip_place(pickup_zip), zip_place(destination_zip)
    assert pickup is not None and destination is not None
    straight = great_circle_miles(pickup, destination)
    one_way = straight * rules.circuity_factor
    return MileageEstimate(round(one_way * (2 if round_trip else 1), 1), round(straight, 2))


def check_stated(rules: TransportRules, stated: float, estimated: float | None) -> MileageCheck:
    """Compare stated miles with the estimate; a difference over the tolerance is flagged."""
    if estimated is None:
        return MileageCheck(stated, None, None, True,
                            f"{stated:g} miles stated; there is no estimate to check them "
                            "against.")
    if estimated == 0:
        flagged = stated > 1
        return MileageCheck(stated, 0.0, None, flagged,
                            f"{stated:g} miles stated for a trip within one ZIP code."
                            if flagged else "Within one ZIP code.")
    percent = (stated - estimated) / estimated * 100
    flagged = abs(percent) > rules.tolerance_percent
    verdict = (f"over the plan's {rules.tolerance_percent:g}% tolerance: check the mileage"
               if flagged else f"within the plan's {rules.tolerance_percent:g}% tolerance")
    return MileageCheck(stated, estimated, round(percent, 1), flagged,
                        f"{stated:g} miles stated, {estimated:g} estimated ({percent:+.0f}%), "
                        f"{verdict}.")
