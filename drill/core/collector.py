"""The cyclic garbage collector, paused while a bulk job builds many objects."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """The cyclic garbage collector paused while a deck's many objects are built.

    A 10k-card deck allocates hundreds of thousands of containers; every few hundred set
    off a collection, and the older generations' collections walk every live object (over
    a third of a 10k-card YAML parse). Reference counting still frees what parsing drops;
    a cycle, if any, waits for the next collection after the pause.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
