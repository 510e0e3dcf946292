"""Writing the audit trail: one event per change, inside the change's own transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.chain import GENESIS_HASH, canonical_json, event_hash
from casework.db.audit_seal import AuditSeal, ChainHead
from casework.db.database import remember_head
from casework.db.models import AuditEvent

# Any constant works; it names the lock that serialises writers of the chain on PostgreSQL.
_CHAIN_LOCK_KEY = 0x1A0D17


def record(
    session: Session,
    actor: Actor,
    action: str,
    entity_type: str,
    entity_id: object,
    now: datetime,
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the chain in `session`'s transaction and return it.

    Writers are serialised (PostgreSQL: a transaction-scoped advisory lock; SQLite: the write
    lock its sessions take at BEGIN IMMEDIATE), so two transactions never link to the same
    predecessor. The primary key on `seq` backs that up: a fork cannot commit. The event is
    sealed with the trail's key, and its commit moves the anchor to it.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _CHAIN_LOCK_KEY})
    last = session.execute(
        select(AuditEvent.seq, AuditEvent.hash).order_by(AuditEvent.seq.desc()).limit(1)
    ).first()
    seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS_HASH)
    seal = session.info.get("audit_seal")
    key = seal.key_for_writing(seq) if isinstance(seal, AuditSeal) else None
    if actor.os_login:
        details = {**(details or {}), "os_login": actor.os_login}
    details_json = canonical_json(details or {})
    event = AuditEvent(
        seq=seq,
        occurred_at=now,
        actor=actor.username,
        action=action,
        entity_type=entity_type,
        entity_id=str(entity_id),
        details=details_json,
        prev_hash=prev_hash,
    )
    event.hash = event_hash(
        seq=seq,
        occurred_at=now,
        actor=event.actor,
        action=action,
        entity_type=entity_type,
        entity_id=event.entity_id,
        details=details_json,
        prev_hash=prev_hash,
        key=key.secret if key is not None and seq >= key.keyed_from else None,
    )
    session.add(event)
    session.flush()
    remember_head(session, ChainHead(seq, event.hash), now)
    return event
