"""Which kind of file this is, from its first bytes rather than its name."""

from __future__ import annotations

from pathlib import Path

from ocr.errors import CorruptFile, EmptyFile, UnsupportedFileType

SIGNATURES = (
    (b"%PDF", "pdf"),
    (b"II*\x00", "tiff"),
    (b"MM\x00*", "tiff"),
    (b"\x89PNG\r\n\x1a\n", "png"),
    (b"\xff\xd8\xff", "jpeg"),
)
NAMED = {b"PK\x03\x04": "a Word, Excel or ZIP file", b"\xd0\xcf\x11\xe0": "an old Office file",
         b"GIF8": "a GIF image", b"BM": "a BMP image", b"{\\rtf": "an RTF document"}


def sniff(path: Path) -> str:
    """'pdf', 'tiff', 'png' or 'jpeg'; raise a readable error for anything else."""
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except IsADirectoryError:
        raise UnsupportedFileType("a folder") from None
    except FileNotFoundError:
        raise CorruptFile("the file is no longer there") from None
    except OSError as exc:
        raise CorruptFile(exc.strerror or "it cannot be read") from exc
    if not head:
        raise EmptyFile
    for signature, kind in SIGNATURES:
        if head.startswith(signature):
            return kind
    if b"%PDF" in head:  # some fax servers put junk before the header
        return "pdf"
    for signature, what in NAMED.items():
        if head.startswith(signature):
            raise UnsupportedFileType(what)
    suffix = path.suffix.lower() or "no extension"
    raise UnsupportedFileType(f"{suffix}, not a PDF or image")
