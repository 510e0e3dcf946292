"""Reading plan-editable YAML rule files so that every error names the file, line and reason.

The person fixing a rule file is a supervisor with a text editor, so a rejection must point
at the line to change, not at a Python traceback.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from datetime import date
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import yaml

from casework.errors import UserError


class RuleFileError(UserError):
    """A rule file cannot be used; the message names the file, line and reason."""

    def __init__(self, source: str, line: int | None, reason: str) -> None:
        where = f"{source}, line {line}" if line else source
        super().__init__(f"{where}: {reason}")
        self.source = source
        self.line = line
        self.reason = reason


class Located(dict[str, Any]):
    """A YAML mapping that remembers the line it starts on and the line of each key."""

    line: int
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        """The line of `key` if present, else the line the mapping starts on."""
        return self.key_lines.get(key, self.line)


# libyaml's parser reads the rule files about ten times faster, and every workspace reads them.
_SafeBase: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeBase):  # type: ignore[valid-type,misc]
    """SafeLoader whose mappings are `Located` and which refuses duplicate keys."""


def _construct_located(loader: _LineLoader, node: yaml.MappingNode) -> Located:
    loader.flatten_mapping(node)
    mapping = Located()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, Hashable):
            raise yaml.constructor.ConstructorError(
                None, None, "a key here is not a plain value", key_node.start_mark)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"the key {key!r} appears twice", key_node.start_mark)
        mapping[str(key)] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[str(key)] = key_node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_located,
)


def parse_yaml(text: str, source: str) -> Located:
    """Parse a rule file whose top level is a mapping, or raise RuleFileError with its line."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # a SafeLoader subclass: no objects
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = error.problem or error.context or "the file is not valid YAML"
        raise RuleFileError(source, line, f"this is not valid YAML ({reason})") from error
    except yaml.YAMLError as error:
        raise RuleFileError(source, None, f"this is not valid YAML ({error})") from error
    if not isinstance(data, Located):
        raise RuleFileError(source, 1, "the file must be a set of 'key: value' settings")
    return data


def read_rule_text(name: str, path: Path | Traversable | None) -> tuple[str, str]:
    """The text of a rule file and the name to show in errors.

    With no `path`, the file `name` bundled in the `resources` package is read.
    """
    target = path if path is not None else resources.files("resources") / name
    try:
        return target.read_text(encoding="utf-8"), str(target)
    except (OSError, UnicodeDecodeError) as error:
        raise RuleFileError(str(target), None, f"the file cannot be read ({error})") from error


class Fields:
    """Typed access to one mapping of a rule file; every problem becomes a RuleFileError."""

    def __init__(self, mapping: object, source: str, line: int, what: str) -> None:
        if not isinstance(mapping, Located):
            raise RuleFileError(source, line, f"{what} must be a set of 'key: value' settings")
        self.mapping = mapping
        self.source = source
        self.what = what

    def fail(self, key: str | None, reason: str) -> RuleFileError:
        """An error pointing at `key` (or at the start of the mapping)."""
        line = self.mapping.line_of(key) if key else self.mapping.line
        return RuleFileError(self.source, line, reason)

    def reject_unknown(self, allowed: Mapping[str, object] | set[str] | tuple[str, ...]) -> None:
        """Refuse keys this mapping does not understand (a misspelt key silently ignored is
        a rule silently not applied)."""
        for key in self.mapping:
            if key not in allowed:
                known = ", ".join(sorted(allowed))
                raise self.fail(key, f"{self.what} has an unknown setting '{key}' "
                                     f"(known settings: {known})")

    def text(self, key: str, *, required: bool = True) -> str | None:
        """A non-empty string."""
        value = self.mapping.get(key)
        if value is None:
            if required:
                raise self.fail(None, f"{self.what} is missing '{key}'")
            return None
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"'{key}' must be non-empty text")
        return value.strip()

    def choice(self, key: str, choices: tuple[str, ...], *, required: bool = True) -> str | None:
        """A string from a fixed list."""
        value = self.text(key, required=required)
        if value is not None and value not in choices:
            raise self.fail(key, f"'{key}' is '{value}', which is not one of: "
                                 f"{', '.join(choices)}")
        return value

    def count(self, key: str, *, required: bool = True) -> int | None:
        """A whole number of at least 1."""
        value = self.mapping.get(key)
        if value is None:
            if required:
                raise self.fail(None, f"{self.what} is missing '{key}'")
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise self.fail(key, f"'{key}' must be a whole number of at least 1")
        return value

    def day(self, key: str) -> date | None:
        """A date written as YYYY-MM-DD, or None when absent."""
        value = self.mapping.get(key)
        if value is None:
            return None
        if not isinstance(value, date):
            raise self.fail(key, f"'{key}' must be a date written as YYYY-MM-DD")
        return value

    def items(self, key: str, *, required: bool = True) -> list[Any]:
        """A list."""
        value = self.mapping.get(key)
        if value is None:
            if required:
                raise self.fail(None, f"{self.what} is missing '{key}'")
            return []
        if not isinstance(value, list):
            raise self.fail(key, f"'{key}' must be a list")
        return value

    def line_of(self, key: str) -> int:
        return self.mapping.line_of(key)
