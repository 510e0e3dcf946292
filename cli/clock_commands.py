"""`main.py clocks check`: every open case's clocks counted again from the rules."""

from __future__ import annotations

import argparse
from datetime import datetime

from casework.cases.clock_audit import check_clocks
from casework.plan.timezone import plan_time
from cli.context import CommandContext, signed_in


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    clocks = subparsers.add_parser("clocks", help="audit case clocks against the rules",
                                   parents=[common])
    actions = clocks.add_subparsers(dest="clocks_action", required=True, metavar="ACTION")
    check = actions.add_parser(
        "check", parents=[common],
        help="recount every open case's running clocks from the rules; exit 1 listing any "
             "whose stored due time differs")
    check.set_defaults(handler=_check)


def _check(args: argparse.Namespace, ctx: CommandContext) -> int:
    audit = check_clocks(ctx.workspace, signed_in(ctx, args))
    print(f"Checked {audit.clocks} running clocks of {audit.cases} open cases against the "
          "rules.")
    if audit.agrees:
        print("Every clock is due when the rules say.")
        return 0
    print(f"{'case':<16} {'clock':<12} {'stored due':<19} recomputed due")
    for diff in audit.differences:
        recomputed = _shown(diff.recomputed_due) if diff.recomputed_due or not diff.note \
            else f"none ({diff.note})"
        print(f"{diff.number:<16} {diff.clock:<12} {_shown(diff.stored_due):<19} {recomputed}")
    count = len(audit.differences)
    print(f"{count} clock{'s differ' if count != 1 else ' differs'} from the rules.")
    return 1


def _shown(moment: datetime | None) -> str:
    return f"{plan_time(moment):%Y-%m-%d %H:%M:%S}" if moment is not None else "none"
