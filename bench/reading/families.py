"""Layout families of real intake forms, each drawing a Sheet's entries its own way.

Written from how payer and provider forms are laid out, not from the product's schemas:
"Label: value" lines, boxed cells with a caption on top, captions under a rule, "Label ____"
lines, label/value grid tables, two and three columns, numbered sections with bare
sub-labels, captioned and uncaptioned tick-box rows, yes/no questions, and a header block
with member and provider side by side.
"""

from __future__ import annotations

from collections.abc import Callable

from bench.reading.pen import HEIGHT, MARGIN, WIDTH, Pen
from bench.reading.sheet import Entry, Sheet

FULL = WIDTH - 2 * MARGIN
GAP = 12.0


def _line(pen: Pen) -> float:
    return max(pen.style.label_size, pen.style.value_size) * 1.9


def _caption(pen: Pen) -> float:
    return max(6.5, pen.style.label_size - 2.0)


def inline_entry(pen: Pen, x: float, y: float, entry: Entry, width: float,
                 caption: bool = True) -> float:
    """'Label: value' (or 'Label: [] a [x] b') at (x, y); return the height used."""
    start = x
    if caption:
        text = entry.label if entry.label.endswith(("?", ":")) else f"{entry.label}:"
        start = x + pen.label(x, y, text) + 6
    if entry.ticks:
        return pen.options(start, y, entry.options) + 4
    room = x + width - start
    if pen.value_width(entry.value) <= room or room > 150:
        return max(pen.wrapped(start, y, entry.value, room), _line(pen))
    return _line(pen) + pen.wrapped(x + 10, y - _line(pen), entry.value, width - 10)


def _rows(entries: list[Entry], per_row: int) -> list[list[Entry]]:
    """Short entries packed `per_row` to a row; long ones and tick rows alone."""
    rows: list[list[Entry]] = []
    current: list[Entry] = []
    for entry in entries:
        if entry.long or (entry.ticks and per_row > 1 and len(entry.options) > 3):
            if current:
                rows.append(current)
                current = []
            rows.append([entry])
            continue
        current.append(entry)
        if len(current) == per_row:
            rows.append(current)
            current = []
    return [*rows, current] if current else rows


def _estimate(pen: Pen, entry: Entry, width: float) -> float:
    if entry.ticks:
        return _line(pen) * (1 + len(entry.options) // 4)
    return _line(pen) * max(1, len(pen.wrap(entry.value or "x", width * 0.7)))


def draw_inline(pen: Pen, sheet: Sheet) -> None:
    """One 'Label: value' per line."""
    for entry in sheet.entries:
        pen.need(_estimate(pen, entry, FULL))
        pen.y -= inline_entry(pen, MARGIN, pen.y, entry, FULL) + 4


def _columns(pen: Pen, sheet: Sheet, count: int, stacked: bool) -> None:
    width = (FULL - GAP * (count - 1)) / count
    for row in _rows(list(sheet.entries), count):
        cell = FULL if len(row) == 1 and row[0].long else width
        heights = [_estimate(pen, e, cell) + (_caption(pen) + 4 if stacked else 0) for e in row]
        pen.need(max(heights))
        used = []
        for i, entry in enumerate(row):
            x = MARGIN + i * (width + GAP)
            if stacked:
                pen.label(x, pen.y, entry.label, _caption(pen))
                y = pen.y - _caption(pen) - 6
                used.append(_caption(pen) + 6 + (
                    pen.options(x, y, entry.options) if entry.ticks
                    else pen.wrapped(x, y, entry.value, cell) if entry.value else _line(pen)))
            else:
                used.append(inline_entry(pen, x, pen.y, entry, cell))
        pen.y -= max(used) + 6


def draw_two_column(pen: Pen, sheet: Sheet) -> None:
    """'Label: value' pairs two to a row."""
    _columns(pen, sheet, 2, stacked=False)


def draw_three_column(pen: Pen, sheet: Sheet) -> None:
    """Three columns, each a small label with its value on the line below."""
    _columns(pen, sheet, 3, stacked=True)


def draw_boxed(pen: Pen, sheet: Sheet) -> None:
    """Boxed cells with a small caption at the top of the box and the value below it."""
    per_row = pen.rnd.choice((2, 3))
    width = FULL / per_row
    for row in _rows(list(sheet.entries), per_row):
        cell = FULL if len(row) == 1 and (row[0].long or row[0].ticks) else width
        lines = max(len(pen.wrap(e.value, cell - 10)) if e.value else 1 for e in row)
        height = _caption(pen) + 8 + lines * pen.style.value_size * 1.35 + 4
        pen.need(height)
        for i, entry in enumerate(row):
            x = MARGIN + i * width
            pen.rect(x, pen.y - height, cell, height)
            pen.label(x + 3, pen.y - _caption(pen) - 2, entry.label, _caption(pen))
            y = pen.y - _caption(pen) - 4 - pen.style.value_size * 1.1
            if entry.ticks:
                pen.options(x + 6, y, entry.options)
            else:
                pen.wrapped(x + 5, y, entry.value, cell - 10)
        pen.y -= height


def draw_caption_under(pen: Pen, sheet: Sheet) -> None:
    """The value written on a rule, its caption printed beneath the rule."""
    per_row = pen.rnd.choice((2, 3))
    width = (FULL - GAP * (per_row - 1)) / per_row
    for row in _rows(list(sheet.entries), per_row):
        cell = FULL if len(row) == 1 and (row[0].long or row[0].ticks) else width
        lines = max(len(pen.wrap(e.value, cell)) if e.value else 1 for e in row)
        leading = pen.style.value_size * 1.6
        height = lines * leading + _caption(pen) + 10
        pen.need(height)
        for i, entry in enumerate(row):
            x = MARGIN + i * (width + GAP)
            first = pen.y - pen.style.value_size
            if entry.ticks:
                pen.options(x, first, entry.options)
            else:
                chunks = pen.wrap(entry.value, cell) or [""]
                for k, chunk in enumerate(chunks):
                    pen.value(x + 2, first - k * leading + 1.5, chunk)
                for k in range(lines):
                    pen.rule(x, x + cell, first - k * leading - 1)
            pen.label(x, first - (lines - 1) * leading - _caption(pen) - 3, entry.label,
                      _caption(pen))
        pen.y -= height + 4


def draw_underline(pen: Pen, sheet: Sheet) -> None:
    """'Label ________' with the value written on the line."""
    per_row = pen.rnd.choice((1, 2))
    width = (FULL - GAP * (per_row - 1)) / per_row
    for row in _rows(list(sheet.entries), per_row):
        cell = FULL if len(row) == 1 else width
        pen.need(_estimate(pen, row[0], cell) * 1.3)
        used = []
        for i, entry in enumerate(row):
            x = MARGIN + i * (width + GAP)
            start = x + pen.label(x, pen.y, entry.label) + 5
            if entry.ticks:
                used.append(pen.options(start, pen.y, entry.options))
                continue
            chunks = pen.wrap(entry.value, x + cell - start - 4) or [""]
            leading = _line(pen)
            for k, chunk in enumerate(chunks):
                left = start if k == 0 else x
                pen.rule(left, x + cell, pen.y - k * leading - 2)
                pen.value(left + 2, pen.y - k * leading, chunk)
            used.append(len(chunks) * leading)
        pen.y -= max(used) + 6


def draw_table(pen: Pen, sheet: Sheet) -> None:
    """A grid: label cells on the left, value cells on the right."""
    label_width = FULL * pen.rnd.uniform(0.32, 0.42)
    value_width = FULL - label_width
    for entry in sheet.entries:
        lines = len(pen.wrap(entry.value, value_width - 10)) if entry.value else 1
        height = max(lines * pen.style.value_size * 1.35, _line(pen)) + 8
        if entry.ticks:
            height = _line(pen) + 8
        pen.need(height)
        top = pen.y
        pen.rect(MARGIN, top - height, label_width, height)
        pen.rect(MARGIN + label_width, top - height, value_width, height)
        pen.label(MARGIN + 4, top - pen.style.label_size - 4, entry.label)
        y = top - pen.style.value_size - 4
        if entry.ticks:
            pen.options(MARGIN + label_width + 6, y, entry.options)
        else:
            pen.wrapped(MARGIN + label_width + 5, y, entry.value, value_width - 10)
        pen.y -= height


def draw_numbered_sections(pen: Pen, sheet: Sheet) -> None:
    """'3. Requesting Provider' then bare sub-labels ('Name', 'NPI'); other fields numbered."""
    number = 0
    done: set[str] = set()
    for entry in sheet.entries:
        if entry.field in done:
            continue
        number += 1
        group = entry.group if entry.group in sheet.headings else None
        if group is None:
            pen.need(_estimate(pen, entry, FULL) + 4)
            numbered = Entry(entry.field, entry.kind, f"{number}. {entry.label}", entry.value,
                             entry.options)
            pen.y -= inline_entry(pen, MARGIN, pen.y, numbered, FULL) + 6
            done.add(entry.field)
            continue
        members = [e for e in sheet.entries if e.group == group]
        pen.need(_line(pen) * 3)
        pen.label(MARGIN, pen.y, f"{number}. {sheet.headings[group]}", bold=True)
        pen.y -= _line(pen)
        for row in _rows([Entry(e.field, e.kind, e.sublabel or e.label, e.value, e.options)
                          for e in members], 2):
            pen.need(_line(pen) * 2)
            width = (FULL - 20 - GAP) / 2
            used = [inline_entry(pen, MARGIN + 20 + i * (width + GAP), pen.y, e,
                                 FULL - 20 if len(row) == 1 else width)
                    for i, e in enumerate(row)]
            pen.y -= max(used) + 4
        done.update(e.field for e in members)
        pen.y -= 4


def draw_tick_rows(pen: Pen, sheet: Sheet) -> None:
    """Written fields inline; each choice a caption over a column of tick boxes."""
    for entry in sheet.entries:
        if not entry.ticks:
            pen.need(_estimate(pen, entry, FULL))
            pen.y -= inline_entry(pen, MARGIN, pen.y, entry, FULL) + 4
            continue
        pen.need(_line(pen) * (len(entry.options) + 1))
        pen.label(MARGIN, pen.y, entry.label, bold=True)
        pen.y -= _line(pen)
        pen.y -= pen.options(MARGIN + 14, pen.y, entry.options, vertical=True) + 2


def draw_tick_bare(pen: Pen, sheet: Sheet) -> None:
    """Choices as a bare row of tick boxes whose words carry the meaning; no caption."""
    for entry in sheet.entries:
        pen.need(_estimate(pen, entry, FULL))
        bare = entry.ticks and entry.kind == "choice"
        pen.y -= inline_entry(pen, MARGIN, pen.y, entry, FULL, caption=not bare) + 4


def draw_yes_no(pen: Pen, sheet: Sheet) -> None:
    """Written fields inline, then questions answered by Yes/No boxes in a column on the right."""
    questions = [e for e in sheet.entries if e.kind == "boolean"]
    for entry in sheet.entries:
        if entry.kind != "boolean":
            pen.need(_estimate(pen, entry, FULL))
            pen.y -= inline_entry(pen, MARGIN, pen.y, entry, FULL) + 4
    for entry in questions:
        pen.need(_line(pen) * 1.5)
        text = entry.label if entry.label.endswith("?") else f"{entry.label}?"
        pen.label(MARGIN, pen.y, text)
        pen.options(MARGIN + FULL * 0.62, pen.y, entry.options)
        pen.y -= _line(pen) + 2


def draw_header_block(pen: Pen, sheet: Sheet) -> None:
    """Member and provider side by side in framed boxes at the top; the rest inline below."""
    groups = [g for g in dict.fromkeys(e.group for e in sheet.entries) if g in sheet.headings]
    left = "member" if "member" in groups else None
    right = next((g for g in groups if g != "member"), None)
    shown = {g for g in (left, right) if g is not None}
    boxed = {e.field for e in sheet.entries if e.group in shown and not e.ticks}
    width = (FULL - GAP) / 2
    heights = []
    for i, group in enumerate((left, right)):
        if group is None:
            continue
        x = MARGIN + i * (width + GAP)
        y = pen.y
        pen.label(x + 4, y - pen.style.label_size - 3, sheet.headings[group], bold=True)
        y -= pen.style.label_size + 6 + _line(pen)
        for entry in (e for e in sheet.entries if e.group == group and e.field in boxed):
            y -= inline_entry(pen, x + 4, y, entry, width - 8) + 2
        heights.append(pen.y - y)
    height = max(heights, default=0)
    for i, group in enumerate((left, right)):
        if group is not None:
            pen.rect(MARGIN + i * (width + GAP), pen.y - height, width, height)
    pen.y -= height + _line(pen)
    for entry in sheet.entries:
        if entry.field not in boxed:
            pen.need(_estimate(pen, entry, FULL))
            pen.y -= inline_entry(pen, MARGIN, pen.y, entry, FULL) + 4


FAMILIES: dict[str, Callable[[Pen, Sheet], None]] = {
    "inline": draw_inline,
    "boxed": draw_boxed,
    "caption_under": draw_caption_under,
    "underline": draw_underline,
    "table": draw_table,
    "two_column": draw_two_column,
    "three_column": draw_three_column,
    "numbered_sections": draw_numbered_sections,
    "tick_rows": draw_tick_rows,
    "tick_bare": draw_tick_bare,
    "yes_no": draw_yes_no,
    "header_block": draw_header_block,
}


def draw_cover(pen: Pen, sheet: Sheet) -> None:
    """A fax cover page, then a new page for the form."""
    assert sheet.cover is not None
    pen.label(MARGIN, HEIGHT - MARGIN - 30, sheet.cover.title, 24, bold=True)
    y = HEIGHT - MARGIN - 90
    for label, value in sheet.cover.lines:
        pen.label(MARGIN, y, f"{label}:", 12, bold=True)
        pen.value(MARGIN + 130, y, value)
        pen.rule(MARGIN + 125, MARGIN + FULL * 0.8, y - 2)
        y -= 30
    pen.canvas.showPage()
    pen.y = HEIGHT - MARGIN


def draw_heading(pen: Pen, sheet: Sheet) -> None:
    """The letterhead and the form's title."""
    pen.label(MARGIN, pen.y, sheet.letterhead, pen.style.label_size + 1)
    pen.y -= 26
    pen.label(MARGIN, pen.y, sheet.title, pen.rnd.choice((14, 15, 16)), bold=True)
    pen.y -= 30
