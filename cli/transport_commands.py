"""`main.py vendors import|list|edit|deactivate` and `main.py trip
show|change|vendor|cancel|reimburse|reimbursements|report`: the transportation desk."""

from __future__ import annotations

import argparse
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from casework.actor import Actor
from casework.errors import InvalidValue
from casework.transport.reimbursement import reimbursements, route_reimbursement
from casework.transport.reports import report_lines, transport_report
from casework.transport.trip_changes import (
    TripView,
    cancel_trip,
    change_trip,
    choose_vendor,
    trip_detail,
)
from casework.transport.trips import parse_weekdays
from casework.transport.vendors import (
    VendorEdit,
    VendorView,
    deactivate_vendor,
    edit_vendor,
    import_vendors,
    list_vendors,
)
from cli.context import CommandContext, signed_in


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    _register_vendors(subparsers, common)
    _register_trips(subparsers, common)


def _register_vendors(subparsers: argparse._SubParsersAction,
                      common: argparse.ArgumentParser) -> None:
    vendors = subparsers.add_parser("vendors", help="the transportation vendor directory",
                                    parents=[common])
    actions = vendors.add_subparsers(dest="vendor_action", required=True, metavar="ACTION")
    imp = actions.add_parser("import", parents=[common], help="add or update vendors from a CSV "
                             "file (name,fax,phone,modes,zips[,counties,agreement_from,"
                             "agreement_to])")
    imp.add_argument("file", type=Path)
    imp.set_defaults(handler=_import)
    listing = actions.add_parser("list", parents=[common], help="vendors, active ones by default")
    listing.add_argument("--search", default="", help="part of a name, a ZIP, county or mode")
    listing.add_argument("--all", action="store_true", help="include inactive vendors")
    listing.set_defaults(handler=_list)
    edit = actions.add_parser("edit", parents=[common], help="change a vendor's details")
    edit.add_argument("vendor_id", type=int)
    edit.add_argument("--fax")
    edit.add_argument("--phone")
    edit.add_argument("--modes", help="space-separated modes, e.g. 'wheelchair_van gurney'")
    edit.add_argument("--zips", help="space-separated ZIP codes")
    edit.add_argument("--counties", help="semicolon-separated counties")
    edit.add_argument("--agreement-from", type=date.fromisoformat, metavar="YYYY-MM-DD")
    edit.add_argument("--agreement-to", type=date.fromisoformat, metavar="YYYY-MM-DD")
    edit.set_defaults(handler=_edit)
    off = actions.add_parser("deactivate", parents=[common], help="stop offering a vendor")
    off.add_argument("vendor_id", type=int)
    off.add_argument("--reason", required=True)
    off.set_defaults(handler=_deactivate)


def _register_trips(subparsers: argparse._SubParsersAction,
                    common: argparse.ArgumentParser) -> None:
    trip = subparsers.add_parser("trip", help="a transportation case's trip", parents=[common])
    actions = trip.add_subparsers(dest="trip_action", required=True, metavar="ACTION")
    show = actions.add_parser("show", parents=[common],
                              help="the trip, its miles, vendor and the vendors that qualify")
    show.add_argument("number")
    show.set_defaults(handler=_show)
    change = actions.add_parser("change", parents=[common], help="change the trip (an "
                                "authorized one needs --reason and is amended)")
    change.add_argument("number")
    change.add_argument("--pickup", help="pick-up address, with its ZIP")
    change.add_argument("--destination", help="destination address, with its ZIP")
    change.add_argument("--destination-name")
    change.add_argument("--date", type=date.fromisoformat, metavar="YYYY-MM-DD")
    change.add_argument("--time", metavar="HH:MM")
    change.add_argument("--mode")
    change.add_argument("--round-trip", action=argparse.BooleanOptionalAction, default=None)
    change.add_argument("--stated-miles", type=float)
    change.add_argument("--stated-by", choices=["provider", "member", "vendor"])
    change.add_argument("--standing", metavar="DAYS",
                        help="a standing order's days, e.g. 'mon wed fri' (with --until)")
    change.add_argument("--until", type=date.fromisoformat, metavar="YYYY-MM-DD")
    change.add_argument("--reason", default="")
    change.set_defaults(handler=_change)
    vendor = actions.add_parser("vendor", parents=[common],
                                help="put a qualifying vendor on the trip")
    vendor.add_argument("number")
    vendor.add_argument("vendor_id", type=int)
    vendor.add_argument("--reason", default="")
    vendor.set_defaults(handler=_vendor)
    cancel = actions.add_parser("cancel", parents=[common], help="cancel the trip")
    cancel.add_argument("number")
    cancel.add_argument("--reason", required=True)
    cancel.set_defaults(handler=_cancel)
    pay = actions.add_parser("reimburse", parents=[common], help="route a day's mileage for a "
                             "member's own vehicle to Finance")
    pay.add_argument("number")
    pay.add_argument("--date", type=date.fromisoformat, metavar="YYYY-MM-DD")
    pay.add_argument("--miles", type=float, help="verified miles (default: the estimate)")
    pay.set_defaults(handler=_reimburse)
    queue = actions.add_parser("reimbursements", parents=[common],
                               help="Finance's queue of mileage reimbursements")
    queue.add_argument("--all", action="store_true", help="paid ones too")
    queue.set_defaults(handler=_reimbursements)
    report = actions.add_parser("report", parents=[common], help="trips by vendor and mode, "
                                "miles authorized, authorizations faxed late")
    report.add_argument("--from", dest="start", type=date.fromisoformat, required=True)
    report.add_argument("--to", dest="end", type=date.fromisoformat, required=True)
    report.set_defaults(handler=_report)


def _vendor_actor(args: argparse.Namespace, ctx: CommandContext) -> Actor:
    return signed_in(ctx, args)


def _import(args: argparse.Namespace, ctx: CommandContext) -> int:
    report = import_vendors(ctx.workspace, _vendor_actor(args, ctx), args.file)
    print(f"vendors: {report.added} added, {report.updated} updated, "
          f"{len(report.skipped)} skipped.")
    for reason in report.skipped[:50]:
        print(f"  skipped {reason}")
    return 0


def _list(args: argparse.Namespace, ctx: CommandContext) -> int:
    found = list_vendors(ctx.workspace, _vendor_actor(args, ctx), args.search, args.all)
    for vendor in found:
        print(_vendor_line(vendor))
    if not found:
        print("No vendor matches.")
    return 0


def _vendor_line(v: VendorView) -> str:
    agreement = f"{v.agreement_from or '…'} to {v.agreement_to or 'open'}"
    area = " ".join(v.zips) + (f" ({'; '.join(v.counties)})" if v.counties else "")
    state = "" if v.active else " [inactive]"
    return (f"{v.id:>4}  {v.name}{state} | fax {v.fax} | {' '.join(v.modes)} | {area} | "
            f"agreement {agreement}")


def _edit(args: argparse.Namespace, ctx: CommandContext) -> int:
    split = {key: tuple(getattr(args, key).split()) if getattr(args, key) is not None else None
             for key in ("modes", "zips")}
    counties = (tuple(c for c in args.counties.split(";") if c.strip())
                if args.counties is not None else None)
    vendor = edit_vendor(ctx.workspace, _vendor_actor(args, ctx), args.vendor_id, VendorEdit(
        fax=args.fax, phone=args.phone, modes=split["modes"], zips=split["zips"],
        counties=counties, agreement_from=args.agreement_from, agreement_to=args.agreement_to))
    print(_vendor_line(vendor))
    return 0


def _deactivate(args: argparse.Namespace, ctx: CommandContext) -> int:
    deactivate_vendor(ctx.workspace, _vendor_actor(args, ctx), args.vendor_id, args.reason)
    print(f"Vendor {args.vendor_id} is no longer offered for trips.")
    return 0


def _show(args: argparse.Namespace, ctx: CommandContext) -> int:
    _print_trip(trip_detail(ctx.workspace, signed_in(ctx, args), args.number))
    return 0


def _change(args: argparse.Namespace, ctx: CommandContext) -> int:
    actor = signed_in(ctx, args)
    plan = trip_detail(ctx.workspace, actor, args.number).plan
    changes: dict[str, Any] = {
        "pickup_address": args.pickup, "destination_address": args.destination,
        "destination_name": args.destination_name, "appointment_date": args.date,
        "appointment_time": args.time, "mode": args.mode, "round_trip": args.round_trip,
        "stated_miles": args.stated_miles, "stated_by": args.stated_by,
        "series_end": args.until}
    if args.standing is not None:
        changes["standing_days"] = parse_weekdays(args.standing)
    plan = replace(plan, **{k: v for k, v in changes.items() if v is not None})
    if args.standing == "":
        plan = replace(plan, standing_days=(), series_end=None)
    _print_trip(change_trip(ctx.workspace, actor, args.number, plan, args.reason))
    return 0


def _vendor(args: argparse.Namespace, ctx: CommandContext) -> int:
    _print_trip(choose_vendor(ctx.workspace, signed_in(ctx, args), args.number,
                              args.vendor_id, args.reason))
    return 0


def _cancel(args: argparse.Namespace, ctx: CommandContext) -> int:
    _print_trip(cancel_trip(ctx.workspace, signed_in(ctx, args), args.number,
                            args.reason))
    return 0


def _reimburse(args: argparse.Namespace, ctx: CommandContext) -> int:
    paid = route_reimbursement(ctx.workspace, signed_in(ctx, args), args.number,
                               args.date, args.miles)
    print(f"{paid.case_number} {paid.travel_date}: {paid.miles:g} miles × ${paid.rate} = "
          f"${paid.amount}, routed to {paid.queue} ({paid.citation}).")
    return 0


def _reimbursements(args: argparse.Namespace, ctx: CommandContext) -> int:
    rows = reimbursements(ctx.workspace, signed_in(ctx, args),
                          None if args.all else "open")
    for r in rows:
        print(f"{r.id:>5}  {r.case_number}  {r.member_name}  {r.travel_date}  {r.miles:g} mi  "
              f"${r.amount}  {r.status}")
    total = sum((r.amount for r in rows), Decimal(0))
    print(f"{len(rows)} reimbursement(s), ${total}.")
    return 0


def _report(args: argparse.Namespace, ctx: CommandContext) -> int:
    if args.end < args.start:
        raise InvalidValue("--to must not be before --from.")
    report = transport_report(ctx.workspace, signed_in(ctx, args), args.start,
                              args.end)
    print("\n".join(report_lines(report)))
    return 0


def _print_trip(view: TripView) -> None:
    plan = view.plan
    print(f"{view.case_number}: {plan.mode or '(no mode)'}, "
          f"{'round trip' if plan.round_trip else 'one way'}"
          + (" [CANCELLED]" if view.cancelled else ""))
    print(f"  from {plan.pickup_address or '(no address)'} [{view.pickup_zip or 'no ZIP'}]")
    print(f"  to   {plan.destination_name} {plan.destination_address} "
          f"[{view.destination_zip or 'no ZIP'}]")
    print(f"  on   {plan.appointment_date or '(no date)'} at {plan.appointment_time or '?'}")
    if view.eligibility:
        print(f"  {view.eligibility}")
    print(f"  miles {view.miles if view.miles is not None else '—'}"
          + (f" ({view.miles_note})" if view.miles_note else ""))
    if view.mileage_check is not None:
        flag = "FLAG: " if view.mileage_check.flagged else ""
        print(f"  {flag}{view.mileage_check.message}")
    if len(view.days) > 1:
        print(f"  standing order {' '.join(plan.standing_days)} until {plan.series_end}: "
              f"{len(view.days)} days")
        for day in view.days:
            if day.holiday:
                print(f"    {day.day} is {day.holiday}: confirm with the facility")
    print(f"  vendor {view.vendor or '(none)'} — {view.vendor_reason}")
    for option in view.options:
        print(f"    may take it: {option.vendor.id} {option.vendor.name} ({option.reason})")
    if view.no_vendor and view.no_vendor != view.vendor_reason:
        print(f"    {view.no_vendor}")
    if view.authorization_number:
        print(f"  authorization {view.authorization_number}"
              + (f", amendment {view.amendment}" if view.amendment else ""))

