"""Section headings on a form, and whose fields the sub-labels under them name.

Forms group fields under headings ("1. Patient Information", "REQUESTING PROVIDER") and
then print bare sub-labels ("Name", "NPI #") that only the heading makes specific. A
heading's owner ("requesting provider") is read into the sub-labels under it, up to the
next heading, or to a numbered line that is a field of its own.
"""

from __future__ import annotations

import re

from casework.forms.page_layout import PageLayout, Row, join
from casework.forms.wording import Wording

_NUMBERED = re.compile(r"^\s*(?:(?:section|part)\s+)?(?:\d{1,2}|[A-H])[.)]\s+([A-Za-z].*)$",
                       re.IGNORECASE)

# A numbered line that is a field of its own rather than a heading ends the section before it.
_NUMBERED_ITEM = re.compile(r"^\s*\d{1,2}[.)]\s+[A-Za-z]")


def heading_text(row: Row) -> str | None:
    """The words of a numbered heading ("2. Provider Information"), or None."""
    text = join(row.words)
    match = _NUMBERED.match(text)
    if match is None or ":" in text or len(row.words) > 7:
        return None
    return match[1]


def owner(text: str, wording: Wording) -> str | None:
    """Whose fields a heading introduces, normalised ("Provider Information" is
    "provider"); None when the heading names nobody."""
    generic = wording.heading_words
    words = [w for w in wording.normalize(text).split() if w not in generic]
    return " ".join(words) or None


def section_owners(layout: PageLayout, wording: Wording,
                   headings: set[int] | None = None) -> dict[int, str]:
    """For each row under a heading, the heading's owner (by row index). `headings` adds
    rows known to be headings by other means (underlined across the page)."""
    owners: dict[int, str] = {}
    current: str | None = None
    for row in layout.rows:
        text = heading_text(row)
        if text is None and headings and row.index in headings:
            text = join(row.words)
        if text is not None:
            current = owner(text, wording)
            continue
        if _NUMBERED_ITEM.match(join(row.words)):
            current = None  # "2. Notice of Action Number: …" is a section of its own
            continue
        if current is not None:
            owners[row.index] = current
    return owners
