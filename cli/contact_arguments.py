"""The arguments of a logged attempt to reach a member, shared by `case contact` and
`referral contact`, and how a contact log prints."""

from __future__ import annotations

import argparse

from casework.outreach.contacts import CHANNELS, OUTCOMES, ContactEntry, ContactLog
from casework.plan.timezone import plan_time


def add_contact_arguments(parser: argparse.ArgumentParser) -> None:
    """--channel, --outcome, --note, --interpreter and --language."""
    parser.add_argument("--channel", required=True, choices=CHANNELS)
    parser.add_argument("--outcome", required=True, choices=OUTCOMES)
    parser.add_argument("--note", default="", help="what was said or left")
    parser.add_argument("--interpreter", action="store_true",
                        help="an interpreter took part (say the language with --language)")
    parser.add_argument("--language", help="the language spoken, e.g. Spanish")


def contact_entry(args: argparse.Namespace) -> ContactEntry:
    """The attempt the arguments describe."""
    return ContactEntry(args.channel, args.outcome, args.note, args.interpreter, args.language)


def print_contact_log(log: ContactLog) -> None:
    """Each attempt on a line, then the count against the outreach rule."""
    for c in log.contacts:
        note = f" — {c.note}" if c.note else ""
        print(f"  {c.attempt:>2}. {plan_time(c.made_at):%Y-%m-%d %H:%M} {c.made_by}: "
              f"{c.says()}{note}")
    if not log.contacts:
        print("  No attempts logged.")
    if not log.rule_applies:
        return
    state = "met" if log.progress.satisfied else "not yet met"
    print(f"Outreach rule ({log.progress.rule.says()}): {state}; {log.progress.says()}.")
