"""``drill import``: read every file, report all errors, then write everything in one go."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Callable
from pathlib import Path

import click

from drill.core.decks import peek_deck_id
from drill.core.errors import DeckError, Problem
from drill.core.model import ImportReport
from drill.core.scheduling import Scheduler
from drill.core.taxonomy import BUILTIN_IDS
from drill.importers import YAML_SUFFIXES, read_files
from drill.importers.history import replay
from drill.session import plan_overrides, utc_now
from drill.store import STORY_DECK, Store


def run(
    store: Store, paths: list[Path], *, dry_run: bool, prune: bool, deck_id: str | None
) -> None:
    """Import ``paths`` into ``store`` (or only check them with ``dry_run``); print a report."""
    now = utc_now()
    known = set(store.competencies()) | BUILTIN_IDS
    unchanged, paths, digests = _unchanged_yaml(store, paths, prune=prune)
    batch = read_files(paths, known=known, deck_id=deck_id, card_ids=store.card_ids)
    builtin_ids = {d.id for d in store.decks(now, now) if d.builtin}
    seen: dict[str, str] = {r.deck_id: "an unchanged file of this import" for r in unchanged}
    for deck, source in zip(batch.decks, batch.sources, strict=True):
        if deck.id == STORY_DECK:
            batch.errors.append(
                DeckError(
                    source,
                    [
                        Problem(
                            None,
                            f"deck id '{deck.id}' belongs to your story bank; "
                            "give your deck its own id",
                        )
                    ],
                )
            )
            continue
        if deck.id in builtin_ids:
            batch.warnings.append(
                f"{source}: '{deck.id}' is a built-in deck; drill keeps it in step with the "
                "built-in version, so edits are replaced on the next start (history is kept). "
                "Give your copy its own deck id to keep your edits."
            )
        if deck.id in seen:
            batch.errors.append(
                DeckError(
                    source,
                    [
                        Problem(
                            None,
                            f"deck id '{deck.id}' is also in {seen[deck.id]}; give one a "
                            "different id "
                            "(--deck for CSV files)",
                        )
                    ],
                )
            )
        seen.setdefault(deck.id, source)
    if batch.errors:
        raise _Many(batch.errors)
    for warning in batch.warnings:
        click.echo(f"warning: {warning}", err=True)
    total = sum(len(d.cards) for d in batch.decks)
    progress = _progress(total) if total >= 2000 else None
    scheduler = Scheduler(
        store.settings().scheduler_settings(fuzz=False, **plan_overrides(store, now))
    )
    hashes = {
        deck.id: digests[source]
        for deck, source in zip(batch.decks, batch.sources, strict=True)
        if source in digests and batch.sources.count(source) == 1
    }
    reports = unchanged + store.import_decks(
        batch.decks,
        hashes=hashes,
        dry_run=dry_run,
        prune=prune,
        progress=progress,
        reviews=batch.reviews,
        replay=lambda card, history: replay(card, history, scheduler),
    )
    if progress is not None:
        progress(total)
        click.echo("", err=True)
    prefix = "would import (dry run)" if dry_run else "imported"
    for r in reports:
        click.echo(
            f"{prefix} {r.deck_id}: {r.added} added, {r.updated} updated, "
            f"{r.unchanged} unchanged, {r.retired} {'deleted' if prune else 'retired'}"
        )
    if batch.reviews:
        added, present = store.merged
        click.echo(f"{prefix} reviews: {added} added, {present} already present")


def _unchanged_yaml(
    store: Store, paths: list[Path], *, prune: bool
) -> tuple[list[ImportReport], list[Path], dict[str, str]]:
    """Split off YAML files identical to their deck's last import (nothing to parse or write).

    Returns their reports, the paths still to read, and a content hash per YAML path read.
    """
    unchanged: list[ImportReport] = []
    rest: list[Path] = []
    digests: dict[str, str] = {}
    for path in paths:
        if path.suffix.lower() not in YAML_SUFFIXES or not path.is_file():
            rest.append(path)
            continue
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        deck_id = peek_deck_id(data)
        if not prune and deck_id and store.deck_hash(deck_id) == digest:
            unchanged.append(ImportReport(deck_id, unchanged=store.card_count(deck_id)))
            continue
        digests[str(path)] = digest
        rest.append(path)
    return unchanged, rest, digests


class _Many(DeckError):
    def __init__(self, errors: list[DeckError]) -> None:
        self.errors = errors
        super().__init__(errors[0].path, [p for e in errors for p in e.problems])

    def __str__(self) -> str:
        return "\n".join(str(e) for e in self.errors)


def _progress(total: int) -> Callable[[int], None]:
    """A progress callback drawing a bar on a terminal's stderr; silent when piped."""
    if not sys.stderr.isatty():
        return lambda done: None

    def show(done: int) -> None:
        width = 30
        filled = int(width * min(done, total) / total)
        sys.stderr.write(
            f"\r[{'#' * filled}{'.' * (width - filled)}] {min(done, total)}/{total} cards"
        )
        sys.stderr.flush()

    return show
