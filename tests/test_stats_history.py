"""Weeks of replayed history: the stats screen, `drill stats` and `--json` agree with each other
and with figures computed here straight from the raw `reviews` and `practice` rows."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from drill import builtin
from drill.cli import main
from drill.core.model import Rating
from drill.session import ReviewSession
from drill.store import Store

START = datetime(2026, 9, 1, 18, 0, tzinfo=UTC)
DAYS = 35
WEAK = "hiring"
STRONG = "business-alignment"


def _rating(competency: str, rng: random.Random) -> Rating:
    if competency == WEAK:
        return rng.choice([Rating.AGAIN, Rating.AGAIN, Rating.HARD])
    if competency == STRONG:
        return rng.choice([Rating.GOOD, Rating.EASY])
    return rng.choice([Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.GOOD])


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("history") / "h.db"
    store = Store.open(path)
    builtin.sync(store)
    rng = random.Random(7)
    for day in range(DAYS):
        moment = START + timedelta(days=day)
        session = ReviewSession.start(store, clock=lambda m=moment: m, limit=10)
        # a short card rated Again comes back in the same session, so cap the answers
        for _ in range(25):
            step = session.current()
            if step is None:
                break
            comp = step.card.competency
            quality = None
            if step.card.type.long_answer:
                quality = 1 if comp == WEAK else (5 if comp == STRONG else rng.randint(2, 4))
            session.answer(_rating(comp, rng), quality=quality, duration_ms=20_000)
    store.close()
    yield path


def _independent(path: Path) -> dict[str, dict[str, float | int | None]]:
    store = Store.open(path)
    rows = store.conn.execute(
        "SELECT c.competency, count(*), sum(r.rating > 1) FROM reviews r "
        "JOIN cards c ON c.id = r.card_id GROUP BY 1"
    ).fetchall()
    quality = dict(
        store.conn.execute(
            "SELECT competency, avg(q) FROM (SELECT c.competency, r.quality AS q FROM reviews r "
            "JOIN cards c ON c.id = r.card_id WHERE r.quality IS NOT NULL UNION ALL "
            "SELECT c.competency, p.quality FROM practice p JOIN cards c ON c.id = p.card_id "
            "WHERE p.quality IS NOT NULL) GROUP BY 1"
        ).fetchall()
    )
    store.close()
    return {
        comp: {"reviews": n, "recall": recalled / n, "quality": quality.get(comp)}
        for comp, n, recalled in rows
    }


def test_cli_json_matches_the_raw_rows(history: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(history), "stats", "--json"])
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    expected = _independent(history)
    assert expected, "the replay produced no reviews"
    by_id = {c["id"]: c for c in document["competencies"]}
    for comp, figures in expected.items():
        assert by_id[comp]["reviews"] == figures["reviews"]
        assert by_id[comp]["recall"] == pytest.approx(figures["recall"], abs=1e-4)
        if figures["quality"] is None:
            assert by_id[comp]["quality"] is None
        else:
            assert by_id[comp]["quality"] == pytest.approx(figures["quality"], abs=1e-4)


def test_the_weak_competency_ranks_weaker_than_the_strong_one(history: Path) -> None:
    result = CliRunner().invoke(main, ["--db", str(history), "stats", "--json"])
    weakest = json.loads(result.output)["weakest"]
    assert weakest.index(WEAK) < weakest.index(STRONG)


def test_text_output_lists_the_same_ranking(history: Path) -> None:
    as_json = json.loads(CliRunner().invoke(main, ["--db", str(history), "stats", "--json"]).output)
    text = CliRunner().invoke(main, ["--db", str(history), "stats"]).output
    names = {c["id"]: c["name"] for c in as_json["competencies"]}
    positions = [text.index(f" {names[cid]} ") for cid in as_json["weakest"]]
    assert positions == sorted(positions)


async def test_stats_screen_shows_the_cli_figures(history: Path) -> None:
    from drill.tui.app import DrillApp
    from drill.tui.screens.stats import StatsScreen

    as_json = json.loads(CliRunner().invoke(main, ["--db", str(history), "stats", "--json"]).output)
    store = Store.open(history)
    app = DrillApp(store, clock=lambda: datetime.now(UTC))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.push_screen(StatsScreen())
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, StatsScreen)
        shown = {r.id: r for r in screen.rows}
        for c in as_json["competencies"]:
            row = shown[c["id"]]
            assert row.reviews == c["reviews"]
            assert (row.recall is None) == (c["recall"] is None)
            if row.recall is not None:
                assert round(row.recall, 4) == c["recall"]
            assert [r.id for r in screen.rows] == as_json["weakest"]
    store.close()


def test_memory_in_sql_and_in_python_agree(history: Path) -> None:
    from drill.core.scheduling import curve_constants

    decay, factor = curve_constants()
    now = START + timedelta(days=DAYS + 3)
    store = Store.open(history)
    in_sql = store.memory_by_competency(now, decay=decay, factor=factor)
    store.__dict__["_has_math"] = False  # the fallback for SQLite builds without math
    in_python = store.memory_by_competency(now, decay=decay, factor=factor)
    store.close()
    assert in_sql.keys() == in_python.keys()
    for comp, (cards, reviewed, mean_r) in in_sql.items():
        assert (cards, reviewed) == in_python[comp][:2]
        if mean_r is None:
            assert in_python[comp][2] is None
        else:
            assert mean_r == pytest.approx(in_python[comp][2], rel=1e-9)
