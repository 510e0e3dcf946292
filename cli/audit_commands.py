"""`main.py audit verify|export`."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from casework.audit.export import export_trail
from casework.audit.verify import chain_head, verify_chain
from casework.errors import InvalidValue
from cli.context import CommandContext, signed_in


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    audit = subparsers.add_parser(
        "audit", help="verify or export the audit trail", parents=[common]
    )
    actions = audit.add_subparsers(dest="audit_action", required=True, metavar="ACTION")

    verify = actions.add_parser(
        "verify",
        help="recompute the hash chain; exit 1 naming the first broken link",
        parents=[common],
    )
    verify.set_defaults(handler=_verify)

    export = actions.add_parser("export", help="write the trail for an auditor", parents=[common])
    export.add_argument("--from", dest="start", required=True, type=parse_date, help="YYYY-MM-DD")
    export.add_argument("--to", dest="end", required=True, type=parse_date, help="YYYY-MM-DD")
    export.add_argument("--format", choices=["csv", "pdf"], default="csv")
    export.add_argument("--out", type=Path, help="file to write (default: audit-FROM-TO.FORMAT)")
    export.set_defaults(handler=_export)


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date like 2026-11-30") from None


def _verify(args: argparse.Namespace, ctx: CommandContext) -> int:
    report = verify_chain(ctx.workspace, signed_in(ctx, args))
    if report.intact:
        noun = "event" if report.checked == 1 else "events"
        print(f"Audit trail intact: {report.checked} {noun} verified.")
        if report.head is not None:
            print(f"Head: event {report.head.seq}, hash {report.head.hash} "
                  "(write it down: a later verify must still reach it).")
        return 0
    print(
        f"Audit trail BROKEN at event {report.broken_seq}: {report.problem} "
        f"({report.checked} events before it verified.)"
    )
    return 1


def _export(args: argparse.Namespace, ctx: CommandContext) -> int:
    if args.end < args.start:
        raise InvalidValue("--to is before --from.")
    out = args.out or Path(f"audit-{args.start}-{args.end}.{args.format}")
    actor = signed_in(ctx, args)
    count = export_trail(ctx.workspace, actor, args.start, args.end, args.format, out)
    print(f"Wrote {count} events to {out}.")
    head = chain_head(ctx.workspace, actor)
    if head is not None:
        print(f"Head of the whole trail: event {head.seq}, hash {head.hash}.")
    return 0
