"""`main.py user add|passwd|disable|list`."""

from __future__ import annotations

import argparse
import getpass
import sys

from casework import users
from casework.errors import InvalidValue
from casework.permissions import PERSON_ROLES
from cli.context import CommandContext, console_actor


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    user = subparsers.add_parser("user", help="manage user accounts", parents=[common])
    actions = user.add_subparsers(dest="user_action", required=True, metavar="ACTION")

    add = actions.add_parser("add", help="add a user", parents=[common])
    add.add_argument("name")
    add.add_argument("--role", required=True, choices=[r.value for r in PERSON_ROLES])
    add.add_argument("--password", help="the password (asked for when absent)")
    add.add_argument("--full-name", default="")
    add.add_argument("--credentials", default="",
                     help="a clinical reviewer's credentials, e.g. MD, DO, PharmD (required for "
                     "clinical_reviewer: denial notices print them)")
    add.add_argument("--phone", default="",
                     help="a direct line or extension where providers reach a clinical reviewer")
    add.set_defaults(handler=_add)

    passwd = actions.add_parser("passwd", help="set a user's password", parents=[common])
    passwd.add_argument("name")
    passwd.add_argument("--password", help="the new password (asked for when absent)")
    passwd.set_defaults(handler=_passwd)

    disable = actions.add_parser("disable", help="stop a user from signing in", parents=[common])
    disable.add_argument("name")
    disable.set_defaults(handler=_disable)

    listing = actions.add_parser("list", help="list users", parents=[common])
    listing.set_defaults(handler=_list)


def _password(given: str | None) -> str:
    if given is not None:
        return given
    if not sys.stdin.isatty():
        line = sys.stdin.readline().rstrip("\n")
        if not line:
            raise InvalidValue("No password given: use --password or type it when asked.")
        return line
    first = getpass.getpass("Password: ")
    if first != getpass.getpass("Again: "):
        raise InvalidValue("The two passwords differ.")
    return first


def _add(args: argparse.Namespace, ctx: CommandContext) -> int:
    info = users.add_user(
        ctx.workspace,
        console_actor(),
        args.name,
        args.role,
        _password(args.password),
        args.full_name,
        users.ReviewerDetails(args.credentials, args.phone),
    )
    credentials = f", {info.credentials}" if info.credentials else ""
    print(f"Added {info.username} ({info.role.value}{credentials}).")
    return 0


def _passwd(args: argparse.Namespace, ctx: CommandContext) -> int:
    users.change_password(ctx.workspace, console_actor(), args.name, _password(args.password))
    print(f"Password changed for {args.name}.")
    return 0


def _disable(args: argparse.Namespace, ctx: CommandContext) -> int:
    users.disable_user(ctx.workspace, console_actor(), args.name)
    print(f"Disabled {args.name}.")
    return 0


def _list(args: argparse.Namespace, ctx: CommandContext) -> int:
    for info in users.list_users(ctx.workspace, console_actor()):
        state = "active" if info.active else "disabled"
        name = ", ".join(filter(None, (info.full_name, info.credentials)))
        phone = f"  {info.phone}" if info.phone else ""
        print(f"{info.username:<24} {info.role.value:<22} {state:<9} {name}{phone}")
    return 0
