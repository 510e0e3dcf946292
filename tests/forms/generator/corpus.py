"""Generated forms with their ground truth, as born-digital PDFs, 300-dpi scans and faxes.

    form = make_form("prior_auth_request", "boxes", seed=7, cover=True, omit="units")
    path = write_variant(form, "fax_fine", folder)   # and form.truth for the expected JSON
"""

from __future__ import annotations

import io
import json
import random
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pypdfium2
from PIL import Image, ImageFilter

from tests.forms.generator.fake_data import PRACTICES, form_values
from tests.forms.generator.layouts import Item, Page, render_pdf
from tests.forms.generator.wordings import (
    LABELS,
    LABELS_ES,
    OPTIONS,
    OPTIONS_ES,
    TITLES,
    TITLES_ES,
    YES_NO,
    YES_NO_ES,
)
from tests.support.rules import BUNDLED_RULES

FORM_TYPES = ("prior_auth_request", "grievance_form", "appeal_request", "nemt_request",
              "sfh_notice", "care_coordination_referral")
VARIANTS = ("born_digital", "scan", "fax_fine", "fax_standard")


@dataclass
class GeneratedForm:
    """A filled form: its PDF and what analysing it must find."""

    name: str
    pdf: bytes
    truth: dict[str, Any] = field(default_factory=dict)


def _item(form_type: str, name: str, kind: str, printed: str, truth: object, rnd: random.Random,
          spanish: bool, blank: bool) -> Item:
    pool = (LABELS_ES[name] if spanish and name in LABELS_ES
            else LABELS.get(f"{form_type}.{name}") or LABELS[name])
    label = rnd.choice(pool)
    if kind == "boolean":
        words = YES_NO_ES if spanish else YES_NO
        return Item(label, options=[(words[True], truth is True and not blank),
                                    (words[False], truth is False and not blank)])
    if kind == "choice":
        options = (OPTIONS_ES if spanish and name in OPTIONS_ES else OPTIONS)[name]
        return Item(label, options=[(rnd.choice(words), value == truth and not blank)
                                    for value, words in options.items()])
    return Item(label, "" if blank else printed, long=kind == "text")


def make_form(form_type: str, layout: str, seed: int, *, spanish: bool = False,
              cover: bool = False, omit: str | None = None,
              cover_subject: str | None = None) -> GeneratedForm:
    """One filled form; `omit` leaves that field's label with nothing written beside it.

    `cover_subject` is the cover sheet's "Re:" line (by default the form's own title)."""
    rnd = random.Random(f"{form_type}-{layout}-{seed}")
    schema = BUNDLED_RULES.schemas[form_type]
    values = form_values(form_type, rnd)
    items, truth = [], {}
    for spec in schema.fields:
        filled = values.get(spec.name)
        blank = filled is None or spec.name == omit
        item = _item(form_type, spec.name, spec.type, filled.printed if filled else "",
                     filled.truth if filled else None, rnd, spanish, blank)
        items.append(item)
        if filled is not None and not blank:
            truth[spec.name] = filled.truth
    titles = TITLES_ES if spanish else TITLES
    page = Page(rnd.choice(titles[form_type]), items)
    cover_lines = None
    if cover:
        cover_lines = [("To", "Utilization Management"), ("Fax", "(559) 555-0100"),
                       ("From", rnd.choice(PRACTICES)), ("Pages", "2"),
                       ("Re", cover_subject or rnd.choice(TITLES[form_type]))]
    pdf = render_pdf(page, layout, rnd, cover_lines)
    name = f"{form_type}-{layout}-{seed}{'-es' if spanish else ''}{'-cover' if cover else ''}"
    expected = {"form_type": form_type, "layout": layout, "fields": truth,
                "missing": [omit] if omit else [], "cover_pages": [1] if cover else [],
                "spanish": spanish}
    return GeneratedForm(name, pdf, expected)


def _pages(pdf: bytes, dpi: int) -> list[Image.Image]:
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
                for page in document]
    finally:
        document.close()


def _noisy(image: Image.Image, rnd: random.Random, specks: int) -> Image.Image:
    pixels = image.load()
    assert pixels is not None
    for _ in range(specks):
        x, y = rnd.randrange(image.width), rnd.randrange(image.height)
        pixels[x, y] = rnd.choice((0, 255))
    return image


def scan_pages(pdf: bytes, rnd: random.Random) -> list[Image.Image]:
    """300-dpi grayscale scans: a little blur, a slight tilt, a little noise."""
    pages = []
    for image in _pages(pdf, 300):
        image = image.filter(ImageFilter.GaussianBlur(0.5))
        image = image.rotate(rnd.uniform(-0.6, 0.6), fillcolor=255,
                             resample=Image.Resampling.BILINEAR)
        pages.append(_noisy(image, rnd, 1500))
    return pages


def fax_pages(pdf: bytes, rnd: random.Random, fine: bool) -> list[Image.Image]:
    """1-bit faxes at 204 x 196 (fine) or 204 x 98 (standard) dpi, skewed up to 2 degrees."""
    pages = []
    for image in _pages(pdf, 300):
        image = image.rotate(rnd.uniform(-2.0, 2.0), fillcolor=255,
                             resample=Image.Resampling.BILINEAR)
        size = (round(image.width * 204 / 300), round(image.height * (196 if fine else 98) / 300))
        image = image.resize(size, Image.Resampling.LANCZOS)
        image = _noisy(image, rnd, 600)
        pages.append(image.point(lambda v: 255 if v > 150 else 0, "1"))
    return pages


def write_variant(form: GeneratedForm, variant: str, folder: Path) -> Path:
    """Write the form as `variant` into `folder` with its truth beside it; return the file."""
    folder.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(f"{form.name}-{variant}")
    if variant == "born_digital":
        path = folder / f"{form.name}.pdf"
        path.write_bytes(form.pdf)
    elif variant == "scan":
        path = folder / f"{form.name}-scan.tif"
        images = scan_pages(form.pdf, rnd)
        images[0].save(path, save_all=True, append_images=images[1:], compression="tiff_lzw",
                       dpi=(300, 300))
    else:
        fine = variant == "fax_fine"
        path = folder / f"{form.name}-{variant}.tif"
        images = fax_pages(form.pdf, rnd, fine)
        images[0].save(path, save_all=True, append_images=images[1:], compression="group4",
                       dpi=(204, 196 if fine else 98))
    truth_path = path.with_suffix(".json")
    truth_path.write_text(json.dumps(form.truth | {"variant": variant}, indent=2), "utf-8")
    return path


def pdf_bytes_to_png(pdf: bytes) -> bytes:
    """First page as PNG (handy for looking at a generated form)."""
    buffer = io.BytesIO()
    _pages(pdf, 100)[0].save(buffer, format="PNG")
    return buffer.getvalue()
