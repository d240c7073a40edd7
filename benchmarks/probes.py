"""Child-process probes: ``python -m benchmarks.probes NAME ARGS…`` prints one JSON line.

Each probe runs in a fresh interpreter so start-up, imports and peak memory are those of a
real process. Only the standard library is imported at module level: whatever a probe
measures is imported inside it.

- ``first-card DB``: ``drill --db DB review`` through drill's real CLI, headless; stops at
  the first frame that shows the review screen's first card.
- ``first-line``: the baseline, a minimal Textual app that draws one line.
- ``keys DB CARDS`` / ``keys-baseline PRESSES``: time key presses in a Pilot session,
  each from the key event to the redrawn frame (run with ``TEXTUAL_FPS=1000``).
- ``hostile PATH``: parse a hostile deck; time, RSS growth and Python heap peak.
- ``imports``: which of numpy/pandas importing ``drill`` and ``drill.tui.app`` loads.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import resource
import sys
import time
from collections.abc import Callable, Coroutine
from typing import Any, ClassVar

HEAVY_MODULES = ("numpy", "pandas")
SCREEN_SIZE = (100, 30)


def _emit(document: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(document) + "\n")
    sys.stdout.flush()


def _status_bytes(field: str) -> int | None:
    """A ``/proc/self/status`` memory figure (``VmHWM``, ``VmRSS``) in bytes, if there is one."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return None


def peak_rss_bytes() -> int:
    """This process's peak RSS.

    ``VmHWM`` belongs to the process's own address space. ``ru_maxrss`` does not do here:
    Linux carries the high-water mark across ``exec``, so a child started by a big parent
    reports at least the parent's size at fork (the benchmark runner holds ~150 MiB).
    """
    peak = _status_bytes("VmHWM")
    if peak is not None:
        return peak
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _reset_peak_rss() -> bool:
    """Reset ``VmHWM`` to the current RSS (Linux ``clear_refs``); False where unsupported."""
    try:
        with open("/proc/self/clear_refs", "w") as refs:
            refs.write("5")
        return True
    except OSError:
        return False


def _heavy() -> list[str]:
    return [name for name in HEAVY_MODULES if name in sys.modules]


def _first_frame(ready: Callable[[Any], bool]) -> Callable[[Any], Coroutine[Any, Any, None]]:
    """An autopilot that waits for ``ready(app)``, forces the frame, reports and exits at once.

    ``os._exit`` skips Textual's and the interpreter's teardown, which the user does not wait
    for; the parent measures from before the child started to the time stamp printed here.
    """

    async def autopilot(pilot: Any) -> None:
        app = pilot.app
        while not ready(app):
            await asyncio.sleep(0.0005)
        # The compositor update a terminal frame is made of: layout, render, diff.
        app.screen._on_timer_update()
        stamp = time.perf_counter()
        _emit(
            {
                "t": stamp,
                "peak_rss": peak_rss_bytes(),
                "heavy": _heavy(),
                "modules": len(sys.modules),
            }
        )
        os._exit(0)

    return autopilot


def first_card(db: str) -> None:
    """``drill --db DB review`` until its first card is drawn (headless).

    Started as the ``drill`` command starts (`drill.launch.main`): the cycle collector is
    paused before anything is imported.
    """
    from drill import launch

    launch.pause()
    from textual.app import App

    from drill.tui import app as tui_app
    from drill.tui.screens.review import ReviewScreen

    def shown(app: Any) -> bool:
        screen = app.screen
        return isinstance(screen, ReviewScreen) and screen.step is not None and screen.is_mounted

    autopilot = _first_frame(shown)

    def run_headless(self: Any, **_: Any) -> None:
        App.run(self, headless=True, size=SCREEN_SIZE, auto_pilot=autopilot)

    tui_app.DrillApp.run = run_headless  # type: ignore[method-assign]
    from drill.cli import main

    main(["--db", db, "review"], standalone_mode=False)
    raise SystemExit("the review session ended before a card was shown")


def first_line() -> None:
    """The baseline: a minimal Textual app that draws one line."""
    from textual.app import App, ComposeResult
    from textual.widgets import Static

    class OneLine(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("Tell me about a time you led a migration.")

    def shown(app: Any) -> bool:
        return bool(app.screen.query(Static)) and app.screen.is_mounted

    OneLine().run(headless=True, size=SCREEN_SIZE, auto_pilot=_first_frame(shown))
    raise SystemExit("the app ended before drawing")


async def _press(pilot: Any, key: str) -> float:
    """Seconds from a key event to the redrawn frame.

    ``Pilot.press`` waits for the process to look idle (two ``wait_for_idle`` polls of 20 ms
    each), which would swamp the figure; instead the key goes in as the terminal driver
    sends it, and the clock stops once every widget of the screen has handled what was
    queued and the frame has been rendered.
    """
    from textual import events

    app = pilot.app
    event = events.Key(key, " " if key == "space" else key)
    start = time.perf_counter()
    app._driver.send_message(event)
    # Twice: handlers of the key post messages of their own (refreshes, focus changes).
    await pilot._wait_for_screen()
    await pilot._wait_for_screen()
    app.screen._on_timer_update()
    return time.perf_counter() - start


def keys(db: str, cards: str) -> None:
    """Review ``cards`` cards through the keys of PRODUCT §4, timing each key."""
    from drill.core.model import CardType
    from drill.store import Store
    from drill.tui.app import DrillApp
    from drill.tui.screens.review import ReviewScreen

    wanted = int(cards)
    samples: dict[str, list[float]] = {
        name: [] for name in ("reveal", "rate", "quality", "choose", "next")
    }

    async def drive() -> None:
        store = Store.open(db)
        app = DrillApp(store, start_review=True, limit=wanted)
        async with app.run_test(headless=True, size=SCREEN_SIZE) as pilot:
            done = 0
            while done < wanted:
                screen = app.screen
                if not isinstance(screen, ReviewScreen) or screen.step is None:
                    break
                card_type = screen.step.card.type
                if card_type is CardType.RECOGNIZE:
                    samples["choose"].append(await _press(pilot, "1"))
                    samples["next"].append(await _press(pilot, "space"))
                else:
                    samples["reveal"].append(await _press(pilot, "space"))
                    samples["rate"].append(await _press(pilot, "3"))
                    if card_type.long_answer:
                        samples["quality"].append(await _press(pilot, "4"))
                done += 1
        store.close()

    asyncio.run(drive())
    _emit({"samples": samples, "fps": os.environ.get("TEXTUAL_FPS")})


def keys_baseline(presses: str) -> None:
    """The baseline: a minimal app whose key updates one line."""
    from textual.app import App, ComposeResult
    from textual.binding import Binding, BindingType
    from textual.widgets import Static

    class Counter(App[None]):
        BINDINGS: ClassVar[list[BindingType]] = [Binding("space", "bump", "Bump", id="bump")]
        count = 0

        def compose(self) -> ComposeResult:
            yield Static("0", id="line")

        def action_bump(self) -> None:
            self.count += 1
            self.query_one("#line", Static).update(f"pressed {self.count} times")

    async def drive() -> list[float]:
        out = []
        async with Counter().run_test(headless=True, size=SCREEN_SIZE) as pilot:
            for _ in range(int(presses)):
                out.append(await _press(pilot, "space"))
        return out

    _emit({"samples": {"press": asyncio.run(drive())}, "fps": os.environ.get("TEXTUAL_FPS")})


def hostile(path: str) -> None:
    """Parse a hostile deck: it must be refused with DeckError, fast and in little memory."""
    import gc
    import tracemalloc

    from drill.core.decks import parse_deck
    from drill.core.errors import DeckError

    data = open(path, "rb").read()  # noqa: SIM115 - read whole, closed by refcount
    gc.collect()
    exact = _reset_peak_rss()
    rss_before = (_status_bytes("VmRSS") if exact else None) or peak_rss_bytes()
    start = time.perf_counter()
    outcome, message = "accepted", ""
    try:
        parse_deck(data, path=path)
    except DeckError as exc:
        outcome, message = "refused", str(exc).splitlines()[0]
    except Exception as exc:
        outcome, message = f"raised {type(exc).__name__}", str(exc)[:200]
    elapsed = time.perf_counter() - start
    rss_growth = max(0, peak_rss_bytes() - rss_before)
    # A second parse under tracemalloc (which slows allocation, so it is not timed).
    tracemalloc.start()
    with contextlib.suppress(Exception):
        parse_deck(data, path=path)
    heap_peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    _emit(
        {
            "seconds": elapsed,
            "rss_growth": rss_growth,
            "heap_peak": heap_peak,
            "outcome": outcome,
            "message": message,
        }
    )


def imports() -> None:
    """Which heavy modules importing drill and its TUI pulls in."""
    import drill
    import drill.tui.app

    _emit({"heavy": _heavy(), "version": drill.__version__, "modules": len(sys.modules)})


PROBES: dict[str, Callable[..., None]] = {
    "first-card": first_card,
    "first-line": first_line,
    "keys": keys,
    "keys-baseline": keys_baseline,
    "hostile": hostile,
    "imports": imports,
}


def main(argv: list[str]) -> None:
    """Run the probe named by ``argv[0]`` with the remaining arguments."""
    if not argv or argv[0] not in PROBES:
        raise SystemExit(f"usage: python -m benchmarks.probes {{{'|'.join(PROBES)}}} ARGS…")
    PROBES[argv[0]](*argv[1:])


if __name__ == "__main__":
    main(sys.argv[1:])
