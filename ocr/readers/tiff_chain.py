"""Walking a TIFF's chain of pages (IFDs) without decoding any of them.

Counting pages this way is fast, cannot run forever on a chain that loops, and stops at
the page limit instead of walking a million-page chain.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ocr.errors import CorruptFile, PageLoop, TooManyPages


@dataclass(frozen=True)
class TiffChain:
    pages: int  # distinct pages before the chain ended, broke off or looped
    loops: bool  # the chain pointed back to a page already seen
    broken: bool  # the chain pointed outside the file


@dataclass(frozen=True)
class _Layout:
    order: str  # struct byte order, "<" or ">"
    big: bool  # BigTIFF: 8-byte offsets and counts


def _header(handle: BinaryIO) -> tuple[_Layout, int]:
    head = handle.read(16)
    if head[:2] not in {b"II", b"MM"} or len(head) < 8:
        raise CorruptFile("It is not a readable TIFF image.")
    order = "<" if head[:2] == b"II" else ">"
    (magic,) = struct.unpack(order + "H", head[2:4])
    if magic == 42:
        return _Layout(order, big=False), struct.unpack(order + "I", head[4:8])[0]
    if magic == 43 and len(head) == 16:
        return _Layout(order, big=True), struct.unpack(order + "Q", head[8:16])[0]
    raise CorruptFile("It is not a readable TIFF image.")


def walk_pages(path: Path, max_pages: int) -> TiffChain:
    """The TIFF's distinct pages; raises PageLoop, TooManyPages or CorruptFile."""
    size = path.stat().st_size
    with path.open("rb") as handle:
        layout, offset = _header(handle)
        count_format, count_size, entry_size, next_format, next_size = (
            ("Q", 8, 20, "Q", 8) if layout.big else ("H", 2, 12, "I", 4))
        seen: set[int] = set()
        pages = 0
        while offset:
            if offset in seen:
                raise PageLoop(pages)
            if offset < 8 or offset + count_size > size:
                return TiffChain(pages, loops=False, broken=True)
            seen.add(offset)
            handle.seek(offset)
            (entries,) = struct.unpack(layout.order + count_format, handle.read(count_size))
            next_at = offset + count_size + entries * entry_size
            if next_at + next_size > size:
                return TiffChain(pages + 1, loops=False, broken=True)
            pages += 1
            if pages > max_pages:
                raise TooManyPages(pages, max_pages, at_least=True)
            handle.seek(next_at)
            (offset,) = struct.unpack(layout.order + next_format, handle.read(next_size))
    if pages == 0:
        raise CorruptFile("It contains no pages.")
    return TiffChain(pages, loops=False, broken=False)


def count_pages(path: Path, max_pages: int) -> TiffChain:
    """Like walk_pages, but a loop is reported in the result rather than raised."""
    try:
        return walk_pages(path, max_pages)
    except PageLoop as loop:
        if loop.distinct_pages == 0:
            raise
        return TiffChain(loop.distinct_pages, loops=True, broken=False)
