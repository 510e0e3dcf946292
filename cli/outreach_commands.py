"""`main.py referral new|list|show|contact|status|attend` and `main.py member show CIN`: the
care coordination desk."""

from __future__ import annotations

import argparse
from datetime import date, datetime

from casework.members.member_record import MemberRecord, member_record
from casework.outreach.attendance import record_attendance
from casework.outreach.referral_queue import list_referrals
from casework.outreach.referral_states import MOVES
from casework.outreach.referrals import (
    NewReferral,
    ReferralView,
    change_referral_status,
    log_referral_contact,
    new_referral,
    referral_detail,
)
from casework.plan.case_types import CASE_TYPE_LABELS
from casework.plan.timezone import plan_time
from cli.contact_arguments import add_contact_arguments, contact_entry, print_contact_log
from cli.context import CommandContext, signed_in


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    _register_referrals(subparsers, common)
    member = subparsers.add_parser("member", help="a member across every case", parents=[common])
    actions = member.add_subparsers(dest="member_action", required=True, metavar="ACTION")
    show = actions.add_parser("show", parents=[common], help="the member's details, cases, "
                              "documents, letters, contacts and referrals, newest first")
    show.add_argument("cin", metavar="CIN")
    show.set_defaults(handler=_member_show)


def _register_referrals(subparsers: argparse._SubParsersAction,
                        common: argparse.ArgumentParser) -> None:
    referral = subparsers.add_parser("referral", help="referrals to programs (CBAS, ECM, "
                                     "Community Supports, classes, WIC, SNAP-Ed)",
                                     parents=[common])
    actions = referral.add_subparsers(dest="referral_action", required=True, metavar="ACTION")
    new = actions.add_parser("new", parents=[common], help="refer a roster member to a program")
    new.add_argument("cin", metavar="CIN")
    new.add_argument("--program", required=True, help="cbas, ecm, cs, health_education, wic, "
                     "snap_ed (the programs of outreach.yaml)")
    new.add_argument("--site", default="", help="one of the program's sites")
    new.add_argument("--reason", default="")
    new.add_argument("--referred-by", default="", help="who asked for the referral")
    new.set_defaults(handler=_new)
    listing = actions.add_parser("list", parents=[common],
                                 help="the referral queue: open ones, soonest due first")
    listing.add_argument("--status", choices=[*MOVES, "all"])
    listing.add_argument("--program")
    listing.set_defaults(handler=_list)
    show = actions.add_parser("show", parents=[common], help="a referral and its attempts")
    show.add_argument("number")
    show.set_defaults(handler=_show)
    contact = actions.add_parser("contact", parents=[common],
                                 help="log an attempt to reach the referred member")
    contact.add_argument("number")
    add_contact_arguments(contact)
    contact.set_defaults(handler=_contact)
    status = actions.add_parser("status", parents=[common], help="move a referral on: "
                                "contacted, enrolled, declined, unreachable, closed")
    status.add_argument("number")
    status.add_argument("target", choices=list(MOVES))
    status.add_argument("--site", default="", help="where the member is enrolled")
    status.add_argument("--note", default="", help="the outcome in words")
    status.set_defaults(handler=_status)
    attend = actions.add_parser("attend", parents=[common],
                                help="record a day an enrolled member attended (CBAS)")
    attend.add_argument("number")
    attend.add_argument("--date", type=date.fromisoformat, required=True, metavar="YYYY-MM-DD")
    attend.set_defaults(handler=_attend)


def _new(args: argparse.Namespace, ctx: CommandContext) -> int:
    view = new_referral(ctx.workspace, signed_in(ctx, args), NewReferral(
        args.cin, args.program, args.site, args.reason, args.referred_by))
    print(f"Opened {view.number}: {view.member_name} ({view.member_cin}) to "
          f"{view.program_says}{' at ' + view.site if view.site else ''}.")
    clock = view.clock_words(ctx.workspace.now())
    if clock:
        print(f"  {clock} ({view.clock_citation})")
    return 0


def _list(args: argparse.Namespace, ctx: CommandContext) -> int:
    found = list_referrals(ctx.workspace, signed_in(ctx, args), status=args.status,
                           program=args.program)
    now = ctx.workspace.now()
    for view in found:
        print(_line(view, now))
    print(f"{len(found)} referral(s).")
    return 0


def _line(view: ReferralView, now: datetime) -> str:
    clock = view.clock_words(now)
    return (f"{view.number}  {view.status:<11} {view.program:<16} {view.member_cin}  "
            f"{view.member_name}  {view.site or '(no site)'}" + (f"  {clock}" if clock else ""))


def _show(args: argparse.Namespace, ctx: CommandContext) -> int:
    view, log = referral_detail(ctx.workspace, signed_in(ctx, args), args.number)
    _print_referral(view, ctx)
    print_contact_log(log)
    return 0


def _print_referral(view: ReferralView, ctx: CommandContext) -> None:
    print(f"{view.number}  {view.status}  {view.program_says}  "
          f"{view.site or '(no site yet)'}")
    print(f"member {view.member_name or '-'} ({view.member_cin}), referred "
          f"{plan_time(view.referred_at):%Y-%m-%d}" + (f" by {view.referred_by}"
                                                       if view.referred_by else "")
          + (f", case {view.case_number}" if view.case_number else ""))
    if view.reason:
        print(f"  reason: {view.reason}")
    clock = view.clock_words(ctx.workspace.now())
    if clock:
        print(f"  {clock} ({view.clock_citation})")
    if view.attendance:
        print(f"  days attended: {view.attended_days}")
    if view.outcome_note:
        print(f"  outcome: {view.outcome_note}")


def _contact(args: argparse.Namespace, ctx: CommandContext) -> int:
    made = log_referral_contact(ctx.workspace, signed_in(ctx, args), args.number,
                                contact_entry(args))
    print(f"{made.referral_number}: attempt {made.attempt} logged ({made.says()}).")
    return 0


def _status(args: argparse.Namespace, ctx: CommandContext) -> int:
    view = change_referral_status(ctx.workspace, signed_in(ctx, args), args.number,
                                  args.target, args.note, args.site)
    print(f"{view.number} is now {view.status}"
          + (f" ({view.site})" if view.site and view.status == "enrolled" else "") + ".")
    return 0


def _attend(args: argparse.Namespace, ctx: CommandContext) -> int:
    days = record_attendance(ctx.workspace, signed_in(ctx, args), args.number, args.date)
    print(f"{args.number.upper()}: attended {args.date}; {days} day(s) in all.")
    return 0


def _member_show(args: argparse.Namespace, ctx: CommandContext) -> int:
    print_member(member_record(ctx.workspace, signed_in(ctx, args), args.cin))
    return 0


def print_member(found: MemberRecord) -> None:
    """The member record as the command prints it, each section newest first."""
    member = found.member
    print(f"{found.name or '(no name)'}  {found.cin}"
          + ("" if member else "  (not in the roster)"))
    if member is not None:
        eligible = {True: "eligible today", False: "NOT eligible today",
                    None: "no eligibility dates"}[member.eligible_today]
        print(f"  born {member.dob or '-'}, {member.language or 'language not given'}, "
              f"phone {member.phone or '-'}, {eligible}")
        if member.address:
            print(f"  {member.address}")
    print(f"Cases ({len(found.cases)}, {found.open_cases} open):")
    for c in found.cases:
        due = f"due {plan_time(c.next_due_at):%Y-%m-%d}" if c.next_due_at and c.is_open else ""
        outcome = f" ({c.outcome.replace('_', ' ')})" if c.outcome else ""
        print(f"  {c.number}  {CASE_TYPE_LABELS.get(c.case_type, c.case_type)}  "
              f"{c.status.replace('_', ' ')}{outcome}  received "
              f"{plan_time(c.received_at):%Y-%m-%d}  {due}".rstrip())
    print(f"Documents ({len(found.documents)}):")
    for d in found.documents:
        print(f"  {plan_time(d.received_at):%Y-%m-%d}  document {d.document_id}  "
              f"{(d.form_type or 'unrecognised').replace('_', ' ')}  {d.case_number}")
    print(f"Letters ({len(found.letters)}):")
    for letter in found.letters:
        sent = (f"{letter.sent} {plan_time(letter.sent_at):%Y-%m-%d}" if letter.sent_at
                else "not sent")
        print(f"  {plan_time(letter.created_at):%Y-%m-%d}  {letter.kind} ({letter.language}) "
              f"v{letter.version}  {letter.case_number}  {sent}")
    print(f"Contacts ({len(found.contacts)}):")
    for contact in found.contacts:
        about = contact.referral_number or contact.case_number or ""
        print(f"  {plan_time(contact.made_at):%Y-%m-%d %H:%M}  {about} attempt "
              f"{contact.attempt}: {contact.says()} ({contact.made_by})")
    print(f"Referrals ({len(found.referrals)}):")
    for r in found.referrals:
        print(f"  {r.number}  {r.program_says}  {r.status}  {r.site or '(no site)'}"
              + (f"  {r.attended_days} day(s) attended" if r.attendance else ""))
