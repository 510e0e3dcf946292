"""Rendering a letter: template → markup → checked → PDF with page furniture on every page.

`render_letter` is the one entry point other layers call. It refuses (with a message a person
can act on) rather than print a letter with a missing value, a placeholder left in, or a
required notice gone.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, replace
from functools import partial
from typing import Any

from reportlab.lib.pagesizes import LETTER
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate

from casework.errors import UserError
from casework.letters.addresses import format_phone
from casework.letters.data import LetterData, letter_spec, validate_letter_data
from casework.letters.flowables import CONTENT_WIDTH, Layout
from casework.letters.fonts import FontSet, default_fonts
from casework.letters.languages import LANGUAGES, page_label
from casework.letters.markup import Node, parse_markup
from casework.letters.paragraph_cache import ParagraphCache, shared_paragraphs
from casework.letters.templating import LetterTemplates, TemplateProblem, default_templates
from casework.plan.letter_kinds import LetterKind
from casework.settings import PlanDetails

MARGIN = 0.75 * inch
TOP_MARGIN = 0.85 * inch
BOTTOM_MARGIN = 0.9 * inch

# A placeholder that survived rendering, or a value printed as Python's None.
_LEFTOVER = re.compile(r"\{\{|\}\}|\{%|%\}|\bNone\b")


class LetterIncomplete(UserError):
    """The rendered letter lacks a notice its kind requires, or still holds a placeholder."""


@dataclass(frozen=True)
class RenderedLetter:
    """A finished letter: the PDF bytes and what it is."""

    pdf: bytes
    pages: int
    kind: str
    language: str
    omitted_taglines: tuple[str, ...] = ()


def template_name(kind: str, language: str) -> str:
    """The template file for a kind and language, relative to templates/letters."""
    return f"{kind}.{language}.html.j2"


def render_markup(
    kind: str | LetterKind,
    language: str,
    data: LetterData,
    plan: PlanDetails,
    templates: LetterTemplates | None = None,
) -> tuple[LetterKind, Node]:
    """Validate the data, render the template and parse and check its markup."""
    spec = letter_spec(kind)
    if language not in LANGUAGES:
        raise UserError(f"Letters are written in {' or '.join(LANGUAGES)}, not {language!r}.")
    validate_letter_data(spec, data)
    # Numbers print one way whatever way the settings file wrote them.
    plan = replace(plan, member_services_phone=format_phone(plan.member_services_phone),
                   fax=format_phone(plan.fax))
    name = template_name(spec.name, language)
    context: dict[str, Any] = {
        "data": data,
        "plan": plan,
        "kind": spec,
        "lang": language,
        "title": spec.title[language],
    }
    markup = (templates or default_templates()).render(name, context)
    root = parse_markup(markup, name)
    _check_complete(spec, root, name)
    return spec, root


def render_letter(
    kind: str | LetterKind,
    language: str,
    data: LetterData,
    plan: PlanDetails,
    *,
    templates: LetterTemplates | None = None,
    fonts: FontSet | None = None,
    paragraphs: ParagraphCache | None = None,
) -> RenderedLetter:
    """Render one letter of `kind` (a kind of the Rulebook, or a bundled kind's name) in
    `language` ('en' or 'es') to PDF.

    Raises `MissingLetterValue` naming any value the kind needs that `data` lacks,
    `TemplateProblem` naming the template file and line that cannot be rendered, and
    `LetterIncomplete` if a required notice is missing from the rendered letter.
    Paragraphs are shared with the letters made before unless `paragraphs` says otherwise.
    """
    spec, root = render_markup(kind, language, data, plan, templates)
    fonts = fonts or default_fonts()
    name = template_name(spec.name, language)
    layout = Layout(fonts, name, paragraphs=paragraphs or shared_paragraphs())
    story = layout.build(root)
    furniture = _Furniture(
        layout, _running_text(root, "pageheader"), _running_text(root, "pagefooter"), language
    )
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=LETTER,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=TOP_MARGIN,
        bottomMargin=BOTTOM_MARGIN,
        title=f"{spec.title[language]} – {data.case_number}",
        author=plan.name,
        subject=spec.name,
        keywords=[data.case_number, data.member.member_id, spec.name, language],
        creator="Intake Workstation",
        lang=language,
    )
    doc.build(story, canvasmaker=partial(_NumberedCanvas, furniture=furniture))
    return RenderedLetter(
        pdf=buffer.getvalue(),
        pages=furniture.total,
        kind=spec.name,
        language=language,
        omitted_taglines=tuple(layout.omitted_taglines),
    )


def _check_complete(spec: LetterKind, root: Node, source: str) -> None:
    names = {node.attrs.get("name") for node in root.walk()}
    required = {
        "dmhc_notice": spec.dmhc_notice,
        "rights": spec.rights_enclosure,
        "nondiscrimination": spec.member_inserts,
        "taglines": spec.member_inserts,
    }
    words = {
        "dmhc_notice": "the Department of Managed Health Care notice (H&S Code §1368.02(b))",
        "rights": "the member rights enclosure",
        "nondiscrimination": "the nondiscrimination notice",
        "taglines": "the language assistance taglines",
    }
    for name, needed in required.items():
        if needed and name not in names:
            raise LetterIncomplete(f"{source}: the letter no longer includes {words[name]}.")
    if not any(node.tag == "pageheader" for node in root.walk()):
        raise LetterIncomplete(f"{source}: the letter has no <pageheader> for every page.")
    for node in root.walk():
        match = _LEFTOVER.search(node.text) or _LEFTOVER.search(" ".join(node.attrs.values()))
        if match:
            raise TemplateProblem(
                source, None, f"the letter would print {match.group(0)!r} in: {node.text[:60]!r}"
            )


def _running_text(root: Node, tag: str) -> str:
    return next((node.text for node in root.walk() if node.tag == tag), "")


class _Furniture:
    """Draws the running header, footer and 'Page n of N' on every page."""

    def __init__(self, layout: Layout, header: str, footer: str, language: str) -> None:
        self.header = layout.paragraph(header, "small")
        self.footer = layout.paragraph(footer, "small")
        self.layout = layout
        self.language = language
        self.total = 0

    def draw(self, canvas: Canvas, page: int, total: int) -> None:
        self.total = total
        width, height = LETTER
        _draw(canvas, self.header, MARGIN, height - 0.5 * inch, CONTENT_WIDTH)
        canvas.setStrokeGray(0.6)
        canvas.setLineWidth(0.5)
        canvas.line(MARGIN, BOTTOM_MARGIN - 0.2 * inch, width - MARGIN, BOTTOM_MARGIN - 0.2 * inch)
        _draw(canvas, self.footer, MARGIN, BOTTOM_MARGIN - 0.3 * inch, CONTENT_WIDTH - 1.3 * inch)
        label = self.layout.paragraph(
            f"<b>{page_label(page, total, self.language)}</b>", "p", "pagelabel"
        )
        label_width = 1.2 * inch
        _draw(canvas, label, width - MARGIN - label_width, BOTTOM_MARGIN - 0.3 * inch, label_width)


def _draw(canvas: Canvas, paragraph: Paragraph, x: float, top: float, width: float) -> None:
    _, used = paragraph.wrapOn(canvas, width, 1 * inch)
    paragraph.drawOn(canvas, x, top - used)


class _NumberedCanvas(Canvas):
    """A canvas that holds its pages until the end, so each can say 'Page n of N'."""

    def __init__(self, *args: Any, furniture: _Furniture, **kwargs: Any) -> None:
        # Otherwise reportlab starts each page in Helvetica, a font it never embeds.
        kwargs["initialFontName"] = furniture.layout.fonts.regular
        super().__init__(*args, **kwargs)
        self._furniture = furniture
        self._pages: list[dict[str, Any]] = []

    def showPage(self) -> None:
        self._pages.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._pages)
        for state in self._pages:
            self.__dict__.update(state)
            self._furniture.draw(self, self._pageNumber, total)
            super().showPage()
        super().save()
