"""A field's calibrated confidence and whether a person must look, from what its reading
rests on (`Evidence`) and the plan's trust model (`resources/trust.yaml`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from casework.forms.plausible import Verdict, verdict
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
    }


def bucket(found: ExtractedField, spec: FieldSpec, wording: Wording) -> str | None:
    """The kind of evidence a field's reading rests on, as the trust table counts it
    ("scan|exact|inline|checked|ocr95"); None for evidence no table vouches for (a doubtful
    value, a label shared with another field or with rivals on the page, a re-read value)."""
    evidence = found.evidence
    if evidence is None or evidence.shared or evidence.rivals or evidence.reread:
        return None
    if verdict(spec, found.value, wording) is Verdict.DOUBTFUL:
        return None
    band = "ocr95" if evidence.ocr >= 0.95 else "ocr85" if evidence.ocr >= 0.85 else "ocr0"
    return "|".join((evidence.source, evidence.label, evidence.relation,
                     type_group(spec.type), band))


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
    assessed = {}
    for name, found in fields.items():
        if found.evidence is None:
            assessed[name] = replace(found, needs_review=name in doubted)
            continue
        confidence = probability(found, schema.field(name), model, wording)
        # A value re-read after failing its check is shown to a person whatever its score.
        assessed[name] = replace(found, confidence=confidence,
                                 needs_review=confidence < model.threshold or name in doubted
                                 or found.evidence.reread)
    return assessed
