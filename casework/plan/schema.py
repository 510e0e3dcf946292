"""Form schemas: plan-editable YAML files saying each form's fields, labels and rules.

`resources/forms/common.yaml` defines fields many forms share; each `<form type>.yaml` lists
its fields, laying its own settings over the shared definition. A file that cannot be used is
refused with its name, line and reason.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from importlib.resources.abc import Traversable
from typing import Any

from casework.plan.rule_files import Fields, Located, RuleFileError, parse_yaml

FIELD_TYPES = ("name", "text", "address", "date", "time", "phone", "npi", "member_id",
               "identifier", "icd10_list", "procedure_list", "integer", "choice", "boolean")
CHECKS = ("cin",)
COMMON_FILE = "common.yaml"
NOT_FORMS = (COMMON_FILE, "synonyms.yaml")  # shared definitions and the label vocabulary
_FIELD_KEYS = ("type", "says", "required", "required_when", "labels", "labels_es", "options",
               "not_future", "not_before", "check")
_FORM_KEYS = ("form", "says", "titles", "titles_es", "keywords", "fields", "cover",
              "never_incomplete")


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form: how it is printed, parsed and checked."""

    name: str
    type: str
    says: str  # "the member's date of birth"
    labels: tuple[str, ...]  # English and Spanish wordings
    required: bool = False
    required_when: tuple[tuple[str, str], ...] = ()  # (field, value) pairs, all must hold
    options: tuple[tuple[str, tuple[str, ...]], ...] = ()  # (value, wordings) for choices
    not_future: bool = False
    not_before: str | None = None
    check: str | None = None
    labels_es: tuple[str, ...] = ()  # the Spanish wordings alone, the form's own first


@dataclass(frozen=True)
class FormSchema:
    """One form type: its titles and keywords (for recognising it) and its fields."""

    form_type: str
    says: str
    titles: tuple[str, ...]
    keywords: tuple[str, ...]
    fields: tuple[FieldSpec, ...]
    cover: bool = False  # a cover sheet never decides the document's type
    never_incomplete: bool = False  # grievances: problems become follow-ups
    source: str = ""

    def field(self, name: str) -> FieldSpec:
        """The field called `name` (KeyError if the form has none)."""
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)


def _words(fields: Fields, key: str) -> tuple[str, ...]:
    values = fields.items(key, required=False)
    if not all(isinstance(v, str) and v.strip() for v in values):
        raise fields.fail(key, f"every entry of '{key}' must be non-empty text")
    return tuple(" ".join(v.split()) for v in values)


def _flag(fields: Fields, key: str) -> bool:
    value = fields.mapping.get(key, False)
    if not isinstance(value, bool):
        raise fields.fail(key, f"'{key}' must be true or false")
    return value


def _options(fields: Fields) -> tuple[tuple[str, tuple[str, ...]], ...]:
    raw = fields.mapping.get("options")
    if raw is None:
        return ()
    options = Fields(raw, fields.source, fields.line_of("options"), "'options'")
    return tuple((str(value), _words(options, value)) for value in options.mapping)


def _required_when(fields: Fields) -> tuple[tuple[str, str], ...]:
    raw = fields.mapping.get("required_when")
    if raw is None:
        return ()
    when = Fields(raw, fields.source, fields.line_of("required_when"), "'required_when'")
    return tuple((str(k), str(v).lower()) for k, v in when.mapping.items())


def _field_spec(name: str, mapping: Located, source: str) -> FieldSpec:
    fields = Fields(mapping, source, mapping.line, f"the field '{name}'")
    fields.reject_unknown(_FIELD_KEYS)
    kind = fields.choice("type", FIELD_TYPES)
    assert kind is not None  # required=True guarantees it
    labels_es = _words(fields, "labels_es")
    labels = _words(fields, "labels") + labels_es
    if not labels:
        raise fields.fail(None, f"the field '{name}' has no labels, so it can never be found")
    options = _options(fields)
    if kind == "choice" and not options:
        raise fields.fail("type", f"the field '{name}' is a choice but lists no 'options'")
    return FieldSpec(
        name=name, type=kind, labels=labels,
        says=fields.text("says", required=False) or "the " + name.replace("_", " "),
        required=_flag(fields, "required"), required_when=_required_when(fields),
        options=options, not_future=_flag(fields, "not_future"),
        not_before=fields.text("not_before", required=False),
        check=fields.choice("check", CHECKS, required=False), labels_es=labels_es,
    )


def _merged(base: Any, override: Any, source: str, line: int, name: str) -> Located:
    """The shared definition of a field with the form's own settings laid over it."""
    if override is None:
        override = Located()
        override.line, override.key_lines = line, {}
    if not isinstance(override, Located):
        raise RuleFileError(source, line, f"the field '{name}' must be a set of settings")
    merged = Located()
    merged.line = override.line
    merged.key_lines = dict.fromkeys(base or {}, override.line) | override.key_lines
    merged.update(base or {})
    merged.update(override)
    for key in ("labels", "labels_es"):  # a form adds wordings to the shared ones
        if isinstance((base or {}).get(key), list) and isinstance(override.get(key), list):
            merged[key] = [*override[key], *base[key]]
    return merged


def parse_form(text: str, source: str, common: dict[str, Any]) -> FormSchema:
    """One form file's schema, or RuleFileError naming `source`, the line and the reason."""
    top = Fields(parse_yaml(text, source), source, 1, "the form file")
    top.reject_unknown(_FORM_KEYS)
    form_type = top.text("form")
    assert form_type is not None
    raw_fields = top.mapping.get("fields")
    listed = Fields(raw_fields, source, top.line_of("fields"), "'fields'")
    specs = []
    for name, value in listed.mapping.items():
        merged = _merged(common.get(name), value, source, listed.line_of(name), name)
        specs.append(_field_spec(name, merged, source))
    names = {s.name for s in specs}
    for spec in specs:
        for other in [spec.not_before, *(k for k, _ in spec.required_when)]:
            if other is not None and other not in names:
                raise RuleFileError(source, listed.line_of(spec.name),
                                    f"the field '{spec.name}' refers to '{other}', "
                                    "which this form does not have")
    return FormSchema(
        form_type=form_type, says=top.text("says") or form_type,
        titles=_words(top, "titles") + _words(top, "titles_es"),
        keywords=_words(top, "keywords"), fields=tuple(specs),
        cover=_flag(top, "cover"), never_incomplete=_flag(top, "never_incomplete"),
        source=source,
    )


def _read(entry: Traversable) -> str:
    try:
        return entry.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise RuleFileError(str(entry), None, f"the file cannot be read ({error})") from error


def load_schemas(folder: Traversable | None = None) -> dict[str, FormSchema]:
    """Every form schema in `folder` (default: the bundled resources/forms), by form type."""
    root = folder if folder is not None else resources.files("resources") / "forms"
    return schemas_from(root / COMMON_FILE, list(form_files(root)))


def schemas_from(common_entry: Traversable, entries: list[Traversable]) -> dict[str, FormSchema]:
    """The schemas of `entries` (form files), each laid over the shared `common_entry`."""
    common = parse_yaml(_read(common_entry), str(common_entry))
    schemas: dict[str, FormSchema] = {}
    for entry in sorted(entries, key=lambda e: e.name):
        schema = parse_form(_read(entry), str(entry), common)
        if schema.form_type in schemas:
            raise RuleFileError(str(entry), 1, f"the form '{schema.form_type}' is defined twice")
        schemas[schema.form_type] = schema
    return schemas


def form_files(root: Traversable) -> Iterable[Traversable]:
    """The form schema files in a forms folder (not the shared definitions or vocabulary)."""
    return (e for e in root.iterdir() if e.name.endswith(".yaml") and e.name not in NOT_FORMS)
