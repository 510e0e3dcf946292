"""The transportation vendor directory: import from CSV, list and search, edit, deactivate;
every change audited."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.db.transport_models import Vendor
from casework.directory.values import parse_date, phone_digits
from casework.errors import InvalidValue, NotFound
from casework.permissions import Permission, allows
from casework.plan.transport_rules import TransportRules
from casework.workspace import Workspace

REQUIRED_COLUMNS = ("name", "fax", "phone", "modes", "zips")
OPTIONAL_COLUMNS = ("counties", "agreement_from", "agreement_to")


@dataclass(frozen=True)
class VendorView:
    """One vendor as screens and commands show it."""

    id: int
    name: str
    fax: str
    phone: str
    modes: tuple[str, ...]
    zips: tuple[str, ...]
    counties: tuple[str, ...] = ()
    agreement_from: date | None = None
    agreement_to: date | None = None
    active: bool = True

    def agreement_covers(self, day: date) -> bool:
        """Whether the agreement is in force on `day` (an open end is no limit)."""
        return ((self.agreement_from is None or self.agreement_from <= day)
                and (self.agreement_to is None or day <= self.agreement_to))


@dataclass(frozen=True)
class VendorEdit:
    """What a person changes on a vendor (None: leave as it is)."""

    fax: str | None = None
    phone: str | None = None
    modes: tuple[str, ...] | None = None
    zips: tuple[str, ...] | None = None
    counties: tuple[str, ...] | None = None
    agreement_from: date | None = None
    agreement_to: date | None = None
    clear_agreement_to: bool = False


@dataclass
class VendorImport:
    """What an import did: vendors added, updated, and each row skipped with line and reason."""

    added: int = 0
    updated: int = 0
    skipped: list[str] = field(default_factory=list)


def import_vendors(ws: Workspace, actor: Actor, path: Path) -> VendorImport:
    """Add or update vendors by name from a CSV file; a bad row is skipped and reported."""
    actor.require(Permission.MANAGE_VENDORS)
    rows = _read_rows(path)
    report = VendorImport()
    with ws.db.write() as session:
        for line, row in rows:
            try:
                values = vendor_values(ws.rules.transport, row)
            except ValueError as exc:
                report.skipped.append(f"line {line}: {exc}")
                continue
            existing = session.scalar(select(Vendor).where(Vendor.name == values.name))
            if existing is None:
                session.add(_new_row(values, ws))
                report.added += 1
            else:
                _copy(values, existing, ws)
                report.updated += 1
        record(session, actor, AuditAction.VENDORS_IMPORTED, "vendor", "directory", ws.now(),
               {"file": path.name, "added": report.added, "updated": report.updated,
                "skipped": len(report.skipped)})
    return report


def list_vendors(ws: Workspace, actor: Actor, search: str = "",
                 include_inactive: bool = False) -> list[VendorView]:
    """Vendors by name; `search` matches name, phone, fax, a ZIP, a county or a mode."""
    # The administrator keeps the directory without reading cases.
    actor.require(Permission.MANAGE_VENDORS if allows(actor.role, Permission.MANAGE_VENDORS)
                  else Permission.VIEW_CASES)
    query = select(Vendor).order_by(Vendor.name)
    if not include_inactive:
        query = query.where(Vendor.active.is_(True))
    text = search.strip()
    if text:
        like = f"%{text.lower()}%"
        digits = re.sub(r"\D", "", text)
        clauses: list[ColumnElement[bool]] = [
            Vendor.name.ilike(like), Vendor.zips.ilike(like), Vendor.counties.ilike(like),
            Vendor.modes.ilike(like)]
        if digits:
            clauses += [Vendor.phone.contains(digits), Vendor.fax.contains(digits)]
        query = query.where(or_(*clauses))
    with ws.db.read() as session:
        return [view_of(v) for v in session.scalars(query)]


def edit_vendor(ws: Workspace, actor: Actor, vendor_id: int, edit: VendorEdit) -> VendorView:
    """Change a vendor's details; the trail lists each value before and after."""
    actor.require(Permission.MANAGE_VENDORS)
    with ws.db.write() as session:
        row = _vendor(session, vendor_id)
        before = view_of(row)
        after = _edited(ws.rules.transport, before, edit)
        changes = {name: [_shown(getattr(before, name)), _shown(getattr(after, name))]
                   for name in ("fax", "phone", "modes", "zips", "counties", "agreement_from",
                                "agreement_to") if getattr(before, name) != getattr(after, name)}
        if not changes:
            return before
        _copy(after, row, ws)
        record(session, actor, AuditAction.VENDOR_CHANGED, "vendor", row.id, ws.now(),
               {"name": row.name, "changes": changes})
        return view_of(row)


def deactivate_vendor(ws: Workspace, actor: Actor, vendor_id: int, reason: str) -> None:
    """Stop suggesting a vendor (trips that name it keep it); the reason is in the trail."""
    actor.require(Permission.MANAGE_VENDORS)
    if not reason.strip():
        raise InvalidValue("Say why the vendor is deactivated.")
    with ws.db.write() as session:
        row = _vendor(session, vendor_id)
        if not row.active:
            raise InvalidValue(f"{row.name} is already inactive.")
        row.active = False
        row.updated_at = ws.now()
        record(session, actor, AuditAction.VENDOR_DEACTIVATED, "vendor", row.id, ws.now(),
               {"name": row.name, "reason": reason.strip()})


def vendor_values(rules: TransportRules, row: dict[str, str]) -> VendorView:
    """One CSV row checked: a name, a ten-digit fax, known modes, five-digit ZIPs."""
    name = row.get("name", "").strip()
    if not name:
        raise ValueError("the vendor's name is missing")
    try:
        fax = phone_digits(row.get("fax", ""))
        phone = phone_digits(row.get("phone", "")) or ""
    except ValueError as exc:
        raise ValueError(f"the fax or phone: {exc}") from None
    if fax is None:
        raise ValueError("the vendor's fax number is missing (authorizations go by fax)")
    start = _day(row.get("agreement_from", ""), "agreement_from")
    end = _day(row.get("agreement_to", ""), "agreement_to")
    if start and end and end < start:
        raise ValueError("the agreement ends before it starts")
    view = VendorView(0, name, fax, phone, parse_modes(rules, row.get("modes", "")),
                      parse_zips(row.get("zips", "")), parse_counties(row.get("counties", "")),
                      start, end)
    if not view.zips and not view.counties:
        raise ValueError("the vendor serves no ZIP code or county")
    return view


def parse_modes(rules: TransportRules, text: str) -> tuple[str, ...]:
    """Mode names separated by spaces, commas or semicolons, each one the rules know."""
    names = [m for m in re.split(r"[\s,;|]+", text.strip().lower()) if m]
    if not names:
        raise ValueError("the vendor offers no mode of transport")
    unknown = [m for m in names if rules.mode(m) is None]
    if unknown:
        raise ValueError(f"unknown mode {', '.join(unknown)} (the modes are "
                         f"{', '.join(rules.modes)})")
    return tuple(dict.fromkeys(names))


def parse_zips(text: str) -> tuple[str, ...]:
    """Five-digit ZIP codes separated by spaces, commas or semicolons."""
    codes = [z for z in re.split(r"[\s,;|]+", text.strip()) if z]
    bad = [z for z in codes if not re.fullmatch(r"\d{5}", z)]
    if bad:
        raise ValueError(f"{', '.join(bad)} is not a five-digit ZIP code")
    return tuple(dict.fromkeys(codes))


def parse_counties(text: str) -> tuple[str, ...]:
    """County names separated by semicolons or commas, written as 'Fresno' or 'Fresno County'."""
    names = [c.strip() for c in re.split(r"[;,|]", text) if c.strip()]
    return tuple(dict.fromkeys(county_name(c) for c in names))


def county_name(text: str) -> str:
    """A county's name without the word 'County', in title case, for comparing."""
    return re.sub(r"\s+county$", "", text.strip(), flags=re.IGNORECASE).title()


def view_of(row: Vendor) -> VendorView:
    """The plain view of a vendor row."""
    return VendorView(row.id, row.name, row.fax, row.phone, tuple(row.modes.split()),
                      tuple(row.zips.split()),
                      tuple(c for c in row.counties.split(";") if c),
                      row.agreement_from, row.agreement_to, row.active)


def _edited(rules: TransportRules, before: VendorView, edit: VendorEdit) -> VendorView:
    after = before
    try:
        if edit.fax is not None:
            fax = phone_digits(edit.fax)
            if fax is None:
                raise ValueError("the vendor's fax number cannot be empty")
            after = replace(after, fax=fax)
        if edit.phone is not None:
            after = replace(after, phone=phone_digits(edit.phone) or "")
        if edit.modes is not None:
            after = replace(after, modes=parse_modes(rules, " ".join(edit.modes)))
        if edit.zips is not None:
            after = replace(after, zips=parse_zips(" ".join(edit.zips)))
    except ValueError as exc:
        raise InvalidValue(f"{str(exc)[0].upper()}{str(exc)[1:]}.") from None
    if edit.counties is not None:
        after = replace(after, counties=parse_counties(";".join(edit.counties)))
    if edit.agreement_from is not None:
        after = replace(after, agreement_from=edit.agreement_from)
    if edit.agreement_to is not None or edit.clear_agreement_to:
        after = replace(after, agreement_to=edit.agreement_to)
    if after.agreement_from and after.agreement_to and after.agreement_to < after.agreement_from:
        raise InvalidValue("The agreement cannot end before it starts.")
    if not after.zips and not after.counties:
        raise InvalidValue("A vendor must serve at least one ZIP code or county.")
    return after


def _new_row(values: VendorView, ws: Workspace) -> Vendor:
    row = Vendor(name=values.name, active=True)
    _copy(values, row, ws)
    return row


def _copy(values: VendorView, row: Vendor, ws: Workspace) -> None:
    row.fax, row.phone = values.fax, values.phone
    row.modes, row.zips = " ".join(values.modes), " ".join(values.zips)
    row.counties = ";".join(values.counties)
    row.agreement_from, row.agreement_to = values.agreement_from, values.agreement_to
    row.updated_at = ws.now()


def _vendor(session: Session, vendor_id: int) -> Vendor:
    row = session.get(Vendor, vendor_id)
    if row is None:
        raise NotFound(f"There is no vendor {vendor_id}.")
    return row


def _day(text: str, what: str) -> date | None:
    try:
        return parse_date(text)
    except ValueError as exc:
        raise ValueError(f"{what}: {exc}") from None


def _shown(value: object) -> object:
    if isinstance(value, tuple):
        return " ".join(map(str, value))
    return value.isoformat() if isinstance(value, date) else value


def _read_rows(path: Path) -> list[tuple[int, dict[str, str]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InvalidValue(f"There is no file {path}.") from None
    except UnicodeDecodeError:
        text = path.read_text(encoding="cp1252")
    except OSError as exc:
        raise InvalidValue(f"{path} cannot be read: {exc.strerror}.") from exc
    reader = csv.reader(text.splitlines())
    header = [h.strip().lower().replace(" ", "_") for h in next(reader, [])]
    if not header:
        raise InvalidValue(f"{path.name} is empty.")
    missing = [c for c in REQUIRED_COLUMNS if c not in header]
    if missing:
        raise InvalidValue(f"{path.name} has no column {', '.join(missing)}; the columns are "
                           f"{', '.join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS)}.")
    rows = []
    for line, cells in enumerate(reader, start=2):
        if any(c.strip() for c in cells):
            rows.append((line, dict(zip(header, (c.strip() for c in cells), strict=False))))
    return rows
