"""``drill optimize``: fitting on simulated learners, the time split, the scores, adoption."""

from __future__ import annotations

import json
import math
import random
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime, timedelta

import fsrs
import fsrs_rs_python
import pytest

from drill import builtin
from drill import optimize as opt
from drill.core.model import CardType, MemoryState, Rating, Review
from drill.core.scheduling import (
    DEFAULT_PARAMETERS,
    Scheduler,
    SchedulerSettings,
    curve_constants,
    retrievability,
)
from drill.core.settings import Settings
from drill.importers.history import merge
from drill.store import Store

START = datetime(2030, 1, 7, 9, 0, tzinfo=UTC)
_SLOWER = (0.3, 0.3, 0.3, 0.4, 1, 1, 1, 1, 0.6, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)
SLOW_LEARNER: tuple[float, ...] = (
    *(p * f for p, f in zip(DEFAULT_PARAMETERS[:20], _SLOWER, strict=True)),
    0.3,
)
"""A learner who forgets much faster than the defaults assume, with a steeper curve."""
TYPES = (CardType.QUESTION, CardType.QUESTION, CardType.REFRAME, CardType.BASIC)


def simulate(
    memory: Sequence[float],
    cards: Sequence[tuple[str, CardType]],
    *,
    days: int,
    seed: int,
    new_per_day: int = 5,
) -> list[Review]:
    """Reviews of a learner whose memory follows ``memory``, scheduled by drill's defaults.

    drill schedules with default parameters (fuzz off); whether a card is recalled is drawn
    from the learner's own recall probability at that moment.
    """
    rng = random.Random(seed)
    app = Scheduler(SchedulerSettings(fuzz=False))
    truth = {t: opt.replay_scheduler(memory, t, Settings()) for t in CardType}
    waiting = list(cards)
    states: dict[str, MemoryState | None] = {}
    minds: dict[str, tuple[CardType, fsrs.Card]] = {}
    out: list[Review] = []
    for day in range(days):
        now = START + timedelta(days=day)
        for _ in range(new_per_day):
            if waiting:
                card_id, card_type = waiting.pop(0)
                states[card_id] = None
                minds[card_id] = (card_type, fsrs.Card(card_id=1, due=now))
        end_of_session = now + timedelta(hours=2)
        while True:
            due = [cid for cid, s in states.items() if s is None or s.due_at <= now]
            if not due:
                soon = [s.due_at for s in states.values() if s and s.due_at < end_of_session]
                if not soon:
                    break
                now = max(now, min(soon))
                continue
            for card_id in due:
                card_type, mind = minds[card_id]
                if states[card_id] is None:
                    rating = Rating(rng.choices([1, 3, 4], [0.2, 0.7, 0.1])[0])
                elif rng.random() < truth[card_type].get_card_retrievability(mind, now):
                    rating = Rating(rng.choices([2, 3, 4], [0.1, 0.8, 0.1])[0])
                else:
                    rating = Rating.AGAIN
                states[card_id] = app.review(
                    states[card_id], card_id=card_id, card_type=card_type, rating=rating, now=now
                )
                minds[card_id] = (
                    card_type,
                    truth[card_type].review_card(mind, fsrs.Rating(int(rating)), now)[0],
                )
                out.append(
                    Review(
                        review_id=f"sim-{seed}-{len(out)}",
                        card_id=card_id,
                        reviewed_at=now,
                        rating=rating,
                        duration_ms=30_000,
                    )
                )
                now += timedelta(seconds=40)
    return out


def toy_cards(count: int) -> list[tuple[str, CardType]]:
    return [(f"toy/c{i}", TYPES[i % len(TYPES)]) for i in range(count)]


@pytest.fixture
def store() -> Iterator[Store]:
    db = Store.open(":memory:")
    builtin.sync(db)
    yield db
    db.close()


def load_history(store: Store, memory: Sequence[float], *, days: int, seed: int) -> int:
    """Simulate on the built-in cards and merge the history into ``store``."""
    cards = [(c.card_id, c.type) for c in store.new_cards(START, per_competency=1000)][:300]
    reviews = simulate(memory, cards, days=days, seed=seed)
    merge(store, reviews, dry_run=False)
    return len(reviews)


def test_a_learner_with_their_own_memory_gets_fitted_parameters_adopted(store: Store) -> None:
    count = load_history(store, SLOW_LEARNER, days=110, seed=1)
    assert count > 2000
    result = opt.optimize(store, now=START + timedelta(days=120))
    assert result.adopted, result.reason
    assert result.before is not None and result.after is not None
    needed = opt.required_gain(result.after.judged)
    assert result.after.log_loss < result.before.log_loss * (1 - needed)
    assert result.after.rmse_bins < result.before.rmse_bins
    assert result.parameters_after is not None
    assert store.settings().parameters == result.parameters_after
    assert store.meta(opt.SOURCE_KEY) == "fitted"
    stored = json.loads(store.meta(opt.EVALUATION_KEY) or "{}")
    assert stored["adopted"] is True
    assert stored["log_loss_after"] == pytest.approx(result.after.log_loss, abs=1e-6)
    assert "better" in result.text() and result.text().endswith("adopted.")
    # the fit moved the initial stabilities toward the learner's shorter memory
    assert result.parameters_after[2] < DEFAULT_PARAMETERS[2]


def test_a_dry_run_changes_nothing(store: Store) -> None:
    load_history(store, SLOW_LEARNER, days=110, seed=1)
    before = store.settings()
    result = opt.optimize(store, now=START + timedelta(days=120), dry_run=True)
    assert result.better
    assert not result.adopted
    assert "dry run" in result.reason
    assert store.settings() == before
    assert store.meta(opt.SOURCE_KEY) is None
    assert result.to_json()["would_adopt"] is True


@pytest.mark.parametrize("seed", range(6))
def test_a_learner_the_defaults_describe_keeps_them(seed: int) -> None:
    cards = toy_cards(300)
    history = simulate(DEFAULT_PARAMETERS, cards, days=110, seed=seed)
    result = opt.evaluate(history, dict(cards), Settings())
    assert result.before is not None and result.after is not None
    assert not result.better, result.reason
    gain = (result.before.log_loss - result.after.log_loss) / result.before.log_loss
    assert gain < opt.required_gain(result.after.judged)


@pytest.mark.parametrize("seed", range(3))
def test_a_learner_who_forgets_faster_would_adopt(seed: int) -> None:
    cards = toy_cards(300)
    history = simulate(SLOW_LEARNER, cards, days=110, seed=seed)
    result = opt.evaluate(history, dict(cards), Settings())
    assert result.better, result.reason
    assert not result.adopted  # evaluate never stores anything


def test_too_little_history_keeps_the_parameters(store: Store) -> None:
    cards = [(c.card_id, c.type) for c in store.new_cards(START, per_competency=1000)][:100]
    reviews = simulate(SLOW_LEARNER, cards, days=60, seed=2)[: opt.MIN_REVIEWS - 1]
    assert len(reviews) == opt.MIN_REVIEWS - 1
    merge(store, reviews, dry_run=False)
    before = store.settings()
    result = opt.optimize(store, now=START + timedelta(days=50))
    assert not result.adopted
    assert result.reviews == opt.MIN_REVIEWS - 1
    assert f"at least {opt.MIN_REVIEWS}" in result.reason
    document = result.to_json()
    assert document["log_loss_before"] is None and document["rmse_after"] is None
    assert store.settings() == before


def test_the_split_is_by_time() -> None:
    cards = toy_cards(200)
    history = simulate(SLOW_LEARNER, cards, days=80, seed=4)
    result = opt.evaluate(history, dict(cards), Settings())
    assert result.split_at is not None
    assert result.fit_reviews == sum(r.reviewed_at < result.split_at for r in history)
    assert (
        abs(result.fit_reviews - 0.75 * len(history))
        <= len([r for r in history if r.reviewed_at == result.split_at]) + 1
    )
    later = [r for r in history if r.reviewed_at >= result.split_at]
    assert result.judged_reviews <= len(later)
    # items for the fit stop at the split
    items = opt.fsrs_items(opt._by_card(history), before=result.split_at)
    early = opt.fsrs_items(opt._by_card(history), before=history[-1].reviewed_at)
    assert 0 < len(items) < len(early)


def test_fitted_parameters_work_in_both_libraries_and_they_agree() -> None:
    cards = toy_cards(120)
    history = simulate(SLOW_LEARNER, cards, days=70, seed=5)
    histories = opt._by_card(history)
    fitted = opt.fit_parameters(
        opt.fsrs_items(histories, before=START + timedelta(days=999)), DEFAULT_PARAMETERS
    )
    assert len(fitted) == 21
    fsrs.Scheduler(parameters=fitted)  # accepted: within py-fsrs's bounds
    model = fsrs_rs_python.FSRS(list(fitted))
    decay, factor = curve_constants(fitted)
    types = dict(cards)
    compared = 0
    for card_id, reviews in histories.items():
        predicted = opt.predictions(fitted, reviews, types[card_id], Settings(), since=START)
        by_index = {p.index: p for p in predicted}
        sequence: list[fsrs_rs_python.FSRSReview] = []
        previous: datetime | None = None
        for index, (moment, rating) in enumerate(reviews, start=1):
            delta = opt._whole_days(previous, moment)
            if index in by_index:
                state = model.memory_state(fsrs_rs_python.FSRSItem(list(sequence)))
                theirs = retrievability(state.stability, delta, decay=decay, factor=factor)
                assert by_index[index].probability == pytest.approx(theirs, abs=1e-4)
                compared += 1
            sequence.append(fsrs_rs_python.FSRSReview(int(rating), delta))
            previous = moment
    assert compared > 200
    for stability in (0.5, 4.0, 60.0):
        interval = model.next_interval(stability, 0.9, 3)
        assert retrievability(stability, interval, decay=decay, factor=factor) == pytest.approx(
            0.9, abs=1e-3
        )


def row(p: float, recalled: bool, days: int = 1, index: int = 2, lapses: int = 0) -> opt.Prediction:
    return opt.Prediction(p, recalled, days, index, lapses)


def test_log_loss_of_known_predictions() -> None:
    rows = [row(0.9, True), row(0.9, False), row(0.5, True)]
    expected = -(math.log(0.9) + math.log(0.1) + math.log(0.5)) / 3
    assert opt.log_loss(rows) == pytest.approx(expected)
    assert opt.log_loss([row(1.0, False)]) < 20  # clipped, never infinite


def test_binned_rmse_groups_like_the_benchmark() -> None:
    # one group: the root of (mean outcome - mean prediction)^2
    same = [row(0.9, True), row(0.7, True), row(0.8, False)]
    assert opt.binned_rmse(same) == pytest.approx(abs(2 / 3 - 0.8))
    # intervals 1 and 2 days share a bin (2.48 * 3.62**0); 4 days is the next one
    near = [row(0.5, True, days=1), row(0.5, False, days=2)]
    assert opt.binned_rmse(near) == pytest.approx(0.0)
    apart = [row(0.5, True, days=1), row(0.5, False, days=4)]
    assert opt.binned_rmse(apart) == pytest.approx(0.5)
    # groups weigh by their size
    weighted = [row(0.5, True, days=1)] * 3 + [row(0.5, True, days=4, lapses=1)]
    assert opt.binned_rmse(weighted) == pytest.approx(0.5)
    assert opt.binned_rmse([]) == 0.0


def test_judge_needs_both_scores_better_and_more_than_chance() -> None:
    before = opt.Score(0.40, 0.05, 500)
    assert opt.judge(before, opt.Score(0.36, 0.04, 500))[0]
    assert "10% better" in opt.judge(before, opt.Score(0.36, 0.04, 500))[1]
    assert not opt.judge(before, opt.Score(0.36, 0.06, 500))[0]
    assert not opt.judge(before, opt.Score(0.41, 0.04, 500))[0]
    small = opt.judge(before, opt.Score(0.395, 0.04, 500))
    assert not small[0] and "chance" in small[1]
    # the same 1.25% gain is more than chance on 10,000 reviews
    assert opt.judge(opt.Score(0.40, 0.05, 10_000), opt.Score(0.395, 0.04, 10_000))[0]


def test_the_gain_needed_shrinks_with_more_reviews_down_to_a_floor() -> None:
    needs = [opt.required_gain(n) for n in (50, 450, 1000, 5000, 100_000)]
    assert needs == sorted(needs, reverse=True)
    assert needs[-1] == opt.MIN_GAIN


def test_same_day_reviews_are_not_judged() -> None:
    moment = START
    reviews = [
        (moment, Rating.GOOD),
        (moment + timedelta(minutes=10), Rating.AGAIN),
        (moment + timedelta(days=3), Rating.GOOD),
    ]
    predicted = opt.predictions(
        DEFAULT_PARAMETERS, reviews, CardType.BASIC, Settings(), since=START
    )
    assert [p.index for p in predicted] == [3]
    assert predicted[0].elapsed_days == 2  # whole days since the review ten minutes in
    assert 0 < predicted[0].probability < 1


def test_lapses_count_only_reviews_a_day_or_more_apart() -> None:
    reviews = [
        (START, Rating.AGAIN),
        (START + timedelta(minutes=1), Rating.AGAIN),
        (START + timedelta(days=1, hours=1), Rating.AGAIN),
        (START + timedelta(days=3), Rating.GOOD),
    ]
    predicted = opt.predictions(
        DEFAULT_PARAMETERS, reviews, CardType.BASIC, Settings(), since=START
    )
    assert [(p.index, p.lapses) for p in predicted] == [(3, 0), (4, 1)]


def test_progress_reaches_the_end() -> None:
    cards = toy_cards(150)
    history = simulate(SLOW_LEARNER, cards, days=60, seed=6)
    seen: list[tuple[int, int]] = []
    opt.evaluate(history, dict(cards), Settings(), progress=lambda d, t: seen.append((d, t)))
    assert seen
    assert seen[-1][0] == seen[-1][1]
    assert [d for d, _t in seen] == sorted(d for d, _t in seen)
