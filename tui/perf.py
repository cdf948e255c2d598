"""Speed helpers shared by the analysis and the cache (no Textual)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection inside the block.

    The analyses and the cache build hundreds of thousands of small, acyclic objects;
    the collector would otherwise walk them again and again (a quarter of the analysis
    time, half of a cache load). Reference counting still frees them, and the collector
    runs again when the block ends.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
