"""FSRS scheduling: golden replay against py-fsrs, invariants, learning steps, local days."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import fsrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from drill.core.model import CardType, MemoryState, Rating, State
from drill.core.scheduling import (
    DEFAULT_PARAMETERS,
    Scheduler,
    SchedulerSettings,
    day_start,
    format_interval,
    local_day,
    next_day_start,
)

SHORT = (CardType.BASIC, CardType.RECOGNIZE)
LONG = (CardType.QUESTION, CardType.REFRAME, CardType.STORY)
BERLIN = ZoneInfo("Europe/Berlin")
NEW_YORK = ZoneInfo("America/New_York")


@pytest.fixture
def scheduler() -> Scheduler:
    """Default settings with fuzz off."""
    return Scheduler(SchedulerSettings(fuzz=False))


def reference(card_type: CardType) -> fsrs.Scheduler:
    """py-fsrs configured as drill documents it, built here without drill's wrapper."""
    short = card_type in SHORT
    return fsrs.Scheduler(
        learning_steps=(timedelta(minutes=1), timedelta(minutes=10)) if short else (),
        relearning_steps=(timedelta(minutes=10),) if short else (),
        enable_fuzzing=False,
    )


def review_chain(
    scheduler: Scheduler,
    card_type: CardType,
    steps: list[tuple[Rating, timedelta]],
    start: datetime,
) -> list[tuple[datetime, MemoryState]]:
    """Review a new card: each step is a rating given ``gap`` after the previous due date."""
    state: MemoryState | None = None
    at = start
    out = []
    for rating, gap in steps:
        state = scheduler.review(state, card_id="d/c", card_type=card_type, rating=rating, now=at)
        out.append((at, state))
        at = state.due_at + gap
    return out


GOLDEN_SEQUENCE = [
    (Rating.AGAIN, timedelta(0)),
    (Rating.GOOD, timedelta(minutes=3)),
    (Rating.GOOD, timedelta(hours=5)),
    (Rating.GOOD, timedelta(days=2)),
    (Rating.AGAIN, timedelta(0)),
    (Rating.HARD, timedelta(minutes=-5)),  # early, but after the last review
    (Rating.EASY, timedelta(days=1)),
    (Rating.GOOD, timedelta(0)),
    (Rating.HARD, timedelta(days=9)),
]


@pytest.mark.parametrize("card_type", list(CardType))
def test_golden_replay_matches_py_fsrs(
    scheduler: Scheduler, card_type: CardType, now: datetime
) -> None:
    ours = review_chain(scheduler, card_type, GOLDEN_SEQUENCE, now)
    engine = reference(card_type)
    card = fsrs.Card(card_id=1, due=now)
    for (at, state), (rating, _gap) in zip(ours, GOLDEN_SEQUENCE, strict=True):
        card, _log = engine.review_card(card, fsrs.Rating(int(rating)), at)
        assert state.due_at == card.due
        assert state.stability == pytest.approx(card.stability, rel=1e-12)
        assert state.difficulty == pytest.approx(card.difficulty, rel=1e-12)
        assert int(state.state) == int(card.state)
        assert state.step == card.step
        assert state.last_review_at == at


def test_reps_and_lapses_are_counted(scheduler: Scheduler, now: datetime) -> None:
    chain = review_chain(scheduler, CardType.QUESTION, GOLDEN_SEQUENCE, now)
    states = [state for _, state in chain]
    assert [s.reps for s in states] == list(range(1, len(GOLDEN_SEQUENCE) + 1))
    # only an Again given to a card in review counts as a lapse: the first Again is on a new card
    assert states[-1].lapses == 1


_RATINGS = st.sampled_from(list(Rating))
_GAPS = st.integers(min_value=-3 * 24 * 60, max_value=200 * 24 * 60).map(
    lambda m: timedelta(minutes=m)
)


@given(
    card_type=st.sampled_from(list(CardType)),
    steps=st.lists(st.tuples(_RATINGS, _GAPS), min_size=1, max_size=12),
    fuzz=st.booleans(),
)
def test_invariants_over_any_rating_sequence(
    card_type: CardType, steps: list[tuple[Rating, timedelta]], fuzz: bool
) -> None:
    scheduler = Scheduler(SchedulerSettings(fuzz=fuzz))
    state: MemoryState | None = None
    at = datetime(2025, 1, 15, 10, 0, tzinfo=UTC)
    for rating, gap in steps:
        kept = state
        after = scheduler.review(state, card_id="d/c", card_type=card_type, rating=rating, now=at)
        assert state == kept
        again = scheduler.review(state, card_id="d/c", card_type=card_type, rating=rating, now=at)
        assert again == after
        effective = max(at, state.last_review_at) if state and state.last_review_at else at
        assert after.last_review_at == effective
        assert after.due_at >= effective
        assert after.stability is not None and after.stability > 0
        assert after.difficulty is not None and 1 <= after.difficulty <= 10
        assert after.reps == (state.reps if state else 0) + 1
        state = after
        # a negative gap reviews before the last review: the clock went backwards
        at = after.last_review_at + gap if gap < timedelta(0) else after.due_at + gap


def test_input_state_is_not_changed(scheduler: Scheduler, now: datetime) -> None:
    state = scheduler.review(
        None, card_id="d/c", card_type=CardType.QUESTION, rating=Rating.GOOD, now=now
    )
    snapshot = MemoryState(**state._asdict())
    scheduler.review(
        state, card_id="d/c", card_type=CardType.QUESTION, rating=Rating.AGAIN, now=state.due_at
    )
    assert state == snapshot


@pytest.mark.parametrize("card_type", list(CardType))
@pytest.mark.parametrize("rating", list(Rating))
def test_a_clock_going_backwards_never_moves_a_card_into_the_past(
    scheduler: Scheduler, now: datetime, card_type: CardType, rating: Rating
) -> None:
    state = scheduler.review(None, card_id="d/c", card_type=card_type, rating=Rating.GOOD, now=now)
    earlier = now - timedelta(days=3)
    after = scheduler.review(state, card_id="d/c", card_type=card_type, rating=rating, now=earlier)
    assert after.last_review_at == now
    assert after.due_at >= now


def test_a_backwards_review_is_scheduled_as_if_given_at_the_last_review(
    scheduler: Scheduler, now: datetime
) -> None:
    state = scheduler.review(
        None, card_id="d/c", card_type=CardType.BASIC, rating=Rating.GOOD, now=now
    )
    backwards = scheduler.review(
        state,
        card_id="d/c",
        card_type=CardType.BASIC,
        rating=Rating.GOOD,
        now=now - timedelta(hours=6),
    )
    at_last = scheduler.review(
        state, card_id="d/c", card_type=CardType.BASIC, rating=Rating.GOOD, now=now
    )
    assert backwards == at_last


@pytest.mark.parametrize("card_type", LONG)
def test_long_answer_again_on_a_new_card_comes_back_on_a_later_day(
    scheduler: Scheduler, now: datetime, card_type: CardType
) -> None:
    after = scheduler.review(None, card_id="d/c", card_type=card_type, rating=Rating.AGAIN, now=now)
    for tz in (UTC, BERLIN, NEW_YORK):
        assert local_day(after.due_at, tz=tz) > local_day(now, tz=tz)
    assert after.due_at - now >= timedelta(days=1)


@pytest.mark.parametrize("card_type", LONG)
def test_long_answer_lapse_comes_back_on_a_later_day(
    scheduler: Scheduler, now: datetime, card_type: CardType
) -> None:
    learned = review_chain(
        scheduler, card_type, [(Rating.GOOD, timedelta(0)), (Rating.GOOD, timedelta(0))], now
    )[-1][1]
    assert learned.state is State.REVIEW
    lapse_at = learned.due_at
    after = scheduler.review(
        learned, card_id="d/c", card_type=card_type, rating=Rating.AGAIN, now=lapse_at
    )
    assert local_day(after.due_at, tz=UTC) > local_day(lapse_at, tz=UTC)


@pytest.mark.parametrize("card_type", SHORT)
def test_short_cards_step_one_minute_then_ten(
    scheduler: Scheduler, now: datetime, card_type: CardType
) -> None:
    first = scheduler.review(None, card_id="d/c", card_type=card_type, rating=Rating.AGAIN, now=now)
    assert first.due_at - now == timedelta(minutes=1)
    assert first.state is State.LEARNING
    second = scheduler.review(
        first, card_id="d/c", card_type=card_type, rating=Rating.GOOD, now=first.due_at
    )
    assert second.due_at - first.due_at == timedelta(minutes=10)
    third = scheduler.review(
        second, card_id="d/c", card_type=card_type, rating=Rating.GOOD, now=second.due_at
    )
    assert third.state is State.REVIEW
    assert third.due_at - second.due_at >= timedelta(days=1)


@pytest.mark.parametrize("card_type", SHORT)
def test_a_short_card_lapse_relearns_in_ten_minutes(
    scheduler: Scheduler, now: datetime, card_type: CardType
) -> None:
    learned = scheduler.review(
        None, card_id="d/c", card_type=card_type, rating=Rating.EASY, now=now
    )
    assert learned.state is State.REVIEW
    lapsed = scheduler.review(
        learned, card_id="d/c", card_type=card_type, rating=Rating.AGAIN, now=learned.due_at
    )
    assert lapsed.state is State.RELEARNING
    assert lapsed.due_at - learned.due_at == timedelta(minutes=10)
    assert lapsed.lapses == 1


def test_learning_steps_are_settings(now: datetime) -> None:
    scheduler = Scheduler(
        SchedulerSettings(
            fuzz=False, short_learning_steps_min=(5.0,), long_learning_steps_min=(30.0,)
        )
    )
    short = scheduler.review(
        None, card_id="d/c", card_type=CardType.BASIC, rating=Rating.AGAIN, now=now
    )
    long = scheduler.review(
        None, card_id="d/c", card_type=CardType.QUESTION, rating=Rating.AGAIN, now=now
    )
    assert (short.due_at - now, long.due_at - now) == (timedelta(minutes=5), timedelta(minutes=30))


def _states_to_preview(
    scheduler: Scheduler, card_type: CardType, now: datetime
) -> list[MemoryState | None]:
    """A new card, a card in learning, and cards in review with short and long intervals."""
    chain = review_chain(
        scheduler,
        card_type,
        [
            (Rating.AGAIN, timedelta(0)),
            (Rating.GOOD, timedelta(0)),
            (Rating.EASY, timedelta(0)),
            (Rating.EASY, timedelta(days=3)),
            (Rating.GOOD, timedelta(0)),
        ],
        now,
    )
    return [None, *(state for _, state in chain)]


@pytest.mark.parametrize("fuzz", [False, True])
@pytest.mark.parametrize("card_type", list(CardType))
def test_preview_equals_the_actual_outcome(card_type: CardType, fuzz: bool, now: datetime) -> None:
    scheduler = Scheduler(SchedulerSettings(fuzz=fuzz))
    for state in _states_to_preview(scheduler, card_type, now):
        at = state.due_at + timedelta(hours=1) if state else now
        shown = scheduler.preview(state, card_id="d/c", card_type=card_type, now=at)
        for rating in Rating:
            actual = scheduler.review(
                state, card_id="d/c", card_type=card_type, rating=rating, now=at
            )
            assert shown[rating] == actual.due_at - at


_LATER = st.integers(min_value=0, max_value=3 * 24 * 3600).map(lambda s: timedelta(seconds=s))


@given(
    card_type=st.sampled_from(list(CardType)),
    history=st.lists(st.tuples(_RATINGS, _GAPS), min_size=0, max_size=8),
    shown_after=_GAPS,
    rated_after=_LATER,
    rating=_RATINGS,
    fuzz=st.booleans(),
)
def test_a_rating_after_a_preview_gets_what_it_would_get_afresh(
    card_type: CardType,
    history: list[tuple[Rating, timedelta]],
    shown_after: timedelta,
    rated_after: timedelta,
    rating: Rating,
    fuzz: bool,
) -> None:
    settings = SchedulerSettings(fuzz=fuzz)
    scheduler = Scheduler(settings)
    state: MemoryState | None = None
    at = datetime(2025, 1, 15, 10, 0, tzinfo=UTC)
    for past, gap in history:
        state = scheduler.review(state, card_id="d/c", card_type=card_type, rating=past, now=at)
        at = state.due_at + gap
    scheduler.preview(state, card_id="d/c", card_type=card_type, now=at)
    rated_at = at + rated_after
    reused = scheduler.review(
        state, card_id="d/c", card_type=card_type, rating=rating, now=rated_at
    )
    afresh = Scheduler(settings).review(
        state, card_id="d/c", card_type=card_type, rating=rating, now=rated_at
    )
    assert reused == afresh


def test_a_rating_moments_after_a_preview_reuses_its_outcome(
    scheduler: Scheduler, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = scheduler.review(
        None, card_id="d/c", card_type=CardType.BASIC, rating=Rating.GOOD, now=now
    )
    at = state.due_at + timedelta(days=2)
    scheduler.preview(state, card_id="d/c", card_type=CardType.BASIC, now=at)
    worked_out: list[Rating] = []
    real = scheduler._review
    monkeypatch.setattr(scheduler, "_review", lambda *a: worked_out.append(a[3]) or real(*a))
    for rating in Rating:
        after = scheduler.review(
            state,
            card_id="d/c",
            card_type=CardType.BASIC,
            rating=rating,
            now=at + timedelta(seconds=20),
        )
        assert after.last_review_at == at + timedelta(seconds=20)
    assert worked_out == []
    other = state._replace(reps=state.reps + 1)
    scheduler.review(other, card_id="d/c", card_type=CardType.BASIC, rating=Rating.GOOD, now=at)
    scheduler.review(state, card_id="d/e", card_type=CardType.BASIC, rating=Rating.GOOD, now=at)
    scheduler.review(
        state, card_id="d/c", card_type=CardType.BASIC, rating=Rating.GOOD, now=at - timedelta(1)
    )
    assert worked_out == [Rating.GOOD] * 3


def test_fuzz_is_deterministic_and_small(now: datetime) -> None:
    plain = Scheduler(SchedulerSettings(fuzz=False))
    fuzzy = Scheduler(SchedulerSettings(fuzz=True))
    moved = 0
    for n in range(40):
        card_id = f"d/c{n}"
        state = plain.review(
            None, card_id=card_id, card_type=CardType.QUESTION, rating=Rating.EASY, now=now
        )
        at = state.due_at
        exact = plain.review(
            state, card_id=card_id, card_type=CardType.QUESTION, rating=Rating.EASY, now=at
        )
        fuzzed = fuzzy.review(
            state, card_id=card_id, card_type=CardType.QUESTION, rating=Rating.EASY, now=at
        )
        repeat = fuzzy.review(
            state, card_id=card_id, card_type=CardType.QUESTION, rating=Rating.EASY, now=at
        )
        assert fuzzed == repeat
        days = (exact.due_at - at).days
        assert abs(fuzzed.due_at - exact.due_at) <= timedelta(days=max(1, round(days * 0.05)))
        moved += fuzzed.due_at != exact.due_at
    assert moved > 0


@pytest.mark.parametrize(
    "moment",
    [
        datetime(2025, 1, 15, 10, 0),
        datetime(2025, 1, 15, 10, 0, tzinfo=timezone(timedelta(hours=1))),
    ],
    ids=["naive", "plus-one-hour"],
)
def test_review_times_must_be_utc(scheduler: Scheduler, moment: datetime) -> None:
    with pytest.raises(ValueError, match="UTC"):
        scheduler.review(
            None, card_id="d/c", card_type=CardType.BASIC, rating=Rating.GOOD, now=moment
        )


def test_retrievability_follows_the_forgetting_curve(scheduler: Scheduler, now: datetime) -> None:
    state = scheduler.review(
        None, card_id="d/c", card_type=CardType.QUESTION, rating=Rating.GOOD, now=now
    )
    assert state.stability is not None
    assert scheduler.retrievability(state, now) == pytest.approx(1.0)
    at_stability = now + timedelta(days=state.stability)
    # FSRS defines stability as the interval after which recall falls to 90%
    assert scheduler.retrievability(state, at_stability) == pytest.approx(0.9)
    later = scheduler.retrievability(state, now + timedelta(days=30))
    assert 0 < later < 0.9
    assert scheduler.retrievability(state, now - timedelta(days=1)) == pytest.approx(1.0)


def test_a_new_card_has_no_retrievability(scheduler: Scheduler, now: datetime) -> None:
    new = MemoryState("d/c", State.NEW, None, None, now, None)
    assert new.is_new
    assert scheduler.retrievability(new, now) == 0.0


@pytest.mark.parametrize(
    ("interval", "text"),
    [
        (timedelta(seconds=20), "1m"),
        (timedelta(minutes=10), "10m"),
        (timedelta(hours=5), "5h"),
        (timedelta(days=4), "4d"),
        (timedelta(days=95), "3mo"),
        (timedelta(days=438), "1.2y"),
    ],
)
def test_intervals_read_short(interval: timedelta, text: str) -> None:
    assert format_interval(interval) == text


# --- the user's local day ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("moment", "tz", "day"),
    [
        (datetime(2025, 1, 15, 2, 30, tzinfo=UTC), BERLIN, "2025-01-14"),  # 03:30 local
        (datetime(2025, 1, 15, 3, 0, tzinfo=UTC), BERLIN, "2025-01-15"),  # 04:00 local
        (datetime(2025, 1, 15, 8, 59, tzinfo=UTC), NEW_YORK, "2025-01-14"),  # 03:59 local
        (datetime(2025, 1, 15, 9, 0, tzinfo=UTC), NEW_YORK, "2025-01-15"),  # 04:00 local
        (datetime(2025, 1, 15, 23, 30, tzinfo=UTC), BERLIN, "2025-01-15"),  # 00:30 on the 16th
    ],
    ids=["berlin-0330", "berlin-0400", "ny-0359", "ny-0400", "berlin-0030"],
)
def test_local_day_starts_at_the_rollover_hour(moment: datetime, tz: ZoneInfo, day: str) -> None:
    assert local_day(moment, rollover_hour=4, tz=tz).isoformat() == day


def test_before_the_rollover_hour_it_is_still_yesterday() -> None:
    moment = datetime(2025, 1, 15, 2, 30, tzinfo=UTC)  # 03:30 in Berlin
    assert local_day(moment, rollover_hour=4, tz=BERLIN).isoformat() == "2025-01-14"
    assert local_day(moment, rollover_hour=3, tz=BERLIN).isoformat() == "2025-01-15"
    assert day_start(moment, rollover_hour=4, tz=BERLIN) == datetime(2025, 1, 14, 3, tzinfo=UTC)
    assert next_day_start(moment, rollover_hour=4, tz=BERLIN) == datetime(
        2025, 1, 15, 3, tzinfo=UTC
    )


def test_the_spring_forward_day_has_23_hours_in_berlin() -> None:
    # 31 March 2024, 01:30 UTC is 03:30 CEST: still the local day of 30 March
    moment = datetime(2024, 3, 31, 1, 30, tzinfo=UTC)
    assert local_day(moment, tz=BERLIN).isoformat() == "2024-03-30"
    start = day_start(moment, tz=BERLIN)
    end = next_day_start(moment, tz=BERLIN)
    assert start == datetime(2024, 3, 30, 3, tzinfo=UTC)  # 04:00 CET
    assert end == datetime(2024, 3, 31, 2, tzinfo=UTC)  # 04:00 CEST
    assert end - start == timedelta(hours=23)


def test_the_fall_back_day_has_25_hours_in_new_york() -> None:
    moment = datetime(2024, 11, 3, 7, 30, tzinfo=UTC)  # 02:30 EST, after the clocks went back
    assert local_day(moment, tz=NEW_YORK).isoformat() == "2024-11-02"
    start = day_start(moment, tz=NEW_YORK)
    end = next_day_start(moment, tz=NEW_YORK)
    assert start == datetime(2024, 11, 2, 8, tzinfo=UTC)  # 04:00 EDT
    assert end == datetime(2024, 11, 3, 9, tzinfo=UTC)  # 04:00 EST
    assert end - start == timedelta(hours=25)


def test_the_spring_forward_day_has_23_hours_in_new_york() -> None:
    moment = datetime(2024, 3, 10, 7, 30, tzinfo=UTC)  # 03:30 EDT
    assert local_day(moment, tz=NEW_YORK).isoformat() == "2024-03-09"
    assert next_day_start(moment, tz=NEW_YORK) - day_start(moment, tz=NEW_YORK) == timedelta(
        hours=23
    )


@given(
    moment=st.datetimes(
        min_value=datetime(2023, 1, 1), max_value=datetime(2026, 12, 31), timezones=st.just(UTC)
    ),
    zone=st.sampled_from(
        [
            "Europe/Berlin",
            "America/New_York",
            "Australia/Lord_Howe",
            "America/Santiago",
            "Asia/Kolkata",
            "UTC",
        ]
    ),
    rollover=st.integers(min_value=0, max_value=23),
)
def test_now_is_always_inside_its_local_day(moment: datetime, zone: str, rollover: int) -> None:
    tz = ZoneInfo(zone)
    start = day_start(moment, rollover_hour=rollover, tz=tz)
    end = next_day_start(moment, rollover_hour=rollover, tz=tz)
    assert start <= moment < end
    assert timedelta(hours=22) <= end - start <= timedelta(hours=26)
    assert local_day(start, rollover_hour=rollover, tz=tz) == local_day(
        moment, rollover_hour=rollover, tz=tz
    )
    assert start.utcoffset() == timedelta(0)


def test_the_default_parameters_are_py_fsrs_defaults() -> None:
    assert tuple(fsrs.Scheduler().parameters) == DEFAULT_PARAMETERS
