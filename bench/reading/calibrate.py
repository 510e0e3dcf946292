"""Fit the trust model (resources/trust.yaml) on the DEVELOPMENT half of the reading
benchmark, and choose the one threshold above which fields are trusted without review.

Documents are drawn with development wordings only, from seeds the benchmark itself does not
use (CALIBRATE_FIRST_SEED, default 100), in every family and variant, read by the real
pipeline with the development wordings taken out of the schemas (so every label is met as on
a form nobody has seen), and every field the reader reported becomes one sample: its
evidence's features, its evidence bucket and whether its value was right (a value reported
for a field printed blank is wrong). A logistic model is fitted and each bucket's record
tallied (the probability is the logistic estimate moved towards the record, PRIOR_WEIGHT);
the threshold is chosen on out-of-fold probabilities (three folds by layout family, each
scored by a model and table built without it) as the lowest probability at which the
fields let through are at least TARGET right with a margin, and those of every variant at
least TARGET; the figures are printed and the
file is written.

Readings are cached under bench/out/readings/ (OCR is the slow part), so refitting after a
change to extraction costs only the analysis. CALIBRATE_SEEDS (default 2) seeds per form type,
family and variant; --dry-run prints without writing the file.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import pickle
import random
import sys
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench.reading.corpus import FORM_TYPES, make_document, plan
from bench.reading.degrade import VARIANTS, write_variant
from bench.reading.families import FAMILIES
from bench.reading.scoring import same
from bench.reading.wordings import all_wordings
from bench.reading.wordings import fold as fold_text
from casework.forms.analysis import analyze
from casework.forms.trust import always_checked, bucket, features, stray_fields
from casework.forms.wording import wording_for
from casework.plan.rulebook import Rulebook, load_rulebook
from casework.plan.trust_model import TrustModel
from ocr import DocumentReading, ReadSettings, read_document

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / "bench" / "out" / "readings"
TRUST_FILE = ROOT / "resources" / "trust.yaml"
NOW = datetime(2026, 11, 23, 12, 0)
TARGET = 0.995
MARGIN = 0.003  # chosen on the same development documents: ask for more than the target
PRIOR_WEIGHT = 10.0  # the logistic estimate counts as this many fields of a bucket's record
FIRST_SEED = int(os.environ.get("CALIBRATE_FIRST_SEED", "100"))
SEEDS = int(os.environ.get("CALIBRATE_SEEDS", "2"))


@dataclass(frozen=True)
class Sample:
    """One reported field: its features, whether it was right, and which document it is from."""

    document: str
    variant: str
    features: dict[str, float]
    right: bool
    bucket: str | None = None
    reviewed: bool = False  # always shown to a person (re-read, unsure OCR, a name, away from the form)


def _reading(form_type: str, family: str, seed: int, variant: str) -> tuple[DocumentReading, object]:
    spanish, cover, omit = plan(form_type, family, seed)
    document = make_document(form_type, family, seed, "development", spanish=spanish,
                             cover=cover, omit=omit)
    key = hashlib.sha256(document.pdf + variant.encode()).hexdigest()[:24]
    cached = CACHE / f"{key}.pickle"
    if cached.exists():
        return pickle.loads(cached.read_bytes()), document.truth
    CACHE.mkdir(parents=True, exist_ok=True)
    folder = CACHE / f"tmp-{os.getpid()}"
    folder.mkdir(exist_ok=True)
    path = write_variant(document.pdf, document.truth.name, variant, folder)
    reading = read_document(path, ReadSettings())
    path.unlink()
    cached.write_bytes(pickle.dumps(reading))
    return reading, document.truth


def samples_of(job: tuple[str, str, int, str]) -> list[Sample]:
    """Read (or reuse) one development document and turn each reported field into a sample."""
    form_type, family, seed, variant = job
    rulebook = load_rulebook_once()
    reading, truth = _reading(form_type, family, seed, variant)
    analysis = analyze(reading, NOW, rulebook)
    if analysis.form_type != form_type:
        return []  # a misread type is classification's failure, scored by the benchmark
    schema = rulebook.schemas[form_type]
    strays = stray_fields(analysis.fields)
    found = []
    for name, extracted in analysis.fields.items():
        if extracted.evidence is None:
            continue
        spec = schema.field(name)
        want = truth.fields.get(name)  # type: ignore[attr-defined]
        right = want is not None and same(spec.type, extracted.value, want)
        wording = wording_for(rulebook)
        reviewed = name in strays or always_checked(extracted, spec)
        found.append(Sample(truth.name, variant,  # type: ignore[attr-defined]
                            features(extracted, spec, wording), right,
                            None if reviewed else bucket(extracted, spec, wording), reviewed))
    return found


_RULES: list[object] = []


def load_rulebook_once():  # type: ignore[no-untyped-def]
    """One Rulebook per worker process: its derived caches make analysis fast."""
    if not _RULES:
        _RULES.append(without_development_wordings(load_rulebook()))
    return _RULES[0]


def without_development_wordings(rulebook: Rulebook) -> Rulebook:
    """The rules with every development label and title wording taken out of the schemas.

    Calibration reads development documents; with their own wordings in the schemas every
    label would match exactly, and the model would learn how a form the reader knows word for
    word reads. Taken out, each label is met as on a form nobody has seen: that is what the
    threshold must hold for."""
    seen = {fold_text(w) for w in all_wordings("development")}
    schemas = {
        form_type: replace(schema,
                           titles=tuple(t for t in schema.titles if fold_text(t) not in seen),
                           fields=tuple(replace(spec, labels=tuple(
                               label for label in spec.labels if fold_text(label) not in seen))
                               for spec in schema.fields))
        for form_type, schema in rulebook.schemas.items()}
    return replace(rulebook, schemas=MappingProxyType(schemas))


def fit(samples: list[Sample], names: list[str], l2: float = 1.0) -> tuple[float, np.ndarray]:
    """Logistic regression by Newton's method with a small L2 penalty: (bias, weights)."""
    x = np.array([[s.features.get(n, 0.0) for n in names] for s in samples])
    y = np.array([1.0 if s.right else 0.0 for s in samples])
    x1 = np.hstack([np.ones((len(x), 1)), x])
    w = np.zeros(x1.shape[1])
    penalty = l2 * np.eye(x1.shape[1])
    penalty[0, 0] = 0.0
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(x1 @ w, -40, 40)))
        gradient = x1.T @ (p - y) + penalty @ w
        hessian = x1.T @ (x1 * (p * (1 - p))[:, None]) + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return float(w[0]), w[1:]


def tally(samples: list[Sample]) -> dict[str, tuple[int, int]]:
    """Each evidence bucket's fields seen and, of them, right."""
    table: dict[str, tuple[int, int]] = {}
    for sample in samples:
        if sample.bucket is not None:
            seen, right = table.get(sample.bucket, (0, 0))
            table[sample.bucket] = (seen + 1, right + int(sample.right))
    return table


def probabilities(samples: list[Sample], names: list[str], bias: float,
                  weights: np.ndarray, table: dict[str, tuple[int, int]]) -> np.ndarray:
    """Each sample's probability as the product computes it: the logistic estimate moved
    towards its bucket's record."""
    model = TrustModel(bias, dict(zip(names, weights.tolist(), strict=True)), 0.99,
                       buckets=table, prior_weight=PRIOR_WEIGHT)
    x = np.array([[s.features.get(n, 0.0) for n in names] for s in samples])
    prior = 1.0 / (1.0 + np.exp(-np.clip(bias + x @ weights, -40, 40)))
    return np.array([0.0 if sample.reviewed else model.bucket_probability(sample.bucket,
                                                                           float(prior[i]))
                     for i, sample in enumerate(samples)])


def out_of_fold_probabilities(samples: list[Sample], names: list[str],
                              folds: int = 3) -> np.ndarray:
    """Each sample's probability from a model and table built on the other folds, split by
    layout family: the threshold is chosen on fields read from layouts neither has seen (a
    layout's slips repeat on every form drawn in it, so a split by document would hide them)."""
    families = sorted({family_of(s.document) for s in samples})
    random.Random(7).shuffle(families)
    fold_of = {f: n % folds for n, f in enumerate(families)}
    result = np.zeros(len(samples))
    for fold in range(folds):
        train = [s for s in samples if fold_of[family_of(s.document)] != fold]
        test = [i for i, s in enumerate(samples) if fold_of[family_of(s.document)] == fold]
        bias, weights = fit(train, names)
        result[test] = probabilities([samples[i] for i in test], names, bias, weights,
                                     tally(train))
    return result


def family_of(document: str) -> str:
    """The layout family of a benchmark document's name ("development-nemt_request-table-101")."""
    return document.split("-")[2]


def choose_threshold(p: np.ndarray, right: np.ndarray, variants: list[str]) -> float:
    """The lowest threshold at which the trusted fields are at least TARGET + MARGIN right
    and those of every variant (born-digital, scan, fine and standard fax) at least TARGET:
    a fax's slips must not hide behind the born-digital pages' record."""
    order = np.argsort(-p)
    seen: dict[str, int] = {}
    hits: dict[str, int] = {}
    best = 0.999
    for count, index in enumerate(order, start=1):
        variant = variants[index]
        seen[variant] = seen.get(variant, 0) + 1
        hits[variant] = hits.get(variant, 0) + int(right[index])
        if sum(hits.values()) / count >= TARGET + MARGIN and all(
                hits[v] / seen[v] >= TARGET for v in seen):
            best = float(p[index])
    return min(max(best, 0.5), 0.999)


def report(title: str, samples: list[Sample], p: np.ndarray, threshold: float) -> None:
    right = np.array([s.right for s in samples])
    print(f"{title}: {len(samples)} fields, {right.mean():.1%} right")
    for variant in (*VARIANTS, "all"):
        chosen = [i for i, s in enumerate(samples) if variant in ("all", s.variant)]
        if not chosen:
            continue
        trusted = [i for i in chosen if p[i] >= threshold]
        good = sum(right[i] for i in trusted)
        print(f"  {variant:<14} coverage {len(trusted) / len(chosen):6.1%}  "
              f"trusted precision {good / max(1, len(trusted)):7.2%}  ({len(trusted)} trusted)")


def write(bias: float, names: list[str], weights: np.ndarray, threshold: float,
          count: int, table: dict[str, tuple[int, int]]) -> None:
    text = TRUST_FILE.read_text(encoding="utf-8")
    head = text[:text.index("version: 1")]
    lines = [head.rstrip() + "\n", "version: 1",
             f'fitted: "{date.today().isoformat()}, {count} development fields, seeds '
             f'{FIRST_SEED}-{FIRST_SEED + SEEDS - 1}"',
             f"bias: {bias:.4f}", f"threshold: {threshold:.4f}",
             f"prior_weight: {PRIOR_WEIGHT:g}", "weights:"]
    lines += [f"  {name}: {weight:.4f}" for name, weight in zip(names, weights, strict=True)
              if abs(weight) >= 1e-4]
    # Every bucket is written, however short its record: a few fields barely move the
    # estimate (PRIOR_WEIGHT), and a site reading the file sees what was measured.
    lines += ["buckets:"] + [f'  "{name}": [{seen}, {right}]'
                             for name, (seen, right) in sorted(table.items())]
    TRUST_FILE.write_text("\n".join(lines) + "\n", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dry-run", action="store_true")
    args = parser.parse_args()
    jobs = [(t, f, s, v) for t in FORM_TYPES for f in FAMILIES
            for s in range(FIRST_SEED, FIRST_SEED + SEEDS) for v in VARIANTS]
    with ProcessPoolExecutor(max_workers=2) as pool:
        samples = [s for found in pool.map(samples_of, jobs, chunksize=2) for s in found]
    names = sorted({n for s in samples for n in s.features})
    out_of_fold = out_of_fold_probabilities(samples, names)
    right = np.array([s.right for s in samples])
    threshold = choose_threshold(out_of_fold, right, [s.variant for s in samples])
    bias, weights = fit(samples, names)
    table = tally(samples)
    print(f"threshold {threshold:.4f}")
    report("out of fold (each document scored by a model fitted without it)", samples,
           out_of_fold, threshold)
    report("fitted on all", samples, probabilities(samples, names, bias, weights, table),
           threshold)
    if not args.dry_run:
        write(bias, names, weights, threshold, len(samples), table)
        print(f"written: {TRUST_FILE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
