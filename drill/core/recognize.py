"""Options for ``recognize`` cards: the right competency among confusable ones."""

from __future__ import annotations

from collections.abc import Mapping

from drill.core.model import Card, Competency

OPTION_COUNT = 4


def options_for(card: Card, competencies: Mapping[str, Competency]) -> tuple[str, ...]:
    """Four competency ids including the card's, in a stable order that varies by card.

    A deck's own ``options`` are used when given; otherwise distractors come from the same
    dimension first (the confusable ones), then from the rest.
    """
    seed = _number(card.id)
    if card.options:
        chosen = list(card.options)
    else:
        right = competencies.get(card.competency)
        others = sorted(
            (c for c in competencies.values() if c.id != card.competency),
            key=lambda c: (right is None or c.dimension != right.dimension, _mix(seed, c.id)),
        )
        chosen = [card.competency, *(c.id for c in others[: OPTION_COUNT - 1])]
    return tuple(sorted(chosen, key=lambda cid: _mix(seed, cid)))


def _mix(seed: int, text: str) -> int:
    return _number(f"{seed}:{text}")


def _number(text: str) -> int:
    import hashlib  # here, not at the top: hashlib loads OpenSSL, which first card does not need

    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=4).digest(), "big")
