"""`main.py report NAME --from DATE --to DATE --format csv|xlsx|pdf`."""

from __future__ import annotations

import argparse
from pathlib import Path

from casework.cases.reports import REPORTS, build_report
from casework.table_export import FORMATS, export_table
from cli.audit_commands import parse_date
from cli.context import CommandContext, signed_in


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    report = subparsers.add_parser("report", help="supervisor reports", parents=[common])
    report.add_argument("name", choices=REPORTS)
    report.add_argument("--from", dest="start", required=True, type=parse_date, help="YYYY-MM-DD")
    report.add_argument("--to", dest="end", required=True, type=parse_date, help="YYYY-MM-DD")
    report.add_argument("--format", choices=FORMATS, default="csv")
    report.add_argument("--out", type=Path, help="file to write (default: NAME-FROM-TO.FORMAT)")
    report.set_defaults(handler=_report)


def _report(args: argparse.Namespace, ctx: CommandContext) -> int:
    actor = signed_in(ctx, args)
    table = build_report(ctx.workspace, actor, args.name, args.start, args.end)
    out = args.out or Path(f"{args.name}-{args.start}-{args.end}.{args.format}")
    export_table(table, args.format, out)
    print(f"Wrote {table.title.lower()} ({len(table.rows)} rows) to {out}.")
    return 0
