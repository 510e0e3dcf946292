"""Real encrypted PDFs from public test suites open when their password is configured."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocr import ReadSettings, inspect_document
from ocr.errors import PasswordProtected
from tests.conftest import CORPORA

PDF = CORPORA / "pdf_odd"
# (file under pdf_odd/, its password) as listed in PASSWORDS.md
KNOWN = [
    ("pypdf/resources/encryption/r4-user-password.pdf", "asdfzxcv"),
    ("pypdf/resources/encryption/r6-user-password.pdf", "asdfzxcv"),
    ("pypdf/resources/crazyones-encrypted-256.pdf", "password"),
    ("pdfminer.six/samples/encryption/aes-256-r6.pdf", "usersecret"),
    ("pdf.js/test/pdfs/issue6010_2.pdf", "æøå"),
]


def _find(relative: str) -> Path:
    hits = sorted(PDF.rglob(Path(relative).name))
    matching = [h for h in hits if str(h).endswith(relative.split("/", 1)[-1])]
    return (matching or hits or [PDF / relative])[0]


@pytest.mark.skipif(not PDF.is_dir(), reason="the shared corpora folder is not beside the project")
@pytest.mark.parametrize(("relative", "password"), KNOWN)
def test_known_password_opens_and_missing_password_is_named(relative: str, password: str) -> None:
    path = _find(relative)
    if not path.is_file():
        pytest.fail(f"{relative} is listed in PASSWORDS.md but not in the corpus")
    with pytest.raises(PasswordProtected):
        inspect_document(path, ReadSettings())
    info = inspect_document(path, ReadSettings(pdf_passwords=("wrong", password)))
    assert info.kind == "pdf" and info.pages >= 1
