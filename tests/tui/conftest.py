"""TUI fixtures: a store with a small deck of every card type, a fixed clock, app factories.

Each competency of the deck holds two cards of one type, so a session filtered to a
competency (``app_for(store, CardType.X)``) shows only cards of that type, and has a
second card to move on to after the first is answered.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.geometry import Offset
from textual.pilot import Pilot

from drill.core.decks import parse_deck
from drill.core.model import CardType
from drill.store import CardFilter, Store
from drill.tui.app import DrillApp

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)
"""The fixed moment every TUI test runs at (a Friday, noon UTC)."""

SIZE = (100, 32)
"""Terminal size for Pilot tests."""

DECK_YAML = b"""\
deck: t
title: Test deck
cards:
  - id: q1
    type: question
    competency: hiring
    prompt: Tell me about a hire you regret.
    evaluates: Whether you own the miss and fix the loop.
    signals: [Named the signal that was missed, Changed the interview loop, Owned the decision]
    pitfalls: [Blames the recruiter]
    follow_ups: [What would you change next time?]
    answer: A strong answer owns the decision and shows what changed.
  - id: q2
    type: question
    competency: hiring
    prompt: How do you calibrate interviewers?
    signals: [Shadowing, Debriefs with evidence]
    answer: Structured rubrics and paired interviews.
  - id: r1
    type: reframe
    competency: technical-direction
    prompt: Tell me about a system your team scaled.
    ic_answer: I profiled the service, added a cache and cut latency by half.
    answer: We agreed the goal with product, weighed three options as a team and measured it.
    rubric:
      - Named the stakeholders
      - Weighed options with the team
      - Grew someone
      - Measured the outcome
  - id: r2
    type: reframe
    competency: technical-direction
    prompt: Tell me about a migration you led.
    ic_answer: I rewrote the service in Go over a weekend.
    answer: We planned the migration in stages with the owning teams.
    rubric: [Staged the risk, Aligned the owners]
  - id: c1
    type: recognize
    competency: execution-delivery
    prompt: How did you handle a project that slipped by a month?
    options: [execution-delivery, stakeholder-management, conflict-resolution, hiring]
    answer: Delay questions test ownership and execution.
  - id: c2
    type: recognize
    competency: execution-delivery
    prompt: Tell me about a launch with a hard deadline.
    answer: Deadlines test planning and risk.
  - id: b1
    type: basic
    competency: trust-accountability
    prompt: What does owning a failure mean?
    answer: Saying what you got wrong before anyone asks.
  - id: b2
    type: basic
    competency: trust-accountability
    prompt: Who gets the credit for a team win?
    answer: The team, by name.
"""

COMPETENCY_OF: dict[CardType, str] = {
    CardType.QUESTION: "hiring",
    CardType.REFRAME: "technical-direction",
    CardType.RECOGNIZE: "execution-delivery",
    CardType.BASIC: "trust-accountability",
}
"""The deck's competency holding the cards of each type."""


def clock() -> datetime:
    """The fixed clock the apps run on."""
    return NOW


def import_yaml(store: Store, data: bytes, path: str = "t.yaml") -> None:
    """Parse a YAML deck against the store's competencies and import it."""
    store.import_decks([parse_deck(data, path=path, known_competencies=store.competencies())])


@pytest.fixture
def deck_store(tmp_path: Path) -> Iterator[Store]:
    """A fresh store holding only the test deck."""
    store = Store.open(tmp_path / "t.db")
    import_yaml(store, DECK_YAML)
    yield store
    store.close()


def app_for(store: Store, card_type: CardType | None = None, **kwargs: Any) -> DrillApp:
    """A ``drill review`` app on the fixed clock; limited to the cards of one type if given."""
    where = CardFilter(competency=COMPETENCY_OF[card_type]) if card_type else CardFilter()
    kwargs.setdefault("start_review", True)
    return DrillApp(store, clock=clock, where=where, **kwargs)


def durable_reviews(store: Store) -> int:
    """Reviews visible to a second connection: what is committed, not just written."""
    conn = sqlite3.connect(store.path)
    try:
        return int(conn.execute("SELECT count(*) FROM reviews").fetchone()[0])
    finally:
        conn.close()


def review_rows(store: Store) -> list[sqlite3.Row]:
    """Every stored review, oldest first, as rows keyed by column name."""
    cursor = store.conn.execute("SELECT * FROM reviews ORDER BY id")
    cursor.row_factory = sqlite3.Row
    return cursor.fetchall()


def screen_lines(app: App[Any]) -> list[str]:
    """The text of every line on screen, every layer composited (toasts included)."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def find_on_screen(app: App[Any], needle: str) -> Offset:
    """Where ``needle`` starts on screen; fails the test when it is not shown."""
    for y, line in enumerate(screen_lines(app)):
        x = line.find(needle)
        if x >= 0:
            return Offset(x, y)
    shown = "\n".join(screen_lines(app))
    raise AssertionError(f"{needle!r} is not on screen:\n{shown}")


async def settle(pilot: Pilot[Any]) -> None:
    """Let pending messages and refreshes run."""
    await pilot.pause()
    await pilot.pause()


@pytest.fixture
def frozen_timer(monkeypatch: pytest.MonkeyPatch) -> Callable[[float], None]:
    """Stop the answer timer's clock (it reads ``monotonic``); call it to move the clock."""
    moment = [1000.0]
    monkeypatch.setattr("drill.tui.widgets.review.monotonic", lambda: moment[0])

    def advance(seconds: float) -> None:
        moment[0] += seconds

    return advance
