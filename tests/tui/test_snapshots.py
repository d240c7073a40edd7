"""SVG snapshots of the main screens (pytest-textual-snapshot).

The app runs on the fixed clock and the answer timer's clock is frozen, so every run draws
the same picture. After a deliberate change to a screen, regenerate with
``pytest tests/tui/test_snapshots.py --snapshot-update`` and look at the new SVGs.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from textual.pilot import Pilot

from drill.core.model import CardType, Rating, Story
from drill.session import ReviewSession
from drill.store import CardFilter, Store
from drill.tui.app import DrillApp

from .conftest import NOW, SIZE, app_for, clock

SnapCompare = Callable[..., bool]


@pytest.fixture(autouse=True)
def _still_timer(frozen_timer: Callable[[float], None]) -> None:
    """Every snapshot shows the timer at 0:00."""


def history(store: Store) -> None:
    """Three weeks of answers, so the home and stats screens have something to draw."""
    for days, rating in ((21, Rating.GOOD), (14, Rating.HARD), (7, Rating.AGAIN), (1, Rating.GOOD)):
        at = NOW - timedelta(days=days)
        for competency in ("hiring", "technical-direction", "trust-accountability"):
            session = ReviewSession.start(
                store, clock=lambda at=at: at, where=CardFilter(competency=competency)
            )
            step = session.current()
            if step is not None:
                session.answer(
                    rating, quality=2 + int(rating) // 2 if step.card.type.long_answer else None
                )


def test_home(snap_compare: SnapCompare, deck_store: Store) -> None:
    history(deck_store)
    assert snap_compare(DrillApp(deck_store, clock=clock), terminal_size=SIZE)


def test_question_front(snap_compare: SnapCompare, deck_store: Store) -> None:
    assert snap_compare(app_for(deck_store, CardType.QUESTION), terminal_size=SIZE)


def test_question_revealed_with_rating_bar(snap_compare: SnapCompare, deck_store: Store) -> None:
    assert snap_compare(app_for(deck_store, CardType.QUESTION), press=["space"], terminal_size=SIZE)


def test_reframe_revealed_with_rubric(snap_compare: SnapCompare, deck_store: Store) -> None:
    async def type_and_reveal(pilot: Pilot[Any]) -> None:
        await pilot.press("w", *"we agreed the goal", "escape", "space", "a", "c")

    assert snap_compare(
        app_for(deck_store, CardType.REFRAME), run_before=type_and_reveal, terminal_size=(100, 40)
    )


def test_quality_row(snap_compare: SnapCompare, deck_store: Store) -> None:
    assert snap_compare(
        app_for(deck_store, CardType.REFRAME), press=["space", "a", "3"], terminal_size=SIZE
    )


def test_summary(snap_compare: SnapCompare, deck_store: Store) -> None:
    assert snap_compare(
        app_for(deck_store, CardType.QUESTION),
        press=["space", "3", "4", "space", "1", "2"],
        terminal_size=SIZE,
    )


def test_stats(snap_compare: SnapCompare, deck_store: Store) -> None:
    history(deck_store)
    assert snap_compare(DrillApp(deck_store, clock=clock), press=["s"], terminal_size=(100, 40))


def test_story_coverage(snap_compare: SnapCompare, deck_store: Store) -> None:
    deck_store.save_stories(
        [
            Story(
                id="billing",
                title="Moving billing off the legacy datastore",
                competencies=("technical-direction", "stakeholder-management"),
                situation="s",
                task="t",
                action="a",
                result="r",
            ),
            Story(
                id="hire",
                title="The hire I got wrong",
                competencies=("hiring",),
                situation="s",
                task="t",
                action="a",
                result="r",
            ),
        ]
    )
    assert snap_compare(DrillApp(deck_store, clock=clock), press=["o", "c"], terminal_size=SIZE)
