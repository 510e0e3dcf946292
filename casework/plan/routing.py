"""Routing: which case type, queue and priority a recognised document opens.

Rules live in resources/routing.yaml and are tried in order; the first whose conditions all
hold wins, and a document no rule takes goes to the default (Intake Review). Conditions look at
the form type, the requested priority (one value, drawn from the urgency, expedited and other
fields as the `requested_priority` section says), other field values (a program), whether the
form is complete, and the member's language.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from casework.plan.case_types import CASE_TYPES, PRIORITIES, Priority
from casework.plan.priority_rules import PriorityRules, normal_value, parse_priority_rules
from casework.plan.rule_files import Fields, Located, RuleFileError, parse_yaml, read_rule_text

ROUTING_FILE = "routing.yaml"
_QUEUE = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class RouteDecision:
    """Where a document goes, and which rule sent it there (for the audit trail)."""

    case_type: str
    queue: str
    priority: str
    rule: str
    is_default: bool = False


@dataclass(frozen=True)
class Match:
    """One condition: the value is (or, negated, is not) one of `values` (None = no value)."""

    values: frozenset[str | None]
    negated: bool = False

    def accepts(self, value: object) -> bool:
        return (normal_value(value) in self.values) != self.negated


@dataclass(frozen=True)
class RoutingRule:
    """A named rule: conditions that must all hold, and where matching documents go."""

    name: str
    decision: RouteDecision
    form_types: Match | None = None
    fields: tuple[tuple[str, Match], ...] = ()
    complete: bool | None = None
    language: Match | None = None
    priority: Match | None = None
    line: int = 0

    def matches(self, form_type: str, fields: dict[str, object], complete: bool,
                language: str | None, priority: str = Priority.STANDARD) -> bool:
        """Whether every condition of the rule holds for this document."""
        if self.form_types is not None and not self.form_types.accepts(form_type):
            return False
        if self.priority is not None and not self.priority.accepts(priority):
            return False
        if self.complete is not None and self.complete != complete:
            return False
        if self.language is not None and not self.language.accepts(language):
            return False
        return all(match.accepts(fields.get(name)) for name, match in self.fields)

    @property
    def matches_everything(self) -> bool:
        return (self.form_types is None and not self.fields and self.complete is None
                and self.language is None and self.priority is None)


@dataclass(frozen=True)
class RoutingRules:
    """The ordered rules of one file and its default."""

    rules: tuple[RoutingRule, ...]
    default: RouteDecision
    source: str = ""
    queue_names: tuple[tuple[str, str], ...] = ()  # (queue, what staff call it)
    priority: PriorityRules = field(default_factory=PriorityRules)  # how fields ask for one
    worked_by: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (role, the queues it works)
    languages: tuple[str, ...] = ()  # the languages members speak, as staff pick them

    def queues_for(self, role: str) -> tuple[str, ...] | None:
        """The queues a role works, or None when the file limits it to none (it sees all)."""
        return dict(self.worked_by).get(role)

    def queue_label(self, queue: str) -> str:
        """What staff call a queue; a queue the file does not name reads as its words."""
        return dict(self.queue_names).get(queue) or queue.replace("_", " ").capitalize()


def route(
    rules: RoutingRules, form_type: str, fields: dict[str, object], complete: bool,
    language: str | None, priority: str | None = None,
) -> RouteDecision:
    """The case type, queue and priority for a document: the first matching rule, else the
    default (Intake Review). `priority` is the requested priority when the caller knows more
    than the fields say (a stamp, an unread box, staff's choice); else the fields decide."""
    asked = priority or requested_by_fields(rules, fields)
    for rule in rules.rules:
        if rule.matches(form_type, fields, complete, language, asked):
            return rule.decision
    return rules.default


def requested_by_fields(rules: RoutingRules, fields: dict[str, object]) -> str:
    """The priority a document's field values ask for; standard when none says."""
    return rules.priority.from_fields(fields)[0] or Priority.STANDARD


def load_routing_rules(path: Path | Traversable | None = None) -> RoutingRules:
    """Read and check a routing rule file (the bundled resources/routing.yaml by default)."""
    text, source = read_rule_text(ROUTING_FILE, path)
    return parse_routing_rules(text, source)


def parse_routing_rules(text: str, source: str) -> RoutingRules:
    """Parse routing.yaml text; a bad rule is refused with the file, line and reason."""
    top = Fields(parse_yaml(text, source), source, 1, "the routing file")
    top.reject_unknown(("version", "queues", "worked_by", "languages", "requested_priority",
                        "rules", "default"))
    if top.mapping.get("version") != 1:
        raise top.fail("version" if "version" in top.mapping else None,
                       "the routing file must say 'version: 1'")
    if "default" not in top.mapping:
        raise top.fail(None, "the routing file is missing 'default' (where documents no rule "
                             "takes should go, normally intake_review)")
    default = _decision(top.mapping["default"], source, top.line_of("default"), "default",
                        is_default=True)
    rules: list[RoutingRule] = []
    names: dict[str, int] = {}
    for entry in top.items("rules"):
        rule = _rule(entry, source, top.line_of("rules"))
        if rule.name in names:
            raise RuleFileError(source, rule.line, f"the rule name '{rule.name}' is already used "
                                                   f"on line {names[rule.name]}")
        catch_all = next((r for r in rules if r.matches_everything), None)
        if catch_all is not None:
            raise RuleFileError(source, rule.line, f"this rule can never match: the rule on "
                                                   f"line {catch_all.line} takes every document")
        names[rule.name] = rule.line
        rules.append(rule)
    queue_names = _queue_names(top, source)
    return RoutingRules(tuple(rules), default, source, queue_names,
                        priority=parse_priority_rules(top, source),
                        worked_by=_worked_by(top, source,
                                             {queue for queue, _label in queue_names}),
                        languages=_languages(top))


def _queue_names(top: Fields, source: str) -> tuple[tuple[str, str], ...]:
    if "queues" not in top.mapping:
        return ()
    spec = Fields(top.mapping["queues"], source, top.line_of("queues"), "'queues'")
    names = []
    for queue in spec.mapping:
        label = spec.text(str(queue))
        if not _QUEUE.match(str(queue)):
            raise spec.fail(str(queue), f"the queue name '{queue}' must be lower-case letters, "
                                        "digits and underscores")
        names.append((str(queue), str(label)))
    return tuple(names)


def _languages(top: Fields) -> tuple[str, ...]:
    languages = top.mapping.get("languages", [])
    if not isinstance(languages, list) or not all(isinstance(x, str) and x.strip()
                                                  for x in languages):
        raise top.fail("languages", "'languages' must be a list of language names")
    return tuple(x.strip() for x in languages)


def _worked_by(top: Fields, source: str,
               known: set[str]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    if "worked_by" not in top.mapping:
        return ()
    spec = Fields(top.mapping["worked_by"], source, top.line_of("worked_by"), "'worked_by'")
    roles = []
    for role, queues in spec.mapping.items():
        if not isinstance(queues, list) or not all(isinstance(q, str) for q in queues):
            raise spec.fail(str(role), f"the queues of '{role}' must be a list of queue names")
        unknown = [queue for queue in queues if queue not in known]
        if unknown:
            raise spec.fail(str(role), f"the queue '{unknown[0]}' of '{role}' is not named "
                                       "under 'queues'")
        roles.append((str(role), tuple(queues)))
    return tuple(roles)


def _rule(entry: object, source: str, line: int) -> RoutingRule:
    item = Fields(entry, source, line, "a routing rule")
    item.reject_unknown(("name", "when", "route"))
    name = item.text("name")
    assert name is not None
    if "route" not in item.mapping:
        raise item.fail(None, f"the rule '{name}' does not say where to 'route' documents")
    decision = _decision(item.mapping["route"], source, item.line_of("route"), name)
    when = Fields(item.mapping.get("when", _empty(item.mapping.line)), source,
                  item.line_of("when"), "'when'")
    when.reject_unknown(("form_type", "priority", "fields", "complete", "language"))
    complete = when.mapping.get("complete")
    if complete is not None and not isinstance(complete, bool):
        raise when.fail("complete", "'complete' must be true or false")
    field_matches: list[tuple[str, Match]] = []
    if "fields" in when.mapping:
        spec = Fields(when.mapping["fields"], source, when.line_of("fields"), "'fields'")
        for field_name, value in spec.mapping.items():
            field_matches.append((field_name, _match(value, spec, field_name)))
    return RoutingRule(
        name=name, decision=decision,
        form_types=_match(when.mapping["form_type"], when, "form_type")
        if "form_type" in when.mapping else None,
        fields=tuple(field_matches), complete=complete,
        language=_match(when.mapping["language"], when, "language")
        if "language" in when.mapping else None,
        priority=_priority_match(when) if "priority" in when.mapping else None,
        line=item.mapping.line,
    )


def _decision(value: object, source: str, line: int, rule: str, *,
              is_default: bool = False) -> RouteDecision:
    spec = Fields(value, source, line, "'default'" if is_default else "'route'")
    spec.reject_unknown(("case_type", "queue", "priority"))
    case_type = spec.choice("case_type", CASE_TYPES)
    priority = spec.choice("priority", PRIORITIES)
    queue = spec.text("queue")
    assert case_type is not None and priority is not None and queue is not None
    if not _QUEUE.match(queue):
        raise spec.fail("queue", f"the queue name '{queue}' must be lower-case letters, digits "
                                 "and underscores")
    return RouteDecision(case_type, queue, priority, rule, is_default)


def _match(value: object, owner: Fields, key: str) -> Match:
    """A condition: one value, a list of values, or {not: ...}; null means 'no value'."""
    negated = False
    if isinstance(value, Located):
        if set(value) != {"not"}:
            raise owner.fail(key, f"'{key}' must be a value, a list of values, or "
                                  "{not: ...}")
        negated, value = True, value["not"]
    values = value if isinstance(value, list) else [value]
    if not values:
        raise owner.fail(key, f"'{key}' must list at least one value")
    for one in values:
        if isinstance(one, (dict, list)):
            raise owner.fail(key, f"'{key}' must list plain values")
    return Match(frozenset(normal_value(v) for v in values), negated)


def _priority_match(when: Fields) -> Match:
    """A `priority:` condition: requested priorities only (a misspelt one never matches)."""
    match = _match(when.mapping["priority"], when, "priority")
    for value in match.values:
        if value not in PRIORITIES:
            raise when.fail("priority", f"'priority' is '{value}', which is not one of: "
                                        f"{', '.join(PRIORITIES)}")
    return match


def _empty(line: int) -> Any:
    empty = Located()
    empty.line, empty.key_lines = line, {}
    return empty
