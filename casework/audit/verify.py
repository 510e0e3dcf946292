"""Recomputing the chain to find the first place it was altered."""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select

from casework.actor import Actor
from casework.audit.chain import GENESIS_HASH, event_hash
from casework.db.models import AuditEvent
from casework.permissions import Permission
from casework.workspace import Workspace


@dataclass(frozen=True)
class ChainReport:
    """The outcome of a verification: how many events were checked and the first broken link."""

    checked: int
    broken_seq: int | None = None
    problem: str | None = None

    @property
    def intact(self) -> bool:
        return self.broken_seq is None


def verify_chain(ws: Workspace, actor: Actor) -> ChainReport:
    """Walk the whole trail in order and name the first event that does not link or hash."""
    actor.require(Permission.VIEW_AUDIT)
    with ws.db.read() as session:
        rows = session.execute(select(AuditEvent).order_by(AuditEvent.seq)).scalars()
        return _walk(rows)


def _walk(rows: object) -> ChainReport:
    expected_seq = 1
    prev_hash = GENESIS_HASH
    checked = 0
    for event in rows:  # type: ignore[attr-defined]
        assert isinstance(event, AuditEvent)
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
        try:
            recomputed = event_hash(
                seq=event.seq,
                occurred_at=event.occurred_at,
                actor=event.actor,
                action=event.action,
                entity_type=event.entity_type,
                entity_id=event.entity_id,
                details=event.details,
                prev_hash=event.prev_hash,
            )
        except (json.JSONDecodeError, TypeError, ValueError):
            recomputed = ""
        if recomputed != event.hash:
            return ChainReport(
                checked, event.seq, f"event {event.seq} was changed after it was written."
            )
        checked += 1
        prev_hash = event.hash
        expected_seq += 1
    return ChainReport(checked)
