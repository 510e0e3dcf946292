"""Drawing primitives for forms: text, values left as printers and typists leave them, rules,
boxes and tick marks."""

from __future__ import annotations

import random
from dataclasses import dataclass

from reportlab.lib.pagesizes import letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from bench.reading.fonts import Face

WIDTH, HEIGHT = letter
MARGIN = 48.0
TICKS = ("x", "check", "filled", "circle")


@dataclass(frozen=True)
class Style:
    """How one document looks: label and value faces, sizes, and how boxes are ticked."""

    label_face: Face
    value_face: Face
    label_size: float
    value_size: float
    tick: str  # one of TICKS


class Pen:
    """A reportlab canvas with a cursor that starts a new page when the current one is full."""

    def __init__(self, canvas: Canvas, style: Style, rnd: random.Random) -> None:
        self.canvas, self.style, self.rnd = canvas, style, rnd
        self.y = HEIGHT - MARGIN
        self.printed: list[str] = []  # every label drawn, for the truth

    def need(self, height: float) -> None:
        """Start a new page unless `height` points still fit above the bottom margin."""
        if self.y - height < MARGIN:
            self.canvas.showPage()
            self.y = HEIGHT - MARGIN

    def label_width(self, text: str, size: float | None = None, bold: bool = False) -> float:
        """Width of `text` in the label face."""
        face = self.style.label_face
        return stringWidth(text, face.bold if bold else face.regular, size or self.style.label_size)

    def value_width(self, text: str) -> float:
        """Width of `text` in the value face."""
        return stringWidth(text, self.style.value_face.regular, self.style.value_size)

    def label(self, x: float, y: float, text: str, size: float | None = None,
              bold: bool = False) -> float:
        """Print a label; return its width."""
        face = self.style.label_face
        self.printed.append(text)
        self.canvas.setFont(face.bold if bold else face.regular, size or self.style.label_size)
        self.canvas.drawString(x, y, text)
        return self.label_width(text, size, bold)

    def value(self, x: float, y: float, text: str) -> None:
        """Write a value near (x, y) as a printer or typist leaves it: a little off its line,
        sometimes touching the rule, sometimes riding a little above it."""
        if not text:
            return
        dx = self.rnd.uniform(-1.0, 6.0)
        dy = self.rnd.choice((self.rnd.uniform(-1.2, 0.0), self.rnd.uniform(0.5, 2.5),
                              self.rnd.uniform(2.5, 4.0)))
        self.canvas.setFont(self.style.value_face.regular, self.style.value_size)
        self.canvas.drawString(x + dx, y + dy, text)

    def wrapped(self, x: float, y: float, text: str, width: float) -> float:
        """Write a value over as many lines as `width` needs; return the height used."""
        lines = self.wrap(text, width)
        leading = self.style.value_size * 1.35
        for i, line in enumerate(lines):
            self.value(x, y - i * leading, line)
        return max(1, len(lines)) * leading

    def wrap(self, text: str, width: float) -> list[str]:
        """`text` broken into lines no wider than `width` in the value face."""
        lines: list[str] = []
        current = ""
        for word in text.split():
            trial = f"{current} {word}".strip()
            if self.value_width(trial) > width and current:
                lines.append(current)
                current = word
            else:
                current = trial
        return [*lines, current] if current else lines

    def rule(self, x1: float, x2: float, y: float) -> None:
        """A line to write on."""
        self.canvas.setLineWidth(0.6)
        self.canvas.line(x1, y, x2, y)

    def rect(self, x: float, y: float, width: float, height: float) -> None:
        """A box outline with (x, y) at its lower left."""
        self.canvas.setLineWidth(0.7)
        self.canvas.rect(x, y, width, height)

    def options(self, x: float, y: float, options: tuple[tuple[str, bool], ...],
                size: float | None = None, vertical: bool = False) -> float:
        """Tick boxes each followed by its words, in a row (or a column); return the height."""
        size = size or self.style.label_size
        box = size * 0.95
        start_x = x
        height = size * 1.6
        for words, ticked in options:
            if vertical and x != start_x:
                x, y, height = start_x, y - size * 1.6, height + size * 1.6
            if self.style.tick == "circle":
                width = self.label(x, y, words, size)
                if ticked:
                    self.canvas.setLineWidth(0.9)
                    self.canvas.ellipse(x - 3, y - size * 0.45, x + width + 3, y + size * 1.15)
                x += width + size * 2.2
                continue
            self.canvas.setLineWidth(0.7)
            self.canvas.rect(x, y - 1, box, box)
            if ticked:
                self._mark(x, y - 1, box)
            width = self.label(x + box + size * 0.4, y, words, size)
            x += box + width + size * 2.0
        return height

    def _mark(self, x: float, y: float, box: float) -> None:
        canvas, tick = self.canvas, self.style.tick
        canvas.setLineWidth(1.1)
        if tick == "x":
            canvas.line(x + 1, y + 1, x + box - 1, y + box - 1)
            canvas.line(x + 1, y + box - 1, x + box - 1, y + 1)
        elif tick == "check":
            canvas.line(x + 1.5, y + box * 0.5, x + box * 0.4, y + 1.5)
            canvas.line(x + box * 0.4, y + 1.5, x + box + 1.5, y + box + 2)
        else:
            canvas.rect(x + 1.5, y + 1.5, box - 3, box - 3, fill=1)
