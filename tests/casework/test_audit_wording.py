"""Audit events said in words for a person; the stored values stay as they are."""

from __future__ import annotations

import json

from casework.audit.wording import details_words, event_sentence


def test_events_read_as_sentences_naming_the_case_not_the_row() -> None:
    assert event_sentence("user.signed_in", "Maria Lopez", "user", "4", "") == \
        "Maria Lopez signed in"
    assert event_sentence("case.viewed", "Maria Lopez", "case", "7",
                          json.dumps({"number": "GRV-2026-000123"})) == \
        "Maria Lopez opened case GRV-2026-000123"
    assert event_sentence("document.viewed", "Casey", "document", "3", "{}") == \
        "Casey looked at document 3"
    assert event_sentence("letter.fax_queued", "Gloria", "letter", "5",
                          json.dumps({"number": "GRV-1", "file": "x.pdf"})) == \
        "Gloria queued to fax a letter for case GRV-1"


def test_details_say_clocks_lists_and_nothing_empty_in_words() -> None:
    stored = json.dumps({"number": "GRV-1", "document": None, "priority": "standard",
                         "clocks": {"acknowledge": "2026-11-16T23:59:59-08:00"},
                         "cases": ["GRV-1"], "draft": True})
    said = details_words("case.opened", stored)
    assert said == ("priority: standard, clocks: acknowledge due Mon 11/16/2026 11:59 PM, "
                    "cases: GRV-1, draft: yes")
    for machine in ("None", "['", "T23:59", "{"):
        assert machine not in said
