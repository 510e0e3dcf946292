"""Generated forms read the way intake reads them, and compared with their ground truth."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from casework.forms.analysis import FormAnalysis, analyze
from ocr import ReadSettings, read_document
from tests.forms.generator.corpus import GeneratedForm, write_variant
from tests.support.rules import BUNDLED_RULES

NOW = datetime(2026, 11, 23, 12, 0)


@dataclass
class Checked:
    """A generated form analysed: the analysis and how many fields it got right."""

    form: GeneratedForm
    analysis: FormAnalysis
    matched: int
    wrong: dict[str, tuple[Any, Any]]

    @property
    def rate(self) -> float:
        return self.matched / max(1, len(self.form.truth["fields"]))


def same(kind: str, got: object, want: object) -> bool:
    """Free text compares without case or punctuation; everything else exactly."""
    if kind in ("name", "text", "address") and isinstance(got, str) and isinstance(want, str):
        def simple(text: str) -> str:
            return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())
        return simple(got) == simple(want)
    return got == want


def check(form: GeneratedForm, variant: str, folder: Path) -> Checked:
    """Write the form as `variant`, read it, analyse it and compare with the truth."""
    path = write_variant(form, variant, folder)
    analysis = analyze(read_document(path, ReadSettings()), NOW, BUNDLED_RULES)
    schema = BUNDLED_RULES.schemas[form.truth["form_type"]]
    got = {k: f.value for k, f in analysis.fields.items()}
    wrong = {k: (v, got.get(k)) for k, v in form.truth["fields"].items()
             if not same(schema.field(k).type, got.get(k), v)}
    return Checked(form, analysis, len(form.truth["fields"]) - len(wrong), wrong)
