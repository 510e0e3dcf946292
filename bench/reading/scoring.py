"""Scoring one analysed document against its truth, and the plain baseline reader."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from bench.reading.wordings import fold
from casework.forms.analysis import FormAnalysis
from casework.forms.results import ExtractedField
from casework.forms.values import parse_value
from casework.plan.schema import FormSchema
from ocr import DocumentReading

LOOSE = ("name", "text", "address")
CONFIDENT = 0.95  # trusted when no needs_review flag exists


def same(kind: str, got: object, want: object) -> bool:
    """Free text, names and addresses equal without case or punctuation; the rest exactly."""
    if kind in LOOSE and isinstance(got, str) and isinstance(want, str):
        def simple(text: str) -> str:
            return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())
        return simple(got) == simple(want)
    return got == want


def trusted(extracted: ExtractedField) -> tuple[bool, str]:
    """Whether a field goes to a person unchecked, and the rule that decided it."""
    flag = getattr(extracted, "needs_review", None)
    if flag is None:
        return extracted.confidence >= CONFIDENT, f"confidence >= {CONFIDENT}"
    return not flag, "needs_review flag"


def baseline(reading: DocumentReading, schemas: Mapping[str, FormSchema]) -> tuple[str, dict]:
    """Title words counted for the type; exact 'Label: value' lines for the fields."""
    text = "\n".join(p.text for p in reading.pages)
    lowered = text.lower()
    scores = {t: max(sum(w.lower() in lowered for w in title.split()) / len(title.split())
                     for title in s.titles) for t, s in schemas.items() if not s.cover}
    form_type = max(scores, key=lambda t: scores[t])
    fields: dict[str, object] = {}
    for spec in schemas[form_type].fields:
        for label in spec.labels:
            match = re.search(rf"(?im)^\s*{re.escape(label)}\s*:\s*(.+)$", text)
            if match and spec.type not in ("choice", "boolean"):
                value = parse_value(spec.type, match[1])
                if value is not None:
                    fields[spec.name] = value
                    break
    return form_type, fields


@dataclass
class Score:
    """How one document read: counts that add up over a group of documents."""

    classified: int = 0
    base_classified: int = 0
    fields: int = 0  # truth fields with a value
    matched: int = 0
    base_matched: int = 0
    trusted: int = 0  # truth fields whose extracted value is not sent to review
    trusted_right: int = 0
    omitted: int = 0  # required fields left blank on purpose
    caught: int = 0  # of those, reported missing
    blank: int = 0  # fields printed blank
    false_alarms: int = 0  # a value reported for a blank field
    # Of the fields, those whose printed caption is none of their schema's wordings (or who
    # have no caption): what reading makes of a wording it meets for the first time.
    new_fields: int = 0
    new_matched: int = 0
    new_trusted: int = 0
    new_trusted_right: int = 0
    routed: int = 0  # documents routed to the case type and priority their truth routes to
    routed_for_review: int = 0  # not so, but opened expedited while a person reads the urgency
    rules: set[str] = field(default_factory=set)
    wrong: list[tuple[str, object, object]] = field(default_factory=list)

    def add(self, other: Score) -> None:
        """Add another document's counts to these."""
        for name in ("classified", "base_classified", "fields", "matched", "base_matched",
                     "trusted", "trusted_right", "omitted", "caught", "blank", "false_alarms",
                     "new_fields", "new_matched", "new_trusted", "new_trusted_right",
                     "routed", "routed_for_review"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.rules |= other.rules


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", fold(text)).split())


def schema_worded(schema: FormSchema, captions: Mapping[str, str]) -> frozenset[str]:
    """The fields whose printed caption is, word for word, one of their schema's wordings."""
    return frozenset(name for name, caption in captions.items() if caption and
                     _plain(re.sub(r"^\d+\.\s+", "", caption))
                     in {_plain(label) for label in schema.field(name).labels})


def score(analysis: FormAnalysis, reading: DocumentReading, schemas: Mapping[str, FormSchema],
          form_type: str, truth: dict[str, object], blank: tuple[str, ...],
          missing: tuple[str, ...], captions: Mapping[str, str] | None = None) -> Score:
    """Score one analysed document against its truth (and the baseline on the same reading);
    `captions`, the truth's printed captions, tell apart the fields of new wordings."""
    schema = schemas[form_type]
    result = Score(classified=int(analysis.form_type == form_type), fields=len(truth),
                   omitted=len(missing), blank=len(blank))
    known = schema_worded(schema, captions) if captions is not None else frozenset(truth)
    for name, want in truth.items():
        kind = schema.field(name).type
        got = analysis.fields.get(name)
        right = got is not None and same(kind, got.value, want)
        new = name not in known
        result.matched += right
        result.new_fields += new
        result.new_matched += new and right
        if got is not None:
            sure, rule = trusted(got)
            result.rules.add(rule)
            result.trusted += sure
            result.trusted_right += sure and right
            result.new_trusted += new and sure
            result.new_trusted_right += new and sure and right
        if not right:
            result.wrong.append((name, want, None if got is None else got.value))
    flagged = {p.field for p in analysis.problems if p.kind in ("missing", "unverified")}
    result.caught = sum(name in flagged for name in missing)
    result.false_alarms = sum(name in analysis.fields and analysis.fields[name].value not in
                              ("", None, []) for name in blank)
    base_type, base_fields = baseline(reading, schemas)
    result.base_classified = int(base_type == form_type)
    if base_type == form_type:
        result.base_matched = sum(same(schema.field(n).type, base_fields.get(n), v)
                                  for n, v in truth.items())
    return result
