"""How an audit event is hashed: the one definition both writing and verifying use."""

from __future__ import annotations

import hashlib
import hmac
import json
from datetime import UTC, datetime
from typing import Any

GENESIS_HASH = "0" * 64


def canonical_json(value: Any) -> str:
    """JSON with sorted keys and no spaces, so the same content always hashes the same."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=str)


def timestamp_text(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def event_hash(
    *,
    seq: int,
    occurred_at: datetime,
    actor: str,
    action: str,
    entity_type: str,
    entity_id: str,
    details: str,
    prev_hash: str,
    key: bytes | None = None,
) -> str:
    """HMAC-SHA256 with `key` (plain SHA-256 for events sealed before the trail had a key)
    over the canonical JSON of the event followed by the previous event's hash."""
    body = canonical_json(
        {
            "seq": seq,
            "occurred_at": timestamp_text(occurred_at),
            "actor": actor,
            "action": action,
            "entity_type": entity_type,
            "entity_id": entity_id,
            "details": json.loads(details),
        }
    )
    message = (body + prev_hash).encode("utf-8")
    if key is None:
        return hashlib.sha256(message).hexdigest()
    return hmac.new(key, message, hashlib.sha256).hexdigest()
