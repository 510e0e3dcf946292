"""Which letter kinds fit a case now, and the refusal of one that does not.

The rule file says which case types, priorities, statuses and outcomes each kind fits; the
window offers only those, and generating any other is refused naming the kinds that fit.
"""

from __future__ import annotations

import json

from casework.cases.states import WORDS
from casework.db.case_models import Case
from casework.errors import UserError
from casework.plan.case_types import CASE_TYPE_LABELS, capitalized, with_article
from casework.plan.letter_kinds import CaseState, LetterKind, LetterKinds


class LetterDoesNotFit(UserError):
    """The letter kind is not one the case may be sent in its type, priority, status or outcome."""


def case_state(case: Case) -> CaseState:
    """What decides which letters fit the case (who filed it: the form's `filed_by`)."""
    try:
        filed_by = str(json.loads(case.fields_json or "{}").get("filed_by") or "member")
    except (ValueError, AttributeError):
        filed_by = "member"
    return CaseState(case.case_type, case.priority, case.status, case.outcome,
                     filed_by.strip().lower())


def fitting_kinds(kinds: LetterKinds, case: Case) -> tuple[LetterKind, ...]:
    """The kinds the case may be sent now, in the rule file's order."""
    return kinds.fitting(case_state(case))


def fitting_kind(kinds: LetterKinds, case: Case, name: str) -> LetterKind:
    """The kind called `name` if it fits the case; refused in words naming the kinds that do."""
    kind = kinds.kind(name)
    refusal = fit_refusal(kinds, case, kind)
    if refusal is not None:
        raise LetterDoesNotFit(refusal)
    return kind


def fit_refusal(kinds: LetterKinds, case: Case, kind: LetterKind) -> str | None:
    """Why `kind` does not fit the case now, naming the kinds that do (None: it fits)."""
    if kind.fits.admits(case_state(case)):
        return None
    return _refusal(kind, case, fitting_kinds(kinds, case))


def _refusal(kind: LetterKind, case: Case, fitting: tuple[LetterKind, ...]) -> str:
    label = CASE_TYPE_LABELS.get(case.case_type, case.case_type.replace("_", " "))
    words = WORDS.get(case.status)
    state = words.state if words else case.status.replace("_", " ")
    outcome = f", {case.outcome.replace('_', ' ')}" if case.outcome else ""
    described = f"{with_article(case.priority + ' ' + label)} that is {state}{outcome}"
    names = "; ".join(f"{k.title['en']} ({k.name})" for k in fitting)
    offered = f"The letters that fit it now: {names}." if fitting else "No letter fits it now."
    title = with_article(kind.title["en"].lower())
    return (f"{capitalized(title)} ({kind.name}) does not fit {case.number}, {described}. "
            f"{offered}")
