"""Outreach and referral programs as data: resources/outreach.yaml, with the attempts needed
before a member is deemed unreachable, the programs and their sites, and each program's clock
for the first contact."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType

from casework.plan.case_types import CASE_TYPES
from casework.plan.rule_files import Fields, parse_yaml, read_rule_text

OUTREACH_FILE = "outreach.yaml"
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class OutreachRule:
    """How hard the plan tries before a member may be called unreachable."""

    attempts: int = 3
    different_days: int = 3
    case_types: tuple[str, ...] = ("care_coordination",)
    citation: str = ""

    def says(self) -> str:
        """'3 attempts on 3 different days'."""
        days = "day" if self.different_days == 1 else "different days"
        return f"{self.attempts} attempts on {self.different_days} {days}"


@dataclass(frozen=True)
class Program:
    """A program members are referred to: its words, whether attendance is kept, its clock."""

    name: str
    says: str
    attendance: bool = False
    first_contact_days: int | None = None  # business days; None: the plan sets no clock
    citation: str = ""


@dataclass(frozen=True)
class Site:
    """A place a program is offered."""

    name: str
    programs: tuple[str, ...]
    address: str = ""


@dataclass(frozen=True)
class OutreachRules:
    """Everything the care coordination desk applies."""

    outreach: OutreachRule
    programs: Mapping[str, Program]
    sites: tuple[Site, ...] = ()
    referral_prefix: str = "REF"
    referral_queue: str = "care_coordination"
    source: str = ""

    def program(self, name: str) -> Program | None:
        """The program called `name`, or None when the rules know no such program."""
        return self.programs.get(name)

    def sites_of(self, program: str) -> tuple[Site, ...]:
        """The sites offering `program`, in the file's order."""
        return tuple(s for s in self.sites if program in s.programs)

    def site(self, name: str) -> Site | None:
        """The site called `name` (case and spaces ignored), or None."""
        wanted = " ".join(name.split()).casefold()
        return next((s for s in self.sites if s.name.casefold() == wanted), None)


def load_outreach_rules(path: Path | Traversable | None = None) -> OutreachRules:
    """Read and check the outreach rules (the bundled file by default)."""
    text, source = read_rule_text(OUTREACH_FILE, path)
    return parse_outreach_rules(text, source)


def parse_outreach_rules(text: str, source: str) -> OutreachRules:
    """Parse outreach.yaml text; a bad entry is refused with the file, line and reason."""
    top = Fields(parse_yaml(text, source), source, 1, "the outreach file")
    top.reject_unknown(("version", "outreach", "referrals", "programs", "sites"))
    if top.mapping.get("version") != 1:
        raise top.fail("version" if "version" in top.mapping else None,
                       "the outreach file must say 'version: 1'")
    rule = _outreach(top)
    referrals = _section(top, "referrals", ("prefix", "queue"))
    prefix = referrals.text("prefix", required=False) or "REF"
    if not re.fullmatch(r"[A-Z]{2,6}", prefix):
        raise referrals.fail("prefix", "'prefix' must be two to six capital letters")
    queue = referrals.text("queue", required=False) or "care_coordination"
    if not _NAME.match(queue):
        raise referrals.fail("queue", f"the queue name '{queue}' must be lower-case letters, "
                                      "digits and underscores")
    programs = _programs(top)
    return OutreachRules(rule, MappingProxyType(programs), _sites(top, programs), prefix, queue,
                         source)


def _section(top: Fields, key: str, allowed: tuple[str, ...]) -> Fields:
    value = top.mapping.get(key)
    if value is None:  # an absent section: every setting takes its default
        value = parse_yaml("{}", top.source)
    section = Fields(value, top.source, top.line_of(key) if key in top.mapping else 1,
                     f"'{key}'")
    section.reject_unknown(allowed)
    return section


def _outreach(top: Fields) -> OutreachRule:
    spec = _section(top, "outreach", ("attempts", "different_days", "case_types", "citation"))
    attempts = spec.count("attempts")
    days = spec.count("different_days")
    assert attempts is not None and days is not None
    if days > attempts:
        raise spec.fail("different_days", "'different_days' cannot be more than 'attempts' "
                                          "(each day needs an attempt)")
    types = tuple(str(t) for t in spec.items("case_types", required=False))
    unknown = [t for t in types if t not in CASE_TYPES]
    if unknown:
        raise spec.fail("case_types", f"{', '.join(unknown)} is not a case type (the types "
                                      f"are {', '.join(CASE_TYPES)})")
    citation = spec.text("citation")
    assert citation is not None
    return OutreachRule(attempts, days, types, citation)


def _programs(top: Fields) -> dict[str, Program]:
    spec = Fields(top.mapping.get("programs"), top.source,
                  top.line_of("programs") if "programs" in top.mapping else 1, "'programs'")
    found: dict[str, Program] = {}
    for name in spec.mapping:
        if not _NAME.match(name):
            raise spec.fail(name, f"the program name '{name}' must be lower-case letters, "
                                  "digits and underscores")
        item = Fields(spec.mapping[name], top.source, spec.line_of(name),
                      f"the program '{name}'")
        item.reject_unknown(("says", "attendance", "first_contact_days", "citation"))
        attendance = item.mapping.get("attendance", False)
        if not isinstance(attendance, bool):
            raise item.fail("attendance", "'attendance' must be true or false")
        days = item.count("first_contact_days", required=False)
        citation = item.text("citation", required=days is not None) or ""
        found[name] = Program(name, item.text("says") or name, attendance, days, citation)
    if not found:
        raise spec.fail(None, "the outreach file lists no programs")
    return found


def _sites(top: Fields, programs: Mapping[str, Program]) -> tuple[Site, ...]:
    sites: list[Site] = []
    for entry in top.items("sites", required=False):
        item = Fields(entry, top.source, top.line_of("sites"), "a site")
        item.reject_unknown(("name", "programs", "address"))
        name = item.text("name")
        assert name is not None
        offered = tuple(str(p) for p in item.items("programs"))
        unknown = [p for p in offered if p not in programs]
        if unknown or not offered:
            raise item.fail("programs", f"the site '{name}' names {', '.join(unknown) or 'no'} "
                                        f"program (the programs are {', '.join(programs)})")
        if any(s.name.casefold() == name.casefold() for s in sites):
            raise item.fail("name", f"the site '{name}' is listed twice")
        sites.append(Site(name, offered, item.text("address", required=False) or ""))
    return tuple(sites)
