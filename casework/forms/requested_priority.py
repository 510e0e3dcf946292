"""The requested priority of a read document: the one value routing decides on.

A document asks for speed in any of several ways, and the safe side wins: an urgency choice
or an expedited yes/no read as expedited, a word such as "URGENT" stamped alone at the top of
its first page, or an urgency box found on the page but not read (a faint tick on a fax) —
that last one opens the case as expedited until a person says otherwise, and sends the
document to Intake Review. Only then does a standard answer count; a form that says nothing
is standard. Which fields, values and words count is the `requested_priority` section of
routing.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from casework.forms.analysis import FormAnalysis
from casework.forms.checkboxes import PageImage, ticked
from casework.forms.page_layout import build_layout
from casework.plan.case_types import Priority
from casework.plan.priority_rules import PriorityRules
from ocr import Box, DocumentReading, PageReading, Word

TOP_SHARE: Final = 0.2  # a stamp is in the top fifth of the page
MAX_STAMP_WORDS: Final = 2  # "URGENT", "STAT", "URGENT REQUEST" is a title, not a stamp


@dataclass(frozen=True)
class RequestedPriority:
    """How fast the document asks to be handled, what says so, and whether a person must
    look (its urgency was found but not read)."""

    value: str  # "expedited" or "standard"
    source: str  # what says so, in words a clerk reads
    unread: bool = False
    page: int | None = None
    box: Box | None = None

    def to_json(self) -> dict[str, object]:
        """The `requested_priority` object of `ingest --json`."""
        box = self.box
        return {"value": self.value, "source": self.source, "needs_review": self.unread,
                "page": self.page,
                "box": [round(box.x0), round(box.y0), round(box.x1), round(box.y1)]
                if box is not None else None}

    @property
    def warning(self) -> str | None:
        """What Intake Review says about it, when a person must look."""
        if not self.unread:
            return None
        return (f"{self.source[:1].upper()}{self.source[1:]}: the case was opened as "
                f"{self.value} until someone checks the page.")


def requested_priority(analysis: FormAnalysis, reading: DocumentReading,
                       rules: PriorityRules) -> RequestedPriority:
    """The priority the document asks for: an expedited answer, a stamp, an unread urgency
    box (the safe side), a standard answer, else standard."""
    values: dict[str, object] = {n: found.value for n, found in analysis.fields.items()}
    asked, field = rules.from_fields(values)
    if asked == Priority.EXPEDITED:
        return _from_field(analysis, field, asked)
    stamp = find_stamp(reading, analysis, rules)
    if stamp is not None:
        page, word = stamp
        return RequestedPriority(Priority.EXPEDITED, f'"{word.text}" at the top of page {page}',
                                 page=page, box=word.box)
    unread = next((analysis.unread[n] for n in rules.unread_fields if n in analysis.unread),
                  None)
    if unread is not None:
        return RequestedPriority(rules.when_unread, f"{_says(unread.field)} was "
                                 f"found on page {unread.page} but could not be read",
                                 unread=True, page=unread.page, box=unread.box)
    if asked == Priority.STANDARD:
        return _from_field(analysis, field, asked)
    return RequestedPriority(Priority.STANDARD, "the document does not ask for a fast decision")


def find_stamp(reading: DocumentReading, analysis: FormAnalysis,
               rules: PriorityRules) -> tuple[int, Word] | None:
    """A word that asks for speed ("URGENT") alone on a line at the top of the first page
    (or of a fax cover before it), not a tick option left empty: (page, word)."""
    if not rules.stamps:
        return None
    for page in reading.pages:
        for line in _top_lines(page):
            words = [w for w in line if any(c.isalnum() for c in w.text)]
            if not 0 < len(words) <= MAX_STAMP_WORDS:
                continue
            if all(_bare(w.text) in rules.stamps for w in words) and \
                    not _empty_option(page, words[0]) and not _inside_field(analysis, page,
                                                                             words[0]):
                return page.number, words[0]
        if page.number not in analysis.cover_pages:
            break  # only the first form page, and the cover sheets before it
    return None


def _top_lines(page: PageReading) -> list[list[Word]]:
    lines: dict[int, list[Word]] = {}
    for word in page.words:
        if word.text.strip() and word.box.y1 <= TOP_SHARE * page.height:
            lines.setdefault(word.line, []).append(word)
    return [sorted(ws, key=lambda w: w.box.x0) for _, ws in sorted(lines.items())]


def _bare(text: str) -> str:
    return "".join(c for c in text if c.isalnum()).casefold()


def _empty_option(page: PageReading, word: Word) -> bool:
    """The word follows a tick box left empty (a cover sheet's "☐ Urgent"): an option
    nobody chose, not a stamp."""
    layout = build_layout(page)
    row = next((r for r in layout.rows if word in r.words), None)
    if row is None:
        return False
    return ticked(row, word, layout.text_height, PageImage(page)) is False


def _inside_field(analysis: FormAnalysis, page: PageReading, word: Word) -> bool:
    """The word is part of a field read on the page (a member's name, a title)."""
    middle = ((word.box.x0 + word.box.x1) / 2, (word.box.y0 + word.box.y1) / 2)
    return any(found.page == page.number and found.box is not None
               and found.box.x0 <= middle[0] <= found.box.x1
               and found.box.y0 <= middle[1] <= found.box.y1
               for found in analysis.fields.values())


def _from_field(analysis: FormAnalysis, field: str, asked: str) -> RequestedPriority:
    found = analysis.fields.get(field)
    return RequestedPriority(asked, f"{_says(field)} says {asked}",
                             page=found.page if found else None,
                             box=found.box if found else None)


def _says(field: str) -> str:
    return f"the form's {field.replace('_', ' ')} box"
