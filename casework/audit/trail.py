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
from casework.errors import EnvironmentFailure

# Any constant works; it names the lock that serialises writers of the chain on PostgreSQL.
_CHAIN_LOCK_KEY = 0x1A0D17


def _refuse_a_second_key(session: Session, seal: AuditSeal, newest: int) -> None:
    """A trail already sealed with a key must never get a new one (that would let a rewrite be
    sealed afresh): when the key file is missing, writing stops until it is restored."""
    event = session.get(AuditEvent, newest)
    if event is None or event_hash(
        seq=event.seq, occurred_at=event.occurred_at, actor=event.actor, action=event.action,
        entity_type=event.entity_type, entity_id=event.entity_id, details=event.details,
        prev_hash=event.prev_hash,
    ) == event.hash:
        return  # written before keys existed: this is the trail's first key
    raise EnvironmentFailure(
        f"The audit trail's key ({seal.key_file}) is missing, but the trail was sealed with "
        "one: restore the key file from the backup (workstations sharing a database need the "
        "same one, see INTAKE_AUDIT_KEY_FILE). Nothing was changed.")


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
    key = None
    if isinstance(seal, AuditSeal):
        if last and seal.key() is None:
            _refuse_a_second_key(session, seal, last[0])
        key = seal.key_for_writing(seq)
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
