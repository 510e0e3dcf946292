"""What a field's reading rests on, gathered where it was read, for the trust model."""

from __future__ import annotations

from casework.forms.labels import LabelHit
from casework.forms.page_layout import PageLayout
from casework.forms.results import Evidence
from casework.forms.rules import PageRules
from casework.forms.wording import Wording
from casework.plan.schema import FieldSpec, FormSchema
from ocr import PageReading, Word

FAX_DPI = 250  # OCR'd pages under this resolution came by fax


def page_source(page: PageReading) -> str:
    """'text' (a PDF's text layer), 'scan' or 'fax' (read by OCR)."""
    if page.source != "ocr":
        return "text"
    return "fax" if page.dpi < FAX_DPI else "scan"


def label_evidence(spec: FieldSpec, page_number: int, hit: LabelHit, words: list[Word],
                   read: float, layout: PageLayout, rules: PageRules,
                   hits: dict[int, list[LabelHit]]) -> Evidence:
    """What a value read beside its label rests on: the page's source, how its label matched,
    where the value sat in relation to it, its least sure word and the label's rivals."""
    source = page_source(layout.page)
    label = ("unlisted" if hit.loose else "exact" if hit.score >= 99
             else "close" if hit.score >= 92 else "fuzzy")
    on_row = bool(words) and all(w.line == hit.row.words[0].line
                                 and w.box.y0 < hit.row.bottom for w in words)
    if spec.type in ("choice", "boolean"):
        relation = "tick"
    elif words and max(w.box.y1 for w in words) <= hit.box.y0:
        relation = "caption"
    elif not on_row and rules.cell(hit.box) is not None:
        relation = "cell"
    else:
        relation = "inline" if on_row else "below"
    rivals = sum(1 for n, page_hits in hits.items() for other in page_hits
                 if other.field == hit.field and other is not hit
                 and other.score >= hit.score - 3 and (n, other.row.index) != (
                     page_number, hit.row.index))
    ocr = min((w.confidence for w in words), default=1.0) if source != "text" else 1.0
    shared = any(other.field != hit.field and other.row.index == hit.row.index
                 and other.first <= hit.last and hit.first <= other.last
                 for other in hits[page_number])
    page = layout.page
    # Within a few pixels of the edge: a scanner's crop or a printer's margin may have cut
    # the rest ("Ambulancia" of "Ambulancia Aérea").
    clipped = any(w.box.x1 >= page.width - _EDGE or w.box.y1 >= page.height - _EDGE
                  for w in words)
    return Evidence(source, label, relation, round(ocr, 3), rivals, round(read, 3), shared,
                    clipped=clipped)


_EDGE = 3  # pixels


def names_only_its_kind(hit: LabelHit, spec: FieldSpec, schema: FormSchema,
                        wording: Wording) -> bool:
    """The label says only what kind of value follows ("Phone Number", "Número de
    Teléfono", "Fax") on a form with another field of that kind: whose it is, the label
    does not say, however exactly it matched."""
    if not any(other.type == spec.type and other.name != spec.name for other in schema.fields):
        return False
    printed = " ".join(w.text for w in hit.row.words[hit.first:hit.last + 1])
    words = set(wording.normalize(printed).split())
    generic = wording.kinds | wording.ignored | wording.type_words(spec.type)
    return bool(words) and words <= generic

