"""Full-text search over the text of every page (SQLite FTS5, PostgreSQL tsvector)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import text
from sqlalchemy.orm import Session

from casework.actor import Actor
from casework.db.models import Document
from casework.permissions import Permission
from casework.workspace import Workspace

# Matching pages fetched per document asked for: enough for the best pages of each hit.
PAGES_PER_HIT = 20


@dataclass(frozen=True)
class DocumentHit:
    """A document whose pages match a search, with the pages that matched (best first)."""

    document_id: int
    original_name: str
    received_at: datetime
    status: str
    pages: tuple[int, ...]


def search_words(query: str) -> list[str]:
    """The words of a query, with punctuation (FTS syntax included) treated as spaces."""
    return "".join(c if c.isalnum() else " " for c in query).split()


def search_documents(ws: Workspace, actor: Actor, query: str, limit: int = 50
                     ) -> list[DocumentHit]:
    """Documents whose page text holds every word of `query`, best match first."""
    actor.require(Permission.VIEW_DOCUMENTS)
    words = search_words(query)
    if not words:
        return []
    with ws.db.read() as session:
        rows = (_sqlite_matches(session, words, limit)
                if session.get_bind().dialect.name == "sqlite"
                else _postgresql_matches(session, words, limit))
        hits = []
        for document_id, numbers in rows:
            document = session.get(Document, document_id)
            if document is not None:
                hits.append(DocumentHit(document.id, document.original_name,
                                        document.received_at, document.status, numbers))
        return hits


def documents_matching(session: Session, query: str, limit: int = 500) -> list[int]:
    """Ids of the documents whose page text holds every word of `query`, best first."""
    words = search_words(query)
    if not words:
        return []
    if session.get_bind().dialect.name == "sqlite":
        rows = _sqlite_matches(session, words, limit)
    else:
        rows = _postgresql_matches(session, words, limit)
    return [document_id for document_id, _pages in rows]


def _group(rows: list[tuple[int, int]], limit: int) -> list[tuple[int, tuple[int, ...]]]:
    """(document, page) rows, best first → documents in order of their best page."""
    grouped: dict[int, list[int]] = {}
    for document_id, number in rows:
        if document_id not in grouped and len(grouped) >= limit:
            continue
        grouped.setdefault(int(document_id), []).append(int(number))
    return [(d, tuple(numbers)) for d, numbers in grouped.items()]


def _sqlite_matches(session: Session, words: list[str], limit: int
                    ) -> list[tuple[int, tuple[int, ...]]]:
    # Each word quoted: a phrase of one token, so no word is read as FTS5 syntax (AND, NEAR…).
    match = " ".join(f'"{w}"' for w in words)
    rows = session.execute(
        text("SELECT s.document_id, p.number FROM page_search s "
             "JOIN pages p ON p.id = s.page_id WHERE page_search MATCH :q "
             "ORDER BY s.rank LIMIT :cap"),
        {"q": match, "cap": limit * PAGES_PER_HIT},
    ).all()
    return _group([(r[0], r[1]) for r in rows], limit)


def _postgresql_matches(session: Session, words: list[str], limit: int
                        ) -> list[tuple[int, tuple[int, ...]]]:
    rows = session.execute(
        text("SELECT document_id, number FROM pages "
             "WHERE search_vector @@ plainto_tsquery('simple', :q) "
             "ORDER BY ts_rank(search_vector, plainto_tsquery('simple', :q)) DESC, id LIMIT :cap"),
        {"q": " ".join(words), "cap": limit * PAGES_PER_HIT},
    ).all()
    return _group([(r[0], r[1]) for r in rows], limit)
