"""A field's calibrated confidence and whether a person must look, from what its reading
rests on (`Evidence`) and the plan's trust model (`resources/trust.yaml`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from casework.forms.plausible import Verdict, verdict
from casework.forms.rereading import SURE_OCR, UNSURE_OCR
from casework.forms.results import ExtractedField, Problem
from casework.forms.wording import Wording
from casework.plan.schema import FieldSpec, FormSchema
from casework.plan.trust_model import TrustModel

# Types whose value carries its own strict check (a check digit, a fixed shape, a real date).
CHECKED_TYPES = frozenset({"npi", "member_id", "date", "phone", "icd10_list", "procedure_list"})
SHAPED_TYPES = frozenset({"integer", "time", "identifier", "choice", "boolean"})


def type_group(field_type: str) -> str:
    """'checked', 'shaped' or 'free': how much a value's own shape vouches for it."""
    if field_type in CHECKED_TYPES:
        return "checked"
    return "shaped" if field_type in SHAPED_TYPES else "free"


def features(found: ExtractedField, spec: FieldSpec, wording: Wording) -> dict[str, float]:
    """The model's inputs for one field (empty evidence: a value a person typed)."""
    evidence = found.evidence
    if evidence is None:
        return {}
    group = type_group(spec.type)
    return {
        f"source={evidence.source}": 1.0,
        f"label={evidence.label}": 1.0,
        f"relation={evidence.relation}": 1.0,
        f"type={group}": 1.0,
        # A fax blurs digits more than words, and a tick more than either.
        f"source={evidence.source}&type={group}": 1.0,
        f"source={evidence.source}&relation={evidence.relation}": 1.0,
        "ocr_doubt": max(0.0, 1.0 - evidence.ocr),
        "rivals": float(min(evidence.rivals, 3)),
        "read": evidence.read,
        "shared_label": float(evidence.shared),
        # A value whose own check fails (an NPI's digit, a lone word for a name) is doubtful.
        "doubtful_value": float(verdict(spec, found.value, wording) is Verdict.DOUBTFUL),
        # A second reading of the crop agreed with OCR's unsure first one.
        "confirmed": float(evidence.confirmed),
    }


def bucket(found: ExtractedField, spec: FieldSpec, wording: Wording) -> str | None:
    """The kind of evidence a field's reading rests on, as the trust table counts it
    ("scan|exact|inline|npi|ocr95"); None for evidence no table vouches for (a doubtful
    value, a label shared with another field or with rivals on the page, a re-read value)."""
    evidence = found.evidence
    if evidence is None or evidence.shared or evidence.rivals or evidence.reread:
        return None
    if verdict(spec, found.value, wording) is Verdict.DOUBTFUL:
        return None
    if unsure_ocr(found):
        return None
    band = ("ocr95" if evidence.ocr >= SURE_OCR
            else "ocr85c" if evidence.confirmed else "ocr85")
    # The field's own type, not its group: a phone's area-code check catches far fewer
    # slips than an NPI's check digit.
    return "|".join((evidence.source, evidence.label, evidence.relation, spec.type, band))


def always_checked(found: ExtractedField, spec: FieldSpec) -> bool:
    """Whatever the model says, a person looks: a value re-read after failing its check, a
    value OCR was quite unsure of, a value running to the page's edge, and a name. A name has
    no check of its own, and on a layout the record has not seen, a column's header beside a
    name's label reads as a name as well as the name under it does; only a person (or the
    roster) can vouch for it."""
    evidence = found.evidence
    return evidence is not None and (evidence.reread or unsure_ocr(found) or evidence.clipped
                                     or spec.type == "name")


def unsure_ocr(found: ExtractedField) -> bool:
    """OCR was quite unsure of a word of the value: a digit it doubted can be another digit
    that passes the same check (a Medi-Cal ID's 0 read as 9), so a person always looks."""
    evidence = found.evidence
    return (evidence is not None and evidence.source in ("scan", "fax")
            and evidence.ocr < UNSURE_OCR)


def probability(found: ExtractedField, spec: FieldSpec, model: TrustModel,
                wording: Wording) -> float:
    """The calibrated chance the field was read right: the logistic model's estimate,
    moved towards the record of fields with the same kind of evidence."""
    prior = model.probability(features(found, spec, wording))
    return model.bucket_probability(bucket(found, spec, wording), prior)


def assess(fields: dict[str, ExtractedField], schema: FormSchema, problems: Iterable[Problem],
           model: TrustModel, wording: Wording) -> dict[str, ExtractedField]:
    """Each field with its calibrated confidence and `needs_review`: below the model's
    threshold, or with a problem of its own."""
    doubted = {p.field for p in problems}
    strays = stray_fields(fields)
    assessed = {}
    for name, found in fields.items():
        if found.evidence is None:
            assessed[name] = replace(found, needs_review=name in doubted)
            continue
        spec = schema.field(name)
        if name in strays:
            # Away from the rest of the form (an unrecognised cover sheet's "Fax #"): the
            # table's record of fields like it does not vouch for it.
            confidence = model.probability(features(found, spec, wording))
        else:
            confidence = probability(found, spec, model, wording)
        # A value re-read after failing its check is shown to a person whatever its score.
        assessed[name] = replace(found, confidence=confidence,
                                 needs_review=confidence < model.threshold or name in doubted
                                 or name in strays or always_checked(found, spec))
    return assessed


def stray_fields(fields: dict[str, ExtractedField]) -> set[str]:
    """Fields read alone on a page of their own while the form's other fields came from
    another page: most often words of a cover sheet or an attachment, not the form."""
    pages: dict[int, list[str]] = {}
    for name, found in fields.items():
        if found.evidence is not None and found.page is not None:
            pages.setdefault(found.page, []).append(name)
    if len(pages) < 2:
        return set()
    home = max(len(names) for names in pages.values())
    return {name for names in pages.values() if len(names) <= 2 and home >= 4 for name in names}
