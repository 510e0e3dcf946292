"""Bad clock and routing rule files are refused with the file, the line and the reason."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from casework.plan.clock_rules import load_clock_rules
from casework.plan.routing import load_routing_rules
from casework.plan.rule_files import RuleFileError

GOOD_RULE = """\
  - case_type: grievance
    priority: standard
    clock: acknowledge
    from: received
    due: {calendar_days: 5}
    citation: "28 CCR §1300.68(d)(1)"
"""


def refusal(path: Path, text: str, loader: Callable[[Path], object]) -> str:
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleFileError) as refused:
        loader(path)
    return str(refused.value)


def test_the_bundled_rule_files_load() -> None:
    clocks = load_clock_rules()
    assert all(rule.citation for rule in clocks.rules)
    assert len(load_routing_rules().rules) >= 7


@pytest.mark.parametrize(
    ("rules", "line", "reason"),
    [
        # An unknown kind of clock, on the line that names it.
        ("  - case_type: grievance\n    priority: standard\n    clock: resolve\n"
         "    from: received\n    due:\n      weeks: 4\n    citation: x\n",
         8, "unknown kind of clock 'weeks'"),
        # No citation: the rule's first line.
        ("  - case_type: grievance\n    priority: standard\n    clock: resolve\n"
         "    from: received\n    due: {calendar_days: 30}\n", 3,
         "must cite the regulation"),
        # Overlapping effective dates: the later rule is named, with the earlier one's line.
        (GOOD_RULE + GOOD_RULE.replace("    citation", "    effective_from: 2026-01-01\n"
                                       "    citation"), 9,
         "rule on line 3 are both in force"),
        ("  - case_type: grievances\n    priority: standard\n    clock: resolve\n"
         "    from: received\n    due: {calendar_days: 30}\n    citation: x\n", 3,
         "'case_type' has 'grievances'"),
        ("  - case_type: grievance\n    priority: urgent\n    clock: resolve\n"
         "    from: received\n    due: {calendar_days: 30}\n    citation: x\n", 4,
         "'priority' has 'urgent'"),
        ("  - case_type: prior_auth\n    priority: standard\n    clock: decide\n"
         "    from: received\n    due: {business_days: 5, calendar_days: 7}\n    citation: x\n",
         7, "must say 'whichever: earlier'"),
        ("  - case_type: sfh\n    priority: standard\n    clock: prepare\n"
         "    from: received\n    due: {business_days_before: 5}\n    citation: x\n",
         7, "needs 'from: hearing'"),
        ("  - case_type: grievance\n    priority: standard\n    clock: resolve\n"
         "    from: received\n    due: {calendar_days: 0}\n    citation: x\n",
         7, "at least 1"),
        ("  - case_type: grievance\n    priority: standard\n    clock: resolve\n"
         "    from: received\n    due: {calendar_days: 30}\n    citation: x\n"
         "    effective_from: 2026-02-01\n    effective_to: 2026-01-01\n",
         10, "is before 'effective_from'"),
        ("  - case_type: grievance\n    priority: standard\n    clock: resolve\n"
         "    from: received\n    due: {calendar_days: 30}\n    citation: x\n"
         "    citaton: y\n", 9, "unknown setting 'citaton'"),
        ("  - case_type: grievance\n    priority: standard\n    clock: resolve\n"
         "    from: received\n    due: {calendar_days: 30}\n    citation: x\n"
         "    extension: {days: 14}\n", 9, "an extension must cite"),
        ("  - case_type: grievance\n    priority: standard\n    clock: resolve\n"
         "    from: received\n    due: {calendar_days: 30}\n    citation: x\n"
         "    extension: {days: 14, citation: y, notice: {letter: extension_notice}}\n", 9,
         "an extension notice must cite"),
        ("  - case_type: grievance\n    priority: exempt\n    clock: resolve\n"
         "    from: received\n    due: {business_days: 1}\n    citation: x\n"
         "    overdue: {becomes: standard}\n", 9, "'overdue' must cite"),
        ("  - case_type: grievance\n    priority: exempt\n    clock: resolve\n"
         "    from: received\n    due: {business_days: 1}\n    citation: x\n"
         "    overdue: {becomes: exempt, citation: y}\n", 9, "the priority the case already"),
        ("  - case_type: grievance\n    priority: exempt\n    clock: resolve\n"
         "    from: received\n    due: {business_days: 1}\n    citation: x\n"
         "    overdue: {becomes: expedited, citation: y}\n", 3,
         "no rule gives an expedited grievance case its clocks"),
        ("  - case_type: grievance\n    priority: standard\n    clock: resolve\n"
         "    from: received\n    from: decided\n", 7, "the key 'from' appears twice"),
        ("  - case_type: grievance\n    priority: [standard\n", 5, "not valid YAML"),
    ],
)
def test_a_bad_clock_rule_is_refused(tmp_path: Path, rules: str, line: int, reason: str) -> None:
    path = tmp_path / "clocks.yaml"
    message = refusal(path, "version: 1\nrules:\n" + rules, load_clock_rules)
    assert message.startswith(f"{path}, line {line}: ")
    assert reason in message


ROUTING_HEAD = "version: 1\ndefault: {case_type: intake_review, queue: intake_review, priority: standard}\nrules:\n"
ROUTING_TAIL = "default: {case_type: intake_review, queue: intake_review, priority: standard}\nrules: []\n"


@pytest.mark.parametrize(
    ("text", "line", "reason"),
    [
        (ROUTING_HEAD + "  - name: a\n    when: {form_type: grievance_form}\n"
         "    route: {case_type: complaint, queue: g, priority: standard}\n", 6,
         "'case_type' is 'complaint'"),
        (ROUTING_HEAD + "  - name: a\n    when: {form_type: grievance_form}\n"
         "    route: {case_type: grievance, queue: g, priority: urgent}\n", 6,
         "'priority' is 'urgent'"),
        (ROUTING_HEAD + "  - name: a\n    when: {form_type: grievance_form}\n", 4,
         "does not say where to 'route'"),
        (ROUTING_HEAD + "  - name: a\n    when: {form_type: x}\n"
         "    route: {case_type: grievance, queue: g, priority: standard}\n"
         "  - name: a\n    when: {form_type: y}\n"
         "    route: {case_type: grievance, queue: g, priority: standard}\n", 7,
         "the rule name 'a' is already used on line 4"),
        (ROUTING_HEAD + "  - name: everything\n"
         "    route: {case_type: grievance, queue: g, priority: standard}\n"
         "  - name: b\n    when: {form_type: y}\n"
         "    route: {case_type: grievance, queue: g, priority: standard}\n", 6,
         "can never match: the rule on line 4"),
        (ROUTING_HEAD + "  - name: a\n    when: {form_type: x, urgency: expedited}\n"
         "    route: {case_type: grievance, queue: g, priority: standard}\n", 5,
         "unknown setting 'urgency'"),
        (ROUTING_HEAD + "  - name: a\n    when: {form_type: x, complete: maybe}\n"
         "    route: {case_type: grievance, queue: g, priority: standard}\n", 5,
         "'complete' must be true or false"),
        (ROUTING_HEAD + "  - name: a\n    when: {form_type: x}\n"
         "    route: {case_type: grievance, queue: Grievance Queue, priority: standard}\n", 6,
         "lower-case letters"),
        ("version: 1\nrules: []\n", 1, "missing 'default'"),
        ("version: 1\nqueues:\n  grievance: Grievances\n  Big Queue: Big\n" + ROUTING_TAIL, 4,
         "'Big Queue' must be lower-case letters"),
        ("version: 1\nqueues:\n  grievance: ''\n" + ROUTING_TAIL, 3,
         "'grievance' must be non-empty text"),
        (ROUTING_HEAD + "  - name: a\n\twhen: {}\n", 5, "not valid YAML"),
    ],
)
def test_a_bad_routing_rule_is_refused(tmp_path: Path, text: str, line: int, reason: str) -> None:
    path = tmp_path / "routing.yaml"
    message = refusal(path, text, load_routing_rules)
    assert message.startswith(f"{path}, line {line}: ")
    assert reason in message


def test_an_unreadable_rule_file_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    with pytest.raises(RuleFileError, match=r"nowhere\.yaml: the file cannot be read"):
        load_clock_rules(missing)


def test_queues_are_called_what_the_routing_file_names_them(tmp_path: Path) -> None:
    path = tmp_path / "routing.yaml"
    path.write_text("version: 1\nqueues:\n  um_standard: UM — standard\n" + ROUTING_TAIL,
                    encoding="utf-8")
    rules = load_routing_rules(path)
    assert rules.queue_label("um_standard") == "UM — standard"
    assert rules.queue_label("night_shift") == "Night shift"  # unnamed: its words
