"""A card's text drawn by one widget: paragraphs, bordered boxes and boxes side by side.

The review screen changes most of its text on every key. As a dozen bordered Statics, each
change cost a layout and restyle of every one of them; drawn here, it is one widget whose
lines are wrapped and boxed in Python, once per width.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.widget import Widget


class Text(NamedTuple):
    """A paragraph across the full width."""

    body: Content


class Box(NamedTuple):
    """A bordered box with an optional title line."""

    body: Content
    title: Content | None = None
    border: str = "$panel-lighten-2"


class Pair(NamedTuple):
    """Two boxes side by side (the user's answer next to the exemplar)."""

    left: Box
    right: Box


Part = Text | Box | Pair


class _OneLayoutPass(Widget):
    """Asks for no second layout when the layout that sized it changes its virtual size.

    Textual runs a second full layout whenever a widget's virtual size changes, which for
    the review screen was every key. These widgets need none: a card view never scrolls,
    so the pass that sized it also placed it; the card's scroll area has its children laid
    out in that same pass, and its scrollbar follows in `_scroll_update` regardless.
    """

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        return super()._size_updated(size, virtual_size, container_size, layout=False)


class CardScroll(_OneLayoutPass, VerticalScroll):
    """The scrolling area that holds a card's views."""


class CardView(_OneLayoutPass):
    """Parts of a card, one blank line apart; its height follows its text."""

    DEFAULT_CSS = """
    CardView { height: auto; text-wrap: nowrap; text-overflow: clip; }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # Card text carries no links; scanning every strip for them is a third of a render.
        self.auto_links = False
        self.parts: tuple[Part, ...] = ()
        self._lines: tuple[int, list[Content]] | None = None

    def show(self, parts: Sequence[Part]) -> None:
        """Draw ``parts``; hidden when there are none."""
        self.parts = tuple(parts)
        self._lines = None
        self.display = bool(self.parts)
        self.refresh(layout=True)

    def restyle(self, parts: Sequence[Part]) -> None:
        """Redraw ``parts`` that wrap to the same lines as before (a tick mark, a colour)."""
        self.parts = tuple(parts)
        self._lines = None
        self.refresh()

    @property
    def text(self) -> str:
        """The plain text of every part, in reading order (what a test or a reader sees)."""
        out: list[str] = []
        for part in self.parts:
            boxes = part if isinstance(part, Pair) else (part,)
            for piece in boxes:
                if isinstance(piece, Box) and piece.title is not None:
                    out.append(piece.title.plain)
                out.append(piece.body.plain)
        return "\n".join(out)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.lines(width))

    def render(self) -> Content:
        return Content("\n").join(self.lines(self.content_region.width))

    def lines(self, width: int) -> list[Content]:
        """The parts wrapped and boxed to ``width`` cells (cached per width)."""
        if self._lines is not None and self._lines[0] == width:
            return self._lines[1]
        lines: list[Content] = []
        for part in self.parts:
            if lines:
                lines.append(Content(""))
            lines += _draw(part, max(width, 8))
        self._lines = (width, lines)
        return lines


def _draw(part: Part, width: int) -> list[Content]:
    if isinstance(part, Text):
        return part.body.wrap(width)
    if isinstance(part, Box):
        return _box(part, width)
    left_width = (width - 1) // 2
    left = _box(part.left, left_width)
    right = _box(part.right, width - 1 - left_width)
    blank = Content(" " * left_width)
    rows = max(len(left), len(right))
    left += [blank] * (rows - len(left))
    right += [Content("")] * (rows - len(right))
    return [Content.assemble(a, " ", b) for a, b in zip(left, right, strict=True)]


def _box(box: Box, width: int) -> list[Content]:
    inner = max(width - 4, 1)
    body = box.body if box.title is None else Content.assemble(box.title, "\n", box.body)
    edge = box.border
    lines = [Content.styled("╭" + "─" * (width - 2) + "╮", edge)]
    for line in body.wrap(inner):
        pad = " " * max(inner - line.cell_length, 0)
        lines.append(Content.assemble(("│ ", edge), line, pad, (" │", edge)))
    lines.append(Content.styled("╰" + "─" * (width - 2) + "╯", edge))
    return lines
