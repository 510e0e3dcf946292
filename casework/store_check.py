"""Checking the document store against the database: nothing missing, nothing altered.

Blobs are written before their rows (so a crash leaves at worst an unreferenced blob, never a
row without its file). This finds both kinds of mismatch; it reports and never deletes.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.db.letter_models import Letter
from casework.db.models import Document, Page
from casework.errors import StoreCorruption, StoreError
from casework.permissions import Permission
from casework.workspace import Workspace


@dataclass
class StoreCheck:
    """The outcome: hashes the database names but the store lacks or holds altered, and orphans."""

    referenced: int = 0
    missing: list[str] = field(default_factory=list)
    corrupted: list[str] = field(default_factory=list)
    unreferenced: list[str] = field(default_factory=list)

    @property
    def healthy(self) -> bool:
        return not self.missing and not self.corrupted


def referenced_hashes(ws: Workspace) -> set[str]:
    """Every blob the database points at: originals, page images and letters."""
    with ws.db.read() as session:
        hashes = set(session.scalars(select(Document.sha256)).all())
        hashes |= {h for h in session.scalars(select(Page.image_sha256)).all() if h}
        hashes |= set(session.scalars(select(Letter.sha256)).all())
    return hashes


def check_store(ws: Workspace, actor: Actor, *, rehash: bool = True) -> StoreCheck:
    """Compare the store with the database; with `rehash`, read every blob to verify its bytes."""
    actor.require(Permission.VIEW_AUDIT)
    wanted = referenced_hashes(ws)
    result = StoreCheck(referenced=len(wanted))
    for sha in sorted(wanted):
        try:
            if rehash:
                ws.store.verify(sha)
            elif not ws.store.contains(sha):
                raise StoreError("missing")
        except StoreCorruption:
            result.corrupted.append(sha)
        except StoreError:
            result.missing.append(sha)
    result.unreferenced = sorted(set(ws.store.all_hashes()) - wanted)
    with ws.db.write() as session:
        record(session, actor, AuditAction.STORE_CHECKED, "store", "-", ws.now(),
               {"referenced": result.referenced, "missing": len(result.missing),
                "corrupted": len(result.corrupted), "unreferenced": len(result.unreferenced)})
    return result
