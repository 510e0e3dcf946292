"""Headings by their look: a few words alone on a row, a rule across the page under them,
outside any cell. A heading names a section ("SERVICING PROVIDER"), so a label only loosely
like it names no field, and the section's own labels say more than it does."""

from __future__ import annotations

from casework.forms.labels import LabelHit
from casework.forms.page_layout import PageLayout, join, union
from casework.forms.rules import PageRules


def underlined_rows(layout: PageLayout, rules: PageRules) -> set[int]:
    """Rows that are headings by their look: a few words alone, a rule across the page
    under them, outside any cell."""
    found = set()
    for row in layout.rows:
        box = union(row.words)
        text = join(row.words)
        if len(row.words) <= 6 and ":" not in text and not any(c.isdigit() for c in text) \
                and rules.underlines(box) and rules.cell(box) is None:
            found.add(row.index)
    return found


def is_heading(hit: LabelHit, rules: PageRules) -> bool:
    """The label is all its row holds (after a section number) and a rule across the page
    underlines it, outside any cell."""
    others = [w for i, w in enumerate(hit.row.words) if not hit.first <= i <= hit.last]
    if any(not w.text.rstrip(".").isdigit() for w in others):
        return False
    return rules.underlines(hit.box) and rules.cell(hit.box) is None
