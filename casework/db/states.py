"""The states a document and a reading job are stored in, named once.

The values are what the `documents.status` and `jobs.status` columns hold; never rename one.
"""

from __future__ import annotations

from enum import StrEnum, unique


@unique
class DocumentStatus(StrEnum):
    """Where a taken document stands, from intake through intake review."""

    QUEUED = "queued"  # taken, waiting for a reader
    READING = "reading"  # a reader holds its job
    PROCESSED = "processed"  # read: pages, form and fields stored
    REJECTED = "rejected"  # refused as it was taken, or its reading failed for good
    DUPLICATE = "duplicate"  # the same bytes were taken before; never read
    SPLIT = "split"  # intake review cut it into parts, each a document of its own
    MERGED = "merged"  # intake review joined it into another document
    DISMISSED = "dismissed"  # intake review found nothing to act on


@unique
class JobState(StrEnum):
    """Where a reading job stands; a runner leases a queued job and ends it done or failed."""

    QUEUED = "queued"  # waiting, perhaps until `not_before` after a failed attempt
    RUNNING = "running"  # leased by a runner until `lease_expires_at`
    DONE = "done"
    FAILED = "failed"  # out of attempts; its document is rejected
