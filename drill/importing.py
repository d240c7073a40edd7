"""``drill import``: read every file, report all errors, then write everything in one go."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

import click

from drill.core.decks import DeckError
from drill.core.safeyaml import Problem
from drill.core.scheduling import Scheduler
from drill.core.taxonomy import BUILTIN_IDS
from drill.importers import read_files
from drill.importers.history import replay
from drill.store import Store


def run(
    store: Store, paths: list[Path], *, dry_run: bool, prune: bool, deck_id: str | None
) -> None:
    """Import ``paths`` into ``store`` (or only check them with ``dry_run``); print a report."""
    known = set(store.competencies()) | BUILTIN_IDS
    batch = read_files(paths, known=known, deck_id=deck_id, card_ids=store.card_ids)
    seen: dict[str, str] = {}
    for deck, source in zip(batch.decks, batch.sources, strict=True):
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
    scheduler = Scheduler(store.settings().scheduler_settings(fuzz=False))
    reports = store.import_decks(
        batch.decks,
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
