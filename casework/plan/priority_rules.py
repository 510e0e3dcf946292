"""The requested priority: the one value routing decides on, drawn from whatever a document or a
call carries (an urgency choice, an expedited yes/no, a word stamped at the top of the page).

The rules live in the `requested_priority` section of routing.yaml: which field values ask for
an expedited or a standard review, which words stamped alone on a line of the first page's top
ask for speed, which fields' boxes count when found but not read, and what such a page gets
until a person looks (the safe side of the clock).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from casework.plan.case_types import Priority
from casework.plan.rule_files import Fields

SECTION: Final = "requested_priority"
_ASKABLE: Final = (Priority.EXPEDITED, Priority.STANDARD)


@dataclass(frozen=True)
class FieldSays:
    """A field whose values ask for a priority: value (as routing compares it) -> priority."""

    field: str
    values: tuple[tuple[str, str], ...]

    def priority_of(self, value: object) -> str | None:
        """The priority this field's value asks for, or None when it says neither."""
        said = normal_value(value)
        return next((priority for v, priority in self.values if v == said), None)


@dataclass(frozen=True)
class PriorityRules:
    """How a document's fields and page say how fast it must move."""

    fields: tuple[FieldSays, ...] = ()
    stamps: frozenset[str] = frozenset()
    unread_fields: tuple[str, ...] = ()
    when_unread: str = Priority.EXPEDITED
    line: int = 0

    @property
    def field_names(self) -> tuple[str, ...]:
        """Every field whose value says a priority ("urgency", "expedited")."""
        return tuple(f.field for f in self.fields)

    def from_fields(self, values: dict[str, object]) -> tuple[str | None, str]:
        """The priority the fields ask for and the field that says so; an expedited answer
        anywhere wins over a standard one (the safe side), None when no field says."""
        said = [(f.priority_of(values.get(f.field)), f.field) for f in self.fields]
        for wanted in _ASKABLE:
            found = next((name for priority, name in said if priority == wanted), None)
            if found is not None:
                return wanted, found
        return None, ""


_YES_NO: Final = {"yes": "true", "sí": "true", "si": "true", "no": "false"}


def normal_value(value: object) -> str | None:
    """Compare values as people mean them: case and surrounding spaces do not matter, an
    empty field is no value, a check box reads true/false, and so does a yes/no answer
    written as a word ("Yes" in a rule or a field is true)."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value).strip().casefold()
    return _YES_NO.get(text, text) or None


def parse_priority_rules(top: Fields, source: str) -> PriorityRules:
    """The `requested_priority` section of a routing file; no section asks nothing."""
    if SECTION not in top.mapping:
        return PriorityRules()
    spec = Fields(top.mapping[SECTION], source, top.line_of(SECTION), f"'{SECTION}'")
    spec.reject_unknown(("fields", "stamps", "unread_fields", "when_unread"))
    if "fields" not in spec.mapping:
        raise spec.fail(None, f"'{SECTION}' must say which 'fields' carry the priority")
    listed = Fields(spec.mapping["fields"], source, spec.line_of("fields"), "'fields'")
    fields = tuple(_field_says(listed, str(name)) for name in listed.mapping)
    if not fields:
        raise spec.fail("fields", "list at least one field whose value says the priority")
    stamps = frozenset(str(s).strip().casefold() for s in spec.items("stamps", required=False))
    unread = tuple(str(s) for s in spec.items("unread_fields", required=False))
    for name in unread:
        if name not in listed.mapping:
            raise spec.fail("unread_fields", f"'{name}' is not one of the fields under "
                                              "'fields'")
    when_unread = spec.choice("when_unread", tuple(_ASKABLE), required=False)
    return PriorityRules(fields, stamps, unread, when_unread or Priority.EXPEDITED,
                         spec.mapping.line)


def _field_says(listed: Fields, name: str) -> FieldSays:
    says = Fields(listed.mapping[name], listed.source, listed.line_of(name), f"'{name}'")
    says.reject_unknown(_ASKABLE)
    values: list[tuple[str, str]] = []
    for priority in _ASKABLE:
        given = says.mapping.get(priority, [])
        for value in given if isinstance(given, list) else [given]:
            normal = normal_value(value)
            if normal is None or isinstance(value, (dict, list)):
                raise says.fail(priority, f"'{priority}' must list plain values")
            if any(v == normal for v, _ in values):
                raise says.fail(priority, f"the value {value!r} of '{name}' is listed twice")
            values.append((normal, str(priority)))
    if not values:
        raise listed.fail(name, f"'{name}' must list the values that ask for expedited or "
                                "standard")
    return FieldSays(name, tuple(values))
