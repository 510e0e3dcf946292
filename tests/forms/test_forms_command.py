"""`main.py forms print` as a supervisor runs it: real subprocess, the plan's own settings."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber

from tests.test_cli import run_main

SETTINGS = """version = 1

[plan]
name = "Valley Health Plan"
fax = "1-916-555-0142"
member_services_phone = "1-916-555-0100"
"""


def test_forms_print_writes_every_form_with_the_plans_fax_number(tmp_path: Path) -> None:
    config = tmp_path / "settings.toml"
    config.write_text(SETTINGS, "utf-8")
    out = tmp_path / "printed"
    result = run_main("forms", "print", "--out", str(out), "--lang", "es",  # leak-check: not a label (command)
                      env_extra={"INTAKE_CONFIG": str(config)})
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in out.iterdir())
    assert names == ["appeal_request.es.pdf", "care_coordination_referral.es.pdf",
                     "fax_cover.es.pdf", "grievance_form.es.pdf", "nemt_request.es.pdf",
                     "prior_auth_request.es.pdf"]
    assert "6 blank forms written" in result.stdout  # leak-check: not a label (command)
    with pdfplumber.open(io.BytesIO((out / "nemt_request.es.pdf").read_bytes())) as pdf:
        text = " ".join((pdf.pages[0].extract_text() or "").split())
    assert "por fax a Valley Health Plan al 1-916-555-0142" in text


def test_forms_print_refuses_a_language_it_cannot_print(tmp_path: Path) -> None:
    result = run_main("forms", "print", "--out", str(tmp_path), "--lang", "fr")  # leak-check: not a label (command)
    assert result.returncode == 2
    assert "invalid choice: 'fr'" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_forms_print_into_a_folder_it_cannot_write_says_so_plainly(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be", "utf-8")  # leak-check: not a label (command)
    result = run_main("forms", "print", "--out", str(blocker / "forms"))  # leak-check: not a label (command)
    assert result.returncode == 1
    assert "The blank forms cannot be written to" in result.stderr  # leak-check: not a label (command)
    assert "--out" in result.stderr and "Traceback" not in result.stderr
    assert blocker.read_text("utf-8") == "a file where the folder should be"  # leak-check: not a label (command)
