"""`main.py letter CASE KIND [--lang en|es] [--out FILE] [--set NAME=VALUE]` and `letters due`."""

from __future__ import annotations

import argparse
from pathlib import Path

from casework.letters.issuing import (
    export_letter,
    generate_due,
    generate_letter,
    letters_due,
    send_to_fax_folder,
)
from casework.plan.timezone import plan_time
from cli.context import CommandContext, acting_person


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    letter = subparsers.add_parser("letter", help="generate a letter for a case", parents=[common])
    letter.add_argument("case", metavar="CASE", help="case number, e.g. GRV-2026-000123")
    # Which kinds a case may be sent depends on its type and status (the letter kinds rule
    # file), so the kind is checked against the case: a refusal names the kinds that fit.
    letter.add_argument("kind", metavar="KIND",
                        help="the letter kind, e.g. grievance_acknowledgement; one that does "
                        "not fit the case is refused, naming the kinds that do")
    letter.add_argument("--lang", choices=["en", "es"], help="override the member's language")
    letter.add_argument("--out", type=Path, help="also write the PDF to this file")
    letter.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                        help="a value the letter needs, e.g. reason=..., criteria=A;B, "
                        "resolution=..., reviewer.name=...")
    letter.add_argument("--fax", action="store_true",
                        help="also put it, behind a cover page, in the outbound fax folder")
    letter.add_argument("--as", dest="as_user", default="", metavar="USER",
                        help="the staff member signing (default: the console account)")
    letter.set_defaults(handler=_letter)

    letters = subparsers.add_parser("letters", help="letters due", parents=[common])
    actions = letters.add_subparsers(dest="letters_action", required=True, metavar="ACTION")
    due = actions.add_parser("due", help="letters due today and overdue", parents=[common])
    due.add_argument("--generate", action="store_true",
                     help="generate them now (letters needing staff wording are listed)")
    due.add_argument("--kind", action="append", default=[], help="only this kind (repeatable)")
    due.add_argument("--as", dest="as_user", default="", metavar="USER")
    due.set_defaults(handler=_due)


def _letter(args: argparse.Namespace, ctx: CommandContext) -> int:
    values = {}
    for item in args.set:
        name, _, value = item.partition("=")
        values[name.strip()] = value.strip()
    actor = acting_person(ctx, args.as_user)
    issued = generate_letter(ctx.workspace, actor, ctx.settings.plan, args.case, args.kind,
                             args.lang, values)
    print(f"{issued.kind} for {issued.case_number}: version {issued.version}, "
          f"{issued.language}, {issued.pages} pages (letter {issued.id}).")
    if args.out:
        export_letter(ctx.workspace, actor, issued.id, args.out)
        print(f"Written to {args.out}.")
    if args.fax:
        faxed = send_to_fax_folder(ctx.workspace, actor, ctx.settings.plan,
                                   ctx.settings.outbound_fax_folder, issued.id)
        print(f"Queued for fax: {faxed}.")
    return 0


def _due(args: argparse.Namespace, ctx: CommandContext) -> int:
    actor = acting_person(ctx, args.as_user)
    if args.generate:
        outcomes = generate_due(ctx.workspace, actor, ctx.settings.plan, set(args.kind) or None)
        for o in outcomes:
            what = f"letter {o.letter_id}" if o.letter_id else f"NOT generated: {o.problem}"
            print(f"{o.case_number:<18} {o.kind:<28} {what}")
        print(f"{sum(1 for o in outcomes if o.letter_id)} of {len(outcomes)} generated.")
        return 0
    rows = letters_due(ctx.workspace, actor)
    if not rows:
        print("No letters due today.")
    for row in rows:
        state = "OVERDUE" if row.overdue else "due today"
        print(f"{row.case_number:<18} {row.kind:<28} {state:<10} "
              f"{plan_time(row.due_at):%Y-%m-%d %H:%M}")
    return 0
