"""A document's reading rebuilt from its saved pages, so forms can look again without OCR."""

from __future__ import annotations

import json
import logging

from sqlalchemy import select
from sqlalchemy.orm import Session

from casework.db.models import Document, Page
from casework.errors import StoreError
from casework.store import DocumentStore
from ocr import Box, DocumentReading, PageReading, Word
from ocr.readers.pdf_form_fields import form_fields

log = logging.getLogger(__name__)


def stored_pages(session: Session, document_id: int) -> list[Page]:
    """The document's page rows in page order."""
    return list(session.scalars(select(Page).where(Page.document_id == document_id)
                                .order_by(Page.number)).all())


def page_reading(page: Page, store: DocumentStore, number: int | None = None,
                 images: bool = True) -> PageReading:
    """One stored page as the reader produced it (its image from the store, when asked)."""
    words = [Word(str(t), float(c), Box(x0, y0, x1, y1), int(line))
             for t, c, x0, y0, x1, y1, line in json.loads(page.words_json or "[]")]
    image = store.read_bytes(page.image_sha256) if images and page.image_sha256 else b""
    return PageReading(number=number or page.number, width=page.width, height=page.height,
                       dpi=page.dpi, source=page.source, words=words, text=page.text,
                       rotation=page.rotation, image_png=image)


def reading_of(pages: list[Page], store: DocumentStore, kind: str | None,
               form_values: dict[str, str] | None = None, images: bool = True
               ) -> DocumentReading:
    """A reading made of these pages, numbered 1.. in the order given.

    Recognising the form needs only the words; reading tick boxes needs the page images.
    """
    return DocumentReading(kind=kind or "pdf_scanned",
                           pages=[page_reading(p, store, n, images)
                                  for n, p in enumerate(pages, 1)],
                           form_fields=dict(form_values or {}))


def stored_reading(session: Session, store: DocumentStore, document: Document) -> DocumentReading:
    """The whole document's reading; a fillable PDF's values are read again from its original."""
    return reading_of(stored_pages(session, document.id), store, document.kind,
                      fillable_values(store, document))


def fillable_values(store: DocumentStore, document: Document) -> dict[str, str]:
    """The fillable-form values of a document's own original file (none for a split or merge)."""
    if document.kind != "pdf_form" or document.parent_id is not None:
        return {}
    try:
        data = store.read_bytes(document.sha256)
    except StoreError:  # the page words still carry the values
        log.warning("could not read the form values of document %s again", document.id)
        return {}
    return form_fields(data, None)
