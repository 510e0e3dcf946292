"""Generated benchmark pages: filled forms as 300-dpi scans and as fine and standard faxes."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pypdfium2
from PIL import Image, ImageFilter
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

FIRST = ["Maria", "Jose", "Linh", "Ana", "Robert", "Guadalupe", "Kevin", "Sofia", "Tran", "Ruth"]
LAST = ["Garcia", "Nguyen", "Hernandez", "Smith", "Lopez", "Martinez", "Chen", "Patel", "Flores"]
LABELS = [
    ("Member Name", lambda r: f"{r.choice(FIRST)} {r.choice(LAST)}"),
    ("Medi-Cal ID (CIN)", lambda r: f"{r.randint(90000000, 99999999)}{r.choice('ABCDEFGH')}"),
    ("Date of Birth", lambda r: f"{r.randint(1, 12):02d}/{r.randint(1, 28):02d}/{r.randint(1940, 2015)}"),
    ("Member Phone", lambda r: f"({r.randint(200, 989)}) 555-{r.randint(1000, 9999)}"),
    ("Requesting Provider", lambda r: f"Dr. {r.choice(FIRST)} {r.choice(LAST)}"),
    ("Provider NPI", lambda r: f"{r.randint(1000000000, 1999999999)}"),
    ("Diagnosis (ICD-10)", lambda r: f"M{r.randint(10, 99)}.{r.randint(0, 9)}"),
    ("Procedure (CPT)", lambda r: f"{r.randint(10000, 99999)}"),
    ("Start Date", lambda r: f"{r.randint(1, 12):02d}/{r.randint(1, 28):02d}/2026"),
    ("Units Requested", lambda r: str(r.randint(1, 30))),
]
PROSE = (
    "Patient has persistent pain despite six weeks of physical therapy and medication. "
    "Imaging shows moderate degenerative changes. Request authorization for the procedure "
    "listed above to restore function and allow return to daily activities. "
)


def form_pdf(seed: int) -> bytes:
    """One filled prior-authorization-style page as a born-digital PDF."""
    rnd = random.Random(seed)
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer, pagesize=letter)
    width, height = letter
    pdf.setFont("Helvetica-Bold", 16)
    pdf.drawString(72, height - 72, "Prior Authorization Request Form")
    pdf.setFont("Helvetica", 11)
    y = height - 110
    for label, make in LABELS:
        pdf.drawString(72, y, f"{label}:")
        pdf.drawString(250, y, make(rnd))
        pdf.line(248, y - 3, width - 72, y - 3)
        y -= 28
    pdf.drawString(72, y - 10, "Clinical justification:")
    text = pdf.beginText(72, y - 30)
    text.setFont("Helvetica", 10.5)
    words = (PROSE * 3).split()
    line: list[str] = []
    for word in words:
        line.append(word)
        if len(" ".join(line)) > 85:
            text.textLine(" ".join(line))
            line = []
    text.textLine(" ".join(line))
    pdf.drawText(text)
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()


def scan_image(seed: int) -> Image.Image:
    """The page as a 300-dpi grayscale scan with a little blur and noise."""
    document = pypdfium2.PdfDocument(form_pdf(seed))
    image = document[0].render(scale=300 / 72, grayscale=True).to_pil().convert("L")
    document.close()
    rnd = random.Random(seed)
    image = image.filter(ImageFilter.GaussianBlur(0.6))
    pixels = image.load()
    for _ in range(1500):
        x, y = rnd.randrange(image.width), rnd.randrange(image.height)
        pixels[x, y] = rnd.choice((0, 255))  # type: ignore[index]
    return image


def fax_image(seed: int, fine: bool) -> Image.Image:
    """The page as a 1-bit fax: 204 x 196 dpi (fine) or 204 x 98 dpi (standard), skewed a little."""
    image = scan_image(seed).rotate(random.Random(seed).uniform(-1.5, 1.5), fillcolor=255,
                                    resample=Image.Resampling.BILINEAR)
    size = (round(image.width * 204 / 300), round(image.height * (196 if fine else 98) / 300))
    return image.resize(size, Image.Resampling.LANCZOS).point(lambda v: 255 if v > 150 else 0, "1")


VARIANTS = ("scan", "fax_fine", "fax_standard")


def write_variant(folder: Path, variant: str, count: int, first_seed: int = 0) -> list[Path]:
    """Write `count` one-page files of one variant (scan PNGs or fax TIFFs); return them."""
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    for seed in range(first_seed, first_seed + count):
        if variant == "scan":
            path = folder / f"scan-{seed:03d}.png"
            scan_image(seed).save(path, dpi=(300, 300))
        else:
            fine = variant == "fax_fine"
            path = folder / f"{variant}-{seed:03d}.tif"
            fax_image(seed, fine).save(path, compression="group4",
                                       dpi=(204, 196 if fine else 98))
        files.append(path)
    return files


def write_pages(folder: Path, count: int = 42) -> list[tuple[Path, int]]:
    """Write `count` pages as a mix of scan PNGs and fine/standard fax TIFFs; return (file, pages)."""
    folder.mkdir(parents=True, exist_ok=True)
    files: list[tuple[Path, int]] = []
    for seed in range(count):
        kind = seed % 3
        if kind == 0:
            path = folder / f"scan-{seed:03d}.png"
            scan_image(seed).save(path, dpi=(300, 300))
        else:
            fine = kind == 1
            path = folder / f"fax-{'fine' if fine else 'standard'}-{seed:03d}.tif"
            fax_image(seed, fine).save(path, compression="group4",
                                       dpi=(204, 196 if fine else 98))
        files.append((path, 1))
    return files
