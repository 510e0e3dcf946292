"""`main.py demo` loads a working queue into an empty database, and can be run again.

It lives with the desktop tests because the demo exists to show the window something to work.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import REPO_ROOT


def _main(home: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items()
           if k not in {"INTAKE_DB_URL", "INTAKE_STORE_ROOT", "DISPLAY", "WAYLAND_DISPLAY"}}
    env["INTAKE_HOME"] = str(home)
    env["INTAKE_PASSWORD"] = "demo password 1"  # every demo account's
    return subprocess.run([sys.executable, str(REPO_ROOT / "main.py"), *args], env=env,
                          capture_output=True, text=True, timeout=180, check=False)


def test_demo_loads_accounts_rosters_fax_and_phone_cases_and_can_run_twice(
    tmp_path: Path,
) -> None:
    home = tmp_path / "home"
    first = _main(home, "demo")
    assert first.returncode == 0, first.stderr
    assert "supervisor" in first.stdout and "demo password 1" in first.stdout
    assert "admin " in first.stdout  # the administrator the demo made on the empty database
    refused = _main(home, "demo")
    assert refused.returncode == 1 and "--as USER" in refused.stderr
    assert "Sample fax: processed" in first.stdout
    # A prior authorization faxed by an office, and a letter no form fits (Intake Review).
    assert re.search(r"Fax valley-family-medicine-pa.pdf: processed, PA-", first.stdout)
    assert re.search(r"Fax address-change-letter.pdf: processed, IR-", first.stdout)

    again = _main(home, "demo", "--as", "admin")  # accounts exist: an administrator signs in
    assert again.returncode == 0, again.stderr
    assert "Sample fax: duplicate" in again.stdout
    assert "Phone case GRV" not in again.stdout  # nothing opened twice

    opened = re.findall(r"Phone case ([A-Z]+-\d{4}-\d{6})", first.stdout)
    assert [n.split("-")[0] for n in opened] == ["GRV", "GRV", "NEMT", "GRV", "GRV", "APL",
                                                 "CC"]
    fax_case = opened[0].replace(opened[0][-6:], "000001")  # the fax was filed first
    for number in [fax_case, *opened]:
        shown = _main(home, "case", "show", number, "--as", "supervisor")
        assert shown.returncode == 0, shown.stderr
        assert shown.stdout.startswith(number)
