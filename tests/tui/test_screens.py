"""Home, summary, stats, decks, stories and settings screens, checked against the store."""

from __future__ import annotations

import re
from datetime import timedelta

from textual.widgets import DataTable, Input, Static

from drill.core.model import Rating
from drill.metrics import due_report
from drill.session import ReviewSession
from drill.store import CardFilter, Store
from drill.tui.app import DrillApp
from drill.tui.screens.decks import DecksScreen
from drill.tui.screens.home import HomeScreen
from drill.tui.screens.review import ReviewScreen
from drill.tui.screens.settings import SettingsScreen
from drill.tui.screens.stats import StatsScreen
from drill.tui.screens.stories import StoriesScreen
from drill.tui.screens.summary import SummaryScreen

from .conftest import NOW, SIZE, clock, settle


def home_app(store: Store) -> DrillApp:
    """The app as ``drill`` opens it: on the home screen."""
    return DrillApp(store, clock=clock)


def plain(app: DrillApp, selector: str) -> str:
    """The plain text of a Static on the current screen."""
    return str(app.screen.query_one(selector, Static).visual)


def number_after(label: str, text: str) -> int:
    """The number printed after ``label`` in a panel."""
    match = re.search(re.escape(label) + r"\s+(\d+)", text)
    assert match, f"{label!r} not in {text!r}"
    return int(match.group(1))


async def test_home_shows_what_is_due_from_the_store(deck_store: Store) -> None:
    ReviewSession.start(
        deck_store, clock=lambda: NOW - timedelta(days=10), where=CardFilter(competency="hiring")
    ).answer(Rating.GOOD, quality=3)
    due = due_report(deck_store, NOW)
    app = home_app(deck_store)
    async with app.run_test(size=SIZE):
        assert isinstance(app.screen, HomeScreen)
        today = plain(app, "#today")
        assert number_after("Due now", today) == due.due_now == 1
        assert number_after("New available", today) == due.new_available
        assert "Press enter to start." in today
        assert "1 answers" in plain(app, "#activity")


async def test_home_offers_practice_when_nothing_is_due(empty_store: Store) -> None:
    app = home_app(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        assert "Nothing due" in plain(app, "#today")
        await pilot.press("enter")
        assert isinstance(app.screen, HomeScreen), "no session opens on an empty store"
        assert app.is_running


async def test_home_p_starts_a_practice_session(deck_store: Store) -> None:
    app = home_app(deck_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("p")
        screen = app.screen
        assert isinstance(screen, ReviewScreen)
        assert screen.session_title == "Practice"
        assert all(item.mode == "practice" for item in screen.session.queue)


async def test_the_summary_counts_the_session(deck_store: Store) -> None:
    app = DrillApp(
        deck_store, clock=clock, start_review=True, where=CardFilter(competency="hiring")
    )
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "3", "4", "space", "1", "2")
        assert isinstance(app.screen, SummaryScreen)
        text = plain(app, "#summary")
        assert number_after("Cards answered", text) == 2
        assert "50%" in text
        assert "Hiring" in text and "3.0 / 5" in text


async def test_drill_review_with_nothing_to_do_exits(empty_store: Store) -> None:
    app = DrillApp(empty_store, clock=clock, start_review=True)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not app.is_running


async def test_stats_lists_every_competency(deck_store: Store) -> None:
    app = home_app(deck_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, StatsScreen)
        table = app.screen.query_one("#stats-table", DataTable)
        keys = {str(key.value) for key in table.rows}
        assert keys == set(deck_store.competencies())
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_decks_lists_the_deck_and_suspends_a_card(deck_store: Store) -> None:
    app = home_app(deck_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d")
        screen = app.screen
        assert isinstance(screen, DecksScreen)
        decks = screen.query_one("#deck-table", DataTable)
        assert [str(k.value) for k in decks.rows] == ["t"]
        cards = screen.query_one("#card-table", DataTable)
        assert cards.row_count == len(deck_store.card_ids())
        cards.focus()
        await pilot.pause()
        first = str(cards.coordinate_to_cell_key(cards.cursor_coordinate).row_key.value)
        await pilot.press("s")
        assert deck_store.is_suspended(first)
        await pilot.press("s")
        assert not deck_store.is_suspended(first)


async def test_decks_search_filters_cards(deck_store: Store) -> None:
    app = home_app(deck_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("d", "slash", *"calibrate")
        screen = app.screen
        assert isinstance(app.focused, Input)
        cards = screen.query_one("#card-table", DataTable)
        assert [str(k.value) for k in cards.rows] == ["t/q2"]


async def test_stories_screen_opens_empty(deck_store: Store) -> None:
    app = home_app(deck_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("o")
        assert isinstance(app.screen, StoriesScreen)
        assert "No stories yet" in plain(app, "#story-text")


async def test_settings_save_a_valid_change_and_refuse_a_bad_one(deck_store: Store) -> None:
    app = home_app(deck_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("comma")
        screen = app.screen
        assert isinstance(screen, SettingsScreen)
        size = screen.query_one("#set-session_size", Input)
        size.value = "0"
        await pilot.press("ctrl+s")
        assert "session size" in plain(app, "#settings-error")
        assert deck_store.settings().session_size == 12
        size.value = "7"
        await pilot.press("ctrl+s")
        assert deck_store.settings().session_size == 7
