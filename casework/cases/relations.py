"""Related cases: the cases a document names, the relations filing writes between its case and
them, and a case's relations read from either side.

Which pairs of case types relate, and in what words, is the Rulebook's (relations.yaml);
filing decides whether a document continues a case it names or opens its own. Each relation is
written with an audit event on both cases, in the caller's (the filing) transaction.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import datetime

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.cases.numbers import CASE_PREFIXES
from casework.cases.views import RelatedCase
from casework.db.case_models import Case, CaseRelation
from casework.plan.relation_rules import RelationRules

# A case number as a provider or member writes it on a later document (GRV-2026-000123).
_NUMBER = re.compile(r"\b(?:" + "|".join(sorted(CASE_PREFIXES.values(), key=len, reverse=True))
                     + r")-\d{4}-\d{6}\b", re.IGNORECASE)


def case_numbers_named(page_text: str, fields: dict[str, object] | None = None) -> list[str]:
    """Case numbers on the pages or in the fields (a phone call has no page), in the order
    first named, each once."""
    texts = [page_text, *(_field_text(v) for v in (fields or {}).values())]
    found = (m.upper() for text in texts for m in _NUMBER.findall(text))
    return list(dict.fromkeys(found))


def named_cases(session: Session, numbers: list[str]) -> list[Case]:
    """The cases with these numbers, open or closed, in the order named (unknown ones left out)."""
    if not numbers:
        return []
    by_number = {c.number: c for c in session.scalars(select(Case).where(
        Case.number.in_(numbers)))}
    return [by_number[n] for n in numbers if n in by_number]


def relate_named(session: Session, rules: RelationRules, actor: Actor, now: datetime,
                 case: Case, named: Iterable[Case],
                 document_id: int | None) -> list[RelatedCase]:
    """Relate `case` to each named case the rules relate it to and it is not related to yet;
    audited on both cases. Returns the relations written, as `case` reads them."""
    written = []
    for other in named:
        rule = rules.between(case.case_type, other.case_type)
        if other.id == case.id or rule is None or _related(session, case.id, other.id):
            continue
        session.add(CaseRelation(case_id=case.id, related_case_id=other.id,
                                 relation=rule.relation, inverse=rule.inverse, rule=rule.name,
                                 document_id=document_id, created_at=now))
        for this, that, words in ((case, other, rule.relation), (other, case, rule.inverse)):
            record(session, actor, AuditAction.CASE_RELATED, "case", this.id, now,
                   {"number": this.number, "related": that.number, "relation": words,
                    "rule": rule.name, "citation": rule.citation, "document": document_id})
        written.append(RelatedCase(other.id, other.number, other.case_type, other.status,
                                   rule.relation))
    session.flush()
    return written


def related_cases(session: Session, case_id: int) -> list[RelatedCase]:
    """Every case related to this one, in the order related, each in this case's words."""
    links = session.scalars(select(CaseRelation).where(or_(
        CaseRelation.case_id == case_id, CaseRelation.related_case_id == case_id))
        .order_by(CaseRelation.id)).all()
    others = {c.id: c for c in session.scalars(select(Case).where(Case.id.in_(
        {link.related_case_id if link.case_id == case_id else link.case_id
         for link in links})))}
    related = []
    for link in links:
        mine = link.case_id == case_id
        other = others[link.related_case_id if mine else link.case_id]
        related.append(RelatedCase(other.id, other.number, other.case_type, other.status,
                                   link.relation if mine else link.inverse))
    return related


def _related(session: Session, one: int, two: int) -> bool:
    return session.scalar(select(CaseRelation.id).where(or_(
        (CaseRelation.case_id == one) & (CaseRelation.related_case_id == two),
        (CaseRelation.case_id == two) & (CaseRelation.related_case_id == one)))) is not None


def _field_text(value: object) -> str:
    if isinstance(value, list):
        return " ".join(map(str, value))
    return value if isinstance(value, str) else ""
