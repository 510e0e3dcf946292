"""Why a file could not be read, in words a clerk can act on."""

from __future__ import annotations


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
    def __init__(self, detail: str = "") -> None:
        text = "The file is damaged or incomplete and cannot be opened"
        super().__init__(f"{text} ({detail})." if detail else f"{text}.")


class TooManyPages(UnreadableDocument):
    def __init__(self, pages: int, limit: int) -> None:
        super().__init__(f"The document has {pages} pages; the limit is {limit}. "
                         "Split it and send the parts.")


class PageTooLarge(UnreadableDocument):
    def __init__(self, megapixels: float, limit: float) -> None:
        super().__init__(f"A page is {megapixels:,.0f} megapixels, over the {limit:,.0f} "
                         "megapixel limit: the file is not a normal scan.")


class OcrEngineMissing(Exception):
    """Tesseract (or a language it needs) is not installed: the machine's fault, not the file's."""
