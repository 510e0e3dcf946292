"""Values typed into a fillable PDF: field names mapped fuzzily to the schema's names."""

from __future__ import annotations

import re

from casework.forms.labels import similarity
from casework.forms.options import choice_from_text
from casework.forms.results import Evidence, ExtractedField, Value
from casework.forms.values import parse_value
from casework.forms.wording import Wording
from casework.plan.schema import FieldSpec, FormSchema


def _words_of(name: str, wording: Wording) -> str:
    """'memberDOB', 'member_dob' and 'Member DOB[0]' all become 'member dob'."""
    name = re.sub(r"\[\d+\]", " ", name.split(".")[-1])
    name = re.sub(r"(?<=[a-z])(?=[A-Z])", " ", name)
    return wording.normalize(name.replace("_", " ").replace("-", " "))


def _best_field(name: str, schema: FormSchema,
                wording: Wording) -> tuple[FieldSpec, float, str] | None:
    normalize = wording.normalize
    words = _words_of(name, wording)
    best: tuple[FieldSpec, float, str] | None = None
    for spec in schema.fields:
        wordings = [spec.name.replace("_", " "), *spec.labels]
        for printed in wordings:
            score = similarity(words, normalize(printed), wording)
            if best is None or score > best[1]:
                best = (spec, score, "")
        for option, option_words in spec.options:  # "urgency_expedited": a tick box per option
            for printed in option_words:
                score = similarity(words, normalize(f"{spec.name.replace('_', ' ')} {printed}"),
                                   wording)
                if best is None or score > best[1]:
                    best = (spec, score, option)
    return best if best is not None and best[1] >= 85 else None


def fillable_values(form_fields: dict[str, str], schema: FormSchema,
                    wording: Wording) -> dict[str, ExtractedField]:
    """The schema's fields found among a fillable PDF's values (empty values skipped)."""
    found: dict[str, ExtractedField] = {}
    for name, raw in form_fields.items():
        if not raw or not raw.strip():
            continue
        match = _best_field(name, schema, wording)
        if match is None:
            continue
        spec, score, option = match
        value: Value | None
        if option:
            value = option if choice_from_text(_yes_no(spec), raw, wording) else None
        elif spec.type in ("choice", "boolean"):
            value = choice_from_text(spec, raw, wording)
        else:
            value = parse_value(spec.type, raw)
        if value is not None and spec.name not in found:
            found[spec.name] = ExtractedField(value, score / 100, None, None, raw,
                                              Evidence("fillable", "fillable", "fillable",
                                                       read=score / 100))
    return found


def _yes_no(spec: FieldSpec) -> FieldSpec:
    return FieldSpec(spec.name, "boolean", spec.says, spec.labels)
