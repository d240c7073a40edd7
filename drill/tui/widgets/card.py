"""A card's text drawn by one widget: paragraphs, bordered boxes and boxes side by side.

The review screen changes most of its text on every key. As a dozen bordered Statics, each
change cost a layout and restyle of every one of them; drawn here, it is one widget whose
lines are wrapped and boxed in Python, once per width.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.color import Color
from textual.containers import VerticalScroll
from textual.content import Content
from textual.geometry import Region, Size
from textual.strip import Strip
from textual.style import Style as TextualStyle
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


class PaddedLines(Widget):
    """Keeps its lines as they go to the screen, padded to its width.

    Textual passes every line of a widget through its styling pipeline (border, padding,
    outline, tint, opacity) on each repaint; for a widget with none of them all it does is
    pad the line, which here is done once per line and kept: it was a third of a line's cost.
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._padded: dict[tuple[object, ...], dict[int, Strip]] = {}
        self._by_line: tuple[tuple[object, ...], dict[int, tuple[Strip, Strip]]] = ((), {})
        """The last line drawn at each line number, and the same padded."""
        self._look: tuple[bool, RichStyle, Color] | None = None
        """Whether the lines need only padding, with what style, on what background."""

    def drawn_key(self) -> object:
        """Changes whenever a line that `render_line` draws may change."""
        raise NotImplementedError

    def render_lines(self, crop: Region) -> list[Strip]:
        look = self._look
        if look is None:
            # Depends on the CSS of the widget and its ancestors only: kept until it changes.
            base_background, background = self.background_colors
            pad = TextualStyle(background=base_background + background).rich_style
            look = self._look = (_plain(self), pad, background)
        plain, pad, background = look
        if not plain or self.text_selection is not None:
            return super().render_lines(crop)
        width = self.outer_size.width
        filters = tuple(self.get_line_filters())
        key = (self.drawn_key(), width, pad, filters)
        padded = self._padded.get(key)
        if padded is None:
            if len(self._padded) >= 32:
                self._padded.clear()
            padded = self._padded[key] = {}
        if self._by_line[0] != key[1:]:
            self._by_line = (key[1:], {})
        by_line = self._by_line[1]
        lines = []
        for y in crop.line_range:
            strip = padded.get(y)
            if strip is None:
                drawn = self.render_line(y)
                last = by_line.get(y)
                if last is not None and last[0] is drawn:
                    # The same line as before a change elsewhere (see `CardView.render_line`).
                    strip = last[1]
                else:
                    strip = drawn.adjust_cell_length(width, pad)
                    for line_filter in filters:
                        strip = strip.apply_filter(line_filter, background)
                    by_line[y] = (drawn, strip)
                padded[y] = strip
            lines.append(strip)
        if crop.column_span != (0, width):
            x1, x2 = crop.column_span
            lines = [strip.crop(x1, x2) for strip in lines]
        return lines

    def notify_style_update(self) -> None:
        # Textual's hook for a change of CSS or theme: the kept lines have the old colours.
        self._padded.clear()
        self._by_line = ((), {})
        self._look = None
        super().notify_style_update()


class CardScroll(_OneLayoutPass, VerticalScroll):
    """The scrolling area that holds a card's views."""


class CardView(PaddedLines, _OneLayoutPass):
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
        self._strips: tuple[int, dict[int, Strip]] = (-1, {})
        """Lines drawn, by line number, at the width in the first item."""
        self._shown = 0
        """How many times parts were set: what `render_line` draws changes with it."""
        self._before: tuple[int, list[Content], dict[int, Strip]] = (-1, [], {})
        """The width, lines and drawn lines of the parts shown before the current ones."""
        self._ready: tuple[tuple[Part, ...], int, list[Content]] | None = None
        """Parts wrapped ahead by `prepare`, at the width in the second item."""

    def prepare(self, parts: Sequence[Part], width: int) -> tuple[Part, ...]:
        """Wrap ``parts`` to ``width`` ahead of `show`; the parts to pass to `show`."""
        ready = tuple(parts)
        self._ready = (ready, width, self._wrap(ready, width))
        return ready

    def show(self, parts: Sequence[Part]) -> None:
        """Draw ``parts``; hidden when there are none."""
        self._set_parts(parts)
        self.display = bool(self.parts)
        self.refresh(layout=True)

    def restyle(self, parts: Sequence[Part]) -> None:
        """Redraw ``parts`` that wrap to the same lines as before (a tick mark, a colour)."""
        self._set_parts(parts)
        self.refresh()

    def _set_parts(self, parts: Sequence[Part]) -> None:
        if self._lines is not None and self._lines[0] == self._strips[0]:
            self._before = (*self._lines, self._strips[1])
        self.parts = tuple(parts)
        self._shown += 1
        ready, self._ready = self._ready, None
        self._lines = ready[1:] if ready is not None and ready[0] is self.parts else None
        self._strips = (-1, {})

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

    def render_line(self, y: int) -> Strip:
        # Only the lines on screen are drawn, each from its wrapped line: at reveal most of
        # the back is below the fold, and joining the lines into one Content for Textual to
        # split again cost as much as drawing them. A selection is painted by Textual's own
        # path (`render`), which draws the same strips.
        if self.text_selection is not None:
            return super().render_line(y)
        # From the outer size: `content_region` looks the widget up on the screen, per line.
        width = self.outer_size.width - self.styles.gutter.width
        if width != self._strips[0]:
            self._strips = (width, {})
        strips = self._strips[1]
        strip = strips.get(y)
        if strip is None:
            lines = self.lines(width)
            if y >= len(lines):
                strip = Strip.blank(width, self.visual_style.rich_style)
            else:
                # A graded option or a ticked item changes a line or two: the others were
                # drawn already, with the same text at the same place.
                line = lines[y]
                before_width, before_lines, before_strips = self._before
                same_place = before_width == width and y < len(before_lines)
                before = before_strips.get(y) if same_place else None
                if before is None or not _same(before_lines[y], line):
                    before = line_strip(self, line, y, width)
                strip = before
            strips[y] = strip
        return strip

    def drawn_key(self) -> object:
        return self._shown

    def notify_style_update(self) -> None:
        # Textual's hook for a change of CSS or theme: the drawn lines have the old colours.
        self._strips = (-1, {})
        self._before = (-1, [], {})
        super().notify_style_update()

    def lines(self, width: int) -> list[Content]:
        """The parts wrapped and boxed to ``width`` cells (cached per width)."""
        if self._lines is None or self._lines[0] != width:
            self._lines = (width, self._wrap(self.parts, width))
        return self._lines[1]

    @staticmethod
    def _wrap(parts: Sequence[Part], width: int) -> list[Content]:
        lines: list[Content] = []
        for part in parts:
            if lines:
                lines.append(Content(""))
            lines += _draw(part, max(width, 8))
        return lines


def _same(a: Content, b: Content) -> bool:
    """Whether two lines draw alike: the same text with the same styles."""
    return a.plain == b.plain and list(a.spans) == list(b.spans)


def _plain(widget: Widget) -> bool:
    """Whether Textual's styling of ``widget``'s lines only pads them to its width: no border,
    padding, outline, hatch, tint or opacity."""
    styles = widget.styles
    return (
        not any(styles.gutter)
        and not any(edge for edge, _ in styles.outline)
        and not styles.tint.a
        and styles.text_opacity == 1.0
        and widget.opacity == 1.0
        and (not styles.has_rule("hatch") or styles.hatch == "none")
    )


def line_strip(widget: Widget, line: Content, y: int, width: int, x: int = 0) -> Strip:
    """Line ``y`` of ``widget``'s content as Textual draws it for `text-wrap: nowrap` and
    `text-overflow: clip`: the widget's style under the line's own, each segment tagged with
    its offset from column ``x`` (mouse selection reads it).
    """
    if "\t" in line.plain:
        line = line.expand_tabs(8)
    if line.cell_length > width:
        line = line.truncate(width)
    style = widget.visual_style
    segments = []
    # The widget's resolver: it knows the theme's variables ($accent) and component classes.
    for text, text_style in line.render(style, end="", parse_style=widget._get_style):
        segments.append(Segment(text, (style + text_style).rich_style_with_offset(x, y)))
        x += len(text)
    return Strip(segments, line.cell_length)


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
