"""The public entry point of forms: recognise, extract, validate, and say what is missing."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from casework.forms.classification import UNKNOWN, Guess, classify
from casework.forms.extraction import extract
from casework.forms.rereading import confirm_unsure, reread_failing
from casework.forms.results import ExtractedField, Problem, UnreadField
from casework.forms.trust import assess
from casework.forms.validation import validate
from casework.forms.values import in_past_century
from casework.forms.wording import wording_for
from casework.plan.rulebook import Rulebook
from casework.plan.schema import FormSchema
from ocr import DocumentReading


@dataclass(frozen=True)
class FormAnalysis:
    """What forms made of one document."""

    form_type: str  # a schema's form type, or "unknown"
    confidence: float  # 0..1, of the form type
    guesses: list[Guess]  # best-scoring types, best first
    fields: dict[str, ExtractedField] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    complete: bool = False
    cover_pages: list[int] = field(default_factory=list)
    needs_follow_up: bool = False
    unread: dict[str, UnreadField] = field(default_factory=dict)  # options found, not read

    def to_json(self) -> dict[str, Any]:
        """The JSON contract: form {type, confidence}, fields {name: {value, confidence,
        needs_review, page, box}}, problems [{field, kind, message}], complete."""
        return {
            "form": {"type": self.form_type, "confidence": round(self.confidence, 3)},
            "fields": {name: _field_json(f) for name, f in self.fields.items()},
            "problems": [p.to_json() for p in self.problems],
            "complete": self.complete,
            "needs_follow_up": self.needs_follow_up,
            "cover_pages": list(self.cover_pages),
            "unread": [u.to_json() for u in self.unread.values()],
        }


def analyze(reading: DocumentReading, now: datetime, rulebook: Rulebook) -> FormAnalysis:
    """Recognise the document's form, extract its fields, and list what is wrong or missing.

    `now` decides what counts as a future date; `rulebook` holds the plan's form schemas and words.
    """
    found = classify(reading, rulebook)
    if found.form_type == UNKNOWN:
        problem = Problem("form", "unverified",
                          "The document could not be recognised as one of our forms.")
        return FormAnalysis(UNKNOWN, found.confidence, list(found.guesses), {}, [problem],
                            False, list(found.cover_pages))
    schema = rulebook.schemas[found.form_type]
    pages = [p.number for p in reading.pages if p.number not in found.cover_pages]
    extraction = extract(reading, schema, pages, rulebook)
    fields = _past_dates(schema, extraction.fields, now)
    problems, follow_up = validate(schema, fields, now)
    if any(p.kind != "missing" for p in problems):
        fields = reread_failing(reading, schema, fields, problems, now)
        problems, follow_up = validate(schema, fields, now)
    fields = assess(confirm_unsure(reading, schema, fields), schema, problems, rulebook.trust,
                    wording_for(rulebook))
    blocking = [p for p in problems if p.kind in ("missing", "invalid")]
    complete = schema.never_incomplete or not blocking
    ordered = {spec.name: fields[spec.name] for spec in schema.fields if spec.name in fields}
    return FormAnalysis(found.form_type, found.confidence, list(found.guesses), ordered,
                        problems, complete, list(found.cover_pages), follow_up,
                        {n: u for n, u in extraction.unread.items() if n not in ordered})


def _field_json(found: ExtractedField) -> dict[str, Any]:
    box = found.box
    return {"value": found.value, "confidence": round(found.confidence, 3),
            "needs_review": found.needs_review, "page": found.page,
            "box": [round(box.x0), round(box.y0), round(box.x1), round(box.y1)]
            if box is not None else None}


def _past_dates(schema: FormSchema, fields: dict[str, ExtractedField],
                now: datetime) -> dict[str, ExtractedField]:
    """Dates that cannot be in the future (a birth date) printed with two-digit years are
    put in the century that keeps them past."""
    fixed = dict(fields)
    for spec in schema.fields:
        found = fields.get(spec.name)
        if spec.type == "date" and spec.not_future and found is not None:
            value = in_past_century(str(found.value), found.raw, now.date())
            if value != found.value:
                fixed[spec.name] = replace(found, value=value)
    return fixed
