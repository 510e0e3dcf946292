"""Geometry helpers: turning and levelling boxes, grouping words into lines, TIFF page chains."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocr.errors import PageLoop
from ocr.layout import (
    drop_doubled,
    group_into_lines,
    level_box,
    line_direction,
    turn_box,
    words_to_text,
)
from ocr.readers.tiff_chain import count_pages, walk_pages
from ocr.results import Box, Word
from tests.ocr.conftest import looping_tiff


@pytest.mark.parametrize("clockwise", [90, 180, 270])
def test_turning_a_box_four_times_brings_it_home(clockwise: int) -> None:
    box, width, height = Box(10, 20, 110, 60), 400, 300
    turned, size = box, (width, height)
    for _ in range(4):
        turned = turn_box(turned, size[0], size[1], clockwise)
        if clockwise != 180:
            size = (size[1], size[0])
    assert turned == pytest.approx(box)


def test_a_quarter_turn_clockwise_moves_the_top_left_to_the_top_right() -> None:
    turned = turn_box(Box(0, 0, 10, 5), 100, 50, 90)
    assert turned == Box(45, 0, 50, 10)


def test_levelling_keeps_a_box_centred_on_the_turned_point() -> None:
    box = level_box(Box(90, 45, 110, 55), 200, 100, 0.0)
    assert box == Box(90, 45, 110, 55)
    right = level_box(Box(190, 45, 200, 55), 200, 100, 10.0)
    assert (right.y0 + right.y1) / 2 < 50  # counter-clockwise lifts the right-hand side


def test_text_layer_words_are_grouped_by_line_and_read_left_to_right() -> None:
    words = group_into_lines([("World", Box(60, 10, 100, 20)), ("Hello", Box(10, 11, 50, 21)),
                              ("Next", Box(10, 40, 50, 50))])
    assert [(w.text, w.line) for w in words] == [("Hello", 0), ("World", 0), ("Next", 1)]
    assert words_to_text(words) == "Hello World\nNext"


def test_line_direction_finds_sideways_text() -> None:
    down = [Word("a", 1, Box(10, 10, 20, 40), 0), Word("b", 1, Box(10, 50, 20, 90), 0)]
    assert line_direction(down) == 90
    assert line_direction(list(reversed(down))) == 270


def test_a_looping_page_chain_is_caught(tmp_path: Path) -> None:
    path = tmp_path / "loop.tif"
    path.write_bytes(looping_tiff(3))
    with pytest.raises(PageLoop) as raised:
        walk_pages(path, 100)
    assert raised.value.distinct_pages == 3
    chain = count_pages(path, 100)
    assert chain.pages == 3 and chain.loops


def _word(text: str, x0: float, line: int, confidence: float = 0.9, y0: float = 100) -> Word:
    return Word(text, confidence, Box(x0, y0, x0 + 20 * len(text), y0 + 30), line)


def test_a_line_read_twice_over_itself_keeps_one_reading() -> None:
    """GIVEN Tesseract returned "Member has chronic" and, a few pixels lower, a second,
    less sure "ember has chronic" WHEN the words are cleaned THEN the text reads once."""
    first = [_word("Member", 100, 0, 0.95), _word("has", 240, 0, 0.93),
             _word("chronic", 320, 0, 0.91)]
    second = [_word("ember", 120, 1, 0.4, y0=104), _word("has", 242, 1, 0.5, y0=104),
              _word("chronic", 321, 1, 0.45, y0=105)]
    assert words_to_text(drop_doubled(first + second)) == "Member has chronic"


def test_words_side_by_side_and_lines_close_together_are_all_kept() -> None:
    words = [_word("Member", 100, 0), _word("Name", 240, 0), _word("Maria", 100, 1, y0=132),
             _word("Lopez", 220, 1, y0=132)]
    assert drop_doubled(words) == words
