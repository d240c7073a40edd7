"""FSRS scheduling over py-fsrs, with the user's local day and a clock passed in.

All datetimes are timezone-aware UTC. A review time earlier than the card's last review
(a clock that went backwards) is treated as the last review time, so a card never moves
into the past. Fuzz is drill's own and deterministic (seeded by the card and its last
review), so the interval shown on a rating button is the interval the card gets.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta, tzinfo
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from drill.core.model import CardType, MemoryState, Rating, State

if TYPE_CHECKING:
    import fsrs

# py-fsrs is imported where a card is reviewed, not here: a session can start, and its
# first card be drawn, before any review is worked out (it loads in ~2 ms).

DEFAULT_PARAMETERS: tuple[float, ...] = (
    *(0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796),
    *(1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542),
)
"""py-fsrs's default parameters (FSRS-6); a test holds them equal to the library's."""
DEFAULT_ROLLOVER_HOUR = 4
_FUZZ_MIN_DAYS = 3


class SchedulerSettings(NamedTuple):
    """How cards are scheduled; persisted as user settings."""

    desired_retention: float = 0.9
    parameters: tuple[float, ...] = DEFAULT_PARAMETERS
    short_learning_steps_min: tuple[float, ...] = (1.0, 10.0)
    """Learning steps for basic and recognize cards, in minutes."""
    short_relearning_steps_min: tuple[float, ...] = (10.0,)
    long_learning_steps_min: tuple[float, ...] = ()
    """Question, reframe and story cards: none, so an Again comes back on a later day."""
    maximum_interval_days: int = 36500
    fuzz: bool = True
    cap_at: datetime | None = None
    """While an interview plan is active: nothing falls due after this moment."""
    cap_spread_days: int = 4
    """Cards capped at the interview are spread over this many final days."""


class Scheduler:
    """Reviews memory states; one instance per settings value."""

    def __init__(self, settings: SchedulerSettings | None = None) -> None:
        self.settings = settings or SchedulerSettings()
        s = self.settings
        self._decay = -s.parameters[20]
        self._factor = 0.9 ** (1 / self._decay) - 1
        self._previewed: dict[Rating, _Previewed] = {}
        """The outcomes of the last :meth:`preview`, for :meth:`review` to reuse."""

    @cached_property
    def _short(self) -> fsrs.Scheduler:
        """The engine for basic and recognize cards."""
        s = self.settings
        return _engine(s, s.short_learning_steps_min, s.short_relearning_steps_min)

    @cached_property
    def _long(self) -> fsrs.Scheduler:
        """The engine for question, reframe and story cards."""
        s = self.settings
        return _engine(s, s.long_learning_steps_min, s.long_learning_steps_min)

    def review(
        self,
        state: MemoryState | None,
        *,
        card_id: str,
        card_type: CardType,
        rating: Rating,
        now: datetime,
    ) -> MemoryState:
        """The memory state after rating the card at ``now`` (``state`` is not changed).

        When the last :meth:`preview` worked this rating out for the same card and state,
        its outcome is moved to ``now`` instead of being worked out again
        (:meth:`_Previewed.moved`).
        """
        _require_utc(now)
        previewed = self._previewed.get(rating)
        if previewed is not None:
            moved = previewed.moved(state, card_id, card_type, now)
            if moved is not None:
                return moved
        return self._review(state, card_id, card_type, rating, _clamped(state, now))

    def _review(
        self,
        state: MemoryState | None,
        card_id: str,
        card_type: CardType,
        rating: Rating,
        now: datetime,
    ) -> MemoryState:
        import fsrs

        engine = self._long if card_type.long_answer else self._short
        before = _to_fsrs(state, now)
        after, _log = engine.review_card(before, fsrs.Rating(int(rating)), now)
        due_at = self._adjust_due(card_id, after, now, state.last_review_at if state else None)
        reps = (state.reps if state else 0) + 1
        lapsed = rating is Rating.AGAIN and state is not None and state.state is State.REVIEW
        lapses = (state.lapses if state else 0) + int(lapsed)
        return MemoryState(
            card_id=card_id,
            state=State(int(after.state)),
            stability=after.stability,
            difficulty=after.difficulty,
            due_at=due_at,
            last_review_at=now,
            step=after.step,
            reps=reps,
            lapses=lapses,
        )

    def preview(
        self, state: MemoryState | None, *, card_id: str, card_type: CardType, now: datetime
    ) -> dict[Rating, timedelta]:
        """The interval each rating would give, for the rating buttons.

        The four outcomes are kept: the rating that follows usually reuses one of them.
        """
        _require_utc(now)
        now = _clamped(state, now)
        outcomes = {
            rating: self._review(state, card_id, card_type, rating, now) for rating in Rating
        }
        if self.settings.cap_at is None:  # near an interview date the cap depends on the clock
            self._previewed = {
                rating: _Previewed(state, card_id, card_type, now, after)
                for rating, after in outcomes.items()
            }
        return {rating: after.due_at - now for rating, after in outcomes.items()}

    def retrievability(self, state: MemoryState, now: datetime) -> float:
        """The probability of recalling the card at ``now`` (0 for a new card)."""
        if state.last_review_at is None or not state.stability:
            return 0.0
        elapsed_days = max(0.0, (now - state.last_review_at).total_seconds() / 86400)
        return retrievability(state.stability, elapsed_days, decay=self._decay, factor=self._factor)

    def _adjust_due(
        self, card_id: str, after: fsrs.Card, now: datetime, previous: datetime | None
    ) -> datetime:
        import fsrs

        due: datetime = after.due
        interval = due - now
        if (
            self.settings.fuzz
            and after.state == fsrs.State.Review
            and interval.days >= _FUZZ_MIN_DAYS
        ):
            spread = max(1, round(interval.days * 0.05))
            due += timedelta(days=_seed(card_id, previous) % (2 * spread + 1) - spread)
        cap = self.settings.cap_at
        if cap is not None and due > cap > now:
            window = max(1, self.settings.cap_spread_days)
            if cap - now <= timedelta(days=window):
                due = cap  # reviewed in the final window: due again on the interview morning
            else:  # one review in the window, spread
                due = cap - timedelta(days=1 + _seed(card_id, previous) % window)
        return max(due, now)


def _seed(card_id: str, previous: datetime | None) -> int:
    """A card's fuzz and spread seed. It is taken from the review before this one, not from
    the clock, so the interval a rating button shows at reveal is the interval the card gets
    when rated moments later."""
    import hashlib  # here, not at the top: hashlib loads OpenSSL, and first card needs neither

    stamp = previous.isoformat() if previous else "new"
    return int.from_bytes(
        hashlib.blake2b(f"{card_id}@{stamp}".encode(), digest_size=4).digest(), "big"
    )


def retrievability(stability: float, elapsed_days: float, *, decay: float, factor: float) -> float:
    """FSRS forgetting curve: recall probability after ``elapsed_days`` at ``stability``."""
    return float((1 + factor * elapsed_days / stability) ** decay)


def curve_constants(parameters: tuple[float, ...] = DEFAULT_PARAMETERS) -> tuple[float, float]:
    """(decay, factor) of the forgetting curve for these parameters."""
    decay = -parameters[20]
    return decay, 0.9 ** (1 / decay) - 1


def _engine(
    s: SchedulerSettings, learning: tuple[float, ...], relearning: tuple[float, ...]
) -> fsrs.Scheduler:
    import fsrs

    return fsrs.Scheduler(
        parameters=s.parameters,
        desired_retention=s.desired_retention,
        learning_steps=tuple(timedelta(minutes=m) for m in learning),
        relearning_steps=tuple(timedelta(minutes=m) for m in relearning),
        maximum_interval=s.maximum_interval_days,
        enable_fuzzing=False,
    )


class _Previewed(NamedTuple):
    """One rating's outcome as :meth:`Scheduler.preview` worked it out."""

    before: MemoryState | None
    card_id: str
    card_type: CardType
    at: datetime
    after: MemoryState

    def moved(
        self, before: MemoryState | None, card_id: str, card_type: CardType, now: datetime
    ) -> MemoryState | None:
        """This outcome for a rating at ``now`` instead, or None when it may differ.

        py-fsrs reads the review time only as whole days since the last review, and puts
        the due date at the review time plus the interval; drill's fuzz is seeded by the
        previous review. So, for the same card and state, a rating later on the same whole
        day since the last review gives the same state with every time moved by as much.
        A test holds this against working each outcome out afresh.
        """
        if (
            now < self.at
            or card_id != self.card_id
            or card_type is not self.card_type
            or before != self.before
        ):
            return None
        last = before.last_review_at if before is not None else None
        if last is not None and (now - last).days != (self.at - last).days:
            return None
        shift = now - self.at
        return self.after._replace(due_at=self.after.due_at + shift, last_review_at=now)


def _to_fsrs(state: MemoryState | None, now: datetime) -> fsrs.Card:
    import fsrs

    if state is None or state.last_review_at is None:
        return fsrs.Card(card_id=0, due=now)
    return fsrs.Card(
        card_id=0,
        state=fsrs.State(int(state.state) if state.state is not State.NEW else 1),
        step=state.step,
        stability=state.stability,
        difficulty=state.difficulty,
        due=state.due_at,
        last_review=state.last_review_at,
    )


def _clamped(state: MemoryState | None, now: datetime) -> datetime:
    """``now``, or the card's last review when the clock reads earlier (see the module doc)."""
    if state is not None and state.last_review_at is not None and now < state.last_review_at:
        return state.last_review_at
    return now


def _require_utc(moment: datetime) -> None:
    if moment.tzinfo is None or moment.utcoffset() != timedelta(0):
        raise ValueError(f"expected a UTC datetime, got {moment!r}")


def day_start(
    now: datetime, *, rollover_hour: int = DEFAULT_ROLLOVER_HOUR, tz: tzinfo | None = None
) -> datetime:
    """When the user's current day began, in UTC (days start at ``rollover_hour`` local time)."""
    return _at_local(local_day(now, rollover_hour=rollover_hour, tz=tz), rollover_hour, tz)


def next_day_start(
    now: datetime, *, rollover_hour: int = DEFAULT_ROLLOVER_HOUR, tz: tzinfo | None = None
) -> datetime:
    """When the user's next day begins, in UTC."""
    today = local_day(now, rollover_hour=rollover_hour, tz=tz)
    return _at_local(today + timedelta(days=1), rollover_hour, tz)


def local_day(
    now: datetime, *, rollover_hour: int = DEFAULT_ROLLOVER_HOUR, tz: tzinfo | None = None
) -> date:
    """The user's calendar day at ``now``: before the rollover hour it is still yesterday."""
    local = now.astimezone(tz)
    return (local.replace(tzinfo=None) - timedelta(hours=rollover_hour)).date()


def _at_local(day: date, hour: int, tz: tzinfo | None) -> datetime:
    naive = datetime.combine(day, time(hour))
    local = naive.replace(tzinfo=tz) if tz is not None else naive.astimezone()
    return local.astimezone(UTC)


def format_interval(interval: timedelta) -> str:
    """A short human interval: ``10m``, ``5h``, ``4d``, ``3mo``, ``1.2y``."""
    seconds = interval.total_seconds()
    if seconds < 3600:
        return f"{max(1, round(seconds / 60))}m"
    if seconds < 86400:
        return f"{round(seconds / 3600)}h"
    days = seconds / 86400
    if days < 30:
        return f"{round(days)}d"
    if days < 365:
        return f"{round(days / 30)}mo"
    return f"{days / 365:.1f}y"
