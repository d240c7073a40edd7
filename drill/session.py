"""A review session over a store: the queue, the current card, ratings, undo, summary.

The TUI drives it; it never touches widgets. Each answer is committed to the store
before :meth:`ReviewSession.answer` returns, so the next card is only shown once the
previous rating is durable.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, tzinfo
from functools import cached_property
from typing import NamedTuple

from drill.core.model import Card, CardType, Competency, MemoryState, Rating, Review, State
from drill.core.queue import Candidate, Mode, QueueItem, build_queue
from drill.core.recognize import options_for
from drill.core.scheduling import Scheduler, next_day_start
from drill.metrics import competency_stats, remember_ranking, weakest_ids
from drill.store import CardFilter, DueCard, NewCard, Store, new_review_id


def utc_now() -> datetime:
    """The current time, timezone-aware UTC."""
    return datetime.now(UTC)


@dataclass(frozen=True)
class Step:
    """The card in front of the user, with everything the screen needs."""

    item: QueueItem
    card: Card
    state: MemoryState | None
    options: tuple[str, ...]
    position: int
    """1-based position in the session."""
    total: int
    preview: Callable[[], dict[Rating, timedelta]] = field(repr=False, compare=False)
    previous: Callable[[], str] = field(repr=False, compare=False)

    @cached_property
    def intervals(self) -> dict[Rating, timedelta]:
        """The interval each rating would give (worked out on first use, at reveal)."""
        return self.preview()

    @cached_property
    def previous_answer(self) -> str:
        """The user's last typed answer to this card, if any (read on first use)."""
        return self.previous()


class Outcome(NamedTuple):
    """A committed answer."""

    card_id: str
    competency: str
    mode: Mode
    rating: Rating
    quality: int | None
    row_id: int
    before: MemoryState | None = None
    """The card's state before a scheduled review (what an undo puts back)."""


class Summary(NamedTuple):
    """How the session went."""

    done: int
    """Answers given (reviews and practice)."""
    recalled: int
    """Scheduled reviews not rated Again."""
    quality_by_competency: dict[str, float]
    due_tomorrow: int
    weakest: str | None
    weakest_reason: str = ""

    reviewed: int = 0
    """Scheduled reviews among the answers (practice does not count toward recall)."""

    @property
    def recall(self) -> float | None:
        """Share of scheduled reviews not rated Again."""
        return self.recalled / self.reviewed if self.reviewed else None


@dataclass
class ReviewSession:
    """One session; build it with :meth:`start`."""

    store: Store
    scheduler: Scheduler
    queue: list[QueueItem]
    clock: Callable[[], datetime] = utc_now
    tz: tzinfo | None = None
    outcomes: list[Outcome] = field(default_factory=list)
    index: int = 0
    _cards: dict[str, Card] = field(default_factory=dict)
    _states: dict[str, MemoryState] = field(default_factory=dict)
    """The memory state of each queued card, read once at start and kept in step with each
    answer, so showing the next card costs no query."""

    @classmethod
    def start(
        cls,
        store: Store,
        *,
        clock: Callable[[], datetime] = utc_now,
        where: CardFilter = CardFilter(),
        limit: int | None = None,
        practice: bool = False,
        tz: tzinfo | None = None,
    ) -> ReviewSession:
        """A session of due and new cards (or only practice), by the policy in ``core.queue``."""
        now = clock()
        settings = store.settings()
        scheduler = Scheduler(settings.scheduler_settings(**plan_overrides(store, now)))
        size = limit or settings.session_size
        weakest = weakest_ids(store, now, tz=tz)
        day_end = next_day_start(now, rollover_hour=settings.rollover_hour, tz=tz)
        if practice:
            due: list[Candidate] = []
            allowance = 0
        else:
            due = [
                _candidate(c, scheduler, now)
                for c in store.due_cards(now, now, where, most_at_risk=size)
            ]
            allowance = new_allowance(store, now, day_end, tz)
        # Outside practice, due cards come first and new ones only fill the room they leave,
        # up to today's allowance: no competency can give more than that.
        wanted = size if practice else min(size - min(len(due), size), allowance)
        new = (
            [_new(c) for c in store.new_cards(now, per_competency=wanted, where=where)]
            if wanted > 0
            else []
        )
        pool: list[Candidate] = []
        if practice or len(due) + min(len(new), allowance) < size:
            pool = [
                _candidate(c, scheduler, now)
                for c in store.practice_candidates(now, limit=size * 4, where=where)
            ]
        if practice:
            pool += new
            new = []
        queue = build_queue(
            due=due, new=new, practice=pool, size=size, new_allowance=allowance, weakest=weakest
        )
        session = cls(store, scheduler, queue, clock, tz)
        ids = [item.card_id for item in queue]
        session._cards = store.cards(ids)
        session._states = store.states(ids)
        return session

    @property
    def total(self) -> int:
        """Cards in the session."""
        return len(self.queue)

    def current(self) -> Step | None:
        """The card to show now, or None when the session is over."""
        if self.index >= len(self.queue):
            return None
        item = self.queue[self.index]
        card = self._cards.get(item.card_id) or self.store.card(item.card_id)
        state = self._state(card.id)
        options = options_for(card, self._competencies) if card.type is CardType.RECOGNIZE else ()
        return Step(
            item=item,
            card=card,
            state=state,
            options=options,
            position=self.index + 1,
            total=len(self.queue),
            preview=lambda: self.scheduler.preview(
                state, card_id=card.id, card_type=card.type, now=self.clock()
            ),
            previous=lambda: self.store.last_answer(card.id),
        )

    def answer(
        self,
        rating: Rating,
        *,
        quality: int | None = None,
        duration_ms: int = 0,
        answer: str = "",
        story_id: str = "",
    ) -> Outcome:
        """Commit the answer to the current card (durably) and move to the next."""
        item = self.queue[self.index]
        card = self._cards.get(item.card_id) or self.store.card(item.card_id)
        now = self.clock()
        before: MemoryState | None = None
        if item.mode is Mode.PRACTICE:
            row_id = self.store.record_practice(
                card.id,
                practiced_at=now,
                quality=quality,
                duration_ms=duration_ms,
                answer=answer,
                story_id=story_id,
            )
        else:
            before = self._state(card.id)
            after = self.scheduler.review(
                before, card_id=card.id, card_type=card.type, rating=rating, now=now
            )
            review = Review(
                review_id=new_review_id(),
                card_id=card.id,
                reviewed_at=after.last_review_at or now,
                rating=rating,
                quality=quality,
                duration_ms=duration_ms,
                state_before=before.state if before and before.last_review_at else State.NEW,
                answer=answer,
                story_id=story_id,
            )
            row_id = self.store.record_review(review, after, competency=card.competency)
            self._states[card.id] = after
            if not card.type.long_answer and after.due_at < now + timedelta(hours=1):
                self._requeue(item, after.due_at)
        outcome = Outcome(card.id, card.competency, item.mode, rating, quality, row_id, before)
        self.outcomes.append(outcome)
        self.index += 1
        return outcome

    @cached_property
    def _competencies(self) -> dict[str, Competency]:
        """The competencies a recognize card's options come from (fixed for a session)."""
        return self.store.competencies()

    def _state(self, card_id: str) -> MemoryState | None:
        """A queued card's state as kept since start (no query); any other card's, read."""
        if card_id in self._cards:
            return self._states.get(card_id)
        return self.store.state(card_id)

    def _requeue(self, item: QueueItem, due_at: datetime) -> None:
        """A short card in a learning step comes back later in this session."""
        gap = 3 if due_at - self.clock() > timedelta(minutes=5) else 2
        self.queue.insert(min(len(self.queue), self.index + 1 + gap), item)

    def undo(self) -> Outcome | None:
        """Take back the last answer: the review is removed and the card shown again."""
        if not self.outcomes:
            return None
        outcome = self.outcomes.pop()
        if outcome.mode is Mode.PRACTICE:
            self.store.undo_practice(outcome.row_id)
        else:
            self.store.undo_review(outcome.row_id, outcome.before)
            if outcome.before is None:
                self._states.pop(outcome.card_id, None)
            else:
                self._states[outcome.card_id] = outcome.before
        self.index -= 1
        # a requeued copy of this card (if any) would now be a duplicate
        for later in range(len(self.queue) - 1, self.index, -1):
            if self.queue[later].card_id == outcome.card_id:
                del self.queue[later]
                break
        return outcome

    def skip(self) -> None:
        """Drop the current card from this session (after suspend or bury)."""
        del self.queue[self.index]

    def suspend(self) -> None:
        """Suspend the current card and move on."""
        self.store.set_suspended(self.queue[self.index].card_id, True)
        self.skip()

    def bury(self) -> None:
        """Hide the current card until tomorrow and move on."""
        settings = self.store.settings()
        until = next_day_start(self.clock(), rollover_hour=settings.rollover_hour, tz=self.tz)
        self.store.bury(self.queue[self.index].card_id, until)
        self.skip()

    def summary(self) -> Summary:
        """Cards done, recall, quality by competency, what is due tomorrow, the weakest now."""
        now = self.clock()
        settings = self.store.settings()
        tomorrow_end = next_day_start(
            now, rollover_hour=settings.rollover_hour, tz=self.tz
        ) + timedelta(days=1)
        quality: dict[str, list[int]] = {}
        for o in self.outcomes:
            if o.quality is not None:
                quality.setdefault(o.competency, []).append(o.quality)
        scheduled = [o for o in self.outcomes if o.mode is not Mode.PRACTICE]
        weakest = competency_stats(self.store, now, tz=self.tz)
        remember_ranking(self.store, now, weakest)
        return Summary(
            done=len(self.outcomes),
            recalled=sum(o.rating > Rating.AGAIN for o in scheduled),
            reviewed=len(scheduled),
            quality_by_competency={k: sum(v) / len(v) for k, v in quality.items()},
            due_tomorrow=len(self.store.due_cards(now, tomorrow_end)),
            weakest=weakest[0].id if weakest else None,
            weakest_reason=weakest[0].reason if weakest else "",
        )


def plan_overrides(store: Store, now: datetime) -> dict[str, object]:
    """Scheduler overrides from an active interview plan (the due-date cap and its window)."""
    raw = store.meta("plan.cap_at")
    if not raw or datetime.fromisoformat(raw) <= now:
        return {}
    out: dict[str, object] = {"cap_at": datetime.fromisoformat(raw)}
    spread = store.meta("plan.cap_spread_days")
    if spread and spread.isdigit():
        out["cap_spread_days"] = int(spread)
    return out


def new_allowance(store: Store, now: datetime, day_end: datetime, tz: tzinfo | None) -> int:
    """New cards still allowed today: the interview plan's daily number, else the setting."""
    limit = None
    if store.meta("plan"):
        from drill import planning

        limit = planning.new_allowance(store, now, tz=tz)
    per_day = store.settings().new_per_day if limit is None else limit
    return max(0, per_day - store.introduced_since(day_end - timedelta(days=1)))


def _candidate(card: DueCard, scheduler: Scheduler, now: datetime) -> Candidate:
    state = MemoryState(
        card.card_id, State.REVIEW, card.stability, None, card.due_at, card.last_review_at
    )
    return Candidate(card.card_id, card.competency, card.type, scheduler.retrievability(state, now))


def _new(card: NewCard) -> Candidate:
    return Candidate(card.card_id, card.competency, card.type)
