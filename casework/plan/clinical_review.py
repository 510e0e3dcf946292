"""Clinical review as data: resources/clinical_review.yaml, the decisions only a clinical reviewer
may record (a denial or modification for medical necessity, H&S Code §1367.01(e)), the queue a
referred case waits in, and the notices that name the reviewer.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType

from casework.plan.case_types import CASE_TYPES
from casework.plan.letter_kinds import LetterKind, bundled_letter_kinds
from casework.plan.rule_files import Fields, RuleFileError, parse_yaml, read_rule_text

CLINICAL_REVIEW_FILE = "clinical_review.yaml"
# The adverse outcomes a rule may reserve to a reviewer (cases.statuses.Outcome values).
ADVERSE_OUTCOMES = ("denied", "modified", "upheld")
_QUEUE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class ReviewedDecision:
    """Outcomes of one case type that only a clinical reviewer may record, and their notices."""

    case_type: str
    outcomes: tuple[str, ...]
    citation: str
    notices: Mapping[str, str] = field(default_factory=dict)  # outcome -> letter kind
    line: int = 0


@dataclass(frozen=True)
class ClinicalReviewRules:
    """The reviewer's queue and the decisions reserved to reviewers."""

    queue: str
    decisions: tuple[ReviewedDecision, ...] = ()
    source: str = ""

    def decision_for(self, case_type: str, outcome: str | None) -> ReviewedDecision | None:
        """The rule reserving `outcome` of a `case_type` case to a reviewer, if there is one."""
        return next((d for d in self.decisions
                     if d.case_type == case_type and outcome in d.outcomes), None)

    def reviewed(self, case_type: str) -> bool:
        """Whether some decision on a case of this type needs a clinical reviewer."""
        return any(d.case_type == case_type for d in self.decisions)

    def notice_outcome(self, case_type: str, kind: str) -> str | None:
        """The reserved outcome a letter `kind` tells of on a `case_type` case, if any."""
        for decision in self.decisions:
            if decision.case_type == case_type:
                for outcome, notice in decision.notices.items():
                    if notice == kind:
                        return outcome
        return None

    @property
    def notice_kinds(self) -> frozenset[str]:
        """Every letter kind whose reviewer comes from a recorded decision."""
        return frozenset(k for d in self.decisions for k in d.notices.values())


def load_clinical_review(path: Path | Traversable | None = None,
                         kinds: Mapping[str, LetterKind] | None = None) -> ClinicalReviewRules:
    """Read and check the clinical review rules (the bundled file by default), its notices
    against `kinds` (the bundled letter kinds by default)."""
    text, source = read_rule_text(CLINICAL_REVIEW_FILE, path)
    return parse_clinical_review(text, source, kinds)


def parse_clinical_review(text: str, source: str,
                          kinds: Mapping[str, LetterKind] | None = None) -> ClinicalReviewRules:
    """Parse clinical_review.yaml text; a bad entry is refused with the file, line and reason.
    Each notice must be one of `kinds` (the bundled letter kinds by default) fitting its cases."""
    known = bundled_letter_kinds() if kinds is None else kinds
    top = Fields(parse_yaml(text, source), source, 1, "the clinical review file")
    top.reject_unknown(("version", "queue", "decisions"))
    if top.mapping.get("version") != 1:
        raise top.fail("version" if "version" in top.mapping else None,
                       "the clinical review file must say 'version: 1'")
    queue = top.text("queue")
    assert queue is not None
    if not _QUEUE.match(queue):
        raise top.fail("queue", f"the queue name '{queue}' must be lower-case letters, digits "
                                "and underscores")
    decisions: list[ReviewedDecision] = []
    for entry in top.items("decisions"):
        decision = _decision(entry, source, top.line_of("decisions"), known)
        if any(d.case_type == decision.case_type for d in decisions):
            raise RuleFileError(source, decision.line, f"'{decision.case_type}' is listed "
                                                       "twice; give all its outcomes in one entry")
        decisions.append(decision)
    return ClinicalReviewRules(queue, tuple(decisions), source)


def _decision(entry: object, source: str, line: int,
              kinds: Mapping[str, LetterKind]) -> ReviewedDecision:
    item = Fields(entry, source, line, "a clinical review decision")
    item.reject_unknown(("case_type", "outcomes", "notices", "citation"))
    case_type = item.choice("case_type", CASE_TYPES)
    citation = item.text("citation")
    assert case_type is not None and citation is not None
    outcomes = item.items("outcomes")
    if not outcomes:
        raise item.fail("outcomes", "'outcomes' must list at least one outcome")
    for outcome in outcomes:
        if outcome not in ADVERSE_OUTCOMES:
            raise item.fail("outcomes", f"'{outcome}' is not an outcome a reviewer alone may "
                                        f"record; use {', '.join(ADVERSE_OUTCOMES)}")
    notices: dict[str, str] = {}
    if "notices" in item.mapping:
        spec = Fields(item.mapping["notices"], source, item.line_of("notices"), "'notices'")
        for outcome in spec.mapping:
            kind = spec.text(outcome)
            if outcome not in outcomes:
                raise spec.fail(outcome, f"'{outcome}' has a notice but is not in 'outcomes'")
            if kind not in kinds:
                raise spec.fail(outcome, f"there is no letter kind '{kind}'; the kinds are "
                                         f"{', '.join(kinds)}")
            if case_type not in kinds[str(kind)].fits.case_types:
                raise spec.fail(outcome, f"the letter kind '{kind}' does not fit {case_type} "
                                         "cases (letter_kinds.yaml)")
            notices[outcome] = str(kind)
    return ReviewedDecision(case_type, tuple(str(o) for o in outcomes), citation,
                            MappingProxyType(notices), item.mapping.line)
