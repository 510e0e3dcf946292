"""Content-addressed document store: blobs named by their SHA-256, never overwritten or deleted."""

from __future__ import annotations

import contextlib
import hashlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

from casework.errors import StoreCorruption, StoreError

CHUNK = 1 << 20


def sha256_of_file(path: Path) -> str:
    """The hex SHA-256 of a file, read in chunks so large faxes do not fill memory."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK), b""):
            digest.update(chunk)
    return digest.hexdigest()


class DocumentStore:
    """Blobs under `root/ab/cd/abcd…`; a write is temp file, fsync, rename, fsync folder."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)

    def path_for(self, sha256: str) -> Path:
        if len(sha256) != 64 or any(c not in "0123456789abcdef" for c in sha256):
            raise StoreError(f"Not a SHA-256 name: {sha256!r}")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def contains(self, sha256: str) -> bool:
        return self.path_for(sha256).is_file()

    def put_file(self, source: Path, *, follow_link: bool = True) -> str:
        """Copy a regular file into the store, verify what landed, and return its SHA-256.

        Never waits on a named pipe or device; `follow_link=False` refuses a symbolic link.
        """
        flags = os.O_RDONLY | os.O_NONBLOCK | (0 if follow_link else os.O_NOFOLLOW)
        try:
            fd = os.open(source, flags)
            with os.fdopen(fd, "rb") as handle:
                if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                    raise StoreError(f"Cannot copy {source.name} into the document store: it "
                                     "is not a regular file.")
                return self._put_stream(iter(lambda: handle.read(CHUNK), b""))
        except OSError as exc:
            raise StoreError(
                f"Cannot copy {source.name} into the document store: {exc.strerror}"
            ) from exc

    def put_bytes(self, data: bytes) -> str:
        """Store bytes (a page image, a letter) and return their SHA-256."""
        return self._put_stream(iter([data]))

    def read_bytes(self, sha256: str) -> bytes:
        """Return a blob's bytes after checking they still hash to their name."""
        path = self.path_for(sha256)
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise StoreError(
                f"Document {sha256[:12]}… is missing from the store at {self.root}."
            ) from exc
        except OSError as exc:
            raise StoreError(
                f"Cannot read document {sha256[:12]}… from the store: {exc.strerror}"
            ) from exc
        if hashlib.sha256(data).hexdigest() != sha256:
            raise StoreCorruption(
                f"Stored document {sha256[:12]}… has been altered or damaged on disk "
                f"({path}); restore it from backup."
            )
        return data

    def verify(self, sha256: str) -> None:
        """Raise StoreCorruption (or StoreError) unless the blob is intact."""
        path = self.path_for(sha256)
        if not path.is_file():
            raise StoreError(f"Document {sha256[:12]}… is missing from the store at {self.root}.")
        if sha256_of_file(path) != sha256:
            raise StoreCorruption(
                f"Stored document {sha256[:12]}… has been altered or damaged on disk "
                f"({path}); restore it from backup."
            )

    def all_hashes(self) -> Iterator[str]:
        """Every blob name in the store (for reconciling against the database)."""
        if not self.root.is_dir():
            return
        for path in self.root.glob("??/??/*"):
            if path.is_file() and len(path.name) == 64:
                yield path.name

    def _put_stream(self, chunks: Iterator[bytes]) -> str:
        incoming = self.root / "incoming"
        try:
            incoming.mkdir(mode=0o700, parents=True, exist_ok=True)
            digest = hashlib.sha256()
            fd, tmp_name = tempfile.mkstemp(dir=incoming, prefix="blob-")
            tmp = Path(tmp_name)
            try:
                with os.fdopen(fd, "wb") as out:
                    for chunk in chunks:
                        digest.update(chunk)
                        out.write(chunk)
                    out.flush()
                    os.fsync(out.fileno())
                sha256 = digest.hexdigest()
                final = self.path_for(sha256)
                if final.is_file():
                    # Same bytes already stored: keep the original file untouched.
                    self.verify(sha256)
                    return sha256
                final.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
                if sha256_of_file(tmp) != sha256:
                    raise StoreError(
                        "The copy in the store does not match what was read; disk fault?"
                    )
                tmp.replace(final)
                _fsync_folder(final.parent)
                return sha256
            finally:
                with contextlib.suppress(FileNotFoundError):
                    tmp.unlink()
        except OSError as exc:
            raise StoreError(
                f"Cannot write to the document store at {self.root}: {exc.strerror}"
            ) from exc


def _fsync_folder(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
