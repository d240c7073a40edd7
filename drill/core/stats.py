"""Per-competency metrics and the weakness score.

Weakness (0..1, higher is weaker) is one minus a weighted *strength*::

    strength = 0.35 * recall + 0.30 * quality + 0.20 * retrievability + 0.15 * coverage

- recall: share of scheduled reviews not rated Again, each week weighted by
  ``0.5 ** (weeks_ago / 2)`` (a two-week half-life, so recent weeks count most);
- quality: mean self-rated quality (reviews and practice) with the same weights, mapped
  from 1..5 to 0..1;
- retrievability: mean current FSRS recall probability of the competency's reviewed cards;
- coverage: share of the competency's cards reviewed at least once.

A component with no data yet counts as :data:`UNKNOWN_STRENGTH` (0.25): a competency never
reviewed is unknown, which ranks as weak, not strong.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta
from typing import NamedTuple

from drill.core.model import Competency

WEIGHTS: Mapping[str, float] = {
    "recall": 0.35,
    "quality": 0.30,
    "retrievability": 0.20,
    "coverage": 0.15,
}
HALF_LIFE_WEEKS = 2.0
UNKNOWN_STRENGTH = 0.25


class WeekCounts(NamedTuple):
    """One competency's counts in one week (Monday start)."""

    week: date
    reviews: int = 0
    recalled: int = 0
    quality_sum: int = 0
    quality_n: int = 0

    @property
    def recall(self) -> float | None:
        """Share not rated Again, or None without reviews."""
        return self.recalled / self.reviews if self.reviews else None

    @property
    def quality(self) -> float | None:
        """Mean quality 1..5, or None without ratings."""
        return self.quality_sum / self.quality_n if self.quality_n else None


class CompetencyStats(NamedTuple):
    """What ``drill stats`` reports for one competency."""

    id: str
    name: str
    dimension: str
    cards: int
    reviewed: int
    """Cards reviewed at least once."""
    reviews: int
    recall: float | None
    quality: float | None
    retrievability: float | None
    weakness: float
    reason: str
    """The main reason it is weak, in words."""
    weeks: tuple[WeekCounts, ...] = ()

    @property
    def coverage(self) -> float:
        """Share of cards seen."""
        return self.reviewed / self.cards if self.cards else 0.0

    def to_json(self) -> dict[str, object]:
        """The JSON object of ``drill stats --json``."""
        return {
            "id": self.id,
            "name": self.name,
            "dimension": self.dimension,
            "cards": self.cards,
            "reviewed": self.reviewed,
            "reviews": self.reviews,
            "recall": _round(self.recall),
            "quality": _round(self.quality),
            "retrievability": _round(self.retrievability),
            "coverage": _round(self.coverage),
            "weakness": _round(self.weakness),
            "reason": self.reason,
        }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def week_of(day: date) -> date:
    """The Monday that starts ``day``'s week."""
    return day - timedelta(days=day.weekday())


def weekly(days: Iterable[tuple[date, int, int, int, int]]) -> tuple[WeekCounts, ...]:
    """Fold (day, reviews, recalled, quality_sum, quality_n) rows into weeks, oldest first."""
    weeks: dict[date, list[int]] = {}
    for day, reviews, recalled, quality_sum, quality_n in days:
        acc = weeks.setdefault(week_of(day), [0, 0, 0, 0])
        acc[0] += reviews
        acc[1] += recalled
        acc[2] += quality_sum
        acc[3] += quality_n
    return tuple(WeekCounts(w, *weeks[w]) for w in sorted(weeks))


def weighted(weeks: Sequence[WeekCounts], today: date, *, metric: str) -> float | None:
    """Recency-weighted recall or quality (1..5) over ``weeks``, or None without data."""
    num = den = 0.0
    this_week = week_of(today)
    for w in weeks:
        age = max(0, (this_week - w.week).days // 7)
        weight = 0.5 ** (age / HALF_LIFE_WEEKS)
        if metric == "recall":
            num += weight * w.recalled
            den += weight * w.reviews
        else:
            num += weight * w.quality_sum
            den += weight * w.quality_n
    return num / den if den else None


def weakness(
    *,
    recall: float | None,
    quality: float | None,
    retrievability: float | None,
    coverage: float,
) -> float:
    """The documented weakness score (see the module docstring); ``quality`` is on 1..5."""
    parts = {
        "recall": recall,
        "quality": None if quality is None else (quality - 1) / 4,
        "retrievability": retrievability,
        "coverage": coverage,
    }
    strength = sum(
        WEIGHTS[name] * (UNKNOWN_STRENGTH if value is None else value)
        for name, value in parts.items()
    )
    return min(1.0, max(0.0, 1.0 - strength))


def falling(weeks: Sequence[WeekCounts], *, metric: str) -> bool:
    """Whether the last three weeks with data fell week on week."""
    values = [
        v
        for v in ((w.quality if metric == "quality" else w.recall) for w in weeks)
        if v is not None
    ][-3:]
    return len(values) == 3 and values[0] > values[1] > values[2]


def reason(
    stats_recall: float | None,
    quality: float | None,
    retrievability: float | None,
    coverage: float,
    weeks: Sequence[WeekCounts],
) -> str:
    """The main reason a competency is weak, in a few words."""
    if stats_recall is None and quality is None:
        return "no reviews yet"
    if falling(weeks, metric="quality"):
        return "quality falling"
    if falling(weeks, metric="recall"):
        return "recall falling"
    gaps = []
    if stats_recall is not None:
        gaps.append((WEIGHTS["recall"] * (1 - stats_recall), f"recall {stats_recall:.0%}"))
    if quality is not None:
        gaps.append((WEIGHTS["quality"] * (1 - (quality - 1) / 4), f"quality {quality:.1f}/5"))
    if retrievability is not None:
        gaps.append(
            (WEIGHTS["retrievability"] * (1 - retrievability), f"memory {retrievability:.0%}")
        )
    gaps.append((WEIGHTS["coverage"] * (1 - coverage), f"{coverage:.0%} of cards seen"))
    return max(gaps)[1]


def competency_stats(
    competencies: Iterable[Competency],
    *,
    today: date,
    counts: Mapping[str, Sequence[WeekCounts]],
    cards: Mapping[str, tuple[int, int]],
    retrievability: Mapping[str, float],
) -> list[CompetencyStats]:
    """Metrics for every competency, weakest first.

    ``counts`` are weekly counts in the window; ``cards`` maps a competency to (cards,
    reviewed cards); ``retrievability`` to the mean recall probability of its reviewed cards.
    """
    out = []
    for comp in competencies:
        weeks = tuple(counts.get(comp.id, ()))
        total, seen = cards.get(comp.id, (0, 0))
        reviews = sum(w.reviews for w in weeks)
        recalled = sum(w.recalled for w in weeks)
        q_sum = sum(w.quality_sum for w in weeks)
        q_n = sum(w.quality_n for w in weeks)
        recall = recalled / reviews if reviews else None
        quality = q_sum / q_n if q_n else None
        r_now = retrievability.get(comp.id) if seen else None
        coverage = seen / total if total else 0.0
        score = weakness(
            recall=weighted(weeks, today, metric="recall"),
            quality=weighted(weeks, today, metric="quality"),
            retrievability=r_now,
            coverage=coverage,
        )
        out.append(
            CompetencyStats(
                id=comp.id,
                name=comp.name,
                dimension=comp.dimension,
                cards=total,
                reviewed=seen,
                reviews=reviews,
                recall=recall,
                quality=quality,
                retrievability=r_now,
                weakness=score,
                reason=reason(recall, quality, r_now, coverage, weeks),
                weeks=weeks,
            )
        )
    out.sort(key=lambda s: (-s.weakness, s.id))
    return out
