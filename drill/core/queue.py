"""Which cards a session shows, and in what order.

Policy (tested in ``tests/core/test_queue.py``):

1. Due cards first, most at risk (lowest recall probability now) first.
2. Then new cards, up to what is left of today's new-card allowance, picked round-robin
   over competencies from the weakest first, so the weakest get new material first.
3. When that is fewer than the session size, the session is topped up with *practice*
   (cards not due, weakest competencies first, weakest memory first): practice answers
   are recorded but never change the FSRS schedule.
4. Finally competencies are interleaved: a card is not followed by another of the same
   competency while a card of a different one is waiting.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import NamedTuple

from drill.core.model import CardType


class Mode(StrEnum):
    """Why a card is in the session."""

    DUE = "due"
    NEW = "new"
    PRACTICE = "practice"


class Candidate(NamedTuple):
    """A card the session could show."""

    card_id: str
    competency: str
    type: CardType
    retrievability: float = 0.0
    """Recall probability now (0 for new cards)."""


class QueueItem(NamedTuple):
    """A card chosen for the session."""

    card_id: str
    competency: str
    mode: Mode


def build_queue(
    *,
    due: Sequence[Candidate],
    new: Sequence[Candidate],
    practice: Sequence[Candidate] = (),
    size: int,
    new_allowance: int,
    weakest: Sequence[str],
) -> list[QueueItem]:
    """The session's cards in order, by the module's policy."""
    rank = {comp: i for i, comp in enumerate(weakest)}
    chosen: list[QueueItem] = [
        QueueItem(c.card_id, c.competency, Mode.DUE)
        for c in sorted(due, key=lambda c: (c.retrievability, c.card_id))[:size]
    ]
    room = min(size - len(chosen), max(0, new_allowance))
    chosen += [QueueItem(c.card_id, c.competency, Mode.NEW) for c in _round_robin(new, rank, room)]
    room = size - len(chosen)
    if room > 0:
        taken = {item.card_id for item in chosen}
        pool = [c for c in practice if c.card_id not in taken]
        pool.sort(key=lambda c: (rank.get(c.competency, -1), c.retrievability, c.card_id))
        chosen += [
            QueueItem(c.card_id, c.competency, Mode.PRACTICE)
            for c in _round_robin(pool, rank, room)
        ]
    return interleave(chosen)


def _round_robin(cards: Sequence[Candidate], rank: dict[str, int], limit: int) -> list[Candidate]:
    """Up to ``limit`` cards, one per competency per round, weakest competency first.

    Competencies missing from ``rank`` are treated as unknown, so they come first.
    """
    if limit <= 0:
        return []
    by_comp: dict[str, list[Candidate]] = {}
    for card in cards:
        by_comp.setdefault(card.competency, []).append(card)
    order = sorted(by_comp, key=lambda comp: (rank.get(comp, -1), comp))
    out: list[Candidate] = []
    depth = 0
    while len(out) < limit:
        added = False
        for comp in order:
            bucket = by_comp[comp]
            if depth < len(bucket):
                out.append(bucket[depth])
                added = True
                if len(out) == limit:
                    break
        if not added:
            break
        depth += 1
    return out


def interleave(items: Sequence[QueueItem]) -> list[QueueItem]:
    """The same items, keeping their order except to avoid two of a competency in a row."""
    waiting = list(items)
    out: list[QueueItem] = []
    while waiting:
        last = out[-1].competency if out else None
        index = next((i for i, item in enumerate(waiting) if item.competency != last), 0)
        out.append(waiting.pop(index))
    return out
