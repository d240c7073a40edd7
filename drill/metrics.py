"""Reports over a store: per-competency stats, what is due, forecasts (shared by TUI and CLI)."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING, NamedTuple

from drill.core.scheduling import curve_constants, local_day, next_day_start
from drill.store import CardFilter, Store

if TYPE_CHECKING:
    from drill.core.stats import CompetencyStats


def competency_stats(
    store: Store, now: datetime, *, days: int | None = None, tz: tzinfo | None = None
) -> list[CompetencyStats]:
    """Every competency's metrics, weakest first (``days`` limits the review window)."""
    # Imported here: a session start reads the kept ranking and needs none of it.
    from drill.core import stats as core_stats
    from drill.core.stats import WeekCounts

    settings = store.settings()
    today = local_day(now, rollover_hour=settings.rollover_hour, tz=tz)
    since = now.date() - timedelta(days=days - 1) if days else None
    counts: dict[str, list[WeekCounts]] = {}
    for competency, week, reviews, recalled, q_sum, q_n in store.weekly_counts(since):
        counts.setdefault(competency, []).append(WeekCounts(week, reviews, recalled, q_sum, q_n))
    decay, factor = curve_constants(settings.parameters)
    cards: dict[str, tuple[int, int]] = {}
    memory: dict[str, float] = {}
    for competency, (total, reviewed, mean_r) in store.memory_by_competency(
        now, decay=decay, factor=factor
    ).items():
        cards[competency] = (total, reviewed)
        if mean_r is not None:
            memory[competency] = mean_r
    return core_stats.competency_stats(
        store.competencies().values(),
        today=today,
        counts={k: tuple(sorted(v, key=lambda w: w.week)) for k, v in counts.items()},
        cards=cards,
        retrievability=memory,
    )


class DueCount(NamedTuple):
    """Cards due for one competency."""

    id: str
    due_now: int
    due_today: int


class DueReport(NamedTuple):
    """What ``drill due`` prints."""

    due_now: int
    due_today: int
    new_available: int
    competencies: tuple[DueCount, ...]

    def to_json(self) -> dict[str, object]:
        """The JSON document of ``drill due --json``."""
        return {
            "due_now": self.due_now,
            "due_today": self.due_today,
            "new_available": self.new_available,
            "competencies": [
                {"id": c.id, "due_now": c.due_now, "due_today": c.due_today}
                for c in self.competencies
            ],
        }


def due_report(
    store: Store, now: datetime, *, tz: tzinfo | None = None, where: CardFilter = CardFilter()
) -> DueReport:
    """Cards due now and by the end of the user's day, and new cards available today."""
    settings = store.settings()
    day_end = next_day_start(now, rollover_hour=settings.rollover_hour, tz=tz)
    cards = store.due_cards(now, day_end, where)
    per: dict[str, list[int]] = {comp: [0, 0] for comp in store.competencies()}
    for card in cards:
        acc = per.setdefault(card.competency, [0, 0])
        acc[1] += 1
        if card.due_at <= now:
            acc[0] += 1
    from drill.session import new_allowance

    allowance = new_allowance(store, now, day_end, tz)
    return DueReport(
        due_now=sum(v[0] for v in per.values()),
        due_today=len(cards),
        new_available=min(allowance, store.new_count(now, where)),
        competencies=tuple(DueCount(k, v[0], v[1]) for k, v in per.items()),
    )


def estimated_minutes(store: Store, cards: int) -> int:
    """Rough minutes for ``cards`` cards from the user's own answer times (1.5 min default)."""
    durations = store.answer_durations()
    n = sum(v[0] for v in durations.values())
    per_card_ms = sum(v[1] for v in durations.values()) / n if n >= 10 else 90_000
    return max(1, round(cards * per_card_ms / 60_000)) if cards else 0


RANKING_KEY = "weakest"
RANKING_TTL = timedelta(hours=6)


def remember_ranking(store: Store, now: datetime, ranked: list[CompetencyStats]) -> list[str]:
    """Keep the weakest-first ranking so the next session can start without recomputing it."""
    ids = [s.id for s in ranked]
    store.set_meta(RANKING_KEY, json.dumps({"at": now.isoformat(), "ids": ids}))
    return ids


def weakest_ids(store: Store, now: datetime, *, tz: tzinfo | None = None) -> list[str]:
    """Competency ids, weakest first: the ranking kept at the last summary if recent.

    Session start only orders new cards by it, so a ranking a few hours old is good enough
    and saves a full stats pass before the first card.
    """
    raw = store.meta(RANKING_KEY)
    if raw:
        kept = json.loads(raw)
        fresh = now - datetime.fromisoformat(kept["at"]) < RANKING_TTL
        if fresh and set(kept["ids"]) == set(store.competencies()):
            return list(kept["ids"])
    return remember_ranking(store, now, competency_stats(store, now, tz=tz))
