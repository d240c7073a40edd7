"""Review sessions over a store with the built-in decks."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from drill.core.model import CardType, Rating
from drill.core.queue import Mode
from drill.session import ReviewSession, Step
from drill.store import CardFilter, Store


@dataclass
class Clock:
    """A clock the test moves by hand."""

    at: datetime

    def __call__(self) -> datetime:
        return self.at


@pytest.fixture
def clock(now: datetime) -> Clock:
    """Starts at the fixed ``now``."""
    return Clock(now)


def shown(session: ReviewSession) -> Step:
    """The card in front of the user; the session must not be over."""
    step = session.current()
    assert step is not None
    return step


def committed_reviews(db_path: Path) -> int:
    """Reviews visible to a second connection, so only committed ones."""
    with Store.open(db_path) as other:
        return other.review_count()


def card_states(store: Store) -> list[tuple[object, ...]]:
    """The whole card_state table as stored."""
    return [tuple(r) for r in store.conn.execute("SELECT * FROM card_state ORDER BY card_id")]


def test_a_fresh_session_holds_todays_new_cards(store: Store, clock: Clock) -> None:
    settings = store.settings()
    session = ReviewSession.start(store, clock=clock)
    assert session.total == min(settings.session_size, settings.new_per_day)
    assert {item.mode for item in session.queue} == {Mode.NEW}
    assert len({item.card_id for item in session.queue}) == session.total


@pytest.mark.parametrize(("size", "per_day", "expected"), [(6, 10, 6), (12, 3, 3), (20, 20, 20)])
def test_the_session_size_and_new_allowance_come_from_settings(
    store: Store, clock: Clock, size: int, per_day: int, expected: int
) -> None:
    store.save_settings(store.settings()._replace(session_size=size, new_per_day=per_day))
    assert ReviewSession.start(store, clock=clock).total == expected


def test_a_limit_overrides_the_session_size(store: Store, clock: Clock) -> None:
    assert ReviewSession.start(store, clock=clock, limit=4).total == 4


def test_a_filter_keeps_to_one_competency(store: Store, clock: Clock) -> None:
    session = ReviewSession.start(store, clock=clock, where=CardFilter(competency="hiring"))
    assert session.total > 0
    assert {item.competency for item in session.queue} == {"hiring"}


def test_each_answer_is_committed_before_the_next_card(
    store: Store, clock: Clock, db_path: Path
) -> None:
    session = ReviewSession.start(store, clock=clock, limit=5)
    answered = 0
    while (step := session.current()) is not None:
        assert committed_reviews(db_path) == answered
        quality = 3 if step.card.type.long_answer else None
        session.answer(Rating.GOOD, quality=quality, duration_ms=20_000)
        answered += 1
        assert committed_reviews(db_path) == answered
        clock.at += timedelta(minutes=2)
    assert session.summary().done == answered


def test_undo_removes_the_review_and_shows_the_same_card(
    store: Store, clock: Clock, db_path: Path
) -> None:
    session = ReviewSession.start(store, clock=clock)
    first = session.current()
    assert first is not None
    session.answer(Rating.GOOD, quality=4)
    assert committed_reviews(db_path) == 1
    assert shown(session).card.id != first.card.id
    undone = session.undo()
    assert undone is not None and undone.card_id == first.card.id
    assert committed_reviews(db_path) == 0
    assert store.state_row(first.card.id) is None
    again = session.current()
    assert again is not None and again.card.id == first.card.id
    assert again.position == 1
    assert session.undo() is None


def test_undo_restores_a_reviewed_cards_state(store: Store, clock: Clock) -> None:
    session = ReviewSession.start(store, clock=clock, limit=1)
    card_id = shown(session).card.id
    session.answer(Rating.GOOD, quality=3)
    before = store.state_row(card_id)
    reviewed = store.state(card_id)
    assert reviewed is not None
    clock.at = reviewed.due_at
    later = ReviewSession.start(store, clock=clock)
    assert shown(later).card.id == card_id
    assert shown(later).item.mode is Mode.DUE
    later.answer(Rating.AGAIN, quality=1)
    assert store.state_row(card_id) != before
    later.undo()
    assert store.state_row(card_id) == before


def test_suspend_skips_the_card_and_keeps_it_out(store: Store, clock: Clock) -> None:
    session = ReviewSession.start(store, clock=clock)
    total = session.total
    card_id = shown(session).card.id
    session.suspend()
    assert store.is_suspended(card_id)
    assert session.total == total - 1
    assert shown(session).card.id != card_id
    assert card_id not in {i.card_id for i in ReviewSession.start(store, clock=clock).queue}


def test_bury_skips_the_card_until_tomorrow(store: Store, clock: Clock) -> None:
    session = ReviewSession.start(store, clock=clock)
    card_id = shown(session).card.id
    session.bury()
    assert shown(session).card.id != card_id
    assert not store.is_suspended(card_id)
    assert card_id not in {i.card_id for i in ReviewSession.start(store, clock=clock).queue}
    clock.at += timedelta(days=1)
    assert card_id in {c.card_id for c in store.new_cards(clock.at, per_competency=100)}


def test_due_cards_come_before_new_ones(store: Store, clock: Clock) -> None:
    first = ReviewSession.start(store, clock=clock, limit=3)
    reviewed = {item.card_id for item in first.queue}
    while first.current() is not None:
        first.answer(Rating.GOOD, quality=3)
    clock.at += timedelta(days=60)
    later = ReviewSession.start(store, clock=clock)
    due = [item for item in later.queue if item.mode is Mode.DUE]
    assert {item.card_id for item in due} == reviewed
    assert later.queue[: len(due)] == due


def test_a_short_card_in_learning_comes_back_in_the_same_session(
    store: Store, clock: Clock
) -> None:
    session = ReviewSession.start(store, clock=clock, where=CardFilter(deck_id="em-concepts"))
    step = session.current()
    assert step is not None and step.card.type is CardType.BASIC
    total = session.total
    session.answer(Rating.AGAIN)
    assert session.total == total + 1
    assert step.card.id in [item.card_id for item in session.queue[session.index :]]
    session.undo()
    assert session.total == total
    assert [item.card_id for item in session.queue].count(step.card.id) == 1


def test_a_practice_session_leaves_the_schedule_alone(
    store: Store, clock: Clock, db_path: Path
) -> None:
    warmup = ReviewSession.start(store, clock=clock, limit=6)
    while warmup.current() is not None:
        warmup.answer(Rating.EASY, quality=4)
    clock.at += timedelta(hours=2)
    states = card_states(store)
    reviews = store.review_count()
    practice = ReviewSession.start(store, clock=clock, practice=True)
    assert practice.total > 0
    assert {item.mode for item in practice.queue} == {Mode.PRACTICE}
    answered = 0
    while practice.current() is not None:
        practice.answer(Rating.AGAIN, quality=2, answer="typed")
        answered += 1
    assert card_states(store) == states
    assert store.review_count() == reviews == committed_reviews(db_path)
    assert store.conn.execute("SELECT count(*) FROM practice").fetchone()[0] == answered


def test_the_summary_counts_the_session(store: Store, clock: Clock) -> None:
    session = ReviewSession.start(store, clock=clock, limit=4)
    ratings = [Rating.GOOD, Rating.AGAIN, Rating.EASY, Rating.GOOD]
    for rating in ratings:
        step = session.current()
        assert step is not None
        session.answer(rating, quality=3 if step.card.type.long_answer else None)
    summary = session.summary()
    assert summary.done == 4
    assert summary.recalled == 3
    assert summary.recall == pytest.approx(0.75)
    assert summary.weakest in store.competencies()


def test_the_interval_shown_is_the_interval_given(store: Store, clock: Clock) -> None:
    session = ReviewSession.start(store, clock=clock, limit=4)
    for rating in (Rating.GOOD, Rating.AGAIN, Rating.EASY, Rating.HARD):
        step = session.current()
        assert step is not None
        session.answer(rating)
        state = store.state(step.card.id)
        assert state is not None
        assert state.due_at - clock.at == step.intervals[rating]
        clock.at += timedelta(seconds=30)


def test_undo_of_a_practice_answer_removes_it(store: Store, clock: Clock) -> None:
    practice = ReviewSession.start(store, clock=clock, practice=True, limit=2)
    card_id = shown(practice).card.id
    practice.answer(Rating.GOOD, quality=4, answer="first try")
    assert store.last_answer(card_id) == "first try"
    practice.undo()
    assert store.conn.execute("SELECT count(*) FROM practice").fetchone()[0] == 0
    assert store.last_answer(card_id) == ""
    assert shown(practice).card.id == card_id
