"""The readers, and the registry that picks one from a file's first bytes (not its name)."""

from __future__ import annotations

from pathlib import Path

from ocr.errors import EmptyFile, UnsupportedFileType
from ocr.readers.base import ReadContext, Reader
from ocr.readers.jpeg import JpegReader
from ocr.readers.pdf import PdfReader
from ocr.readers.png import PngReader
from ocr.readers.tiff import TiffReader

READERS: tuple[Reader, ...] = (PdfReader(), TiffReader(), PngReader(), JpegReader())
HEAD_BYTES = 1024

# Files people send by mistake, named so the clerk can tell the sender what went wrong.
_KNOWN_OTHERS = (
    (b"PK\x03\x04", "a Word, Excel or ZIP file"),
    (b"\xd0\xcf\x11\xe0", "an old Word or Excel file"),
    (b"GIF8", "a GIF image"),
    (b"BM", "a BMP image"),
    (b"{\\rtf", "an RTF document"),
    (b"RIFF", "a WebP image"),
)


def _describe(head: bytes, path: Path) -> str:
    suffix = path.suffix.lower()
    for signature, what in _KNOWN_OTHERS:
        if head.startswith(signature):
            return f"{suffix}, {what}" if suffix else what
    if head[4:12] in {b"ftypheic", b"ftypmif1", b"ftypheix"}:
        return f"{suffix}, an HEIC photo" if suffix else "an HEIC photo"
    return suffix or "unknown type"


def reader_for(path: Path) -> Reader:
    """The reader for this file, by its first bytes; EmptyFile or UnsupportedFileType if none."""
    with path.open("rb") as handle:
        head = handle.read(HEAD_BYTES)
    if not head:
        raise EmptyFile
    # Signatures at the very start win over a PDF header found further in.
    for reader in sorted(READERS, key=lambda r: r.family == "pdf"):
        if reader.claims(head):
            return reader
    if _looks_like_damaged_pdf(head, path):
        return PdfReader()  # let pdfium try; failing that, the clerk hears "damaged"
    raise UnsupportedFileType(_describe(head, path))


def _looks_like_damaged_pdf(head: bytes, path: Path) -> bool:
    """A PDF whose header was lost: named .pdf, or PDF objects near the start."""
    if any(head.startswith(signature) for signature, _ in _KNOWN_OTHERS):
        return False
    return path.suffix.lower() == ".pdf" or (b" obj" in head and b"<<" in head)


__all__ = ["READERS", "ReadContext", "Reader", "reader_for"]
