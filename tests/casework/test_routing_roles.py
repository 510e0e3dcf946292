"""routing.yaml's `worked_by` and `languages`: read as written, refused with file, line and
reason when they name a queue the file does not."""

from __future__ import annotations

import pytest

from casework.plan.routing import parse_routing_rules
from casework.plan.rule_files import RuleFileError

TOP = """version: 1
queues:
  grievance: Grievances
  intake_review: Intake review
languages: [English, Spanish]
default: {case_type: intake_review, queue: intake_review, priority: standard}
rules: []
"""


def test_a_role_works_the_queues_it_is_given_and_an_unnamed_role_sees_all() -> None:
    rules = parse_routing_rules(TOP + "worked_by:\n  grievance_coordinator: [grievance]\n",
                                "routing.yaml")
    assert rules.queues_for("grievance_coordinator") == ("grievance",)
    assert rules.queues_for("supervisor") is None
    assert rules.languages == ("English", "Spanish")


def test_a_queue_not_named_under_queues_is_refused_with_its_line() -> None:
    with pytest.raises(RuleFileError) as refused:
        parse_routing_rules(TOP + "worked_by:\n  grievance_coordinator: [grievences]\n",
                            "routing.yaml")
    message = str(refused.value)
    assert "routing.yaml" in message and "grievences" in message and "line" in message
