"""What reading a generated document must find."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class DocumentTruth:
    """The answer key of one generated document."""

    name: str
    form_type: str
    family: str
    half: str  # "development" | "held_out"
    spanish: bool
    cover: bool  # a fax cover sheet comes first
    fields: dict[str, object] = field(default_factory=dict)  # canonical values printed
    blank: tuple[str, ...] = ()  # fields printed with nothing written beside them
    missing: tuple[str, ...] = ()  # required fields left blank on purpose
    printed_labels: tuple[str, ...] = ()  # every label, title and heading drawn
    printed_values: dict[str, str] = field(default_factory=dict)  # as written, or ticked words
    # Each field's caption as printed ("" for a bare row of tick boxes): scoring tells apart
    # the fields a schema knows the wording of from those it meets for the first time.
    captions: dict[str, str] = field(default_factory=dict)
