"""Offline miles: great-circle distance between ZIP centroids (checked against the spherical
law of cosines worked from the centroids by hand), the circuity factor, round trips, stated
miles against the tolerance, unknown ZIPs said so; and the rule file refused by line."""

from __future__ import annotations

import math

import pytest

from casework.plan.rule_files import RuleFileError
from casework.plan.transport_rules import load_transport_rules, parse_transport_rules
from casework.transport.mileage import (
    check_stated,
    estimate_miles,
    great_circle_miles,
    zip_in,
    zip_place,
)
from tests.conftest import REPO_ROOT

RULES = load_transport_rules()
# (from, to, centroids as the ZIP data gives them, straight-line miles worked by hand)
PAIRS = [
    ("95814", "94103", (38.5804, -121.4922), (37.7725, -122.4147), 75.01),  # Sacramento–SF
    ("93701", "90012", (36.7487, -119.7867), (34.0614, -118.2385), 205.12),  # Fresno–LA
    ("95816", "95817", (38.5728, -121.4675), (38.5498, -121.4583), 1.67),  # across Sacramento
]


def _law_of_cosines(a: tuple[float, float], b: tuple[float, float]) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    cos_c = (math.sin(lat1) * math.sin(lat2)
             + math.cos(lat1) * math.cos(lat2) * math.cos(lon2 - lon1))
    return 3958.8 * math.acos(min(1.0, cos_c))


@pytest.mark.parametrize(("start", "end", "a", "b", "by_hand"), PAIRS)
def test_miles_match_the_great_circle_by_hand(start: str, end: str, a: tuple[float, float],
                                              b: tuple[float, float], by_hand: float) -> None:
    first, second = zip_place(start), zip_place(end)
    assert first is not None and second is not None
    assert (first.latitude, first.longitude) == a and (second.latitude, second.longitude) == b
    assert _law_of_cosines(a, b) == pytest.approx(by_hand, abs=0.01)
    assert great_circle_miles(first, second) == pytest.approx(by_hand, abs=0.01)
    one_way = estimate_miles(RULES, start, end, round_trip=False)
    both = estimate_miles(RULES, start, end, round_trip=True)
    assert one_way.miles == pytest.approx(round(by_hand * 1.3, 1), abs=0.1)
    assert both.miles == pytest.approx(round(by_hand * 2.6, 1), abs=0.1)


def test_an_unknown_or_missing_zip_is_said_so() -> None:
    unknown = estimate_miles(RULES, "95814", "00000", round_trip=False)
    assert unknown.miles is None
    assert unknown.problem == ("The destination ZIP code 00000 is not in the ZIP data; the miles "
                               "cannot be estimated.")
    missing = estimate_miles(RULES, None, "95814", round_trip=False)
    assert missing.problem == "The pick-up address has no ZIP code."


def test_the_zip_is_the_last_five_digits_of_the_address() -> None:
    assert zip_in("1450 Alhambra Blvd, Apt 3, Sacramento, CA 95816-1234") == "95816"
    assert zip_in("12345 Main St, Fresno, CA 93701") == "93701"
    assert zip_in("12 Elm St, Fresno") is None


def test_stated_miles_over_the_tolerance_are_flagged() -> None:
    within = check_stated(RULES, 120, 97.5)  # +23%
    assert not within.flagged and "within the plan's 25% tolerance" in within.message
    over = check_stated(RULES, 130, 97.5)  # +33%
    assert over.flagged and over.difference_percent == 33.3
    assert over.message == ("130 miles stated, 97.5 estimated (+33%), over the plan's 25% "
                            "tolerance: check the mileage.")
    under = check_stated(RULES, 60, 97.5)
    assert under.flagged and under.difference_percent == -38.5
    assert check_stated(RULES, 50, None).flagged  # nothing to check against: a person looks


def test_the_plan_may_set_its_own_circuity_factor() -> None:
    text = (REPO_ROOT / "resources" / "transport.yaml").read_text("utf-8")
    rules = parse_transport_rules(text.replace("circuity_factor: 1.3", "circuity_factor: 1.5"),
                                  "transport.yaml")
    assert estimate_miles(rules, "95814", "94103", round_trip=False).miles == 112.5


@pytest.mark.parametrize(("change", "reason"), [
    (("circuity_factor: 1.3", "circuity_factor: 0.5"), "between 1.0 and 3.0"),
    (("on_holiday: keep", "on_holiday: maybe"), "'on_holiday' is 'maybe'"),
    (("per_mile: 0.205", "per_mile: lots"), "an amount in dollars"),
    (("      to: 2025-12-31\n", "      to: 2026-02-01\n"), "overlaps the one from 2025-01-01"),
    (("  ambulatory:", "  gurney:"), "one of the request form's own modes"),
])
def test_a_bad_rule_is_refused_with_its_line(change: tuple[str, str], reason: str) -> None:
    text = (REPO_ROOT / "resources" / "transport.yaml").read_text("utf-8")
    assert change[0] in text
    with pytest.raises(RuleFileError) as refused:
        parse_transport_rules(text.replace(*change), "transport.yaml")
    assert reason in str(refused.value)
    bad_line = text.replace(*change).splitlines()[refused.value.line - 1]  # type: ignore[operator]
    assert change[1].split(":")[0].strip() in bad_line or "from" in bad_line
