"""`main.py user add|passwd|disable|list`."""

from __future__ import annotations

import argparse
import getpass
import sys

from casework import users
from casework.errors import InvalidValue, UserError
from casework.permissions import PERSON_ROLES, Role
from cli.context import CommandContext, named_user, os_login, signed_in


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

    unlock = actions.add_parser(
        "unlock", parents=[common],
        help="let a user locked out by wrong passwords sign in again before the wait is over")
    unlock.add_argument("name")
    unlock.set_defaults(handler=_unlock)

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
    if not named_user(args) and not users.has_users(ctx.workspace):
        return _add_first_administrator(args, ctx)
    info = users.add_user(
        ctx.workspace,
        signed_in(ctx, args),
        args.name,
        args.role,
        _password(args.password),
        args.full_name,
        users.ReviewerDetails(args.credentials, args.phone),
    )
    credentials = f", {info.credentials}" if info.credentials else ""
    print(f"Added {info.username} ({info.role.value}{credentials}).")
    return 0


def _add_first_administrator(args: argparse.Namespace, ctx: CommandContext) -> int:
    """On an empty database the first account is made without signing in, and must be an
    administrator: every later account is added by a signed-in administrator."""
    if args.role != Role.ADMIN.value:
        raise UserError(
            "The database has no accounts yet: the first one must be an administrator "
            f"(user add NAME --role admin); then add {args.name} with --as that administrator.")
    info = users.create_first_admin(ctx.workspace, args.name, _password(args.password),
                                    args.full_name, os_login=os_login())
    print(f"Added {info.username} (admin), the first administrator. Later commands need "
          f"--as {info.username} and its password.")
    return 0


def _passwd(args: argparse.Namespace, ctx: CommandContext) -> int:
    users.change_password(ctx.workspace, signed_in(ctx, args), args.name, _password(args.password))
    print(f"Password changed for {args.name}.")
    return 0


def _disable(args: argparse.Namespace, ctx: CommandContext) -> int:
    users.disable_user(ctx.workspace, signed_in(ctx, args), args.name)
    print(f"Disabled {args.name}.")
    return 0


def _unlock(args: argparse.Namespace, ctx: CommandContext) -> int:
    users.unlock_user(ctx.workspace, signed_in(ctx, args), args.name)
    print(f"Unlocked {args.name}: it can sign in again.")
    return 0


def _list(args: argparse.Namespace, ctx: CommandContext) -> int:
    for info in users.list_users(ctx.workspace, signed_in(ctx, args)):
        state = "active" if info.active else "disabled"
        name = ", ".join(filter(None, (info.full_name, info.credentials)))
        phone = f"  {info.phone}" if info.phone else ""
        print(f"{info.username:<24} {info.role.value:<22} {state:<9} {name}{phone}")
    return 0
