"""The plan's rules as one Rulebook: bundled files overlaid by a site rules folder.

A site changes a rule by putting its own copy of that one file in its folder; everything else
still comes from the bundle, and the bundled files are never touched.
"""

from __future__ import annotations

import hashlib
from importlib import resources
from pathlib import Path

import pytest

from casework.bootstrap import open_workspace
from casework.intake.service import ingest_files
from casework.plan.rule_files import RuleFileError
from casework.plan.rulebook import load_rulebook
from casework.settings import Settings, load_settings
from tests.intake.prior_auth_sample import RECEIVED, load_rosters, prior_auth_pdf
from tests.test_cli import run_main

BUNDLED_ROUTING = resources.files("resources") / "routing.yaml"
STANDARD_PA_ROUTE = "route: {case_type: prior_auth, queue: um_standard, priority: standard}"


def _digest(entry: object) -> str:
    return hashlib.sha256(entry.read_bytes()).hexdigest()  # type: ignore[attr-defined]


def _site_routing(folder: Path, queue: str) -> Path:
    """A site folder whose routing.yaml sends standard prior authorizations to `queue`."""
    text = BUNDLED_ROUTING.read_text(encoding="utf-8")
    assert STANDARD_PA_ROUTE in text  # the bundled rule this test rewrites is still there
    folder.mkdir(parents=True, exist_ok=True)
    changed = text.replace(STANDARD_PA_ROUTE, STANDARD_PA_ROUTE.replace("um_standard", queue))
    changed = changed.replace("queues:\n", f"queues:\n  {queue}: UM — Fresno office\n", 1)
    (folder / "routing.yaml").write_text(changed, encoding="utf-8")
    return folder


def test_a_site_routing_file_sends_a_faxed_request_to_its_own_queue(
        settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """GIVEN a site folder holding only routing.yaml WHEN a prior authorization is ingested
    THEN its case opens in the site's queue, and the bundled rule file is unchanged."""
    before = _digest(BUNDLED_ROUTING)
    site = _site_routing(tmp_path / "site-rules", "um_fresno")
    monkeypatch.setenv("INTAKE_RULES_DIR", str(site))
    site_settings = load_settings()
    assert site_settings.rules_folder == site
    ws = open_workspace(site_settings)
    try:
        load_rosters(ws, tmp_path)
        path = tmp_path / "prior-auth.pdf"
        path.write_bytes(prior_auth_pdf())
        (result,) = ingest_files(ws, site_settings, [path], RECEIVED)
        assert result.status == "processed", result.reason
        assert result.extra["case"]["queue"] == "um_fresno"
        assert result.extra["case"]["type"] == "prior_auth"
        assert ws.rules.routing.queue_label("um_fresno") == "UM — Fresno office"
        # Everything the site did not change still comes from the bundle.
        assert set(ws.rules.schemas) == set(load_rulebook().schemas)
    finally:
        ws.db.dispose()
    assert _digest(BUNDLED_ROUTING) == before
    assert any(r.decision.queue == "um_standard" for r in load_rulebook().routing.rules)


def test_a_bad_site_file_is_refused_with_its_file_and_line(tmp_path: Path) -> None:
    site = _site_routing(tmp_path / "site-rules", "um_fresno")
    lines = (site / "routing.yaml").read_text(encoding="utf-8").splitlines()
    broken = next(n for n, line in enumerate(lines) if "queue: um_fresno" in line)
    lines[broken] = lines[broken].replace("priority: standard", "priority: whenever")
    (site / "routing.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as refused:
        load_rulebook(site)
    assert refused.value.source == str(site / "routing.yaml")
    assert refused.value.line == broken + 1
    assert f"routing.yaml, line {broken + 1}" in str(refused.value)


def test_every_command_refuses_to_start_on_a_bad_site_file(
        tmp_path: Path, sqlite_url: str) -> None:
    site = tmp_path / "site-rules"
    site.mkdir()
    (site / "clocks.yaml").write_text("version: 1\nrules:\n  - case_type: grievance\n"
                                      "    clock: resolve\n", encoding="utf-8")
    result = run_main("user", "list", "--db", sqlite_url,
                      env_extra={"INTAKE_RULES_DIR": str(site)})
    assert result.returncode == 2
    assert "clocks.yaml, line 3" in result.stderr and "Traceback" not in result.stderr


def test_a_missing_site_folder_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(RuleFileError, match="site rules folder does not exist"):
        load_rulebook(tmp_path / "nowhere")


def test_a_site_form_file_replaces_only_that_form(tmp_path: Path) -> None:
    bundled = load_rulebook()
    forms = tmp_path / "site-rules" / "forms"
    forms.mkdir(parents=True)
    text = (resources.files("resources") / "forms" / "grievance_form.yaml").read_text("utf-8")
    (forms / "grievance_form.yaml").write_text(
        text.replace("titles: [", "titles: [Queja formal del condado, ", 1),
        encoding="utf-8")
    site = load_rulebook(tmp_path / "site-rules")
    assert "Queja formal del condado" in site.schemas["grievance_form"].titles
    assert "Queja formal del condado" not in bundled.schemas["grievance_form"].titles
    assert site.schemas["appeal_request"] == bundled.schemas["appeal_request"]


def test_the_settings_file_names_the_site_folder(isolated_home: Path) -> None:
    settings = load_settings()
    assert settings.rules_folder is None
    config = settings.paths.config_file
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(f'[rules]\nfolder = "{isolated_home / "rules"}"\n', encoding="utf-8")
    assert load_settings().rules_folder == isolated_home / "rules"
