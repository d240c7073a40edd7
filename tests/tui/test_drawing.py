"""The review screen draws its own lines (card text, key rows): they must be Textual's."""

from __future__ import annotations

from collections.abc import Callable

from rich.segment import Segment
from textual.strip import Strip
from textual.widget import Widget

from drill.core.model import CardType
from drill.store import Store
from drill.tui.app import DrillApp
from drill.tui.widgets.card import CardView
from drill.tui.widgets.review import KeyRow

from .conftest import SIZE, app_for


def segments(strips: list[Strip]) -> list[list[Segment]]:
    """Every segment of every line: text, colours and the offsets selection reads."""
    return [list(strip) for strip in strips]


def textuals_lines(widget: Widget) -> list[list[Segment]]:
    """``widget``'s content drawn by Textual's own path, from `render`."""
    widget.refresh()  # marks the content dirty: Textual renders it again
    return segments([Widget.render_line(widget, y) for y in range(widget.outer_size.height)])


async def test_card_views_draw_the_lines_textual_would(deck_store: Store) -> None:
    # A reframe's back has boxes side by side and a rubric: every kind of part.
    app = app_for(deck_store, CardType.REFRAME)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.pause()
        views = [view for view in app.screen.query(CardView) if view.display]
        assert len(views) == 2
        for view in views:
            region = view.outer_size.region
            ours = [view.render_line(y) for y in range(region.height)]
            assert segments(ours) == textuals_lines(view)
            view.refresh()
            padded = view.render_lines(region)
            view.refresh()
            view._styles_cache.clear()
            assert segments(padded) == segments(Widget.render_lines(view, region))


async def test_the_key_rows_draw_the_lines_textual_would(deck_store: Store) -> None:
    app = app_for(deck_store, CardType.QUESTION)
    async with app.run_test(size=SIZE) as pilot:
        for key in ("space", "3"):  # the rating row, then the quality row with its lead
            await pilot.press(key)
            await pilot.pause()
            row = app.screen.query_one("#bars", KeyRow)
            region = row.outer_size.region
            # Line 0 is the hint (drawn as the Static it replaced); the keys follow.
            ours = [row.render_line(y) for y in range(1, region.height)]
            assert segments(ours) == textuals_lines(row)[1:]


async def test_a_theme_change_redraws_what_the_screen_keeps(
    deck_store: Store, frozen_timer: Callable[[float], None]
) -> None:
    app = app_for(deck_store, CardType.QUESTION)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.pause()
        dark = app.export_screenshot()
        app.theme = "textual-light"
        await pilot.pause()
        switched = app.export_screenshot()
    # The theme is saved: a new session starts in it, and draws everything afresh.
    fresh = DrillApp(deck_store, clock=app.clock, where=app.where, start_review=True)
    async with fresh.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        await pilot.pause()
        assert fresh.theme == "textual-light"
        assert switched == fresh.export_screenshot()
        assert switched != dark
