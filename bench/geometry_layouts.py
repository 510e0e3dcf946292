"""Field accuracy by layout and variant, and the time the page geometry takes, on generated forms.

A quick measure for the page geometry (ruled lines, cells, tick boxes): every form type in the
development generator's layouts (plus "cells": captions inside the top of bordered cells) is
read as born-digital PDF, 300-dpi scan, fine fax and standard fax, and its fields compared with
the truth the way the reading benchmark does (bench/reading/scoring.py). Readings are cached in a folder
(GEOMETRY_BENCH_CACHE) so a second run measures only the forms code.

    python bench/geometry_layouts.py out.json          # measure, write the figures
    python bench/geometry_layouts.py --compare a.json b.json

Run it on the code before a change and after it (the same cache of readings) and compare;
run_all.py leaves it out. Empty the cache when the generator changes: it is keyed by form name.
"""

from __future__ import annotations

import json
import os
import pickle
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.reading.scoring import same as _same
from casework.forms.analysis import analyze
from casework.forms.checkboxes import PageImage
from casework.forms.page_layout import build_layout
from casework.forms.rules import find_rules
from casework.plan.rulebook import load_rulebook
from ocr import DocumentReading, ReadSettings, read_document
from tests.forms.generator.corpus import FORM_TYPES, VARIANTS, make_form, write_variant

NOW = datetime(2026, 11, 23, 12, 0)
RULES = load_rulebook()
SEEDS = int(os.environ.get("GEOMETRY_BENCH_SEEDS", "3"))
LAYOUTS = tuple(os.environ.get("GEOMETRY_BENCH_LAYOUTS",
                               "inline,boxes,two_column,table,cells").split(","))
CACHE = Path(os.environ.get("GEOMETRY_BENCH_CACHE", "/tmp/geometry-bench-cache"))


def _reading(form_type: str, layout: str, seed: int, variant: str) -> tuple[object, DocumentReading]:
    form = make_form(form_type, layout, seed)
    cached = CACHE / f"{form.name}-{variant}.pickle"
    if cached.exists():
        return form, pickle.loads(cached.read_bytes())
    folder = CACHE / "files"
    path = write_variant(form, variant, folder)
    reading = read_document(path, ReadSettings())
    cached.write_bytes(pickle.dumps(reading))
    return form, reading


def run_one(job: tuple[str, str, int, str]) -> dict[str, object]:
    form_type, layout, seed, variant = job
    form, reading = _reading(form_type, layout, seed, variant)
    started = time.perf_counter()
    result = analyze(reading, NOW, RULES)
    analysed = time.perf_counter() - started
    geometry = 0.0
    for page in reading.pages:
        layout_ = build_layout(page)
        image = PageImage(page)
        image.gray()
        started = time.perf_counter()
        find_rules(image.gray(), layout_.text_height)
        geometry += time.perf_counter() - started
    schema = RULES.schemas[form_type]
    truth = form.truth["fields"]  # type: ignore[attr-defined]
    got = {k: f.value for k, f in result.fields.items()}
    wrong = {k: [str(v), str(got.get(k))] for k, v in truth.items()
             if not _same(schema.field(k).type, got.get(k), v)}
    return {"form_type": form_type, "layout": layout, "seed": seed, "variant": variant,
            "fields": len(truth), "matched": len(truth) - len(wrong), "wrong": wrong,
            "classified": result.form_type == form_type, "pages": len(reading.pages),
            "analyse_s": analysed, "geometry_s": geometry}


def _table(rows: list[dict]) -> dict[tuple[str, str], tuple[int, int, float, float, int]]:
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for row in rows:
        groups[(row["layout"], row["variant"])].append(row)
        groups[("ALL", row["variant"])].append(row)
    return {k: (sum(r["matched"] for r in v), sum(r["fields"] for r in v),
                sum(r["analyse_s"] for r in v), sum(r["geometry_s"] for r in v),
                sum(r["pages"] for r in v)) for k, v in groups.items()}


def _print(rows: list[dict], other: list[dict] | None = None) -> None:
    mine = _table(rows)
    before = _table(other) if other is not None else None
    print(f"{'layout':<11} {'variant':<13} {'fields':>15} {'analyse s/page':>16} "
          f"{'geometry s/page':>16}")
    for layout in (*LAYOUTS, "ALL"):
        for variant in VARIANTS:
            if (layout, variant) not in mine:
                continue
            matched, fields, analysed, geometry, pages = mine[(layout, variant)]
            text = f"{matched / fields:6.1%}"
            speed = f"{analysed / pages:7.3f}"
            geo = f"{geometry / pages:7.3f}"
            if before is not None and (layout, variant) in before:
                b = before[(layout, variant)]
                text = f"{b[0] / b[1]:6.1%} -> {text}"
                speed = f"{b[2] / b[4]:.3f} -> {speed.strip()}"
                geo = f"{b[3] / b[4]:.3f} -> {geo.strip()}"
            print(f"{layout:<11} {variant:<13} {text:>15} {speed:>16} {geo:>16}")


def main() -> int:
    if sys.argv[1:2] == ["--compare"]:
        before = json.loads(Path(sys.argv[2]).read_text())
        after = json.loads(Path(sys.argv[3]).read_text())
        _print(after, before)
        return 0
    CACHE.mkdir(parents=True, exist_ok=True)
    variants = os.environ.get("GEOMETRY_BENCH_VARIANTS", ",".join(VARIANTS)).split(",")
    jobs = [(t, layout, seed, v) for v in variants for t in FORM_TYPES for layout in LAYOUTS
            for seed in range(SEEDS)]
    with ProcessPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
        rows = list(pool.map(run_one, jobs))
    if len(sys.argv) > 1:
        Path(sys.argv[1]).write_text(json.dumps(rows, indent=1))
    _print(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
