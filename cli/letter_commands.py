"""`main.py letter CASE KIND [--lang en|es] [--out FILE] [--set NAME=VALUE] [--preview]`,
`letters due`, `letters sent LETTER --how mailed|faxed|handed-over [--on DATE]` and
`letters words [CODE --lang en|es WORDS]`."""

from __future__ import annotations

import argparse
from datetime import date, datetime
from pathlib import Path

from casework.atomic import write_atomically
from casework.errors import InvalidValue
from casework.letters.case_file import print_due_drafts
from casework.letters.issuing import (
    export_letter,
    generate_due,
    generate_letter,
    letters_due,
    preview_letter,
)
from casework.letters.sending import (
    SEND_WORDS,
    collect_fax_pickups,
    parse_send_method,
    record_sending,
    send_to_fax_folder,
)
from casework.letters.service_words import list_service_words, set_service_words
from casework.plan.timezone import PLAN_ZONE, plan_time
from cli.context import CommandContext, signed_in


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
                        "resolution=..., provider.name=..., vendor.fax=..., trip.pickup_date="
                        "2026-11-09, service.97110=\"plain words for the code\"")
    letter.add_argument("--preview", action="store_true",
                        help="only write the draft to --out (or letter-preview.pdf) to read; "
                        "no version is stored")
    letter.add_argument("--fax", action="store_true",
                        help="also put it, behind a cover page, in the outbound fax folder")
    letter.set_defaults(handler=_letter)

    letters = subparsers.add_parser("letters", help="letters due", parents=[common])
    actions = letters.add_subparsers(dest="letters_action", required=True, metavar="ACTION")
    due = actions.add_parser("due", help="letters due today and overdue", parents=[common])
    due.add_argument("--generate", action="store_true",
                     help="generate them now (letters needing staff wording are listed)")
    due.add_argument("--kind", action="append", default=[], help="only this kind (repeatable)")
    due.add_argument("--print-to", type=Path, default=None, metavar="FILE",
                     help="write every drafted letter due into one PDF to print at once "
                     "(each is recorded as printed)")
    due.set_defaults(handler=_due)

    words = actions.add_parser("words", help="the plan's plain words for procedure codes: "
                               "list them, or write one", parents=[common])
    words.add_argument("code", nargs="?", default="", metavar="CODE",
                       help="the code to describe, e.g. 97110")
    words.add_argument("words", nargs="?", default="", metavar="WORDS",
                       help="what the code is, in words a member understands")
    words.add_argument("--lang", choices=["en", "es"], default="en")
    words.set_defaults(handler=_words)

    sent = actions.add_parser("sent", help="record that a drafted letter went out (meets its "
                              "clock)", parents=[common])
    sent.add_argument("letter", type=int, metavar="LETTER", help="the letter's number, as "
                      "`letter` and `letters due` print it")
    sent.add_argument("--how", required=True, metavar="mailed|faxed|handed-over")
    sent.add_argument("--on", default="", metavar="DATE",
                      help="the day it went out, e.g. 2026-11-03 (or 2026-11-03T14:30, Pacific);"
                      " today when absent; never before it was drafted nor in the future")
    sent.set_defaults(handler=_sent)


def _letter(args: argparse.Namespace, ctx: CommandContext) -> int:
    values = {}
    for item in args.set:
        name, _, value = item.partition("=")
        values[name.strip()] = value.strip()
    actor = signed_in(ctx, args)
    if args.preview:
        out = args.out or Path("letter-preview.pdf")
        write_atomically(out, preview_letter(ctx.workspace, actor, ctx.settings.plan, args.case,
                                             args.kind, args.lang, values))
        print(f"Draft of {args.kind} for {args.case.upper()} written to {out}; nothing stored.")
        return 0
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
    else:
        print(f"Drafted, not sent: once it goes out, record it with `letters sent {issued.id} "
              "--how mailed|faxed|handed-over`.")
    return 0


def _due(args: argparse.Namespace, ctx: CommandContext) -> int:
    actor = signed_in(ctx, args)
    if args.generate:
        outcomes = generate_due(ctx.workspace, actor, ctx.settings.plan, set(args.kind) or None)
        for o in outcomes:
            what = f"letter {o.letter_id}" if o.letter_id else f"NOT generated: {o.problem}"
            print(f"{o.case_number:<18} {o.kind:<28} {what}")
        print(f"{sum(1 for o in outcomes if o.letter_id)} of {len(outcomes)} generated.")
        return 0
    if args.print_to:
        pdf, printed = print_due_drafts(ctx.workspace, actor)
        if not printed:
            print("No drafted letter is due; nothing to print.")
            return 0
        write_atomically(args.print_to, pdf)
        print(f"{len(printed)} letters in {args.print_to}, recorded as printed (letters "
              f"{', '.join(map(str, printed))}).")
        return 0
    for taken in collect_fax_pickups(ctx.workspace, actor, ctx.settings.outbound_fax_folder):
        print(f"{taken.case_number:<18} {taken.kind:<28} taken by the fax server "
              f"(letter {taken.letter_id})")
    rows = letters_due(ctx.workspace, actor)
    if not rows:
        print("No letters due today.")
    for row in rows:
        state = "OVERDUE" if row.overdue else "due today"
        drafted = f"  drafted, not sent (letter {row.drafted_letter_id})" if row.drafted else ""
        print(f"{row.case_number:<18} {row.kind:<28} {state:<10} "
              f"{plan_time(row.due_at):%Y-%m-%d %H:%M}{drafted}")
    return 0


def _words(args: argparse.Namespace, ctx: CommandContext) -> int:
    actor = signed_in(ctx, args)
    if args.code:
        if not args.words.strip():
            raise InvalidValue(f"Write what {args.code} is, e.g. `letters words {args.code} "
                               "\"Physical therapy exercises\"`.")
        changed = set_service_words(ctx.workspace, actor, args.code, args.lang, args.words)
        print(f"{args.code.upper()} ({args.lang}): {' '.join(args.words.split())}"
              f"{'' if changed else ' (unchanged)'}.")
        return 0
    rows = list_service_words(ctx.workspace, actor)
    if not rows:
        print("No plain words written yet; letters ask for them code by code.")
    for row in rows:
        print(f"{row.code:<7} {row.language}  {row.words}  ({row.updated_by}, "
              f"{plan_time(row.updated_at):%Y-%m-%d})")
    return 0


def _sent(args: argparse.Namespace, ctx: CommandContext) -> int:
    how = parse_send_method(args.how)
    sending = record_sending(ctx.workspace, signed_in(ctx, args), args.letter, how,
                             _sent_on(args.on))
    met = f"; the {sending.clock_met} clock is met" if sending.clock_met else ""
    print(f"{sending.kind} version {sending.version} of {sending.case_number} recorded as "
          f"{SEND_WORDS[how]} {plan_time(sending.sent_at):%Y-%m-%d %H:%M}{met}.")
    return 0


def _sent_on(text: str) -> date | datetime | None:
    """'' (today), a day, or a day and time in Pacific time."""
    if not text.strip():
        return None
    try:
        if "T" in text or " " in text.strip():
            moment = datetime.fromisoformat(text.strip())
            return moment if moment.tzinfo else moment.replace(tzinfo=PLAN_ZONE)
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InvalidValue(f"--on {text!r} is not a date like 2026-11-03 (or "
                           "2026-11-03T14:30).") from None
