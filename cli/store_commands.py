"""`main.py store check`."""

from __future__ import annotations

import argparse

from casework.store_check import check_store
from cli.context import CommandContext, signed_in


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    store = subparsers.add_parser("store", help="check the document store", parents=[common])
    actions = store.add_subparsers(dest="store_action", required=True, metavar="ACTION")
    check = actions.add_parser(
        "check", parents=[common],
        help="compare the store with the database; exit 1 if a file is missing or altered",
    )
    check.add_argument("--quick", action="store_true", help="check presence only, not contents")
    check.set_defaults(handler=_check)


def _check(args: argparse.Namespace, ctx: CommandContext) -> int:
    result = check_store(ctx.workspace, signed_in(ctx, args), rehash=not args.quick)
    print(f"{result.referenced} stored files referenced by the database.")
    for sha in result.missing:
        print(f"MISSING  {sha}")
    for sha in result.corrupted:
        print(f"ALTERED  {sha}")
    if result.unreferenced:
        print(f"{len(result.unreferenced)} stored files no record points at (left in place).")
    if result.healthy:
        print("Store healthy.")
        return 0
    return 1
