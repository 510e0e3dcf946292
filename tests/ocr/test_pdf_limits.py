"""PDF parsers cannot be held up: junk after the end is cut, and parsing has a time limit."""

from __future__ import annotations

import io
import threading
import time
from pathlib import Path

import pypdf
import pytest

from ocr import ReadSettings, read_document
from ocr.errors import ParseTimeout
from ocr.readers.pdf_end import trim_after_end
from ocr.time_limit import time_limit
from tests.ocr.conftest import KNOWN_LINES, form_pdf, make_pdf

# Junk that looks like PDF syntax, with false ends in it, as a broken fax server writes.
JUNK_LINE = b"12 0 obj\n<< /Type /Page /Parent 3 0 R >>\nendobj\nstartxref\n99999\n%%EOF\n"


def _with_junk(pdf: bytes, megabytes: int) -> bytes:
    return pdf + JUNK_LINE * (megabytes * 1_000_000 // len(JUNK_LINE))


def _updated(pdf: bytes) -> bytes:
    """`pdf` with an incremental update appended: a second revision after the first %%EOF."""
    writer = pypdf.PdfWriter(io.BytesIO(pdf), incremental=True)
    writer.add_metadata({"/Title": "Updated by the provider's office"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def test_junk_after_the_end_is_cut_before_parsing(tmp_path: Path) -> None:
    """GIVEN a text PDF followed by 40 MB of PDF-like junk THEN its words are read, the
    clerk is told what was left out, and no parser saw the junk."""
    path = tmp_path / "padded.pdf"
    path.write_bytes(_with_junk(make_pdf(), 40))
    reading = read_document(path, ReadSettings())
    assert reading.kind == "pdf_text"
    assert KNOWN_LINES[0].split()[0] in reading.pages[0].text
    assert "The file carries 40 MB of data after the end of the PDF; it was not read." \
        in reading.warnings


def test_a_later_revision_is_kept() -> None:
    """An incremental update (a second revision after the first %%EOF) is the file, not junk."""
    updated = _updated(make_pdf())
    assert updated.count(b"%%EOF") == 2
    assert trim_after_end(updated) == (updated, 0)
    cut, junk = trim_after_end(_with_junk(updated, 1))
    assert cut == updated and junk > 900_000
    assert pypdf.PdfReader(io.BytesIO(cut)).metadata.title == "Updated by the provider's office"


def test_a_file_without_an_end_is_left_as_it_is() -> None:
    """A PDF cut short has no end to trim to; pdfium's own repair gets the whole of it."""
    truncated = make_pdf()[:-200]
    assert trim_after_end(truncated) == (truncated, 0)


def test_a_fillable_form_padded_with_junk_keeps_its_values(tmp_path: Path) -> None:
    path = tmp_path / "form.pdf"
    path.write_bytes(_with_junk(form_pdf(), 5))
    reading = read_document(path, ReadSettings())
    assert reading.form_fields["member_name"] == "Ana Flores"


def test_a_parser_past_its_time_limit_is_stopped() -> None:
    with pytest.raises(ParseTimeout) as stopped, time_limit(0.05, "the text of page 3"):
        while True:
            pass
    assert str(stopped.value) == "the text of page 3 took more than 0.05 seconds"


def test_outside_the_main_thread_the_code_runs_unlimited() -> None:
    finished: list[int] = []

    def work() -> None:
        with time_limit(0.01, "work"):
            finished.append(sum(range(3_000_000)))

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert finished == [sum(range(3_000_000))]


# A 1 ms alarm may land in a test plugin's garbage-collector callback, which prints the
# exception instead of raising it; the next alarm still stops the parse (see time_limit).
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_slow_text_layer_falls_back_to_reading_the_page_as_an_image(tmp_path: Path) -> None:
    """GIVEN a time limit too short for any parser THEN the reader says so in words and still
    returns every page (each drawn for OCR), instead of waiting on the parser."""
    path = tmp_path / "text.pdf"
    path.write_bytes(make_pdf(pages=2))
    reading = read_document(path, ReadSettings(page_timeout_s=0.001))
    assert len(reading.pages) == 2
    assert all(page.image_png for page in reading.pages)
    assert any("took too long to open; its pages were read as images" in w
               or "took too long to read; the page was read as an image" in w
               for w in reading.warnings)


# A 1 ms alarm may land in a test plugin's garbage-collector callback, which prints the
# exception instead of raising it; the next alarm still stops the parse (see time_limit).
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_slow_form_fields_leave_the_pages_read(tmp_path: Path) -> None:
    path = tmp_path / "form.pdf"
    path.write_bytes(form_pdf())
    reading = read_document(path, ReadSettings(page_timeout_s=0.001))
    assert reading.form_fields == {}
    assert "The form's filled-in fields took too long to read; its pages were read as they " \
        "look." in reading.warnings


def test_an_alarm_whose_exception_was_swallowed_sounds_again() -> None:
    """GIVEN a parse whose first time-out lands where its exception is swallowed (as in a
    garbage collector's callback) THEN the next alarm still stops it (the parse would otherwise run its five seconds out)."""
    swallowed = []
    started = time.monotonic()
    with pytest.raises(ParseTimeout), time_limit(0.01, "the test's parse"):
        try:
            while time.monotonic() - started < 5:
                pass
        except ParseTimeout:
            swallowed.append(time.monotonic() - started)
        while time.monotonic() - started < 5:
            pass
    assert len(swallowed) == 1
