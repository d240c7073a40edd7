"""``drill plan`` and ``drill optimize``: thin commands over planning and optimize."""

from __future__ import annotations

import sys
from collections import Counter
from datetime import date, datetime
from typing import Any

import click

from drill.cli import _echo_json, errors_to_exit, open_store
from drill.core.plan import Plan

LEFT_OUT_SHOWN = 10
"""Left-out cards listed in the text output (``--json`` lists them all)."""


@click.command()
@click.option(
    "--interview",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    metavar="YYYY-MM-DD",
    help="The interview date: set (or replace) the plan.",
)
@click.option(
    "--minutes",
    type=click.FloatRange(1, 600),
    help="Daily budget in minutes (default 20; alone, changes the active plan's budget).",
)
@click.option("--clear", is_flag=True, help="End the plan; normal scheduling resumes.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
@errors_to_exit
def plan(
    ctx: click.Context,
    interview: datetime | None,
    minutes: float | None,
    clear: bool,
    as_json: bool,
) -> None:
    """Pace new cards toward an interview date within a daily time budget.

    While a plan is active no reviewed card falls due after the interview day, and the
    day's new cards follow the plan: the weakest competencies and the dimensions furthest
    behind first, question, reframe and story cards before basic ones. Without options,
    shows the active plan.

    \b
    Examples:
        drill plan --interview 2026-06-15 --minutes 25
        drill plan                  # the active plan, recomputed from today
        drill plan --json
        drill plan --clear
    """
    from drill import planning
    from drill.session import utc_now

    if clear and (interview or minutes):
        raise click.UsageError("--clear cannot be combined with --interview or --minutes")
    store = open_store(ctx)
    now = utc_now()
    if clear:
        previous = planning.stored_plan(store)
        ended = planning.clear_plan(store)
        if as_json:
            _echo_json({"cleared": ended})
        elif previous is not None:
            click.echo(
                f"Plan for {previous.interview.isoformat()} ended; normal scheduling resumes."
            )
        else:
            click.echo("No plan was active.")
        return
    stored = planning.stored_plan(store)
    if interview is None and minutes is not None:
        if stored is None:
            raise click.UsageError("no plan yet: give --interview YYYY-MM-DD")
        interview_day: date | None = stored.interview
    else:
        interview_day = interview.date() if interview else None
    if interview_day is not None:
        budget = minutes or (stored.minutes_per_day if stored else None)
        result = planning.set_plan(
            store, interview_day, budget or planning.DEFAULT_MINUTES_PER_DAY, now
        )
    else:
        active = planning.current_plan(store, now)
        if active is None:
            if as_json:
                _echo_json(None)
            else:
                click.echo(
                    "No interview plan. Set one with: drill plan --interview YYYY-MM-DD "
                    "[--minutes 20]"
                )
            return
        result = active
    if as_json:
        _echo_json(result.to_json())
    else:
        click.echo(plan_text(result))


def plan_text(plan: Plan) -> str:
    """A plan in plain words, with its day-by-day forecast and what was left out."""
    from drill import textout

    m = f"{plan.minutes_per_day:g}"
    days = "1 day" if plan.days_left == 1 else f"{plan.days_left} days"
    lines = [
        f"Interview {plan.interview.isoformat()}: {days} left, {m} minutes a day.",
        f"New cards: {len(plan.planned)} of {plan.unseen} unseen planned, "
        f"{plan.new_per_day} today; the last come on {plan.last_new_day.isoformat()}.",
    ]
    if plan.behind_dimension:
        lines.append(f"Furthest behind: {textout.cell(plan.behind_dimension)}.")
    window = "day" if plan.final_window_days == 1 else f"{plan.final_window_days} days"
    lines.append(
        f"Reviews that would fall after the interview come back in its last {window}; "
        f"{_cards(plan.interview_day_due)} fall due on the interview day itself: "
        "a refresh, do what you can."
    )
    lines += [
        "",
        textout.table(
            ["date", "due", "new", "minutes"],
            [[f.day.isoformat(), f.due, f.new, round(f.minutes, 1)] for f in plan.forecast],
        ),
    ]
    over = plan.over_budget()
    if over:
        count = "1 day" if len(over) == 1 else f"{len(over)} days"
        lines += [
            "",
            f"Over budget on {count} (first {over[0].day.isoformat()}: "
            f"{over[0].minutes:.0f} minutes): reviews already scheduled need more than "
            f"{m} minutes; a larger --minutes fits more.",
        ]
    if plan.left_out:
        reasons = Counter(o.reason for o in plan.left_out)
        lines += ["", f"Left out ({len(plan.left_out)}):"]
        lines += [f"  {textout.cell(reason)}: {_cards(count)}" for reason, count in reasons.items()]
        shown = plan.left_out[:LEFT_OUT_SHOWN]
        lines.append(
            textout.table(
                ["card", "type", "competency"],
                [[o.card_id, o.type.value, o.competency] for o in shown],
            )
        )
        if len(plan.left_out) > len(shown):
            lines.append(
                f"… and {len(plan.left_out) - len(shown)} more (drill plan --json lists them all)"
            )
    return "\n".join(lines)


def _cards(count: int) -> str:
    return "1 card" if count == 1 else f"{count} cards"


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--dry-run", is_flag=True, help="Fit and compare, change nothing.")
@click.pass_context
@errors_to_exit
def optimize(ctx: click.Context, as_json: bool, dry_run: bool) -> None:
    """Fit FSRS parameters to your own review history; adopt them only if they predict better.

    The earlier 75% of your reviews fit the parameters and the later 25% judge them: the
    fitted ones are adopted only when they predict those later reviews better than the
    current ones (lower log loss and binned RMSE). Needs at least 400 reviews.

    \b
    Examples:
        drill optimize --dry-run
        drill optimize --json
    """
    from drill import optimize as optimizing

    store = open_store(ctx)
    bar = _ProgressBar() if sys.stderr.isatty() else None
    try:
        result = optimizing.optimize(store, dry_run=dry_run, progress=bar)
    finally:
        if bar is not None:
            bar.close()
    if as_json:
        _echo_json(result.to_json())
    else:
        click.echo(result.text())


class _ProgressBar:
    """A click progress bar on stderr, drawn once the amount of work is known."""

    def __init__(self) -> None:
        self._bar: Any = None
        self._done = 0

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            self._bar = click.progressbar(
                length=total, label="Fitting and scoring", file=sys.stderr
            )
        self._bar.update(done - self._done)
        self._done = done

    def close(self) -> None:
        """Finish the bar's line."""
        if self._bar is not None:
            self._bar.render_finish()


COMMANDS: tuple[click.Command, ...] = (plan, optimize)
"""The commands this module adds to ``drill``."""
