"""Small pictures of a document's pages, for choosing where a fax splits."""

from __future__ import annotations

import io
from dataclasses import dataclass

from PIL import Image

from casework.actor import Actor
from casework.documents.review_actions import get_for_review
from casework.documents.stored_reading import stored_pages
from casework.permissions import Permission
from casework.workspace import Workspace

THUMBNAIL_WIDTH = 180
MAX_THUMBNAILS = 100


@dataclass(frozen=True)
class PageThumbnail:
    """One page: its number, a small PNG (empty when no image was kept) and its first words."""

    number: int
    png: bytes
    first_line: str


def page_thumbnails(ws: Workspace, actor: Actor, document_id: int,
                    width: int = THUMBNAIL_WIDTH) -> list[PageThumbnail]:
    """Every page of the document as a thumbnail `width` pixels wide, in page order."""
    actor.require(Permission.VIEW_DOCUMENTS)
    with ws.db.read() as session:
        get_for_review(session, document_id)
        pages = [(p.number, p.image_sha256, p.text) for p in stored_pages(session, document_id)]
    return [PageThumbnail(number, _shrink(ws.store.read_bytes(sha), width) if sha else b"",
                          _first_line(text))
            for number, sha, text in pages[:MAX_THUMBNAILS]]


def _shrink(png: bytes, width: int) -> bytes:
    with Image.open(io.BytesIO(png)) as image:
        small = image.convert("L")  # grey scales down smoothly; fax black-and-white does not
    small.thumbnail((width, width * 2))  # a page is taller than wide; keep its shape
    out = io.BytesIO()
    small.save(out, format="PNG")
    return out.getvalue()


def _first_line(text: str) -> str:
    line = next((part.strip() for part in text.splitlines() if part.strip()), "")
    return line[:60]
