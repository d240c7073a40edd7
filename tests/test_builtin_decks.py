"""The shipped decks: they parse, cover every competency, and meet the content quotas."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from drill.core.decks import parse_deck
from drill.core.model import Card, CardType
from drill.core.recognize import options_for
from drill.core.taxonomy import BUILTIN_COMPETENCIES, BUILTIN_IDS

DECKS_DIR = Path(__file__).parent.parent / "decks"
DECK_FILES = sorted(p for p in DECKS_DIR.glob("*.yaml") if p.name != "example-stories.yaml")
TAXONOMY = {c.id: c for c in BUILTIN_COMPETENCIES}

MIN_QUESTIONS = 12
MIN_REFRAMES = 5
MIN_RECOGNIZE = 6
MIN_BASIC_TOTAL = 40


def _all_cards() -> list[Card]:
    return [
        card for path in DECK_FILES for card in parse_deck(path.read_bytes(), path=str(path)).cards
    ]


CARDS = _all_cards()


def words(text: str) -> int:
    """How many words a text has."""
    return len(text.split())


def of(competency: str, card_type: CardType) -> list[Card]:
    """The built-in cards of one competency and type."""
    return [c for c in CARDS if c.competency == competency and c.type is card_type]


def test_there_are_built_in_decks() -> None:
    assert len(DECK_FILES) >= 5


@pytest.mark.parametrize("path", DECK_FILES, ids=lambda p: p.stem)
def test_each_deck_parses(path: Path) -> None:
    deck = parse_deck(path.read_bytes(), path=str(path))
    assert deck.cards
    assert deck.title


def test_every_competency_is_covered() -> None:
    assert {c.competency for c in CARDS} >= BUILTIN_IDS


@pytest.mark.parametrize("competency", sorted(BUILTIN_IDS))
def test_question_cards(competency: str) -> None:
    cards = of(competency, CardType.QUESTION)
    assert len(cards) >= MIN_QUESTIONS
    short = [
        c.id
        for c in cards
        if not c.evaluates
        or len(c.signals) < 3
        or len(c.pitfalls) < 2
        or not 1 <= len(c.follow_ups) <= 3
        or not c.answer
    ]
    assert short == []


@pytest.mark.parametrize("competency", sorted(BUILTIN_IDS))
def test_reframe_cards(competency: str) -> None:
    cards = of(competency, CardType.REFRAME)
    assert len(cards) >= MIN_REFRAMES
    off = [
        (c.id, words(c.ic_answer), words(c.answer), len(c.rubric))
        for c in cards
        if not 60 <= words(c.ic_answer) <= 150
        or not 120 <= words(c.answer) <= 250
        or not 4 <= len(c.rubric) <= 7
    ]
    assert off == []


@pytest.mark.parametrize("competency", sorted(BUILTIN_IDS))
def test_recognize_cards(competency: str) -> None:
    cards = of(competency, CardType.RECOGNIZE)
    assert len(cards) >= MIN_RECOGNIZE
    for card in cards:
        options = options_for(card, TAXONOMY)
        assert len(options) == len(set(options)) == 4, card.id
        assert competency in options, card.id
        assert set(options) <= BUILTIN_IDS, card.id


def test_enough_basic_cards() -> None:
    assert sum(c.type is CardType.BASIC for c in CARDS) >= MIN_BASIC_TOTAL


_STOP = frozenset(
    {
        "a",
        "an",
        "the",
        "to",
        "of",
        "and",
        "or",
        "in",
        "on",
        "for",
        "with",
        "you",
        "your",
        "i",
        "me",
        "my",
        "we",
        "our",
        "about",
        "time",
        "tell",
        "describe",
        "how",
        "what",
        "did",
        "do",
        "was",
        "were",
        "that",
        "this",
        "it",
        "is",
        "are",
        "be",
        "have",
        "had",
        "has",
        "when",
        "why",
        "would",
        "could",
        "should",
        "give",
        "example",
        "walk",
        "through",
    }
)


def _content_words(prompt: str) -> frozenset[str]:
    """Lower-cased content words, crudely stemmed, so 'delivered' and 'deliver' match."""
    out = set()
    for word in re.findall(r"[a-z0-9]+", prompt.lower()):
        if word in _STOP:
            continue
        for suffix in ("ing", "ed", "es", "s"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 4:
                word = word[: -len(suffix)]
                break
        out.add(word)
    return frozenset(out)


def test_no_two_prompts_are_alike() -> None:
    prompts = [(card.id, _content_words(card.prompt)) for card in CARDS]
    alike = [
        (a, b)
        for (a, wa), (b, wb) in itertools.combinations(prompts, 2)
        if wa and len(wa & wb) / len(wa | wb) >= 0.8
    ]
    assert alike == []


def test_prompts_alike_are_detected() -> None:
    assert _content_words("Tell me about a time you delivered bad news to leadership.") == (
        _content_words("Tell me about a time you had to deliver bad news to leadership.")
    )
    assert _content_words("Answer signal 'credit': what counts?") != _content_words(
        "Answer signal 'business': what counts?"
    )
