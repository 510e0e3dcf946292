"""Pages that arrive sideways, upside down or tilted are read and shown upright and level."""

from __future__ import annotations

import statistics
from pathlib import Path

import pytest

from ocr import PageReading, ReadSettings, read_document
from tests.ocr.conftest import recall

SETTINGS = ReadSettings()


def _first_line_is_at_the_top(page: PageReading) -> bool:
    title = [w for w in page.words if w.text == "Prior"]
    return bool(title) and title[0].box.y1 < page.height / 3 and title[0].box.x0 < page.width / 3


@pytest.mark.parametrize("clockwise", [90, 180, 270])
def test_turned_page_is_read_and_turned_upright(docs: dict[str, Path], clockwise: int) -> None:
    page = read_document(docs[f"turned_{clockwise}"], SETTINGS).pages[0]
    assert (page.rotation + clockwise) % 360 == 0
    assert page.height > page.width  # portrait again
    assert recall(page.text) >= 0.97
    assert _first_line_is_at_the_top(page)


def test_upright_page_is_not_turned(docs: dict[str, Path]) -> None:
    page = read_document(docs["scan_png"], SETTINGS).pages[0]
    assert page.rotation == 0 and _first_line_is_at_the_top(page)


def test_tilted_page_is_levelled(docs: dict[str, Path]) -> None:
    """GIVEN a page scanned 2 degrees askew THEN its words sit on level lines."""
    page = read_document(docs["skewed"], SETTINGS).pages[0]
    assert recall(page.text) >= 0.97
    lines: dict[int, list[float]] = {}
    for word in page.words:
        lines.setdefault(word.line, []).append((word.box.y0 + word.box.y1) / 2)
    longest = max(lines.values(), key=len)
    # A 2-degree tilt over a 1500-pixel line would spread the words by ~50 pixels.
    assert max(longest) - min(longest) < 12
    assert statistics.pstdev(longest) < 5
