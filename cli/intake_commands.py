"""`main.py ingest`, `main.py watch` and `main.py documents list|retry`."""

from __future__ import annotations

import argparse
import signal
import sys
from datetime import datetime
from pathlib import Path
from types import FrameType

from casework.db.states import DocumentStatus
from casework.intake.documents import get_document, list_documents, retry_document
from casework.intake.mailbox_poller import MailboxStatus
from casework.intake.progress import DocumentUpdate
from casework.intake.runner import Runner
from casework.intake.service import ingest_files, read_settings, watch
from casework.plan.timezone import PLAN_ZONE, plan_time
from cli.context import CommandContext, signed_in
from ocr.timing import StageTimes

# The statuses `documents list --status` offers: those a document reaches in intake itself.
LISTED_STATUSES = (DocumentStatus.QUEUED, DocumentStatus.READING, DocumentStatus.PROCESSED,
                   DocumentStatus.REJECTED, DocumentStatus.DUPLICATE)


def register(subparsers: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    """Add the intake commands to the program's command line."""
    ingest = subparsers.add_parser(
        "ingest", parents=[common],
        help="process files now and print one JSON object per file",
    )
    ingest.add_argument("files", nargs="+", type=Path, metavar="FILE")
    ingest.add_argument("--json", action="store_true", required=True,
                        help="print one JSON object per file on stdout (the only format)")
    ingest.add_argument("--received-at", type=_moment, metavar="ISO-8601",
                        help="when the plan received the files (default: each file's "
                        "modification time); without an offset, Pacific time")
    ingest.add_argument("--timings", action="store_true",
                        help="after the results, print on stderr where the reading time went "
                        "(seconds per stage: open, square, read, reread, analyse, write)")
    ingest.set_defaults(handler=_ingest)

    watcher = subparsers.add_parser("watch", parents=[common],
                                    help="run intake headless: watch the folders until stopped")
    watcher.set_defaults(handler=_watch)

    documents = subparsers.add_parser("documents", help="list documents, or retry a rejected one",
                                      parents=[common])
    actions = documents.add_subparsers(dest="documents_action", required=True, metavar="ACTION")
    listing = actions.add_parser("list", help="recent documents", parents=[common])
    listing.add_argument("--status", choices=[s.value for s in LISTED_STATUSES])
    listing.set_defaults(handler=_list)
    retry = actions.add_parser("retry", help="read a rejected document again, after a fix",
                               parents=[common])
    retry.add_argument("document_id", type=int, metavar="ID")
    retry.set_defaults(handler=_retry)


def _moment(text: str) -> datetime:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date and time like 2026-11-02T09:30:00-08:00") from None
    return moment if moment.tzinfo else moment.replace(tzinfo=PLAN_ZONE)


def _ingest(args: argparse.Namespace, ctx: CommandContext) -> int:
    timings: list[str] = []

    def report(times: StageTimes, pages: int) -> None:
        plural = "" if pages == 1 else "s"
        timings.extend([f"time per stage ({pages} page{plural}; worker stages summed over "
                        "workers):",
                        *times.lines(pages)])

    results = ingest_files(ctx.workspace, ctx.settings, list(args.files), args.received_at,
                           on_times=report if args.timings else None)
    for result in results:
        sys.stdout.write(result.to_json() + "\n")
    sys.stdout.flush()
    if timings:
        print("\n".join(timings), file=sys.stderr)
    return 0


class LineProgress:
    """Progress for `watch`: one line per document step, with the time (no member data)."""

    def __init__(self, ctx: CommandContext) -> None:
        self.ctx = ctx

    def update(self, update: DocumentUpdate) -> None:
        print(f"{plan_time(self.ctx.workspace.now()):%H:%M:%S} {update.line()}", flush=True)

    def mailbox(self, status: MailboxStatus) -> None:
        """A mailbox's connection failing (and the next try), or mended."""
        if status.state == "retrying" or status.taken:
            print(f"{plan_time(self.ctx.workspace.now()):%H:%M:%S} {status.line()}", flush=True)


def _watch(args: argparse.Namespace, ctx: CommandContext) -> int:
    if not ctx.settings.watch and not ctx.settings.mailboxes:
        print("No folders or mailboxes to watch: add [[watch]] or [[mailbox]] entries to the "
              f"settings file ({ctx.settings.paths.config_file}).", file=sys.stderr)
        return 2
    stopping: list[bool] = []

    def stop(_signum: int, _frame: FrameType | None) -> None:
        # Finish the current step; the runner hands unfinished jobs back to the queue.
        stopping.append(True)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    for folder in ctx.settings.watch:
        mode = ", polling" if folder.polling else ""
        print(f"watching {folder.path} ({folder.source}{mode})", flush=True)
    for box in ctx.settings.mailboxes:
        print(f"polling mailbox {box.name} ({box.folder}, every {box.poll_seconds:g} s)",
              flush=True)
    progress = LineProgress(ctx)
    watch(ctx.workspace, ctx.settings, lambda: bool(stopping), progress,
          on_mailbox=progress.mailbox)
    print("stopped", flush=True)
    return 0


def _list(args: argparse.Namespace, ctx: CommandContext) -> int:
    for d in list_documents(ctx.workspace, signed_in(ctx, args), args.status):
        received = plan_time(d.received_at).strftime("%Y-%m-%d %H:%M")
        pages = "-" if d.pages is None else str(d.pages)
        print(f"{d.id:>6}  {received}  {d.status:<10} {pages:>4} p  {d.original_name}"
              + (f"  — {d.reason}" if d.reason else ""))
    return 0


def _retry(args: argparse.Namespace, ctx: CommandContext) -> int:
    job_id = retry_document(ctx.workspace, signed_in(ctx, args), args.document_id)
    # Read it now, so the clerk sees the outcome at once.
    runner = Runner(ctx.workspace, read_settings(ctx.settings))
    try:
        runner.run_until_idle(only={job_id})
    finally:
        runner.close()
    document = get_document(ctx.workspace, args.document_id)
    suffix = f": {document.reason}" if document.reason else ""
    print(f"Document {args.document_id} is {document.status}{suffix}")
    return 0
