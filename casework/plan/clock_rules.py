"""Clock rules as data: resources/clocks.yaml, each number with its regulation and dates in force.

A rule says which clock a case of a type and priority runs (acknowledge, resolve, decide, notify,
prepare), what it counts from (receipt, the decision, the hearing date), how long it runs
(calendar days, business days, hours, or business days before), the citation, the dates it is
in force for cases received on them, the extension the regulation allows (with the member's
notice of it, where one is required), and what becomes of a case whose clock runs out unmet
(an exempt grievance not resolved by the next business day becomes a standard one).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum, unique
from importlib.resources.abc import Traversable
from pathlib import Path

from casework.plan.case_types import CASE_TYPES, PRIORITIES, with_article
from casework.plan.rule_files import Fields, RuleFileError, parse_yaml, read_rule_text

CLOCKS_FILE = "clocks.yaml"


@unique
class ClockName(StrEnum):
    """The clocks a case runs; the value is what `case_clocks.name` and clocks.yaml hold."""

    ACKNOWLEDGE = "acknowledge"  # send the acknowledgment letter (grievances, appeals)
    RESOLVE = "resolve"  # resolve and send the resolution letter (grievances, appeals)
    DECIDE = "decide"  # decide a request (prior authorization, transportation)
    NOTIFY = "notify"  # tell the member and provider of a decision, counted from it
    PREPARE = "prepare"  # submit the position statement before a State Hearing


CLOCK_NAMES = tuple(ClockName)
FROM_RECEIPT = "received"  # a clock counted from the moment the request arrived
ANCHORS = (FROM_RECEIPT, "decided", "hearing")
# Kinds that count forwards from an instant, and the one that counts back from a hearing date.
FORWARD_KINDS = ("calendar_days", "business_days", "hours")
BACKWARD_KINDS = ("business_days_before",)
KINDS = FORWARD_KINDS + BACKWARD_KINDS
RULE_KEYS = ("case_type", "priority", "clock", "from", "due", "whichever", "citation",
             "effective_from", "effective_to", "extension", "overdue", "note")


@dataclass(frozen=True)
class Term:
    """One way of counting: `count` units of `kind` (calendar_days, business_days, hours...)."""

    kind: str
    count: int


@dataclass(frozen=True)
class ExtensionNotice:
    """The written notice the member must be sent when a clock is extended: the letter kind,
    how soon (calendar days after the extension; None: before the clock would have fallen
    due), and the regulation that requires it."""

    letter: str
    citation: str
    within_days: int | None = None


@dataclass(frozen=True)
class ExtensionRule:
    """How far a regulation lets the plan extend a clock, where it says so, and the notice it
    requires."""

    days: int
    citation: str
    notice: ExtensionNotice | None = None


@dataclass(frozen=True)
class OverdueRule:
    """What a case becomes when this clock falls due unmet: the priority it is worked at from
    then on, its clocks counted again from the original receipt."""

    becomes: str
    citation: str


@dataclass(frozen=True)
class ClockRule:
    """One clock for cases of a type and priority received while the rule is in force.

    With several terms, the clock falls due at the earliest of them (five business days but
    never more than seven calendar days).
    """

    case_types: tuple[str, ...]
    priorities: tuple[str, ...]
    clock: str
    anchor: str
    terms: tuple[Term, ...]
    citation: str
    effective_from: date | None = None
    effective_to: date | None = None
    extension: ExtensionRule | None = None
    overdue: OverdueRule | None = None
    note: str = ""
    line: int = 0

    def in_force_on(self, day: date) -> bool:
        """Whether a case received on plan-local `day` runs this rule."""
        starts_ok = self.effective_from is None or self.effective_from <= day
        ends_ok = self.effective_to is None or day <= self.effective_to
        return starts_ok and ends_ok


@dataclass(frozen=True)
class ClockRules:
    """Every clock rule of one file."""

    rules: tuple[ClockRule, ...]
    source: str = ""

    def for_case(self, case_type: str, priority: str) -> tuple[ClockRule, ...]:
        """The rules (any dates) for a case type and priority."""
        return tuple(r for r in self.rules
                     if case_type in r.case_types and priority in r.priorities)

    def rule_for(self, case_type: str, priority: str, clock: str,
                 received_day: date) -> ClockRule | None:
        """The rule in force for one clock of a case received on plan-local `received_day`."""
        return next((r for r in self.for_case(case_type, priority)
                     if r.clock == clock and r.in_force_on(received_day)), None)

    def with_overdue(self) -> tuple[ClockRule, ...]:
        """The rules that change a case whose clock falls due unmet."""
        return tuple(r for r in self.rules if r.overdue is not None)

    def priorities_of(self, case_type: str) -> tuple[str, ...]:
        """The priorities that have clocks for a case type, in the usual order."""
        used = {p for r in self.rules if case_type in r.case_types for p in r.priorities}
        return tuple(p for p in PRIORITIES if p in used)


def load_clock_rules(path: Path | Traversable | None = None) -> ClockRules:
    """Read and check a clock rule file (the bundled resources/clocks.yaml by default)."""
    text, source = read_rule_text(CLOCKS_FILE, path)
    return parse_clock_rules(text, source)


def parse_clock_rules(text: str, source: str) -> ClockRules:
    """Parse clocks.yaml text; a bad rule is refused with the file, line and reason."""
    top = Fields(parse_yaml(text, source), source, 1, "the clock rule file")
    top.reject_unknown(("version", "rules"))
    if top.mapping.get("version") != 1:
        raise top.fail("version" if "version" in top.mapping else None,
                       "the clock rule file must say 'version: 1'")
    entries = top.items("rules")
    rules = tuple(_rule(entry, source, top.line_of("rules")) for entry in entries)
    _refuse_overlaps(rules, source)
    _refuse_overdue_without_clocks(rules, source)
    return ClockRules(rules, source)


def _rule(entry: object, source: str, line: int) -> ClockRule:
    item = Fields(entry, source, line, "a clock rule")
    item.reject_unknown(RULE_KEYS)
    case_types = _one_or_more(item, "case_type", CASE_TYPES)
    priorities = _one_or_more(item, "priority", PRIORITIES)
    clock = item.choice("clock", CLOCK_NAMES)
    anchor = item.choice("from", ANCHORS)
    citation = item.text("citation", required=False)
    if citation is None:
        raise item.fail(None, "a clock rule must cite the regulation it implements "
                              "('citation' is missing)")
    assert clock is not None and anchor is not None
    terms = _terms(item, anchor)
    starts, ends = item.day("effective_from"), item.day("effective_to")
    if starts is not None and ends is not None and ends < starts:
        raise item.fail("effective_to", f"'effective_to' ({ends}) is before "
                                        f"'effective_from' ({starts})")
    return ClockRule(
        case_types=case_types, priorities=priorities, clock=clock, anchor=anchor, terms=terms,
        citation=citation, effective_from=starts, effective_to=ends,
        extension=_extension(item, source), overdue=_overdue(item, priorities),
        note=item.text("note", required=False) or "", line=item.mapping.line,
    )


def _one_or_more(item: Fields, key: str, choices: tuple[str, ...]) -> tuple[str, ...]:
    """One value or a list of values, each from `choices`."""
    value = item.mapping.get(key)
    if value is None:
        raise item.fail(None, f"a clock rule is missing '{key}'")
    values = value if isinstance(value, list) else [value]
    if not values:
        raise item.fail(key, f"'{key}' must name at least one value")
    for one in values:
        if one not in choices:
            raise item.fail(key, f"'{key}' has '{one}', which is not one of: "
                                 f"{', '.join(choices)}")
    return tuple(str(v) for v in values)


def _terms(item: Fields, anchor: str) -> tuple[Term, ...]:
    due = item.mapping.get("due")
    if due is None:
        raise item.fail(None, "a clock rule is missing 'due' (for example 'due: "
                              "{calendar_days: 5}')")
    spec = Fields(due, item.source, item.line_of("due"), "'due'")
    if not spec.mapping:
        raise item.fail("due", "'due' must say how long the clock runs")
    terms = []
    for kind in spec.mapping:
        if kind not in KINDS:
            raise spec.fail(kind, f"unknown kind of clock '{kind}' (known kinds: "
                                  f"{', '.join(KINDS)})")
        backward = kind in BACKWARD_KINDS
        if backward != (anchor == "hearing"):
            reason = (f"'{kind}' counts back from a hearing date, so the rule needs "
                      "'from: hearing'" if backward else
                      f"a clock counted from the hearing date must use "
                      f"{', '.join(BACKWARD_KINDS)}, not '{kind}'")
            raise spec.fail(kind, reason)
        count = spec.count(kind)
        assert count is not None
        terms.append(Term(kind, count))
    if len(terms) > 1 and item.mapping.get("whichever") != "earlier":
        raise item.fail("due", "a clock with more than one length must say "
                               "'whichever: earlier'")
    if len(terms) == 1 and "whichever" in item.mapping:
        raise item.fail("whichever", "'whichever' only applies when 'due' has several lengths")
    return tuple(terms)


def _extension(item: Fields, source: str) -> ExtensionRule | None:
    if "extension" not in item.mapping:
        return None
    spec = Fields(item.mapping["extension"], source, item.line_of("extension"), "'extension'")
    spec.reject_unknown(("days", "citation", "notice"))
    days = spec.count("days")
    citation = spec.text("citation", required=False)
    if citation is None:
        raise spec.fail(None, "an extension must cite the regulation that allows it "
                              "('citation' is missing)")
    assert days is not None
    return ExtensionRule(days, citation, _notice(spec))


def _notice(extension: Fields) -> ExtensionNotice | None:
    if "notice" not in extension.mapping:
        return None
    spec = Fields(extension.mapping["notice"], extension.source, extension.line_of("notice"),
                  "'notice'")
    spec.reject_unknown(("letter", "within_days", "citation"))
    letter = spec.text("letter")
    citation = spec.text("citation", required=False)
    if citation is None:
        raise spec.fail(None, "an extension notice must cite the regulation that requires it "
                              "('citation' is missing)")
    assert letter is not None
    return ExtensionNotice(letter, citation, spec.count("within_days", required=False))


def _overdue(item: Fields, priorities: tuple[str, ...]) -> OverdueRule | None:
    if "overdue" not in item.mapping:
        return None
    spec = Fields(item.mapping["overdue"], item.source, item.line_of("overdue"), "'overdue'")
    spec.reject_unknown(("becomes", "citation"))
    becomes = spec.choice("becomes", PRIORITIES)
    citation = spec.text("citation", required=False)
    if citation is None:
        raise spec.fail(None, "'overdue' must cite the regulation that changes the case "
                              "('citation' is missing)")
    assert becomes is not None
    if becomes in priorities:
        raise spec.fail("becomes", f"'becomes' is '{becomes}', the priority the case already "
                                   "has under this rule")
    return OverdueRule(becomes, citation)


def _refuse_overdue_without_clocks(rules: tuple[ClockRule, ...], source: str) -> None:
    """A case may only become a priority its case type has clocks for."""
    for rule in rules:
        if rule.overdue is None:
            continue
        for case_type in rule.case_types:
            if not any(case_type in r.case_types and rule.overdue.becomes in r.priorities
                       for r in rules):
                becomes = with_article(f"{rule.overdue.becomes} {case_type}")
                raise RuleFileError(
                    source, rule.line,
                    f"an overdue {case_type} case would become {rule.overdue.becomes}, but no "
                    f"rule gives {becomes} case its clocks")


def _refuse_overlaps(rules: tuple[ClockRule, ...], source: str) -> None:
    """Two rules for the same clock in force on the same day would make the due date a guess."""
    for index, later in enumerate(rules):
        for earlier in rules[:index]:
            types = sorted(set(earlier.case_types) & set(later.case_types))
            priorities = sorted(set(earlier.priorities) & set(later.priorities))
            same_clock = earlier.clock == later.clock and types and priorities
            if same_clock and _ranges_overlap(earlier, later):
                raise RuleFileError(
                    source, later.line,
                    f"this rule and the rule on line {earlier.line} are both in force on the "
                    f"same days for the {later.clock} clock of a {'/'.join(priorities)} "
                    f"{'/'.join(types)} case (overlapping effective dates)",
                )


def _ranges_overlap(first: ClockRule, second: ClockRule) -> bool:
    first_start, second_start = first.effective_from or date.min, second.effective_from or date.min
    first_end, second_end = first.effective_to or date.max, second.effective_to or date.max
    return first_start <= second_end and second_start <= first_end
