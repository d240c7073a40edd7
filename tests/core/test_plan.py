"""The interview plan's arithmetic on constructed decks and dates (drill.core.plan)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date, timedelta

import pytest

from drill.core.model import CardType
from drill.core.plan import (
    DEFAULT_MINUTES_PER_CARD,
    LEARNING_WINDOW_DAYS,
    Plan,
    PlanCard,
    last_new_index,
    make_plan,
)

TODAY = date(2030, 3, 4)
DIMENSION_OF = {
    "tech-a": "technical leadership",
    "tech-b": "technical leadership",
    "org-a": "organizational leadership",
    "org-b": "organizational leadership",
    "comm-a": "communication",
    "comm-b": "communication",
    "exec-a": "execution",
    "exec-b": "execution",
}
WEAK_FIRST = ["org-a", "comm-a", "tech-a", "exec-a", "org-b", "comm-b", "tech-b", "exec-b"]


def deck(per_competency: Mapping[str, Sequence[CardType]]) -> list[PlanCard]:
    """Cards named ``competency/type-n``, in the order given."""
    return [
        PlanCard(f"{comp}/{card_type.value}-{n}", comp, card_type)
        for comp, types in per_competency.items()
        for n, card_type in enumerate(types)
    ]


def plan_for(
    cards: Sequence[PlanCard],
    *,
    days: int = 20,
    minutes: float = 20,
    review_load: Mapping[date, int] | None = None,
    minutes_per_card: Mapping[CardType, float] = DEFAULT_MINUTES_PER_CARD,
    **extra: object,
) -> Plan:
    return make_plan(
        today=TODAY,
        interview=TODAY + timedelta(days=days),
        minutes_per_day=minutes,
        unseen=cards,
        minutes_per_card=minutes_per_card,
        review_load=review_load or {},
        weakness_rank=WEAK_FIRST,
        dimension_of=DIMENSION_OF,
        **extra,  # type: ignore[arg-type]
    )


MIXED = deck({comp: [CardType.QUESTION] * 4 + [CardType.BASIC] * 4 for comp in DIMENSION_OF})


@pytest.mark.parametrize("offset", [0, -1, -30])
def test_interview_today_or_in_the_past_is_a_clear_error(offset: int) -> None:
    with pytest.raises(ValueError, match=r"the interview date 20\d\d-\d\d-\d\d is"):
        plan_for(MIXED, days=offset)


def test_the_error_says_today_or_past_and_what_to_give() -> None:
    with pytest.raises(ValueError, match="is today; give a date after 2030-03-04"):
        plan_for(MIXED, days=0)
    with pytest.raises(ValueError, match="is in the past"):
        plan_for(MIXED, days=-1)


def test_a_budget_of_nothing_is_refused() -> None:
    with pytest.raises(ValueError, match="minutes per day"):
        plan_for(MIXED, minutes=0)


def test_one_day_left_introduces_cards_today_within_the_budget() -> None:
    plan = plan_for(MIXED, days=1, minutes=20)
    assert plan.days_left == 1
    assert [f.day for f in plan.forecast] == [TODAY]
    assert plan.last_new_day == TODAY
    assert plan.new_per_day == len(plan.planned) > 0
    assert all(p.day == TODAY for p in plan.planned)
    assert plan.forecast[0].minutes <= 20 + 1e-6
    # tomorrow is the interview: every card learned today is due then, as a refresh
    assert plan.interview_day_due == len(plan.planned)


@pytest.mark.parametrize(("days", "minutes"), [(1, 5), (3, 20), (10, 12), (30, 20), (45, 60)])
def test_planned_and_left_out_are_exactly_the_unseen_cards(days: int, minutes: float) -> None:
    plan = plan_for(MIXED, days=days, minutes=minutes)
    planned = [p.card_id for p in plan.planned]
    left = [o.card_id for o in plan.left_out]
    assert len(planned) + len(left) == plan.unseen == len(MIXED)
    assert sorted(planned + left) == sorted(c.card_id for c in MIXED)
    document = plan.to_json()
    assert document["planned"] + document["left_out"] == document["unseen"]  # type: ignore[operator]


@pytest.mark.parametrize(("days", "minutes"), [(2, 10), (9, 15), (21, 20), (40, 30)])
def test_every_day_fits_the_budget(days: int, minutes: float) -> None:
    plan = plan_for(MIXED, days=days, minutes=minutes)
    assert len(plan.forecast) == days
    assert all(f.minutes <= minutes + 1e-6 for f in plan.forecast)
    assert plan.over_budget() == ()
    assert sum(f.new for f in plan.forecast) == len(plan.planned)


def test_a_small_budget_plans_long_cards_of_the_weakest_competencies_first() -> None:
    plan = plan_for(MIXED, days=12, minutes=8)
    planned_long = [p for p in plan.planned if p.type.long_answer]
    left_long = [o for o in plan.left_out if o.type.long_answer]
    assert planned_long
    assert left_long
    rank = {comp: i for i, comp in enumerate(WEAK_FIRST)}

    def importance(card_id: str, competency: str) -> tuple[int, int]:
        return int(card_id.rsplit("-", 1)[1]), rank[competency]

    for dim in set(DIMENSION_OF.values()):
        kept = [
            importance(p.card_id, p.competency)
            for p in planned_long
            if DIMENSION_OF[p.competency] == dim
        ]
        dropped = [
            importance(o.card_id, o.competency)
            for o in left_long
            if DIMENSION_OF[o.competency] == dim
        ]
        if kept and dropped:
            assert max(kept) < min(dropped), dim
    # the weakest competency's first question is among the very first cards introduced
    assert "org-a/question-0" in plan.planned_on(TODAY)


def test_question_cards_come_before_basic_cards() -> None:
    # with every card costing the same, only the order decides what fits
    same = dict.fromkeys(CardType, 1.0)
    plan = plan_for(
        MIXED,
        days=12,
        minutes=6,
        minutes_per_card=same,
        first_day_answers=dict.fromkeys(CardType, 1),
    )
    assert any(o.type.long_answer for o in plan.left_out)
    assert all(p.type.long_answer for p in plan.planned)
    roomy = plan_for(
        MIXED,
        days=12,
        minutes=12,
        minutes_per_card=same,
        first_day_answers=dict.fromkeys(CardType, 1),
    )
    assert not any(o.type.long_answer for o in roomy.left_out)
    assert any(not p.type.long_answer for p in roomy.planned)


def test_left_out_cards_are_named_with_the_budget_and_the_date() -> None:
    plan = plan_for(MIXED, days=12, minutes=8)
    assert plan.left_out
    assert {o.reason for o in plan.left_out} == {"no room in a 8-minute day before 2030-03-16"}
    cards = plan.to_json()["left_out_cards"]
    assert isinstance(cards, list)
    names = [c["id"] for c in cards]
    assert names == [o.card_id for o in plan.left_out]


def test_a_card_longer_than_the_whole_day_says_so() -> None:
    plan = plan_for(deck({"org-a": [CardType.REFRAME]}), days=10, minutes=4)
    assert plan.planned == ()
    assert "more than a 4-minute day" in plan.left_out[0].reason


def test_dimensions_stay_in_proportion_week_by_week() -> None:
    sizes = {
        "org-a": 20,
        "org-b": 20,
        "comm-a": 10,
        "comm-b": 10,
        "tech-a": 10,
        "tech-b": 10,
        "exec-a": 10,
        "exec-b": 10,
    }
    cards = deck({comp: [CardType.QUESTION] * n for comp, n in sizes.items()})
    plan = plan_for(cards, days=42, minutes=25)
    weeks: dict[int, Counter[str]] = {}
    for p in plan.planned:
        weeks.setdefault((p.day - TODAY).days // 7, Counter())[DIMENSION_OF[p.competency]] += 1
    busy = [w for w in weeks.values() if sum(w.values()) >= 10]
    assert busy
    for week in busy:
        share = week["organizational leadership"] / sum(week.values())
        # organizational leadership has 40 of the 100 cards
        assert 0.3 <= share <= 0.5, week
        assert min(week[d] for d in set(DIMENSION_OF.values())) >= 1, week


def test_the_dimension_furthest_behind_goes_first() -> None:
    cards = deck({comp: [CardType.QUESTION] * 5 for comp in DIMENSION_OF})
    reviewed = {"org-a": 5, "org-b": 5, "tech-a": 5, "tech-b": 5, "exec-a": 4, "exec-b": 4}
    plan = plan_for(cards, days=20, minutes=30, reviewed=reviewed)
    assert plan.behind_dimension == "communication"
    first = plan.planned_on(TODAY)
    assert [DIMENSION_OF[c.split("/")[0]] for c in first[:2]] == ["communication"] * 2


def test_behind_dimension_on_a_fresh_deck_is_the_weakest_competency_s() -> None:
    assert plan_for(MIXED).behind_dimension == "organizational leadership"


def test_new_cards_come_a_week_before_the_interview_when_days_allow() -> None:
    plan = plan_for(MIXED, days=30, minutes=60)
    assert plan.last_new_day == TODAY + timedelta(days=30 - LEARNING_WINDOW_DAYS)
    assert all(plan.interview - p.day >= timedelta(days=7) for p in plan.planned)


@pytest.mark.parametrize("days", [1, 2, 3, 5, 8, 12])
def test_with_few_days_new_cards_come_in_the_first_half(days: int) -> None:
    plan = plan_for(MIXED, days=days, minutes=60)
    for p in plan.planned:
        assert (p.day - TODAY).days < max(1, -(-days // 2)), p


def test_more_days_never_means_fewer_days_of_new_cards() -> None:
    spans = [last_new_index(days) for days in range(1, 60)]
    assert spans == sorted(spans)


def test_reviews_already_due_take_today_s_room_first() -> None:
    plan = plan_for(MIXED, days=10, minutes=20, review_load={TODAY: 40})
    assert plan.new_per_day == 0
    assert plan.forecast[0].due >= 40
    assert plan.over_budget()[0].day == TODAY


def test_work_done_today_counts_against_today() -> None:
    fresh = plan_for(MIXED, days=10, minutes=20)
    later = plan_for(MIXED, days=10, minutes=20, introduced_today=3, spent_minutes_today=15)
    assert later.new_per_day < fresh.new_per_day
    assert later.new_per_day >= 3
    assert later.forecast[0].minutes <= 20 + 1e-6


def test_capped_cards_land_in_the_final_window() -> None:
    plan = plan_for([], days=20, minutes=60, capped=70, final_window_days=7)
    window = plan.forecast[-7:]
    assert sum(f.due for f in window) == 70
    assert all(f.due == 0 for f in plan.forecast[:-7])
    assert plan.interview_day_due == 70


def test_user_answer_times_change_what_fits() -> None:
    slow = dict(DEFAULT_MINUTES_PER_CARD) | {CardType.QUESTION: 6.0}
    quick = plan_for(MIXED, days=12, minutes=15)
    careful = plan_for(MIXED, days=12, minutes=15, minutes_per_card=slow)
    assert sum(p.type is CardType.QUESTION for p in careful.planned) < sum(
        p.type is CardType.QUESTION for p in quick.planned
    )


def test_json_has_the_documented_keys() -> None:
    document = plan_for(MIXED, days=5).to_json()
    for key in (
        "interview",
        "days_left",
        "minutes_per_day",
        "unseen",
        "planned",
        "left_out",
        "new_per_day",
        "forecast",
    ):
        assert key in document
    assert document["interview"] == "2030-03-09"
    forecast = document["forecast"]
    assert isinstance(forecast, list)
    assert [f["date"] for f in forecast] == [
        (TODAY + timedelta(days=d)).isoformat() for d in range(5)
    ]
    assert {"date", "due", "new", "minutes"} <= set(forecast[0])
