"""`store check` finds originals that vanished or changed on disk, and leaves orphans alone."""

from __future__ import annotations

from datetime import UTC, datetime

from casework.db.models import Document
from casework.store_check import check_store
from casework.workspace import Workspace
from tests.conftest import ADMIN


def _document(ws: Workspace, data: bytes) -> str:
    sha = ws.store.put_bytes(data)
    with ws.db.write() as session:
        session.add(Document(sha256=sha, original_name="fax.pdf", source="fax",
                             received_at=datetime(2026, 11, 2, tzinfo=UTC), taken_at=ws.now(),
                             size=len(data), status="processed"))
    return sha


def test_healthy_store(workspace: Workspace) -> None:
    _document(workspace, b"%PDF-1.4 one")
    result = check_store(workspace, ADMIN)
    assert result.healthy and result.referenced == 1 and result.unreferenced == []


def test_missing_altered_and_orphaned_blobs_are_reported(workspace: Workspace) -> None:
    gone = _document(workspace, b"%PDF-1.4 gone")
    altered = _document(workspace, b"%PDF-1.4 altered")
    orphan = workspace.store.put_bytes(b"left by a crash before its row was written")
    workspace.store.path_for(gone).unlink()
    workspace.store.path_for(altered).write_bytes(b"%PDF-1.4 tampered")

    result = check_store(workspace, ADMIN)

    assert not result.healthy
    assert result.missing == [gone]
    assert result.corrupted == [altered]
    assert result.unreferenced == [orphan]
    assert workspace.store.contains(orphan)  # reported, never deleted
    quick = check_store(workspace, ADMIN, rehash=False)
    assert quick.missing == [gone] and quick.corrupted == []
