"""When a read field may be trusted without a person looking: a calibrated model, as data.

`resources/trust.yaml` holds the weights of a logistic model over a field's evidence
(where the page came from, how its label matched, where the value sat, how sure OCR was,
whether its type has a check of its own) and the one threshold above which a field is not
sent to review. The weights are fitted on the development half of the reading benchmark
(`bench/reading/calibrate.py`) so that fields above the threshold are at least 99.5% right;
a site may raise the threshold in its own copy, never lower it below what was measured.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
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
    top.reject_unknown(("version", "fitted", "bias", "threshold", "weights"))
    if top.mapping.get("version") != 1:
        raise top.fail("version" if "version" in top.mapping else None,
                       "the trust model must say 'version: 1'")
    threshold = _number(top, "threshold")
    if not 0.5 <= threshold < 1.0:
        raise top.fail("threshold", "the threshold is a probability between 0.5 and 1")
    weights = Fields(top.mapping.get("weights"), source, top.line_of("weights"), "weights")
    return TrustModel(
        bias=_number(top, "bias"),
        weights={name: _number(weights, name) for name in weights.mapping},
        threshold=threshold,
        source=source,
    )


def _number(fields: Fields, key: str) -> float:
    value = fields.mapping.get(key)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise fields.fail(key if key in fields.mapping else None, f"'{key}' must be a number")
    if not math.isfinite(float(value)):
        raise fields.fail(key, f"'{key}' must be a finite number")
    return float(value)

