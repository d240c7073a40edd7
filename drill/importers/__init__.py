"""Readers from files people already have to core values (bytes in, values out)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from drill.core.decks import parse_deck
from drill.core.errors import DeckError, Problem
from drill.core.model import Deck, Review
from drill.core.safeyaml import MAX_BYTES


@dataclass
class Batch:
    """Everything read from the files of one ``drill import``."""

    decks: list[Deck] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    """The file each deck came from (same order as ``decks``)."""
    reviews: list[Review] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[DeckError] = field(default_factory=list)


YAML_SUFFIXES = (".yaml", ".yml")
CSV_SUFFIXES = (".csv", ".tsv")


def read_files(
    paths: Iterable[Path],
    *,
    known: Iterable[str],
    deck_id: str | None = None,
    card_ids: Callable[[], set[str]] = set,
) -> Batch:
    """Read every file, collecting all errors rather than stopping at the first."""
    batch = Batch()
    known = set(known)
    for path in paths:
        try:
            if path.stat().st_size > MAX_BYTES:
                raise DeckError(
                    str(path), [Problem(None, f"file is larger than {MAX_BYTES // 2**20} MB")]
                )
            data = path.read_bytes()
        except OSError as exc:
            batch.errors.append(
                DeckError(str(path), [Problem(None, f"cannot read: {exc.strerror}")])
            )
            continue
        except DeckError as exc:
            batch.errors.append(exc)
            continue
        suffix = path.suffix.lower()
        try:
            if suffix in YAML_SUFFIXES:
                batch.decks.append(parse_deck(data, path=str(path), known_competencies=known))
                batch.sources.append(str(path))
            elif suffix in CSV_SUFFIXES:
                from drill.importers.csvfile import parse_csv

                deck, warnings = parse_csv(
                    data, path=str(path), deck_id=deck_id, known_competencies=known
                )
                batch.decks.append(deck)
                batch.sources.append(str(path))
                batch.warnings += warnings
            elif suffix == ".apkg":
                from drill.importers.apkg import parse_apkg

                decks, warnings = parse_apkg(data, path=str(path), known_competencies=known)
                batch.decks += decks
                batch.sources += [str(path)] * len(decks)
                batch.warnings += warnings
            elif suffix == ".jsonl":
                from drill.importers.history import parse_jsonl

                ids = card_ids() | {c.id for d in batch.decks for c in d.cards}
                batch.reviews += parse_jsonl(data, path=str(path), card_ids=ids)
            else:
                raise DeckError(
                    str(path),
                    [
                        Problem(
                            None, "unknown file type (use .yaml, .yml, .csv, .tsv, .apkg or .jsonl)"
                        )
                    ],
                )
        except DeckError as exc:
            batch.errors.append(exc)
    return batch
