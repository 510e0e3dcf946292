"""OCR throughput: the intake pipeline against the `tesseract` command on the same pages, per
variant (300-dpi scan, fine fax, standard fax), and where the pipeline's time goes.

Both sides get the same generated pages and the same cores: the baseline runs one `tesseract`
process per core, with the languages intake reads with (eng+spa by default) and the same page
segmentation (automatic, PSM 3), each file as it is (a standard fax at its squashed 204 x 98
dpi); the pipeline is intake's runner as the `watch` service runs it, its workers started
once (their start-up is printed apart, it is paid once per service, not per document), each
file taken into the store, read, analysed and filed. The command reads half the pages before
the pipeline and half after it, so that load from other work that changes during the run
weighs on both alike. Printed per variant: both pages/min and their ratio (target >= 1.2), the
CPU seconds per page of each (their ratio holds on a machine other work is slowing down), and
the pipeline's time per stage (open, square, read, reread, analyse, write; worker stages
summed over workers) so a regression is found by its stage. Then the latency of a one-page fax
with the workers idle against that page's own reading time (target <= 1.5x), and the workers'
peak memory.

BENCH_PAGES pages per variant (default 16). BENCH_COMMAND_ENG=1 also times the command reading
English only, the cheaper reading intake does not do (it loses Spanish accents and fax recall).
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, wait
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.page_factory import VARIANTS, write_variant
from casework.bootstrap import open_workspace
from casework.intake.progress import DocumentUpdate
from casework.intake.runner import Runner, RunnerConfig
from casework.intake.service import read_settings, read_taken, take_named
from casework.intake.taking import TakenFile
from casework.settings import load_settings
from ocr.timing import StageTimes

PAGES = int(os.environ.get("BENCH_PAGES", "16"))
COMMAND_ENG = os.environ.get("BENCH_COMMAND_ENG") == "1"
CORES = os.cpu_count() or 1


class Quiet:
    """Progress nobody watches."""

    def update(self, update: DocumentUpdate) -> None:
        """Ignore the step."""


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _own_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _workers_cpu(runner: Runner) -> float:
    """CPU seconds the live workers have used (Linux: /proc/PID/stat utime + stime)."""
    total = 0.0
    for pid in getattr(runner._pool, "_processes", {}):
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def tesseract_baseline(files: list[Path], languages: str) -> tuple[float, float]:
    """Seconds for the `tesseract` command to read `files` in `languages` ("eng+spa"), one
    process per core, and the CPU seconds its processes used."""
    if not files:
        return 0.0, 0.0
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    cpu = _children_cpu()
    started = time.perf_counter()

    def run(path: Path) -> None:
        subprocess.run(["tesseract", str(path), "-", "-l", languages, "--psm", "3"], env=env,
                       capture_output=True, check=True)

    with ThreadPoolExecutor(max_workers=CORES) as pool:
        list(pool.map(run, files))
    return time.perf_counter() - started, _children_cpu() - cpu


def through_pipeline(runner: Runner, files: list[Path]) -> tuple[float, float, int]:
    """Seconds to take, read, analyse and file `files`, the CPU seconds used (workers and
    this writing process), and how many files were taken."""
    ws, settings = runner.ws, runner.settings
    cpu = _workers_cpu(runner) + _own_cpu()
    started = time.perf_counter()
    taken = [take_named(ws, path, settings, None, Quiet()) for path in files]
    read_taken(ws, taken, runner, Quiet())
    elapsed = time.perf_counter() - started
    used = _workers_cpu(runner) + _own_cpu() - cpu
    return elapsed, used, sum(1 for t in taken if isinstance(t, TakenFile))


def _rate(pages: int, seconds: float) -> float:
    return pages / seconds * 60 if seconds else 0.0


def _rate_line(what: str, pages: int, seconds: float, cpu: float) -> None:
    print(f"  {what + ':':<50}{_rate(pages, seconds):7.1f} pages/min ({seconds:.1f} s; "
          f"{cpu / pages:.2f} CPU-s/page)")


def compare(runner: Runner, variant: str, files: list[Path]) -> float:
    """Print the command's and the pipeline's rates and the stage times for one variant."""
    languages = "+".join(runner.settings.languages)
    # Command, pipeline, pipeline, command on the two halves of the pages: other work that
    # speeds up or slows down the machine during the run weighs on both sides alike.
    half = len(files) // 2
    runner.times, runner.pages = StageTimes(), 0
    base_s, base_cpu = tesseract_baseline(files[:half], languages)
    pipe_s, pipe_cpu, taken = through_pipeline(runner, files[:half])
    more_s, more_cpu, more_taken = through_pipeline(runner, files[half:])
    last_s, last_cpu = tesseract_baseline(files[half:], languages)
    base_s, base_cpu = base_s + last_s, base_cpu + last_cpu
    pipe_s, pipe_cpu, taken = pipe_s + more_s, pipe_cpu + more_cpu, taken + more_taken
    pages = len(files)
    ratio = _rate(pages, pipe_s) / _rate(pages, base_s)
    print(f"\n{variant}: {pages} pages ({taken} taken), {CORES} cores")
    _rate_line(f"tesseract command ({languages}), a process per core", pages, base_s, base_cpu)
    if COMMAND_ENG and languages != "eng":
        eng_s, eng_cpu = tesseract_baseline(files, "eng")
        _rate_line("tesseract command (eng only), for reference", pages, eng_s, eng_cpu)
    _rate_line("intake pipeline (warm workers)", pages, pipe_s, pipe_cpu)
    print(f"  {'ratio pipeline / tesseract:':<50}{ratio:7.2f}  (target >= 1.20); "
          f"by CPU-s/page {base_cpu / pipe_cpu if pipe_cpu else 0:.2f}")
    print(f"  time per stage ({runner.pages} pages):")
    for line in runner.times.lines(runner.pages):
        print(f"    {line}")
    return ratio


def latency(runner: Runner, folder: Path) -> None:
    """A one-page fax from taking to filed, with the workers idle, against its reading time."""
    (path,) = write_variant(folder, "fax_fine", 1, first_seed=900)
    runner.times, runner.pages = StageTimes(), 0
    elapsed, _, _ = through_pipeline(runner, [path])
    read_s = runner.times.of("read")
    print(f"\none-page fine fax, workers idle: {elapsed:.2f} s from taking to filed; reading the "
          f"page {read_s:.2f} s; {elapsed / read_s if read_s else 0:.2f}x  (target <= 1.5x)")


def worker_peaks_mb(runner: Runner) -> list[float]:
    """Each live worker's peak resident memory (Linux: VmHWM), in MB."""
    peaks = []
    for pid in getattr(runner._pool, "_processes", {}):
        try:
            status = Path(f"/proc/{pid}/status").read_text()
        except OSError:
            continue
        for line in status.splitlines():
            if line.startswith("VmHWM:"):
                peaks.append(int(line.split()[1]) / 1024)
    return peaks


def main() -> int:
    ratios = []
    with tempfile.TemporaryDirectory(prefix="ocr-bench-") as tmp:
        folder = Path(tmp)
        files = {v: write_variant(folder / v, v, PAGES) for v in VARIANTS}
        env = {k: v for k, v in os.environ.items() if k != "INTAKE_DB_URL"}
        settings = load_settings(environ={**env, "INTAKE_HOME": str(folder / "home")})
        ws = open_workspace(settings)
        runner = Runner(ws, read_settings(settings), RunnerConfig(workers=CORES))
        started = time.perf_counter()
        runner.warm_up()
        wait(runner._warming)
        print(f"worker start-up (once per service, {CORES} workers in parallel): "
              f"{time.perf_counter() - started:.1f} s")
        try:
            for variant in VARIANTS:
                ratios.append(compare(runner, variant, files[variant]))
            latency(runner, folder / "latency")
            peak_mb = max(worker_peaks_mb(runner), default=0.0)
        finally:
            runner.close()
            ws.db.dispose()
    print(f"peak memory of one worker: {peak_mb:.0f} MB  (target <= 400 MB)")
    print(f"lowest ratio: {min(ratios):.2f} (target >= 1.20 on every variant)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
