"""Letter kinds are rules (resources/letter_kinds.yaml): only the kinds that fit a case's type,
priority, status and outcome are offered and made; the file is checked when it loads."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest

from casework import users
from casework.cases.opening import NewCase, open_case_now
from casework.cases.states import WORKFLOWS
from casework.cases.work import case_detail
from casework.db.case_models import Case
from casework.letters.case_file import case_letter_file
from casework.letters.data import _LABELS, LetterData
from casework.letters.fitting import LetterDoesNotFit
from casework.letters.issuing import generate_letter
from casework.plan.letter_kinds import CaseState, load_letter_kinds
from casework.plan.rule_files import RuleFileError
from casework.plan.rulebook import load_rulebook
from casework.settings import PlanDetails
from casework.workspace import Workspace
from tests.conftest import ADMIN, REPO_ROOT, SUPERVISOR
from tests.support.rules import BUNDLED_RULES

# Letters are signed by the acting person's full name.
pytestmark = pytest.mark.usefixtures("staff_signs_letters")

RECEIVED = datetime(2026, 10, 30, 16, 0, tzinfo=UTC)
TEMPLATES = REPO_ROOT / "templates" / "letters"


def _case(ws: Workspace, case_type: str, priority: str = "standard", status: str = "received",
          outcome: str | None = None) -> tuple[int, str]:
    """A case as it stands after its workflow reached `status` (and recorded `outcome`)."""
    case_id = open_case_now(ws, SUPERVISOR, NewCase(
        case_type, case_type, priority, RECEIVED, member_name="Rosa Delgado",
        member_cin="91234567A", fields={"member_address": "12 Elm St, Fresno, CA 93701"}))
    with ws.db.write() as session:
        case = session.get(Case, case_id)
        assert case is not None
        case.status, case.outcome = status, outcome
        return case_id, case.number


@pytest.mark.parametrize(("case_type", "priority", "status", "outcome", "fitting"), [
    ("grievance", "standard", "received", None,
     ("grievance_acknowledgement", "grievance_resolution", "extension_notice")),
    ("grievance", "exempt", "received", None, ("grievance_resolution", "extension_notice")),
    ("grievance", "standard", "closed", None, ("grievance_resolution",)),
    ("appeal", "expedited", "in_review", None, ("appeal_resolution", "extension_notice")),
    ("prior_auth", "standard", "pending_information", None,
     ("extension_notice", "missing_information")),
    ("prior_auth", "standard", "decided", "denied", ("pa_denial",)),
    ("prior_auth", "expedited", "notified", "modified", ("pa_modification",)),
    ("nemt", "standard", "decided", "approved", ("pa_approval", "nemt_authorization",
                                                 "nemt_confirmation")),
    ("sfh", "standard", "preparing", None, ()),
    ("care_coordination", "standard", "received", None, ()),
])
def test_each_case_is_offered_only_the_letters_that_fit_it(
    workspace: Workspace, case_type: str, priority: str, status: str, outcome: str | None,
    fitting: tuple[str, ...],
) -> None:
    case_id, _ = _case(workspace, case_type, priority, status, outcome)
    assert case_letter_file(workspace, SUPERVISOR, case_id).kinds == fitting


def test_a_denial_notice_on_a_grievance_is_refused_naming_the_letters_that_fit(
    workspace: Workspace,
) -> None:
    _, number = _case(workspace, "grievance")
    with pytest.raises(LetterDoesNotFit) as refused:
        generate_letter(workspace, SUPERVISOR, PlanDetails(), number, "pa_denial")
    message = str(refused.value)
    assert message.startswith(f"A notice of adverse benefit determination: denial (pa_denial) does not fit {number}, "
                              "a standard grievance that is received.")
    assert ("The letters that fit it now: Grievance acknowledgement (grievance_acknowledgement); "
            "Grievance resolution (grievance_resolution); Notice of extension "
            "(extension_notice).") in message


def test_a_denial_notice_waits_for_the_denial(workspace: Workspace) -> None:
    case_id, number = _case(workspace, "prior_auth", status="in_review")
    with pytest.raises(LetterDoesNotFit, match=r"that is in review\. The letters that fit it "
                                               r"now: Notice of extension"):
        generate_letter(workspace, SUPERVISOR, PlanDetails(), number, "pa_denial")
    _, approved = _case(workspace, "prior_auth", status="decided", outcome="approved")
    with pytest.raises(LetterDoesNotFit, match="that is decided, approved"):
        generate_letter(workspace, SUPERVISOR, PlanDetails(), approved, "pa_denial")
    assert case_detail(workspace, SUPERVISOR, case_id).row.status == "in_review"


def test_an_unknown_kind_is_refused_naming_every_kind(workspace: Workspace) -> None:
    _, number = _case(workspace, "grievance")
    with pytest.raises(Exception, match="no letter kind called 'denial'; the kinds are "
                                        "grievance_acknowledgement, "):
        generate_letter(workspace, SUPERVISOR, PlanDetails(), number, "denial")


def test_the_letter_command_refuses_a_kind_that_does_not_fit(
    workspace: Workspace, settings: object
) -> None:
    _, number = _case(workspace, "grievance")
    users.add_user(workspace, ADMIN, "maria", "grievance_coordinator", "long enough pw",
                   full_name="María Ortega")
    env = {**os.environ, "INTAKE_PASSWORD": "long enough pw"}
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "main.py"), "letter", number, "pa_denial",
         "--as", "maria"], env=env, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1
    assert "does not fit" in result.stderr and "grievance_acknowledgement" in result.stderr
    assert result.stdout == ""


def test_every_bundled_kind_names_real_values_statuses_and_templates() -> None:
    """The file and the program agree: each value a kind needs is a value of the letter data
    with words to name it when missing; each status and outcome it fits is one its case
    types pass through; each kind has its English and Spanish template."""
    data_fields = {f.name: f.type for f in dataclasses.fields(LetterData)}
    for kind in BUNDLED_RULES.letter_kinds.values():
        for name in kind.required:
            assert name.split(".")[0] in data_fields, (kind.name, name)
            assert name in _LABELS, (kind.name, name)
        flows = [WORKFLOWS[t] for t in kind.fits.case_types]
        for status in kind.fits.statuses:
            assert any(status in flow.statuses for flow in flows), (kind.name, status)
        for outcome in kind.fits.outcomes:
            assert any(outcome in choices for flow in flows
                       for choices in flow.outcomes.values()), (kind.name, outcome)
        for language in ("en", "es"):
            assert (TEMPLATES / f"{kind.name}.{language}.html.j2").is_file()
        assert kind.title["en"] and kind.title["es"]


KIND = """\
  grievance_resolution:
    title: {en: Grievance resolution, es: Resolución}
    to: member
    needs: [member.name]
    fits: {case_types: [grievance]}
"""


@pytest.mark.parametrize(("text", "line", "reason"), [
    (KIND.replace("case_types: [grievance]", "case_types: [grievances]"), 7,
     "'case_types' has 'grievances'"),
    (KIND.replace("{case_types: [grievance]}", "{case_types: [grievance], statuses: [done]}"),
     7, "'statuses' has 'done'"),
    (KIND.replace("{case_types: [grievance]}", "{case_types: [grievance], outcomes: [won]}"),
     7, "'outcomes' has 'won'"),
    (KIND.replace("    fits: {case_types: [grievance]}\n", ""), 4, "does not say which cases"),
    (KIND.replace("es: Resolución", "fr: Résolution"), 4, "unknown setting 'fr'"),
    (KIND.replace(", es: Resolución", ""), 4, "'es' is missing"),
    (KIND.replace("to: member", "to: members"), 5, "'to' is 'members'"),
    (KIND.replace("[member.name]", "[member name]"), 6, "not a value name"),
    (KIND.replace("    to: member\n", "    to: member\n    dmhc_notice: yes please\n"), 6,
     "'dmhc_notice' must be true or false"),
])
def test_a_bad_letter_kind_is_refused_with_its_line(tmp_path: Path, text: str, line: int,
                                                     reason: str) -> None:
    path = tmp_path / "letter_kinds.yaml"
    path.write_text("version: 1\nkinds:\n" + text, encoding="utf-8")
    with pytest.raises(RuleFileError) as refused:
        load_letter_kinds(path)
    assert str(refused.value).startswith(f"{path}, line {line}: ")
    assert reason in str(refused.value)


def test_a_site_decides_which_cases_a_kind_fits(tmp_path: Path) -> None:
    site = tmp_path / "rules"
    site.mkdir()
    bundled = (REPO_ROOT / "resources" / "letter_kinds.yaml").read_text("utf-8")
    # This site acknowledges expedited grievances in writing too.
    edited = bundled.replace("      case_types: [grievance]\n      priorities: [standard]\n",
                             "      case_types: [grievance]\n      priorities: [standard, "
                             "expedited]\n", 1)
    assert edited != bundled
    (site / "letter_kinds.yaml").write_text(edited, "utf-8")
    rules = load_rulebook(site)
    expedited = CaseState("grievance", "expedited", "received")
    assert "grievance_acknowledgement" in [k.name for k in rules.letter_kinds.fitting(expedited)]
    assert "grievance_acknowledgement" not in [
        k.name for k in BUNDLED_RULES.letter_kinds.fitting(expedited)]
