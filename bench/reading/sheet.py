"""A filled form before it is drawn: its title and entries, each with label and value."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Entry:
    """One field as it goes on the page."""

    field: str
    kind: str  # the schema type: name, date, choice, boolean, text, ...
    label: str
    value: str = ""  # printed text; empty when left blank
    options: tuple[tuple[str, bool], ...] = ()  # tick boxes: (words, ticked)
    group: str | None = None  # section the field belongs to (member, requesting_provider...)
    sublabel: str = ""  # bare label used under the group's heading

    @property
    def ticks(self) -> bool:
        """Drawn as tick boxes rather than written."""
        return bool(self.options)

    @property
    def long(self) -> bool:
        """Free text or an address that wants a full-width row."""
        return self.kind in ("text", "address") or len(self.value) > 34


@dataclass(frozen=True)
class CoverSheet:
    """A fax cover page: its title and (label, value) lines."""

    title: str
    lines: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Sheet:
    """A whole document: optional cover page, letterhead, title, entries, section headings."""

    title: str
    letterhead: str
    entries: tuple[Entry, ...]
    headings: dict[str, str] = field(default_factory=dict)  # group -> heading wording
    cover: CoverSheet | None = None
