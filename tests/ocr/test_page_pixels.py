"""The page pixels analysis looks at (QR codes, tick boxes, values read again) are the pixels
of the page image stored for the viewer, whether kept from the reading or decoded again."""

from __future__ import annotations

import io

from PIL import Image, ImageDraw

from ocr.page_image import KEPT_PAGES, page_gray, page_png


def _page(mode: str, mark: int) -> Image.Image:
    page = Image.new("L", (400, 300), 255)
    ImageDraw.Draw(page).rectangle((40 + mark, 40, 120 + mark, 90), fill=60)
    return page.convert(mode) if mode != "L" else page


def _decoded(png: bytes) -> bytes:
    with Image.open(io.BytesIO(png)) as opened:
        return opened.convert("L").tobytes()


def test_a_page_just_read_gives_the_stored_images_pixels() -> None:
    for bilevel in (False, True):
        png = page_png(_page("L", 0), bilevel=bilevel)
        gray = page_gray(png)
        assert gray.mode == "L"
        assert gray.tobytes() == _decoded(png)


def test_pages_read_long_ago_or_elsewhere_are_decoded_from_their_image() -> None:
    pngs = [page_png(_page("L", 10 * n)) for n in range(KEPT_PAGES + 2)]
    stored = io.BytesIO()
    _page("L", 77).save(stored, format="PNG")
    for png in [*pngs, stored.getvalue()]:
        assert page_gray(png).tobytes() == _decoded(png)


def test_two_pages_with_the_same_pixels_are_not_confused_with_other_pages() -> None:
    first, second = page_png(_page("L", 0)), page_png(_page("L", 5))
    same_as_first = page_png(_page("L", 0))
    assert page_gray(first).tobytes() == page_gray(same_as_first).tobytes()
    assert page_gray(second).tobytes() != page_gray(first).tobytes()
