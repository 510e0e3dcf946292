"""Limits after every transformation: a page is never made bigger than can be read within
the worker's memory, whatever its resolution tags say."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageDraw

from ocr import ReadSettings, read_document
from ocr.preprocess import square_pixels
from tests.conftest import REPO_ROOT
from tests.ocr.conftest import make_pdf, render_gray

SETTINGS = ReadSettings()
READ_PIXELS = SETTINGS.read_megapixels * 1e6
WORKER_MEMORY_MB = 400
# Runs a command and prints, after its output, the most memory any of its processes held (KB).
MEASURE = ("import resource, subprocess, sys; subprocess.run([sys.executable, *sys.argv[1:]]); "
           "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def _sliver_tiff(path: Path) -> Path:
    """A 3 KB fax-like TIFF whose tags (50 x 1200 dpi) would square it to 1,152 megapixels."""
    Image.new("1", (1000, 48_000), 1).save(path, dpi=(50, 1200), compression="group4")
    return path


def _camera_photo(path: Path) -> Path:
    """A 48-megapixel colour photo of a page, tagged 600 dpi."""
    photo = Image.new("RGB", (8000, 6000), (245, 243, 238))
    draw = ImageDraw.Draw(photo)
    for y in range(200, 6000, 400):
        draw.rectangle((300, y, 7700, y + 60), fill=(20, 20, 20))
    photo.save(path, quality=80, dpi=(600, 600))
    return path


def test_squaring_a_tagged_sliver_stays_within_the_read_limit(tmp_path: Path) -> None:
    """GIVEN a tiny TIFF whose resolution tags would square it to 960 megapixels
    THEN it is read at a lower resolution, within the limit, and the clerk is told so."""
    reading = read_document(_sliver_tiff(tmp_path / "sliver.tif"), SETTINGS)
    page = reading.pages[0]
    assert page.width * page.height <= READ_PIXELS
    assert f"Page 1 is unusually large and was read at {page.dpi} dpi." in reading.warnings


def test_a_squashed_fax_is_doubled_only_when_the_result_fits() -> None:
    standard = Image.new("1", (1728, 40_000), 1)
    squared, dpi = square_pixels(standard, (204.0, 98.0), READ_PIXELS)
    assert squared.width * squared.height <= READ_PIXELS
    assert abs(squared.width / dpi - 1728 / 204) < 0.05  # still the fax's width in inches
    ordinary = Image.new("1", (1728, 1100), 1)
    doubled, fax_dpi = square_pixels(ordinary, (204.0, 98.0), READ_PIXELS)
    assert doubled.size == (1728, 2200) and fax_dpi == 200


def test_a_big_camera_photo_is_read_smaller_at_its_true_size(tmp_path: Path) -> None:
    """GIVEN a 48-megapixel colour photo tagged 600 dpi THEN it is read, not refused, in
    gray within the limit, and its resolution still gives the page's true width."""
    reading = read_document(_camera_photo(tmp_path / "photo.jpg"), SETTINGS)
    page = reading.pages[0]
    assert page.width * page.height <= READ_PIXELS
    assert abs(page.width / page.dpi - 8000 / 600) < 0.15


def test_intake_of_oversized_pages_stays_under_the_worker_memory(tmp_path: Path) -> None:
    """GIVEN a sliver TIFF, a 48-megapixel photo and a 600-dpi scan WHEN `ingest` reads them
    THEN each gives its JSON line and the process never holds more than 400 MB."""
    scan = tmp_path / "scan600.png"
    render_gray(make_pdf(), 600).save(scan, dpi=(600, 600))
    files = [_sliver_tiff(tmp_path / "sliver.tif"), _camera_photo(tmp_path / "photo.jpg"), scan]
    env = {**os.environ, "INTAKE_HOME": str(tmp_path / "home")}
    env.pop("DISPLAY", None)
    ingest = [str(REPO_ROOT / "main.py"), "ingest", "--json",
              "--db", f"sqlite:///{tmp_path / 'intake.db'}", *map(str, files)]
    # Measured from a small parent: a process started straight from this (large) test process
    # would count this process's memory as its own peak (the kernel keeps the high-water mark
    # of the memory it replaced at exec).
    done = subprocess.run([sys.executable, "-c", MEASURE, *ingest], env=env, text=True,
                          capture_output=True, timeout=300, check=False)
    *lines_out, peak_kb = done.stdout.splitlines()
    lines = [json.loads(line) for line in lines_out if line.startswith("{")]
    assert [line["status"] for line in lines] == ["processed"] * 3, done.stderr[-3000:]
    assert int(peak_kb) / 1024 <= WORKER_MEMORY_MB, f"peak {int(peak_kb) / 1024:.0f} MB"
