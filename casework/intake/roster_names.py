"""What the rosters make of the names read from a form: confirmed, differing or unknown, and
which confirmed names need no person's look."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rapidfuzz import fuzz

from casework.directory.matching import NAME_MATCH, MemberMatch, ProviderMatch
from casework.directory.values import bare_name, normalise_name


def mark_names(extras: dict[str, Any], member: MemberMatch,
               providers: Mapping[str, ProviderMatch | None],
               values: Mapping[str, object]) -> None:
    """Mark the member's name and each provider's (by field prefix) with what the roster says.

    A member found by the ID or birth date read beside the name, with no birth date that
    disagrees, vouches for the name; a provider only when found by the NPI read beside it
    (a provider found by the name alone proves nothing about the name).
    """
    mark_roster(extras, "member_name", member.name if member.matched else None,
                vouched=member.matched and not member.dob_differs)
    for prefix, provider in providers.items():
        found = provider is not None and provider.provider_id is not None
        mark_roster(extras, f"{prefix}_name", provider.name if found and provider else None,
                    vouched=found and bool(values.get(f"{prefix}_npi")))


def mark_roster(extras: dict[str, Any], field: str, roster_name: str | None,
                vouched: bool = False) -> None:
    """Say on a name field whether the roster confirms it: "matched" (the roster has someone
    of that name for what the form says), "differs" (the roster's person for the form's IDs
    has another name) or "not_found" (no one in the roster: the name is not to be trusted).

    A matched name spelled as the roster spells it, for a person the form's own identifiers
    found (`vouched`), is trusted as read: two facts of the page agree with the plan's records.
    """
    read = extras["fields"].get(field)
    if read is None:
        return
    if roster_name is None:
        read["roster"] = "not_found"
        read["needs_review"] = True  # a name the roster does not know is never trusted as read
        return
    said, known = normalise_name(str(read["value"])), normalise_name(roster_name)
    # Word order aside ("LOPEZ, MARIA"); a provider's credentials may be added or left out.
    score = fuzz.token_sort_ratio(said, known)
    if len(said.split()) >= 2:
        score = max(score, fuzz.token_set_ratio(said, known))
    same = score >= NAME_MATCH
    read["roster"] = "matched" if same else "differs"
    if not same:
        read["needs_review"] = True
    elif vouched and spelled_alike(str(read["value"]), roster_name) \
            and not _has_problem(extras, field):
        read["needs_review"] = False


def spelled_alike(read: str, roster_name: str) -> bool:
    """The same words, whatever their order, case, punctuation, titles and credentials: a
    letter OCR changed ("Delgabo") is not the roster's spelling, however close."""
    said = bare_name(read).split()
    return len(said) >= 2 and sorted(said) == sorted(bare_name(roster_name).split())


def _has_problem(extras: dict[str, Any], field: str) -> bool:
    return any(isinstance(p, dict) and p.get("field") == field
               for p in extras.get("problems", []))
