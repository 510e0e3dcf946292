"""Letters to members, providers and transportation vendors, rendered from editable templates.

Call `render_letter(kind, language, data, plan)`; build `data` from the dataclasses in
`casework.letters.data`; pick the language with `choose_language`.
"""

from casework.letters.data import (
    Contact,
    LetterData,
    Member,
    MissingLetterValue,
    Problem,
    Trip,
    required_fields,
    validate_letter_data,
)
from casework.letters.languages import choose_language, format_date
from casework.letters.rendering import RenderedLetter, render_letter
from casework.letters.templating import LetterTemplates, TemplateProblem
from casework.plan.letter_kinds import LetterKind, LetterKinds

__all__ = [
    "Contact",
    "LetterData",
    "LetterKind",
    "LetterKinds",
    "LetterTemplates",
    "Member",
    "MissingLetterValue",
    "Problem",
    "RenderedLetter",
    "TemplateProblem",
    "Trip",
    "choose_language",
    "format_date",
    "render_letter",
    "required_fields",
    "validate_letter_data",
]
