"""What every reader offers, and the context a document is read in."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from PIL import Image

from ocr.engine import engine_for
from ocr.engine_protocol import OcrEngine
from ocr.recognize import recognize_page
from ocr.results import DocumentInfo, DocumentReading, PageReading
from ocr.settings import Progress, ReadSettings
from ocr.timing import StageTimes, add, stage, take


@dataclass(frozen=True)
class PageToRead:
    """A decoded page image (square pixels) waiting for OCR, and how to read it."""

    number: int
    image: Image.Image
    dpi: int
    bilevel: bool = False
    enlarge: bool = False
    reread_lines: bool = False


@dataclass
class ReadContext:
    """Settings, progress and the OCR engine (given, or the process's own, loaded only when a
    page first needs it).

    A born-digital PDF then reads on a machine without Tesseract.
    """

    settings: ReadSettings
    progress: Progress | None = None
    engine: OcrEngine | None = None
    warnings: list[str] = field(default_factory=list)

    def ocr(self, image: Image.Image, dpi: int, number: int, *, bilevel: bool = False,
            enlarge: bool = False, reread_lines: bool = False) -> PageReading:
        """OCR one page image (square pixels) with the process's engine; `enlarge` reads it
        at 300 dpi (ocr/enlarge.py), `reread_lines` reads its unsure lines again enlarged."""
        # The process's engine is cached by engine_for; self.engine stays what the caller gave.
        engine = self.engine or engine_for(self.settings.languages, self.settings.engine)
        with stage("read"):
            return recognize_page(image, dpi, number, engine,
                                  self.settings.page_timeout_s, bilevel=bilevel,
                                  enlarge=enlarge, reread_lines=reread_lines,
                                  max_pixels=self.settings.read_megapixels * 1e6)

    def ocr_pages(self, pages: list[PageToRead]) -> list[PageReading]:
        """OCR several pages at once, one thread and engine each, as settings.page_threads
        allows; one after another otherwise. Readings come back in the pages' order."""
        threads = min(self.settings.page_threads, len(pages))
        if threads <= 1 or self.engine is not None:  # an engine given is a single engine
            return [self.ocr(p.image, p.dpi, p.number, bilevel=p.bilevel, enlarge=p.enlarge,
                             reread_lines=p.reread_lines) for p in pages]

        def one(slot: int, page: PageToRead) -> tuple[PageReading, StageTimes]:
            engine = engine_for(self.settings.languages, self.settings.engine, slot)
            take()
            with stage("read"):
                reading = recognize_page(page.image, page.dpi, page.number, engine,
                                         self.settings.page_timeout_s, bilevel=page.bilevel,
                                         enlarge=page.enlarge,
                                         reread_lines=page.reread_lines,
                                         max_pixels=self.settings.read_megapixels * 1e6)
            return reading, take()

        results: list[tuple[PageReading, StageTimes]] = []
        with ThreadPoolExecutor(max_workers=threads) as pool:
            # A group at a time, so no two threads ever hold the same engine.
            for start in range(0, len(pages), threads):
                group = pages[start:start + threads]
                results.extend(pool.map(one, range(len(group)), group))
        for _, times in results:
            add(times)  # the threads' time counts towards this document
        return [reading for reading, _ in results]

    def page_done(self) -> None:
        if self.progress is not None:
            self.progress.advance(1)


class Reader(Protocol):
    """Reads one family of files, recognised by its first bytes."""

    family: str  # "pdf" | "tiff" | "png" | "jpeg"

    def claims(self, head: bytes) -> bool:
        """Whether the file's first bytes are this reader's kind of file."""
        ...

    def inspect(self, path: Path, settings: ReadSettings) -> DocumentInfo:
        """Kind and page count, without OCR; raises UnreadableDocument."""
        ...

    def read(self, path: Path, context: ReadContext) -> DocumentReading:
        """Every page; raises UnreadableDocument."""
        ...


def empty_page(number: int, warning: str) -> PageReading:
    """A page that could not be decoded at all: kept in its place, with a warning."""
    return PageReading(number=number, width=0, height=0, dpi=0, source="ocr", words=[],
                       text="", rotation=0, image_png=b"", warnings=[warning])
