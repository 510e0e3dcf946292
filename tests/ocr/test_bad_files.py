"""Files that cannot be read end as a typed error with a sentence a clerk understands."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from ocr import ReadSettings, UnreadableDocument, inspect_document, read_document
from ocr.errors import (
    CorruptFile,
    EmptyFile,
    PageTooLarge,
    UnsupportedFileType,
)
from tests.ocr.conftest import make_pdf, png_header_only

SETTINGS = ReadSettings()


def _docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
    return buffer.getvalue()


def _truncated_tiff() -> bytes:
    buffer = io.BytesIO()
    Image.new("L", (600, 800), 200).save(buffer, format="TIFF", compression="tiff_deflate")
    return buffer.getvalue()[:300]


@pytest.mark.parametrize(
    ("name", "content", "error", "reason"),
    [
        ("fax.pdf", b"", EmptyFile, "The file is empty."),
        ("fax.pdf", make_pdf()[:400], CorruptFile,
         "The file is damaged or incomplete and cannot be opened."),
        ("scan.bin", bytes(range(256)) * 40, UnsupportedFileType,
         "This kind of file (.bin) cannot be read; send a PDF, TIFF, PNG or JPEG."),
        ("letter.docx", _docx(), UnsupportedFileType,
         "This kind of file (.docx, a Word, Excel or ZIP file) cannot be read; send a PDF, "
         "TIFF, PNG or JPEG."),
        ("fax.tif", b"II*\x00" + b"\xff" * 64, CorruptFile,
         "The file is damaged or incomplete and cannot be opened."),
        ("fax.tif", _truncated_tiff(), CorruptFile,
         "The file is damaged or incomplete and cannot be opened."),
        ("photo.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 50, CorruptFile,
         "The file is damaged or incomplete and cannot be opened."),
    ],
    ids=["empty", "truncated-pdf", "random-bytes", "docx", "broken-tiff", "truncated-tiff",
         "broken-jpeg"],
)
def test_bad_files_raise_a_readable_reason(
    tmp_path: Path, name: str, content: bytes, error: type[UnreadableDocument], reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    for step in (lambda: inspect_document(path, SETTINGS), lambda: read_document(path, SETTINGS)):
        with pytest.raises(error) as raised:
            step()
        assert raised.value.reason.startswith(reason)
        for jargon in ("Traceback", "Error", "errno", "PDFium", "IFD", "0x"):
            assert jargon not in raised.value.reason


def test_the_library_error_is_kept_for_the_log(tmp_path: Path) -> None:
    path = tmp_path / "fax.pdf"
    path.write_bytes(make_pdf()[:400])
    with pytest.raises(CorruptFile) as raised:
        read_document(path, SETTINGS)
    assert raised.value.__cause__ is not None


def test_decompression_bomb_is_refused_before_decoding(tmp_path: Path) -> None:
    """GIVEN a 60-byte PNG that claims 100000 x 100000 pixels THEN nothing is decoded."""
    path = tmp_path / "bomb.png"
    path.write_bytes(png_header_only(100_000, 100_000))
    with pytest.raises(PageTooLarge) as raised:
        read_document(path, SETTINGS)
    assert raised.value.reason.startswith("Page 1 is 10,000 megapixels, over the limit of 48")


def test_page_over_the_configured_size_is_refused(docs: dict[str, Path]) -> None:
    with pytest.raises(PageTooLarge):
        read_document(docs["scan_png"], ReadSettings(max_megapixels=1.0))
