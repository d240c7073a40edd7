"""Drill against Anki's own Python library (PyPI ``anki``) on the same CSV deck.

Imported only when ``anki`` is installed (the optional ``bench`` extra). Both sides start
from nothing: a fresh drill database or a fresh Anki collection, the same generated CSV
(prompt → Front, answer → Back), then the same answer loop over its new cards, each answer
committed before the next card is fetched. Anki's collection runs WAL with
``synchronous=FULL``, as drill's does, so the loops pay the same fsync.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

from anki.collection import Collection, ImportCsvRequest
from anki.decks import DeckId
from anki.import_export_pb2 import CsvMetadata
from anki.scheduler.v3 import CardAnswer
from anki.scheduler.v3 import Scheduler as V3Scheduler

from benchmarks import generate
from benchmarks.cases import Context, _fresh_store
from benchmarks.measure import Row, Spread, interleave, pooled

PROMPT_COLUMN = 4
"""1-based CSV columns Anki maps to the Basic note's Front and Back, and to tags."""
ANSWER_COLUMN = 5
TAGS_COLUMN = 7
MAX_NEW_PER_DAY = 500
"""drill's ceiling on the new-cards-per-day setting, which bounds the answer loop."""


def _anki_collection(path: Path) -> Collection:
    for leftover in path.parent.glob(path.name + "*"):
        leftover.unlink()
    return Collection(str(path))


def _anki_import(col: Collection, csv_path: Path) -> DeckId:
    """Import the CSV into the collection's default deck; returns that deck's id."""
    metadata = col.get_csv_metadata(str(csv_path), CsvMetadata.Delimiter.COMMA)
    metadata.global_notetype.field_columns[:] = [PROMPT_COLUMN, ANSWER_COLUMN]
    metadata.tags_column = TAGS_COLUMN
    col.import_csv(ImportCsvRequest(path=str(csv_path), metadata=metadata))
    return DeckId(metadata.deck_id)


def _drill_import(store: Any, data: bytes, csv_path: Path) -> None:
    from drill.core.taxonomy import BUILTIN_IDS
    from drill.importers.csvfile import parse_csv

    deck, _warnings = parse_csv(
        data, path=str(csv_path), deck_id="bench-csv", known_competencies=BUILTIN_IDS
    )
    store.import_decks([deck])


def run(ctx: Context) -> list[Row]:
    """CSV import and the answer loop, drill then Anki, interleaved."""

    s = ctx.sizes
    work = ctx.scratch("anki")
    csv_path = generate.csv_deck(s.csv_rows)
    data = csv_path.read_bytes()
    ctx.log(f"Anki: {s.runs} x CSV import (drill, Anki), then {s.anki_answers} answers each")

    def drill_import() -> float:
        store = _fresh_store(work, "drill.db")
        try:
            start = time.perf_counter()
            _drill_import(store, data, csv_path)
            return time.perf_counter() - start
        finally:
            store.close()

    def anki_import() -> float:
        col = _anki_collection(work / "anki.anki2")
        try:
            start = time.perf_counter()
            _anki_import(col, csv_path)
            return time.perf_counter() - start
        finally:
            col.close()

    mine, theirs = interleave(drill_import, anki_import, runs=s.runs)
    drill_loop, anki_loop = _answer_loops(work, data, csv_path, s.anki_answers, s.rounds)
    rows_k = f"{s.csv_rows // 1000}k rows"
    version = metadata.version("anki")
    return [
        Row(
            "anki.csv_import",
            f"CSV import {rows_k}, drill vs Anki {version}",
            "s",
            Spread.of(mine),
            Spread.of(theirs),
            "Anki import_csv",
            note="both into a fresh database; Anki also imports the header row as a note",
        ),
        Row(
            "anki.answer.p50",
            "Answer → next card (new cards), drill vs Anki, p50",
            "ms",
            pooled(drill_loop, 0.5),
            pooled(anki_loop, 0.5),
            "Anki answer_card + next",
        ),
        Row(
            "anki.answer.p99",
            "Answer → next card (new cards), drill vs Anki, p99",
            "ms",
            pooled(drill_loop, 0.99),
            pooled(anki_loop, 0.99),
            "Anki answer_card + next",
        ),
    ]


def _answer_loops(
    work: Path, data: bytes, csv_path: Path, answers: int, rounds: int
) -> tuple[list[list[float]], list[list[float]]]:
    """Per-round answer times (ms) of drill's session and of Anki's v3 scheduler."""
    # Only after anki.collection: importing anki.cards first is a circular import in anki.
    from anki.cards import Card as AnkiCard

    from drill.core.model import Rating
    from drill.session import ReviewSession

    store = _fresh_store(work, "drill-loop.db")
    col = _anki_collection(work / "anki-loop.anki2")
    try:
        _drill_import(store, data, csv_path)
        store.save_settings(
            store.settings()._replace(new_per_day=min(MAX_NEW_PER_DAY, answers + 50))
        )
        session = ReviewSession.start(store, limit=answers + 20)
        deck_id = _anki_import(col, csv_path)
        config = col.decks.config_dict_for_deck_id(deck_id)
        config["new"]["perDay"] = answers + 100
        config["rev"]["perDay"] = answers + 100
        col.decks.update_config(config)
        col.decks.select(deck_id)
        scheduler = col.sched
        if not isinstance(scheduler, V3Scheduler):
            raise RuntimeError("Anki's collection is not on the v3 scheduler")
        queued = scheduler.get_queued_cards()
        rng = random.Random(3)
        ratings = [Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.EASY]
        weights = [10, 15, 70, 5]
        anki_ratings = {
            Rating.AGAIN: CardAnswer.AGAIN,
            Rating.HARD: CardAnswer.HARD,
            Rating.GOOD: CardAnswer.GOOD,
            Rating.EASY: CardAnswer.EASY,
        }

        def drill_answer() -> float:
            rating = rng.choices(ratings, weights)[0]
            start = time.perf_counter()
            session.answer(rating, duration_ms=9000)
            if session.current() is None:
                raise RuntimeError("drill's session ran out of cards")
            return time.perf_counter() - start

        def anki_answer() -> float:
            nonlocal queued
            rating = rng.choices(ratings, weights)[0]
            top = queued.cards[0]
            card = AnkiCard(col, backend_card=top.card)
            card.start_timer()
            start = time.perf_counter()
            scheduler.answer_card(
                scheduler.build_answer(card=card, states=top.states, rating=anki_ratings[rating])
            )
            queued = scheduler.get_queued_cards()
            if not queued.cards:
                raise RuntimeError("Anki ran out of cards")
            AnkiCard(col, backend_card=queued.cards[0].card)
            return time.perf_counter() - start

        per_round = max(1, answers // rounds)
        loops: dict[str, list[list[float]]] = {"drill": [], "anki": []}
        paths: dict[str, Callable[[], float]] = {"drill": drill_answer, "anki": anki_answer}
        for round_no in range(rounds):
            order = ("drill", "anki") if round_no % 2 == 0 else ("anki", "drill")
            for name in order:
                loops[name].append([paths[name]() * 1000 for _ in range(per_round)])
        return loops["drill"], loops["anki"]
    finally:
        store.close()
        col.close()
