"""The command line: thin commands over the library; ``drill`` alone opens the TUI."""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from drill import __version__, launch
from drill.core.errors import DeckError
from drill.store import CardFilter, Store, StoreError

F = TypeVar("F", bound=Callable[..., Any])


class DataError(click.ClickException):
    """Bad input or data: message on stderr, exit 1."""

    exit_code = 1

    def show(self, file: Any = None) -> None:
        click.echo(self.format_message(), err=True)


def errors_to_exit(func: F) -> F:
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DeckError as exc:
            raise DataError(str(exc)) from None
        except (StoreError, ValueError) as exc:
            raise DataError(f"error: {exc}") from None

    return wrapper  # type: ignore[return-value]


def open_store(ctx: click.Context) -> Store:
    """The database for this invocation, created and loaded with built-in decks if new."""
    obj = ctx.ensure_object(dict)
    if "store" not in obj:
        from drill import builtin
        from drill.paths import default_db

        path = obj.get("db") or default_db()
        store = Store.open(path)
        ctx.call_on_close(store.close)
        try:
            builtin.sync(store)
        except DeckError as exc:
            raise DataError(f"built-in decks are damaged: {exc}") from None
        obj["store"] = store
    return obj["store"]  # type: ignore[no-any-return]


output_option = click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write to a file instead of standard output.",
)
"""The ``-o/--output FILE`` option of export commands."""


def _echo_json(document: object) -> None:
    click.echo(json.dumps(document, indent=2, ensure_ascii=False))


class _LazyGroup(click.Group):
    """A group whose larger subcommands are imported only when used (keeps start-up short)."""

    LAZY = {
        "stories": ("drill.cli_stories", "stories"),
        "plan": ("drill.cli_plan", "plan"),
        "optimize": ("drill.cli_plan", "optimize"),
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *self.LAZY})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.LAZY and cmd_name not in self.commands:
            import importlib

            module, name = self.LAZY[cmd_name]
            self.add_command(getattr(importlib.import_module(module), name), cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(
    cls=_LazyGroup,
    invoke_without_command=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
@click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="DRILL_DB",
    help="Database file (default: drill.db in your user data folder; env DRILL_DB).",
)
@click.version_option(__version__, prog_name="drill")
@click.pass_context
def main(ctx: click.Context, db: Path | None) -> None:
    """Spaced-repetition drills for engineering-manager interviews.

    Run with no command to open the app. Examples:

    \b
        drill                      # home screen: what is due, your weakest areas
        drill review --limit 10    # straight into a 10-card session
        drill --db ~/em.db stats --json
    """
    ctx.ensure_object(dict)["db"] = db
    if ctx.invoked_subcommand not in _APP_COMMANDS:
        launch.resume()  # only the app's start is worth pausing the cycle collector for
    if ctx.invoked_subcommand is None:
        _run_tui(ctx, start_review=False)


_APP_COMMANDS = (None, "review", "mock")
"""Invocations that open the app (None: no command), which resumes the cycle collector
itself once its first frame is drawn."""


def _run_tui(ctx: click.Context, **kwargs: Any) -> None:
    store = errors_to_exit(open_store)(ctx)
    from drill.tui.app import AlreadyOpen, run

    try:
        run(store, **kwargs)
    except AlreadyOpen as exc:
        raise DataError(str(exc)) from None


@main.command()
@click.option("--deck", "deck_id", help="Only cards of this deck.")
@click.option("--competency", help="Only cards of this competency.")
@click.option("--limit", type=click.IntRange(1, 500), help="Session size (default: your setting).")
@click.pass_context
@errors_to_exit
def review(
    ctx: click.Context, deck_id: str | None, competency: str | None, limit: int | None
) -> None:
    """Open a review session straight away.

    \b
    Example:
        drill review --competency hiring --limit 8
    """
    store = open_store(ctx)
    if competency and competency not in store.competencies():
        raise DataError(f"error: unknown competency '{competency}'")
    if deck_id and deck_id not in {d.id for d in _decks(store)}:
        raise DataError(f"error: unknown deck '{deck_id}'")
    _run_tui(ctx, start_review=True, where=CardFilter(deck_id, competency), limit=limit)


def _decks(store: Store) -> list[Any]:
    from drill.core.scheduling import next_day_start
    from drill.session import utc_now

    now = utc_now()
    return store.decks(now, next_day_start(now, rollover_hour=store.settings().rollover_hour))


@main.command()
@click.pass_context
@errors_to_exit
def mock(ctx: click.Context) -> None:
    """A timed mock loop: five questions across the four dimensions, reviewed at the end.

    Answers are kept as practice: they feed the weakness picture but leave the
    schedule alone.

    \b
    Example:
        drill mock
    """
    _run_tui(ctx, start_mock=True)


@main.command()
@click.argument("source", default="-", type=click.File("r", encoding="utf-8"))
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--expects", help="Comma-separated signals the answer should show, listed first.")
@errors_to_exit
def analyze(source: Any, as_json: bool, expects: str | None) -> None:
    """Say which leadership signals a typed answer shows, with evidence, and which are missing.

    Reads FILE, or standard input when FILE is - or absent. Evidence is the phrase a rule
    matched; "likely:" marks a signal only the learned model saw (answers of 40 words or
    more), quoting the sentence it weighs most. Read those as prompts to check.

    \b
    Examples:
        drill analyze answer.txt
        pbpaste | drill analyze --json
    """
    from drill.core.analysis import SIGNALS
    from drill.core.analysis import analyze as run_analysis

    wanted = tuple(s.strip() for s in (expects or "").split(",") if s.strip())
    unknown = [s for s in wanted if s not in SIGNALS]
    if unknown:
        raise DataError(
            f"error: unknown signal(s) {', '.join(unknown)} (one of: {', '.join(SIGNALS)})"
        )
    text = source.read()
    if not text.strip():
        raise DataError("error: the answer is empty")
    result = run_analysis(text, wanted)
    if as_json:
        _echo_json(result.to_json())
        return
    from drill import textout

    click.echo(
        f"{result.words} words, about "
        f"{result.speaking_seconds // 60}:{result.speaking_seconds % 60:02d} "
        f"spoken; 'I' {result.i_count}, 'we' {result.we_count}"
    )
    for signal in SIGNALS:
        if result.signals[signal]:
            evidence = "; ".join(result.evidence.get(signal, ())[:2])
            if signal in result.learned:
                evidence = "likely: " + evidence
            click.echo(f"  ✓ {signal:<13}{textout.cell(evidence)}")
    if result.missing:
        click.echo("  missing: " + ", ".join(result.missing))


@main.command("import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Check and report, write nothing.")
@click.option("--prune", is_flag=True, help="Delete cards that left a deck (and their history).")
@click.option("--deck", "deck_id", help="Deck id for CSV/TSV files (default: the file name).")
@click.pass_context
@errors_to_exit
def import_(
    ctx: click.Context, paths: tuple[Path, ...], dry_run: bool, prune: bool, deck_id: str | None
) -> None:
    """Import decks (YAML, CSV/TSV, Anki .apkg) or a review history (.jsonl).

    All files are one transaction: if any has an error, every error is shown and
    nothing is written. Re-importing an edited deck updates its cards and keeps
    their history; cards that left the deck are retired (suspended).

    \b
    Example:
        drill import my-deck.yaml sheet.csv --dry-run
    """
    from drill import importing

    store = open_store(ctx)
    importing.run(store, list(paths), dry_run=dry_run, prune=prune, deck_id=deck_id)


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@errors_to_exit
def decks(ctx: click.Context, as_json: bool) -> None:
    """List decks with card, new and due counts.

    \b
    Example:
        drill decks --json
    """
    rows = _decks(open_store(ctx))
    if as_json:
        _echo_json(
            [
                {"id": d.id, "title": d.title, "cards": d.cards, "new": d.new, "due": d.due}
                for d in rows
            ]
        )
        return
    from drill import textout

    click.echo(
        textout.table(
            ["deck", "title", "cards", "new", "due", "suspended"],
            [[d.id, d.title, d.cards, d.new, d.due, d.suspended] for d in rows],
        )
    )


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@errors_to_exit
def due(ctx: click.Context, as_json: bool) -> None:
    """Cards due now and later today, per competency.

    \b
    Example:
        drill due --json
    """
    from drill.metrics import due_report
    from drill.session import utc_now

    store = open_store(ctx)
    report = due_report(store, utc_now())
    if as_json:
        _echo_json(report.to_json())
        return
    from drill import textout

    click.echo(
        f"Due now: {report.due_now}   later today: {report.due_today - report.due_now}   "
        f"new available: {report.new_available}"
    )
    comps = store.competencies()
    click.echo(
        textout.table(
            ["competency", "due now", "due today"],
            [
                [comps[c.id].name if c.id in comps else c.id, c.due_now, c.due_today]
                for c in report.competencies
            ],
        )
    )


@main.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--days", type=click.IntRange(1, 3650), help="Only reviews of the last N days.")
@click.option("--competency", help="One competency's weekly trend.")
@click.pass_context
@errors_to_exit
def stats(ctx: click.Context, as_json: bool, days: int | None, competency: str | None) -> None:
    """Per-competency recall, quality, memory, coverage and weakness, weakest first.

    \b
    Examples:
        drill stats
        drill stats --days 28 --json
        drill stats --competency hiring
    """
    from drill import reports

    store = open_store(ctx)
    if competency:
        document = reports.trend(store, competency, days=days)
        if as_json:
            _echo_json(document)
        else:
            click.echo(reports.trend_text(document))
        return
    document = reports.stats_document(store, days=days)
    if as_json:
        _echo_json(document)
    else:
        click.echo(reports.stats_text(document))


@main.group()
def export() -> None:
    """Export a deck as YAML or the review history as CSV/JSONL.

    \b
    Examples:
        drill export deck em-communication > communication.yaml
        drill export reviews --format jsonl -o history.jsonl
    """


@export.command("deck")
@click.argument("deck_id")
@output_option
@click.pass_context
@errors_to_exit
def export_deck(ctx: click.Context, deck_id: str, output: Path | None) -> None:
    """Write a deck back as YAML that imports to the same deck.

    \b
    Example:
        drill export deck em-communication -o communication.yaml
    """
    from drill.core.decks import dump_deck

    text = dump_deck(open_store(ctx).deck(deck_id))
    write_output(text, output)


@export.command("reviews")
@click.option(
    "--format", "fmt", type=click.Choice(["csv", "jsonl"]), default="csv", show_default=True
)
@output_option
@click.pass_context
@errors_to_exit
def export_reviews(ctx: click.Context, fmt: str, output: Path | None) -> None:
    """Write the review history (CSV for FSRS optimizer tools, or JSONL).

    \b
    Example:
        drill export reviews --format jsonl -o history.jsonl
    """
    from drill.importers import history

    store = open_store(ctx)
    text = history.to_csv(store.reviews()) if fmt == "csv" else history.to_jsonl(store.reviews())
    write_output(text, output)


def write_output(text: str, output: Path | None) -> None:
    """Print ``text``, or write it to ``output`` whole (via a temporary file) and say so."""
    if output is None:
        sys.stdout.write(text)
        return
    tmp = output.with_name(output.name + ".tmp")
    try:
        tmp.write_text(text, encoding="utf-8")
        tmp.replace(output)
    except OSError as exc:
        raise DataError(f"error: cannot write {output}: {exc.strerror}") from None
    click.echo(f"wrote {output}", err=True)


@main.command()
@click.option("--no-backup", is_flag=True, help="Skip the backup copy.")
@click.option("--check-only", is_flag=True, help="Report problems without repairing them.")
@click.pass_context
@errors_to_exit
def doctor(ctx: click.Context, no_backup: bool, check_only: bool) -> None:
    """Check the database, back it up, and repair what is safe to repair.

    Repairs touch only derived data (the stats summary, orphaned states, due dates
    before the last review); reviews are never deleted.

    \b
    Example:
        drill doctor
    """
    from datetime import datetime

    from drill.store import doctor as run_doctor

    store = open_store(ctx)
    backup = None
    if not no_backup and store.path != ":memory:":
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        backup = Path(store.path).with_name(Path(store.path).name + f".backup-{stamp}")
    findings = run_doctor(store, backup_to=backup, repair=not check_only)
    problems = [f for f in findings if not f.what.startswith("backup")]
    for f in findings:
        click.echo(("repaired: " if f.repaired and f in problems else "") + f.what)
    if not problems:
        click.echo(f"{store.path}: no problems found")
    if any(f.what.startswith("integrity") for f in findings):
        raise DataError("error: the database file is damaged; restore a backup")


@main.command()
def schema() -> None:
    """Print the JSON Schema of the deck format (for editor validation).

    \b
    Example:
        drill schema > drill-deck.schema.json
    """
    from drill.paths import deck_schema

    click.echo(deck_schema().read_text(encoding="utf-8"), nl=False)
