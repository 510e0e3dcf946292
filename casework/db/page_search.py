"""Full-text search over the text of every page, in SQL (SQLite FTS5, PostgreSQL tsvector).

The query layer only: who may search is decided by the services that call it.
"""

from __future__ import annotations

from sqlalchemy import text
from sqlalchemy.orm import Session

# Matching pages fetched per document asked for: enough for the best pages of each hit.
PAGES_PER_HIT = 20


def matching_pages(session: Session, words: list[str], limit: int
                   ) -> list[tuple[int, tuple[int, ...]]]:
    """(document id, matching page numbers best first) for documents holding every word."""
    if session.get_bind().dialect.name == "sqlite":
        return _sqlite_matches(session, words, limit)
    return _postgresql_matches(session, words, limit)


def search_words(query: str) -> list[str]:
    """The words of a query, with punctuation (FTS syntax included) treated as spaces."""
    return "".join(c if c.isalnum() else " " for c in query).split()


def documents_matching(session: Session, query: str, limit: int = 500) -> list[int]:
    """Ids of the documents whose page text holds every word of `query`, best first."""
    words = search_words(query)
    if not words:
        return []
    return [document_id for document_id, _pages in matching_pages(session, words, limit)]


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
