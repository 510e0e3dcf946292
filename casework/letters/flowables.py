"""Turning the parsed letter markup into reportlab platypus flowables.

Each block tag has one way to look; staff choose tags, not fonts or sizes, so every letter
looks the same. Text no font can print is refused rather than printed as empty boxes.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape, unescape

import arabic_reshaper
from bidi import get_display
from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    HRFlowable,
    KeepTogether,
    PageBreak,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from casework.errors import UserError
from casework.letters.fonts import BODY, FontSet
from casework.letters.markup import Node
from casework.letters.paragraph_cache import ParagraphCache, shared_paragraphs

_BOLD_TAGS = frozenset({"h1", "h2", "h3", "th"})
CONTENT_WIDTH = 7.0 * inch  # Letter paper with 0.75-inch side margins
# The room an enclosure needs left on a page to start there rather than on the next page.
ENCLOSURE_ROOM = 3.2 * inch
GREY = colors.HexColor("#444444")


class UnprintableText(UserError):
    """The letter holds characters that no installed font can print."""


@dataclass
class Layout:
    """Builds flowables for one letter and remembers the taglines it had to leave out."""

    fonts: FontSet
    source: str
    omitted_taglines: list[str] = field(default_factory=list)
    # Shared by every letter of the process: most paragraphs repeat from letter to letter.
    paragraphs: ParagraphCache = field(default_factory=shared_paragraphs)

    def __post_init__(self) -> None:
        self.styles = _styles(self.fonts.regular)

    def build(self, root: Node) -> list[Flowable]:
        """The story for the whole letter (letterhead, body, enclosures)."""
        story: list[Flowable] = []
        for node in root.children:
            story.extend(self.block(node))
        return story

    def block(self, node: Node) -> list[Flowable]:
        """The flowables for one block node."""
        handler: Callable[[Node], list[Flowable]] | None = getattr(self, f"_{node.tag}", None)
        if handler is not None:
            return handler(node)
        return [self.paragraph(node.text, node.tag, node.attrs.get("class"))]

    def paragraph(self, text: str, tag: str = "p", css: str | None = None) -> Paragraph:
        """A paragraph in the style for `tag` (or its class), in a font that has its glyphs."""
        style = self.styles.get(css or "", self.styles.get(tag, self.styles["p"]))
        font = self._font_for(text)
        if tag in _BOLD_TAGS or css == "plan":
            text = f"<b>{text}</b>"
        if font != self.fonts.regular:
            style = ParagraphStyle(f"{style.name}-{font}", parent=style, fontName=font)
        return self.paragraphs.make(text, style)

    def _font_for(self, markup: str) -> str:
        plain = unescape(_strip_tags(markup))
        font = self.fonts.font_for(plain)
        if font is None:
            raise UnprintableText(
                f"{self.source}: no installed font can print this text: {plain[:60]!r}."
            )
        return font

    def _children(self, node: Node) -> list[Flowable]:
        story: list[Flowable] = []
        for child in node.children:
            story.extend(self.block(child))
        return story

    def _running(self, node: Node) -> list[Flowable]:
        return []  # drawn on every page by the canvas, not part of the story

    def _letterhead(self, node: Node) -> list[Flowable]:
        story: list[Flowable] = [
            self.paragraph(child.text, child.tag, child.attrs.get("class", "letterhead"))
            for child in node.children
        ]
        story.append(HRFlowable(width="100%", thickness=1, color=GREY, spaceBefore=4))
        story.append(Spacer(1, 10))
        return story

    def _section(self, node: Node) -> list[Flowable]:
        story = self._children(node)
        return [KeepTogether(story)] if node.attrs.get("keep") == "together" else story

    def _enclosure(self, node: Node) -> list[Flowable]:
        # An enclosure follows on the same page when a good part of the page is left (a short
        # letter is not padded out to a page per notice), else on the next; a rule sets it off.
        title = escape(node.attrs.get("title", ""))
        return [CondPageBreak(ENCLOSURE_ROOM), Spacer(1, 6),
                HRFlowable(width="100%", thickness=0.75, color=GREY, spaceAfter=2),
                self.paragraph(title, "h1"), *self._children(node)]

    def _pagebreak(self, node: Node) -> list[Flowable]:
        return [PageBreak()]

    def _space(self, node: Node) -> list[Flowable]:
        return [Spacer(1, 8)]

    def _ul(self, node: Node) -> list[Flowable]:
        return [*(self._item(item, "•") for item in node.children), Spacer(1, 4)]

    def _ol(self, node: Node) -> list[Flowable]:
        items = enumerate(node.children, start=1)
        return [*(self._item(item, f"{n}.") for n, item in items), Spacer(1, 4)]

    def _item(self, item: Node, bullet: str) -> Paragraph:
        style = _with_font(self.styles["li"], self._font_for(item.text))
        return self.paragraphs.make(item.text, style, bullet)

    def _dl(self, node: Node) -> list[Flowable]:
        rows: list[list[Flowable]] = []
        for child in node.children:
            if child.tag == "dt":
                rows.append([self.paragraph(child.text, "dt")])
            elif rows and len(rows[-1]) == 1:
                rows[-1].append(self.paragraph(child.text, "dd"))
        rows = [row for row in rows if len(row) == 2]
        table = Table(rows, colWidths=[2.75 * inch, CONTENT_WIDTH - 2.75 * inch], hAlign="LEFT")
        table.setStyle(_DL_STYLE)
        return [table, Spacer(1, 4)]

    def _table(self, node: Node) -> list[Flowable]:
        rows = [
            [self.paragraph(cell.text, cell.tag) for cell in row.children] for row in node.children
        ]
        shares = [float(w) for w in node.attrs.get("widths", "").split(",") if w.strip()]
        widths = [CONTENT_WIDTH * share / sum(shares) for share in shares] if shares else None
        # Rows after the header are tall enough to write an answer in by hand.
        heights = [None] + [0.55 * inch] * (len(rows) - 1)
        table = Table(rows, colWidths=widths, rowHeights=heights, repeatRows=1, hAlign="LEFT")
        table.setStyle(_GRID_STYLE)
        return [table, Spacer(1, 6)]

    def _tagline(self, node: Node) -> list[Flowable]:
        rtl = node.attrs.get("dir") == "rtl"
        plain = unescape(node.plain_text())
        if rtl:
            plain = _reshaped(plain)
        runs = self.fonts.script_runs(plain)
        if runs is not None:
            return self._script_tagline(node, runs)
        font = self.fonts.font_for(plain)
        if font is None:
            self.omitted_taglines.append(node.attrs.get("lang", "?"))
            return []
        style = self.styles["tagline-rtl" if rtl else "tagline"]
        style = ParagraphStyle(
            f"{style.name}-{font}",
            parent=style,
            fontName=font,
            wordWrap="CJK" if font != self.fonts.regular else None,
        )
        if rtl:
            # The frame's padding (6 points a side) narrows the line.
            lines = _visual_lines(plain, font, style.fontSize, CONTENT_WIDTH - 14)
            text = "<br/>".join(escape(line, quote=False) for line in lines)
        else:
            text = escape(plain, quote=False)
        # Never split: a tagline's own paragraph style keeps its first and last lines with it.
        return [self.paragraphs.make(text, style)]

    def _script_tagline(self, node: Node, runs: list[tuple[str, str]]) -> list[Flowable]:
        """A tagline in a script of a bundled font (Hindi, Punjabi, Khmer, Lao, Thai): each
        run of that script in its shaped font, the phone numbers in the body font."""
        if not runs:
            self.omitted_taglines.append(node.attrs.get("lang", "?"))
            return []
        text = "".join(escape(run, quote=False) if font == self.fonts.regular
                       else f'<font name="{font}">{escape(run, quote=False)}</font>'
                       for font, run in runs)
        return [self.paragraphs.make(text, self.styles["tagline"])]


_TAG = re.compile(r"<[^>]*>")
# A run of Latin letters, digits and the punctuation inside phone numbers, kept left to right.
_LTR_RUN = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-:(). \u00a0]*[A-Za-z0-9)]")
_ISOLATES = str.maketrans("", "", "\u2066\u2069")


@lru_cache(maxsize=64)  # the taglines are the same in every letter
def _reshaped(text: str) -> str:
    """Arabic-script text in the joined letter forms it prints in."""
    return str(arabic_reshaper.reshape(text))


@lru_cache(maxsize=64)
def _visual_lines(logical: str, font: str, size: float, width: float) -> tuple[str, ...]:
    """Right-to-left text broken into lines in reading order, each then put in visual order.

    reportlab lays text out left to right, so the lines are found first (in logical order)
    and only then reordered; phone numbers are isolated so their digit groups stay in order
    (in Arabic text the bidi algorithm would otherwise reverse the groups).
    """
    lines: list[str] = []
    current = ""
    # A phone number with its "(TTY: 711)" is one word, never split across lines.
    logical = _LTR_RUN.sub(lambda m: m.group(0).replace(" ", "\u00a0"), logical)
    for word in logical.split(" "):
        candidate = f"{current} {word}".strip()
        if current and stringWidth(candidate, font, size) > width:
            lines.append(current)
            candidate = word
        current = candidate
    if current:
        lines.append(current)
    return tuple(
        get_display(_LTR_RUN.sub(lambda m: f"\u2066{m.group(0)}\u2069", line)).translate(_ISOLATES)
        for line in lines
    )


def _with_font(style: ParagraphStyle, font: str) -> ParagraphStyle:
    if font == style.fontName:
        return style
    return ParagraphStyle(f"{style.name}-{font}", parent=style, fontName=font)


def _strip_tags(markup: str) -> str:
    return _TAG.sub("", markup)


def _styles(font: str) -> dict[str, ParagraphStyle]:
    # No paragraph leaves its first line alone at a page's foot or its last alone at the top.
    base = ParagraphStyle(
        "p", fontName=font, bulletFontName=font, fontSize=10, leading=13.5, spaceAfter=6,
        allowWidows=0, allowOrphans=0,
    )

    def style(name: str, **overrides: object) -> ParagraphStyle:
        return ParagraphStyle(name, parent=base, **overrides)

    return {
        "p": base,
        # A heading never ends a page: it stays with what it heads.
        "h1": style("h1", fontSize=14, leading=18, spaceBefore=8, spaceAfter=8, keepWithNext=1),
        "h2": style("h2", fontSize=11.5, leading=15, spaceBefore=6, spaceAfter=4,
                    keepWithNext=1),
        "h3": style("h3", fontSize=10.5, leading=14, spaceBefore=4, spaceAfter=2,
                    keepWithNext=1),
        "li": style("li", leftIndent=16, bulletIndent=4, spaceAfter=3),
        "dt": style("dt", textColor=GREY, spaceAfter=0),
        "dd": style("dd", spaceAfter=0),
        "th": style("th", fontSize=9, leading=11.5, spaceAfter=0),
        "td": style("td", fontSize=9, leading=11.5, spaceAfter=0),
        "plan": style("plan", fontSize=17, leading=21, spaceAfter=2),
        "small": style("small", fontSize=8.5, leading=11, textColor=GREY),
        "letterhead": style("letterhead", fontSize=9, leading=11.5, spaceAfter=0),
        "pagelabel": style("pagelabel", fontSize=8.5, leading=11, alignment=TA_RIGHT),
        # H&S Code §1368.02(b) asks for 12-point type for the DMHC statement's numbers.
        "notice": style(
            "notice",
            fontSize=12,
            leading=15.5,
            borderWidth=0.75,
            borderColor=GREY,
            borderPadding=7,
            spaceBefore=12,
            spaceAfter=14,
        ),
        # The large-print offer is itself printed large (18 point, DHCS APL 21-004).
        "largeprint": style("largeprint", fontSize=18, leading=23, spaceAfter=8),
        "tagline": style("tagline", fontSize=9, leading=12.5, spaceAfter=7, alignment=TA_LEFT),
        "tagline-rtl": style(
            "tagline-rtl", fontSize=9.5, leading=13, spaceAfter=7, alignment=TA_RIGHT
        ),
    }


_DL_STYLE = TableStyle(
    [
        # Tables set a font of their own (Helvetica, never embedded) unless told otherwise.
        ("FONTNAME", (0, 0), (-1, -1), BODY),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1),
    ]
)

_GRID_STYLE = TableStyle(
    [
        ("FONTNAME", (0, 0), (-1, -1), BODY),
        ("GRID", (0, 0), (-1, -1), 0.6, GREY),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E6E6E6")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)
