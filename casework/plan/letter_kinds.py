"""The letter kinds as data (resources/letter_kinds.yaml): who each goes to, which notices it
must carry, what it needs, and which cases it fits.

The notices a kind must carry are decided in the rule file, not in the templates, so that
editing wording cannot drop a notice the law requires; the renderer checks the rendered letter
still has them. Which cases a kind fits (case types, priorities, statuses, outcomes) decides
what the window offers and what the services accept: no denial notice on a grievance.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import Enum
from functools import cache
from importlib.resources.abc import Traversable
from pathlib import Path

from casework.errors import InvalidValue
from casework.plan.case_statuses import CaseStatus, Outcome
from casework.plan.case_types import CASE_TYPES, PRIORITIES
from casework.plan.rule_files import Fields, parse_yaml, read_rule_text

LETTER_KINDS_FILE = "letter_kinds.yaml"
LANGUAGES = ("en", "es")
KIND_KEYS = ("title", "to", "needs", "dmhc_notice", "rights_enclosure", "citation", "fits")
FIT_KEYS = ("case_types", "priorities", "statuses", "outcomes", "filed_by")
# Who filed a case (the form's `filed_by`): a provider's grievance gets the provider's letters.
FILERS = ("member", "representative", "provider")
_KIND_NAME = re.compile(r"^[a-z][a-z0-9_]*$")
_VALUE_NAME = re.compile(r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$")  # member.name, reply_by


class Audience(Enum):
    """Who reads the letter."""

    MEMBER = "member"
    PROVIDER = "provider"
    VENDOR = "vendor"


@dataclass(frozen=True)
class CaseState:
    """What decides whether a letter kind fits a case: its type, priority, status, outcome."""

    case_type: str
    priority: str
    status: str
    outcome: str | None = None
    filed_by: str = "member"


@dataclass(frozen=True)
class Fit:
    """The cases a kind fits; an empty tuple other than `case_types` means any."""

    case_types: tuple[str, ...]
    priorities: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    outcomes: tuple[str, ...] = ()
    filed_by: tuple[str, ...] = ()

    def admits(self, case: CaseState) -> bool:
        """Whether a case in this state may be sent a letter of the kind."""
        return (case.case_type in self.case_types
                and (not self.priorities or case.priority in self.priorities)
                and (not self.statuses or case.status in self.statuses)
                and (not self.outcomes or case.outcome in self.outcomes)
                and (not self.filed_by or case.filed_by in self.filed_by))


@dataclass(frozen=True)
class LetterKind:
    """One kind of letter and what the law and the workflow require of it."""

    name: str
    title: dict[str, str]
    audience: Audience
    required: tuple[str, ...]
    # H&S Code §1368.02(b): every written notice in the grievance process, and every notice
    # that offers the member the chance to use it (a denial or modification does).
    dmhc_notice: bool = False
    # 42 CFR 438.404 / 438.408: a notice of adverse benefit determination and an appeal
    # resolution explain appeal, State Hearing and Independent Medical Review rights.
    rights_enclosure: bool = False
    fits: Fit = field(default_factory=lambda: Fit(CASE_TYPES))
    citation: str = ""
    line: int = 0

    @property
    def member_inserts(self) -> bool:
        """Member letters carry the nondiscrimination notice and language taglines (45 CFR 92)."""
        return self.audience is Audience.MEMBER


class LetterKinds(Mapping[str, LetterKind]):
    """Every letter kind of one rule file, by name, in the file's order."""

    def __init__(self, kinds: Mapping[str, LetterKind], source: str = "") -> None:
        self._kinds = dict(kinds)
        self.source = source

    def __getitem__(self, name: str) -> LetterKind:
        return self._kinds[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._kinds)

    def __len__(self) -> int:
        return len(self._kinds)

    def kind(self, name: str) -> LetterKind:
        """The kind called `name`, or an error listing the kinds there are."""
        try:
            return self._kinds[name]
        except KeyError:
            raise InvalidValue(f"There is no letter kind called {name!r}; the kinds are "
                               f"{', '.join(self._kinds)}.") from None

    def fitting(self, case: CaseState) -> tuple[LetterKind, ...]:
        """The kinds a case in this state may be sent, in the file's order."""
        return tuple(kind for kind in self._kinds.values() if kind.fits.admits(case))


@cache
def bundled_letter_kinds() -> LetterKinds:
    """The letter kinds shipped with the program, for rendering outside a workspace (samples,
    benchmarks); services use their Rulebook's."""
    return load_letter_kinds()


def load_letter_kinds(path: Path | Traversable | None = None) -> LetterKinds:
    """Read and check a letter kinds file (the bundled resources/letter_kinds.yaml by default)."""
    text, source = read_rule_text(LETTER_KINDS_FILE, path)
    return parse_letter_kinds(text, source)


def parse_letter_kinds(text: str, source: str) -> LetterKinds:
    """Parse letter_kinds.yaml text; a bad kind is refused with the file, line and reason."""
    top = Fields(parse_yaml(text, source), source, 1, "the letter kinds file")
    top.reject_unknown(("version", "kinds"))
    if top.mapping.get("version") != 1:
        raise top.fail("version" if "version" in top.mapping else None,
                       "the letter kinds file must say 'version: 1'")
    spec = Fields(top.mapping.get("kinds"), source, top.line_of("kinds"), "'kinds'")
    if not spec.mapping:
        raise top.fail("kinds", "the letter kinds file must name at least one kind")
    kinds = {}
    for name, entry in spec.mapping.items():
        if not _KIND_NAME.match(name):
            raise spec.fail(name, f"the letter kind name '{name}' must be lower-case letters, "
                                  "digits and underscores")
        kinds[name] = _kind(name, entry, source, spec.line_of(name))
    return LetterKinds(kinds, source)


def _kind(name: str, entry: object, source: str, line: int) -> LetterKind:
    item = Fields(entry, source, line, f"the letter kind '{name}'")
    item.reject_unknown(KIND_KEYS)
    audience = item.choice("to", tuple(a.value for a in Audience))
    assert audience is not None
    return LetterKind(
        name=name, title=_title(item), audience=Audience(audience), required=_needs(item),
        dmhc_notice=_flag(item, "dmhc_notice"), rights_enclosure=_flag(item, "rights_enclosure"),
        fits=_fit(item), citation=item.text("citation", required=False) or "",
        line=item.mapping.line,
    )


def _title(item: Fields) -> dict[str, str]:
    spec = Fields(item.mapping.get("title"), item.source, item.line_of("title"), "'title'")
    spec.reject_unknown(LANGUAGES)
    titles = {}
    for language in LANGUAGES:
        text = spec.text(language, required=False)
        if text is None:
            raise item.fail("title", f"'title' needs the letter's title in every language "
                                     f"({', '.join(LANGUAGES)}); '{language}' is missing")
        titles[language] = text
    return titles


def _needs(item: Fields) -> tuple[str, ...]:
    needs = item.items("needs")
    for value in needs:
        if not isinstance(value, str) or not _VALUE_NAME.match(value):
            raise item.fail("needs", f"'needs' has {value!r}, which is not a value name "
                                     "(for example member.name or received_date)")
    return tuple(needs)


def _flag(item: Fields, key: str) -> bool:
    value = item.mapping.get(key, False)
    if not isinstance(value, bool):
        raise item.fail(key, f"'{key}' must be true or false")
    return value


def _fit(item: Fields) -> Fit:
    if "fits" not in item.mapping:
        raise item.fail(None, f"{item.what} does not say which cases it 'fits' (at least "
                              "'case_types')")
    spec = Fields(item.mapping["fits"], item.source, item.line_of("fits"), "'fits'")
    spec.reject_unknown(FIT_KEYS)
    case_types = _names(spec, "case_types", CASE_TYPES)
    if not case_types:
        raise spec.fail(None, "'fits' must name the 'case_types' the letter is for")
    return Fit(case_types, _names(spec, "priorities", PRIORITIES),
               _names(spec, "statuses", tuple(CaseStatus)), _names(spec, "outcomes",
                                                                   tuple(Outcome)),
               _names(spec, "filed_by", FILERS))


def _names(spec: Fields, key: str, known: tuple[str, ...]) -> tuple[str, ...]:
    """A list of names from `known` (one name alone is a list of one); absent is empty."""
    value = spec.mapping.get(key)
    if value is None:
        return ()
    values = value if isinstance(value, list) else [value]
    if not values:
        raise spec.fail(key, f"'{key}' must name at least one value, or be left out")
    for one in values:
        if one not in known:
            raise spec.fail(key, f"'{key}' has '{one}', which is not one of: "
                                 f"{', '.join(known)}")
    return tuple(str(v) for v in values)

