"""The command line: help, JSON shapes, exit codes, imports, exports and bad input."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from drill import __version__, builtin
from drill.cli import main
from drill.core.decks import parse_deck
from drill.core.model import CardType, Rating, Review, State
from drill.core.scheduling import Scheduler, SchedulerSettings
from drill.core.settings import Settings
from drill.paths import builtin_deck_files
from drill.store import Store, new_review_id

BAD_DECKS = Path(__file__).parent / "data" / "bad_decks"
EXPECTED_BAD = json.loads((BAD_DECKS / "expected.json").read_text(encoding="utf-8"))
DECK = b"""\
deck: mine
title: Mine
cards:
  - {id: one, type: question, competency: hiring, prompt: First?}
  - {id: two, type: basic, competency: hiring, prompt: Second?, answer: A}
  - {id: three, type: basic, competency: org-strategy, prompt: Third?, answer: B}
"""
CSV_COLUMNS = [
    "card_id",
    "review_time",
    "review_rating",
    "review_state",
    "review_duration",
    "quality",
    "review_id",
    "reviewed_at",
]
SCHEDULER = Scheduler(SchedulerSettings(fuzz=False))


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test may touch the real user data folder or inherit a DRILL_DB."""
    monkeypatch.setenv("DRILL_DATA_DIR", str(tmp_path / "data-dir"))
    monkeypatch.delenv("DRILL_DB", raising=False)


def drill(runner: CliRunner, db: Path, *args: str, **kwargs: Any) -> Result:
    """``drill --db DB ARGS``, in process."""
    return runner.invoke(main, ["--db", str(db), *args], **kwargs)


def ok(result: Result) -> Result:
    """The result, after checking the command succeeded."""
    assert result.exit_code == 0, (result.output, result.exception)
    return result


def make_db(path: Path) -> None:
    """A database with the built-in decks, as the CLI would create it."""
    with Store.open(path) as store:
        builtin.sync(store)


def seed_reviews(path: Path, start: datetime, cards: int = 3, rounds: int = 3) -> list[str]:
    """Review the first few built-in question cards several times each, fuzz off."""
    make_db(path)
    with Store.open(path) as store:
        card_ids = sorted(
            c.card_id
            for c in store.new_cards(start, per_competency=1)
            if c.type is CardType.QUESTION
        )[:cards]
        for number, card_id in enumerate(card_ids):
            card = store.card(card_id)
            state = None
            at = start + timedelta(minutes=number)
            for index in range(rounds):
                rating = Rating.AGAIN if index == 1 else Rating.GOOD
                after = SCHEDULER.review(
                    state, card_id=card_id, card_type=card.type, rating=rating, now=at
                )
                store.record_review(
                    Review(
                        new_review_id(),
                        card_id,
                        at,
                        rating,
                        quality=index + 2,
                        duration_ms=30_000 + index,
                        state_before=state.state if state else State.NEW,
                    ),
                    after,
                    competency=card.competency,
                )
                state = after
                at = after.due_at
    return card_ids


def states(path: Path, card_ids: list[str]) -> list[tuple[Any, ...]]:
    """The stored card_state rows of some cards."""
    with Store.open(path) as store:
        return [store.state_row(card_id) for card_id in card_ids]  # type: ignore[misc]


# --- help, version, usage ---------------------------------------------------------------


def _command_paths(group: click.Group, prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    yield prefix
    ctx = click.Context(group)
    for name in sorted(group.list_commands(ctx)):
        command = group.get_command(ctx, name)
        assert command is not None, name
        if isinstance(command, click.Group):
            yield from _command_paths(command, (*prefix, name))
        else:
            yield (*prefix, name)


HELP_PATHS = [pytest.param(path, id=" ".join(path) or "drill") for path in _command_paths(main)]


@pytest.mark.parametrize("path", HELP_PATHS)
def test_every_command_has_help_with_an_example(runner: CliRunner, path: tuple[str, ...]) -> None:
    result = ok(runner.invoke(main, [*path, "--help"]))
    assert "Usage:" in result.stdout
    assert "Example" in result.stdout


def test_the_commands_of_the_contract_exist() -> None:
    assert {"review", "import", "decks", "due", "stats", "export"} <= set(main.commands)


def test_version(runner: CliRunner) -> None:
    result = ok(runner.invoke(main, ["--version"]))
    assert __version__ in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        ["decks", "--bogus"],
        ["--bogus", "decks"],
        ["no-such-command"],
        ["import"],
        ["stats", "--days", "0"],
        ["export", "reviews", "--format", "xml"],
        ["decks", "--db", "elsewhere.db"],
    ],
    ids=[
        "unknown-option",
        "unknown-global",
        "unknown-command",
        "missing-argument",
        "out-of-range",
        "bad-choice",
        "global-option-after-command",
    ],
)
def test_usage_errors_exit_2(runner: CliRunner, tmp_path: Path, args: list[str]) -> None:
    result = drill(runner, tmp_path / "t.db", *args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output


def test_db_goes_before_the_command(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "sub" / "x.db"
    ok(runner.invoke(main, ["--db", str(db), "stats", "--json"]))
    assert db.exists()


def test_drill_db_environment_variable(runner: CliRunner, tmp_path: Path) -> None:
    from_env = tmp_path / "env.db"
    decks = json.loads(
        ok(runner.invoke(main, ["decks", "--json"], env={"DRILL_DB": str(from_env)})).stdout
    )
    assert from_env.exists()
    assert decks
    explicit = tmp_path / "explicit.db"
    other = tmp_path / "unused.db"
    ok(runner.invoke(main, ["--db", str(explicit), "decks"], env={"DRILL_DB": str(other)}))
    assert explicit.exists()
    assert not other.exists()


# --- JSON documents ---------------------------------------------------------------------


def test_decks_json_shape(runner: CliRunner, db_path: Path) -> None:
    decks = json.loads(ok(drill(runner, db_path, "decks", "--json")).stdout)
    assert isinstance(decks, list)
    for deck in decks:
        assert set(deck) == {"id", "title", "cards", "new", "due"}
        assert isinstance(deck["id"], str) and isinstance(deck["title"], str)
        assert all(type(deck[k]) is int for k in ("cards", "new", "due"))
    files = {parse_deck(p.read_bytes(), path=str(p)) for p in builtin_deck_files()}
    assert {(d["id"], d["cards"], d["new"], d["due"]) for d in decks} == {
        (f.id, len(f.cards), len(f.cards), 0) for f in files
    }


def test_due_json_shape(runner: CliRunner, db_path: Path) -> None:
    document = json.loads(ok(drill(runner, db_path, "due", "--json")).stdout)
    assert set(document) == {"due_now", "due_today", "new_available", "competencies"}
    assert all(type(document[k]) is int for k in ("due_now", "due_today", "new_available"))
    assert document["new_available"] == Settings().new_per_day
    ids = []
    for entry in document["competencies"]:
        assert set(entry) == {"id", "due_now", "due_today"}
        assert type(entry["due_now"]) is int and type(entry["due_today"]) is int
        ids.append(entry["id"])
    assert len(ids) == len(set(ids)) >= 11


def test_due_json_counts_reviewed_cards_that_are_due(runner: CliRunner, db_path: Path) -> None:
    card_ids = seed_reviews(db_path, datetime.now(UTC) - timedelta(days=200), cards=2, rounds=1)
    document = json.loads(ok(drill(runner, db_path, "due", "--json")).stdout)
    assert document["due_now"] == document["due_today"] == 2
    assert sum(c["due_now"] for c in document["competencies"]) == 2
    with Store.open(db_path) as store:
        competencies = {store.card(card_id).competency for card_id in card_ids}
    assert {c["id"] for c in document["competencies"] if c["due_now"]} == competencies


STATS_FIELDS: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "name": str,
    "dimension": str,
    "cards": int,
    "reviewed": int,
    "reviews": int,
    "recall": (float, type(None)),
    "quality": (float, type(None)),
    "retrievability": (float, type(None)),
    "weakness": float,
}


def check_stats(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Check the ``drill stats --json`` contract; return the competencies by id."""
    assert {"competencies", "weakest"} <= set(document)
    by_id = {}
    for entry in document["competencies"]:
        for key, kind in STATS_FIELDS.items():
            assert key in entry, key
            assert isinstance(entry[key], kind), (key, entry[key])
        assert 0.0 <= entry["weakness"] <= 1.0
        by_id[entry["id"]] = entry
    assert sorted(document["weakest"]) == sorted(by_id)
    weakness = [by_id[cid]["weakness"] for cid in document["weakest"]]
    assert weakness == sorted(weakness, reverse=True)
    return by_id


def test_stats_json_shape_without_reviews(runner: CliRunner, db_path: Path) -> None:
    by_id = check_stats(json.loads(ok(drill(runner, db_path, "stats", "--json")).stdout))
    assert len(by_id) == 11
    for entry in by_id.values():
        assert (entry["recall"], entry["quality"], entry["retrievability"]) == (None, None, None)
        assert entry["reviews"] == 0


def test_stats_json_with_reviews_and_a_window(runner: CliRunner, db_path: Path) -> None:
    card_ids = seed_reviews(db_path, datetime.now(UTC) - timedelta(days=400), cards=1, rounds=3)
    with Store.open(db_path) as store:
        competency = store.card(card_ids[0]).competency
    whole = check_stats(json.loads(ok(drill(runner, db_path, "stats", "--json")).stdout))
    entry = whole[competency]
    assert entry["reviews"] == 3
    assert entry["reviewed"] == 1
    assert entry["recall"] == pytest.approx(2 / 3, abs=1e-4)
    assert entry["quality"] == pytest.approx(3.0)
    assert 0.0 < entry["retrievability"] < 1.0
    recent = check_stats(
        json.loads(ok(drill(runner, db_path, "stats", "--json", "--days", "30")).stdout)
    )
    assert recent[competency]["reviews"] == 0


def test_json_output_is_only_json(runner: CliRunner, db_path: Path) -> None:
    for command in (["decks", "--json"], ["due", "--json"], ["stats", "--json"]):
        result = ok(drill(runner, db_path, *command))
        json.loads(result.stdout)
        assert result.stderr == ""


# --- import -----------------------------------------------------------------------------


def test_import_dry_run_writes_nothing(
    runner: CliRunner, db_path: Path, tmp_path: Path, db_dump: Callable[[Path], list[str]]
) -> None:
    make_db(db_path)
    deck = tmp_path / "mine.yaml"
    deck.write_bytes(DECK)
    before = db_dump(db_path)
    result = ok(drill(runner, db_path, "import", str(deck), "--dry-run"))
    assert "mine: 3 added" in result.stdout
    assert "dry run" in result.stdout
    assert db_dump(db_path) == before


def test_importing_the_same_deck_twice_reports_unchanged(
    runner: CliRunner, db_path: Path, tmp_path: Path
) -> None:
    deck = tmp_path / "mine.yaml"
    deck.write_bytes(DECK)
    first = ok(drill(runner, db_path, "import", str(deck)))
    assert "mine: 3 added, 0 updated, 0 unchanged" in first.stdout
    second = ok(drill(runner, db_path, "import", str(deck)))
    assert "mine: 0 added, 0 updated, 3 unchanged" in second.stdout


def test_one_bad_file_stops_the_whole_import(
    runner: CliRunner, db_path: Path, tmp_path: Path, db_dump: Callable[[Path], list[str]]
) -> None:
    make_db(db_path)
    good = tmp_path / "good.yaml"
    good.write_bytes(DECK)
    bad_key = BAD_DECKS / "unknown-key.yaml"
    bad_type = BAD_DECKS / "unknown-type.yaml"
    before = db_dump(db_path)
    result = drill(runner, db_path, "import", str(good), str(bad_key), str(bad_type))
    assert result.exit_code == 1
    assert f"{bad_key}:9:" in result.stderr
    assert f"{bad_type}:5:" in result.stderr
    assert db_dump(db_path) == before


def test_a_removed_card_is_retired_and_prune_deletes_it(
    runner: CliRunner, db_path: Path, tmp_path: Path
) -> None:
    deck = tmp_path / "mine.yaml"
    deck.write_bytes(DECK)
    ok(drill(runner, db_path, "import", str(deck)))
    deck.write_bytes(DECK.rsplit(b"  - ", 1)[0])
    retired = ok(drill(runner, db_path, "import", str(deck)))
    assert "mine: 0 added, 0 updated, 2 unchanged, 1 retired" in retired.stdout
    with Store.open(db_path) as store:
        assert store.is_suspended("mine/three")
    pruned = ok(drill(runner, db_path, "import", str(deck), "--prune"))
    assert "1 deleted" in pruned.stdout
    with Store.open(db_path) as store:
        assert "mine/three" not in store.card_ids()


def test_a_file_that_is_not_a_database_is_a_data_error(runner: CliRunner, tmp_path: Path) -> None:
    db = tmp_path / "notes.db"
    db.write_text("these are my notes, not a database " * 10, encoding="utf-8")
    result = drill(runner, db, "decks")
    assert result.exit_code == 1
    assert "not a database" in result.stderr
    assert "Traceback" not in result.output
    assert db.read_text(encoding="utf-8").startswith("these are my notes")


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("missing.yaml", None, "cannot read"),
        ("notes.txt", b"hello", "unknown file type"),
    ],
)
def test_unreadable_or_unknown_files_are_data_errors(
    runner: CliRunner,
    db_path: Path,
    tmp_path: Path,
    name: str,
    content: bytes | None,
    message: str,
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = drill(runner, db_path, "import", str(path))
    assert result.exit_code == 1
    assert message in result.stderr
    assert str(path) in result.stderr
    assert "Traceback" not in result.output


def test_a_file_over_32_mb_is_refused(
    runner: CliRunner, db_path: Path, tmp_path: Path, db_dump: Callable[[Path], list[str]]
) -> None:
    make_db(db_path)
    big = tmp_path / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(33 * 1024 * 1024)
    before = db_dump(db_path)
    result = drill(runner, db_path, "import", str(big))
    assert result.exit_code == 1
    assert f"{big}:" in result.stderr and "32 MB" in result.stderr
    assert db_dump(db_path) == before


IN_PROCESS_BAD = sorted(name for name in EXPECTED_BAD if name != "deep-nesting.yaml")


def check_refused(
    name: str, exit_code: int, stderr: str, before: list[str], after: list[str]
) -> None:
    """A bad deck: exit 1, ``FILE:LINE: message`` on stderr, no traceback, nothing written."""
    expected = EXPECTED_BAD[name]
    path = BAD_DECKS / name
    assert exit_code == 1, stderr
    if expected["line"] is None:
        assert f"{path}: " in stderr
    else:
        assert f"{path}:{expected['line']}: " in stderr
    assert expected["message"] in stderr
    assert "Traceback" not in stderr
    assert after == before


@pytest.mark.parametrize("name", IN_PROCESS_BAD)
def test_a_bad_deck_is_refused_with_its_line(
    runner: CliRunner, db_path: Path, db_dump: Callable[[Path], list[str]], name: str
) -> None:
    make_db(db_path)
    before = db_dump(db_path)
    started = time.perf_counter()
    result = drill(runner, db_path, "import", str(BAD_DECKS / name))
    elapsed = time.perf_counter() - started
    assert isinstance(result.exception, SystemExit), result.exception
    check_refused(name, result.exit_code, result.stderr, before, db_dump(db_path))
    assert "Traceback" not in result.output
    assert elapsed < 5


def test_a_100k_deep_file_is_refused_without_crashing(
    db_path: Path, tmp_path: Path, db_dump: Callable[[Path], list[str]]
) -> None:
    make_db(db_path)
    before = db_dump(db_path)
    env = {**os.environ, "DRILL_DATA_DIR": str(tmp_path / "data-dir")}
    env.pop("DRILL_DB", None)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "drill",
            "--db",
            str(db_path),
            "import",
            str(BAD_DECKS / "deep-nesting.yaml"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    check_refused("deep-nesting.yaml", done.returncode, done.stderr, before, db_dump(db_path))


# --- export -----------------------------------------------------------------------------


@pytest.mark.parametrize("deck_file", builtin_deck_files(), ids=lambda p: p.stem)
def test_every_built_in_deck_exports_and_imports_back_unchanged(
    runner: CliRunner, db_path: Path, tmp_path: Path, deck_file: Path
) -> None:
    original = parse_deck(deck_file.read_bytes(), path=str(deck_file))
    exported = ok(drill(runner, db_path, "export", "deck", original.id)).stdout
    assert parse_deck(exported.encode(), path="exported.yaml") == original
    out = tmp_path / "exported.yaml"
    ok(drill(runner, db_path, "export", "deck", original.id, "-o", str(out)))
    assert out.read_text(encoding="utf-8") == exported
    result = ok(drill(runner, db_path, "import", str(out)))
    assert f"{original.id}: 0 added, 0 updated, {len(original.cards)} unchanged" in result.stdout


def test_exporting_an_unknown_deck_is_a_data_error(runner: CliRunner, db_path: Path) -> None:
    result = drill(runner, db_path, "export", "deck", "no-such-deck")
    assert result.exit_code == 1
    assert "no-such-deck" in result.stderr


def test_export_reviews_csv_columns(runner: CliRunner, db_path: Path) -> None:
    start = datetime(2024, 6, 3, 9, 30, tzinfo=UTC)
    seed_reviews(db_path, start, cards=2, rounds=3)
    with Store.open(db_path) as store:
        stored = list(store.reviews())
    text = ok(drill(runner, db_path, "export", "reviews", "--format", "csv")).stdout
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == CSV_COLUMNS
    assert len(rows) == 1 + len(stored) == 7
    by_id = {r.review_id: r for r in stored}
    for row in rows[1:]:
        record = dict(zip(CSV_COLUMNS, row, strict=True))
        review = by_id[record["review_id"]]
        assert record["card_id"] == review.card_id
        assert int(record["review_time"]) == int(review.reviewed_at.timestamp() * 1000)
        assert int(record["review_rating"]) == int(review.rating)
        assert int(record["review_state"]) == int(review.state_before)
        assert int(record["review_duration"]) == review.duration_ms
        assert int(record["quality"]) == review.quality
        assert datetime.fromisoformat(record["reviewed_at"]) == review.reviewed_at
        assert record["reviewed_at"].endswith("+00:00")
    states = sorted({int(row[3]) for row in rows[1:]})
    assert states == [0, 2]  # new before the first review, in review before the rest


def test_export_reviews_jsonl_fields(runner: CliRunner, db_path: Path) -> None:
    seed_reviews(db_path, datetime(2024, 6, 3, 9, 30, tzinfo=UTC), cards=2, rounds=2)
    text = ok(drill(runner, db_path, "export", "reviews", "--format", "jsonl")).stdout
    lines = [json.loads(line) for line in text.splitlines()]
    assert len(lines) == 4
    for line in lines:
        assert {"review_id", "card_id", "reviewed_at", "rating", "quality", "duration_ms"} <= set(
            line
        )
        assert isinstance(line["review_id"], str)
        assert datetime.fromisoformat(line["reviewed_at"]).utcoffset() == timedelta(0)
        assert line["rating"] in (1, 2, 3, 4)
        assert line["quality"] is None or line["quality"] in range(1, 6)
    assert len({line["review_id"] for line in lines}) == 4


def test_jsonl_history_merges_idempotently_and_rebuilds_card_state(
    runner: CliRunner, db_path: Path, tmp_path: Path, db_dump: Callable[[Path], list[str]]
) -> None:
    card_ids = seed_reviews(db_path, datetime(2024, 6, 3, 9, 30, tzinfo=UTC), cards=3, rounds=4)
    history = tmp_path / "history.jsonl"
    ok(drill(runner, db_path, "export", "reviews", "--format", "jsonl", "-o", str(history)))
    original_states = states(db_path, card_ids)

    before = db_dump(db_path)
    again = ok(drill(runner, db_path, "import", str(history)))
    assert "reviews: 0 added, 12 already present" in again.stdout
    assert db_dump(db_path) == before

    fresh = tmp_path / "fresh.db"
    first = ok(drill(runner, fresh, "import", str(history)))
    assert "reviews: 12 added, 0 already present" in first.stdout
    assert states(fresh, card_ids) == original_states
    rebuilt = db_dump(fresh)
    second = ok(drill(runner, fresh, "import", str(history)))
    assert "reviews: 0 added, 12 already present" in second.stdout
    assert db_dump(fresh) == rebuilt


def test_jsonl_reviews_of_unknown_cards_name_the_line(
    runner: CliRunner, db_path: Path, tmp_path: Path, db_dump: Callable[[Path], list[str]]
) -> None:
    make_db(db_path)
    before = db_dump(db_path)
    history = tmp_path / "history.jsonl"
    good = {
        "review_id": "r1",
        "card_id": "em-concepts/signal-risk",
        "reviewed_at": "2024-06-03T09:30:00+00:00",
        "rating": 3,
        "quality": None,
        "duration_ms": 0,
    }
    history.write_text(
        json.dumps(good) + "\n" + json.dumps({**good, "review_id": "r2", "card_id": "x/y"}) + "\n",
        encoding="utf-8",
    )
    result = drill(runner, db_path, "import", str(history))
    assert result.exit_code == 1
    assert f"{history}:2:" in result.stderr
    assert "x/y" in result.stderr
    assert db_dump(db_path) == before


def test_history_times_with_an_offset_are_stored_in_utc(
    runner: CliRunner, db_path: Path, tmp_path: Path
) -> None:
    history = tmp_path / "history.jsonl"
    history.write_text(
        json.dumps(
            {
                "review_id": "r1",
                "card_id": "em-concepts/signal-risk",
                "reviewed_at": "2024-06-03T11:30:00+02:00",
                "rating": 3,
                "quality": 4,
                "duration_ms": 100,
            }
        )
        + "\n",
        encoding="utf-8",
    )
    ok(drill(runner, db_path, "import", str(history)))
    with Store.open(db_path) as store:
        stored = store.conn.execute("SELECT reviewed_at FROM reviews").fetchone()[0]
        state = store.state("em-concepts/signal-risk")
    assert stored == "2024-06-03T09:30:00.000+00:00"
    assert state is not None
    assert state.last_review_at == datetime(2024, 6, 3, 9, 30, tzinfo=UTC)


def test_a_dry_run_of_a_deck_with_its_history_succeeds_and_writes_nothing(
    runner: CliRunner, db_path: Path, tmp_path: Path, db_dump: Callable[[Path], list[str]]
) -> None:
    make_db(db_path)
    deck = tmp_path / "mine.yaml"
    deck.write_bytes(DECK)
    history = tmp_path / "history.jsonl"
    history.write_text(
        json.dumps(
            {
                "review_id": "r1",
                "card_id": "mine/one",
                "reviewed_at": "2024-06-03T09:30:00+00:00",
                "rating": 3,
                "quality": 4,
                "duration_ms": 100,
            }
        )
        + "\n",
        encoding="utf-8",
    )
    before = db_dump(db_path)
    result = drill(runner, db_path, "import", str(deck), str(history), "--dry-run")
    assert db_dump(db_path) == before
    assert result.exit_code == 0, result.stderr
    assert "reviews: 1 added" in result.stdout
