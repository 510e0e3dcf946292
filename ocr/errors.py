"""Why a file could not be read, in words a clerk can act on.

`UnreadableDocument` and its subclasses are the document's fault: the file is kept and
rejected with `reason`. `OcrEngineMissing` is the machine's fault: retry once Tesseract is
installed.
`RecognitionTimeout` is one page's: the page is kept, empty, with a warning.
"""

from __future__ import annotations

import sys


class UnreadableDocument(Exception):
    """The file cannot become pages; `reason` says why, plainly."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class EmptyFile(UnreadableDocument):
    def __init__(self) -> None:
        super().__init__("The file is empty.")


class UnsupportedFileType(UnreadableDocument):
    def __init__(self, what: str) -> None:
        super().__init__(f"This kind of file ({what}) cannot be read; "
                         "send a PDF, TIFF, PNG or JPEG.")


class PasswordProtected(UnreadableDocument):
    def __init__(self) -> None:
        super().__init__("The PDF is password-protected and none of the configured passwords "
                         "opens it.")


class CorruptFile(UnreadableDocument):
    """Damaged, truncated or not what its first bytes claim; `detail` is a plain sentence."""

    def __init__(self, detail: str = "") -> None:
        text = "The file is damaged or incomplete and cannot be opened."
        super().__init__(f"{text} {detail}" if detail else text)


class TooManyPages(UnreadableDocument):
    def __init__(self, pages: int, limit: int, *, at_least: bool = False) -> None:
        count = f"more than {limit}" if at_least else str(pages)
        super().__init__(f"The document has {count} pages; the limit is {limit}. "
                         "Split it into smaller files and send the parts.")


class PageTooLarge(UnreadableDocument):
    """A page so large it would exhaust memory: a decompression bomb, not a scan."""

    def __init__(self, number: int, megapixels: float, limit: float) -> None:
        super().__init__(f"Page {number} is {megapixels:,.0f} megapixels, over the limit of "
                         f"{limit:,.0f}; it is not a normal scan and was not opened.")


class PageLoop(CorruptFile):
    """A TIFF whose list of pages points back to an earlier page.

    The TIFF reader catches this, reads the distinct pages before the loop and warns, so a
    clerk loses nothing; it reaches a caller only from the low-level page walker.
    """

    def __init__(self, distinct_pages: int) -> None:
        self.distinct_pages = distinct_pages
        super().__init__(f"Its list of pages loops back on itself after page {distinct_pages}.")


class RecognitionTimeout(Exception):
    """Tesseract did not finish the page within its time limit."""


class OcrEngineMissing(Exception):
    """Tesseract (or a language it needs) is not installed: the machine's fault, not the file's.

    The message ends with what to install on this kind of computer, so every face (window,
    command line, self-test) can show it as it is.
    """

    def __init__(self, problem: str) -> None:
        self.problem = problem
        super().__init__(f"{problem} {install_hint()}")


def install_hint(platform: str | None = None) -> str:
    """What to install for OCR on `platform` (default: this computer), in one sentence."""
    platform = platform or sys.platform
    if platform.startswith("win"):
        return ("Install Tesseract OCR 5 for Windows (64-bit) with the English and Spanish "
                "language data into C:\\Program Files\\Tesseract-OCR, then start the "
                "workstation again.")
    if platform == "darwin":
        return "Install Tesseract OCR 5 with its language data: brew install tesseract " \
               "tesseract-lang."
    return ("Install Tesseract OCR 5 with English, Spanish and orientation data: sudo apt-get "
            "install tesseract-ocr tesseract-ocr-eng tesseract-ocr-spa tesseract-ocr-osd.")


class ParseTimeout(BaseException):
    """A PDF parser ran past its time limit; the reader falls back to drawing the page.

    A BaseException, like KeyboardInterrupt, so that a parser's own `except Exception` (pypdf
    logs and carries on) cannot swallow it.
    """

    def __init__(self, what: str, seconds: float) -> None:
        super().__init__(f"{what} took more than {seconds:g} seconds")
        self.what = what
