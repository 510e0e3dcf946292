"""Matching what a form says against the rosters, correcting OCR misreads only when unambiguous.

A correction is never silent: the match carries the original reading and the corrected value,
and the caller records both.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from datetime import date

from rapidfuzz import fuzz
from sqlalchemy import ColumnElement, or_, select

from casework.db.directory_models import Member, Provider
from casework.directory.values import bare_name, normalise_name
from casework.workspace import Workspace

# Characters OCR confuses in identifiers, each mapped to what it may really be.
_CONFUSABLE = {
    "0": "ODQ8", "O": "0DQ", "D": "0O", "Q": "0O", "1": "IL7", "I": "1L", "L": "1I",
    "7": "1", "2": "Z", "Z": "2", "5": "S6", "S": "5", "8": "B30", "B": "83", "6": "G5",
    "G": "6", "3": "8", "4": "A", "A": "4", "9": "g",
}
NAME_MATCH = 85.0  # token-sort similarity (0-100) at which two renderings are the same name
CLEAR_MARGIN = 10.0  # how far ahead the best candidate must be to correct without a person


@dataclass(frozen=True)
class Correction:
    """A value changed because the roster showed what the page must have said."""

    field: str
    read: str
    corrected: str
    reason: str


@dataclass(frozen=True)
class MemberMatch:
    member_id: int | None
    cin: str | None
    name: str | None
    language: str | None
    score: float
    eligible_on_service_date: bool | None
    corrections: tuple[Correction, ...] = ()
    candidates: tuple[str, ...] = field(default=())  # CINs a person should choose between
    roster_dob: date | None = None
    form_dob: date | None = None

    @property
    def matched(self) -> bool:
        return self.member_id is not None

    @property
    def dob_differs(self) -> bool:
        """Matched by ID and name, but the form's birth date is not the roster's: the wrong
        person's case, or a misread date; either way a person must look."""
        return (self.matched and self.form_dob is not None and self.roster_dob is not None
                and self.form_dob != self.roster_dob)


@dataclass(frozen=True)
class ProviderMatch:
    provider_id: int | None
    npi: str | None
    name: str | None
    score: float
    corrections: tuple[Correction, ...] = ()


def identifier_variants(text: str, max_changes: int = 2) -> set[str]:
    """Every reading of `text` with up to `max_changes` OCR-confusable characters swapped."""
    text = text.upper().replace(" ", "")
    variants = {text}
    positions = [i for i, ch in enumerate(text) if ch in _CONFUSABLE]
    for count in range(1, max_changes + 1):
        for chosen in itertools.combinations(positions, count):
            options = [_CONFUSABLE[text[i]].upper() for i in chosen]
            for replacement in itertools.product(*options):
                chars = list(text)
                for i, ch in zip(chosen, replacement, strict=True):
                    chars[i] = ch
                variants.add("".join(chars))
    return variants


def match_member(
    ws: Workspace, *, name: str | None, member_id: str | None, dob: date | None,
    service_date: date | None = None,
) -> MemberMatch:
    """Find the member a form is about by CIN, name and birth date."""
    read_cin = (member_id or "").upper().replace(" ", "")
    wanted = normalise_name(name or "")
    with ws.db.read() as session:
        clauses: list[ColumnElement[bool]] = []
        if read_cin:
            clauses.append(Member.cin.in_(identifier_variants(read_cin)))
        if dob:
            clauses.append(Member.dob == dob)
        if not clauses:
            return MemberMatch(None, None, None, None, 0.0, None)
        candidates = session.scalars(select(Member).where(or_(*clauses)).limit(500)).all()
        scored = sorted(
            ((_member_score(m, read_cin, wanted, dob), m) for m in candidates),
            key=lambda pair: pair[0], reverse=True,
        )
    if not scored or scored[0][0] < 60:
        return MemberMatch(None, None, None, None, scored[0][0] if scored else 0.0, None)
    best_score, best = scored[0]
    runner_up = scored[1][0] if len(scored) > 1 else 0.0
    if best_score - runner_up < CLEAR_MARGIN:
        return MemberMatch(None, None, None, None, best_score, None,
                           candidates=tuple(m.cin for _, m in scored[:5]))
    corrections = []
    if read_cin and read_cin != best.cin:
        corrections.append(Correction("member_id", read_cin, best.cin,
                                      "the roster has this member with that name and birth date"))
    return MemberMatch(
        best.id, best.cin, f"{best.first_name} {best.last_name}".strip(), best.language,
        best_score, _eligible(best, service_date), tuple(corrections),
        roster_dob=best.dob, form_dob=dob,
    )


def match_provider(ws: Workspace, *, name: str | None, npi: str | None) -> ProviderMatch:
    """Find a provider by NPI (allowing OCR slips confirmed by the name), else by name alone."""
    read_npi = "".join(ch for ch in (npi or "") if not ch.isspace())
    wanted = normalise_name(name or "")
    with ws.db.read() as session:
        clauses: list[ColumnElement[bool]] = []
        if read_npi:
            clauses.append(Provider.npi.in_(identifier_variants(read_npi)))
        if wanted:
            surname = wanted.split()[-1]
            clauses.append(Provider.name.ilike(f"%{surname}%"))
        if not clauses:
            return ProviderMatch(None, None, None, 0.0)
        candidates = session.scalars(select(Provider).where(or_(*clauses)).limit(500)).all()
    scored = sorted(
        ((_provider_score(p, read_npi, wanted), p) for p in candidates),
        key=lambda pair: pair[0], reverse=True,
    )
    if not scored or scored[0][0] < 60:
        return ProviderMatch(None, None, None, scored[0][0] if scored else 0.0)
    best_score, best = scored[0]
    if len(scored) > 1 and best_score - scored[1][0] < CLEAR_MARGIN:
        return ProviderMatch(None, None, None, best_score)
    corrections: tuple[Correction, ...] = ()
    if read_npi and read_npi != best.npi:
        corrections = (Correction("npi", read_npi, best.npi,
                                  "the roster has this provider's name with that NPI"),)
    return ProviderMatch(best.id, best.npi, best.name, best_score, corrections)


def _member_score(member: Member, read_cin: str, wanted: str, dob: date | None) -> float:
    name_score = _name_similarity(wanted, f"{member.first_name} {member.last_name}")
    exact_id = bool(read_cin) and member.cin == read_cin
    same_dob = dob is not None and member.dob == dob
    if exact_id:
        # The ID as read is the strongest evidence; a wildly different name lowers it.
        return 100.0 if (not wanted or name_score >= NAME_MATCH or same_dob) else 70.0
    if not wanted:
        return 0.0
    # Without an exact ID, both the name and one more fact (near-ID or birth date) must agree.
    near_id = bool(read_cin) and member.cin in identifier_variants(read_cin)
    if name_score < NAME_MATCH or not (near_id or same_dob):
        return min(name_score, 59.0)
    return 90.0 + (5.0 if near_id and same_dob else 0.0) + (name_score - NAME_MATCH) / 10


def _provider_score(provider: Provider, read_npi: str, wanted: str) -> float:
    name_score = _name_similarity(bare_name(wanted), bare_name(provider.name)) if wanted else 0.0
    if read_npi and provider.npi == read_npi:
        return 100.0 if (not wanted or name_score >= 60) else 70.0
    if read_npi and provider.npi in identifier_variants(read_npi):
        return 90.0 if name_score >= NAME_MATCH else 50.0
    return min(name_score, 89.0) if name_score >= NAME_MATCH else name_score * 0.6


def _name_similarity(a: str, b: str) -> float:
    a, b = normalise_name(a), normalise_name(b)
    if not a or not b:
        return 0.0
    return float(fuzz.token_sort_ratio(a, b))


def _eligible(member: Member, on: date | None) -> bool | None:
    if on is None:
        return None
    if member.eligibility_start and on < member.eligibility_start:
        return False
    return not (member.eligibility_end and on > member.eligibility_end)
