"""Frozen values that cross every layer: cards, decks, competencies, reviews, stories."""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum, StrEnum
from typing import NamedTuple


class CardType(StrEnum):
    """What the user does with a card (PRODUCT §3)."""

    QUESTION = "question"
    REFRAME = "reframe"
    RECOGNIZE = "recognize"
    BASIC = "basic"
    STORY = "story"

    @property
    def long_answer(self) -> bool:
        """Cards answered at length: no same-day learning steps, and a quality rating."""
        return self in (CardType.QUESTION, CardType.REFRAME, CardType.STORY)


class Rating(IntEnum):
    """FSRS recall rating."""

    AGAIN = 1
    HARD = 2
    GOOD = 3
    EASY = 4


class State(IntEnum):
    """FSRS memory state; NEW is drill's own name for a card never reviewed."""

    NEW = 0
    LEARNING = 1
    REVIEW = 2
    RELEARNING = 3


SIGNALS: tuple[str, ...] = (
    "stakeholders",
    "tradeoffs",
    "risk",
    "metrics",
    "people",
    "decision",
    "reflection",
    "credit",
    "ownership",
    "business",
)
"""The ten leadership signals an answer can show (PRODUCT §5), in their fixed order."""

DIMENSIONS: tuple[str, ...] = (
    "technical leadership",
    "organizational leadership",
    "communication",
    "execution",
)


class Competency(NamedTuple):
    """A skill an EM loop evaluates."""

    id: str
    """Stable id, e.g. ``people-development``."""
    name: str
    """Human name shown in tables."""
    dimension: str
    """One of :data:`DIMENSIONS`."""
    description: str = ""
    """What it covers, one line."""


class Card(NamedTuple):
    """One card of a deck; ``id`` is ``deck/key``."""

    id: str
    """Global identity ``deck_id/key``; review history follows it."""
    deck_id: str
    key: str
    """The id within its deck."""
    type: CardType
    competency: str
    prompt: str
    answer: str = ""
    evaluates: str = ""
    signals: tuple[str, ...] = ()
    pitfalls: tuple[str, ...] = ()
    follow_ups: tuple[str, ...] = ()
    expects: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    ic_answer: str = ""
    rubric: tuple[str, ...] = ()
    options: tuple[str, ...] = ()
    story_id: str = ""
    """For ``story`` cards: the story told."""

    @property
    def checklist(self) -> tuple[str, ...]:
        """Items the user can tick on reveal: the rubric, or a question's signals."""
        return self.rubric or self.signals


class Deck(NamedTuple):
    """A named set of cards, parsed from one file."""

    id: str
    title: str
    cards: tuple[Card, ...]
    description: str = ""
    competencies: tuple[Competency, ...] = ()
    """Competencies the deck adds to (or overrides in) the built-in taxonomy."""


class MemoryState(NamedTuple):
    """A card's FSRS memory state (the ``card_state`` row)."""

    card_id: str
    state: State
    stability: float | None
    difficulty: float | None
    due_at: datetime
    last_review_at: datetime | None
    step: int | None = None
    reps: int = 0
    lapses: int = 0

    @property
    def is_new(self) -> bool:
        """Never reviewed: not counted as due."""
        return self.last_review_at is None


class Review(NamedTuple):
    """One scheduled review (a row of ``reviews``)."""

    review_id: str
    """Globally unique text id; exports and merges use it."""
    card_id: str
    reviewed_at: datetime
    rating: Rating
    quality: int | None = None
    duration_ms: int = 0
    state_before: State = State.NEW
    answer: str = ""
    """What the user typed, if anything."""
    story_id: str = ""
    """On question cards: the story the user chose to tell."""


class Story(NamedTuple):
    """One of the user's prepared experiences, in STAR form."""

    id: str
    title: str
    competencies: tuple[str, ...]
    situation: str = ""
    task: str = ""
    action: str = ""
    result: str = ""
    learned: str = ""
    decisions: str = ""
    stakeholders: str = ""
    metrics: str = ""
    mistakes: str = ""

    @property
    def outline(self) -> str:
        """The whole story as plain text, for reveal and analysis."""
        parts = [
            (label, value)
            for label, value in zip(STORY_FIELD_LABELS, self.text_fields, strict=True)
            if value
        ]
        return "\n".join(f"{label}: {value}" for label, value in parts)

    @property
    def text_fields(self) -> tuple[str, ...]:
        """The text fields in :data:`STORY_TEXT_FIELDS` order."""
        return tuple(getattr(self, name) for name in STORY_TEXT_FIELDS)


STORY_TEXT_FIELDS: tuple[str, ...] = (
    "situation",
    "task",
    "action",
    "result",
    "learned",
    "decisions",
    "stakeholders",
    "metrics",
    "mistakes",
)
STORY_FIELD_LABELS: tuple[str, ...] = (
    "Situation",
    "Task",
    "Action",
    "Result",
    "Learned",
    "Decisions",
    "Stakeholders",
    "Metrics",
    "Mistakes",
)


class ImportReport(NamedTuple):
    """What an import did (or would do, on a dry run) to one deck."""

    deck_id: str
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    retired: int = 0
    warnings: tuple[str, ...] = ()
