"""The user's story bank over a store: import, export, add in an editor, coverage."""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import click

from drill.core.errors import DeckError, Problem
from drill.core.model import Story
from drill.core.stories import Coverage, coverage, dump_stories, parse_stories, story_template
from drill.core.taxonomy import BUILTIN_IDS
from drill.store import Store


@dataclass(frozen=True)
class StoryImportReport:
    """What importing a story file did (or would do, on a dry run)."""

    path: str
    added: tuple[str, ...]
    """Ids of stories new to the bank."""
    updated: tuple[str, ...]
    """Ids of stories already in the bank whose text or competencies changed."""
    unchanged: tuple[str, ...]
    """Ids of stories already in the bank exactly as in the file."""
    dry_run: bool


@dataclass(frozen=True)
class EditorOutcome:
    """How a ``drill stories add`` editing round ended."""

    saved: tuple[str, ...]
    """Ids of the stories saved (empty when nothing was)."""
    kept_path: Path | None = None
    """Where the user's unsaved text was left, when they gave up on an invalid story."""


def known_competencies(store: Store) -> set[str]:
    """Competency ids a story may name: built-in ones and those decks added."""
    return set(store.competencies()) | BUILTIN_IDS


def read_stories(store: Store, path: Path) -> list[Story]:
    """The stories in the file at ``path``, or :class:`DeckError` naming file and line."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        problem = Problem(None, f"cannot read the file ({exc.strerror})")
        raise DeckError(str(path), [problem]) from None
    return parse_stories(data, path=str(path), known_competencies=known_competencies(store))


def import_stories(store: Store, path: Path, *, dry_run: bool = False) -> StoryImportReport:
    """Add or update the stories of a file (stories missing from it are kept); all or nothing."""
    stories = read_stories(store, path)
    existing = {s.id: s for s in store.stories()}
    added = tuple(s.id for s in stories if s.id not in existing)
    updated = tuple(s.id for s in stories if s.id in existing and existing[s.id] != s)
    unchanged = tuple(s.id for s in stories if existing.get(s.id) == s)
    if not dry_run and (added or updated):
        changed = set(added) | set(updated)
        store.save_stories([s for s in stories if s.id in changed])
    return StoryImportReport(str(path), added, updated, unchanged, dry_run)


def export_stories(store: Store) -> str:
    """The whole bank as YAML that ``drill stories import`` reads back unchanged."""
    return dump_stories(store.stories())


def coverage_report(store: Store) -> Coverage:
    """How the bank covers every known competency, with gaps and overused stories."""
    return coverage(store.stories(), list(store.competencies()), store.story_usage())


def _ask_again(error: DeckError) -> bool:
    click.echo(str(error), err=True)
    return click.confirm("Edit the story again?", default=True, err=True)


def add_via_editor(
    store: Store,
    editor_cmd: str | None = None,
    *,
    ask_again: Callable[[DeckError], bool] = _ask_again,
) -> EditorOutcome:
    """Open the story template in the user's editor until it parses, then save it.

    ``editor_cmd`` overrides ``$VISUAL``/``$EDITOR``. Leaving the text unchanged or empty
    saves nothing. An invalid story goes to ``ask_again``, which shows the error and says
    whether to re-open the same text; if the user stops there (or re-saves it unchanged),
    the text is left in a file so that no work is lost.
    """
    template = story_template(store.competencies().values())
    fd, name = tempfile.mkstemp(prefix="drill-story-", suffix=".yaml")
    path = Path(name)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        out.write(template)
    previous = template
    keep = False
    try:
        while True:
            click.edit(filename=str(path), editor=editor_cmd)
            text = path.read_text(encoding="utf-8")
            if not text.strip() or text == template:
                return EditorOutcome(saved=())
            if text == previous:
                keep = True
                return EditorOutcome(saved=(), kept_path=path)
            try:
                stories = _parse_new(store, text, path)
            except DeckError as exc:
                if not ask_again(exc):
                    keep = True
                    return EditorOutcome(saved=(), kept_path=path)
                previous = text
                continue
            store.save_stories(stories)
            return EditorOutcome(saved=tuple(s.id for s in stories))
    finally:
        if not keep:
            path.unlink(missing_ok=True)


def _parse_new(store: Store, text: str, path: Path) -> list[Story]:
    stories = parse_stories(
        text.encode("utf-8"), path=str(path), known_competencies=known_competencies(store)
    )
    taken = {s.id for s in store.stories()}
    clashes = [s.id for s in stories if s.id in taken]
    if clashes:
        raise DeckError(
            str(path),
            [
                Problem(
                    _id_line(text, i),
                    f"a story with id '{i}' is already in your bank; choose "
                    "another id (to change a story, export, edit and import "
                    "the bank)",
                )
                for i in clashes
            ],
        )
    return stories


def _id_line(text: str, story_id: str) -> int | None:
    pattern = re.compile(rf"^[\s-]*id:\s*['\"]?{re.escape(story_id)}['\"]?\s*(#.*)?$")
    return next(
        (n for n, line in enumerate(text.splitlines(), start=1) if pattern.match(line)), None
    )
