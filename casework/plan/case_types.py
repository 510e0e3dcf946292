"""The kinds of case the plan works, their priorities, and how people name them."""

from __future__ import annotations

from typing import Final

CASE_TYPES: Final = (
    "prior_auth", "grievance", "appeal", "nemt", "sfh", "care_coordination", "intake_review",
)
PRIORITIES: Final = ("standard", "expedited", "exempt")

# How a sentence names a case of each type ("A grievance that is received ...").
CASE_TYPE_LABELS: Final = {
    "prior_auth": "prior authorization request",
    "grievance": "grievance",
    "appeal": "appeal",
    "nemt": "transportation request",
    "sfh": "State Hearing",
    "care_coordination": "care coordination referral",
    "intake_review": "document in intake review",
}


def with_article(label: str) -> str:
    """'a grievance', 'an appeal': the indefinite article a sentence needs before `label`."""
    article = "an" if label[:1].lower() in "aeiou" else "a"
    return f"{article} {label}"


def capitalized(text: str) -> str:
    """`text` with its first letter upper-case and the rest untouched ('A State Hearing')."""
    return text[:1].upper() + text[1:]
