"""The job queue: claims with leases, so several runners on one database never run a job twice."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Exists, exists, or_, select, update
from sqlalchemy.orm import Session, aliased

from casework.actor import SYSTEM
from casework.audit.actions import AuditAction
from casework.audit.trail import record
from casework.db.mail_models import MailPart
from casework.db.models import Document, Job
from casework.db.states import DocumentStatus, JobState
from casework.workspace import Workspace

MAX_ATTEMPTS = 3
BACKOFF = (timedelta(seconds=10), timedelta(minutes=1), timedelta(minutes=5))


@dataclass(frozen=True)
class ClaimedJob:
    """A job leased to this runner, with what a worker needs to read its document."""

    job_id: int
    document_id: int
    sha256: str
    original_name: str
    attempts: int
    received_at: datetime  # when the plan received it: analysis needs it, not the clock


def claim_jobs(ws: Workspace, owner: str, limit: int, lease: timedelta,
               only: set[int] | None = None) -> list[ClaimedJob]:
    """Lease up to `limit` runnable jobs to `owner` (PostgreSQL: FOR UPDATE SKIP LOCKED)."""
    now = ws.now()
    runnable = (Job.status == JobState.QUEUED, or_(Job.not_before.is_(None), Job.not_before <= now),
                ~_earlier_part_unread(), *((Job.id.in_(only),) if only is not None else ()))
    # An idle runner asks often: a read first, so SQLite's single writer is not taken for nothing.
    with ws.db.read() as session:
        if session.scalar(select(Job.id).where(*runnable).limit(1)) is None:
            return []
    with ws.db.write() as session:
        query = (
            select(Job, Document)
            .join(Document, Document.id == Job.document_id)
            .where(*runnable)
            .order_by(Job.id).limit(limit)
        )
        if session.get_bind().dialect.name == "postgresql":
            query = query.with_for_update(skip_locked=True, of=Job)
        claimed = []
        for job, document in session.execute(query).all():
            job.status = JobState.RUNNING
            job.attempts += 1
            job.lease_owner = owner
            job.lease_expires_at = now + lease
            job.updated_at = now
            document.status = DocumentStatus.READING
            claimed.append(ClaimedJob(job.id, document.id, document.sha256,
                                      document.original_name, job.attempts,
                                      document.received_at))
        return claimed


def _earlier_part_unread() -> Exists:
    """A job of an e-mail message's part waits while an earlier part is unread: the parts of
    one message are filed in order, so the first decides the message's case."""
    mine, earlier, other = aliased(MailPart), aliased(MailPart), aliased(Job)
    return exists().where(mine.document_id == Job.document_id,
                          earlier.message_id == mine.message_id,
                          earlier.position < mine.position,
                          other.document_id == earlier.document_id,
                          other.status.in_((JobState.QUEUED, JobState.RUNNING)))


def renew_leases(ws: Workspace, owner: str, job_ids: list[int], lease: timedelta) -> None:
    """Keep running jobs ours while they take their time."""
    if not job_ids:
        return
    with ws.db.write() as session:
        session.execute(
            update(Job).where(Job.id.in_(job_ids), Job.lease_owner == owner,
                              Job.status == JobState.RUNNING)
            .values(lease_expires_at=ws.now() + lease)
        )


def requeue_expired(ws: Workspace) -> int:
    """Put back jobs whose runner died (crash, power cut, kill): their lease ran out."""
    now = ws.now()
    with ws.db.write() as session:
        # Rows a live runner is finishing right now are locked by it: skip them.
        jobs = session.scalars(
            select(Job).where(Job.status == JobState.RUNNING, Job.lease_expires_at < now)
            .with_for_update(skip_locked=True)
        ).all()
        return _requeue(session, jobs, now)


def requeue_abandoned(ws: Workspace, gone: Callable[[str], bool]) -> int:
    """Put back running jobs whose runner `gone(owner)` knows has ended, before their lease runs
    out: a workstation closed or killed while reading gets its documents back at its next start."""
    with ws.db.read() as session:
        owners = session.scalars(
            select(Job.lease_owner).where(Job.status == JobState.RUNNING).distinct()).all()
    ended = [owner for owner in owners if owner and gone(owner)]
    if not ended:
        return 0
    now = ws.now()
    with ws.db.write() as session:
        jobs = session.scalars(
            select(Job).where(Job.status == JobState.RUNNING, Job.lease_owner.in_(ended))
            .with_for_update(skip_locked=True)
        ).all()
        return _requeue(session, jobs, now)


def _requeue(session: Session, jobs: Sequence[Job], now: datetime) -> int:
    for job in jobs:
        document = session.get(Document, job.document_id)
        if document is not None and document.status == DocumentStatus.READING:
            document.status = DocumentStatus.QUEUED
        job.status = JobState.QUEUED
        job.lease_owner = None
        job.lease_expires_at = None
        job.updated_at = now
        record(session, SYSTEM, AuditAction.JOB_REQUEUED, "document", job.document_id, now,
               {"job": job.id, "attempts": job.attempts})
    return len(jobs)


def lock_own_job(session: Session, job_id: int, owner: str) -> Job | None:
    """The job, locked, if `owner` still holds its lease; None if it was lost (expired, taken)."""
    job = session.get(Job, job_id, with_for_update=True)
    if job is None or job.lease_owner != owner or job.status != JobState.RUNNING:
        return None
    return job


def finish_job(job: Job, now: datetime) -> None:
    """Mark a locked job done, inside the transaction that saves its result."""
    job.status = JobState.DONE
    job.lease_owner = None
    job.lease_expires_at = None
    job.updated_at = now


def release_jobs(ws: Workspace, owner: str, job_ids: list[int]) -> int:
    """Give running jobs back to the queue when intake stops; the cut attempt does not count."""
    if not job_ids:
        return 0
    now = ws.now()
    with ws.db.write() as session:
        jobs = session.scalars(
            select(Job).where(Job.id.in_(job_ids), Job.lease_owner == owner,
                              Job.status == JobState.RUNNING).with_for_update()
        ).all()
        for job in jobs:
            job.status = JobState.QUEUED
            job.attempts = max(0, job.attempts - 1)
            job.lease_owner = None
            job.lease_expires_at = None
            job.updated_at = now
            document = session.get(Document, job.document_id)
            if document is not None and document.status == DocumentStatus.READING:
                document.status = DocumentStatus.QUEUED
            record(session, SYSTEM, AuditAction.JOB_RELEASED, "document", job.document_id, now,
                   {"job": job.id})
        return len(jobs)


def fail_job(ws: Workspace, job_id: int, owner: str, reason: str, retry: bool,
             max_attempts: int = MAX_ATTEMPTS,
             backoff: tuple[timedelta, ...] = BACKOFF) -> bool:
    """Record a failure: retried with backoff up to `max_attempts`, then the document is rejected.

    Returns True when the document is now rejected for good.
    """
    now = ws.now()
    with ws.db.write() as session:
        job = lock_own_job(session, job_id, owner)
        if job is None:
            return False
        document = session.get(Document, job.document_id)
        assert document is not None
        job.last_error = reason
        job.lease_owner = None
        job.lease_expires_at = None
        job.updated_at = now
        if retry and job.attempts < max_attempts:
            job.status = JobState.QUEUED
            job.not_before = now + backoff[min(job.attempts - 1, len(backoff) - 1)]
            document.status = DocumentStatus.QUEUED
            record(session, SYSTEM, AuditAction.JOB_RETRY_SCHEDULED, "document", document.id, now,
                   {"job": job.id, "attempts": job.attempts, "reason": reason})
            return False
        job.status = JobState.FAILED
        document.status = DocumentStatus.REJECTED
        document.reason = reason
        record(session, SYSTEM, AuditAction.DOCUMENT_REJECTED, "document", document.id, now,
               {"job": job.id, "reason": reason})
        return True
