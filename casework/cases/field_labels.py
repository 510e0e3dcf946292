"""A case's form values as a person reads them: the form's own label beside each value."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from casework.plan.rulebook import Rulebook
from casework.plan.schema import FieldSpec


@dataclass(frozen=True)
class LabelledValue:
    """One value of a case, with its label as the form prints it."""

    name: str
    label: str
    text: str


def _specs(rulebook: Rulebook) -> dict[str, FieldSpec]:
    """Every canonical field once; the names are shared across forms (member_name…)."""
    found: dict[str, FieldSpec] = {}
    for schema in rulebook.schemas.values():
        for spec in schema.fields:
            found.setdefault(spec.name, spec)
    return found


def labelled_fields(rulebook: Rulebook, fields: dict[str, object]) -> list[LabelledValue]:
    """The case's values in form order, each with its label; empty values are left out."""
    specs = _specs(rulebook)
    order = {name: n for n, name in enumerate(specs)}
    shown = [(name, value) for name, value in fields.items() if value not in (None, "", [])]
    shown.sort(key=lambda item: order.get(item[0], len(order)))
    return [LabelledValue(name, _label(specs.get(name), name), _text(specs.get(name), value))
            for name, value in shown]


def _label(spec: FieldSpec | None, name: str) -> str:
    if spec is not None and spec.labels:
        return spec.labels[0]
    return name.replace("_", " ").capitalize()


def _text(spec: FieldSpec | None, value: object) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple):
        return ", ".join(map(str, value))
    if spec is not None and spec.type == "date":
        try:
            return date.fromisoformat(str(value)).strftime("%m/%d/%Y")
        except ValueError:
            return str(value)
    if spec is not None and spec.type == "phone" and str(value).isdigit() and len(str(value)) == 10:
        digits = str(value)
        return f"({digits[:3]}) {digits[3:6]}-{digits[6:]}"
    if spec is not None and spec.options:
        for option, wordings in spec.options:
            if option == value and wordings:
                return wordings[0]
    return str(value)
