"""Caption-less choices read right, per variant, against reading by labels alone.

The forms are tests/forms/choice_forms.py: an urgency printed as a bare row of boxes, levels
of transport in a row and in a column, a grievance's and an appeal's single "expedited review"
box, Yes/No boxes after a question in the form's own words. Each box of each kind is ticked
in turn, and each row once left unticked; every page is read born-digital, as a 300-dpi scan
and as fine and standard faxes by the real pipeline (ocr.read_document, then analyze). The
baseline, on the same readings, is the reader without its caption-less pass.

A page is right when the form is recognised and the field holds the ticked option, or (no
box ticked, or a tick on a box that is none of the field's options) holds nothing.

CHOICE_BENCH_SEEDS seeds per page (default 2, from seed 10: the tests use seeds 1 to 4),
CHOICE_BENCH_VARIANTS limits the variants. About 2 CPU-seconds a page; 176 pages by default.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import casework.forms.extraction as extraction
from casework.forms.analysis import analyze
from casework.forms.results import Extraction
from ocr import ReadSettings, read_document
from tests.forms.choice_forms import KINDS, choice_form
from tests.forms.conftest import NOW
from tests.forms.generator.corpus import VARIANTS, GeneratedForm, write_variant
from tests.support.rules import BUNDLED_RULES


def main() -> int:
    seeds = range(10, 10 + int(os.environ.get("CHOICE_BENCH_SEEDS", "2")))
    variants = os.environ.get("CHOICE_BENCH_VARIANTS", ",".join(VARIANTS)).split(",")
    tally: dict[tuple[str, bool, bool], list[int]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for variant in variants:
            for kind, spec in KINDS.items():
                for ticked in [None, *range(len(spec.options))]:
                    for seed in seeds:
                        form = choice_form(kind, ticked, seed)
                        path = write_variant(GeneratedForm(form.name, form.pdf, {}), variant,
                                             Path(folder))
                        reading = read_document(path, ReadSettings())
                        for caption_less in (False, True):
                            if caption_less:
                                analysis = analyze(reading, NOW, BUNDLED_RULES)
                            else:
                                with mock.patch.object(extraction, "read_choice_rows",
                                                       lambda *_: Extraction({}, {})):
                                    analysis = analyze(reading, NOW, BUNDLED_RULES)
                            found = analysis.fields.get(form.field)
                            right = analysis.form_type == form.form_type and (
                                found.value if found else None) == form.want
                            counts = tally.setdefault((variant, caption_less, ticked is None),
                                                      [0, 0])
                            counts[0] += right
                            counts[1] += 1
    print(f"{'variant':14} {'pages':>14} {'labels only':>12} {'with rows':>10}")
    for variant in variants:
        for blank in (False, True):
            before, after = tally[(variant, False, blank)], tally[(variant, True, blank)]
            pages = "left unticked" if blank else "one ticked"
            print(f"{variant:14} {pages:>14} {before[0]:>5}/{before[1]:<6} "
                  f"{after[0]:>4}/{after[1]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
