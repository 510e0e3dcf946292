"""One requested priority decides the route, whatever the document carries: an urgency choice,
an expedited yes/no, a tick-box row with no caption, a word stamped at the top of the page, or
an urgency box found but not read (opened expedited until a person says otherwise)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest

from casework.cases.lookup import get_case_by_number
from casework.documents.review import review_items
from casework.documents.verification import correct_field
from casework.forms.analysis import analyze
from casework.forms.requested_priority import requested_priority
from casework.intake.service import ingest_files
from casework.plan.routing import parse_routing_rules, route
from casework.plan.rule_files import RuleFileError
from casework.settings import Settings
from casework.workspace import Workspace
from ocr import ReadSettings, read_document
from tests.conftest import SUPERVISOR
from tests.forms.choice_forms import ChoiceForm, choice_form
from tests.forms.conftest import NOW
from tests.forms.generator.corpus import GeneratedForm, write_variant
from tests.intake.prior_auth_sample import RECEIVED
from tests.support.rules import BUNDLED_RULES

ROUTING = BUNDLED_RULES.routing


def _path(form: ChoiceForm, variant: str, folder: Path) -> Path:
    return write_variant(GeneratedForm(form.name, form.pdf, {}), variant, folder)


def _asked(form: ChoiceForm, variant: str, folder: Path) -> tuple[str, bool, str]:
    reading = read_document(_path(form, variant, folder), ReadSettings())
    analysis = analyze(reading, NOW, BUNDLED_RULES)
    asked = requested_priority(analysis, reading, ROUTING.priority)
    return asked.value, asked.unread, asked.source


@pytest.mark.parametrize(("fields", "expected"), [
    ({"urgency": "expedited"}, "expedited"),
    ({"expedited": True}, "expedited"),
    ({"expedited": "Yes"}, "expedited"),
    # The safe side: one answer asking for speed is enough, whatever another box says.
    ({"urgency": "standard", "expedited": True}, "expedited"),
    ({"urgency": "expedited", "expedited": False}, "expedited"),
    ({"urgency": "standard"}, "standard"),
    ({"expedited": False}, "standard"),
    ({}, "standard"),
])
@pytest.mark.parametrize("form_type", ["prior_auth_request", "grievance_form", "appeal_request",
                                       "nemt_request", "sfh_notice"])
def test_every_form_type_routes_on_the_one_requested_priority(
        form_type: str, fields: dict[str, object], expected: str) -> None:
    """GIVEN any form type carrying an urgency choice, an expedited yes/no, both or neither
    WHEN routed THEN the priority is expedited exactly when one of them asks for it."""
    assert route(ROUTING, form_type, fields, True, "en").priority == expected


def test_a_priority_the_caller_knows_overrides_what_the_fields_say() -> None:
    """GIVEN a request whose fields say standard but whose page is stamped URGENT (the caller
    passes the requested priority) WHEN routed THEN it goes to the expedited queue."""
    decision = route(ROUTING, "prior_auth_request", {"urgency": "standard"}, True, "en",
                     "expedited")
    assert (decision.queue, decision.priority) == ("um_expedited", "expedited")


def test_a_word_stamped_at_the_top_asks_for_speed(tmp_path: Path) -> None:
    """GIVEN faxed forms with "URGENT" typed large at the top — one whose urgency row says
    Routine / Standard, one a grievance whose expedited box is empty WHEN read THEN both ask
    for expedited, and the source names the stamp; the same forms without it stay standard."""
    for kind, ticked in (("pa_urgency", 0), ("grievance_box", None)):
        stamped = _asked(choice_form(kind, ticked, seed=5, mark="x", stamp="URGENT"),
                         "fax_fine", tmp_path)
        assert stamped[0] == "expedited" and "URGENT" in stamped[2] and not stamped[1]
        plain = _asked(choice_form(kind, ticked, seed=5, mark="x"), "fax_fine", tmp_path)
        assert plain[0] == "standard", plain


def test_an_urgency_row_left_unread_on_a_fax_opens_expedited_for_review(
        workspace: Workspace, settings: Settings, tmp_path: Path) -> None:
    """GIVEN a faxed prior authorization whose "Routine / Standard  Urgent / Expedited" row
    shows no tick (a faint tick lost on the fax, or none) WHEN ingested THEN the case opens
    expedited with its 72-hour clock, the JSON says a person must look, the document waits in
    Intake Review saying why; and when a clerk reads "standard" on the page the case moves to
    the standard queue with its clocks counted again."""
    path = _path(choice_form("pa_urgency", None, seed=6, mark="x"), "fax_fine", tmp_path)
    (result,) = (json.loads(r.to_json()) for r in
                 ingest_files(workspace, settings, [path], RECEIVED))
    asked = result["requested_priority"]
    assert (asked["value"], asked["needs_review"]) == ("expedited", True)
    assert "urgency" in asked["source"] and asked["page"] == 1
    assert [u["field"] for u in result["unread"]] == ["urgency"]
    case = result["case"]
    assert (case["type"], case["queue"], case["priority"]) == ("prior_auth", "um_expedited",
                                                               "expedited")
    assert case["due"]["decide"] == (RECEIVED + timedelta(hours=72)).isoformat()
    (item,) = [i for i in review_items(workspace, SUPERVISOR)
               if i.document_id == result["document_id"]]
    assert "could not be read" in item.reason and "expedited" in item.reason

    correct_field(workspace, SUPERVISOR, result["document_id"], "urgency", "standard")
    with workspace.db.read() as session:
        moved = get_case_by_number(session, case["number"])
        assert (moved.priority, moved.queue) != ("expedited", "um_expedited")
        assert moved.priority == "standard"


@pytest.mark.parametrize("variant", ["born_digital", "scan"])
def test_a_row_read_as_ticked_or_a_born_digital_blank_is_no_unread_box(
        variant: str, tmp_path: Path) -> None:
    """GIVEN the urgency row ticked standard, or left blank on a born-digital PDF (whose
    boxes are drawn, not guessed at) WHEN read THEN nothing is unread: standard."""
    ticked = _asked(choice_form("pa_urgency", 0, seed=7, mark="check"), variant, tmp_path)
    assert ticked[:2] == ("standard", False)
    if variant == "born_digital":
        blank = _asked(choice_form("pa_urgency", None, seed=7, mark="check"), variant,
                       tmp_path)
        assert blank[:2] == ("standard", False)


@pytest.mark.parametrize(("section", "reason"), [
    ("requested_priority:\n  fields: {urgency: {fast: [x]}}\n", "unknown setting 'fast'"),
    ("requested_priority:\n  fields: {urgency: {expedited: [expedited]}}\n"
     "  unread_fields: [program]\n", "'program' is not one of the fields"),
    ("requested_priority:\n  fields: {urgency: {expedited: [expedited]}}\n"
     "  when_unread: soon\n", "'when_unread' is 'soon'"),
])
def test_a_bad_requested_priority_section_is_refused_with_its_line(section: str,
                                                                    reason: str) -> None:
    """GIVEN a routing file whose requested_priority section is wrong WHEN loaded THEN it is
    refused naming the file, the line and what is wrong."""
    text = ("version: 1\n" + section +
            "rules:\n  - name: x\n    when: {form_type: grievance_form}\n"
            "    route: {case_type: grievance, queue: grievance, priority: standard}\n"
            "default: {case_type: intake_review, queue: intake_review, priority: standard}\n")
    with pytest.raises(RuleFileError, match=reason) as refused:
        parse_routing_rules(text, "routing.yaml")
    assert refused.value.line is not None and refused.value.line >= 2


def test_a_rule_asking_for_a_priority_that_does_not_exist_is_refused() -> None:
    """GIVEN a rule with `priority: urgentish` WHEN loaded THEN refused on its line."""
    text = ("version: 1\nrules:\n  - name: x\n    when: {form_type: grievance_form, "
            "priority: urgentish}\n"
            "    route: {case_type: grievance, queue: grievance, priority: standard}\n"
            "default: {case_type: intake_review, queue: intake_review, priority: standard}\n")
    with pytest.raises(RuleFileError, match="'priority' is 'urgentish'") as refused:
        parse_routing_rules(text, "routing.yaml")
    assert refused.value.line == 4
