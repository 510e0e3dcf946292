"""Start-up of the installed bundle to an open main window, against the source checkout.

Both sides run `--self-test`, which opens a fresh database and then the real main window
offscreen before it reads anything; the figure is the time from launching the process to its
"main window shown" line. The baseline is the same command from the source tree with this
interpreter, in the same run. The bundle is built first (`make bundle`) when it is missing;
BENCH_SKIP_BUNDLE=1 measures the source tree alone. Target: the bundle under 3 s.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BUNDLE = REPO / "build" / "dist" / "intake-workstation" / "intake-workstation"
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
SHOWN = "main window shown"
TARGET_S = 3.0


def time_to_window(command: list[str]) -> float:
    """Seconds from launch to the self-test's window line; the process is then let finish."""
    with tempfile.TemporaryDirectory(prefix="startup-bench-") as home:
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", INTAKE_HOME=home)
        env.pop("INTAKE_DB_URL", None)
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True)
        assert process.stdout is not None
        shown_at = None
        for line in process.stdout:
            if shown_at is None and SHOWN in line:
                shown_at = time.perf_counter() - started
        if process.wait() != 0 or shown_at is None:
            raise SystemExit(f"{command[0]} --self-test failed (exit {process.returncode})")
        return shown_at


def median_of(command: list[str]) -> float:
    time_to_window(command)  # first run warms the disk cache for both sides alike
    return statistics.median(time_to_window(command) for _ in range(RUNS))


def main() -> int:
    source = median_of([sys.executable, str(REPO / "main.py"), "--self-test"])
    print(f"source checkout (baseline): {source:.2f} s to the main window "
          f"(median of {RUNS})")
    if os.environ.get("BENCH_SKIP_BUNDLE"):
        return 0
    if not BUNDLE.exists():
        print("building the bundle first (make bundle)…", flush=True)
        subprocess.run(["make", "-C", str(REPO), "bundle"], check=True,
                       stdout=subprocess.DEVNULL)
    bundle = median_of([str(BUNDLE), "--self-test"])
    verdict = "within" if bundle < TARGET_S else "OVER"
    print(f"bundle: {bundle:.2f} s to the main window (median of {RUNS}); "
          f"{bundle / source:.2f}x the source checkout; {verdict} the {TARGET_S:.0f} s target")
    return 0


if __name__ == "__main__":
    sys.exit(main())
