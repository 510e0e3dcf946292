"""Related cases as data: resources/relations.yaml says how a case opened from a document
stands to a case the document names.

An appeal quotes the prior authorization it appeals; a State Hearing notice names the plan's
appeal it follows. Such a document opens its own case, with its own clocks, and the two cases
are related both ways ("appeals" / "appealed by"). A document of the same type as an open case
it names continues that case instead (filing attaches it); a pair of types no rule lists
relates as `otherwise` says, or not at all when the file has no `otherwise`.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path

from casework.plan.case_types import CASE_TYPES, CaseType
from casework.plan.rule_files import Fields, RuleFileError, parse_yaml, read_rule_text

RELATIONS_FILE = "relations.yaml"
# A document in intake review is not yet a case of the plan's work: it relates to nothing.
RELATABLE_TYPES = tuple(t for t in CASE_TYPES if t != CaseType.INTAKE_REVIEW)
MAX_WORDS = 64  # the width of `case_relations.relation`


@dataclass(frozen=True)
class RelationRule:
    """How a case of `case_types`, opened from a document naming a case of `names`, relates."""

    name: str
    case_types: tuple[str, ...]
    names: tuple[str, ...]
    relation: str  # how the opened case reads: "APL-2026-000002 appeals PA-2026-000001"
    inverse: str  # how the named case reads: "PA-2026-000001 appealed by APL-2026-000002"
    citation: str = ""
    line: int = 0


@dataclass(frozen=True)
class RelationRules:
    """The rules of one file, tried in order, and the relation of any other pair."""

    rules: tuple[RelationRule, ...] = ()
    otherwise: RelationRule | None = None
    source: str = ""

    def between(self, case_type: str, named_type: str) -> RelationRule | None:
        """How a new case of `case_type` relates to a named case of `named_type` (None: not)."""
        if case_type not in RELATABLE_TYPES or named_type not in RELATABLE_TYPES:
            return None
        for rule in self.rules:
            if case_type in rule.case_types and named_type in rule.names:
                return rule
        return self.otherwise


def load_relation_rules(path: Path | Traversable | None = None) -> RelationRules:
    """Read and check a relations file (the bundled resources/relations.yaml by default)."""
    text, source = read_rule_text(RELATIONS_FILE, path)
    return parse_relation_rules(text, source)


def parse_relation_rules(text: str, source: str) -> RelationRules:
    """Parse relations.yaml text; a bad rule is refused with the file, line and reason."""
    top = Fields(parse_yaml(text, source), source, 1, "the relations file")
    top.reject_unknown(("version", "rules", "otherwise"))
    if top.mapping.get("version") != 1:
        raise top.fail("version" if "version" in top.mapping else None,
                       "the relations file must say 'version: 1'")
    rules: list[RelationRule] = []
    seen: dict[tuple[str, str], int] = {}
    for entry in top.items("rules", required=False):
        rule = _rule(entry, source, top.line_of("rules"))
        for pair in ((c, n) for c in rule.case_types for n in rule.names):
            if pair in seen:
                raise RuleFileError(source, rule.line, f"a {pair[0]} naming a {pair[1]} is "
                                                       f"already related on line {seen[pair]}")
            seen[pair] = rule.line
        rules.append(rule)
    otherwise = None
    if "otherwise" in top.mapping:
        spec = Fields(top.mapping["otherwise"], source, top.line_of("otherwise"), "'otherwise'")
        spec.reject_unknown(("relation", "inverse"))
        otherwise = RelationRule("otherwise", RELATABLE_TYPES, RELATABLE_TYPES,
                                 _words(spec, "relation"), _words(spec, "inverse"),
                                 line=spec.mapping.line)
    return RelationRules(tuple(rules), otherwise, source)


def _rule(entry: object, source: str, line: int) -> RelationRule:
    item = Fields(entry, source, line, "a relation rule")
    item.reject_unknown(("name", "case", "names", "relation", "inverse", "citation"))
    name = item.text("name")
    citation = item.text("citation")
    assert name is not None and citation is not None
    return RelationRule(name, _types(item, "case"), _types(item, "names"),
                        _words(item, "relation"), _words(item, "inverse"), citation,
                        item.mapping.line)


def _types(item: Fields, key: str) -> tuple[str, ...]:
    """One case type or a list of them; intake review relates to nothing."""
    value = item.mapping.get(key)
    if value is None:
        raise item.fail(None, f"a relation rule is missing '{key}'")
    values = value if isinstance(value, list) else [value]
    if not values:
        raise item.fail(key, f"'{key}' must name at least one case type")
    for one in values:
        if one not in RELATABLE_TYPES:
            raise item.fail(key, f"'{key}' has '{one}', which is not one of: "
                                 f"{', '.join(RELATABLE_TYPES)}")
    return tuple(str(v) for v in values)


def _words(item: Fields, key: str) -> str:
    words = item.text(key)
    assert words is not None
    if len(words) > MAX_WORDS:
        raise item.fail(key, f"'{key}' must be at most {MAX_WORDS} characters")
    return words
