"""Turning a born-digital form into what intake receives: 300-dpi scans and faxes.

Every variant gets a mild random skew (up to 1.5 degrees either way), a little blur and
speckle; faxes are 1-bit Group 4 TIFFs at 204 x 196 (fine) or 204 x 98 (standard) dpi.
"""

from __future__ import annotations

import random
from pathlib import Path

import pypdfium2
from PIL import Image, ImageFilter

VARIANTS = ("born_digital", "scan", "fax_fine", "fax_standard")
MAX_SKEW = 1.5


def render(pdf: bytes, dpi: int) -> list[Image.Image]:
    """Each page of `pdf` as a grayscale image at `dpi`."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.render(scale=dpi / 72, grayscale=True).to_pil().convert("L")
                for page in document]
    finally:
        document.close()


def _speckle(image: Image.Image, rnd: random.Random, count: int) -> Image.Image:
    pixels = image.load()
    assert pixels is not None
    for _ in range(count):
        pixels[rnd.randrange(image.width), rnd.randrange(image.height)] = rnd.choice((0, 255))
    return image


def _skew(image: Image.Image, rnd: random.Random) -> Image.Image:
    return image.rotate(rnd.uniform(-MAX_SKEW, MAX_SKEW), fillcolor=255,
                        resample=Image.Resampling.BILINEAR, expand=False)


def scan(pdf: bytes, rnd: random.Random) -> list[Image.Image]:
    """300-dpi grayscale scans, skewed, blurred a little and speckled."""
    return [_speckle(_skew(page.filter(ImageFilter.GaussianBlur(rnd.uniform(0.3, 0.7))), rnd),
                     rnd, 1500) for page in render(pdf, 300)]


def fax(pdf: bytes, rnd: random.Random, fine: bool) -> list[Image.Image]:
    """1-bit fax pages at 204 dpi across and 196 (fine) or 98 (standard) down."""
    pages = []
    for page in render(pdf, 300):
        page = _skew(page.filter(ImageFilter.GaussianBlur(rnd.uniform(0.3, 0.6))), rnd)
        size = (round(page.width * 204 / 300), round(page.height * (196 if fine else 98) / 300))
        page = _speckle(page.resize(size, Image.Resampling.LANCZOS), rnd, 600)
        threshold = rnd.randint(140, 165)
        pages.append(page.point(lambda v, cut=threshold: 255 if v > cut else 0, "1"))
    return pages


def write_variant(pdf: bytes, name: str, variant: str, folder: Path) -> Path:
    """Write the document as `variant` into `folder`; return the file."""
    folder.mkdir(parents=True, exist_ok=True)
    rnd = random.Random(f"{name}:{variant}")
    if variant == "born_digital":
        path = folder / f"{name}.pdf"
        path.write_bytes(pdf)
        return path
    if variant == "scan":
        path, images, dpi, compression = folder / f"{name}-scan.tif", scan(pdf, rnd), (300, 300), "tiff_lzw"
    else:
        fine = variant == "fax_fine"
        path, images = folder / f"{name}-{variant}.tif", fax(pdf, rnd, fine)
        dpi, compression = (204, 196 if fine else 98), "group4"
    images[0].save(path, save_all=True, append_images=images[1:], compression=compression, dpi=dpi)
    return path
