"""Routing every form type with the bundled rules: case type, queue and priority."""

from __future__ import annotations

from datetime import datetime

import pytest

from casework.cases.clocks import compute_due
from casework.plan.routing import (
    RouteDecision,
    parse_routing_rules,
    route,
)
from casework.plan.timezone import PLAN_ZONE
from tests.support.rules import BUNDLED_RULES


@pytest.mark.parametrize(
    ("form_type", "fields", "complete", "language", "expected"),
    [
        ("prior_auth_request", {"urgency": "standard"}, True, "en",
         ("prior_auth", "um_standard", "standard")),
        ("prior_auth_request", {"urgency": "Expedited "}, True, "en",
         ("prior_auth", "um_expedited", "expedited")),
        # Incomplete still opens a prior authorization: the clock runs from receipt.
        ("prior_auth_request", {"urgency": None}, False, None,
         ("prior_auth", "um_pending_information", "standard")),
        ("prior_auth_request", {"urgency": "urgent"}, False, None,
         ("prior_auth", "um_expedited", "expedited")),
        ("grievance_form", {}, True, "en", ("grievance", "grievance", "standard")),
        ("grievance_form", {}, True, None, ("grievance", "grievance", "standard")),
        ("grievance_form", {"urgency": "expedited"}, True, "es",
         ("grievance", "grievance_expedited", "expedited")),
        ("grievance_form", {}, True, "Spanish",
         ("grievance", "grievance_language_assistance", "standard")),
        ("appeal_request", {}, True, "en", ("appeal", "appeals", "standard")),
        ("appeal_request", {"urgency": "EXPEDITED"}, False, "en",
         ("appeal", "appeals_expedited", "expedited")),
        ("nemt_request", {}, True, "en", ("nemt", "transportation", "standard")),
        ("nemt_request", {"urgency": "expedited"}, True, "en",
         ("nemt", "transportation_expedited", "expedited")),
        ("sfh_notice", {}, True, "en", ("sfh", "state_hearings", "standard")),
        ("care_coordination_referral", {"program": "ECM"}, True, "en",
         ("care_coordination", "ecm", "standard")),
        ("care_coordination_referral", {"program": "Community Supports"}, True, "en",
         ("care_coordination", "community_supports", "standard")),
        ("care_coordination_referral", {}, True, "en",
         ("care_coordination", "care_coordination", "standard")),
        ("unknown", {"urgency": "expedited"}, False, None,
         ("intake_review", "intake_review", "standard")),
    ],
)
def test_every_form_type_routes_to_its_case(
    form_type: str, fields: dict[str, object], complete: bool, language: str | None,
    expected: tuple[str, str, str],
) -> None:
    decision = route(BUNDLED_RULES.routing, form_type, fields, complete, language)
    assert (decision.case_type, decision.queue, decision.priority) == expected
    assert decision.is_default == (form_type == "unknown")


def test_every_routed_decision_has_clock_rules() -> None:
    """A rule routing to a priority its case type has no clocks for would fail at opening."""
    for rule in BUNDLED_RULES.routing.rules:
        decision = rule.decision
        compute_due(BUNDLED_RULES, decision.case_type, decision.priority,
                    datetime(2026, 6, 1, 9, tzinfo=PLAN_ZONE))


def test_first_matching_rule_wins_and_names_itself() -> None:
    rules = parse_routing_rules(
        "version: 1\n"
        "rules:\n"
        "  - name: first\n"
        "    when: {form_type: [a, b], fields: {program: {not: [x, null]}}}\n"
        "    route: {case_type: care_coordination, queue: one, priority: standard}\n"
        "  - name: second\n"
        "    when: {form_type: a, language: [es, null]}\n"
        "    route: {case_type: care_coordination, queue: two, priority: standard}\n"
        "default: {case_type: intake_review, queue: intake_review, priority: standard}\n",
        "test rules",
    )
    assert route(rules, "a", {"program": "y"}, True, "es") == RouteDecision(
        "care_coordination", "one", "standard", "first")
    # program is x: the first rule's 'not' excludes it, the second takes it.
    assert route(rules, "a", {"program": "x"}, True, None).rule == "second"
    # An empty field counts as no value, which the first rule excludes too.
    assert route(rules, "a", {"program": "  "}, True, "ES").rule == "second"
    assert route(rules, "b", {}, True, "es").is_default


@pytest.mark.parametrize(("form_type", "queue"), [
    ("grievance_form", "grievance_expedited"),
    ("appeal_request", "appeals_expedited"),
    ("nemt_request", "transportation_expedited"),
    ("sfh_notice", "state_hearings"),
    ("prior_auth_request", "um_expedited"),
])
@pytest.mark.parametrize("answer", [True, "yes", "Yes ", "true"])
def test_expedited_answered_yes_is_expedited_on_every_form_type(
        form_type: str, queue: str, answer: object) -> None:
    """GIVEN a form whose "expedited review" yes/no box was ticked yes (as read, a check box is
    True; as a clerk typed it, "yes") WHEN it is routed THEN it goes to the expedited queue,
    exactly as an urgency ticked "expedited" does."""
    by_box = route(BUNDLED_RULES.routing, form_type, {"expedited": answer}, True, "en")
    by_urgency = route(BUNDLED_RULES.routing, form_type, {"urgency": "expedited"}, True, "en")
    assert (by_box.queue, by_box.priority) == (queue, "expedited")
    assert (by_urgency.queue, by_urgency.priority) == (queue, "expedited")


@pytest.mark.parametrize("answer", [False, "no", None])
def test_expedited_answered_no_or_left_blank_is_standard(answer: object) -> None:
    for form_type in ("grievance_form", "appeal_request", "nemt_request"):
        decision = route(BUNDLED_RULES.routing, form_type, {"expedited": answer}, True, "en")
        assert decision.priority == "standard", form_type


def test_a_yes_no_condition_matches_the_answer_however_it_is_written() -> None:
    rules = parse_routing_rules(
        "version: 1\n"
        "rules:\n"
        "  - name: asked\n"
        "    when: {fields: {expedited: yes}}\n"
        "    route: {case_type: grievance, queue: fast, priority: expedited}\n"
        "  - name: not asked\n"
        "    when: {fields: {expedited: 'No'}}\n"
        "    route: {case_type: grievance, queue: slow, priority: standard}\n"
        "default: {case_type: intake_review, queue: intake_review, priority: standard}\n",
        "test rules",
    )
    for answer in (True, "true", "YES", "Sí"):
        assert route(rules, "g", {"expedited": answer}, True, None).rule == "asked", answer
    for answer in (False, "false", "no"):
        assert route(rules, "g", {"expedited": answer}, True, None).rule == "not asked", answer
    assert route(rules, "g", {"expedited": "maybe"}, True, None).is_default
