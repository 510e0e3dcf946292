"""The audit trail's key and anchor, kept outside the trail's table.

The key (HMAC-SHA256) lives in an owner-only file, so someone who can edit the table cannot
re-hash a rewritten chain. The anchor remembers the chain's head (its newest sequence number
and hash) after every commit: an owner-only file beside a SQLite database, or the insert-only
`audit_anchors` table on PostgreSQL. Deleting the newest events or emptying the table then
leaves the trail shorter than its anchor, which `audit verify` reports.
"""

from __future__ import annotations

import fcntl
import json
import os
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import URL

from casework.atomic import write_atomically
from casework.errors import EnvironmentFailure
from casework.paths import app_paths
from casework.private_files import PRIVATE_FILE_MODE, private_folder, tighten

KEY_FILE_VERSION = 1


@dataclass(frozen=True)
class AuditKey:
    """The secret events are sealed with, and the first event sealed with it (events written
    before keyed sealing began carry a plain SHA-256, protected by the keyed link after them)."""

    secret: bytes
    keyed_from: int


@dataclass(frozen=True)
class ChainHead:
    """The newest event of the chain as an anchor remembers it."""

    seq: int
    hash: str


class AuditSeal:
    """The key file and, for SQLite, the anchor file of one database's trail."""

    def __init__(self, key_file: Path, anchor_file: Path | None) -> None:
        self.key_file = key_file
        self.anchor_file = anchor_file  # None: the anchor is the audit_anchors table

    def key(self) -> AuditKey | None:
        """The key, or None when no event has been sealed with one yet."""
        try:
            text = self.key_file.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise EnvironmentFailure(
                f"The audit key {self.key_file} cannot be read ({exc.strerror})."
            ) from exc
        tighten(self.key_file)
        try:
            raw = json.loads(text)
            return AuditKey(bytes.fromhex(raw["key"]), int(raw["keyed_from"]))
        except (ValueError, KeyError, TypeError) as exc:
            raise EnvironmentFailure(f"The audit key {self.key_file} is damaged.") from exc

    def key_for_writing(self, next_seq: int) -> AuditKey:
        """The key, made now (owner-only, never overwritten) when this is the first keyed event.

        Called while the writer holds the chain's lock, so two writers never both make one.
        """
        existing = self.key()
        if existing is not None:
            return existing
        made = AuditKey(secrets.token_bytes(32), next_seq)
        body = json.dumps({"version": KEY_FILE_VERSION, "key": made.secret.hex(),
                           "keyed_from": made.keyed_from}).encode("utf-8")
        private_folder(self.key_file.parent)
        try:
            fd = os.open(self.key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE_MODE)
        except FileExistsError:
            found = self.key()
            assert found is not None
            return found
        with os.fdopen(fd, "wb") as handle:
            handle.write(body)
            handle.flush()
            os.fsync(handle.fileno())
        return made

    def read_head(self) -> ChainHead | None:
        """The head the anchor file remembers (None: no anchor file, or a table anchor)."""
        if self.anchor_file is None:
            return None
        try:
            raw = json.loads(self.anchor_file.read_text(encoding="utf-8"))
            return ChainHead(int(raw["seq"]), str(raw["hash"]))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise EnvironmentFailure(
                f"The audit anchor {self.anchor_file} is damaged or unreadable."
            ) from exc

    def write_head(self, head: ChainHead) -> None:
        """Move the anchor file forward to `head`; an older head never replaces a newer one."""
        if self.anchor_file is None:
            return
        lock_path = self.anchor_file.with_name(self.anchor_file.name + ".lock")
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, PRIVATE_FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            current = self.read_head()
            if current is not None and current.seq >= head.seq:
                return
            write_atomically(self.anchor_file,
                             json.dumps({"seq": head.seq, "hash": head.hash}).encode("utf-8"))
            tighten(self.anchor_file)
        finally:
            os.close(fd)


def seal_for(url: URL, environ: Mapping[str, str] | None = None) -> AuditSeal | None:
    """Where the key and anchor of the database at `url` live (None: an in-memory database).

    INTAKE_AUDIT_KEY_FILE names the key file (workstations sharing a PostgreSQL database use
    the same one); by default it sits beside a SQLite file, or in the data folder.
    """
    env = os.environ if environ is None else environ
    given = env.get("INTAKE_AUDIT_KEY_FILE")
    if url.get_backend_name() == "sqlite":
        database = url.database or ""
        if not database or database == ":memory:" or database.startswith("file:"):
            return None
        path = Path(database).expanduser()
        key_file = Path(given) if given else path.with_name(path.name + ".audit-key")
        return AuditSeal(key_file, path.with_name(path.name + ".audit-head"))
    if given:
        return AuditSeal(Path(given), None)
    name = f"audit-{url.host or 'local'}-{url.port or 5432}-{url.database or 'intake'}.key"
    return AuditSeal(app_paths(dict(env)).data_dir / name, None)
