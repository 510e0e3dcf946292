"""Run every benchmark in this folder, one after another, each in its own process.

Each benchmark prints its figures beside a baseline measured in the same run; compare the
ratios, not single timings, since machines are shared and noisy.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    # geometry_layouts.py is a before/after measure run by hand (it compares two runs' files).
    skipped = {"run_all.py", "__init__.py", "page_factory.py", "geometry_layouts.py"}
    scripts = sorted(p for p in HERE.glob("*.py") if p.name not in skipped)
    failed = []
    for script in scripts:
        print(f"\n=== {script.stem} ===", flush=True)
        started = time.monotonic()
        result = subprocess.run([sys.executable, str(script)], cwd=HERE.parent, check=False)
        print(f"--- {script.stem}: exit {result.returncode}, {time.monotonic() - started:.1f} s")
        if result.returncode != 0:
            failed.append(script.stem)
    if failed:
        print(f"\nFailed benchmarks: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
