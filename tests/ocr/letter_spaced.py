"""Text-layer PDFs drawn the way payer prior-authorization forms draw them.

Letter-spaced labels and values (charSpace, or one string per character with tracking and
no space characters), words set apart without a space character, bold labels meeting
regular values, values in boxed cells under small captions, instruction sentences to the
right of a label, a drug table near the member's name, and characters whose Unicode is a
ligature, a full-width digit or an invisible mark. Each maker returns the PDF's bytes;
`layer_words` reads them back through the text-layer reader.
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.pagesizes import letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from ocr import ReadSettings, read_document
from ocr.results import Word

FONTS = ("Helvetica", "Times-Roman", "Courier", "Helvetica-Bold")


@dataclass(frozen=True)
class Line:
    """One line of text and how the PDF draws it.

    `how` is "charspace" (one string, Tc letter-spacing, real space characters),
    "per_char" (one string per character, advanced by `spacing`, spaces left out),
    "glued" (one string per word, no space characters, words `spacing` points apart) or
    "plain" (one string as typed).
    """

    text: str
    how: str = "plain"
    font: str = "Helvetica"
    size: float = 10.0
    spacing: float = 0.0


def draw_line(pdf: Canvas, x: float, y: float, line: Line) -> float:
    """Draw `line` with its baseline at y; the x where it ends."""
    pdf.setFont(line.font, line.size)
    if line.how == "charspace":
        pdf.drawString(x, y, line.text, charSpace=line.spacing)
        return x + stringWidth(line.text, line.font, line.size) + line.spacing * len(line.text)
    if line.how == "per_char":
        for ch in line.text:
            if not ch.isspace():
                pdf.drawString(x, y, ch)
            x += stringWidth(ch, line.font, line.size) + line.spacing
        return x
    if line.how == "glued":
        for word in line.text.split():
            pdf.drawString(x, y, word)
            x += stringWidth(word, line.font, line.size) + line.spacing
        return x
    pdf.drawString(x, y, line.text)
    return x + stringWidth(line.text, line.font, line.size)


def lines_pdf(lines: Sequence[Line], leading: float = 2.2) -> bytes:
    """One page with each line under the last, `leading` times its size apart."""
    buffer = io.BytesIO()
    pdf = Canvas(buffer, pagesize=letter)
    y = 740.0
    for line in lines:
        draw_line(pdf, 54, y, line)
        y -= line.size * leading
        if y < 54:
            pdf.showPage()
            y = 740.0
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def mixed_fonts_pdf(pairs: Sequence[tuple[Line, Line]], gap: float = 4.0) -> bytes:
    """Each row a label and its value on one baseline, the value `gap` points after the label
    and with no space character between them (a bold label, a regular value)."""
    buffer = io.BytesIO()
    pdf = Canvas(buffer, pagesize=letter)
    y = 740.0
    for label, value in pairs:
        end = draw_line(pdf, 54, y, label)
        draw_line(pdf, end + gap, y, value)
        y -= 2.4 * max(label.size, value.size)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def slanted_and_sideways_pdf(tracking: float = 3.0) -> bytes:
    """Letter-spaced lines slanted as software makes italics, and a line printed sideways
    up the left margin as forms print their revision codes."""
    buffer = io.BytesIO()
    pdf = Canvas(buffer, pagesize=letter)
    for i, text in enumerate(("Lucas Núñez", "Medi-Cal ID 91234567A", "Take 1 tablet a day")):
        pdf.saveState()
        pdf.translate(72, 700 - 30 * i)
        pdf.transform(1, 0, 0.25, 1, 0, 0)  # a 14 degree slant
        draw_line(pdf, 0, 0, Line(text, "per_char", "Helvetica", 10, tracking))
        pdf.restoreState()
    pdf.saveState()
    pdf.translate(30, 300)
    pdf.rotate(90)
    draw_line(pdf, 0, 0, Line("Form PA-1 revised 01/2026", "plain", "Helvetica", 8))
    pdf.restoreState()
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def fake_bold_pdf(text: str, offset: float = 0.3) -> bytes:
    """`text` printed twice, the second copy nudged right, as old form software makes bold."""
    buffer = io.BytesIO()
    pdf = Canvas(buffer, pagesize=letter)
    pdf.setFont("Helvetica", 11)
    for dx in (0.0, offset):
        pdf.drawString(72 + dx, 700, text)
    pdf.drawString(72, 670, "Printed by the plan's form software for the prior authorization")
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


# The fields of the payer form below as a person fills them in from it.
PAYER_FORM_FIELDS = {
    "member_name": "Lucas Núñez",
    "member_id": "91234567A",
    "member_dob": "03/14/1988",
    "requesting_provider_name": "Maria Chen, MD",
    "requesting_provider_npi": "1234567893",
    "diagnosis_codes": "E78.5",
}
DRUG_ROW = ("Atorvastatin", "20 mg", "30 tablets")
TITLE = "PRIOR AUTHORIZATION REQUEST"
INSTRUCTION = "Please print clearly. Incomplete requests will be returned to the prescriber."
NAME_LABEL = "Member Name (as shown on the ID card):"
NAME_CAPTION = "Member Name (Last, First, as shown on the member's ID card)"

# What a person reads on each layout of the payer form, line by line.
PAYER_FORM_LINES = {
    "inline": [
        TITLE,
        INSTRUCTION,
        "MEMBER INFORMATION",
        f"{NAME_LABEL} Lucas Núñez",
        "Member ID Plan Date of Birth",
        "91234567A Medi-Cal 03/14/1988",
        "PRESCRIBER INFORMATION",
        "Prescriber Name: Maria Chen, MD NPI: 1234567893",
        "MEDICATION REQUESTED",
        "Drug Name Strength Quantity",
        " ".join(DRUG_ROW),
        "Diagnosis (ICD-10): E78.5",
    ],
    "boxed": [
        TITLE,
        INSTRUCTION,
        f"{NAME_CAPTION} Member ID Date of Birth",
        "Lucas Núñez 91234567A 03/14/1988",
        "Drug Name Strength Quantity",
        " ".join(DRUG_ROW),
        "Prescriber Name Prescriber NPI Diagnosis (ICD-10)",
        "Maria Chen, MD 1234567893 E78.5",
    ],
}


def payer_form_pdf(font: str = "Helvetica", tracking: float = 2.0,
                   layout: str = "inline") -> bytes:
    """One page of a payer prior-authorization form as their form software prints it.

    "inline": bold labels with the value further along the line, one label followed by an
    instruction in small type; "boxed": every value in a ruled cell under a small caption,
    the medication table's cells right under the member's name.
    """
    bold = {"Helvetica": "Helvetica-Bold", "Times-Roman": "Times-Bold",
            "Courier": "Courier-Bold"}.get(font, font)
    fields = PAYER_FORM_FIELDS
    buffer = io.BytesIO()
    pdf = Canvas(buffer, pagesize=letter)
    draw_line(pdf, 150, 740, Line(TITLE, "per_char", bold, 14, tracking + 1))
    draw_line(pdf, 54, 712, Line(INSTRUCTION, "plain", font, 8))

    def value(x: float, y: float, text: str, size: float = 11) -> None:
        draw_line(pdf, x, y, Line(text, "per_char", font, size, tracking))

    def cells(y: float, row: Sequence[tuple[str, str, float, float]]) -> None:
        # A small caption in each cell's top corner, the value letter-spaced below it.
        for caption, text, x, width in row:
            pdf.rect(x, y, width, 34)
            if caption:
                draw_line(pdf, x + 3, y + 26, Line(caption, "plain", font, 6))
            if text:
                draw_line(pdf, x + 6, y + 6, Line(text, "charspace", font, 11, tracking))

    if layout == "boxed":
        cells(640, [(NAME_CAPTION, fields["member_name"], 54, 250),
                    ("Member ID", fields["member_id"], 304, 120),
                    ("Date of Birth", fields["member_dob"], 424, 110)])
        cells(606, [("", "Drug Name", 54, 250), ("", "Strength", 304, 120),
                    ("", "Quantity", 424, 110)])
        cells(572, [("", DRUG_ROW[0], 54, 250), ("", DRUG_ROW[1], 304, 120),
                    ("", DRUG_ROW[2], 424, 110)])
        cells(520, [("Prescriber Name", fields["requesting_provider_name"], 54, 250),
                    ("Prescriber NPI", fields["requesting_provider_npi"], 304, 120),
                    ("Diagnosis (ICD-10)", fields["diagnosis_codes"], 424, 110)])
    else:
        draw_line(pdf, 54, 684, Line("MEMBER INFORMATION", "charspace", bold, 10, tracking))
        # "Member Name" in bold, the instruction in small regular type after it, the value
        # letter-spaced one character at a time further along the same line.
        end = draw_line(pdf, 54, 660, Line("Member Name", "plain", bold, 10))
        end = draw_line(pdf, end + 3, 660, Line("(as shown on the ID card):", "plain", font, 7))
        value(end + 10, 660, fields["member_name"])
        cells(610, [("Member ID", fields["member_id"], 54, 160),
                    ("Plan", "Medi-Cal", 214, 120),
                    ("Date of Birth", fields["member_dob"], 334, 130)])
        draw_line(pdf, 54, 584, Line("PRESCRIBER INFORMATION", "charspace", bold, 10, tracking))
        end = draw_line(pdf, 54, 566, Line("Prescriber Name:", "plain", bold, 10))
        value(end + 8, 566, fields["requesting_provider_name"], 10)
        end = draw_line(pdf, 334, 566, Line("NPI:", "plain", bold, 10))
        value(end + 8, 566, fields["requesting_provider_npi"], 10)
        # The medication table right under the member's cells.
        draw_line(pdf, 54, 538, Line("MEDICATION REQUESTED", "charspace", bold, 9, tracking))
        for x, text in zip((54, 214, 334), ("Drug Name", "Strength", "Quantity"), strict=True):
            draw_line(pdf, x, 520, Line(text, "plain", bold, 9))
        for x, text in zip((54, 214, 334), DRUG_ROW, strict=True):
            value(x, 504, text, 10)
        end = draw_line(pdf, 54, 480, Line("Diagnosis (ICD-10):", "plain", bold, 10))
        value(end + 8, 480, fields["diagnosis_codes"], 10)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def odd_unicode_pdf(lines: Sequence[str], size: float = 11.0) -> bytes:
    """A PDF whose text layer says exactly `lines`, whatever characters they hold.

    Each distinct character gets a one-byte code in a Helvetica font whose ToUnicode map
    gives the character back, as producers do for ligature glyphs, full-width digits and
    invisible marks. The widths are those a person would see: a ligature as its letters,
    a full-width digit one em, an invisible mark nothing.
    """
    chars = sorted({ch for line in lines for ch in line})
    if len(chars) > 200:
        raise ValueError("too many distinct characters for one simple font")
    code = {ch: 33 + i for i, ch in enumerate(chars)}
    widths = [_seen_width(ch) for ch in chars]
    content = [b"BT"]
    y = 740.0
    for line in lines:
        encoded = bytes(code[ch] for ch in line)
        escaped = encoded.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
        content.append(b"/F1 %.1f Tf 1 0 0 1 54 %.1f Tm (%s) Tj" % (size, y, escaped))
        y -= 2 * size
    content.append(b"ET")
    stream = b"\n".join(content)
    cmap = _to_unicode({code[ch]: ch for ch in chars})
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>",
        _stream(stream),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /FirstChar 33 /LastChar %d "
        b"/Widths [%s] /ToUnicode 6 0 R >>"
        % (32 + len(chars), b" ".join(b"%d" % w for w in widths)),
        _stream(cmap),
    ]
    return _pdf_file(objects)


def _seen_width(ch: str) -> int:
    """A character's width in thousandths of an em, as it would be printed."""
    import unicodedata

    if ch.isspace():
        return 278
    if unicodedata.category(ch) in ("Cc", "Cf", "Mn"):  # invisible, or an accent over a letter
        return 0
    if unicodedata.decomposition(ch).startswith("<wide>"):
        return 1000
    plain = unicodedata.normalize("NFKC", ch)
    try:
        return round(stringWidth(plain, "Helvetica", 1000)) or 556
    except (KeyError, UnicodeEncodeError):
        return 556


def _to_unicode(mapping: dict[int, str]) -> bytes:
    entries = b"\n".join(b"<%02X> <%s>" % (code, text.encode("utf-16-be").hex().upper().encode())
                         for code, text in sorted(mapping.items()))
    return (b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            b"/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            b"/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            b"1 begincodespacerange <00> <FF> endcodespacerange\n"
            b"%d beginbfchar\n%s\nendbfchar\n"
            b"endcmap CMapName currentdict /CMap defineresource pop end end"
            % (len(mapping), entries))


def _stream(data: bytes) -> bytes:
    packed = zlib.compress(data)
    return (b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed)
            + packed + b"\nendstream")


def _pdf_file(objects: Sequence[bytes]) -> bytes:
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += (b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n"
            % (len(objects) + 1, xref))
    return bytes(out)


def layer_words(pdf_bytes: bytes, folder: Path, name: str = "form.pdf") -> list[Word]:
    """The words of page 1 as intake reads them; the page must be read from its text layer."""
    path = folder / name
    path.write_bytes(pdf_bytes)
    page = read_document(path, ReadSettings()).pages[0]
    assert page.source == "text_layer", "the page went to OCR instead of its text layer"
    return page.words


def line_texts(words: Sequence[Word]) -> list[str]:
    """Each line's words joined by single spaces, top to bottom."""
    lines: dict[int, list[Word]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word)
    return [" ".join(w.text for w in sorted(group, key=lambda w: w.box.x0))
            for _, group in sorted(lines.items())]
