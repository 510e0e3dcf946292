"""Recomputing the chain and comparing it with its anchor to find where it was altered."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.chain import GENESIS_HASH, event_hash
from casework.db.audit_seal import AuditKey, AuditSeal, ChainHead
from casework.db.models import AuditAnchor, AuditEvent
from casework.permissions import Permission
from casework.workspace import Workspace


@dataclass(frozen=True)
class ChainReport:
    """The outcome of a verification: how many events were checked, the first broken link, and
    the head the chain ends at (to be written down on paper as a further anchor)."""

    checked: int
    broken_seq: int | None = None
    problem: str | None = None
    head: ChainHead | None = None

    @property
    def intact(self) -> bool:
        return self.broken_seq is None


def verify_chain(ws: Workspace, actor: Actor) -> ChainReport:
    """Walk the whole trail in order, name the first event that does not link or seal, and
    check that the trail still reaches the head its anchor remembers."""
    actor.require(Permission.VIEW_AUDIT)
    seal = ws.db.audit_seal
    key = seal.key() if seal is not None else None
    with ws.db.read() as session:
        anchors = _anchors(session, seal)
        rows = session.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars()
        report = _walk(rows, key, anchors)
    if seal is not None and key is None and not report.intact:
        return replace(report, problem=f"{report.problem} The trail's key ({seal.key_file}) "
                       "is missing: restore it from the backup, then verify again.")
    return report


def chain_head(ws: Workspace, actor: Actor) -> ChainHead | None:
    """The newest event's sequence number and hash (None for an empty trail)."""
    actor.require(Permission.VIEW_AUDIT)
    with ws.db.read() as session:
        last = session.execute(
            select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
        ).first()
    return ChainHead(last[0], last[1]) if last else None


def head_words(head: ChainHead | None) -> str:
    """The trail's head as printed on paper reports, a further anchor a rewrite cannot reach."""
    if head is None:
        return "The audit trail is empty."
    return f"Audit trail head when printed: event {head.seq}, hash {head.hash}."


def _anchors(session: Session, seal: AuditSeal | None) -> dict[int, str]:
    if session.get_bind().dialect.name == "postgresql":
        rows = session.execute(select(AuditAnchor.seq, AuditAnchor.hash)).all()
        return {int(seq): str(hash_) for seq, hash_ in rows}
    head = seal.read_head() if seal is not None else None
    return {head.seq: head.hash} if head else {}


def _walk(rows: Iterable[AuditEvent], key: AuditKey | None,
          anchors: dict[int, str]) -> ChainReport:
    expected_seq = 1
    prev_hash = GENESIS_HASH
    checked = 0
    newest_anchor = max(anchors, default=0)
    for event in rows:
        if event.seq != expected_seq:
            if event.seq > expected_seq:
                gap = (
                    f"event {expected_seq} is missing"
                    if event.seq == expected_seq + 1
                    else f"events {expected_seq} to {event.seq - 1} are missing"
                )
                return ChainReport(checked, expected_seq, f"{gap}: the trail jumps to {event.seq}.")
            return ChainReport(checked, event.seq, f"event {event.seq} is out of sequence.")
        if event.prev_hash != prev_hash:
            return ChainReport(
                checked,
                event.seq,
                f"event {event.seq} does not link to event {event.seq - 1}: "
                "an event was removed, inserted or replaced here.",
            )
        problem = _seal_problem(event, key, newest_anchor)
        if problem:
            return ChainReport(checked, event.seq, problem)
        if event.seq in anchors and anchors[event.seq] != event.hash:
            return ChainReport(
                checked, event.seq,
                f"event {event.seq} differs from the anchor written when it was committed: "
                "the trail was rewritten and rehashed up to here.")
        checked += 1
        prev_hash = event.hash
        expected_seq += 1
    if newest_anchor >= expected_seq:
        return ChainReport(checked, expected_seq, _shortened(expected_seq, newest_anchor))
    head = ChainHead(expected_seq - 1, prev_hash) if checked else None
    return ChainReport(checked, head=head)


def _seal_problem(event: AuditEvent, key: AuditKey | None, newest_anchor: int) -> str | None:
    keyed = key is not None and event.seq >= key.keyed_from
    try:
        recomputed = _rehash(event, key.secret if keyed and key else None)
        plain = _rehash(event, None) if keyed else recomputed
    except (json.JSONDecodeError, TypeError, ValueError):
        recomputed = plain = ""
    if recomputed == event.hash:
        return None
    if keyed and plain == event.hash:
        if event.seq > newest_anchor:
            return (f"event {event.seq} is a forged append: it was added after the last "
                    "anchored event by someone without the trail's key.")
        return (f"event {event.seq} was rehashed without the trail's key: the trail was "
                "rewritten from here.")
    return f"event {event.seq} was changed after it was written."


def _rehash(event: AuditEvent, key: bytes | None) -> str:
    return event_hash(seq=event.seq, occurred_at=event.occurred_at, actor=event.actor,
                      action=event.action, entity_type=event.entity_type,
                      entity_id=event.entity_id, details=event.details,
                      prev_hash=event.prev_hash, key=key)


def _shortened(first_missing: int, newest_anchor: int) -> str:
    if first_missing == 1:
        return (f"the trail was truncated: it is empty, but its anchor records "
                f"{newest_anchor} events.")
    return (f"events {first_missing} to {newest_anchor} were deleted from the end of the "
            f"trail (tail deletion): its anchor records event {newest_anchor}.")
