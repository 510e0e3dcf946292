"""OCR throughput: the whole intake pipeline against the `tesseract` command on the same pages.

Both sides get the same generated pages (300-dpi scans, fine and standard fax TIFFs) and the
same cores: the baseline runs one `tesseract` process per core; the pipeline runs
`main.py ingest --json` (its own process pool, one Tesseract thread per worker).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.page_factory import write_pages

REPO = Path(__file__).resolve().parents[1]
PAGES = int(os.environ.get("BENCH_PAGES", "42"))


def tesseract_baseline(files: list[Path]) -> float:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    started = time.perf_counter()

    def run(path: Path) -> None:
        subprocess.run(["tesseract", str(path), "-", "-l", "eng+spa"], env=env,
                       capture_output=True, check=True)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        list(pool.map(run, files))
    return time.perf_counter() - started


def pipeline(files: list[Path], home: Path) -> tuple[float, list[dict[str, object]], float]:
    env = dict(os.environ, INTAKE_HOME=str(home))
    env.pop("INTAKE_DB_URL", None)
    # Migrations and start-up are not OCR: do them before the clock starts.
    subprocess.run([sys.executable, str(REPO / "main.py"), "db", "upgrade"], env=env,
                   capture_output=True, check=True)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(REPO / "main.py"), "ingest", "--json", *map(str, files)],
        env=env, capture_output=True, text=True, check=True,
    )
    elapsed = time.perf_counter() - started
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    return elapsed, rows, peak_mb


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="ocr-bench-") as tmp:
        folder = Path(tmp)
        generated = write_pages(folder / "pages", PAGES)
        files = [path for path, _ in generated]
        pages = sum(n for _, n in generated)
        base_s = tesseract_baseline(files)
        pipe_s, rows, peak_mb = pipeline(files, folder / "home")
    processed = sum(1 for r in rows if r.get("status") == "processed")
    confidences = [float(c) for r in rows if isinstance((c := r.get("ocr_confidence")), float)]
    base_rate = pages / base_s * 60
    pipe_rate = pages / pipe_s * 60
    print(f"pages: {pages} ({processed} files processed by the pipeline), cores: {os.cpu_count()}")
    print(f"tesseract command, one process per core: {base_rate:7.1f} pages/min ({base_s:.1f} s)")
    print(f"intake pipeline (ingest --json):         {pipe_rate:7.1f} pages/min ({pipe_s:.1f} s)")
    print(f"ratio pipeline / tesseract:              {pipe_rate / base_rate:7.2f}  (target >= 1.20)")
    print(f"peak memory of one process:              {peak_mb:7.0f} MB  (target <= 400 MB)")
    if confidences:
        print(f"mean OCR confidence:                     {sum(confidences) / len(confidences):7.2f}")
    return 0 if processed == len(files) else 1


if __name__ == "__main__":
    sys.exit(main())
