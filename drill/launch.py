"""The ``drill`` command's entry point: start-up runs with the cycle collector paused.

Start-up (imports, the first screen) allocates hundreds of thousands of objects and frees few,
so Python's cycle collector runs a hundred times over them for nothing, ~14 ms before the
first card. The app resumes it once its first frame is drawn, other commands as they begin;
objects are still freed by reference counting throughout.
"""

from __future__ import annotations

import gc


def main() -> None:
    """Run the ``drill`` command line."""
    pause()
    from drill.cli import main as cli

    cli()


def pause() -> None:
    """Pause the cycle collector for start-up."""
    gc.disable()


def resume() -> None:
    """Start-up is over: collect cycles again (a no-op when they were never paused)."""
    gc.enable()
