"""The label vocabulary (resources/forms/synonyms.yaml) is plan-editable policy: it loads,
it is what labels are matched with, and a bad file is refused with its name, line and reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from casework.forms.labels import label_score
from casework.forms.wording import wording_for
from casework.plan.rule_files import RuleFileError
from casework.plan.rulebook import load_rulebook
from casework.plan.vocabulary import load_vocabulary, parse_vocabulary
from tests.support.rules import BUNDLED_RULES


def test_the_bundled_vocabulary_says_who_the_member_is() -> None:
    vocabulary = BUNDLED_RULES.vocabulary
    wording = wording_for(BUNDLED_RULES)
    normalize = wording.normalize
    assert {vocabulary.words[w] for w in ("enrollee", "beneficiary", "pt")} == {"member"}
    assert normalize("Enrollee Name") == normalize("Member Name") == "member name"
    assert label_score(normalize("Name of Beneficiary"), "member name", "name", wording) == 100
    assert normalize("Date of Birth (MM/DD/YYYY)") == "dob"


def test_the_vocabulary_is_not_taken_for_a_form() -> None:
    assert "synonyms" not in BUNDLED_RULES.schemas
    assert all(s.source.endswith(".yaml") for s in BUNDLED_RULES.schemas.values())


@pytest.mark.parametrize(("text", "line", "reason"), [
    ("words:\n  member: [patient]\n  provider: [patient]\n", 1, "two meanings"),
    ("filler: [of, the]\nsynonym: [x]\n", 2, "unknown setting 'synonym'"),
    ("ignore:\n  - '(unclosed'\n", 1, "not valid"),
    ("phrases:\n  - {says: 'dob'}\n", 2, "missing 'means'"),
    ("words:\n  member: patient\n", 2, "must be a list of words"),
])
def test_a_bad_vocabulary_is_refused_with_its_line(text: str, line: int, reason: str) -> None:
    with pytest.raises(RuleFileError) as raised:
        parse_vocabulary(text, "synonyms.yaml")
    assert raised.value.line == line
    assert reason in raised.value.reason


def test_a_vocabulary_file_that_cannot_be_read_is_named(tmp_path: Path) -> None:
    missing = tmp_path / "synonyms.yaml"
    with pytest.raises(RuleFileError) as raised:
        load_vocabulary(missing)
    assert raised.value.source == str(missing)
    assert "cannot be read" in str(raised.value)


def test_a_site_vocabulary_is_what_its_rules_match_labels_with(tmp_path: Path) -> None:
    """GIVEN a site rules folder whose vocabulary adds a word for the member WHEN labels are
    normalised by those rules THEN the word means member, and the bundled rules, read in the
    same process, still do not know it."""
    bundled = Path(str(BUNDLED_RULES.schemas["fax_cover"].source)).with_name("synonyms.yaml")
    site = tmp_path / "forms"
    site.mkdir()
    (site / "synonyms.yaml").write_text(bundled.read_text("utf-8").replace(
        "  member: [patient,", "  member: [socio, patient,"), "utf-8")
    site_rules = load_rulebook(tmp_path)
    assert wording_for(site_rules).normalize("Socio Name") == "member name"
    assert wording_for(BUNDLED_RULES).normalize("Socio Name") != "member name"
    assert wording_for(site_rules) is wording_for(site_rules)
