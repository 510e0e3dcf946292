"""Searching the words of every faxed page, as staff do from the window and the command line."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from casework.actor import Actor
from casework.db.models import Document
from casework.db.page_search import matching_pages, search_words
from casework.permissions import Permission
from casework.workspace import Workspace


@dataclass(frozen=True)
class DocumentHit:
    """A document whose pages match a search, with the pages that matched (best first)."""

    document_id: int
    original_name: str
    received_at: datetime
    status: str
    pages: tuple[int, ...]


def search_documents(ws: Workspace, actor: Actor, query: str, limit: int = 50
                     ) -> list[DocumentHit]:
    """Documents whose page text holds every word of `query`, best match first."""
    actor.require(Permission.VIEW_DOCUMENTS)
    words = search_words(query)
    if not words:
        return []
    with ws.db.read() as session:
        rows = matching_pages(session, words, limit)
        hits = []
        for document_id, numbers in rows:
            document = session.get(Document, document_id)
            if document is not None:
                hits.append(DocumentHit(document.id, document.original_name,
                                        document.received_at, document.status, numbers))
        return hits
