"""Setting long-lived objects aside keeps collections short, and loses nothing once released."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from desktop.collector_pause import freeze_long_lived, release_long_lived


class Window:
    """Stands in for a window's objects: a cycle, as signal connections and parents make."""

    def __init__(self) -> None:
        self.me = self


@pytest.fixture(autouse=True)
def unfrozen() -> Iterator[None]:
    yield
    gc.unfreeze()


def test_a_closed_windows_objects_are_collected_once_released() -> None:
    window = Window()
    alive = weakref.ref(window)
    assert freeze_long_lived() > 0
    del window
    gc.collect()
    assert alive() is not None  # set aside while the window is open: not walked at all

    release_long_lived()
    gc.collect()

    assert alive() is None and gc.get_freeze_count() == 0


def test_what_is_made_after_freezing_is_still_collected() -> None:
    freeze_long_lived()
    later = Window()
    alive = weakref.ref(later)
    del later

    gc.collect()

    assert alive() is None
