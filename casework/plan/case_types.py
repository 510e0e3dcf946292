"""The kinds of case the plan works, their priorities, and how people name them."""

from __future__ import annotations

from enum import StrEnum, unique
from typing import Final


@unique
class CaseType(StrEnum):
    """The kinds of case; the value is what `cases.case_type` and the rule files hold."""

    PRIOR_AUTH = "prior_auth"
    GRIEVANCE = "grievance"
    APPEAL = "appeal"
    NEMT = "nemt"  # non-emergency medical transportation
    SFH = "sfh"  # State Fair Hearing
    CARE_COORDINATION = "care_coordination"
    INTAKE_REVIEW = "intake_review"  # a document a person must look at before it is filed


@unique
class Priority(StrEnum):
    """How fast a case must move; the value is what `cases.priority` and the rule files hold."""

    STANDARD = "standard"
    EXPEDITED = "expedited"  # a member's health is at serious risk: shorter clocks
    EXEMPT = "exempt"  # a grievance resolved on the phone by the next business day


CASE_TYPES: Final = tuple(CaseType)
PRIORITIES: Final = tuple(Priority)

# How a sentence names a case of each type ("A grievance that is received ...").
CASE_TYPE_LABELS: Final[dict[str, str]] = {
    CaseType.PRIOR_AUTH: "prior authorization request",
    CaseType.GRIEVANCE: "grievance",
    CaseType.APPEAL: "appeal",
    CaseType.NEMT: "transportation request",
    CaseType.SFH: "State Hearing",
    CaseType.CARE_COORDINATION: "care coordination referral",
    CaseType.INTAKE_REVIEW: "document in intake review",
}


def with_article(label: str) -> str:
    """'a grievance', 'an appeal': the indefinite article a sentence needs before `label`."""
    article = "an" if label[:1].lower() in "aeiou" else "a"
    return f"{article} {label}"


def capitalized(text: str) -> str:
    """`text` with its first letter upper-case and the rest untouched ('A State Hearing')."""
    return text[:1].upper() + text[1:]
