"""Generated documents: a form type drawn in a layout family with one half's wordings.

    document = make_document("prior_auth_request", "boxed", seed=3, half="held_out")
    path = write_variant(document, "fax_fine", folder)   # document.truth is the answer key

Which fields a form has, their types and their options' canonical values come from the
schemas (the answer key); every printed word of a label, title or option comes from
wordings.yaml. Values come from the development generator's faker.
"""

from __future__ import annotations

import io
import random
from collections.abc import Mapping
from dataclasses import dataclass

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

from bench.reading.families import FAMILIES, draw_cover, draw_heading
from bench.reading.fonts import faces
from bench.reading.pen import TICKS, Pen, Style
from bench.reading.sheet import CoverSheet, Entry, Sheet
from bench.reading.truth import DocumentTruth
from bench.reading.wordings import Wordings
from casework.plan.rulebook import Rulebook, load_rulebook
from casework.plan.schema import FieldSpec, FormSchema
from tests.forms.generator.fake_data import PRACTICES, form_values

FORM_TYPES = ("prior_auth_request", "grievance_form", "appeal_request", "nemt_request",
              "sfh_notice", "care_coordination_referral")
# the section each field is printed under in families that group fields
GROUPS = {"member": ("member_name", "member_id", "member_dob", "member_phone", "member_address"),
          "requesting_provider": ("requesting_provider_name", "requesting_provider_npi",
                                  "requesting_provider_phone", "requesting_provider_fax"),
          "servicing_provider": ("servicing_provider_name", "servicing_provider_npi"),
          "prescriber": ("prescriber_name", "prescriber_npi"),
          "referral_source": ("referral_source_name", "referral_source_phone")}
GROUP_OF = {name: group for group, names in GROUPS.items() for name in names}
DEPARTMENTS = ("Utilization Management", "Grievances and Appeals", "Transportation Unit",
               "Care Coordination", "Member Services")


_RULEBOOK: list[Rulebook] = []


def _schemas() -> Mapping[str, FormSchema]:
    """The bundled form schemas, read once per process (the answer key's field names)."""
    if not _RULEBOOK:
        _RULEBOOK.append(load_rulebook())
    return _RULEBOOK[0].schemas


@dataclass(frozen=True)
class GeneratedDocument:
    """A drawn document and its answer key."""

    pdf: bytes
    truth: DocumentTruth


def _entry(spec: FieldSpec, form_type: str, wordings: Wordings, rnd: random.Random,
           spanish: bool, printed: str, truth: object, blank: bool) -> Entry:
    label = rnd.choice(wordings.labels(form_type, spec.name, spanish))
    sub = wordings.sublabels(spec.name, spanish)
    common = {"group": GROUP_OF.get(spec.name), "sublabel": rnd.choice(sub) if sub else ""}
    if spec.type == "boolean":
        yes, no = rnd.choice(wordings.yes_no(spanish))
        return Entry(spec.name, spec.type, label, options=((yes, truth is True and not blank),
                                                          (no, truth is False and not blank)),
                     **common)
    if spec.type == "choice":
        options = tuple((rnd.choice(wordings.options(spec.name, value, spanish)),
                         value == truth and not blank) for value, _ in spec.options
                        if wordings.has_options(spec.name, value))
        return Entry(spec.name, spec.type, label, options=options, **common)
    return Entry(spec.name, spec.type, label, "" if blank else printed, **common)


def _style(rnd: random.Random) -> Style:
    available = faces()
    label_face = rnd.choice(available)
    value_face = label_face if rnd.random() < 0.5 else rnd.choice(available)
    return Style(label_face, value_face, rnd.choice((8.5, 9.0, 9.5, 10.0)),
                 rnd.choice((9.5, 10.0, 10.5, 11.0)), rnd.choice(TICKS))


def _cover(form_title: str, wordings: Wordings, rnd: random.Random, spanish: bool) -> CoverSheet:
    def say(line: str) -> str:
        return rnd.choice(wordings.cover(line, spanish))
    phone = f"({rnd.randint(209, 989)}) 555-{rnd.randint(100, 999):04d}"
    return CoverSheet(say("title"), ((say("to"), rnd.choice(DEPARTMENTS)),
                                     (say("from"), rnd.choice(PRACTICES)),
                                     (say("fax"), phone), (say("pages"), "2"),
                                     (say("re"), form_title)))


def make_document(form_type: str, family: str, seed: int, half: str, *,
                  spanish: bool = False, cover: bool = False,
                  omit: str | None = None) -> GeneratedDocument:
    """One filled form; `omit` names a field printed with nothing written beside it."""
    rnd = random.Random(f"reading:{form_type}:{family}:{seed}:{half}")
    wordings = Wordings(half)
    schema = _schemas()[form_type]
    values = form_values(form_type, rnd)
    entries, truth, blank = [], {}, []
    printed: dict[str, str] = {}
    for spec in schema.fields:
        filled = values.get(spec.name)
        empty = filled is None or spec.name == omit
        entries.append(_entry(spec, form_type, wordings, rnd, spanish,
                              filled.printed if filled else "", filled.truth if filled else None,
                              empty))
        if empty:
            blank.append(spec.name)
        else:
            assert filled is not None
            truth[spec.name] = filled.truth
            entry = entries[-1]
            printed[spec.name] = next((w for w, ticked in entry.options if ticked), entry.value)
    captions = {e.field: caption(e, family) for e in entries}
    title = rnd.choice(wordings.title(form_type, spanish))
    headings = {group: rnd.choice(wordings.heading(group, spanish))
                for group in dict.fromkeys(e.group for e in entries) if group}
    sheet = Sheet(title, rnd.choice(PRACTICES), tuple(entries), headings,
                  _cover(title, wordings, rnd, spanish) if cover else None)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=letter, invariant=True)
    pen = Pen(canvas, _style(rnd), rnd)
    if sheet.cover:
        draw_cover(pen, sheet)
    draw_heading(pen, sheet)
    FAMILIES[family](pen, sheet)
    canvas.showPage()
    canvas.save()
    name = f"{half}-{form_type}-{family}-{seed}{'-es' if spanish else ''}{'-cover' if cover else ''}"
    return GeneratedDocument(buffer.getvalue(), DocumentTruth(
        name, form_type, family, half, spanish, cover, truth, tuple(blank),
        (omit,) if omit else (), tuple(pen.printed), printed, captions))


def caption(entry: Entry, family: str) -> str:
    """The words a family prints to name an entry's field: none for a bare choice row, the
    bare sub-label under a numbered section's heading."""
    if family == "tick_bare" and entry.ticks and entry.kind == "choice":
        return ""
    if family == "numbered_sections" and entry.group and entry.sublabel:
        return entry.sublabel
    return entry.label


def plan(form_type: str, family: str, seed: int) -> tuple[bool, bool, str | None]:
    """(spanish, cover, omitted field) of one document: spread over seeds and families."""
    k = seed * len(FAMILIES) + list(FAMILIES).index(family) + FORM_TYPES.index(form_type)
    schema = _schemas()[form_type]
    required = [f.name for f in schema.fields if f.required and f.name != "member_id"]
    omit = random.Random(f"omit:{form_type}:{family}:{seed}").choice(required) if k % 4 == 1 else None
    return k % 5 == 3, k % 3 == 2, omit
