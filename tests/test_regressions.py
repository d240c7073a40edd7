"""Defects found in review, each pinned by a test."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from click.testing import CliRunner

from drill.cli import main
from drill.core.model import CardType, Rating
from drill.core.scheduling import Scheduler, SchedulerSettings

NOW = datetime(2026, 11, 20, 12, tzinfo=UTC)


def test_the_interval_shown_at_reveal_is_the_one_given_minutes_later() -> None:
    scheduler = Scheduler(SchedulerSettings(fuzz=True))
    state = None
    moment = NOW
    for rating in (Rating.GOOD, Rating.GOOD, Rating.GOOD, Rating.EASY):
        shown = scheduler.preview(state, card_id="d/c", card_type=CardType.QUESTION, now=moment)
        later = moment + timedelta(minutes=7)
        state = scheduler.review(
            state, card_id="d/c", card_type=CardType.QUESTION, rating=rating, now=later
        )
        assert (state.due_at - later).days == shown[rating].days
        moment = state.due_at


def test_a_deck_cannot_take_the_story_bank_id(tmp_path: Path) -> None:
    deck = tmp_path / "d.yaml"
    deck.write_text(
        "deck: stories\ntitle: T\ncards:\n"
        "  - {id: a, type: basic, competency: hiring, prompt: p, answer: a}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "x.db"), "import", str(deck)])
    assert result.exit_code == 1
    assert "story bank" in result.output


def test_an_unusable_db_path_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = CliRunner().invoke(main, ["--db", str(blocker / "x.db"), "decks"])
    assert result.exit_code == 1
    assert "cannot open the database" in result.output
    assert "Traceback" not in result.output
