"""A long document's pages read two at a time come out exactly as read one after another."""

from __future__ import annotations

from pathlib import Path

from ocr import ReadSettings, read_document
from ocr.timing import take
from tests.ocr.conftest import as_fax, make_pdf, recall, render_gray, scanned_pdf


def _fax(folder: Path, pages: int) -> Path:
    page = as_fax(render_gray(make_pdf()), True)
    path = folder / "long.tif"
    page.save(path, compression="group4", dpi=(204, 196), save_all=True,
              append_images=[page.copy() for _ in range(pages - 1)])
    return path


def test_pages_read_in_parallel_match_pages_read_in_turn(tmp_path: Path) -> None:
    """GIVEN a three-page fax WHEN read two pages at a time THEN every page, in its place,
    has the same words and boxes as when read one by one, and the reading time is counted."""
    path = _fax(tmp_path, 3)
    in_turn = read_document(path, ReadSettings())
    take()
    parallel = read_document(path, ReadSettings(page_threads=2))
    times = take()
    assert [p.number for p in parallel.pages] == [1, 2, 3]
    assert [p.words for p in parallel.pages] == [p.words for p in in_turn.pages]
    assert all(recall(p.text) >= 0.95 for p in parallel.pages)
    assert times.of("read") > 0 and times.of("open") > 0


def test_scanned_pdf_pages_read_in_parallel(tmp_path: Path) -> None:
    """A scanned PDF's pages (pictures only) are read in parallel too, in order."""
    image = render_gray(make_pdf())
    path = tmp_path / "scanned.pdf"
    path.write_bytes(scanned_pdf(image))
    reading = read_document(path, ReadSettings(page_threads=2))
    assert reading.kind == "pdf_scanned"
    assert recall(reading.pages[0].text) >= 0.95
