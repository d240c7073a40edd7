"""``drill stories``: the user's story bank from the command line."""

from __future__ import annotations

import json
from pathlib import Path

import click

from drill import storybank, textout
from drill.cli import DataError, errors_to_exit, open_store, output_option, write_output
from drill.core.model import STORY_TEXT_FIELDS, Story
from drill.core.stories import MIN_STORIES_PER_COMPETENCY, Coverage, story_signals

_MARK = "●"
_BLANK = "·"


def _echo_json(document: object) -> None:
    click.echo(json.dumps(document, indent=2, ensure_ascii=False))


@click.group()
def stories() -> None:
    """Your story bank: the experiences you tell in interviews, in STAR form.

    Each story is mapped to the competencies it can answer, and drill makes one
    practice card per (story, competency) in the deck 'stories'.

    \b
    Example:
        drill stories import my-stories.yaml
        drill stories coverage
    """


@stories.command()
@click.option(
    "--editor", "editor_cmd", metavar="CMD", help="Editor command (default: $VISUAL or $EDITOR)."
)
@click.pass_context
@errors_to_exit
def add(ctx: click.Context, editor_cmd: str | None) -> None:
    """Write a new story in your editor, from a commented template.

    Close the editor without changes to cancel. If the story has a mistake you
    are shown where and can edit it again.

    \b
    Example:
        EDITOR=nano drill stories add
    """
    store = open_store(ctx)
    outcome = storybank.add_via_editor(store, editor_cmd)
    if outcome.kept_path is not None:
        raise DataError(
            f"nothing saved; your text is in {outcome.kept_path} "
            f"(fix it, then run: drill stories import {outcome.kept_path})"
        )
    if not outcome.saved:
        click.echo("nothing saved (the story was left unchanged)", err=True)
        return
    for story_id in outcome.saved:
        click.echo(f"added story {story_id}")


@stories.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (every field of every story).")
@click.pass_context
@errors_to_exit
def list_(ctx: click.Context, as_json: bool) -> None:
    """List your stories with the competencies each can answer.

    With --json every field is printed, plus the leadership signals each
    story shows (what 'drill analyze' finds in it).

    \b
    Example:
        drill stories list --json
    """
    bank = open_store(ctx).stories()
    if as_json:
        _echo_json([_story_json(s) for s in bank])
        return
    if not bank:
        click.echo(
            "No stories yet. Add one with 'drill stories add' or 'drill stories import FILE'."
        )
        return
    click.echo(
        textout.table(
            ["id", "title", "competencies"],
            [[s.id, s.title, ", ".join(s.competencies)] for s in bank],
        )
    )


def _story_json(story: Story) -> dict[str, object]:
    document: dict[str, object] = {
        "id": story.id,
        "title": story.title,
        "competencies": list(story.competencies),
    }
    document.update(zip(STORY_TEXT_FIELDS, story.text_fields, strict=True))
    document["signals"] = list(story_signals(story))
    return document


@stories.command("import")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check and report, write nothing.")
@click.pass_context
@errors_to_exit
def import_(ctx: click.Context, file: Path, dry_run: bool) -> None:
    """Add or update stories from a YAML file (stories not in it are kept).

    A story whose competencies changed gets cards for the new ones; cards of
    competencies it lost are retired, keeping their history. Any error in the
    file is reported with its line and nothing is written.

    \b
    Example:
        drill stories import my-stories.yaml --dry-run
    """
    report = storybank.import_stories(open_store(ctx), file, dry_run=dry_run)
    prefix = "would import (dry run)" if dry_run else "imported"
    click.echo(
        f"{prefix} stories: {len(report.added)} added, {len(report.updated)} updated, "
        f"{len(report.unchanged)} unchanged"
    )


@stories.command()
@output_option
@click.pass_context
@errors_to_exit
def export(ctx: click.Context, output: Path | None) -> None:
    """Write the whole story bank as YAML that 'drill stories import' reads back.

    \b
    Example:
        drill stories export -o my-stories.yaml
    """
    write_output(storybank.export_stories(open_store(ctx)), output)


@stories.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@errors_to_exit
def coverage(ctx: click.Context, as_json: bool) -> None:
    """Which stories can answer each competency; gaps and overused stories.

    A competency with fewer than two stories is a gap: one story cannot carry
    every question and follow-up. A story mapped to more than four competencies,
    or picked for more than 40% of your answers, is overused.

    \b
    Example:
        drill stories coverage --json
    """
    store = open_store(ctx)
    report = storybank.coverage_report(store)
    if as_json:
        _echo_json(report.to_json())
        return
    names = {c.id: c.name for c in store.competencies().values()}
    click.echo(_coverage_text(report, store.stories(), names))


def _coverage_text(report: Coverage, bank: list[Story], names: dict[str, str]) -> str:
    """A competencies-by-stories matrix, then a legend, the gaps and the overused stories."""
    columns = [str(n) for n in range(1, len(bank) + 1)]
    rows = []
    for row in report.competencies:
        mapped = set(row.stories)
        count = len(row.stories)
        flag = "none" if count == 0 else "only one" if row.gap else ""
        rows.append(
            [
                names.get(row.id, row.id),
                *(_MARK if s.id in mapped else _BLANK for s in bank),
                count,
                flag,
            ]
        )
    lines = [textout.table(["competency", *columns, "stories", "gap"], rows)]
    if bank:
        lines.append("")
        width = max(len(s.id) for s in bank)
        lines += [
            f"{n:>3}  {s.id:<{width}}  {textout.cell(s.title)}" for n, s in enumerate(bank, start=1)
        ]
    else:
        lines += ["", "No stories yet. Add one with 'drill stories add'."]
    lines.append("")
    if report.gaps:
        lines.append(
            f"Gaps: {len(report.gaps)} of {len(report.competencies)} competencies have fewer "
            f"than {MIN_STORIES_PER_COMPETENCY} stories."
        )
    else:
        lines.append(
            f"No gaps: every competency has at least {MIN_STORIES_PER_COMPETENCY} stories."
        )
    for over in report.overuse:
        lines.append(f"Overused: {over.story_id} — {'; '.join(over.reasons)}")
    return "\n".join(lines)


@stories.command()
@click.argument("story_id", metavar="ID")
@click.option("--yes", is_flag=True, help="Do not ask for confirmation.")
@click.pass_context
@errors_to_exit
def delete(ctx: click.Context, story_id: str, yes: bool) -> None:
    """Delete a story; its cards are retired and their review history is kept.

    \b
    Example:
        drill stories delete old-migration --yes
    """
    store = open_store(ctx)
    story = store.story(story_id)
    if story is None:
        raise DataError(f"error: no story '{story_id}'")
    if not yes:
        click.confirm(
            f"Delete story '{story.id}' ({textout.cell(story.title)}) and retire its "
            f"{len(story.competencies)} cards?",
            abort=True,
            err=True,
        )
    store.delete_story(story.id)
    click.echo(f"deleted story {story.id}")
