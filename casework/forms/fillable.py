"""Values typed into a fillable PDF: field names mapped fuzzily to the schema's names."""

from __future__ import annotations

import re

from casework.forms.labels import normalize, similarity
from casework.forms.options import choice_from_text
from casework.forms.results import ExtractedField, Value
from casework.forms.values import parse_value
from casework.plan.schema import FieldSpec, FormSchema


def _words_of(name: str) -> str:
    """'memberDOB', 'member_dob' and 'Member DOB[0]' all become 'member dob'."""
    name = re.sub(r"\[\d+\]", " ", name.split(".")[-1])
    name = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
    return normalize(name.replace("_", " ").replace("-", " "))


def _best_field(name: str, schema: FormSchema) -> tuple[FieldSpec, float, str] | None:
    words = _words_of(name)
    best: tuple[FieldSpec, float, str] | None = None
    for spec in schema.fields:
        wordings = [spec.name.replace("_", " "), *spec.labels]
        for wording in wordings:
            score = similarity(words, normalize(wording))
            if best is None or score > best[1]:
                best = (spec, score, "")
        for option, option_words in spec.options:  # "urgency_expedited": a tick box per option
            for wording in option_words:
                score = similarity(words, normalize(f"{spec.name.replace('_', ' ')} {wording}"))
                if best is None or score > best[1]:
                    best = (spec, score, option)
    return best if best is not None and best[1] >= 85 else None


def fillable_values(form_fields: dict[str, str], schema: FormSchema) -> dict[str, ExtractedField]:
    """The schema's fields found among a fillable PDF's values (empty values skipped)."""
    found: dict[str, ExtractedField] = {}
    for name, raw in form_fields.items():
        if not raw or not raw.strip():
            continue
        match = _best_field(name, schema)
        if match is None:
            continue
        spec, score, option = match
        value: Value | None
        if option:
            value = option if choice_from_text(_yes_no(spec), raw) else None
        elif spec.type in ("choice", "boolean"):
            value = choice_from_text(spec, raw)
        else:
            value = parse_value(spec.type, raw)
        if value is not None and spec.name not in found:
            found[spec.name] = ExtractedField(value, score / 100, None, None, raw)
    return found


def _yes_no(spec: FieldSpec) -> FieldSpec:
    return FieldSpec(spec.name, "boolean", spec.says, spec.labels)
