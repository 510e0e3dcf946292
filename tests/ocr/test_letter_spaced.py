"""Text layers read as a person sees the page: letter-spaced, glued, mixed-font and odd text."""

from __future__ import annotations

from pathlib import Path

import pytest

from ocr import ReadSettings, inspect_document, read_document
from ocr.readers.layer_words import LayerChar, join_words, plain_text
from ocr.readers.pdf_text_layer import count_words
from tests.ocr.conftest import PDF_ODD
from tests.ocr.letter_spaced import (
    FONTS,
    PAYER_FORM_FIELDS,
    PAYER_FORM_LINES,
    Line,
    fake_bold_pdf,
    layer_words,
    line_texts,
    lines_pdf,
    mixed_fonts_pdf,
    odd_unicode_pdf,
    payer_form_pdf,
    slanted_and_sideways_pdf,
)

# What people type on these forms, with one-letter words, initials, numbers and
# punctuation that must stay apart from their neighbours.
TEXTS = [
    "Lucas Núñez",
    "Medi-Cal ID 1234567893",
    "Member Name: Lucas",
    "Take 1 tablet by mouth a day",
    "Plan A or B is ok",
    "Atorvastatin 20 mg",
    "DOB 03/14/1988 AVA Way",
]
SIZES = (8, 10, 12)
SPACINGS = (1.0, 2.0, 3.0, 4.0)


def _read_lines(lines: list[Line], folder: Path) -> list[str]:
    path = folder / "lines.pdf"
    path.write_bytes(lines_pdf(lines, leading=1.6))
    reading = read_document(path, ReadSettings())
    assert all(page.source == "text_layer" for page in reading.pages)
    return [text for page in reading.pages for text in line_texts(page.words)]


@pytest.mark.parametrize("font", FONTS)
@pytest.mark.parametrize("how", ["charspace", "per_char"])
def test_letter_spaced_text_reads_as_words(font: str, how: str, tmp_path: Path) -> None:
    """GIVEN lines letter-spaced by 1-4 pt at 8-12 pt, with charSpace (space characters
    kept) or one string per character (spaces left out), WHEN read, THEN each line's
    words are the words typed: letters joined, real words still apart."""
    lines = [Line(text, how, font, size, spacing)
             for size in SIZES for spacing in SPACINGS for text in TEXTS]
    assert _read_lines(lines, tmp_path) == [line.text for line in lines]


@pytest.mark.parametrize("font", FONTS)
def test_words_without_space_characters_are_split_at_their_gaps(font: str,
                                                                tmp_path: Path) -> None:
    """GIVEN words drawn one by one with a visible gap and no space character between
    them, WHEN read, THEN they are separate words, not glued together."""
    lines = [Line(text, "glued", font, size, gap * size)
             for size in SIZES for gap in (0.2, 0.3, 0.5) for text in TEXTS]
    assert _read_lines(lines, tmp_path) == [line.text for line in lines]


@pytest.mark.parametrize("font", FONTS)
def test_plain_text_is_read_as_before(font: str, tmp_path: Path) -> None:
    lines = [Line(text, "plain", font, size) for size in (7, *SIZES) for text in TEXTS]
    assert _read_lines(lines, tmp_path) == [line.text for line in lines]


@pytest.mark.parametrize("layout", ["inline", "boxed"])
@pytest.mark.parametrize(("font", "tracking"),
                         [("Helvetica", 1.0), ("Helvetica", 3.0), ("Times-Roman", 2.0),
                          ("Times-Roman", 4.0), ("Courier", 2.0)])
def test_payer_form_reads_as_printed(layout: str, font: str, tracking: float,
                                     tmp_path: Path) -> None:
    """GIVEN a payer's prior-authorization page: a tracked title, bold labels with
    letter-spaced values, a label followed by an instruction, boxed cells under small
    captions, a drug table right under the member's name, WHEN read, THEN every line
    reads as printed."""
    words = layer_words(payer_form_pdf(font, tracking, layout), tmp_path)
    assert line_texts(words) == PAYER_FORM_LINES[layout]
    texts = {w.text for w in words}
    assert {"Lucas", "Núñez", "1234567893", "91234567A", "Atorvastatin"} <= texts


def test_payer_form_words_keep_their_boxes(tmp_path: Path) -> None:
    """Joined words are text-layer words: confidence 1.0, boxes in page pixels around
    their letters, one line number for the label, instruction and value."""
    words = layer_words(payer_form_pdf(), tmp_path)
    by_text = {w.text: w for w in words}
    lucas, nunez, card = by_text["Lucas"], by_text["Núñez"], by_text["card):"]
    assert all(w.confidence == 1.0 for w in words)
    assert lucas.line == nunez.line == card.line
    assert card.box.x1 < lucas.box.x0 < lucas.box.x1 < nunez.box.x0
    # 11 pt at 300 dpi is about 46 px high; five letters with tracking are wider than high
    assert 35 < lucas.box.y1 - lucas.box.y0 < 55
    assert lucas.box.x1 - lucas.box.x0 > 2 * (lucas.box.y1 - lucas.box.y0)
    member_id = by_text[PAYER_FORM_FIELDS["member_id"]]
    assert member_id.line != lucas.line and member_id.box.y0 > lucas.box.y1


@pytest.mark.parametrize("gap", [1.5, 3.0, 8.0])
def test_bold_label_and_regular_value_are_two_words(gap: float, tmp_path: Path) -> None:
    """GIVEN a bold label and a regular value on one baseline, a small gap and no space
    character between them, WHEN read, THEN the label and the value are separate words."""
    pairs = [(Line("Member Name:", "plain", "Helvetica-Bold", 10),
              Line("Lucas", "plain", "Helvetica", 10)),
             (Line("Plan:", "plain", "Times-Bold", 12), Line("Medi-Cal", "plain", "Times-Roman", 9)),
             (Line("ID:", "charspace", "Helvetica-Bold", 9, 2.0),
              Line("1234567893", "charspace", "Helvetica", 11, 2.0))]
    lines = line_texts(layer_words(mixed_fonts_pdf(pairs, gap), tmp_path))
    assert lines == ["Member Name: Lucas", "Plan: Medi-Cal", "ID: 1234567893"]


def test_a_word_printed_in_two_fonts_stays_one_word(tmp_path: Path) -> None:
    """GIVEN "Medi-" in bold running straight into "Cal" in regular type, WHEN read, THEN
    it is one word, as printed."""
    pairs = [(Line("Medi-", "plain", "Helvetica-Bold", 10), Line("Cal", "plain", "Helvetica", 10)),
             (Line("Urgent:", "plain", "Times-Bold", 11), Line("yes", "plain", "Times-Roman", 11)),
             (Line("Prior", "plain", "Helvetica-Bold", 10), Line("authorization", "plain",
                                                                 "Helvetica", 10))]
    lines = line_texts(layer_words(mixed_fonts_pdf(pairs, gap=0.0), tmp_path))
    assert lines == ["Medi-Cal", "Urgent:yes", "Priorauthorization"]


def test_fake_bold_is_read_once(tmp_path: Path) -> None:
    """GIVEN a line printed twice a fraction of a point apart to look bold, WHEN read,
    THEN each letter is read once ("Data Sheet", not "DDaattaa SShheeeett")."""
    lines = line_texts(layer_words(fake_bold_pdf("Member Name: Lucas Núñez"), tmp_path))
    assert lines[0] == "Member Name: Lucas Núñez"


def test_slanted_letters_join_and_sideways_text_reads_as_before(tmp_path: Path) -> None:
    """GIVEN letter-spaced lines slanted for italics and a revision code printed up the
    margin, WHEN read, THEN the slanted lines read as typed and the sideways words are
    there as whole words."""
    words = layer_words(slanted_and_sideways_pdf(), tmp_path)
    # the slanted lines start an inch in (300 px), the sideways line is up the margin
    lines = line_texts([w for w in words if w.box.x0 > 250])
    assert lines == ["Lucas Núñez", "Medi-Cal ID 91234567A", "Take 1 tablet a day"]
    assert {"Form", "PA-1", "revised", "01/2026"} <= {w.text for w in words}


def test_ligatures_full_width_digits_and_invisible_marks(tmp_path: Path) -> None:
    """GIVEN a text layer whose characters are ligatures, full-width digits, decomposed
    accents, no-break spaces, soft hyphens and zero-width marks, WHEN read, THEN the words
    are those a person reads, accents kept."""
    pdf = odd_unicode_pdf([
        "\ufb01le \ufb02ow \uff11\uff12\uff13\uff14\uff15\uff16\uff17\uff18\uff19\uff13",
        "Nu\u0301n\u0303ez Núñez Medi\u2011Cal",
        "Member\u00a0Name Lucas\u200b Au\u00adthori\u200dzation \ufeffID",
        "5\u00a0m² ½ tablet",
    ])
    lines = line_texts(layer_words(pdf, tmp_path))
    assert lines == ["file flow 1234567893", "Núñez Núñez Medi-Cal",
                     "Member Name Lucas Authorization ID", "5 m² ½ tablet"]


def test_plain_text_keeps_meaningful_characters() -> None:
    assert plain_text("\ufb03") == "ffi"
    assert plain_text("\uff21\uff42") == "Ab"
    assert plain_text("\u00a0") == " " and plain_text("\u2003") == " "
    assert plain_text("\u00ad\u200b\u200c\u200d\ufeff\u2060") == ""
    assert plain_text("Núñez") == "Núñez"
    for kept in ("²", "½", "①", "°", "é"):
        assert plain_text(kept) == kept
    assert plain_text("(cid:12)") == "(cid:12)"


def test_a_page_drawn_one_letter_at_a_time_has_a_text_layer(tmp_path: Path) -> None:
    """GIVEN a page whose every word is drawn one letter at a time, WHEN inspected and
    read, THEN it is read from its text layer, not sent to OCR."""
    lines = [Line(text, "per_char", "Helvetica", 10, 3.0) for text in TEXTS[:3]]
    path = tmp_path / "spaced.pdf"
    path.write_bytes(lines_pdf(lines))
    assert inspect_document(path, ReadSettings()).kind == "pdf_text"
    page = read_document(path, ReadSettings()).pages[0]
    assert page.source == "text_layer"
    assert line_texts(page.words) == TEXTS[:3]


def test_count_words_takes_a_letter_spaced_run_as_one() -> None:
    assert count_words("L u c a s N u n e z") == 1
    assert count_words("Member Name: Lucas") == 3
    assert count_words("Member Name L u c a s ID 9 1 2 3") == 5
    assert count_words("a b") == 1 and count_words("a") == 0


def _chars(text: str, x: float, bottom: float, size: float = 10.0, advance: float = 6.0,
           font: str = "Helvetica") -> list[LayerChar]:
    """One character per letter, each `advance` points after the last, 0.6 em wide."""
    return [LayerChar(ch, x + i * advance, bottom - size, x + i * advance + 0.6 * size,
                      bottom, size, font) for i, ch in enumerate(text)]


def test_close_lines_of_small_print_are_not_interleaved() -> None:
    """GIVEN two lines of 8 pt print 6 pt apart, their boxes overlapping, WHEN joined,
    THEN each line's letters stay in their own words."""
    chars = (_chars("dust", 100, 258, size=8, advance=4.8)
             + _chars("the", 100, 264.3, size=8, advance=4.8))
    assert sorted(w.text for w in join_words(chars)) == ["dust", "the"]


def test_a_superscript_stays_with_its_word() -> None:
    """GIVEN a 7 pt "2" raised 3.5 pt after 10 pt "km" (its box reaches above theirs),
    WHEN joined, THEN it is part of the word."""
    base = _chars("km", 100, 200)
    raised = [LayerChar("2", 112, 188.88, 115.9, 195.88, 7.0, "Helvetica")]
    assert [w.text for w in join_words(base + raised)] == ["km2"]


def test_tracked_label_meets_untracked_value() -> None:
    """GIVEN a tracked label and an untracked value of the same font further along the
    line, WHEN joined, THEN the label is one word and so is the value."""
    label = _chars("Name:", 100, 200, advance=8.0)  # 2 pt tracking on 6 pt letters
    value = _chars("Lucas", 150, 200, advance=6.0)
    assert [w.text for w in join_words(label + value)] == ["Name:", "Lucas"]


def test_two_letters_alone_keep_the_fixed_tolerance() -> None:
    assert [w.text for w in join_words(_chars("ID", 100, 200, advance=8.0))] == ["ID"]
    assert [w.text for w in join_words(_chars("YN", 100, 200, advance=12.0))] == ["Y", "N"]


def test_glyphs_without_a_known_character_are_left_out() -> None:
    unknown = [LayerChar("(cid:7)", 100 + 6 * i, 190, 106 + 6 * i, 200, 10.0, "F1")
               for i in range(3)]
    assert [w.text for w in join_words(unknown + _chars("Lucas", 200, 200))] == ["Lucas"]


def test_evenly_spaced_scale_stays_apart() -> None:
    """GIVEN a 0-9 scale printed a digit every 0.2 in, WHEN joined, THEN the digits
    stay apart: such spacing is wider than any letter-spacing."""
    scale = _chars("0123456789", 100, 200, advance=14.4)
    assert [w.text for w in join_words(scale)] == list("0123456789")


needs_pdf_corpus = pytest.mark.skipif(
    not PDF_ODD.is_dir(), reason="the shared corpora folder (../shared/corpora) is not beside "
                                 "the project")


@needs_pdf_corpus
def test_real_pdfs_without_space_characters_and_with_fake_bold() -> None:
    """pdfLaTeX leaves out space characters (its words came out as
    "Loremipsumdolorsitamet,"); a pdf.js sample prints each line four times over for bold
    (it came out as "TTTTeeeesssstttt")."""
    latex = read_document(PDF_ODD / "py-pdf-sample-files" / "003-pdflatex-image"
                          / "pdflatex-image.pdf", ReadSettings()).pages[0]
    assert latex.source == "text_layer"
    assert "Lorem ipsum dolor sit amet, consetetur sadipscing elitr" in latex.text
    bold = read_document(PDF_ODD / "pdf.js" / "test" / "pdfs" / "bug900822.pdf",
                         ReadSettings()).pages[0]
    assert bold.source == "text_layer"
    assert bold.text.splitlines()[0] == "Test test test test test test"
