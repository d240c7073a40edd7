"""Pacing toward an interview: which unseen cards to introduce, on which day, within a budget.

The plan is arithmetic over estimates, recomputed from the store every time it is shown, so
it follows the user's real progress. The model, with its documented numbers:

- **Days.** Day 0 is today; the interview day is day ``days_left``. New cards are introduced
  at least :data:`LEARNING_WINDOW_DAYS` (7) days before the interview when that leaves time
  to introduce them; with fewer days the introductions take the first half of the days
  instead (whichever allows more days: 8 days left still gives 4 days of new cards, not 1).
  The budget covers every day before the interview; what falls due on the interview day
  itself is a morning refresh, reported apart (``interview_day_due``).
- **Cost of a card.** Minutes per answer by card type: the user's own mean answer times when
  there is history, else :data:`DEFAULT_MINUTES_PER_CARD` — question 3, reframe 5, story 3,
  recognize 0.5, basic 0.5. Basic and recognize cards are answered three times on their first
  day (the 1- and 10-minute learning steps).
- **Reviews a new card brings.** Its reviews follow :data:`GOOD_INTERVALS_DAYS` (2, 11, 46,
  163 days: what FSRS gives a card answered Good every time, default parameters) until the
  next one would fall after the interview. The interview cap then brings it back: into the
  final window (the last ``final_window_days`` days before the interview, 4 to 7, chosen so
  the most cards fit; spread evenly) when it was last reviewed before that window, and onto
  the interview day itself when it was last reviewed inside it. For most plans that is about
  two reviews after the first answer. Every card is due again on the interview day: that is
  what "nothing falls due after the interview day" means for a card reviewed the day before.
- **Reviews already scheduled** cost their minutes on their day, and each brings one more in
  the same way (as if its next interval went past the interview).
- **Budget.** A card is placed on the earliest introduction day on which its first answer
  and every review it brings fit each day's budget; a card that fits no day is left out,
  with the reason.
- **Order.** Question, reframe and story cards before basic and recognize; among them the
  dimension furthest behind (the lowest share of its cards seen, counting the cards planned
  so far) goes next, which keeps the four dimensions in proportion week by week; within a
  dimension, competencies take turns, weakest first in every round.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from types import MappingProxyType

from drill.core.model import CardType

LEARNING_WINDOW_DAYS = 7
FIRST_REVIEW_GAP_DAYS = 2
FINAL_WINDOW_DAYS = 4
"""Matches ``SchedulerSettings.cap_spread_days``: capped cards land in these last days."""
GOOD_INTERVALS_DAYS: tuple[int, ...] = (2, 11, 46, 163)
"""Days between reviews of a card answered Good every time (FSRS defaults); then x3."""
WINDOW_CHOICES_DAYS: tuple[int, ...] = (4, 5, 6, 7)
"""Final windows tried when the plan chooses one."""
SHORT_FIRST_DAY_ANSWERS = 3
"""A basic or recognize card is answered three times on its first day (learning steps)."""
DEFAULT_MINUTES_PER_CARD: Mapping[CardType, float] = MappingProxyType(
    {
        CardType.QUESTION: 3.0,
        CardType.REFRAME: 5.0,
        CardType.STORY: 3.0,
        CardType.RECOGNIZE: 0.5,
        CardType.BASIC: 0.5,
    }
)
"""Minutes per answer before the user has history of their own."""
_EPSILON = 1e-9


@dataclass(frozen=True)
class PlanCard:
    """A card never reviewed, as the plan sees it."""

    card_id: str
    competency: str
    type: CardType


@dataclass(frozen=True)
class PlannedCard:
    """An unseen card the plan introduces, and when."""

    card_id: str
    competency: str
    type: CardType
    day: date
    """The day it is introduced."""


@dataclass(frozen=True)
class LeftOut:
    """An unseen card the plan has no room for, and why."""

    card_id: str
    competency: str
    type: CardType
    reason: str


@dataclass(frozen=True)
class ForecastDay:
    """Expected work on one day of the plan."""

    day: date
    due: int
    """Reviews expected (already scheduled ones plus those of the cards planned)."""
    new: int
    """Cards introduced that day (today: those already introduced plus those still to come)."""
    minutes: float
    """Estimated minutes of work that day."""

    def to_json(self) -> dict[str, object]:
        """``{"date", "due", "new", "minutes"}``."""
        return {
            "date": self.day.isoformat(),
            "due": self.due,
            "new": self.new,
            "minutes": round(self.minutes, 1),
        }


@dataclass(frozen=True)
class Plan:
    """A plan toward an interview date (see the module docstring for the model)."""

    today: date
    interview: date
    days_left: int
    """Days from today to the interview day (1 when the interview is tomorrow)."""
    minutes_per_day: float
    unseen: int
    """Cards never reviewed; ``len(planned) + len(left_out) == unseen``."""
    planned: tuple[PlannedCard, ...]
    """In the order they are introduced."""
    left_out: tuple[LeftOut, ...]
    forecast: tuple[ForecastDay, ...]
    """Every day from today to the day before the interview."""
    interview_day_due: int
    """Reviews expected on the interview day itself (a refresh, outside the budget)."""
    behind_dimension: str | None
    """The dimension with the lowest share of its cards seen (None without cards)."""
    last_new_day: date
    """The last day on which new cards are introduced."""
    final_window_days: int
    """The last days before the interview into which capped cards are brought back."""
    minutes_per_card: Mapping[CardType, float]

    @property
    def new_per_day(self) -> int:
        """New cards for today (those already introduced today count)."""
        return self.forecast[0].new if self.forecast else 0

    def planned_on(self, day: date) -> tuple[str, ...]:
        """Ids of the cards planned for ``day``, most important first."""
        return tuple(p.card_id for p in self.planned if p.day == day)

    def over_budget(self) -> tuple[ForecastDay, ...]:
        """Days whose expected work exceeds the budget (reviews already scheduled can)."""
        return tuple(f for f in self.forecast if f.minutes > self.minutes_per_day + 0.05)

    def to_json(self) -> dict[str, object]:
        """The JSON document of ``drill plan --json``.

        ``unseen``, ``planned`` and ``left_out`` are counts (``planned + left_out ==
        unseen``); ``planned_cards`` and ``left_out_cards`` name the cards.
        """
        return {
            "interview": self.interview.isoformat(),
            "today": self.today.isoformat(),
            "days_left": self.days_left,
            "minutes_per_day": self.minutes_per_day,
            "unseen": self.unseen,
            "planned": len(self.planned),
            "left_out": len(self.left_out),
            "new_per_day": self.new_per_day,
            "last_new_day": self.last_new_day.isoformat(),
            "final_window_days": self.final_window_days,
            "interview_day_due": self.interview_day_due,
            "behind_dimension": self.behind_dimension,
            "minutes_per_card": {t.value: round(m, 2) for t, m in self.minutes_per_card.items()},
            "forecast": [f.to_json() for f in self.forecast],
            "planned_cards": [
                {
                    "id": p.card_id,
                    "competency": p.competency,
                    "type": p.type.value,
                    "date": p.day.isoformat(),
                }
                for p in self.planned
            ],
            "left_out_cards": [
                {
                    "id": o.card_id,
                    "competency": o.competency,
                    "type": o.type.value,
                    "reason": o.reason,
                }
                for o in self.left_out
            ],
        }


def last_new_index(days_left: int) -> int:
    """The last day (0 = today) on which new cards are introduced."""
    window = days_left - LEARNING_WINDOW_DAYS
    first_half = math.ceil(days_left / 2) - 1
    return max(0, window, first_half)


def make_plan(
    *,
    today: date,
    interview: date,
    minutes_per_day: float,
    unseen: Sequence[PlanCard],
    minutes_per_card: Mapping[CardType, float],
    review_load: Mapping[date, int],
    weakness_rank: Sequence[str],
    dimension_of: Mapping[str, str],
    capped: int = 0,
    reviewed: Mapping[str, int] | None = None,
    minutes_per_review: float | None = None,
    final_window_days: int | None = None,
    first_day_answers: Mapping[CardType, int] | None = None,
    introduced_today: int = 0,
    spent_minutes_today: float = 0.0,
) -> Plan:
    """Plan the unseen cards from ``today`` to ``interview`` within ``minutes_per_day``.

    ``final_window_days`` is how many days before the interview capped cards are brought
    back into; None tries :data:`WINDOW_CHOICES_DAYS` and keeps the plan that teaches the
    most long-answer cards, then the most cards, then the shortest window. A longer window
    spreads the reviews the interview cap brings back over more days, so more new cards fit
    a small budget; a shorter one keeps the last review closer to the day.

    ``review_load`` counts the reviews already scheduled per day (overdue ones on today);
    ``capped`` counts reviewed cards due after the interview, which the cap brings back;
    ``reviewed`` counts, per competency, the cards already seen; ``minutes_per_review`` is
    the mean cost of an already-scheduled review (default: the mean of the card costs).
    ``introduced_today`` and ``spent_minutes_today`` describe work already done today, so a
    plan recomputed in the afternoon does not hand out the morning's budget twice.
    Raises ValueError for an interview that is not in the future or a budget that is not
    positive.
    """
    if interview <= today:
        when = "today" if interview == today else "in the past"
        raise ValueError(
            f"the interview date {interview.isoformat()} is {when}; "
            f"give a date after {today.isoformat()}"
        )
    if not minutes_per_day > 0:
        raise ValueError(f"minutes per day must be more than 0, got {minutes_per_day:g}")
    if final_window_days is not None and final_window_days < 1:
        raise ValueError("the final window must be at least one day")
    inputs = _Inputs(
        today=today,
        interview=interview,
        minutes_per_day=minutes_per_day,
        unseen=tuple(unseen),
        ordered=tuple(_priority(unseen, weakness_rank, dimension_of, reviewed or {})),
        costs={t: float(minutes_per_card.get(t, DEFAULT_MINUTES_PER_CARD[t])) for t in CardType},
        answers=dict(first_day_answers or _default_first_day_answers()),
        review_load=review_load,
        capped=capped,
        minutes_per_review=minutes_per_review,
        introduced_today=introduced_today,
        spent_minutes_today=spent_minutes_today,
        behind=_behind(unseen, weakness_rank, dimension_of, reviewed or {}),
    )
    if final_window_days is None:
        return _choose_final_window(inputs)
    return _plan(inputs, final_window_days)


@dataclass(frozen=True)
class _Inputs:
    today: date
    interview: date
    minutes_per_day: float
    unseen: tuple[PlanCard, ...]
    ordered: tuple[PlanCard, ...]
    costs: dict[CardType, float]
    answers: dict[CardType, int]
    review_load: Mapping[date, int]
    capped: int
    minutes_per_review: float | None
    introduced_today: int
    spent_minutes_today: float
    behind: str | None


def _choose_final_window(inputs: _Inputs) -> Plan:
    """The plan whose final window teaches the most: most long-answer cards, then most
    cards, then the shortest window (the freshest on the day)."""
    days_left = (inputs.interview - inputs.today).days
    choices = sorted({min(w, days_left) for w in WINDOW_CHOICES_DAYS})
    plans = [_plan(inputs, w) for w in choices]
    return max(
        plans,
        key=lambda p: (
            sum(c.type.long_answer for c in p.planned),
            len(p.planned),
            -p.final_window_days,
        ),
    )


def _plan(inputs: _Inputs, final_window_days: int) -> Plan:
    today, interview = inputs.today, inputs.interview
    minutes_per_day = inputs.minutes_per_day
    costs, answers, review_load = inputs.costs, inputs.answers, inputs.review_load
    minutes_per_review = inputs.minutes_per_review
    calendar = _Calendar(
        days_left=(interview - today).days, window=min(final_window_days, (interview - today).days)
    )
    last_new = last_new_index(calendar.days_left)
    per_review = (
        minutes_per_review if minutes_per_review is not None else sum(costs.values()) / len(costs)
    )
    # index days_left is the interview day: tracked for information, never budgeted
    load = [0.0] * (calendar.days_left + 1)
    due = [0.0] * (calendar.days_left + 1)
    load[0] += inputs.spent_minutes_today
    for offset in range(calendar.days_left + 1):
        count = review_load.get(today + timedelta(days=offset), 0)
        if count:
            for day, reviews in [(offset, 1.0), *calendar.capped_after(offset)]:
                load[day] += count * reviews * per_review
                due[day] += count * reviews
    for day, reviews in calendar.capped_after(-1):
        load[day] += inputs.capped * reviews * per_review
        due[day] += inputs.capped * reviews
    new = [0] * (calendar.days_left + 1)
    new[0] = inputs.introduced_today
    planned: list[PlannedCard] = []
    left_out: list[LeftOut] = []
    for card in inputs.ordered:
        cost = costs[card.type]
        first_day = cost * answers.get(card.type, 1)
        for start in range(last_new + 1):
            work = [(start, first_day, 0.0)] + [
                (day, cost * reviews, reviews) for day, reviews in calendar.reviews_after(start)
            ]
            if all(
                load[d] + m <= minutes_per_day + _EPSILON
                for d, m, _n in work
                if d < calendar.days_left
            ):
                for d, m, n in work:
                    load[d] += m
                    due[d] += n
                new[start] += 1
                planned.append(
                    PlannedCard(
                        card.card_id, card.competency, card.type, today + timedelta(days=start)
                    )
                )
                break
        else:
            left_out.append(
                LeftOut(
                    card.card_id,
                    card.competency,
                    card.type,
                    _reason(first_day, minutes_per_day, interview),
                )
            )
    planned.sort(key=lambda p: p.day)
    forecast = tuple(
        ForecastDay(today + timedelta(days=d), round(due[d]), new[d], load[d])
        for d in range(calendar.days_left)
    )
    return Plan(
        today=today,
        interview=interview,
        days_left=calendar.days_left,
        minutes_per_day=minutes_per_day,
        unseen=len(inputs.unseen),
        planned=tuple(planned),
        left_out=tuple(left_out),
        forecast=forecast,
        interview_day_due=round(due[calendar.days_left]),
        behind_dimension=inputs.behind,
        last_new_day=today + timedelta(days=last_new),
        final_window_days=calendar.window,
        minutes_per_card=MappingProxyType(costs),
    )


def _default_first_day_answers() -> dict[CardType, int]:
    return {t: 1 if t.long_answer else SHORT_FIRST_DAY_ANSWERS for t in CardType}


@dataclass(frozen=True)
class _Calendar:
    """Where a card's reviews fall: day 0 is today, day ``days_left`` the interview day."""

    days_left: int
    window: int

    @property
    def window_start(self) -> int:
        return self.days_left - self.window

    def reviews_after(self, day: int) -> list[tuple[int, float]]:
        """(day, expected reviews) a card first answered on ``day`` then needs."""
        out: list[tuple[int, float]] = []
        gaps = iter(GOOD_INTERVALS_DAYS)
        last_gap = GOOD_INTERVALS_DAYS[-1]
        while True:
            gap = next(gaps, None) or last_gap * 3
            last_gap = gap
            if day + gap < self.days_left:
                day += gap
                out.append((day, 1.0))
                continue
            if day + gap == self.days_left:
                out.append((self.days_left, 1.0))
                return out
            return out + self.capped_after(day)

    def capped_after(self, day: int) -> list[tuple[int, float]]:
        """Reviews a card reviewed on ``day`` gets when its next due is past the interview."""
        if day >= self.days_left:
            return []
        if day >= self.window_start:
            return [(self.days_left, 1.0)]
        share = 1 / self.window
        return [(d, share) for d in range(self.window_start, self.days_left)] + [
            (self.days_left, 1.0)
        ]


def _reason(cost: float, minutes_per_day: float, interview: date) -> str:
    if cost > minutes_per_day:
        return (
            f"takes about {cost:g} minutes on its first day, more than a "
            f"{minutes_per_day:g}-minute day"
        )
    return f"no room in a {minutes_per_day:g}-minute day before {interview.isoformat()}"


def _priority(
    unseen: Sequence[PlanCard],
    weakness_rank: Sequence[str],
    dimension_of: Mapping[str, str],
    reviewed: Mapping[str, int],
) -> list[PlanCard]:
    """The unseen cards, most important first (see the module docstring)."""
    rank = {comp: i for i, comp in enumerate(weakness_rank)}
    turns: dict[tuple[str, int], int] = {}
    queues: dict[str, list[tuple[int, int, int, int, PlanCard]]] = {}
    for index, card in enumerate(unseen):
        group = 0 if card.type.long_answer else 1
        # the n-th card of each competency goes in round n, so competencies take turns
        turn = turns.get((card.competency, group), 0)
        turns[(card.competency, group)] = turn + 1
        queues.setdefault(dimension_of.get(card.competency, ""), []).append(
            (group, turn, rank.get(card.competency, len(rank)), index, card)
        )
    for queue in queues.values():
        queue.sort(key=lambda entry: entry[:4])
        queue.reverse()
    seen, total = _dimension_counts(unseen, dimension_of, reviewed)
    out: list[PlanCard] = []
    while queues:
        dim = min(
            queues,
            key=lambda d: (
                queues[d][-1][0],
                seen[d] / total[d] if total[d] else 1.0,
                queues[d][-1][2],
                d,
            ),
        )
        out.append(queues[dim].pop()[4])
        seen[dim] += 1
        if not queues[dim]:
            del queues[dim]
    return out


def _dimension_counts(
    unseen: Sequence[PlanCard], dimension_of: Mapping[str, str], reviewed: Mapping[str, int]
) -> tuple[dict[str, int], dict[str, int]]:
    """(cards seen, all cards) per dimension."""
    seen: dict[str, int] = {}
    total: dict[str, int] = {}
    for comp, count in reviewed.items():
        dim = dimension_of.get(comp, "")
        seen[dim] = seen.get(dim, 0) + count
        total[dim] = total.get(dim, 0) + count
    for card in unseen:
        dim = dimension_of.get(card.competency, "")
        seen.setdefault(dim, 0)
        total[dim] = total.get(dim, 0) + 1
    return seen, total


def _behind(
    unseen: Sequence[PlanCard],
    weakness_rank: Sequence[str],
    dimension_of: Mapping[str, str],
    reviewed: Mapping[str, int],
) -> str | None:
    seen, total = _dimension_counts(unseen, dimension_of, reviewed)
    rank = {comp: i for i, comp in enumerate(weakness_rank)}
    best: dict[str, int] = {}
    for comp, i in rank.items():
        dim = dimension_of.get(comp, "")
        best[dim] = min(best.get(dim, i), i)
    candidates = [d for d in total if total[d] and d]
    if not candidates:
        return None
    return min(candidates, key=lambda d: (seen[d] / total[d], best.get(d, len(rank)), d))
