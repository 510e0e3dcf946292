"""`main.py voicemail ID`: a voicemail's caller, time, length and summary; `--summary` keeps
what the caller said, `--save-audio` writes the recording to listen to elsewhere."""

from __future__ import annotations

import argparse
from pathlib import Path

from casework.atomic import write_atomically
from casework.documents.voicemail import summarise_voicemail, voicemail_of
from casework.plan.timezone import plan_time
from cli.context import CommandContext, signed_in


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the voicemail command to the program's command line."""
    voicemail = subparsers.add_parser(
        "voicemail", parents=[common],
        help="show a voicemail; keep a summary of what the caller said; save the recording")
    voicemail.add_argument("document_id", type=int, metavar="ID")
    voicemail.add_argument("--summary", metavar="TEXT",
                           help="what the caller said (kept with the recording and noted on "
                                "its case; audited)")
    voicemail.add_argument("--save-audio", type=Path, metavar="FILE",
                           help="write the recording to FILE to play it")
    voicemail.set_defaults(handler=_voicemail)


def _voicemail(args: argparse.Namespace, ctx: CommandContext) -> int:
    actor = signed_in(ctx, args)
    if args.summary is not None:
        summarise_voicemail(ctx.workspace, actor, args.document_id, args.summary)
    view = voicemail_of(ctx.workspace, actor, args.document_id)
    length = f"{round(view.duration_s)} s" if view.duration_s is not None else "unknown"
    print(f"voicemail {view.document_id} ({view.file_name})")
    print(f"  caller:   {view.caller or 'not given by the phone system'}")
    print(f"  received: {plan_time(view.received_at):%m/%d/%Y %I:%M %p}")
    print(f"  length:   {length}")
    print(f"  sent by:  {view.sender}" + (f" — {view.subject}" if view.subject else ""))
    print(f"  case:     {view.case_number or 'none'}")
    print(f"  summary:  {view.summary or '(none yet)'}")
    if args.save_audio is not None:
        write_atomically(args.save_audio, view.audio)
        print(f"  recording saved to {args.save_audio}")
    return 0
