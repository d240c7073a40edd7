"""Widgets of the review screen: key rows (ratings, quality), checklist, timer.

The text area lives in `drill.tui.widgets.answer`, imported when first needed: most cards are
answered aloud, and the text area is the heaviest widget to import.
"""

from __future__ import annotations

from collections.abc import Sequence
from time import monotonic
from typing import NamedTuple

from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Static

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


class Key(NamedTuple):
    """One key in a `KeyRow`: its label and the styles of its border and label."""

    label: str
    border: str = "$panel"
    style: str = ""
    marked: bool = False
    """The key the app proposes (drawn with `border` and `style` that say so)."""


class KeyRow(Widget):
    """A row of bordered keys drawn by one widget.

    One widget rather than a row of bordered Statics: changing the keys is one render of
    three lines, with no layout pass and no restyling of a dozen children.
    """

    DEFAULT_CSS = """
    KeyRow { height: 3; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.auto_links = False
        self.boxes: tuple[Key, ...] = ()
        self.lead = ""

    def show(self, boxes: Sequence[Key], *, lead: str = "") -> None:
        """Draw ``boxes`` after an optional bold ``lead`` label."""
        self.boxes = tuple(boxes)
        self.lead = lead
        self.refresh()

    @property
    def text(self) -> str:
        """The lead and the labels, as a user reads them (for tests and screen readers)."""
        return "  ".join([self.lead, *(box.label for box in self.boxes)]).strip()

    def render(self) -> Content:
        lead_width = LEAD_WIDTH if self.lead else 0
        count = len(self.boxes)
        room = self.size.width - lead_width
        if not count or room < 2 * count:
            return Content(self.text)
        widths = [room // count + (1 if i < room % count else 0) for i in range(count)]
        lines: list[list[str | tuple[str, str]]] = [[], [], []]
        if lead_width:
            lines[0].append(" " * lead_width)
            lines[1].append((self.lead.ljust(lead_width)[:lead_width], "bold"))
            lines[2].append(" " * lead_width)
        for box, width in zip(self.boxes, widths, strict=True):
            inner = width - 2
            label = box.label[:inner].center(inner)
            lines[0].append(("╭" + "─" * inner + "╮", box.border))
            lines[1] += [("│", box.border), (label, box.style), ("│", box.border)]
            lines[2].append(("╰" + "─" * inner + "╯", box.border))
        parts: list[str | tuple[str, str]] = []
        for n, line in enumerate(lines):
            parts += [*line, "\n"] if n < 2 else line
        return Content.assemble(*parts)


LEAD_WIDTH = 12
"""Columns for a `KeyRow`'s lead label (``Quality``)."""


def rating_boxes(intervals: dict[Rating, str] | None) -> list[Key]:
    """The four recall ratings with their intervals (``3 Good · 4d``), dimmed when None."""
    boxes = []
    for rating in Rating:
        label = f"{int(rating)} {RATING_NAMES[rating]}"
        if intervals is None:
            boxes.append(Key(label, "$panel-lighten-1", "$text-muted"))
            continue
        border = {Rating.AGAIN: "$error 60%", Rating.GOOD: "$success 60%"}.get(rating, "$panel")
        boxes.append(Key(f"{label} · {intervals[rating]}", border))
    return boxes


def quality_boxes(proposal: int | None) -> list[Key]:
    """Quality 1–5 with its hints; the proposed value highlighted."""
    return [
        Key(f"{value} {QUALITY_HINTS[value]}", "$accent", "bold", marked=True)
        if value == proposal
        else Key(f"{value} {QUALITY_HINTS[value]}")
        for value in range(1, 6)
    ]


QUALITY_LEAD = "Quality"
"""The lead label of the quality row."""


class Ticks:
    """Items the user ticks with letter keys (a rubric, or a question's signals)."""

    LETTERS = "abcdefghijklmnop"
    """Letters for items, in order (PRODUCT §4); ``b`` ticks item b while a checklist shows."""

    def __init__(
        self, title: str = "", items: tuple[str, ...] = (), ticked: frozenset[int] = frozenset()
    ) -> None:
        self.title = title
        self.items = items[: len(self.LETTERS)]
        self.ticked = ticked

    def toggle(self, index: int) -> bool:
        """Tick or untick item ``index``; False when there is no such item."""
        if not 0 <= index < len(self.items):
            return False
        self.ticked = self.ticked ^ {index}
        return True

    @property
    def proposal(self) -> int | None:
        """Quality proposed by the ticked share (None when nothing is ticked)."""
        if not self.items or not self.ticked:
            return None
        return max(1, min(5, 1 + round(4 * len(self.ticked) / len(self.items))))

    def content(self) -> Content:
        """The title and one line per item: its tick box, its letter, its text."""
        if not self.items:
            return Content("")
        parts: list[str | tuple[str, str]] = [(self.title + "\n", "bold")]
        for i, item in enumerate(self.items):
            on = i in self.ticked
            parts += [
                (" [x] " if on else " [ ] ", "$success bold" if on else "$text-muted"),
                (f"{self.LETTERS[i]}  ", "$accent bold"),
                styled(item, "" if on else "$text"),
                "\n",
            ]
        return Content.assemble(*parts).rstrip()


class Checklist(Static):
    """`Ticks` as a widget of its own (the mock loop's review)."""

    DEFAULT_CSS = """
    Checklist { height: auto; }
    """
    LETTERS = Ticks.LETTERS

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.ticks = Ticks()

    @property
    def items(self) -> tuple[str, ...]:
        """The items shown."""
        return self.ticks.items

    @property
    def proposal(self) -> int | None:
        """Quality proposed by the ticked share."""
        return self.ticks.proposal

    def load(self, title: str, items: tuple[str, ...]) -> None:
        """Show new items, none ticked."""
        self.ticks = Ticks(title, items)
        self.update(self.ticks.content())

    def toggle(self, index: int) -> bool:
        """Tick or untick item ``index``; False when there is no such item."""
        if not self.ticks.toggle(index):
            return False
        self.update(self.ticks.content(), layout=False)
        return True


class AnswerTimer(Static):
    """A visible answer timer: elapsed against the limit; stops at reveal."""

    DEFAULT_CSS = """
    AnswerTimer { width: 16; text-align: right; }
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
        # Fixed size: a tick repaints one line, with no layout pass.
        self.update(Content(text), layout=False)


class AnswerLeft(Message):
    """The user left the answer's text area (its text is kept)."""


class RevealRequested(Message):
    """The user asked to reveal from inside the answer's text area."""
