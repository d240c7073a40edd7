"""Widgets of the review screen: rating bar, quality row, checklist, timer, answer area."""

from __future__ import annotations

from collections.abc import Sequence
from time import monotonic

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Static, TextArea

from drill.core.model import Rating
from drill.tui.text import styled

RATING_NAMES = {
    Rating.AGAIN: "Again",
    Rating.HARD: "Hard",
    Rating.GOOD: "Good",
    Rating.EASY: "Easy",
}
QUALITY_HINTS = {1: "IC only", 2: "context", 3: "decisions", 4: "trade-offs", 5: "outcome"}


def key_bindings(
    keys: Sequence[str], action: str, description: str, *, scope: str, display: str
) -> list[Binding]:
    """One binding per key, ``action(i)`` with the key's 1-based number (letters: 0-based).

    Only the first is shown in the footer, labelled with ``display`` (e.g. ``1-4``).
    """
    return [
        Binding(
            key,
            f"{action}({int(key) if key.isdigit() else i})",
            description,
            show=i == 0,
            key_display=display,
            id=f"{scope}.{action}_{key}",
        )
        for i, key in enumerate(keys)
    ]


def number_keys(count: int) -> list[str]:
    """``["1", ..., str(count)]``."""
    return [str(n) for n in range(1, count + 1)]


class RatingBar(Horizontal):
    """Four recall ratings, each with the interval it would give (``Good · 4d``)."""

    DEFAULT_CSS = """
    RatingBar { height: 3; }
    RatingBar > Static {
        width: 1fr; height: 3; content-align: center middle; border: round $panel;
    }
    RatingBar > Static.r1 { border: round $error 60%; }
    RatingBar > Static.r3 { border: round $success 60%; }
    RatingBar.-dim > Static { color: $text-muted; border: round $panel-lighten-1; }
    """

    def compose(self) -> ComposeResult:
        for rating in Rating:
            yield Static(id=f"rate-{int(rating)}", classes=f"r{int(rating)}")

    def show(self, intervals: dict[Rating, str] | None) -> None:
        """Show the ratings with intervals, or dim them (before reveal) when None."""
        self.set_class(intervals is None, "-dim")
        for rating in Rating:
            label = f"{int(rating)} {RATING_NAMES[rating]}"
            if intervals is not None:
                label += f" · {intervals[rating]}"
            self.query_one(f"#rate-{int(rating)}", Static).update(Content(label))


class QualityRow(Horizontal):
    """The self-rated answer quality 1–5, with the proposed value highlighted."""

    DEFAULT_CSS = """
    QualityRow { height: 3; }
    QualityRow > #q-label { width: 12; height: 3; content-align: left middle; text-style: bold; }
    QualityRow > Static.q {
        width: 1fr; height: 3; content-align: center middle; border: round $panel;
    }
    QualityRow > Static.-proposed { border: round $accent; text-style: bold; }
    """

    proposal: reactive[int | None] = reactive(None)

    def compose(self) -> ComposeResult:
        yield Static(Content("Quality"), id="q-label")
        for value in range(1, 6):
            yield Static(Content(f"{value} {QUALITY_HINTS[value]}"), classes="q", id=f"q-{value}")

    def watch_proposal(self, proposal: int | None) -> None:
        for value in range(1, 6):
            self.query_one(f"#q-{value}", Static).set_class(value == proposal, "-proposed")


class Checklist(Static):
    """Items the user ticks with letter keys (a rubric, or a question's signals)."""

    DEFAULT_CSS = """
    Checklist { height: auto; }
    """
    LETTERS = "abcdefghijklmnop"
    """Letters for items, in order (PRODUCT §4); ``b`` ticks item b while a checklist shows."""

    ticked: reactive[frozenset[int]] = reactive(frozenset())

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.items: tuple[str, ...] = ()
        self.title = ""

    def load(
        self, title: str, items: tuple[str, ...], ticked: frozenset[int] = frozenset()
    ) -> None:
        """Show new items (at most as many as there are letters)."""
        self.title = title
        self.items = items[: len(self.LETTERS)]
        self.ticked = ticked
        self._draw()

    def toggle(self, index: int) -> bool:
        """Tick or untick item ``index``; False when there is no such item."""
        if not 0 <= index < len(self.items):
            return False
        self.ticked = self.ticked ^ {index}
        return True

    def watch_ticked(self) -> None:
        self._draw()

    def _draw(self) -> None:
        if not self.items:
            self.update("")
            return
        parts: list[str | tuple[str, str]] = [(self.title + "\n", "bold")]
        for i, item in enumerate(self.items):
            on = i in self.ticked
            mark = "[x]" if on else "[ ]"
            parts += [
                (f" {mark} ", "$success bold" if on else "$text-muted"),
                (f"{self.LETTERS[i]}  ", "$accent bold"),
                styled(item, "" if on else "$text"),
                "\n",
            ]
        self.update(Content.assemble(*parts).rstrip())

    @property
    def proposal(self) -> int | None:
        """Quality proposed by the ticked share (None when nothing is ticked)."""
        if not self.items or not self.ticked:
            return None
        return max(1, min(5, 1 + round(4 * len(self.ticked) / len(self.items))))


class AnswerTimer(Static):
    """A visible answer timer: elapsed against the limit; stops at reveal."""

    DEFAULT_CSS = """
    AnswerTimer { width: auto; }
    AnswerTimer.-over { color: $warning; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.limit_s = 120
        self.started = monotonic()
        self.stopped: float | None = None
        self.show_limit = True

    def on_mount(self) -> None:
        self.set_interval(1, self._tick)

    def restart(self, limit_s: int, *, show_limit: bool) -> None:
        """Start timing a new card."""
        self.limit_s = limit_s
        self.show_limit = show_limit
        self.started = monotonic()
        self.stopped = None
        self._tick()

    def stop(self) -> int:
        """Stop the clock; the elapsed milliseconds."""
        if self.stopped is None:
            self.stopped = monotonic()
            self._tick()
        return self.elapsed_ms

    @property
    def elapsed_ms(self) -> int:
        """Milliseconds from the card's start to now (or to the stop)."""
        end = self.stopped if self.stopped is not None else monotonic()
        return int((end - self.started) * 1000)

    def _tick(self) -> None:
        seconds = self.elapsed_ms // 1000
        text = f"⏱ {seconds // 60}:{seconds % 60:02d}"
        if self.show_limit:
            text += f" / {self.limit_s // 60}:{self.limit_s % 60:02d}"
        self.set_class(self.show_limit and seconds > self.limit_s, "-over")
        self.update(Content(text))


class AnswerArea(TextArea):
    """Where the user types notes or a rewrite; escape leaves it, ctrl+r reveals."""

    BINDINGS = [
        Binding("escape", "leave", "Leave text", id="answer.leave"),
        Binding("ctrl+r", "reveal", "Reveal", id="answer.reveal"),
    ]

    class Left(Message):
        """The user left the text area (its text is kept)."""

    class RevealRequested(Message):
        """The user asked to reveal from inside the text area."""

    def action_leave(self) -> None:
        self.post_message(self.Left())

    def action_reveal(self) -> None:
        self.post_message(self.RevealRequested())
