"""The transportation desk's rules as data: resources/transport.yaml, with the levels of
transport, the mileage estimate's circuity factor and tolerance, standing orders on holidays,
when an authorization counts as late, and the private-vehicle mileage rate by date.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType

from casework.plan.rule_files import Fields, parse_yaml, read_rule_text

TRANSPORT_FILE = "transport.yaml"
# The levels of transport the request form itself offers (resources/forms/nemt_request.yaml).
FORM_MODES: Mapping[str, tuple[str, str]] = MappingProxyType({
    "ambulance": ("ambulance", "ambulancia"), "litter_van": ("litter van", "camilla"),
    "wheelchair_van": ("wheelchair van", "camioneta para silla de ruedas"),
    "gurney": ("gurney van", "camilla rodante"), "air": ("air ambulance", "ambulancia aérea")})
HOLIDAY_CHOICES = ("keep", "skip")
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class TransportMode:
    """One level of transport: its words, whether a vendor is sent, whether miles are paid."""

    name: str
    says: str
    says_es: str = ""  # for the member's letters in Spanish (the English words when absent)
    vendor: bool = True
    reimbursed: bool = False


@dataclass(frozen=True)
class MileageRate:
    """The rate per mile paid from `starts` to `ends` (open when None), with its source."""

    per_mile: Decimal
    starts: date
    ends: date | None
    citation: str


@dataclass(frozen=True)
class TransportRules:
    """Everything the transportation desk applies."""

    modes: Mapping[str, TransportMode]
    circuity_factor: float = 1.3
    tolerance_percent: float = 25.0
    mileage_citation: str = ""
    on_holiday: str = "keep"
    longest_series_days: int = 365
    series_citation: str = ""
    authorization_prefix: str = "TA"
    fax_hours_before: int = 24
    authorization_citation: str = ""
    reimbursement_queue: str = "finance_reimbursement"
    rates: tuple[MileageRate, ...] = ()
    source: str = ""

    def mode(self, name: str) -> TransportMode | None:
        """The mode called `name`, or None when the rules know no such mode."""
        return self.modes.get(name)

    def rate_on(self, day: date) -> MileageRate | None:
        """The mileage rate in effect on `day`, or None when no rate covers it."""
        return next((r for r in self.rates
                     if r.starts <= day and (r.ends is None or day <= r.ends)), None)


def load_transport_rules(path: Path | Traversable | None = None) -> TransportRules:
    """Read and check the transport rules (the bundled file by default)."""
    text, source = read_rule_text(TRANSPORT_FILE, path)
    return parse_transport_rules(text, source)


def parse_transport_rules(text: str, source: str) -> TransportRules:
    """Parse transport.yaml text; a bad entry is refused with the file, line and reason."""
    top = Fields(parse_yaml(text, source), source, 1, "the transport file")
    top.reject_unknown(("version", "modes", "mileage", "standing_orders", "authorization",
                        "reimbursement"))
    if top.mapping.get("version") != 1:
        raise top.fail("version" if "version" in top.mapping else None,
                       "the transport file must say 'version: 1'")
    modes = {name: TransportMode(name, en, es) for name, (en, es) in FORM_MODES.items()}
    modes.update(_modes(top))
    mileage = _section(top, "mileage", ("circuity_factor", "tolerance_percent", "citation"))
    series = _section(top, "standing_orders", ("on_holiday", "longest_days", "citation"))
    auth = _section(top, "authorization", ("prefix", "fax_hours_before", "citation"))
    pay = _section(top, "reimbursement", ("queue", "rates"))
    factor = _number(mileage, "circuity_factor", 1.3)
    if not 1.0 <= factor <= 3.0:
        raise mileage.fail("circuity_factor", "'circuity_factor' must be between 1.0 and 3.0 "
                                              "(road miles over straight-line miles)")
    tolerance = _number(mileage, "tolerance_percent", 25.0)
    if not 0 < tolerance <= 100:
        raise mileage.fail("tolerance_percent", "'tolerance_percent' must be above 0 and at "
                                                "most 100")
    prefix = auth.text("prefix", required=False) or "TA"
    if not re.fullmatch(r"[A-Z]{1,6}", prefix):
        raise auth.fail("prefix", "'prefix' must be one to six capital letters")
    queue = pay.text("queue", required=False) or "finance_reimbursement"
    if not _NAME.match(queue):
        raise pay.fail("queue", f"the queue name '{queue}' must be lower-case letters, digits "
                                "and underscores")
    return TransportRules(
        modes=MappingProxyType(modes), circuity_factor=factor, tolerance_percent=tolerance,
        mileage_citation=mileage.text("citation", required=False) or "",
        on_holiday=series.choice("on_holiday", HOLIDAY_CHOICES, required=False) or "keep",
        longest_series_days=series.count("longest_days", required=False) or 365,
        series_citation=series.text("citation", required=False) or "",
        authorization_prefix=prefix,
        fax_hours_before=auth.count("fax_hours_before", required=False) or 24,
        authorization_citation=auth.text("citation", required=False) or "",
        reimbursement_queue=queue, rates=_rates(pay), source=source)


def _section(top: Fields, key: str, allowed: tuple[str, ...]) -> Fields:
    # An absent section reads as an empty one: every setting takes its default.
    value = top.mapping.get(key)
    if value is None:
        value = parse_yaml("{}", top.source)
    section = Fields(value, top.source, top.line_of(key), f"'{key}'")
    section.reject_unknown(allowed)
    return section


def _modes(top: Fields) -> dict[str, TransportMode]:
    if "modes" not in top.mapping:
        return {}
    spec = Fields(top.mapping["modes"], top.source, top.line_of("modes"), "'modes'")
    found: dict[str, TransportMode] = {}
    for name in spec.mapping:
        if not _NAME.match(name):
            raise spec.fail(name, f"the mode name '{name}' must be lower-case letters, digits "
                                  "and underscores")
        if name in FORM_MODES:
            raise spec.fail(name, f"'{name}' is one of the request form's own modes; list only "
                                  "modes the plan adds")
        item = Fields(spec.mapping[name], top.source, spec.line_of(name), f"the mode '{name}'")
        item.reject_unknown(("says", "says_es", "vendor", "reimbursed"))
        says = item.text("says") or name
        found[name] = TransportMode(name, says, item.text("says_es", required=False) or says,
                                    _flag(item, "vendor", True), _flag(item, "reimbursed", False))
    return found


def _flag(item: Fields, key: str, default: bool) -> bool:
    value = item.mapping.get(key, default)
    if not isinstance(value, bool):
        raise item.fail(key, f"'{key}' must be true or false")
    return value


def _number(fields: Fields, key: str, default: float) -> float:
    value = fields.mapping.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise fields.fail(key, f"'{key}' must be a number")
    return float(value)


def _rates(pay: Fields) -> tuple[MileageRate, ...]:
    rates: list[MileageRate] = []
    for entry in pay.items("rates", required=False):
        item = Fields(entry, pay.source, pay.line_of("rates"), "a mileage rate")
        item.reject_unknown(("per_mile", "from", "to", "citation"))
        try:
            per_mile = Decimal(str(item.mapping.get("per_mile")))
        except InvalidOperation:
            raise item.fail("per_mile", "'per_mile' must be an amount in dollars, like 0.21") \
                from None
        if not per_mile.is_finite() or per_mile <= 0 or per_mile >= 10:
            raise item.fail("per_mile", "'per_mile' must be an amount in dollars, like 0.21")
        starts, ends = item.day("from"), item.day("to")
        if starts is None:
            raise item.fail(None, "a mileage rate is missing 'from'")
        if ends is not None and ends < starts:
            raise item.fail("to", "the rate ends before it starts")
        citation = item.text("citation")
        assert citation is not None
        for other in rates:
            if _overlap(other, starts, ends):
                raise item.fail("from", f"this rate overlaps the one from {other.starts}")
        rates.append(MileageRate(per_mile, starts, ends, citation))
    return tuple(rates)


def _overlap(rate: MileageRate, starts: date, ends: date | None) -> bool:
    return (rate.ends is None or starts <= rate.ends) and (ends is None or rate.starts <= ends)
