"""When a read field may be trusted without a person looking: a calibrated model, as data.

`resources/trust.yaml` holds the weights of a logistic model over a field's evidence
(where the page came from, how its label matched, where the value sat, how sure OCR was,
whether its type has a check of its own), a table of how often fields of each kind of
evidence were read right, and the one threshold above which a field is not sent to review.
The logistic model ranks every field; where the table has seen fields like it, their record
pulls the probability towards what actually happened (an additive model cannot say that
text-layer dates beside an exact label are always right while text-layer names are not).
Both are fitted on the development half of the reading benchmark
(`bench/reading/calibrate.py`) so that fields above the threshold are at least 99.5% right; a
site may raise the threshold in its own copy, never lower it below what was measured.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path

from casework.plan.rule_files import Fields, parse_yaml, read_rule_text

TRUST_FILE = "trust.yaml"


@dataclass(frozen=True)
class TrustModel:
    """P(a field's value is right) = logistic(bias + sum of the weights of its features)."""

    bias: float
    weights: Mapping[str, float]  # feature ("source=fax", "ocr_doubt") -> weight
    threshold: float  # at or above: trusted without review
    source: str = ""
    # evidence bucket (see casework.forms.trust.bucket) -> (fields seen, of them right)
    buckets: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    prior_weight: float = 10.0  # how many fields' worth the logistic estimate counts for

    def bucket_probability(self, bucket: str | None, prior: float) -> float:
        """`prior` (the logistic estimate) moved towards the record of fields like this one:
        (right + w * prior) / (seen + w); the prior alone for a bucket never seen."""
        seen, right = self.buckets.get(bucket or "", (0, 0))
        return (right + self.prior_weight * prior) / (seen + self.prior_weight)

    def probability(self, features: Mapping[str, float]) -> float:
        """The calibrated chance that a field with these features was read right."""
        total = self.bias + sum(self.weights.get(name, 0.0) * value
                                for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-40.0, min(40.0, total))))


def load_trust_model(path: Path | Traversable | None = None) -> TrustModel:
    """Read and check the trust model (the bundled resources/trust.yaml by default)."""
    text, source = read_rule_text(TRUST_FILE, path)
    return parse_trust_model(text, source)


def parse_trust_model(text: str, source: str) -> TrustModel:
    """Parse trust.yaml text; a bad entry is refused with the file, line and reason."""
    top = Fields(parse_yaml(text, source), source, 1, "the trust model")
    top.reject_unknown(("version", "fitted", "bias", "threshold", "weights", "prior_weight",
                        "buckets"))
    if top.mapping.get("version") != 1:
        raise top.fail("version" if "version" in top.mapping else None,
                       "the trust model must say 'version: 1'")
    threshold = _number(top, "threshold")
    if not 0.5 <= threshold < 1.0:
        raise top.fail("threshold", "the threshold is a probability between 0.5 and 1")
    weights = Fields(top.mapping.get("weights"), source, top.line_of("weights"), "weights")
    prior_weight = _number(top, "prior_weight") if "prior_weight" in top.mapping else 10.0
    if prior_weight <= 0:
        raise top.fail("prior_weight", "'prior_weight' must be more than 0")
    return TrustModel(
        bias=_number(top, "bias"),
        weights={name: _number(weights, name) for name in weights.mapping},
        threshold=threshold,
        source=source,
        buckets=_buckets(top),
        prior_weight=prior_weight,
    )


def _buckets(top: Fields) -> dict[str, tuple[int, int]]:
    """The `buckets` table: each `name: [seen, right]`, right never more than seen."""
    if "buckets" not in top.mapping:
        return {}
    table = Fields(top.mapping.get("buckets"), top.source, top.line_of("buckets"), "buckets")
    found: dict[str, tuple[int, int]] = {}
    for name, counts in table.mapping.items():
        if (not isinstance(counts, list) or len(counts) != 2
                or not all(isinstance(c, int) and not isinstance(c, bool) and c >= 0
                           for c in counts) or counts[1] > counts[0]):
            raise table.fail(name, f"'{name}' must be [fields seen, of them right]")
        found[str(name)] = (counts[0], counts[1])
    return found


def _number(fields: Fields, key: str) -> float:
    value = fields.mapping.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise fields.fail(key if key in fields.mapping else None, f"'{key}' must be a number")
    if not math.isfinite(float(value)):
        raise fields.fail(key, f"'{key}' must be a finite number")
    return float(value)

