"""The reading benchmark's generator: every layout family draws every value and label it claims.

Each family draws one form born-digital; the PDF's own text (pdfplumber) must hold every
value of the truth and every label drawn, and every label must be a development wording.
"""

from __future__ import annotations

import io
import re

import pdfplumber
import pytest

from bench.reading.corpus import FORM_TYPES, make_document
from bench.reading.degrade import write_variant
from bench.reading.families import FAMILIES
from bench.reading.fonts import faces
from bench.reading.scoring import schema_worded
from bench.reading.wordings import Wordings, all_wordings, words
from casework.plan.rulebook import load_rulebook
from tests.forms.generator.fake_data import PRACTICES

# a form with a tick-box choice, a yes/no question, written fields and grouped sections
FORM_OF = {family: FORM_TYPES[i % len(FORM_TYPES)] for i, family in enumerate(FAMILIES)}


def _page_text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        return " ".join(" ".join((page.extract_text() or "").split()) for page in document.pages)


def _bare(label: str) -> str:
    """A drawn label without its section number and closing colon or question mark."""
    return re.sub(r"^\d+\.\s+", "", label).rstrip(":?").strip()


@pytest.mark.parametrize("family", list(FAMILIES))
def test_each_family_draws_its_values_and_development_labels(family: str) -> None:
    document = make_document(FORM_OF[family], family, seed=1, half="development",
                             cover=family == "table", omit=None)
    text = _page_text(document.pdf)
    truth = document.truth
    assert truth.fields
    page_words = words(text)
    for name, printed in truth.printed_values.items():
        assert words(printed) <= page_words, f"{family}: {name} value {printed!r} not on the page"
    development = {_bare(w) for w in all_wordings("development")}
    yes_no = {w for pair in Wordings("development").yes_no(False) for w in pair}
    drawn = [_bare(label) for label in truth.printed_labels]
    for label in drawn:
        assert " ".join(label.split()) in text, f"{family}: label {label!r} not on the page"
    # the letterhead is a practice's name, not a wording; everything else comes from the file
    assert [label for label in drawn if label not in development | yes_no | set(PRACTICES)] == []


@pytest.mark.parametrize("family", list(FAMILIES))
def test_each_fields_caption_is_what_the_page_prints_for_it(family: str) -> None:
    """The truth's captions are the words drawn to name each field (none on a bare tick
    row), so the benchmark can score apart fields whose wording a schema holds."""
    document = make_document(FORM_OF[family], family, seed=1, half="development",
                             cover=family == "table", omit=None)
    text = _page_text(document.pdf)
    captions = document.truth.captions
    assert set(captions) >= set(document.truth.fields)
    for name, caption in captions.items():
        if caption:
            assert " ".join(_bare(caption).split()) in text, f"{family}: {name} {caption!r}"
    schema = load_rulebook().schemas[FORM_OF[family]]
    bare_rows = {n for n, c in captions.items() if not c}
    assert not bare_rows & schema_worded(schema, captions)
    if family == "tick_bare":
        assert bare_rows == {f.name for f in schema.fields
                             if f.type == "choice" and f.name in captions}


def test_a_caption_counts_as_schema_wording_only_word_for_word() -> None:
    schema = load_rulebook().schemas["prior_auth_request"]
    label = schema.field("member_name").labels[0]
    known = schema_worded(schema, {"member_name": f"3. {label.upper()}:",
                                   "member_dob": f"{schema.field('member_dob').labels[0]} Here",
                                   "urgency": ""})
    assert known == {"member_name"}


def test_documents_are_drawn_the_same_every_time() -> None:
    first = make_document("prior_auth_request", "boxed", seed=3, half="held_out")
    again = make_document("prior_auth_request", "boxed", seed=3, half="held_out")
    assert first.pdf == again.pdf and first.truth == again.truth


def test_a_blank_field_is_blank_in_the_truth_and_on_the_page() -> None:
    document = make_document("appeal_request", "inline", seed=2, half="development",
                             omit="authorization_number")
    truth = document.truth
    assert truth.missing == ("authorization_number",)
    assert "authorization_number" in truth.blank and "authorization_number" not in truth.fields


def test_six_faces_including_a_typewriter_one() -> None:
    available = faces()
    assert len(available) >= 6
    assert any(face.monospaced for face in available)


def test_faxes_are_one_bit_group4_at_fax_resolutions(tmp_path) -> None:
    from PIL import Image

    document = make_document("sfh_notice", "inline", seed=0, half="development")
    for variant, dpi in (("fax_fine", (204, 196)), ("fax_standard", (204, 98))):
        path = write_variant(document.pdf, document.truth.name, variant, tmp_path)
        with Image.open(path) as image:
            assert image.mode == "1"
            assert image.info["compression"] == "group4"
            assert tuple(round(d) for d in image.info["dpi"]) == dpi
