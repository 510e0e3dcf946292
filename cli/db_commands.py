"""`main.py db upgrade|current`."""

from __future__ import annotations

import argparse

from casework.db.database import Database
from casework.db.migrate import current_revision, head_revision, upgrade
from cli.context import CommandContext


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    db = subparsers.add_parser("db", help="database schema", parents=[common])
    actions = db.add_subparsers(dest="db_action", required=True, metavar="ACTION")
    up = actions.add_parser("upgrade", help="apply pending migrations", parents=[common])
    up.set_defaults(handler=_upgrade)
    cur = actions.add_parser("current", help="show the schema revision", parents=[common])
    cur.set_defaults(handler=_current)


def _upgrade(args: argparse.Namespace, ctx: CommandContext) -> int:
    db = Database(ctx.settings.database_url)
    try:
        upgrade(db)
        print(f"Database {db.display_url} is at revision {current_revision(db)}.")
    finally:
        db.dispose()
    return 0


def _current(args: argparse.Namespace, ctx: CommandContext) -> int:
    db = Database(ctx.settings.database_url)
    try:
        current = current_revision(db)
        head = head_revision()
        state = "up to date" if current == head else f"newest is {head}; run 'db upgrade'"
        print(f"{db.display_url}: revision {current or 'none'} ({state}).")
    finally:
        db.dispose()
    return 0
