"""The plan's rules as one object: form schemas, label vocabulary, routing, related cases,
clocks, holidays, letter kinds, clinical review, transportation, outreach and referral programs
and the trust model for read
fields, read once from the bundled rule files overlaid by a site rules folder.

A site folder holds only the files a site changes, at the same relative paths as the bundled
ones (`routing.yaml`, `relations.yaml`, `clocks.yaml`, `holidays.yaml`, `letter_kinds.yaml`,
`trust.yaml`, `clinical_review.yaml`, `transport.yaml`, `outreach.yaml`, `forms/synonyms.yaml`,
`forms/<form type>.yaml`, `forms/common.yaml`); every other file comes from the bundle. The
Rulebook travels with the services (on the Workspace), never as a module global, so a test or a
site can hand a service a different rule set.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from types import MappingProxyType

from casework.plan.calendar import HOLIDAYS_FILE, BusinessCalendar, load_holiday_edits
from casework.plan.clinical_review import (
    CLINICAL_REVIEW_FILE,
    ClinicalReviewRules,
    load_clinical_review,
)
from casework.plan.clock_rules import CLOCKS_FILE, ClockRules, load_clock_rules
from casework.plan.letter_kinds import LETTER_KINDS_FILE, LetterKinds, load_letter_kinds
from casework.plan.outreach_rules import OUTREACH_FILE, OutreachRules, load_outreach_rules
from casework.plan.relation_rules import RELATIONS_FILE, RelationRules, load_relation_rules
from casework.plan.routing import ROUTING_FILE, RoutingRules, load_routing_rules
from casework.plan.rule_files import RuleFileError
from casework.plan.schema import COMMON_FILE, FormSchema, form_files, schemas_from
from casework.plan.transport_rules import TRANSPORT_FILE, TransportRules, load_transport_rules
from casework.plan.trust_model import TRUST_FILE, TrustModel, load_trust_model
from casework.plan.vocabulary import VOCABULARY_FILE, Vocabulary, load_vocabulary

FORMS_FOLDER = "forms"
RULES_DIR_VARIABLE = "INTAKE_RULES_DIR"


@dataclass(frozen=True)
class RuleSources:
    """Where each rule file is read from: the site folder's copy if it has one, else the bundle."""

    site: Path | None = None
    bundled: Traversable = field(default_factory=lambda: resources.files("resources"))

    def file(self, *parts: str) -> Traversable:
        """The file at `parts` (e.g. "forms", "synonyms.yaml"), the site's copy first."""
        if self.site is not None and self.site.joinpath(*parts).is_file():
            return self.site.joinpath(*parts)
        target = self.bundled
        for part in parts:  # one at a time: a bundled build's resources join one part a call
            target = target / part
        return target

    def form_files(self) -> list[Traversable]:
        """Every form schema file: the bundled ones, each replaced by a site file of its name,
        plus forms only the site has."""
        chosen: dict[str, Traversable] = {
            e.name: e for e in form_files(self.bundled / FORMS_FOLDER)}
        site_forms = self.site / FORMS_FOLDER if self.site is not None else None
        if site_forms is not None and site_forms.is_dir():
            chosen.update({e.name: e for e in form_files(site_forms)})
        return list(chosen.values())


@dataclass(frozen=True, eq=False)
class Rulebook:
    """Every rule the services apply. Compared by identity, so derived caches key on it."""

    schemas: Mapping[str, FormSchema]
    vocabulary: Vocabulary
    routing: RoutingRules
    clocks: ClockRules
    calendar: BusinessCalendar
    letter_kinds: LetterKinds  # which letters exist, what each needs, which cases it fits
    trust: TrustModel  # when a read field needs no person's look
    relations: RelationRules  # how a case opened from a document relates to cases it names
    clinical_review: ClinicalReviewRules  # decisions only a clinical reviewer may record
    # Levels of transport, the mileage estimate, standing orders, the NMT mileage rate.
    transport: TransportRules = field(default_factory=load_transport_rules)
    # Attempts before a member is unreachable; referral programs, their sites and clocks.
    outreach: OutreachRules = field(default_factory=load_outreach_rules)
    site_folder: Path | None = None

    def schema(self, form_type: str | None) -> FormSchema | None:
        """The schema of `form_type`, or None for an unknown or missing type."""
        return self.schemas.get(form_type or "")


def load_rulebook(site_folder: Path | None = None) -> Rulebook:
    """Read every rule file, the site folder's copies first; a bad file is refused by name
    and line (RuleFileError)."""
    if site_folder is not None and not site_folder.is_dir():
        raise RuleFileError(str(site_folder), None,
                            "the site rules folder does not exist or is not a folder")
    sources = RuleSources(site_folder)
    schemas = schemas_from(sources.file(FORMS_FOLDER, COMMON_FILE), sources.form_files())
    clocks = load_clock_rules(sources.file(CLOCKS_FILE))
    letter_kinds = load_letter_kinds(sources.file(LETTER_KINDS_FILE))
    _refuse_unknown_notices(clocks, letter_kinds)
    return Rulebook(
        schemas=MappingProxyType(schemas),
        vocabulary=load_vocabulary(sources.file(FORMS_FOLDER, VOCABULARY_FILE)),
        routing=load_routing_rules(sources.file(ROUTING_FILE)),
        clocks=clocks,
        calendar=BusinessCalendar(load_holiday_edits(sources.file(HOLIDAYS_FILE))),
        letter_kinds=letter_kinds,
        trust=load_trust_model(sources.file(TRUST_FILE)),
        relations=load_relation_rules(sources.file(RELATIONS_FILE)),
        clinical_review=load_clinical_review(sources.file(CLINICAL_REVIEW_FILE), letter_kinds),
        transport=load_transport_rules(sources.file(TRANSPORT_FILE)),
        outreach=load_outreach_rules(sources.file(OUTREACH_FILE)),
        site_folder=site_folder,
    )


def _refuse_unknown_notices(clocks: ClockRules, kinds: LetterKinds) -> None:
    """An extension's member notice must be a letter kind that fits the clock's cases, or the
    notice the regulation requires could never be sent."""
    for rule in clocks.rules:
        notice = rule.extension.notice if rule.extension else None
        if notice is None:
            continue
        if notice.letter not in kinds:
            raise RuleFileError(clocks.source, rule.line,
                                f"the extension notice '{notice.letter}' is not a letter kind "
                                f"(the kinds are {', '.join(kinds)})")
        missing = [t for t in rule.case_types if t not in kinds[notice.letter].fits.case_types]
        if missing:
            raise RuleFileError(clocks.source, rule.line,
                                f"the extension notice '{notice.letter}' does not fit "
                                f"{', '.join(missing)} cases ({kinds.source})")
