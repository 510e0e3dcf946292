"""Typed settings read from one TOML file, with environment overrides.

A bad file is reported with its path, line and reason, because the person fixing it is
usually a supervisor with a text editor, not a developer.
"""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from casework.errors import SettingsError
from casework.paths import AppPaths, app_paths

SETTINGS_VERSION = 1


@dataclass(frozen=True)
class PlanDetails:
    """Who the letters come from."""

    name: str = "Example Health Plan"
    address: str = "100 Main Street, Sacramento, CA 95814"
    member_services_phone: str = "1-800-555-0100"
    tty: str = "711"
    fax: str = "1-800-555-0199"
    website: str = "www.example-health-plan.org"
    letterhead: str = ""


@dataclass(frozen=True)
class WatchFolder:
    """One watched folder and how to watch it."""

    path: Path
    source: str = "fax"
    settle_seconds: float = 5.0
    polling: bool = False


@dataclass(frozen=True)
class Mailbox:
    """One IMAP mailbox intake takes messages from ([[mailbox]] in the settings file).

    The password comes from the OS keyring (`keyring_service`, under `user`) or from a file
    only its owner may read (`password_file`, mode 0600); never from the settings file.
    `tls`: "ssl" (IMAPS, port 993), "starttls" (port 143), or "none" (only for a server on
    this machine).
    """

    host: str
    user: str
    port: int = 993
    tls: str = "ssl"
    folder: str = "INBOX"
    processed_folder: str = "Processed"
    password_file: Path | None = None
    keyring_service: str | None = None
    poll_seconds: float = 60.0
    source: str = "email"

    @property
    def name(self) -> str:
        """How the mailbox is named in the status bar, the log and the database."""
        return f"{self.user}@{self.host}"


@dataclass(frozen=True)
class OcrSettings:
    languages: tuple[str, ...] = ("eng", "spa")
    pdf_passwords: tuple[str, ...] = ()
    page_timeout_seconds: float = 60.0
    max_pages: int = 300
    engine: str = "auto"


@dataclass(frozen=True)
class IntakeSettings:
    """Where folder intake runs: in the workstation's window, or only in a `watch` service."""

    in_window: bool = True


@dataclass(frozen=True)
class SignInRules:
    """When wrong passwords lock an account ([session] in the settings file): `attempts`
    failures within `window_minutes` lock it for `lockout_minutes`."""

    attempts: int = 5
    window_minutes: int = 15
    lockout_minutes: int = 15


@dataclass(frozen=True)
class Settings:
    """Everything the program reads from the settings file and the environment."""

    database_url: str
    store_root: Path
    paths: AppPaths
    plan: PlanDetails = field(default_factory=PlanDetails)
    ocr: OcrSettings = field(default_factory=OcrSettings)
    watch: tuple[WatchFolder, ...] = ()
    mailboxes: tuple[Mailbox, ...] = ()
    intake: IntakeSettings = field(default_factory=IntakeSettings)
    outbound_fax_folder: Path | None = None
    idle_lock_minutes: int = 10
    sign_in: SignInRules = field(default_factory=SignInRules)
    log_level: str = "INFO"
    rules_folder: Path | None = None  # a site's own rule files, laid over the bundled ones


def load_settings(
    paths: AppPaths | None = None, environ: Mapping[str, str] | None = None
) -> Settings:
    """Read the settings file (if any), then apply INTAKE_* environment overrides."""
    env = os.environ if environ is None else environ
    paths = paths or app_paths(dict(env))
    raw: dict[str, Any] = {}
    text = ""
    if paths.config_file.exists():
        try:
            text = paths.config_file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise SettingsError(f"{paths.config_file}: cannot be read ({exc}).") from exc
        try:
            raw = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            raise SettingsError(f"{paths.config_file}: {exc}.") from exc
    settings = _from_toml(raw, _Locator(paths.config_file, text), paths)
    if env.get("INTAKE_DB_URL"):
        settings = replace(settings, database_url=env["INTAKE_DB_URL"])
    if env.get("INTAKE_STORE_ROOT"):
        settings = replace(settings, store_root=Path(env["INTAKE_STORE_ROOT"]))
    if env.get("INTAKE_RULES_DIR"):
        settings = replace(settings, rules_folder=Path(env["INTAKE_RULES_DIR"]))
    return settings


def parse_settings_text(text: str, path: Path, paths: AppPaths) -> Settings:
    """Settings from TOML `text` as if read from `path`, without environment overrides."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: {exc}.") from exc
    return _from_toml(raw, _Locator(path, text), paths)


class _Locator:
    """Finds the line of a key in the TOML text so errors can point at it."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()

    def line_of(self, table: str, key: str | None) -> int | None:
        current = ""
        header = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?")
        for number, line in enumerate(self.lines, start=1):
            match = header.match(line)
            if match:
                current = match.group(1)
                if key is None and current == table:
                    return number
                continue
            if (
                key is not None
                and current == table
                and re.match(rf"^\s*{re.escape(key)}\s*=", line)
            ):
                return number
        return None

    def error(self, table: str, key: str | None, reason: str) -> SettingsError:
        line = self.line_of(table, key)
        where = f"{self.path}, line {line}" if line else str(self.path)
        name = f"[{table}] {key}" if key and table else (key or f"[{table}]")
        return SettingsError(f"{where}: {name}: {reason}")


def _from_toml(raw: dict[str, Any], loc: _Locator, paths: AppPaths) -> Settings:
    known = {
        "version",
        "database",
        "store",
        "plan",
        "ocr",
        "watch",
        "mailbox",
        "intake",
        "letters",
        "session",
        "logging",
        "rules",
    }
    for key in raw:
        if key not in known:
            raise loc.error("", key, f"unknown setting; expected one of {', '.join(sorted(known))}")
    version = raw.get("version", SETTINGS_VERSION)
    if version != SETTINGS_VERSION:
        raise loc.error("", "version", f"this program reads settings version {SETTINGS_VERSION}")
    database = _table(raw, "database", loc)
    store = _table(raw, "store", loc)
    letters = _table(raw, "letters", loc)
    session = _table(raw, "session", loc)
    logging_ = _table(raw, "logging", loc)
    rules_folder = _get(_table(raw, "rules", loc), "rules", "folder", str, loc, None)
    outbound = _get(letters, "letters", "outbound_fax_folder", str, loc, None)
    level = _get(logging_, "logging", "level", str, loc, "INFO").upper()
    if level not in {"DEBUG", "INFO", "WARNING", "ERROR"}:
        raise loc.error("logging", "level", "must be DEBUG, INFO, WARNING or ERROR")
    idle = _get(session, "session", "idle_lock_minutes", int, loc, 10)
    if idle < 1:
        raise loc.error("session", "idle_lock_minutes", "must be at least 1")
    sign_in = SignInRules(*(
        _at_least_one(session, key, default, loc)
        for key, default in (("lockout_attempts", 5), ("lockout_window_minutes", 15),
                             ("lockout_minutes", 15))))
    return Settings(
        database_url=_get(database, "database", "url", str, loc, paths.default_db_url),
        store_root=Path(_get(store, "store", "root", str, loc, str(paths.default_store_root))),
        paths=paths,
        plan=_dataclass_table(PlanDetails, _table(raw, "plan", loc), "plan", loc),
        ocr=_ocr(_table(raw, "ocr", loc), loc),
        watch=_watch(raw.get("watch", []), loc),
        mailboxes=_mailboxes(raw.get("mailbox", []), loc),
        intake=_intake(_table(raw, "intake", loc), loc),
        outbound_fax_folder=Path(outbound) if outbound else None,
        idle_lock_minutes=idle,
        sign_in=sign_in,
        log_level=level,
        rules_folder=Path(rules_folder).expanduser() if rules_folder else None,
    )


def _at_least_one(session: dict[str, Any], key: str, default: int, loc: _Locator) -> int:
    value = int(_get(session, "session", key, int, loc, default))
    if value < 1:
        raise loc.error("session", key, "must be at least 1")
    return value


def _table(raw: dict[str, Any], name: str, loc: _Locator) -> dict[str, Any]:
    value = raw.get(name, {})
    if not isinstance(value, dict):
        raise loc.error("", name, "must be a table, written [" + name + "]")
    return value


def _get(
    table: dict[str, Any], name: str, key: str, kind: type, loc: _Locator, default: Any
) -> Any:
    if key not in table:
        return default
    value = table[key]
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise loc.error(name, key, f"must be {_kind_word(kind)}, not {value!r}")
    return value


def _kind_word(kind: type) -> str:
    return {
        str: "text in quotes",
        int: "a whole number",
        float: "a number",
        bool: "true or false",
        list: "a list",
    }.get(kind, kind.__name__)


def _dataclass_table(cls: type, table: dict[str, Any], name: str, loc: _Locator) -> Any:
    allowed = {f.name: f for f in fields(cls)}
    values: dict[str, Any] = {}
    for key in table:
        if key not in allowed:
            raise loc.error(name, key, f"unknown setting; expected one of {', '.join(allowed)}")
        values[key] = _get(table, name, key, str, loc, None)
    return cls(**values)


def _ocr(table: dict[str, Any], loc: _Locator) -> OcrSettings:
    allowed = {"languages", "pdf_passwords", "page_timeout_seconds", "max_pages", "engine"}
    for key in table:
        if key not in allowed:
            raise loc.error(
                "ocr", key, f"unknown setting; expected one of {', '.join(sorted(allowed))}"
            )
    languages = _string_list(table, "languages", loc, ["eng", "spa"])
    passwords = _string_list(table, "pdf_passwords", loc, [])
    engine = _get(table, "ocr", "engine", str, loc, "auto")
    if engine not in {"auto", "tesserocr", "pytesseract"}:
        raise loc.error("ocr", "engine", "must be auto, tesserocr or pytesseract")
    timeout = _get(table, "ocr", "page_timeout_seconds", float, loc, 60.0)
    max_pages = _get(table, "ocr", "max_pages", int, loc, 300)
    if timeout <= 0 or max_pages < 1:
        key = "page_timeout_seconds" if timeout <= 0 else "max_pages"
        raise loc.error("ocr", key, "must be greater than zero")
    return OcrSettings(tuple(languages), tuple(passwords), timeout, max_pages, engine)


def _string_list(table: dict[str, Any], key: str, loc: _Locator, default: list[str]) -> list[str]:
    value = _get(table, "ocr", key, list, loc, default)
    if not all(isinstance(item, str) for item in value):
        raise loc.error("ocr", key, "must be a list of texts in quotes")
    return list(value)


def _intake(table: dict[str, Any], loc: _Locator) -> IntakeSettings:
    for key in table:
        if key != "in_window":
            raise loc.error("intake", key, "unknown setting; expected in_window")
    return IntakeSettings(in_window=_get(table, "intake", "in_window", bool, loc, True))


def _watch(value: Any, loc: _Locator) -> tuple[WatchFolder, ...]:
    if not isinstance(value, list):
        raise loc.error("", "watch", "must be written as [[watch]] tables")
    folders = []
    for entry in value:
        if not isinstance(entry, dict):
            raise loc.error("watch", None, "each [[watch]] entry must be a table")
        for key in entry:
            if key not in {"path", "source", "settle_seconds", "polling"}:
                raise loc.error(
                    "watch",
                    key,
                    "unknown setting; expected path, source, settle_seconds or polling",
                )
        if "path" not in entry:
            raise loc.error("watch", None, "a [[watch]] entry needs a path")
        settle = _get(entry, "watch", "settle_seconds", float, loc, 5.0)
        if settle < 0:
            raise loc.error("watch", "settle_seconds", "cannot be negative")
        folders.append(
            WatchFolder(
                path=Path(_get(entry, "watch", "path", str, loc, "")).expanduser(),
                source=_get(entry, "watch", "source", str, loc, "fax"),
                settle_seconds=settle,
                polling=_get(entry, "watch", "polling", bool, loc, False),
            )
        )
    return tuple(folders)


_MAILBOX_KEYS = ("host", "user", "port", "tls", "folder", "processed_folder", "password_file",
                 "keyring_service", "poll_seconds", "source")


def _mailboxes(value: Any, loc: _Locator) -> tuple[Mailbox, ...]:
    if not isinstance(value, list) or not all(isinstance(e, dict) for e in value):
        raise loc.error("", "mailbox", "must be written as [[mailbox]] tables")
    found = []
    for entry in value:
        for key in entry:
            if key not in _MAILBOX_KEYS:
                raise loc.error("mailbox", key,
                                f"unknown setting; expected one of {', '.join(_MAILBOX_KEYS)}")
        for key in ("host", "user"):
            if not _get(entry, "mailbox", key, str, loc, ""):
                raise loc.error("mailbox", None, f"a [[mailbox]] entry needs a {key}")
        tls = _get(entry, "mailbox", "tls", str, loc, "ssl")
        if tls not in {"ssl", "starttls", "none"}:
            raise loc.error("mailbox", "tls", "must be ssl, starttls or none")
        password_file = _get(entry, "mailbox", "password_file", str, loc, None)
        keyring_service = _get(entry, "mailbox", "keyring_service", str, loc, None)
        if (password_file is None) == (keyring_service is None):
            raise loc.error("mailbox", None, "give the password as password_file (a file only "
                            "you may read) or keyring_service (the OS keyring), one of the two")
        poll = _get(entry, "mailbox", "poll_seconds", float, loc, 60.0)
        if poll < 1:
            raise loc.error("mailbox", "poll_seconds", "must be at least 1")
        found.append(Mailbox(
            host=entry["host"], user=entry["user"],
            port=_get(entry, "mailbox", "port", int, loc, 993 if tls == "ssl" else 143),
            tls=tls, folder=_get(entry, "mailbox", "folder", str, loc, "INBOX"),
            processed_folder=_get(entry, "mailbox", "processed_folder", str, loc, "Processed"),
            password_file=Path(password_file).expanduser() if password_file else None,
            keyring_service=keyring_service, poll_seconds=poll,
            source=_get(entry, "mailbox", "source", str, loc, "email")))
    return tuple(found)
