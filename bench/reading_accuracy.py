"""Field reading accuracy on forms drawn from layout families with frozen wordings, for the
development half and the held-out half of the wordings, against a plain baseline.

Every form type is drawn in every layout family (bench/reading/families.py) with label,
title and option wordings from bench/reading/wordings.yaml, once with the development
wordings and once with the held-out ones; some documents are Spanish, some have a fax cover
page, some leave one required field blank. Each is read as born-digital PDF, 300-dpi scan,
fine fax and standard fax by the real pipeline (ocr.read_document, then
casework.forms.analysis.analyze) in a pool of two processes. The baseline, on the same
readings, classifies by title words and takes "Label: value" only where a schema label is
printed exactly.

Figures, per half x variant and per half x family: classification; fields exact (of truth
fields with a value); missing-field recall (a blank required field reported missing or
unverified); false alarms (a value reported for a field printed blank); coverage (truth
fields whose extracted value is not sent to review) and trusted precision (of those, right);
per half x variant also the share of documents routed to the case type and priority their
truth routes to (what starts the clocks), and the fields, exact, trusted precision and coverage
of the fields whose printed caption is none of their schema's wordings (a bare tick-box row
counts among them): about a quarter of the schemas' labels are also held-out wordings, so the
held-out figure over all fields overstates reading of wordings never seen.
A field is trusted when its `needs_review` is false or, where fields have no such flag yet,
when its confidence is at least 0.95; the rule used is printed.

READING_BENCH_SEEDS seeds per half, form type, family and variant (default 1: 576
documents, about 1.4 CPU-seconds each, so 7-10 minutes on two idle cores; 38 minutes were
measured on a machine shared at load 9-15); READING_BENCH_VARIANTS limits the variants
(comma-separated); READING_BENCH_ENLARGE names the faxes enlarged to 300 dpi before reading
("fine,standard"; empty: none) and READING_BENCH_REREAD those whose unsure lines are read
again enlarged, to compare with the defaults. READING_BENCH_VERBOSE=1 lists every wrong field of DEVELOPMENT documents
only: held-out figures are printed in aggregate and never field by field, so nobody tunes
the reader on them. Exits 0 whether or not targets are met; it reports, it does not gate.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.reading.corpus import FORM_TYPES, make_document, plan
from bench.reading.degrade import VARIANTS, write_variant
from bench.reading.families import FAMILIES
from bench.reading.scoring import Score, score
from bench.reading.wordings import HALVES
from casework.forms.analysis import analyze
from casework.forms.requested_priority import requested_priority
from casework.plan.routing import route
from casework.plan.rulebook import Rulebook, load_rulebook
from ocr import ReadSettings, read_document

SEEDS = int(os.environ.get("READING_BENCH_SEEDS", "1"))


def _kinds(name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    value = os.environ.get(name)
    return default if value is None else tuple(k for k in value.split(",") if k)


# Which faxes ("fine,standard") are enlarged whole to 300 dpi before reading, and which have
# their unsure lines read again enlarged; unset: the defaults.
SETTINGS = ReadSettings(enlarge_faxes=_kinds("READING_BENCH_ENLARGE", ReadSettings.enlarge_faxes),
                        reread_faxes=_kinds("READING_BENCH_REREAD", ReadSettings.reread_faxes))
NOW = datetime(2026, 11, 23, 12, 0)
# held-out targets per variant: fields exact, trusted precision, coverage
TARGETS = {"born_digital": (0.98, 0.995, 0.90), "scan": (0.98, 0.995, 0.80),
           "fax_fine": (0.95, 0.995, 0.80), "fax_standard": (0.90, 0.995, 0.65)}


_RULES: list[Rulebook] = []


def _rules() -> Rulebook:
    """The bundled rules, read once per worker process (their caches make analysis quick)."""
    if not _RULES:
        _RULES.append(load_rulebook())
    return _RULES[0]


@dataclass(frozen=True)
class Job:
    """One document to draw, degrade, read and score."""

    half: str
    form_type: str
    family: str
    seed: int
    variant: str
    folder: str


@dataclass
class Outcome:
    """A job's score and the name of its document."""

    job: Job
    name: str
    score: Score


def run_one(job: Job) -> Outcome:
    """Draw, degrade, read and analyse one document; score it against its truth."""
    spanish, cover, omit = plan(job.form_type, job.family, job.seed)
    document = make_document(job.form_type, job.family, job.seed, job.half,
                             spanish=spanish, cover=cover, omit=omit)
    truth = document.truth
    path = write_variant(document.pdf, truth.name, job.variant, Path(job.folder))
    reading = read_document(path, SETTINGS)
    rules = _rules()
    analysis = analyze(reading, NOW, rules)
    result = score(analysis, reading, rules.schemas, job.form_type, truth.fields,
                   truth.blank, truth.missing, truth.captions)
    asked = requested_priority(analysis, reading, rules.routing.priority)
    read_route = _case_route(rules, analysis.form_type,
                             {n: f.value for n, f in analysis.fields.items()},
                             analysis.complete, asked.value)
    true_route = _case_route(rules, job.form_type, dict(truth.fields), not truth.missing)
    result.routed = int(read_route == true_route)
    result.routed_for_review = int(read_route != true_route and asked.unread)
    if read_route != true_route:
        result.wrong.append(("route", true_route, f"{read_route} ({asked.source})"))
    if job.half != "development":
        result.wrong = []  # held-out mistakes never leave the worker
    path.unlink()
    return Outcome(job, truth.name, result)


def _case_route(rules: Rulebook, form_type: str, fields: dict[str, object],
                complete: bool, priority: str | None = None) -> tuple[str, str]:
    """The case type and priority routing gives these fields (and the requested priority
    read from the page, when given): what decides the clocks."""
    decision = route(rules.routing, form_type, fields, complete, None, priority)
    return decision.case_type, decision.priority


def _pct(part: int, whole: int) -> str:
    return f"{part / whole:6.1%}" if whole else f"{'-':>6}"


HEADER = (f"{'':<24} {'docs':>4} {'class':>6} {'base':>6} {'fields':>6} {'base':>6} "
          f"{'miss.':>6} {'f.al.':>5} {'t.prec':>6} {'cover':>6}")


def _row(name: str, docs: int, s: Score) -> str:
    return (f"{name:<24} {docs:>4} {_pct(s.classified, docs)} {_pct(s.base_classified, docs)} "
            f"{_pct(s.matched, s.fields)} {_pct(s.base_matched, s.fields)} "
            f"{_pct(s.caught, s.omitted)} {s.false_alarms:>5} "
            f"{_pct(s.trusted_right, s.trusted)} {_pct(s.trusted, s.fields)}")


def _target_note(variant: str, s: Score) -> str:
    fields, precision, coverage = TARGETS[variant]
    marks = [f"fields {'ok' if s.fields and s.matched / s.fields >= fields else 'MISS'}"
             f" (>= {fields:.0%})",
             f"trusted {'ok' if s.trusted and s.trusted_right / s.trusted >= precision else 'MISS'}"
             f" (>= {precision:.1%})",
             f"coverage {'ok' if s.fields and s.trusted / s.fields >= coverage else 'MISS'}"
             f" (>= {coverage:.0%})",
             f"missing {'ok' if s.caught == s.omitted else 'MISS'} (100%)"]
    return "    target: " + "; ".join(marks)


def report(outcomes: list[Outcome]) -> None:
    """Print the tables: per half x variant, then per half x family."""
    by_variant: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
    by_family: dict[tuple[str, str], list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_variant[(outcome.job.half, outcome.job.variant)].append(outcome)
        by_family[(outcome.job.half, outcome.job.family)].append(outcome)
    rules = set().union(*(o.score.rules for o in outcomes))
    print(f"trusted = {' / '.join(sorted(rules)) or 'no field extracted'}; "
          "baseline = exact schema labels and title words")
    print("columns: class, base = classified (reader, baseline); fields, base = fields exact; "
          "miss. = missing-field recall; f.al. = false alarms; t.prec = trusted precision; "
          "cover = coverage\n")
    for title, groups, keys in (("half x variant", by_variant, VARIANTS),
                                ("half x family", by_family, tuple(FAMILIES))):
        print(f"== {title} ==")
        print(HEADER)
        print("-" * len(HEADER))
        for half in HALVES:
            for key in keys:
                rows = groups.get((half, key))
                if not rows:
                    continue
                total = Score()
                for outcome in rows:
                    total.add(outcome.score)
                print(_row(f"{half} {key}", len(rows), total))
                if title == "half x variant":
                    print(f"    fields whose caption no schema prints ({_pct(total.new_fields, total.fields).strip()} "
                          f"of them): exact {_pct(total.new_matched, total.new_fields).strip()}, "
                          f"t.prec {_pct(total.new_trusted_right, total.new_trusted).strip()}, "
                          f"cover {_pct(total.new_trusted, total.new_fields).strip()}")
                    print(f"    case type and priority as the truth routes: "
                          f"{_pct(total.routed, len(rows)).strip()}; otherwise opened "
                          f"expedited with a person asked to read the urgency: "
                          f"{total.routed_for_review}")
                if half == "held_out" and key in TARGETS:
                    print(_target_note(key, total))
            print()


def main() -> int:
    variants = os.environ.get("READING_BENCH_VARIANTS", ",".join(VARIANTS)).split(",")
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="reading-bench-") as tmp:
        jobs = [Job(half, form_type, family, seed, variant, str(Path(tmp) / variant))
                for half in HALVES for variant in variants for form_type in FORM_TYPES
                for family in FAMILIES for seed in range(SEEDS)]
        with ProcessPoolExecutor(max_workers=min(2, os.cpu_count() or 1)) as pool:
            outcomes = list(pool.map(run_one, jobs, chunksize=4))
    if os.environ.get("READING_BENCH_VERBOSE"):
        for outcome in outcomes:
            for name, want, got in outcome.score.wrong:  # development documents only
                print(f"{outcome.name} {outcome.job.variant}: {name} expected {want!r} "
                      f"got {got!r}")
    print(f"{len(outcomes)} documents ({SEEDS} seed(s) per half, form type, family and "
          f"variant) in {time.monotonic() - started:.0f} s")
    report(outcomes)
    print("targets (held-out half): fields exact >= 98% born-digital and scan, >= 95% fine fax, "
          ">= 90% standard fax; trusted precision >= 99.5% with coverage >= 90% born-digital, "
          ">= 80% scan and fine fax, >= 65% standard fax; missing-field recall 100%")
    return 0


if __name__ == "__main__":
    sys.exit(main())
