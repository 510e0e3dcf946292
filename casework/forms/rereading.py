"""A value that fails its own check is read again from its crop before a person sees it.

Whole-page OCR slips a character in a Medi-Cal ID or a phone's area code far more often
than the same pixels read alone: cut out, enlarged and read as one line, with only the
characters that field can hold, they often come out right. A re-read value replaces the
first reading only when it passes the check the first one failed, and it is still shown to
a person (its evidence says it was re-read): a check that passes is not proof.

A value that passes its check but has a digit OCR was unsure of can still be wrong (a 3 read
as 8 keeps a phone's area code valid). Its crop is read alone in the same way: where the
second reading gives the same value, its evidence says so (`confirmed`), and the trust model
weighs the record of confirmed values apart from the rest.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from casework.forms.results import ExtractedField, Problem
from casework.forms.validation import validate
from casework.forms.values import parse_value
from casework.plan.schema import FormSchema
from ocr import DocumentReading, ReadSettings
from ocr.rereading import read_region

# A value's least sure word: at or above SURE_OCR it was read surely; under UNSURE_OCR a
# person always looks (see trust); between them the record of fields read as unsurely decides,
# apart for values a second reading of their crop confirmed (names and free text read that
# unsurely were wrong one time in eight; checked digits far less often).
UNSURE_OCR = 0.85
SURE_OCR = 0.95

_DIGITS = "0123456789"
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# The characters each checked type may hold as printed; None lets every character through.
ALLOWED: dict[str, str | None] = {
    "phone": _DIGITS + "()-/.",
    "npi": _DIGITS,
    "integer": _DIGITS,
    "date": _DIGITS + "/-.",
    "member_id": _DIGITS + _LETTERS,
    "identifier": None,
}


def reread_failing(reading: DocumentReading, schema: FormSchema,
                   fields: dict[str, ExtractedField], problems: list[Problem], now: datetime,
                   settings: ReadSettings | None = None) -> dict[str, ExtractedField]:
    """`fields` with each OCR'd value that failed its check read again from its crop, kept
    only where the new reading passes."""
    failing = {p.field for p in problems if p.kind in ("invalid", "unverified")}
    pages = {p.number: p for p in reading.pages}
    mended = dict(fields)
    for name in failing:
        found = fields.get(name)
        spec = schema.field(name) if found is not None else None
        if found is None or spec is None or spec.type not in ALLOWED:
            continue
        page = pages.get(found.page) if found.page is not None else None
        if page is None or found.box is None or found.evidence is None:
            continue
        text = read_region(page, found.box, ALLOWED[spec.type], settings or ReadSettings())
        value = parse_value(spec.type, text) if text else None
        if value is None or value == found.value:
            continue
        candidate = replace(found, value=value, raw=text or found.raw,
                            evidence=replace(found.evidence, reread=True))
        trial = {**mended, name: candidate}
        if not any(p.field == name for p in validate(schema, trial, now)[0]):
            mended[name] = candidate
    return mended


def confirm_unsure(reading: DocumentReading, schema: FormSchema,
                   fields: dict[str, ExtractedField],
                   settings: ReadSettings | None = None) -> dict[str, ExtractedField]:
    """`fields` with each OCR'd value of a checked kind that OCR was somewhat unsure of read
    again from its crop, marked `confirmed` where both readings agree."""
    pages = {p.number: p for p in reading.pages}
    confirmed = dict(fields)
    for name, found in fields.items():
        evidence = found.evidence
        if (evidence is None or evidence.source not in ("scan", "fax") or evidence.reread
                or not UNSURE_OCR <= evidence.ocr < SURE_OCR or found.box is None):
            continue
        spec = schema.field(name)
        page = pages.get(found.page) if found.page is not None else None
        if spec.type not in ALLOWED or page is None:
            continue
        text = read_region(page, found.box, ALLOWED[spec.type], settings or ReadSettings())
        if text and parse_value(spec.type, text) == found.value:
            confirmed[name] = replace(found, evidence=replace(evidence, confirmed=True))
    return confirmed
