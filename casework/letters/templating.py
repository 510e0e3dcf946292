"""The Jinja2 environment letter templates run in, and errors that point at the template line.

`StrictUndefined` makes a misspelt or missing value an error, and printing a value that is
None is refused too, so a letter can never go out with a blank or the word "None" in it.
"""

from __future__ import annotations

import traceback
from collections.abc import Iterable
from datetime import date
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from casework.errors import UserError
from casework.letters.languages import format_date


class TemplateProblem(UserError):
    """A letter template cannot be rendered; the message names the file, the line and why."""

    def __init__(self, template: str, line: int | None, reason: str) -> None:
        where = f"{template}, line {line}" if line else template
        super().__init__(f"Letter template {where}: {reason}")
        self.template = template
        self.line = line
        self.reason = reason


class _EmptyValue(jinja2.TemplateRuntimeError):
    """A template printed a value that is None."""


def _finalize(value: object) -> object:
    if value is None:
        raise _EmptyValue("a value printed here is empty (None); give it or remove it")
    return value


@pass_context
def _long_date(context: Context, value: date | None) -> str:
    if not isinstance(value, date):
        raise _EmptyValue(f"a date printed here is {value!r}, not a date")
    return format_date(value, context["lang"])


def _lines(value: Iterable[str]) -> Markup:
    # Addresses are tuples of lines; each is escaped, then joined with line breaks.
    return Markup("<br/>").join(escape(line) for line in value)


class LetterTemplates:
    """The letter templates under one folder, rendered with the letter filters."""

    def __init__(self, root: Path | None = None) -> None:
        # importlib.resources finds the templates package wherever it is installed or bundled.
        self.root = root or Path(str(files("templates").joinpath("letters")))
        self.env = jinja2.Environment(
            loader=jinja2.FileSystemLoader(str(self.root)),
            undefined=jinja2.StrictUndefined,
            autoescape=True,
            finalize=_finalize,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=False,
            extensions=["jinja2.ext.do"],
        )
        self.env.filters["longdate"] = _long_date
        self.env.filters["lines"] = _lines

    def render(self, name: str, context: dict[str, Any]) -> str:
        """Render template `name`; any failure becomes a `TemplateProblem` naming file and line."""
        try:
            return self.env.get_template(name).render(context)
        except jinja2.TemplateSyntaxError as exc:
            where = exc.name if isinstance(exc.name, str) else name
            raise TemplateProblem(where, exc.lineno, exc.message or str(exc)) from exc
        except jinja2.TemplateNotFound as exc:
            missing = exc.name if isinstance(exc.name, str) else name
            raise TemplateProblem(missing, None, "the template file is missing") from exc
        except (jinja2.UndefinedError, jinja2.TemplateRuntimeError) as exc:
            template, line = self._template_frame(exc, name)
            raise TemplateProblem(template, line, _reason(exc)) from exc

    def _template_frame(self, exc: BaseException, fallback: str) -> tuple[str, int | None]:
        """The innermost template file and line in the traceback (Jinja maps frames to them)."""
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            path = Path(frame.filename)
            if path.suffix == ".j2":
                try:
                    return path.relative_to(self.root).as_posix(), frame.lineno
                except ValueError:
                    return path.name, frame.lineno
        return fallback, None


@cache
def default_templates() -> LetterTemplates:
    """The templates shipped in the `templates` package."""
    return LetterTemplates()


def _reason(exc: BaseException) -> str:
    message = str(exc)
    if isinstance(exc, jinja2.UndefinedError):
        return f"{message} (a value the template uses was not given, or its name is misspelt)"
    return message
