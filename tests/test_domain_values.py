"""Domain values are named once, as enums: bare strings for them must not creep back.

The audit actions, document and job states and case statuses are stored in the database and
the trail; a typo in a bare string would write or look for a value nothing else knows.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from casework.audit.actions import AuditAction
from casework.cases.statuses import CaseStatus, Outcome
from casework.cases.trail import STEP_WORDS, VIEW_ACTIONS
from casework.db.states import DocumentStatus, JobState
from casework.plan.case_types import CASE_TYPE_LABELS, CASE_TYPES, PRIORITIES, CaseType, Priority
from casework.plan.clock_rules import CLOCK_NAMES, ClockName

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ("casework", "desktop", "cli", "main.py")
STATE_VALUES = frozenset(DocumentStatus) | frozenset(JobState) | frozenset(CaseStatus)
SQL_MEMBERSHIP = ("in_", "not_in")


def _sources() -> Iterator[tuple[str, ast.Module]]:
    for name in SCANNED:
        path = ROOT / name
        files = [path] if path.is_file() else sorted(path.rglob("*.py"))
        for file in files:
            yield str(file.relative_to(ROOT)), ast.parse(file.read_text("utf-8"), str(file))


def _action_argument(call: ast.Call) -> ast.expr | None:
    for keyword in call.keywords:
        if keyword.arg == "action":
            return keyword.value
    return call.args[2] if len(call.args) > 2 else None


def _is_record(call: ast.Call) -> bool:
    func = call.func
    return (isinstance(func, ast.Name) and func.id == "record") or (
        isinstance(func, ast.Attribute) and func.attr == "record"
        and isinstance(func.value, ast.Name) and func.value.id == "trail")


def _spelled_out(node: ast.expr) -> bool:
    """Whether the expression builds text itself (a literal, an f-string, a sum or format)."""
    return any(isinstance(n, ast.JoinedStr) or (isinstance(n, ast.Constant)
                                                 and isinstance(n.value, str))
               for n in ast.walk(node))


def test_audit_actions_are_members_not_text() -> None:
    found = []
    for name, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _is_record(node):
                action = _action_argument(node)
                if action is not None and _spelled_out(action):
                    found.append(f"{name}:{node.lineno}: {ast.unparse(action)}")
    assert not found, "record() is given text, not an AuditAction member:\n" + "\n".join(found)


def _literals(node: ast.expr) -> Iterator[ast.Constant]:
    """String literals compared directly, or as members of a literal tuple, list or set.

    A collection holding other words too is about something else (the intake process's phases
    include "reading"), so only collections of state values alone count.
    """
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node
    elif isinstance(node, ast.Tuple | ast.List | ast.Set):
        words = [e for e in node.elts if isinstance(e, ast.Constant) and isinstance(e.value, str)]
        if all(word.value in STATE_VALUES for word in words):
            yield from words


def _compared(tree: ast.Module) -> Iterator[ast.Constant]:
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            for side in (node.left, *node.comparators):
                yield from _literals(side)
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in SQL_MEMBERSHIP):
            for argument in node.args:
                yield from _literals(argument)


def test_states_are_compared_as_members_not_text() -> None:
    found = [
        f"{name}:{literal.lineno}: {literal.value!r}"
        for name, tree in _sources()
        for literal in _compared(tree)
        if literal.value in STATE_VALUES
    ]
    assert not found, ("A document or job state or a case status is compared as text; use "
                       "DocumentStatus, JobState or CaseStatus:\n" + "\n".join(found))


def test_every_written_action_is_known_to_the_trail_screens() -> None:
    """Each action the services write is a member; the case timeline words only members."""
    written = set()
    for _name, tree in _sources():
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and _is_record(node):
                action = _action_argument(node)
                if isinstance(action, ast.Attribute) and isinstance(action.value, ast.Name) \
                        and action.value.id == "AuditAction":
                    written.add(action.attr)
    assert written <= set(AuditAction.__members__)
    assert set(STEP_WORDS) <= set(AuditAction)
    assert all(isinstance(action, AuditAction) for action in (*STEP_WORDS, *VIEW_ACTIONS))
    # Every member is written somewhere (by name, or chosen from a mapping of members).
    named = {node.attr for _name, tree in _sources() for node in ast.walk(tree)
             if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
             and node.value.id == "AuditAction"}
    assert set(AuditAction.__members__) <= named


@pytest.mark.parametrize("enum", [AuditAction, CaseStatus, Outcome, DocumentStatus, JobState,
                                  CaseType, Priority, ClockName])
def test_members_are_stored_as_their_plain_text(enum: type) -> None:
    import json

    for member in enum:
        assert member == member.value and str(member) == member.value
        assert f"{member}" == member.value
        assert json.dumps({member: member}) == json.dumps({member.value: member.value})


def test_derived_tuples_keep_their_order() -> None:
    assert CASE_TYPES == ("prior_auth", "grievance", "appeal", "nemt", "sfh",
                          "care_coordination", "intake_review")
    assert PRIORITIES == ("standard", "expedited", "exempt")
    assert CLOCK_NAMES == ("acknowledge", "resolve", "decide", "notify", "prepare")
    assert set(CASE_TYPE_LABELS) == set(CaseType)
