"""Writing the settings file: validated before it is written, written atomically, audited.

Only the values that changed are written into the file as it stands, so keys this program
does not edit (the OCR engine, the log level, the letterhead, anything a supervisor added by
hand) and the version stay as they were. Comments in a hand-edited file are not kept.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError

from casework.actor import Actor
from casework.atomic import write_atomically
from casework.audit import trail
from casework.audit.actions import AuditAction
from casework.errors import DatabaseUnavailable, InvalidValue, SettingsError
from casework.paths import AppPaths
from casework.permissions import Permission
from casework.plan.rule_files import RuleFileError
from casework.plan.rulebook import load_rulebook
from casework.settings import (
    SETTINGS_VERSION,
    Settings,
    WatchFolder,
    load_settings,
    parse_settings_text,
)
from casework.workspace import Workspace
from ocr.tessdata import find_tessdata

WATCH_SOURCES = ("fax", "scan")
SECRET_KEYS = frozenset({"database.url", "ocr.pdf_passwords"})  # values never audited
# Read once at start-up by the window, the watcher or the OCR workers.
RESTART_PREFIXES = ("database.", "store.", "watch", "intake.", "ocr.", "session.", "logging.")
CONNECT_TIMEOUT_SECONDS = 5


class SettingRefused(InvalidValue):
    """A value the settings file cannot hold; `key` names it ("watch 2 source", "ocr.max_pages")."""

    def __init__(self, key: str, reason: str) -> None:
        super().__init__(f"{key}: {reason}")
        self.key = key
        self.reason = reason


@dataclass(frozen=True)
class SavedSettings:
    """What a save changed: the keys (dotted, as in the file) and those needing a restart."""

    changed: tuple[str, ...]
    needs_restart: tuple[str, ...]
    settings: Settings


def read_file_settings(paths: AppPaths) -> Settings:
    """The settings as the file says them, without INTAKE_* environment overrides."""
    return load_settings(paths, environ={})


def _values(settings: Settings) -> dict[str, Any]:
    """Each editable setting by its dotted key in the file, as TOML values."""
    plan = settings.plan
    ocr = settings.ocr
    values: dict[str, Any] = {
        "database.url": settings.database_url,
        "store.root": str(settings.store_root),
        "ocr.languages": list(ocr.languages),
        "ocr.pdf_passwords": list(ocr.pdf_passwords),
        "ocr.page_timeout_seconds": ocr.page_timeout_seconds,
        "ocr.max_pages": ocr.max_pages,
        "ocr.engine": ocr.engine,
        "letters.outbound_fax_folder": (str(settings.outbound_fax_folder)
                                        if settings.outbound_fax_folder else None),
        "session.idle_lock_minutes": settings.idle_lock_minutes,
        "session.lockout_attempts": settings.sign_in.attempts,
        "session.lockout_window_minutes": settings.sign_in.window_minutes,
        "session.lockout_minutes": settings.sign_in.lockout_minutes,
        "logging.level": settings.log_level,
        "watch": [_watch_table(folder) for folder in settings.watch],
        "intake.in_window": settings.intake.in_window,
        "rules.folder": str(settings.rules_folder) if settings.rules_folder else None,
    }
    for name in plan.__dataclass_fields__:
        values[f"plan.{name}"] = getattr(plan, name)
    return values


def _watch_table(folder: WatchFolder) -> dict[str, Any]:
    return {"path": str(folder.path), "source": folder.source,
            "settle_seconds": folder.settle_seconds, "polling": folder.polling}


def check_settings(settings: Settings) -> None:
    """Refuse (SettingRefused naming the key) what loading would accept but cannot work."""
    try:
        backend = make_url(settings.database_url).get_backend_name()
    except ArgumentError:
        raise SettingRefused("database.url", "is not a database address; it starts with "
                             "sqlite:/// or postgresql://") from None
    if backend not in {"sqlite", "postgresql"}:
        raise SettingRefused("database.url", "must start with sqlite:/// or postgresql://")
    if not str(settings.store_root).strip() or str(settings.store_root) == ".":
        raise SettingRefused("store.root", "needs a folder")
    if not settings.ocr.languages:
        raise SettingRefused("ocr.languages", "at least one language is needed")
    for number, folder in enumerate(settings.watch, start=1):
        if not str(folder.path).strip() or str(folder.path) == ".":
            raise SettingRefused(f"watch {number} path", "needs a folder")
        if folder.source not in WATCH_SOURCES:
            raise SettingRefused(f"watch {number} source", "must be fax or scan")
    if settings.outbound_fax_folder is not None and str(settings.outbound_fax_folder) == ".":
        raise SettingRefused("letters.outbound_fax_folder", "needs a folder, or leave it empty")
    if not settings.plan.name.strip():
        raise SettingRefused("plan.name", "the letterhead needs the plan's name")
    if settings.rules_folder is not None:
        try:
            load_rulebook(settings.rules_folder)
        except RuleFileError as exc:  # the next start would refuse it: refuse it now
            raise SettingRefused("rules.folder", str(exc)) from exc


def plan_settings_file(settings: Settings, path: Path) -> tuple[str, tuple[str, ...]]:
    """The new file text and the keys it changes; refused (SettingRefused) if not loadable."""
    check_settings(settings)
    old_text = _file_text(path)
    raw = tomllib.loads(old_text) if old_text else {"version": SETTINGS_VERSION}
    current = _values(parse_settings_text(old_text, path, settings.paths))
    wanted = _values(settings)
    changed = tuple(sorted(key for key in wanted if wanted[key] != current[key]))
    for key in changed:
        _put(raw, key, wanted[key])
    raw.setdefault("version", SETTINGS_VERSION)
    content = dump_toml(raw)
    _reload_check(content, settings.paths, path)
    return content, changed


def _file_text(path: Path) -> str:
    if not path.exists():
        return ""
    try:
        text = path.read_text(encoding="utf-8")
        tomllib.loads(text)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SettingsError(f"{path}: cannot be read ({exc}); fix or remove it first.") from exc
    return text


def _reload_check(content: str, paths: AppPaths, path: Path) -> None:
    """Read the new text back exactly as start-up will, so a save never breaks the next start."""
    try:
        parse_settings_text(content, path, paths)
    except SettingsError as exc:
        # The message starts with the file and line; the person wants the setting and reason.
        where = re.match(rf"^{re.escape(str(path))}(?:, line \d+)?: (.*)$", str(exc), re.S)
        message = where[1] if where else str(exc)
        name, _, reason = message.partition(": ")
        key = re.sub(r"^\[(\w+)\] ", r"\1.", name)
        raise SettingRefused(key, reason or message) from exc


def _put(raw: dict[str, Any], key: str, value: Any) -> None:
    if key == "watch":
        if value:
            raw["watch"] = value
        else:
            raw.pop("watch", None)
        return
    table_name, name = key.split(".", 1)
    table = raw.setdefault(table_name, {})
    if value is None:
        table.pop(name, None)
    else:
        table[name] = value


def save_settings(settings: Settings, path: Path | None = None) -> tuple[str, ...]:
    """Write `settings` to the file (default: its usual place) atomically; the keys changed."""
    target = path or settings.paths.config_file
    content, changed = plan_settings_file(settings, target)
    if changed or not target.exists():
        write_atomically(target, content.encode("utf-8"))
    return changed


def change_settings(ws: Workspace, actor: Actor, settings: Settings) -> SavedSettings:
    """Save the settings file as an administrator, and record which keys changed (no values
    for passwords or the database address, which may hold one)."""
    actor.require(Permission.MANAGE_SETTINGS)
    target = settings.paths.config_file
    content, changed = plan_settings_file(settings, target)
    with ws.db.write() as session:
        if changed:
            trail.record(session, actor, AuditAction.SETTINGS_CHANGED, "settings", target.name,
                         ws.now(),
                         {"keys": list(changed), "values": _audited_values(settings, changed)})
        # Last in the transaction: if the file cannot be written, the event is rolled back.
        write_atomically(target, content.encode("utf-8"))
    restart = tuple(k for k in changed if k.startswith(RESTART_PREFIXES))
    return SavedSettings(changed, restart, read_file_settings(settings.paths))


def _audited_values(settings: Settings, changed: tuple[str, ...]) -> dict[str, Any]:
    values = _values(settings)
    shown = {key: values[key] for key in changed if key not in SECRET_KEYS}
    if "database.url" in changed:
        shown["database.url"] = _hidden_password(settings.database_url)
    return shown


def _hidden_password(url: str) -> str:
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "(not an address)"


def split_database_url(url: str) -> tuple[str, str]:
    """The address without its password, and the password ('' if none), for showing apart."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        return url, ""
    if parsed.password is None:
        return url, ""
    bare = parsed._replace(password=None)  # URL.set() ignores None
    return bare.render_as_string(hide_password=False), str(parsed.password)


def join_database_url(url: str, password: str) -> str:
    """The address with `password` put back in (unchanged when there is none to put)."""
    if not password:
        return url
    try:
        parsed = make_url(url)
    except ArgumentError:
        return url
    if parsed.get_backend_name() == "sqlite":
        return url
    return parsed.set(password=password).render_as_string(hide_password=False)


def try_database(url: str) -> str:
    """Open the database at `url` and say in words what answered; DatabaseUnavailable if not."""
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseUnavailable("This is not a database address; it starts with sqlite:/// "
                                  "or postgresql://.") from None
    backend = parsed.get_backend_name()
    if backend == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        return _try_sqlite(parsed.database)
    if backend != "postgresql":
        raise DatabaseUnavailable("The address must start with sqlite:/// or postgresql://.")
    shown = parsed.render_as_string(hide_password=True)
    engine = create_engine(parsed, connect_args={"connect_timeout": CONNECT_TIMEOUT_SECONDS})
    try:
        with engine.connect() as conn:
            version = str(conn.execute(text("SHOW server_version")).scalar())
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        raise DatabaseUnavailable(f"Could not connect to {shown}: {reason}") from exc
    finally:
        engine.dispose()
    return f"Connected to PostgreSQL {version.split()[0]} at {shown}."


def _try_sqlite(database: str | None) -> str:
    if not database:
        raise DatabaseUnavailable("A SQLite address needs a file: sqlite:///path/to/file.")
    path = Path(database)
    if path.exists():
        engine = create_engine(f"sqlite:///{path}")
        try:
            with engine.connect() as conn:
                conn.execute(text("SELECT count(*) FROM sqlite_master"))
        except SQLAlchemyError as exc:
            raise DatabaseUnavailable(f"The file {path} is not a database the workstation "
                                      "can use, or it is damaged.") from exc
        finally:
            engine.dispose()
        return f"The database file {path} opens."
    if path.parent.is_dir():
        return f"There is no database at {path} yet; it will be created on the next start."
    raise DatabaseUnavailable(f"The folder {path.parent} does not exist.")


def installed_ocr_languages() -> tuple[str, ...]:
    """The languages Tesseract has data for on this machine (not 'osd', which is no language)."""
    folder = find_tessdata()
    if folder is None:
        return ()
    names = sorted(p.name.removesuffix(".traineddata") for p in folder.glob("*.traineddata"))
    return tuple(n for n in names if n != "osd")


# A small TOML writer: the settings file holds tables, arrays of tables and plain values.

_BARE_KEY = re.compile(r"^[A-Za-z0-9_-]+$")


def dump_toml(data: dict[str, Any]) -> str:
    """`data` as TOML text that tomllib reads back to the same values."""
    lines: list[str] = []
    _dump_table(data, [], lines)
    return "\n".join(lines).strip() + "\n"


def _dump_table(table: dict[str, Any], prefix: list[str], lines: list[str]) -> None:
    plain = {k: v for k, v in table.items() if not _is_table(v) and not _is_table_array(v)}
    for key, value in plain.items():
        lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in table.items():
        if _is_table(value):
            lines += ["", f"[{'.'.join(_key(p) for p in [*prefix, key])}]"]
            _dump_table(value, [*prefix, key], lines)
        elif _is_table_array(value):
            for entry in value:
                lines += ["", f"[[{'.'.join(_key(p) for p in [*prefix, key])}]]"]
                _dump_table(entry, [*prefix, key], lines)


def _is_table(value: Any) -> bool:
    return isinstance(value, dict)


def _is_table_array(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)


def _key(key: str) -> str:
    return key if _BARE_KEY.match(key) else json.dumps(key, ensure_ascii=False)


_SCALARS: dict[type, Callable[[Any], str]] = {
    bool: lambda v: "true" if v else "false",
    int: str,
    float: repr,
    str: lambda v: json.dumps(v, ensure_ascii=False),
}


def _value(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)} = {_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    for kind, write in _SCALARS.items():
        if isinstance(value, kind):
            return write(value)
    raise TypeError(f"cannot write {value!r} to the settings file")
