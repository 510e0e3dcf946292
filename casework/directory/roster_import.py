"""Importing member and provider rosters from CSV, row by row, naming every row it skips."""

from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.db.directory_models import Member, Provider
from casework.directory.values import CIN_SHAPE, NPI_SHAPE, parse_date, phone_digits
from casework.errors import InvalidValue
from casework.permissions import Permission
from casework.workspace import Workspace

# Column names plans actually use, mapped to ours (compared lower-case, spaces as underscores).
MEMBER_COLUMNS = {
    "cin": "cin", "member_id": "cin", "medi_cal_id": "cin", "client_index_number": "cin",
    "first_name": "first_name", "firstname": "first_name", "given_name": "first_name",
    "last_name": "last_name", "lastname": "last_name", "surname": "last_name",
    "family_name": "last_name", "name": "name", "member_name": "name", "full_name": "name",
    "dob": "dob", "date_of_birth": "dob", "birth_date": "dob", "birthdate": "dob",
    "language": "language", "preferred_language": "language", "spoken_language": "language",
    "address": "address", "mailing_address": "address", "phone": "phone",
    "phone_number": "phone", "telephone": "phone",
    "eligibility_start": "eligibility_start", "elig_start": "eligibility_start",
    "effective_date": "eligibility_start", "eligibility_end": "eligibility_end",
    "elig_end": "eligibility_end", "termination_date": "eligibility_end",
}
PROVIDER_COLUMNS = {
    "npi": "npi", "name": "name", "provider_name": "name", "phone": "phone",
    "phone_number": "phone", "fax": "fax", "fax_number": "fax", "address": "address",
}


@dataclass
class ImportReport:
    """What an import did: rows added, updated, and every row skipped with its line and reason."""

    added: int = 0
    updated: int = 0
    skipped: list[str] = field(default_factory=list)


def import_members(ws: Workspace, actor: Actor, path: Path) -> ImportReport:
    """Add or update members by CIN from a CSV file; bad rows are skipped and reported."""
    return _import(ws, actor, path, "members", MEMBER_COLUMNS, {"cin", "dob"}, _member_values,
                   Member, "cin")


def import_providers(ws: Workspace, actor: Actor, path: Path) -> ImportReport:
    """Add or update providers by NPI from a CSV file; bad rows are skipped and reported."""
    return _import(ws, actor, path, "providers", PROVIDER_COLUMNS, {"npi", "name"},
                   _provider_values, Provider, "npi")


def _import(
    ws: Workspace, actor: Actor, path: Path, which: str, columns: dict[str, str],
    required: set[str], values_of: Callable[[dict[str, str]], dict[str, Any]],
    model: type[Member] | type[Provider], key: str,
) -> ImportReport:
    actor.require(Permission.IMPORT_ROSTERS)
    rows = _read_csv(path, columns, required)
    report = ImportReport()
    with ws.db.write() as session:
        for line, row in rows:
            try:
                values = values_of(row)
            except ValueError as exc:
                report.skipped.append(f"line {line}: {exc}")
                continue
            _upsert(session, model, key, values, ws, report)
        record(session, actor, AuditAction.ROSTER_IMPORTED, "roster", which, ws.now(),
               {"file": path.name, "added": report.added, "updated": report.updated,
                "skipped": len(report.skipped)})
    return report


def _read_csv(
    path: Path, columns: dict[str, str], required: set[str]
) -> list[tuple[int, dict[str, str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InvalidValue(f"There is no file {path}.") from None
    except UnicodeDecodeError:
        text = path.read_text(encoding="cp1252")
    except OSError as exc:
        raise InvalidValue(f"{path} cannot be read: {exc.strerror}.") from exc
    reader = csv.reader(text.splitlines())
    header = next(reader, None)
    if not header:
        raise InvalidValue(f"{path.name} is empty.")
    mapped = [columns.get(_column_key(h), "") for h in header]
    present = set(mapped) | ({"first_name", "last_name"} if "name" in mapped else set())
    missing = required - present
    if missing:
        raise InvalidValue(
            f"{path.name} has no column for {', '.join(sorted(missing))}; "
            f"its columns are: {', '.join(header)}."
        )
    rows = []
    for line, cells in enumerate(reader, start=2):
        if not any(c.strip() for c in cells):
            continue
        rows.append((line, {m: c.strip() for m, c in zip(mapped, cells, strict=False) if m}))
    return rows


def _column_key(header: str) -> str:
    return header.strip().lower().replace(" ", "_").replace("-", "_")


def _member_values(row: dict[str, str]) -> dict[str, Any]:
    cin = row.get("cin", "").upper().replace(" ", "")
    if not CIN_SHAPE.match(cin):
        raise ValueError(f"member ID {cin!r} is not a Medi-Cal CIN (8 digits and a letter)")
    first, last = row.get("first_name", ""), row.get("last_name", "")
    if not (first or last) and row.get("name"):
        first, last = _split_name(row["name"])
    if not last:
        raise ValueError("the member's name is missing")
    dob = parse_date(row.get("dob", ""))
    if dob is None:
        raise ValueError("the date of birth is missing")
    start = parse_date(row.get("eligibility_start", ""))
    end = parse_date(row.get("eligibility_end", ""))
    if start and end and end < start:
        raise ValueError("eligibility ends before it starts")
    return {"cin": cin, "first_name": first, "last_name": last, "dob": dob,
            "language": row.get("language") or None, "address": row.get("address", ""),
            "phone": phone_digits(row.get("phone", "")),
            "eligibility_start": start, "eligibility_end": end}


def _provider_values(row: dict[str, str]) -> dict[str, Any]:
    npi = row.get("npi", "").replace(" ", "")
    if not NPI_SHAPE.match(npi):
        raise ValueError(f"NPI {npi!r} is not 10 digits")
    if not row.get("name"):
        raise ValueError("the provider's name is missing")
    return {"npi": npi, "name": row["name"], "phone": phone_digits(row.get("phone", "")),
            "fax": phone_digits(row.get("fax", "")), "address": row.get("address", "")}


def _split_name(name: str) -> tuple[str, str]:
    if "," in name:
        last, first = (part.strip() for part in name.split(",", 1))
        return first, last
    parts = name.split()
    return " ".join(parts[:-1]), parts[-1] if parts else ""


def _upsert(
    session: Session, model: type[Member] | type[Provider], key: str, values: dict[str, Any],
    ws: Workspace, report: ImportReport,
) -> None:
    existing: Any = session.scalar(
        select(model).where(getattr(model, key) == values[key])
    )
    if existing is None:
        session.add(model(**values, updated_at=ws.now()))
        report.added += 1
        return
    for name, value in values.items():
        setattr(existing, name, value)
    existing.updated_at = ws.now()
    report.updated += 1
