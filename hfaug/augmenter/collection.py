"""Python's cyclic garbage collector, paused while a batch is augmented."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def collection_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for the block.

    A batch makes and frees many small objects, all freed by reference counting; the collector
    would meanwhile scan every long-lived object (lexicons, models) again and again.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
