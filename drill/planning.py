"""An interview plan over a store: set it, show it, end it; the due-date cap; today's new cards.

What is stored (meta keys): ``plan`` — the plan's inputs as JSON (interview date, minutes a
day, the final window chosen when it was set); ``plan.cap_at`` — the moment the interview
day begins (UTC ISO), after which no reviewed card may fall due while the plan is active;
``plan.cap_spread_days`` — the final window, for the scheduler's spreading; ``plan.moved`` —
the due dates the cap changed, so ending the plan puts back those of cards not reviewed
since. The plan itself is recomputed from the store on every call, so it follows progress.
A plan ends by itself when its interview day begins: the meta keys go, moved cards get their
own due dates back, and normal scheduling resumes with nothing lost.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from drill.core.model import CardType
from drill.core.plan import (
    DEFAULT_MINUTES_PER_CARD,
    Plan,
    PlanCard,
    make_plan,
)
from drill.core.scheduling import day_start, local_day
from drill.metrics import weakest_ids
from drill.store import DueCard, Store, StoreError, iso, parse_iso

PLAN_KEY = "plan"
CAP_KEY = "plan.cap_at"
WINDOW_KEY = "plan.cap_spread_days"
MOVED_KEY = "plan.moved"
DEFAULT_MINUTES_PER_DAY = 20.0
MIN_MINUTES_PER_DAY = 1.0
MAX_MINUTES_PER_DAY = 600.0
PRIOR_ANSWERS = 5
"""Answer times blend the defaults in as if they were this many answers, so two slow
answers do not halve the plan."""
_FAR_FUTURE = timedelta(days=365 * 200)
_MIN_MINUTES_PER_ANSWER = 0.1
_MAX_MINUTES_PER_ANSWER = 30.0


@dataclass(frozen=True)
class StoredPlan:
    """What ``drill plan --interview`` stores: the inputs the plan is recomputed from."""

    interview: date
    minutes_per_day: float
    final_window_days: int
    """Days before the interview into which capped cards are brought back."""
    set_at: datetime

    def to_json(self) -> str:
        """JSON text for the ``plan`` meta key."""
        return json.dumps(
            {
                "interview": self.interview.isoformat(),
                "minutes_per_day": self.minutes_per_day,
                "final_window_days": self.final_window_days,
                "set_at": iso(self.set_at),
            }
        )

    @classmethod
    def from_json(cls, text: str) -> StoredPlan:
        """The stored plan, or StoreError when the text is damaged."""
        try:
            raw = json.loads(text)
            return cls(
                interview=date.fromisoformat(raw["interview"]),
                minutes_per_day=float(raw["minutes_per_day"]),
                final_window_days=max(1, int(raw["final_window_days"])),
                set_at=parse_iso(raw["set_at"]),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise StoreError(
                f"the stored interview plan is damaged ({exc}); end it with 'drill plan --clear'"
            ) from None


def stored_plan(store: Store) -> StoredPlan | None:
    """The plan's stored inputs, or None when no plan is set."""
    raw = store.meta(PLAN_KEY)
    return StoredPlan.from_json(raw) if raw else None


def cap_moment(interview: date, *, rollover_hour: int, tz: tzinfo | None = None) -> datetime:
    """When the interview day begins (UTC): while a plan is active nothing falls due later."""
    return _start_of(interview, rollover_hour=rollover_hour, tz=tz)


def set_plan(
    store: Store,
    interview: date,
    minutes: float = DEFAULT_MINUTES_PER_DAY,
    now: datetime | None = None,
    *,
    tz: tzinfo | None = None,
) -> Plan:
    """Set (or replace) the plan toward ``interview`` and cap due dates; return the plan.

    The final window is chosen here and kept, so the scheduler and the plan agree on it
    until the plan is set again. Raises ValueError for a date that is not in the future or
    a budget out of range; nothing is written then.
    """
    now = now or _utc_now()
    if not MIN_MINUTES_PER_DAY <= minutes <= MAX_MINUTES_PER_DAY:
        raise ValueError(
            f"minutes per day must be {MIN_MINUTES_PER_DAY:g} to {MAX_MINUTES_PER_DAY:g}, "
            f"got {minutes:g}"
        )
    rollover = store.settings().rollover_hour
    restored = _restorable(store)
    cards = _reviewed_cards(store, now, restored)
    plan = _compute(store, now, interview, minutes, None, tz, cards)
    stored = StoredPlan(interview, float(minutes), plan.final_window_days, now)
    cap = cap_moment(interview, rollover_hour=rollover, tz=tz)
    moves = _cap_moves(cards, plan, cap, rollover_hour=rollover, tz=tz)
    record = {cid: [iso(old), iso(new)] for cid, (old, new) in moves.items()}
    store.reschedule(
        {**restored, **{cid: new for cid, (_old, new) in moves.items()}},
        meta={
            PLAN_KEY: stored.to_json(),
            CAP_KEY: iso(cap),
            WINDOW_KEY: str(plan.final_window_days),
            MOVED_KEY: json.dumps(record),
        },
    )
    result = current_plan(store, now, tz=tz)
    assert result is not None  # just stored, and the date is in the future
    return result


def current_plan(
    store: Store, now: datetime | None = None, *, tz: tzinfo | None = None
) -> Plan | None:
    """The active plan recomputed from the store now, or None without one.

    A plan whose interview day has begun ends here (see :func:`clear_plan`).
    """
    now = now or _utc_now()
    stored = stored_plan(store)
    if stored is None:
        return None
    today = local_day(now, rollover_hour=store.settings().rollover_hour, tz=tz)
    if today >= stored.interview:
        clear_plan(store)
        return None
    cards = _reviewed_cards(store, now, {})
    return _compute(
        store, now, stored.interview, stored.minutes_per_day, stored.final_window_days, tz, cards
    )


def clear_plan(store: Store) -> bool:
    """End the plan: cards the cap moved and not reviewed since get their own due dates back.

    Returns whether a plan was set. One transaction.
    """
    had_plan = store.meta(PLAN_KEY) is not None
    restored = _restorable(store)
    store.reschedule(
        restored, meta={PLAN_KEY: None, CAP_KEY: None, WINDOW_KEY: None, MOVED_KEY: None}
    )
    return had_plan


def apply_caps(
    store: Store, plan: Plan, *, now: datetime | None = None, tz: tzinfo | None = None
) -> int:
    """Bring every reviewed card due after the interview day back into the final window.

    Cards go to the day of the window with the least work first (by minutes), so no day is
    overloaded; one transaction. Returns how many cards moved. :func:`set_plan` does this
    already; call it again after something adds reviewed cards (an imported history).
    """
    now = now or _utc_now()
    rollover = store.settings().rollover_hour
    cap = cap_moment(plan.interview, rollover_hour=rollover, tz=tz)
    cards = _reviewed_cards(store, now, {})
    moves = _cap_moves(cards, plan, cap, rollover_hour=rollover, tz=tz)
    if not moves:
        return 0
    record = _moved_record(store)
    for cid, (old, new) in moves.items():
        earlier = record.get(cid)
        # a card the cap moved before and nothing touched since keeps its first own due
        own = earlier[0] if earlier and earlier[1] == iso(old) else iso(old)
        record[cid] = [own, iso(new)]
    store.reschedule(
        {cid: new for cid, (_old, new) in moves.items()},
        meta={MOVED_KEY: json.dumps(record)},
    )
    return len(moves)


def new_allowance(
    store: Store, now: datetime | None = None, *, tz: tzinfo | None = None
) -> int | None:
    """Today's new-card limit while a plan is active (None: use the setting).

    Like ``Settings.new_per_day`` it counts the whole day, cards already introduced today
    included, so a session's allowance stays ``max(0, limit - introduced today)``.
    """
    plan = current_plan(store, now, tz=tz)
    return None if plan is None else plan.new_per_day


def minutes_per_card(store: Store) -> dict[CardType, float]:
    """Minutes per answer by card type: the user's mean answer times, blended with defaults."""
    durations = store.answer_durations()
    out: dict[CardType, float] = {}
    for card_type, default in DEFAULT_MINUTES_PER_CARD.items():
        count, total_ms = durations.get(card_type.value, (0, 0))
        blended = (total_ms / 60_000 + PRIOR_ANSWERS * default) / (count + PRIOR_ANSWERS)
        out[card_type] = min(_MAX_MINUTES_PER_ANSWER, max(_MIN_MINUTES_PER_ANSWER, blended))
    return out


def _compute(
    store: Store,
    now: datetime,
    interview: date,
    minutes: float,
    window: int | None,
    tz: tzinfo | None,
    cards: list[DueCard],
) -> Plan:
    settings = store.settings()
    rollover = settings.rollover_hour
    today = local_day(now, rollover_hour=rollover, tz=tz)
    cap = cap_moment(interview, rollover_hour=rollover, tz=tz) if interview > today else None
    costs = minutes_per_card(store)
    load: dict[date, int] = {}
    capped = 0
    for card in cards:
        if cap is not None and card.due_at > cap:
            capped += 1
            continue
        day = max(today, local_day(card.due_at, rollover_hour=rollover, tz=tz))
        load[day] = load.get(day, 0) + 1
    per_review = sum(costs[c.type] for c in cards) / len(cards) if cards else None
    since = day_start(now, rollover_hour=rollover, tz=tz)
    unseen = [
        PlanCard(c.card_id, c.competency, c.type)
        for c in store.new_cards(now, per_competency=1_000_000)
    ]
    reviewed = {comp: seen for comp, (_total, seen) in store.card_counts().items()}
    steps = len(settings.short_learning_steps_min)
    long_steps = len(settings.long_learning_steps_min)
    return make_plan(
        today=today,
        interview=interview,
        minutes_per_day=minutes,
        unseen=unseen,
        minutes_per_card=costs,
        review_load=load,
        capped=capped,
        weakness_rank=weakest_ids(store, now, tz=tz),
        dimension_of={c.id: c.dimension for c in store.competencies().values()},
        reviewed=reviewed,
        minutes_per_review=per_review,
        final_window_days=window,
        first_day_answers={t: 1 + (long_steps if t.long_answer else steps) for t in CardType},
        introduced_today=store.introduced_since(since),
        spent_minutes_today=_spent_minutes(store, since, costs),
    )


def _reviewed_cards(
    store: Store, now: datetime, due_override: Mapping[str, datetime]
) -> list[DueCard]:
    """Every active reviewed card, with ``due_override`` applied (dues about to be restored)."""
    cards = store.due_cards(now, now + _FAR_FUTURE)
    if not due_override:
        return cards
    return [
        DueCard(
            c.card_id,
            c.competency,
            c.type,
            c.stability,
            c.last_review_at,
            due_override.get(c.card_id, c.due_at),
        )
        for c in cards
    ]


def _cap_moves(
    cards: Iterable[DueCard],
    plan: Plan,
    cap: datetime,
    *,
    rollover_hour: int,
    tz: tzinfo | None,
) -> dict[str, tuple[datetime, datetime]]:
    """card id -> (due now, new due) for cards due after ``cap``, least-loaded day first."""
    first = max(plan.today, plan.interview - timedelta(days=plan.final_window_days))
    days = [first + timedelta(days=k) for k in range((plan.interview - first).days)]
    if not days:
        days = [plan.today]
    minutes = plan.minutes_per_card
    load = dict.fromkeys(days, 0.0)
    late: list[DueCard] = []
    for card in cards:
        if card.due_at > cap:
            late.append(card)
            continue
        day = local_day(card.due_at, rollover_hour=rollover_hour, tz=tz)
        if day in load:
            load[day] += minutes.get(card.type, 1.0)
    moves: dict[str, tuple[datetime, datetime]] = {}
    # the soonest due first, and ties go to the later day, so each keeps as long an interval
    # as the window allows
    for card in sorted(late, key=lambda c: (c.due_at, c.card_id)):
        day = min(days, key=lambda d: (load[d], -d.toordinal()))
        load[day] += minutes.get(card.type, 1.0)
        moves[card.card_id] = (card.due_at, _start_of(day, rollover_hour=rollover_hour, tz=tz))
    return moves


def _moved_record(store: Store) -> dict[str, list[str]]:
    raw = store.meta(MOVED_KEY)
    if not raw:
        return {}
    try:
        record = json.loads(raw)
    except ValueError:
        return {}
    return (
        {
            str(k): [str(v[0]), str(v[1])]
            for k, v in record.items()
            if isinstance(v, list) and len(v) == 2
        }
        if isinstance(record, dict)
        else {}
    )


def _restorable(store: Store) -> dict[str, datetime]:
    """Cards the cap moved whose due date is still the one it set: their own due dates."""
    record = _moved_record(store)
    if not record:
        return {}
    states = store.states(list(record))
    out: dict[str, datetime] = {}
    for card_id, (old, new) in record.items():
        state = states.get(card_id)
        if state is not None and state.due_at == parse_iso(new):
            out[card_id] = parse_iso(old)
    return out


def _spent_minutes(store: Store, since: datetime, costs: Mapping[CardType, float]) -> float:
    """Minutes of reviews done since ``since`` (recorded durations, else estimates)."""
    todays = store.reviews_since(since)
    if not todays:
        return 0.0
    types = {cid: card.type for cid, card in store.cards([r.card_id for r in todays]).items()}
    return sum(
        r.duration_ms / 60_000 if r.duration_ms > 0 else costs[types.get(r.card_id, CardType.BASIC)]
        for r in todays
    )


def _start_of(day: date, *, rollover_hour: int, tz: tzinfo | None) -> datetime:
    """When local ``day`` begins, in UTC (found from the middle of that day, whatever DST does)."""
    middle = datetime.combine(day, time(0)) + timedelta(hours=rollover_hour + 12)
    local = middle.replace(tzinfo=tz) if tz is not None else middle.astimezone()
    return day_start(local.astimezone(UTC), rollover_hour=rollover_hour, tz=tz)


def _utc_now() -> datetime:
    return datetime.now(UTC)


def home_line(store: Store, now: datetime, *, tz: tzinfo | None = None) -> str:
    """One line for Home: countdown, today's planned minutes, on track or not, what lags."""
    if store.meta(PLAN_KEY) is None:
        return ""
    plan = current_plan(store, now, tz=tz)
    if plan is None:
        return "Your interview plan has ended; normal scheduling is back."
    today = plan.forecast[0] if plan.forecast else None
    minutes = round(today.minutes) if today else 0
    due_now = len(store.due_cards(now, now))
    planned_due = today.due if today else 0
    track = "on track" if due_now <= planned_due + 2 else f"behind: {due_now} reviews waiting"
    parts = [
        f"Interview in {plan.days_left} day{'s' if plan.days_left != 1 else ''} "
        f"({plan.interview.isoformat()})",
        f"today about {minutes} of {round(plan.minutes_per_day)} min",
        track,
    ]
    if plan.behind_dimension:
        parts.append(f"{plan.behind_dimension} is behind")
    if plan.left_out:
        parts.append(f"{len(plan.left_out)} cards left out (drill plan)")
    return " · ".join(parts)
