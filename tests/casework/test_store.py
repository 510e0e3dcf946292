"""The document store keeps bytes exactly and notices when they change on disk."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from casework.errors import StoreCorruption, StoreError
from casework.store import DocumentStore


def test_file_round_trip_is_content_addressed(tmp_path: Path) -> None:
    store = DocumentStore(tmp_path / "store")
    source = tmp_path / "fax.tif"
    payload = b"II*\x00" + bytes(range(256)) * 4000
    source.write_bytes(payload)

    sha = store.put_file(source)

    assert sha == hashlib.sha256(payload).hexdigest()
    assert store.read_bytes(sha) == payload
    assert store.path_for(sha).parent.parent.name == sha[:2]
    assert source.read_bytes() == payload  # the original is untouched
    assert list(store.all_hashes()) == [sha]
    assert not any((tmp_path / "store" / "incoming").iterdir())  # no temp files left


def test_storing_the_same_bytes_twice_keeps_one_blob(tmp_path: Path) -> None:
    store = DocumentStore(tmp_path / "store")
    first = store.put_bytes(b"same page")
    blob = store.path_for(first)
    before = blob.stat().st_mtime_ns
    assert store.put_bytes(b"same page") == first
    assert blob.stat().st_mtime_ns == before


def test_corrupted_blob_is_detected_on_read_and_verify(tmp_path: Path) -> None:
    store = DocumentStore(tmp_path / "store")
    sha = store.put_bytes(b"%PDF-1.7 original letter")
    store.path_for(sha).write_bytes(b"%PDF-1.7 altered letter")

    with pytest.raises(StoreCorruption, match="altered or damaged"):
        store.read_bytes(sha)
    with pytest.raises(StoreCorruption):
        store.verify(sha)


def test_missing_blob_is_a_clear_error(tmp_path: Path) -> None:
    store = DocumentStore(tmp_path / "store")
    with pytest.raises(StoreError, match="missing from the store"):
        store.read_bytes("a" * 64)


def test_corrupted_existing_blob_is_not_trusted_when_the_same_bytes_arrive(tmp_path: Path) -> None:
    store = DocumentStore(tmp_path / "store")
    sha = store.put_bytes(b"fax")
    store.path_for(sha).write_bytes(b"damaged")
    with pytest.raises(StoreCorruption):
        store.put_bytes(b"fax")
