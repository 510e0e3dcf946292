"""The command line: one parser, one place where errors become plain messages."""

from __future__ import annotations

import argparse
import importlib.metadata
import logging
import os
import sys
from collections.abc import Sequence
from dataclasses import replace

from casework.errors import CaseworkError, EnvironmentFailure
from casework.logging_setup import configure_logging
from casework.plan.rulebook import load_rulebook
from casework.private_files import private_folder, tighten
from casework.settings import Settings, load_settings
from cli import (
    audit_commands,
    case_commands,
    clock_commands,
    db_commands,
    demo_commands,
    export_commands,
    forms_commands,
    intake_commands,
    letter_commands,
    outreach_commands,
    report_commands,
    roster_commands,
    store_commands,
    transport_commands,
    user_commands,
    voicemail_commands,
)
from cli.context import CommandContext

log = logging.getLogger(__name__)

HEADLESS_COMMANDS = "watch, ingest, user, audit, db"

DESCRIPTION = """Intake Workstation: reads faxes and scans, opens cases with their regulatory
clocks, and produces letters. Without a command it opens the workstation window."""


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db",
        dest="db_url",
        default=argparse.SUPPRESS,
        metavar="URL",
        help="database address, e.g. postgresql://user@host/intake (default: INTAKE_DB_URL, "
        "the settings file, or the embedded SQLite database)",
    )
    common.add_argument(
        "--as",
        dest="as_user",
        default=argparse.SUPPRESS,
        metavar="USER",
        help="act as this signed-in person; the password is asked for, or read from "
        "INTAKE_PASSWORD (needed by every command that reads member data or changes anything)",
    )
    parser = argparse.ArgumentParser(prog="main.py", description=DESCRIPTION, parents=[common])
    parser.add_argument("--version", action="version", version=f"%(prog)s {program_version()}")
    parser.add_argument("--self-test", action="store_true",
                        help="check this installation end to end (temporary data) and exit")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    gui = subparsers.add_parser(
        "gui", help="open the workstation window (the default)", parents=[common]
    )
    gui.set_defaults(handler=_gui)
    for module in (
        user_commands,
        audit_commands,
        db_commands,
        roster_commands,
        store_commands,
        report_commands,
        intake_commands,
        letter_commands,
        case_commands,
        export_commands,
        clock_commands,
        demo_commands,
        forms_commands,
        transport_commands,
        outreach_commands,
        voicemail_commands,
    ):
        module.register(subparsers, common)
    parser.set_defaults(handler=_gui)
    return parser


def program_version() -> str:
    """The installed version (stamped into bundles through the package metadata)."""
    try:
        return importlib.metadata.version("intake-workstation")
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def run(argv: Sequence[str] | None = None) -> int:
    """Parse `argv`, run the command, and turn every known failure into one readable line."""
    args = build_parser().parse_args(argv)
    if args.self_test:
        from cli.self_test import run_self_test

        return run_self_test()
    try:
        settings = load_settings()
        rules = load_rulebook(settings.rules_folder)  # a bad site rule file stops every command
    except CaseworkError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if getattr(args, "db_url", None):
        settings = replace(settings, database_url=args.db_url)
    private_folder(settings.paths.log_dir)
    log_path = configure_logging(settings.paths.log_dir, settings.log_level)
    tighten(log_path)
    ctx = CommandContext(settings, rules)
    try:
        return int(args.handler(args, ctx))
    except EnvironmentFailure as exc:
        log.warning("command %s failed: %s", args.command, exc)
        print(f"error: {exc}", file=sys.stderr)
        return 3
    except CaseworkError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except Exception:
        log.exception("unexpected failure in command %s", args.command)
        print(
            f"error: an unexpected problem stopped the command; details are in {log_path}",
            file=sys.stderr,
        )
        return 70
    finally:
        ctx.close()


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM"):
        return True
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def _gui(args: argparse.Namespace, ctx: CommandContext) -> int:
    if not has_display():
        print(
            "No display: the workstation window needs a desktop session. "
            f"Headless commands: {HEADLESS_COMMANDS} (see 'python main.py --help').",
            file=sys.stderr,
        )
        return 2
    from desktop.app import run_gui

    settings: Settings = ctx.settings
    return int(run_gui(settings, ctx.workspace))
