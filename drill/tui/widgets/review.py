"""Widgets of the review screen: key rows (ratings, quality), checklist, timer.

The text area lives in `drill.tui.widgets.answer`, imported when first needed: most cards are
answered aloud, and the text area is the heaviest widget to import.
"""

from __future__ import annotations

from collections.abc import Sequence
from time import monotonic
from typing import ClassVar, NamedTuple

from rich.segment import Segment
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Region
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Static

from drill.core.model import Rating
from drill.tui.text import styled
from drill.tui.widgets.card import PaddedLines, line_strip

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


class KeyRow(PaddedLines):
    """A row of bordered keys drawn by one widget.

    One widget rather than a row of bordered Statics: changing the keys is one render of
    three lines, with no layout pass and no restyling of a dozen children.
    """

    DEFAULT_CSS = """
    KeyRow { height: 3; }
    """
    KEYS_AT = 0
    """The widget's line where the keys start."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.auto_links = False
        self.boxes: tuple[Key, ...] = ()
        self.lead = ""
        # Drawn lines by (boxes, lead, width): the same few rows come back card after card
        # (the dimmed ratings, the quality row), so most keys draw none. Textual calls
        # `notify_style_update` when the CSS or theme changes, which empties it.
        self._strips: dict[tuple[object, ...], list[Strip]] = {}

    def show(self, boxes: Sequence[Key], *, lead: str = "") -> None:
        """Draw ``boxes`` after an optional bold ``lead`` label."""
        boxes = tuple(boxes)
        if boxes == self.boxes and lead == self.lead:
            return
        self.boxes = boxes
        self.lead = lead
        self.refresh()

    @property
    def text(self) -> str:
        """The lead and the labels, as a user reads them (for tests and screen readers)."""
        return "  ".join([self.lead, *(box.label for box in self.boxes)]).strip()

    def render(self) -> Content:
        lines = self._lines(self.size.width)
        return Content(self.text) if lines is None else Content("\n").join(lines)

    def render_line(self, y: int) -> Strip:
        # From the outer size: `size` looks the widget up on the screen, per line.
        width = self.outer_size.width - self.styles.gutter.width
        # A selection is painted by Textual's own path (`render`), which draws the same
        # strips; so is the plain text that stands in for keys too narrow to draw.
        if self.text_selection is not None or not self._fits(width):
            return super().render_line(y)
        key = (self.boxes, self.lead, width)
        strips = self._strips.get(key)
        if strips is None:
            if len(self._strips) >= 32:
                self._strips.clear()
            lines = self._lines(width) or []
            top = self.KEYS_AT
            strips = [line_strip(self, line, top + n, width) for n, line in enumerate(lines)]
            self._strips[key] = strips
        if y < len(strips):
            return strips[y]
        return Strip.blank(width, self.visual_style.rich_style)

    def drawn_key(self) -> object:
        return (self.boxes, self.lead)

    def notify_style_update(self) -> None:
        self._strips.clear()
        super().notify_style_update()

    def _fits(self, width: int) -> bool:
        count = len(self.boxes)
        return bool(count) and width - (LEAD_WIDTH if self.lead else 0) >= 2 * count

    def _lines(self, width: int) -> list[Content] | None:
        """The three lines of keys; None when they do not fit in ``width``."""
        if not self._fits(width):
            return None
        lead_width = LEAD_WIDTH if self.lead else 0
        count = len(self.boxes)
        room = width - lead_width
        widths = [room // count + (1 if i < room % count else 0) for i in range(count)]
        lines: list[list[str | tuple[str, str]]] = [[], [], []]
        if lead_width:
            lines[0].append(" " * lead_width)
            lines[1].append((self.lead.ljust(lead_width)[:lead_width], "bold"))
            lines[2].append(" " * lead_width)
        for box, box_width in zip(self.boxes, widths, strict=True):
            inner = box_width - 2
            label = box.label[:inner].center(inner)
            lines[0].append(("╭" + "─" * inner + "╮", box.border))
            lines[1] += [("│", box.border), (label, box.style), ("│", box.border)]
            lines[2].append(("╰" + "─" * inner + "╯", box.border))
        return [Content.assemble(*line) for line in lines]


LEAD_WIDTH = 12
"""Columns for a `KeyRow`'s lead label (``Quality``)."""


class HintedKeyRow(KeyRow):
    """A hint line over a `KeyRow`, drawn by the same widget.

    One widget where there were two: every widget on the screen costs each key a little (its
    messages, its place in the layout), and the hint changes with the keys.
    """

    DEFAULT_CSS = """
    HintedKeyRow { height: 4; }
    HintedKeyRow > .hinted-key-row--hint { color: $text-muted; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {"hinted-key-row--hint"}
    KEYS_AT = 1
    """The keys start under the hint."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.hint = ""
        """What the keys do now (one line)."""
        self._hint_strip: tuple[tuple[str, int], Strip] | None = None

    def show_hint(self, hint: str) -> None:
        """Show ``hint`` (muted, one line) over the keys."""
        if hint != self.hint:
            self.hint = hint
            self.refresh()

    def render(self) -> Content:
        width = self.outer_size.width - self.styles.gutter.width
        return Content.assemble(" ", self._hint_line(width), "\n", super().render())

    def render_line(self, y: int) -> Strip:
        width = self.outer_size.width - self.styles.gutter.width
        if self.text_selection is not None or not self._fits(width):
            return Widget.render_line(self, y)
        if y:
            return super().render_line(y - 1)
        key = (self.hint, width)
        if self._hint_strip is None or self._hint_strip[0] != key:
            # Drawn as the one-line Static it replaces: one column of padding each side,
            # padding and the rest of the line in the background only.
            line = self._hint_line(width)
            background = self.visual_style.background_style.rich_style
            left = Strip([Segment(" ", background)], 1) if width else Strip.blank(0)
            text = line_strip(self, line, 0, line.cell_length, 1)
            rest = max(width - 1 - line.cell_length, 0)
            strip = Strip.join([left, text, Strip([Segment(" " * rest, background)], rest)])
            self._hint_strip = (key, strip)
        return self._hint_strip[1]

    def drawn_key(self) -> object:
        return (self.boxes, self.lead, self.hint)

    def notify_style_update(self) -> None:
        self._hint_strip = None
        super().notify_style_update()

    def _hint_line(self, width: int) -> Content:
        # The muted colour as CSS computes it for a widget (`auto 60%` needs the background
        # under the text); a "$text-muted" span would resolve without it.
        style = self.get_visual_style("hinted-key-row--hint")
        return _first_line(Content.styled(self.hint, style), max(width - 2, 0))


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


class Placeholder(Static):
    """An empty bordered box with a title, shown and hidden card after card.

    It keeps its drawn lines: showing it again redraws nothing unless its size or title
    changed, or its CSS or theme (Textual then calls `notify_style_update`).
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._lines: dict[tuple[object, ...], list[Strip]] = {}

    def render_lines(self, crop: Region) -> list[Strip]:
        key = (crop, self.outer_size, self.border_title)
        lines = self._lines.get(key)
        if lines is None:
            if len(self._lines) >= 8:
                self._lines.clear()
            lines = self._lines[key] = super().render_lines(crop)
        return lines

    def notify_style_update(self) -> None:
        self._lines.clear()
        super().notify_style_update()


class Stopwatch:
    """An answer's elapsed time against its limit; stopped at reveal."""

    def __init__(self) -> None:
        self.limit_s = 120
        """The answer's time limit in seconds."""
        self.started = monotonic()
        """When the card was shown (``monotonic`` seconds)."""
        self.stopped: float | None = None
        """When the answer was revealed, or None while the clock runs."""
        self.show_limit = True
        """Whether the limit is shown (long answers) and can be passed."""

    def restart(self, limit_s: int, *, show_limit: bool) -> None:
        """Start timing a new card."""
        self.limit_s = limit_s
        self.show_limit = show_limit
        self.started = monotonic()
        self.stopped = None

    def stop(self) -> int:
        """Stop the clock (once); the elapsed milliseconds."""
        if self.stopped is None:
            self.stopped = monotonic()
        return self.elapsed_ms

    @property
    def elapsed_ms(self) -> int:
        """Milliseconds from the card's start to now (or to the stop)."""
        end = self.stopped if self.stopped is not None else monotonic()
        return int((end - self.started) * 1000)

    def face(self) -> tuple[str, bool]:
        """What the timer shows (``⏱ 0:42 / 2:00``), and whether the limit is passed."""
        seconds = self.elapsed_ms // 1000
        text = f"⏱ {seconds // 60}:{seconds % 60:02d}"
        if self.show_limit:
            text += f" / {self.limit_s // 60}:{self.limit_s % 60:02d}"
        return text, self.show_limit and seconds > self.limit_s


class _Timed:
    """What a widget showing the answer timer does: restart, stop and read its clock."""

    clock: Stopwatch

    def restart(self, limit_s: int, *, show_limit: bool) -> None:
        """Start timing a new card."""
        self.clock.restart(limit_s, show_limit=show_limit)
        self._tick()

    def stop(self) -> int:
        """Stop the clock; the elapsed milliseconds."""
        elapsed = self.clock.stop()
        self._tick()
        return elapsed

    @property
    def elapsed_ms(self) -> int:
        """Milliseconds from the card's start to now (or to the stop)."""
        return self.clock.elapsed_ms

    def _tick(self) -> None:
        """Redraw the timer if what it shows changed."""
        raise NotImplementedError


class AnswerTimer(_Timed, Static):
    """A visible answer timer: elapsed against the limit; stops at reveal."""

    DEFAULT_CSS = """
    AnswerTimer { width: 16; text-align: right; }
    AnswerTimer.-over { color: $warning; text-style: bold; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.clock = Stopwatch()
        """The current card's answer time."""
        self._shown: tuple[str, bool] | None = None
        """The text and warning drawn last."""

    def on_mount(self) -> None:
        self.set_interval(1, self._tick)

    def _tick(self) -> None:
        face = self.clock.face()
        if face == self._shown:
            # Most keys stop or restart the clock on the second it already shows.
            return
        self._shown = face
        text, over = face
        self.set_class(over, "-over")
        # Fixed size: a tick repaints one line, with no layout pass.
        self.update(Content(text), layout=False)


class ReviewTop(_Timed, Widget):
    """The review screen's top line: where the session is, and the answer timer at the right.

    One widget where there were three (a row, the progress, the timer): every widget on the
    screen costs each key a little (its messages, its place in the layout).
    """

    DEFAULT_CSS = """
    ReviewTop { height: 1; }
    """
    TIMER_WIDTH = 16
    """Columns of the timer, at the right."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.auto_links = False
        self.progress = Content("")
        """Where the session is (``Review 3 of 12 · Hiring · question``)."""
        self.clock = Stopwatch()
        """The current card's answer time."""
        self._shown = self.clock.face()
        self._strip: tuple[tuple[object, ...], Strip] | None = None

    def on_mount(self) -> None:
        self.set_interval(1, self._tick)

    @property
    def text(self) -> str:
        """The progress and the timer, as a user reads them."""
        return f"{self.progress.plain}  {self._shown[0]}"

    def show_progress(self, progress: Content) -> None:
        """Say where the session is (left of the timer)."""
        self.progress = progress
        self.refresh()

    def _tick(self) -> None:
        face = self.clock.face()
        if face != self._shown:
            # Most keys stop or restart the clock on the second it already shows.
            self._shown = face
            self.refresh()

    def render(self) -> Content:
        progress, gap, timer = self._parts(self.outer_size.width - self.styles.gutter.width)
        return Content.assemble(progress, " " * gap, timer)

    def render_line(self, y: int) -> Strip:
        width = self.outer_size.width - self.styles.gutter.width
        if y or self.text_selection is not None:
            return super().render_line(y)
        key = (self.progress.plain, tuple(self.progress.spans), self._shown, width)
        if self._strip is None or self._strip[0] != key:
            progress, gap, timer = self._parts(width)
            # The gap is drawn as Textual draws the padding of two widgets side by side:
            # background only.
            blank = Segment(" " * gap, self.visual_style.background_style.rich_style)
            strip = Strip.join(
                [
                    line_strip(self, progress, 0, progress.cell_length),
                    Strip([blank], gap),
                    line_strip(self, timer, 0, timer.cell_length, progress.cell_length + gap),
                ]
            )
            self._strip = (key, strip)
        return self._strip[1]

    def notify_style_update(self) -> None:
        self._strip = None
        super().notify_style_update()

    def _parts(self, width: int) -> tuple[Content, int, Content]:
        """The progress, wrapped to its room as a Static would and cut to one line; the
        columns between; the timer, right-aligned in `TIMER_WIDTH` columns (bold warning
        past the limit)."""
        room = max(width - self.TIMER_WIDTH, 0)
        timer_width = min(self.TIMER_WIDTH, width)
        progress = _first_line(self.progress, room)
        text, over = self._shown
        timer = _first_line(Content.styled(text, "$warning bold" if over else ""), timer_width)
        return progress, room - progress.cell_length + timer_width - timer.cell_length, timer


def _first_line(content: Content, width: int) -> Content:
    """The first line of ``content`` wrapped to ``width`` cells."""
    if content.cell_length <= width:
        return content
    return content.wrap(width)[0] if width else Content("")


class AnswerLeft(Message):
    """The user left the answer's text area (its text is kept)."""


class RevealRequested(Message):
    """The user asked to reveal from inside the answer's text area."""
