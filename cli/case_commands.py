"""`main.py case new|show|status|refer|priority|extend|note|contact|contacts|packet|assign`:
case work from the command line."""

from __future__ import annotations

import argparse
from pathlib import Path

from casework.cases.clinical_review import refer_to_reviewer
from casework.cases.lookup import get_case_by_number
from casework.cases.notes import add_note
from casework.cases.phone_intake import open_phone_case
from casework.cases.priority import change_priority
from casework.cases.queues import assign
from casework.cases.work import case_detail, change_status, extend_clock
from casework.exports.case_packet import make_case_packet
from casework.outreach.contacts import case_contact_log, log_contact
from casework.plan.case_types import CASE_TYPE_LABELS, Priority
from casework.plan.timezone import plan_time
from cli.contact_arguments import add_contact_arguments, contact_entry, print_contact_log
from cli.context import CommandContext, signed_in


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    case = subparsers.add_parser("case", help="open and work cases", parents=[common])
    actions = case.add_subparsers(dest="case_action", required=True, metavar="ACTION")

    new = actions.add_parser("new", help="open a case from a phone call", parents=[common])
    new.add_argument("form", help="grievance_form, nemt_request, appeal_request, …")
    new.add_argument("--field", action="append", default=[], metavar="NAME=VALUE")
    new.add_argument("--priority", choices=[p.value for p in Priority])
    new.set_defaults(handler=_new)

    show = actions.add_parser("show", help="a case with its clocks, notes and tasks",
                              parents=[common])
    show.add_argument("number")
    show.set_defaults(handler=_show)

    status = actions.add_parser("status", help="move a case to a new status", parents=[common])
    status.add_argument("number")
    status.add_argument("target")
    status.add_argument("--outcome")
    status.set_defaults(handler=_status)

    refer = actions.add_parser("refer", help="refer a request to a clinical reviewer (who "
                               "alone may deny or modify it)", parents=[common])
    refer.add_argument("number")
    refer.add_argument("--note", default="", help="what the reviewer should look at")
    refer.set_defaults(handler=_refer)

    priority = actions.add_parser(
        "priority", parents=[common],
        help="change a case's priority with a reason: it re-routes and its clocks are recounted")
    priority.add_argument("number")
    priority.add_argument("priority", choices=[p.value for p in Priority])
    priority.add_argument("--reason", required=True)
    priority.set_defaults(handler=_priority)

    extend = actions.add_parser("extend", parents=[common],
                                help="extend a clock with a reason, where its rule allows one")
    extend.add_argument("number")
    extend.add_argument("clock")
    extend.add_argument("--days", type=int, required=True)
    extend.add_argument("--reason", required=True)
    extend.set_defaults(handler=_extend)

    note = actions.add_parser("note", help="add a note", parents=[common])
    note.add_argument("number")
    note.add_argument("text")
    note.set_defaults(handler=_note)

    contact = actions.add_parser("contact", parents=[common],
                                 help="log an attempt to reach the case's member (numbered)")
    contact.add_argument("number")
    add_contact_arguments(contact)
    contact.set_defaults(handler=_contact)

    contacts = actions.add_parser("contacts", parents=[common],
                                  help="the attempts to reach the member, against the plan's "
                                  "outreach rule")
    contacts.add_argument("number")
    contacts.set_defaults(handler=_contacts)

    packet = actions.add_parser("packet", parents=[common],
                                help="the whole case file as one bookmarked PDF (cover, "
                                "documents, letters sent, notes, decision, audit trail)")
    packet.add_argument("number")
    packet.add_argument("--out", type=Path, help="file to write (default: CASE-packet.pdf)")
    packet.set_defaults(handler=_packet)

    give = actions.add_parser("assign", help="assign to a person (or --unassign)",
                              parents=[common])
    give.add_argument("number")
    give.add_argument("user", nargs="?")
    give.set_defaults(handler=_assign)


def _case_id(ctx: CommandContext, number: str) -> int:
    with ctx.workspace.db.read() as session:
        return get_case_by_number(session, number).id


def _new(args: argparse.Namespace, ctx: CommandContext) -> int:
    entered = dict(item.partition("=")[::2] for item in args.field)
    case = open_phone_case(ctx.workspace, signed_in(ctx, args), args.form, entered,
                           args.priority)
    print(f"Opened {case.number}.")
    for problem in case.problems:
        print(f"  {problem.kind}: {problem.message}")
    return 0


def _show(args: argparse.Namespace, ctx: CommandContext) -> int:
    actor = signed_in(ctx, args)
    detail = case_detail(ctx.workspace, actor, _case_id(ctx, args.number))
    row = detail.row
    print(f"{row.number}  {row.case_type}  {row.priority}  {row.status}  queue {row.queue}"
          f"  assignee {row.assignee or '-'}")
    print(f"member {row.member_name or '-'} ({row.member_cin or 'no ID'}), received "
          f"{plan_time(row.received_at):%Y-%m-%d %H:%M}")
    if detail.outcome:
        by = f", decided by {detail.decided_by}" if detail.decided_by else ""
        print(f"outcome {detail.outcome.replace('_', ' ')}{by}")
    for related in detail.related:
        kind = CASE_TYPE_LABELS.get(related.case_type, related.case_type)
        status = related.status.replace("_", " ")
        print(f"  related: {related.relation} {related.number} ({kind}, {status})")
    for clock in detail.clocks:
        state = f"met {plan_time(clock.met_at):%Y-%m-%d %H:%M}" if clock.met_at else "running"
        extra = f" (extended: {clock.extension_reason})" if clock.extended else ""
        print(f"  {clock.name:<12} due {plan_time(clock.due_at):%Y-%m-%d %H:%M}  {state}{extra}")
    for task in detail.tasks:
        print(f"  task {task.kind}: {task.description}{' (done)' if task.done_at else ''}")
    for note in detail.notes:
        print(f"  note {plan_time(note.created_at):%Y-%m-%d %H:%M} {note.author}: {note.text}")
    log = case_contact_log(ctx.workspace, actor, row.number)
    if log.contacts:
        last = log.contacts[-1]
        rule = (f"; outreach rule {'met' if log.progress.satisfied else 'not yet met'} "
                f"({log.progress.says()})" if log.rule_applies else "")
        print(f"  contacts: {len(log.contacts)} attempt(s), the last "
              f"{plan_time(last.made_at):%Y-%m-%d} ({last.says()}){rule}")
    return 0


def _status(args: argparse.Namespace, ctx: CommandContext) -> int:
    change_status(ctx.workspace, signed_in(ctx, args), _case_id(ctx, args.number),
                  args.target, args.outcome)
    print(f"{args.number.upper()} is now {args.target}.")
    return 0


def _refer(args: argparse.Namespace, ctx: CommandContext) -> int:
    row = refer_to_reviewer(ctx.workspace, signed_in(ctx, args),
                            _case_id(ctx, args.number), args.note)
    print(f"{row.number} is waiting for a clinical reviewer "
          f"({ctx.workspace.rules.routing.queue_label(row.queue)} queue).")
    return 0


def _priority(args: argparse.Namespace, ctx: CommandContext) -> int:
    change = change_priority(ctx.workspace, signed_in(ctx, args),
                             _case_id(ctx, args.number), args.priority, args.reason)
    queue = ctx.workspace.rules.routing.queue_label(change.queue_after)
    print(f"{change.number} is now {change.after} (was {change.before}), in {queue}.")
    for move in change.moves:
        if move.after is None:
            print(f"  {move.clock:<12} stopped (the rules give no such clock now)")
        else:
            print(f"  {move.clock:<12} now due {plan_time(move.after):%Y-%m-%d %H:%M}")
    return 0


def _extend(args: argparse.Namespace, ctx: CommandContext) -> int:
    extended = extend_clock(ctx.workspace, signed_in(ctx, args),
                            _case_id(ctx, args.number), args.clock, args.days, args.reason)
    print(f"{args.clock} now due {plan_time(extended.due_at):%Y-%m-%d %H:%M}.")
    notice = extended.notice
    if notice is not None:
        print(f"The member must be sent the {notice.title.lower()} by "
              f"{plan_time(notice.due_at):%Y-%m-%d %H:%M} ({notice.citation}): "
              f"python main.py letter {args.number.upper()} {notice.letter}")
    return 0


def _note(args: argparse.Namespace, ctx: CommandContext) -> int:
    add_note(ctx.workspace, signed_in(ctx, args), _case_id(ctx, args.number),
             args.text)
    print("Note added.")
    return 0


def _contact(args: argparse.Namespace, ctx: CommandContext) -> int:
    made = log_contact(ctx.workspace, signed_in(ctx, args), args.number, contact_entry(args))
    print(f"{made.case_number}: attempt {made.attempt} logged ({made.says()}).")
    return 0


def _contacts(args: argparse.Namespace, ctx: CommandContext) -> int:
    log = case_contact_log(ctx.workspace, signed_in(ctx, args), args.number)
    print_contact_log(log)
    return 0


def _assign(args: argparse.Namespace, ctx: CommandContext) -> int:
    row = assign(ctx.workspace, signed_in(ctx, args), _case_id(ctx, args.number),
                 args.user)
    print(f"{row.number} assigned to {row.assignee or 'the queue'}.")
    return 0


def _packet(args: argparse.Namespace, ctx: CommandContext) -> int:
    out = args.out or Path(f"{args.number.upper()}-packet.pdf")
    packet = make_case_packet(ctx.workspace, signed_in(ctx, args),
                              _case_id(ctx, args.number), out)
    withheld = "" if packet.member_data else "; member information withheld for this role"
    print(f"Wrote the case file of {packet.case_number} to {out}: {packet.pages} pages, "
          f"{packet.documents} documents, {packet.letters} letters sent{withheld}.")
    return 0
