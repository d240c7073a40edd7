"""Per-competency stats and the weakness score on constructed histories."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drill.core.model import Competency
from drill.core.stats import (
    CompetencyStats,
    WeekCounts,
    competency_stats,
    weakness,
    week_of,
    weekly,
    weighted,
)

TODAY = date(2025, 1, 15)  # a Wednesday
THIS_WEEK = date(2025, 1, 13)


def history(*weeks: tuple[int, int, int, int]) -> tuple[WeekCounts, ...]:
    """Weekly counts (reviews, recalled, quality_sum, quality_n), oldest first, ending this week."""
    start = THIS_WEEK - timedelta(weeks=len(weeks) - 1)
    return tuple(WeekCounts(start + timedelta(weeks=i), *counts) for i, counts in enumerate(weeks))


def comp(cid: str) -> Competency:
    """A competency named after its id."""
    return Competency(cid, cid.title(), "execution")


def rank(
    counts: dict[str, tuple[WeekCounts, ...]],
    *,
    cards: dict[str, tuple[int, int]] | None = None,
    memory: dict[str, float] | None = None,
) -> list[CompetencyStats]:
    """competency_stats over ``counts``; every competency has 10 cards, all seen, at 0.8."""
    names = list(counts)
    return competency_stats(
        [comp(c) for c in names],
        today=TODAY,
        counts=counts,
        cards=cards or {c: (10, 10) for c in names},
        retrievability=memory or {c: 0.8 for c in names},
    )


def test_falling_quality_ranks_weaker_than_flat_quality_with_the_same_mean() -> None:
    falling = history((4, 4, 20, 4), (4, 4, 12, 4), (4, 4, 4, 4))  # quality 5, 3, 1
    flat = history((4, 4, 12, 4), (4, 4, 12, 4), (4, 4, 12, 4))  # quality 3, 3, 3
    stats = {s.id: s for s in rank({"falling": falling, "flat": flat})}
    assert stats["falling"].quality == stats["flat"].quality == 3
    assert stats["falling"].weakness > stats["flat"].weakness
    assert [s.id for s in rank({"flat": flat, "falling": falling})] == ["falling", "flat"]
    assert stats["falling"].reason == "quality falling"
    assert stats["flat"].reason != "quality falling"


def test_falling_recall_ranks_weaker_than_flat_recall_with_the_same_mean() -> None:
    falling = history((10, 9, 0, 0), (10, 6, 0, 0), (10, 3, 0, 0))
    flat = history((10, 6, 0, 0), (10, 6, 0, 0), (10, 6, 0, 0))
    stats = {s.id: s for s in rank({"falling": falling, "flat": flat})}
    assert stats["falling"].recall == stats["flat"].recall == pytest.approx(0.6)
    assert stats["falling"].weakness > stats["flat"].weakness
    assert stats["falling"].reason == "recall falling"


def test_no_reviews_is_unknown_and_weak_not_strong() -> None:
    middling = history((10, 6, 30, 10), (10, 6, 30, 10))  # recall 60%, quality 3
    stats = {
        s.id: s
        for s in rank(
            {"unseen": (), "middling": middling},
            cards={"unseen": (10, 0), "middling": (10, 5)},
            memory={"middling": 0.7},
        )
    }
    unseen = stats["unseen"]
    assert (unseen.recall, unseen.quality, unseen.retrievability) == (None, None, None)
    assert unseen.reviews == 0
    assert unseen.reason == "no reviews yet"
    assert unseen.weakness > 0.5
    assert unseen.weakness > stats["middling"].weakness


def test_recent_weeks_weigh_more() -> None:
    improving = history((10, 2, 10, 10), (10, 10, 50, 10))  # bad last week, good this week
    declining = history((10, 10, 50, 10), (10, 2, 10, 10))
    for metric in ("recall", "quality"):
        recent_good = weighted(improving, TODAY, metric=metric)
        recent_bad = weighted(declining, TODAY, metric=metric)
        assert recent_good is not None and recent_bad is not None
        assert recent_good > recent_bad
    stats = {s.id: s for s in rank({"improving": improving, "declining": declining})}
    assert stats["improving"].recall == stats["declining"].recall
    assert stats["improving"].weakness < stats["declining"].weakness


def test_a_week_two_weeks_old_counts_half() -> None:
    weeks = (
        WeekCounts(THIS_WEEK - timedelta(weeks=2), reviews=10, recalled=0),
        WeekCounts(THIS_WEEK, reviews=10, recalled=10),
    )
    assert weighted(weeks, TODAY, metric="recall") == pytest.approx(10 / 15)


def test_weighted_is_none_without_data() -> None:
    assert weighted((), TODAY, metric="recall") is None
    assert weighted(history((3, 2, 0, 0)), TODAY, metric="quality") is None


@pytest.mark.parametrize(
    ("recall", "quality", "memory", "coverage"),
    [(0.8, 4.0, 0.9, 0.5), (0.3, 2.0, 0.4, 1.0), (1.0, 1.0, 0.0, 0.25)],
)
def test_weakness_is_the_documented_formula(
    recall: float, quality: float, memory: float, coverage: float
) -> None:
    strength = 0.35 * recall + 0.30 * (quality - 1) / 4 + 0.20 * memory + 0.15 * coverage
    assert weakness(
        recall=recall, quality=quality, retrievability=memory, coverage=coverage
    ) == pytest.approx(1 - strength)


def test_weakness_extremes() -> None:
    assert weakness(recall=1.0, quality=5.0, retrievability=1.0, coverage=1.0) == pytest.approx(0)
    assert weakness(recall=0.0, quality=1.0, retrievability=0.0, coverage=0.0) == pytest.approx(1)


_UNIT = st.one_of(st.none(), st.floats(0, 1))


@given(
    recall=_UNIT,
    quality=st.one_of(st.none(), st.floats(1, 5)),
    memory=_UNIT,
    coverage=st.floats(0, 1),
)
def test_weakness_stays_in_bounds(
    recall: float | None, quality: float | None, memory: float | None, coverage: float
) -> None:
    assert (
        0.0
        <= weakness(recall=recall, quality=quality, retrievability=memory, coverage=coverage)
        <= 1.0
    )


_WEEK = st.builds(
    lambda reviews, recalled, q_n, q_sum: (reviews, min(recalled, reviews), q_sum * q_n, q_n),
    st.integers(0, 30),
    st.integers(0, 30),
    st.integers(0, 10),
    st.integers(1, 5),
)


@given(
    weeks=st.dictionaries(
        st.sampled_from(["a", "b", "c"]), st.lists(_WEEK, max_size=8), min_size=1
    ),
    seen=st.integers(0, 10),
    memory=st.floats(0, 1),
)
def test_competency_stats_stay_in_bounds_and_rank_weakest_first(
    weeks: dict[str, list[tuple[int, int, int, int]]], seen: int, memory: float
) -> None:
    counts = {c: history(*w) if w else () for c, w in weeks.items()}
    stats = rank(counts, cards={c: (10, seen) for c in counts}, memory={c: memory for c in counts})
    assert [s.weakness for s in stats] == sorted((s.weakness for s in stats), reverse=True)
    for s in stats:
        assert 0.0 <= s.weakness <= 1.0
        assert s.recall is None or 0.0 <= s.recall <= 1.0
        assert s.quality is None or 1.0 <= s.quality <= 5.0
        assert s.reason


def test_weeks_start_on_monday_and_fold_days() -> None:
    assert week_of(date(2025, 1, 19)) == date(2025, 1, 13)  # Sunday
    assert week_of(date(2025, 1, 13)) == date(2025, 1, 13)
    weeks = weekly(
        [
            (date(2025, 1, 13), 2, 1, 8, 2),
            (date(2025, 1, 19), 3, 3, 4, 1),
            (date(2025, 1, 6), 1, 0, 0, 0),
        ]
    )
    assert weeks == (
        WeekCounts(date(2025, 1, 6), 1, 0, 0, 0),
        WeekCounts(date(2025, 1, 13), 5, 4, 12, 3),
    )
    assert weeks[1].recall == pytest.approx(0.8)
    assert weeks[1].quality == pytest.approx(4.0)


def test_stats_json_has_the_contract_fields() -> None:
    (only,) = rank({"a": history((4, 3, 12, 4))})
    document = only.to_json()
    assert {
        "id",
        "name",
        "dimension",
        "cards",
        "reviewed",
        "reviews",
        "recall",
        "quality",
        "retrievability",
        "weakness",
    } <= set(document)
    assert document["recall"] == 0.75
    assert document["quality"] == 3.0


def test_retrievability_is_unknown_for_a_competency_with_no_reviewed_cards() -> None:
    (only,) = rank({"a": ()}, cards={"a": (5, 0)}, memory={"a": 0.9})
    assert only.retrievability is None
