"""`main.py roster import members|providers FILE`."""

from __future__ import annotations

import argparse
from pathlib import Path

from casework.directory.roster_import import import_members, import_providers
from cli.context import CommandContext, signed_in


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    roster = subparsers.add_parser("roster", help="import member and provider rosters",
                                   parents=[common])
    actions = roster.add_subparsers(dest="roster_action", required=True, metavar="ACTION")
    imp = actions.add_parser("import", help="add or update rosters from a CSV file",
                             parents=[common])
    imp.add_argument("which", choices=["members", "providers"])
    imp.add_argument("file", type=Path)
    imp.set_defaults(handler=_import)


def _import(args: argparse.Namespace, ctx: CommandContext) -> int:
    importer = import_members if args.which == "members" else import_providers
    report = importer(ctx.workspace, signed_in(ctx, args), args.file)
    print(f"{args.which}: {report.added} added, {report.updated} updated, "
          f"{len(report.skipped)} skipped.")
    for reason in report.skipped[:50]:
        print(f"  skipped {reason}")
    if len(report.skipped) > 50:
        print(f"  … and {len(report.skipped) - 50} more")
    return 0
