"""The clinical reviewer a denial or modification notice names, taken from the recorded decision.

A notice of an outcome only a reviewer may record (resources/clinical_review.yaml) names the
reviewer who recorded it — name, credentials and a phone number where the provider can reach
them (H&S Code §1367.01(h)(4)) — and cannot be made before a reviewer's decision is recorded.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from casework.cases.clinical_review import deciding_reviewer
from casework.db.case_models import Case
from casework.errors import InvalidValue
from casework.letters.data import Contact, LetterData
from casework.letters.fitting import LetterDoesNotFit, fit_refusal
from casework.plan.clinical_review import ClinicalReviewRules
from casework.plan.letter_kinds import LetterKind, LetterKinds

# What staff may not write into a reviewed notice: who decided is the record's, not a typist's.
FROM_THE_DECISION = ("reviewer.name", "reviewer.credentials")


class NoReviewerDecision(LetterDoesNotFit):
    """A notice of a reviewer's decision was asked for before a reviewer recorded one."""


def is_reviewed_notice(rules: ClinicalReviewRules, case_type: str, kind: str) -> bool:
    """Whether `kind` on a `case_type` case tells of a decision only a reviewer may record."""
    return rules.notice_outcome(case_type, kind) is not None


def reviewer_for_notice(session: Session, rules: ClinicalReviewRules, case: Case,
                        kind: LetterKind, kinds: LetterKinds) -> Contact | None:
    """The reviewer a notice of `kind` names (None: the kind names no recorded reviewer);
    refuses the notice when no reviewer's decision of its outcome is recorded, saying too
    which letters fit the case now when this one does not."""
    outcome = rules.notice_outcome(case.case_type, kind.name)
    if outcome is None:
        return None
    reviewer = deciding_reviewer(session, case)
    if case.outcome != outcome or reviewer is None or not reviewer.is_reviewer:
        title = kind.title["en"]
        reason = (f"“{title}” cannot be made for {case.number}: no clinical reviewer has "
                  f"recorded that the request is {outcome}. A clinical reviewer records the "
                  f"decision (status decided, outcome {outcome}); refer the case to a reviewer "
                  "if no one has.")
        misfit = fit_refusal(kinds, case, kind)
        raise NoReviewerDecision(f"{reason} {misfit}" if misfit else reason)
    return Contact(reviewer.full_name, phone=reviewer.phone, credentials=reviewer.credentials)


def with_reviewer(data: LetterData, reviewer: Contact | None, written: dict[str, str],
                  kind: LetterKind) -> LetterData:
    """The letter data naming the recorded reviewer; staff may give the phone number (the
    account has none, or the provider should call another line), never the name."""
    if reviewer is None:
        return data
    refused = [name for name in FROM_THE_DECISION if written.get(name, "").strip()]
    if refused:
        raise InvalidValue(
            f"“{kind.title['en']}” names the clinical reviewer who recorded the "
            f"decision ({reviewer.name}, {reviewer.credentials}); their name and credentials "
            "come from their account and cannot be written in.")
    return replace(data, reviewer=reviewer)
