"""Choosing a mock loop's questions: one per dimension, weakest first, then the weakest."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence

from drill.core.model import DIMENSIONS, Card

MOCK_QUESTIONS = 5


def pick_mock(
    questions: Sequence[Card],
    *,
    dimension_of: Mapping[str, str],
    weakest: Sequence[str],
    rng: random.Random,
) -> list[Card]:
    """Five question cards across the four dimensions, weakest competencies first.

    Each dimension contributes a question from its weakest competency that has questions;
    the fifth comes from the weakest competency overall not already used. Within a
    competency the question is drawn at random so repeated mocks vary.
    """
    rank = {comp: i for i, comp in enumerate(weakest)}
    by_comp: dict[str, list[Card]] = {}
    for card in questions:
        by_comp.setdefault(card.competency, []).append(card)
    ordered = sorted(by_comp, key=lambda comp: (rank.get(comp, -1), comp))
    chosen: list[Card] = []
    used: set[str] = set()
    for dimension in DIMENSIONS:
        comp = next(
            (c for c in ordered if dimension_of.get(c) == dimension and c not in used), None
        )
        if comp is not None:
            chosen.append(rng.choice(by_comp[comp]))
            used.add(comp)
    for comp in ordered:
        if len(chosen) >= MOCK_QUESTIONS:
            break
        pool = [c for c in by_comp[comp] if c not in chosen]
        if pool and (comp not in used or len(used) >= len(ordered)):
            chosen.append(rng.choice(pool))
            used.add(comp)
    return chosen[:MOCK_QUESTIONS]
