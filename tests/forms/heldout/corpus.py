"""Held-out forms with their ground truth, in the shape the development corpus uses.

    form = make_heldout_form("prior_auth_request", "grid", seed=3, omit="units")
    path = write_variant(form, "fax_standard", folder)   # the development degradations

Values come from the development generator's fake data (valid NPIs, CINs, codes) and are
printed the held-out way; labels come from `heldout.wordings`, never from the schemas.
"""

from __future__ import annotations

import random

from casework.plan.schema import FieldSpec
from tests.forms.generator.corpus import FORM_TYPES, GeneratedForm, write_variant
from tests.forms.generator.fake_data import PRACTICES, Filled, form_values
from tests.forms.generator.layouts import Item
from tests.forms.heldout.layouts import LAYOUTS, Section, Sheet, render_sheet
from tests.forms.heldout.printing import reprint
from tests.forms.heldout.wordings import (
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

__all__ = ["FORM_TYPES", "LAYOUTS", "VARIANTS", "make_heldout_form", "write_variant"]
VARIANTS = ("born_digital", "fax_standard")

# Sections a form's fields fall in, by the start of the field's name.
_SECTIONS = (("member_", ["Patient Information", "Member Information", "Enrollee Information"]),
             ("requesting_provider_", ["Requesting Provider", "Ordering Provider Information"]),
             ("servicing_provider_", ["Servicing Provider", "Rendering Provider Information"]),
             ("prescriber_", ["Certifying Physician", "Practitioner Information"]),
             ("referral_source_", ["Referral Source", "Referred By"]))
_OTHER = ["Request Details", "Service Information"]
# Under a heading naming whose they are, sub-labels often drop the owner.
_BARE = {"name": ["Name", "Full Name"], "npi": ["NPI #", "NPI No."], "phone": ["Phone #", "Tel."],
         "fax": ["Fax #"], "id": ["ID #", "ID No."], "dob": ["DOB"]}


def _label(form_type: str, spec: FieldSpec, rnd: random.Random, spanish: bool,
           bare: bool) -> str:
    tail = spec.name.rsplit("_", 1)[-1]
    if bare and tail in _BARE and any(spec.name.startswith(p) for p, _ in _SECTIONS):
        return rnd.choice(_BARE[tail])
    pool = (LABELS_ES[spec.name] if spanish and spec.name in LABELS_ES
            else LABELS.get(f"{form_type}.{spec.name}") or LABELS[spec.name])
    return rnd.choice(pool)


def _item(spec: FieldSpec, label: str, filled: Filled | None, blank: bool,
          rnd: random.Random, spanish: bool) -> Item:
    truth = filled.truth if filled else None
    if spec.type == "boolean":
        words = YES_NO_ES if spanish else YES_NO
        return Item(label, options=[(words[True], truth is True and not blank),
                                    (words[False], truth is False and not blank)])
    if spec.type == "choice":
        options = (OPTIONS_ES if spanish and spec.name in OPTIONS_ES else OPTIONS)[spec.name]
        return Item(label, options=[(rnd.choice(words), value == truth and not blank)
                                    for value, words in options.items()])
    printed = filled.printed if filled and not blank else ""
    return Item(label, printed, long=spec.type == "text")


def _section_of(name: str, rnd: random.Random, chosen: dict[str, str]) -> str:
    for prefix, headings in _SECTIONS:
        if name.startswith(prefix):
            return chosen.setdefault(prefix, rnd.choice(headings))
    return chosen.setdefault("", rnd.choice(_OTHER))


def make_heldout_form(form_type: str, layout: str, seed: int, *, spanish: bool = False,
                      cover: bool = False, omit: str | None = None) -> GeneratedForm:
    """One filled held-out form; `omit` leaves that field's label with nothing beside it."""
    rnd = random.Random(f"heldout-{form_type}-{layout}-{seed}")
    schema = BUNDLED_RULES.schemas[form_type]
    values = form_values(form_type, rnd)
    sections: dict[str, list[Item]] = {}
    headings: dict[str, str] = {}
    truth: dict[str, object] = {}
    for spec in schema.fields:
        filled = values.get(spec.name)
        if filled is not None and spec.type not in ("choice", "boolean"):
            filled = reprint(spec.type, filled, rnd, spanish)
        blank = filled is None or spec.name == omit
        bare = layout == "sections" and rnd.random() < 0.5
        item = _item(spec, _label(form_type, spec, rnd, spanish, bare), filled, blank, rnd,
                     spanish)
        sections.setdefault(_section_of(spec.name, rnd, headings), []).append(item)
        if filled is not None and not blank:
            truth[spec.name] = filled.truth
    practice = rnd.choice(PRACTICES)
    sheet = Sheet(rnd.choice((TITLES_ES if spanish else TITLES)[form_type]),
                  [Section(h, items) for h, items in sections.items()],
                  fax_from=practice, fax_time=f"11/{rnd.randint(1, 22):02d}/2026 09:14",
                  extras=[("Office Contact", "Jane Roe, MA"), ("Ext.", "214")])
    cover_lines = None
    if cover:
        cover_lines = [("To", "Utilization Management"), ("Fax", "(559) 555-0100"),
                       ("From", practice), ("Pages", "2"), ("Re", TITLES[form_type][0])]
    pdf = render_sheet(sheet, layout, f"heldout-{form_type}-{layout}-{seed}", cover_lines)
    name = (f"heldout-{form_type}-{layout}-{seed}{'-es' if spanish else ''}"
            f"{'-cover' if cover else ''}")
    expected = {"form_type": form_type, "layout": layout, "fields": truth,
                "missing": [omit] if omit else [], "cover_pages": [1] if cover else [],
                "spanish": spanish}
    return GeneratedForm(name, pdf, expected)
