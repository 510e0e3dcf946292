"""Real public test material from ../shared/corpora: fax charts, encrypted and broken files."""

from __future__ import annotations

import multiprocessing
import re
import time
from pathlib import Path

import pytest

from ocr import ReadSettings, inspect_document, read_document
from ocr.errors import PasswordProtected
from tests.ocr.conftest import FAX_TIFF, PDF_ODD

ITU = FAX_TIFF / "derived" / "itu1-8_g4.tif"
needs_fax_corpus = pytest.mark.skipif(
    not FAX_TIFF.is_dir(), reason="the shared corpora folder (../shared/corpora) is not beside "
                                  "the project")
needs_pdf_corpus = pytest.mark.skipif(
    not PDF_ODD.is_dir(), reason="the shared corpora folder (../shared/corpora) is not beside "
                                 "the project")


@needs_fax_corpus
def test_itu_business_letter_is_read() -> None:
    """ITU-T chart 1, the SLEREXE letter to Dr Cundall, as a fax server's G4 TIFF."""
    assert inspect_document(ITU, ReadSettings()).pages == 8
    reading = read_document(ITU, ReadSettings())
    assert reading.kind == "tiff" and len(reading.pages) == 8
    letter = reading.pages[0]
    assert letter.dpi == 200 and letter.rotation == 0  # 204 x 196, read as it is
    for phrase in ("SLEREXE", "Dear Pete", "Cundall", "facsimile", "Yours sincerely"):
        assert phrase in letter.text
    assert sum(w.confidence for w in letter.words) / len(letter.words) > 0.8
    # the other charts are drawings and tables: read, but not all of them as prose
    assert reading.ocr_confidence is not None and reading.ocr_confidence > 0.5


# (file under pdf_odd/, its open password) as PASSWORDS.md lists them
KNOWN_PASSWORDS = [
    ("pypdf/resources/encryption/r4-user-password.pdf", "asdfzxcv"),
    ("pypdf/resources/encryption/r6-user-password.pdf", "asdfzxcv"),
    ("pypdf/resources/crazyones-encrypted-256.pdf", "password"),
    ("pdfminer.six/samples/encryption/aes-256-r6.pdf", "usersecret"),
    ("pdfminer.six/samples/encryption/rc4-40.pdf", "foo"),
    ("pdf.js/test/pdfs/issue6010_2.pdf", "æøå"),
]


def _corpus_file(relative: str) -> Path:
    hits = [p for p in PDF_ODD.rglob(Path(relative).name)
            if p.as_posix().endswith(relative.split("/", 1)[1])]
    return hits[0] if hits else PDF_ODD / relative


@needs_pdf_corpus
def test_passwords_md_lists_the_files_tested() -> None:
    listed = (PDF_ODD / "PASSWORDS.md").read_text(encoding="utf-8")
    for relative, password in KNOWN_PASSWORDS:
        assert password in listed
        assert re.search(re.escape(Path(relative).stem.split("-")[0]), listed)


@needs_pdf_corpus
@pytest.mark.parametrize(("relative", "password"), KNOWN_PASSWORDS)
def test_encrypted_corpus_pdf_opens_only_with_its_password(relative: str, password: str) -> None:
    path = _corpus_file(relative)
    assert path.is_file(), f"{relative} is listed in PASSWORDS.md but not in the corpus"
    with pytest.raises(PasswordProtected):
        inspect_document(path, ReadSettings())
    opened = ReadSettings(pdf_passwords=("wrong", password), max_pages=3)
    info = inspect_document(path, opened)
    assert info.pages >= 1 and info.kind.startswith("pdf_")


def _sweep_files() -> list[Path]:
    folders = [PDF_ODD, FAX_TIFF]
    return sorted(p for folder in folders if folder.is_dir() for p in folder.rglob("*")
                  if p.is_file())


PER_FILE_BUDGET_S = 90.0


@pytest.mark.slow
@needs_pdf_corpus
@needs_fax_corpus
def test_every_corpus_file_ends_read_or_rejected_with_a_reason() -> None:
    """GIVEN every file of pdf_odd/ and fax_tiff/ (broken, encrypted, fuzzed, looping)
    THEN each ends as a reading or an UnreadableDocument with a reason: no other exception,
    no hang. Each file is read in a worker process so a hang in native code is caught.
    """
    files = _sweep_files()
    started = time.monotonic()
    context = multiprocessing.get_context("spawn")
    outcomes: dict[Path, tuple[str, str, str]] = {}
    with context.Pool(2, maxtasksperchild=50) as pool:
        pending = {path: pool.apply_async(_read_in_worker, (str(path),)) for path in files}
        try:
            for path, result in pending.items():
                outcomes[path] = result.get(timeout=PER_FILE_BUDGET_S)
        except multiprocessing.TimeoutError:
            pool.terminate()
            pytest.fail(f"{path.relative_to(PDF_ODD.parent)} took over {PER_FILE_BUDGET_S} s")
    bugs = {str(p.relative_to(PDF_ODD.parent)): o[2] for p, o in outcomes.items()
            if o[0] == "bug"}
    assert not bugs, bugs
    assert all(o[2].strip() for o in outcomes.values() if o[0] == "unreadable")
    read = sum(1 for o in outcomes.values() if o[0] == "read")
    assert read > 100  # most of the corpus is readable, not rejected wholesale
    assert time.monotonic() - started < 600


def _read_in_worker(path: str) -> tuple[str, str, str]:
    from tests.ocr.corpus_sweep import read_one

    return read_one(path)
