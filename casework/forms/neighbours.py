"""Whose a bare sub-label is when no heading says: the labels printed around it.

Forms list a person's details together ("Enrollee Date of Birth:", then "Telephone:") and
leave the second label bare, its owner said by the one before it. A row that starts with a
label naming only a kind of value ("Telephone", "Phone #", "Fax") outside any section takes
the owner of the label just above it in the same column ("member", "requesting provider").
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace

from casework.forms.labels import LabelHit, find_labels
from casework.forms.page_layout import PageLayout
from casework.forms.wording import Wording
from casework.plan.schema import FieldSpec

# How many rows above a bare label its neighbour may be (a wrapped value between them).
ROWS_ABOVE = 3
# How far (in text heights) two labels' left edges may be apart and still share a column.
SAME_COLUMN = 2.0


def owner_of(hit: LabelHit, wording: Wording) -> str | None:
    """Whose field a label names, normalised ("Requesting Physician NPI" is "requesting
    provider"); None when it names only a kind of value."""
    printed = " ".join(w.text for w in hit.row.words[hit.first:hit.last + 1])
    generic = wording.kinds | wording.ignored | wording.heading_words | wording.all_type_words
    words = [w for w in wording.normalize(printed).split() if w not in generic]
    return " ".join(words) or None


def neighbour_owners(layout: PageLayout, hits: list[LabelHit], wording: Wording,
                     sections: dict[int, str]) -> dict[int, str]:
    """For each row outside a section that starts with a bare label or with no label found,
    the owner of the nearest label above its start in the same column."""
    by_row = _by_row(hits)
    owners: dict[int, str] = {}
    for row in layout.rows:
        starting = [h for h in by_row.get(row.index, []) if h.first == 0]
        if row.index in sections or not row.words or \
                any(owner_of(h, wording) is not None for h in starting):
            continue
        owner = _owner_above(layout, by_row, row.index, row.words[0].box.x0, wording)
        if owner is not None:
            owners[row.index] = owner
    return owners


def own_bare_labels(layout: PageLayout, hits: list[LabelHit], fields: tuple[FieldSpec, ...],
                    wording: Wording, sections: dict[int, str]) -> list[LabelHit]:
    """`hits` with bare labels made their neighbours' owner's: of the fields such a label
    names equally ("Phone" is the member's and the provider's), those of the owner of the
    label above it; and a bare label starting a row that named no field, the owner's field
    of its kind. Such a label still names only a kind of value, so its reading is never
    trusted without a look (evidence)."""
    by_row = _by_row(hits)
    by_name = {f.name: f for f in fields}
    kept = []
    for hit in hits:
        rivals = [h for h in by_row[hit.row.index] if (h.first, h.last) == (hit.first, hit.last)]
        if len(rivals) > 1 and hit.row.index not in sections and owner_of(hit, wording) is None:
            owner = _owner_above(layout, by_row, hit.row.index, hit.box.x0, wording)
            if owner is not None and owner not in _owners(by_name[hit.field], wording) and any(
                    owner in _owners(by_name[h.field], wording) for h in rivals):
                continue  # another field the label names equally is the neighbour's
        kept.append(hit)
    owners = {i: o for i, o in neighbour_owners(layout, hits, wording, sections).items()
              if not any(h.first == 0 for h in by_row.get(i, []))}
    rows = tuple(r for r in layout.rows if r.index in owners)
    if rows:
        found = find_labels(replace(layout, rows=rows), fields, wording, owners=owners)
        kept.extend(h for h in found if h.first == 0
                    and owners[h.row.index] in _owners(by_name[h.field], wording))
    return sorted(kept, key=lambda h: (h.row.index, h.first))


def _by_row(hits: list[LabelHit]) -> dict[int, list[LabelHit]]:
    by_row: dict[int, list[LabelHit]] = defaultdict(list)
    for hit in hits:
        by_row[hit.row.index].append(hit)
    return by_row


def _owner_above(layout: PageLayout, by_row: dict[int, list[LabelHit]], index: int,
                 left: float, wording: Wording) -> str | None:
    """The owner of the nearest label above row `index` starting where `left` is."""
    near = SAME_COLUMN * layout.text_height
    for above in reversed(layout.rows[max(0, index - ROWS_ABOVE):index]):
        column = [h for h in by_row.get(above.index, []) if abs(h.box.x0 - left) <= near]
        if column:
            return owner_of(column[0], wording)
        if any(abs(w.box.x0 - left) <= near for w in above.words):
            return None  # a label nobody knows ("Referrer:") is between: its owner is unknown
    return None


def _owners(spec: FieldSpec, wording: Wording) -> set[str]:
    """Whose field `spec` is, by its labels' words besides its kind ("member" for "Member
    Phone", "requesting provider" and "provider" for a requesting provider's phone)."""
    generic = wording.kinds | wording.ignored | wording.heading_words | wording.all_type_words
    return {" ".join(w for w in wording.normalize(label).split() if w not in generic)
            for label in spec.labels}
