"""``drill stories``: import, list, export, coverage, add in an editor, delete."""

from __future__ import annotations

import json
import re
import shlex
import sys
import tempfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import click
import pytest
from click.testing import CliRunner, Result

from drill.cli import main
from drill.cli_stories import stories
from drill.core.decks import SIGNAL_NAMES
from drill.core.model import CardType, Story
from drill.core.stories import OVERUSE_MIN_CHOICES, parse_stories
from drill.core.taxonomy import BUILTIN_IDS
from drill.store import Store

if "stories" not in main.commands:
    main.add_command(stories)

EXAMPLE = Path(__file__).resolve().parents[1] / "decks" / "example-stories.yaml"

Invoke = Callable[..., Result]
Dump = Callable[[Path], list[str]]


@pytest.fixture
def db(db_path: Path) -> Path:
    return db_path


@pytest.fixture
def drill(db: Path, runner: CliRunner) -> Invoke:
    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(main, ["--db", str(db), *args], input=input)

    return invoke


def _json(result: Result) -> Any:
    assert result.exit_code == 0, result.output + result.stderr
    return json.loads(result.stdout)


def _example_bank() -> list[Story]:
    return parse_stories(EXAMPLE.read_bytes(), path="x", known_competencies=BUILTIN_IDS)


def _story_deck(drill: Invoke) -> Any:
    return next((d for d in _json(drill("decks", "--json")) if d["id"] == "stories"), None)


def test_import_example_then_list_json(drill: Invoke) -> None:
    result = drill("stories", "import", str(EXAMPLE))
    assert result.exit_code == 0, result.output
    assert "5 added" in result.stdout
    listed = _json(drill("stories", "list", "--json"))
    assert len(listed) == 5
    by_id = {s["id"]: s for s in listed}
    for story in _example_bank():
        row = by_id[story.id]
        assert row["title"] == story.title
        assert row["competencies"] == list(story.competencies)
        assert row["situation"] == story.situation and row["mistakes"] == story.mistakes
        assert set(row["signals"]) <= set(SIGNAL_NAMES)
    assert any(row["signals"] for row in listed)


def test_story_cards_appear_as_a_deck(drill: Invoke) -> None:
    assert _story_deck(drill) is None
    drill("stories", "import", str(EXAMPLE))
    deck = _story_deck(drill)
    assert deck is not None
    assert deck["cards"] == sum(len(s.competencies) for s in _example_bank())
    assert deck["new"] == deck["cards"]


def test_coverage_json_shape(drill: Invoke) -> None:
    drill("stories", "import", str(EXAMPLE))
    doc = _json(drill("stories", "coverage", "--json"))
    assert {c["id"] for c in doc["competencies"]} >= BUILTIN_IDS
    bank = _example_bank()
    for row in doc["competencies"]:
        assert row["stories"] == [
            s.id for s in sorted(bank, key=lambda s: s.title.lower()) if row["id"] in s.competencies
        ]
    assert doc["gaps"] == [c["id"] for c in doc["competencies"] if len(c["stories"]) < 2]
    assert doc["overused"] == [] and doc["usage"] == []


def test_stories_chosen_in_practice_show_as_usage(drill: Invoke, db: Path, now: datetime) -> None:
    drill("stories", "import", str(EXAMPLE))
    with Store.open(db) as store:
        question = next(
            card
            for deck in store.decks(now, now)
            if deck.id != "stories"
            for card in store.deck(deck.id).cards
            if card.type is CardType.QUESTION
        )
        for _ in range(OVERUSE_MIN_CHOICES):
            store.record_practice(
                question.id,
                practiced_at=now,
                quality=3,
                duration_ms=1000,
                story_id="example-checkout-outage",
            )
    doc = _json(drill("stories", "coverage", "--json"))
    assert doc["usage"] == [
        {
            "story": "example-checkout-outage",
            "competency": question.competency,
            "times": OVERUSE_MIN_CHOICES,
        }
    ]
    assert doc["overused"] == ["example-checkout-outage"]
    text = drill("stories", "coverage").stdout
    assert "Overused: example-checkout-outage" in text


def test_coverage_text_flags_gaps(drill: Invoke) -> None:
    drill("stories", "import", str(EXAMPLE))
    text = drill("stories", "coverage").stdout
    lines = {line.split("  ")[0]: line for line in text.splitlines()}
    assert lines["People development"].rstrip().endswith("3")
    assert lines["Hiring"].rstrip().endswith("only one")
    assert "example-checkout-outage" in text


def test_coverage_text_on_empty_bank_says_none(drill: Invoke) -> None:
    text = drill("stories", "coverage").stdout
    assert sum(line.rstrip().endswith("none") for line in text.splitlines()) == len(BUILTIN_IDS)


def test_import_twice_updates_without_duplicating(drill: Invoke, tmp_path: Path) -> None:
    drill("stories", "import", str(EXAMPLE))
    again = drill("stories", "import", str(EXAMPLE))
    assert "0 added, 0 updated, 5 unchanged" in again.stdout
    edited = tmp_path / "edited.yaml"
    edited.write_text(EXAMPLE.read_text().replace("Roughly 6,000 bookings", "About 6,100 bookings"))
    result = drill("stories", "import", str(edited))
    assert "0 added, 1 updated, 4 unchanged" in result.stdout
    listed = _json(drill("stories", "list", "--json"))
    assert len(listed) == 5
    outage = next(s for s in listed if s["id"] == "example-checkout-outage")
    assert "6,100" in outage["situation"]
    assert _story_deck(drill)["cards"] == 15


def test_removed_competency_retires_its_card(drill: Invoke, db: Path, tmp_path: Path) -> None:
    drill("stories", "import", str(EXAMPLE))
    edited = tmp_path / "edited.yaml"
    old = "competencies: [trust-accountability, execution-delivery, conflict-resolution]"
    assert old in EXAMPLE.read_text()
    new = "competencies: [trust-accountability, execution-delivery]"
    edited.write_text(EXAMPLE.read_text().replace(old, new))
    assert drill("stories", "import", str(edited)).exit_code == 0
    assert _story_deck(drill)["cards"] == 14
    with Store.open(db) as store:
        keys = {c.key for c in store.deck("stories").cards}
    assert "example-checkout-outage--conflict-resolution" not in keys
    assert "example-checkout-outage--execution-delivery" in keys


def test_bad_file_exits_1_and_writes_nothing(
    db_dump: Dump, drill: Invoke, db: Path, tmp_path: Path
) -> None:
    drill("stories", "list")
    before = db_dump(db)
    bad = tmp_path / "bad.yaml"
    text = EXAMPLE.read_text()
    bad.write_text(text.replace("[hiring, stakeholder-management", "[hiring, stakeholders", 1))
    result = drill("stories", "import", str(bad))
    assert result.exit_code == 1
    assert re.match(
        rf"{re.escape(str(bad))}:\d+: story 5: unknown competency 'stakeholders'", result.stderr
    )
    assert result.stdout == ""
    assert db_dump(db) == before


def test_missing_file_exits_1(drill: Invoke, tmp_path: Path) -> None:
    result = drill("stories", "import", str(tmp_path / "nope.yaml"))
    assert result.exit_code == 1
    assert "cannot read the file" in result.stderr


def test_dry_run_writes_nothing(db_dump: Dump, drill: Invoke, db: Path) -> None:
    drill("stories", "list")
    before = db_dump(db)
    result = drill("stories", "import", str(EXAMPLE), "--dry-run")
    assert result.exit_code == 0
    assert "would import (dry run) stories: 5 added" in result.stdout
    assert db_dump(db) == before


def test_export_imports_back_unchanged(drill: Invoke, tmp_path: Path) -> None:
    drill("stories", "import", str(EXAMPLE))
    out = tmp_path / "bank.yaml"
    assert drill("stories", "export", "-o", str(out)).exit_code == 0
    exported = parse_stories(out.read_bytes(), path="x", known_competencies=BUILTIN_IDS)
    assert sorted(exported, key=lambda s: s.id) == sorted(_example_bank(), key=lambda s: s.id)
    assert drill("stories", "export").stdout == out.read_text()
    assert "0 added, 0 updated, 5 unchanged" in drill("stories", "import", str(out)).stdout


def test_delete_asks_and_retires_cards(drill: Invoke) -> None:
    drill("stories", "import", str(EXAMPLE))
    kept = drill("stories", "delete", "example-checkout-outage", input="n\n")
    assert kept.exit_code == 1
    assert len(_json(drill("stories", "list", "--json"))) == 5
    gone = drill("stories", "delete", "example-checkout-outage", "--yes")
    assert gone.exit_code == 0, gone.output
    ids = {s["id"] for s in _json(drill("stories", "list", "--json"))}
    assert "example-checkout-outage" not in ids and len(ids) == 4
    assert _story_deck(drill)["cards"] == 12


def test_delete_unknown_story_exits_1(drill: Invoke) -> None:
    result = drill("stories", "delete", "nope", "--yes")
    assert result.exit_code == 1
    assert "no story 'nope'" in result.stderr


VALID_STORY = """\
stories:
  - id: {id}
    title: Saying no to a launch date
    competencies: [stakeholder-management, business-alignment]
    situation: Sales promised a date we could not meet.
    task: Reset the date without losing the deal.
    action: Offered a phased launch to the customer with the account lead.
    result: Deal signed; phase one shipped in four weeks.
"""


def _editor(tmp_path: Path, *versions: str | None) -> str:
    """An editor command that writes ``versions`` in turn (None leaves the file as it is)."""
    script = tmp_path / "editor.py"
    (tmp_path / "versions.json").write_text(json.dumps(list(versions)))
    script.write_text(
        "import json, pathlib, sys\n"
        f"state = pathlib.Path({str(tmp_path / 'versions.json')!r})\n"
        "versions = json.loads(state.read_text())\n"
        "text = versions.pop(0)\n"
        "state.write_text(json.dumps(versions))\n"
        "if text is not None:\n"
        "    pathlib.Path(sys.argv[1]).write_text(text)\n"
    )
    return f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}"


@pytest.fixture(autouse=True)
def _editor_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))


def test_add_saves_a_story_from_the_editor(
    drill: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EDITOR", _editor(tmp_path, VALID_STORY.format(id="launch-date")))
    result = drill("stories", "add")
    assert result.exit_code == 0, result.output
    assert "added story launch-date" in result.stdout
    [story] = _json(drill("stories", "list", "--json"))
    assert story["competencies"] == ["stakeholder-management", "business-alignment"]
    assert _story_deck(drill)["cards"] == 2


def test_add_sees_the_template_first(drill: Invoke, monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def fake_edit(*, filename: str, editor: str | None = None) -> None:
        text = Path(filename).read_text()
        seen.append(text)
        Path(filename).write_text(VALID_STORY.format(id="via-fake"))

    monkeypatch.setattr(click, "edit", fake_edit)
    assert drill("stories", "add").exit_code == 0
    assert "interviewers dig for" in seen[0]
    assert [s["id"] for s in _json(drill("stories", "list", "--json"))] == ["via-fake"]


def test_add_unchanged_saves_nothing(
    db_dump: Dump, drill: Invoke, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drill("stories", "list")
    before = db_dump(db)
    monkeypatch.setenv("EDITOR", _editor(tmp_path, None))
    result = drill("stories", "add")
    assert result.exit_code == 0
    assert "nothing saved" in result.stderr
    assert db_dump(db) == before
    assert not list(tmp_path.glob("drill-story-*.yaml"))


def test_add_reedits_after_an_error(
    drill: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    bad = VALID_STORY.format(id="launch-date").replace("business-alignment", "biz")
    good = VALID_STORY.format(id="launch-date")
    monkeypatch.setenv("EDITOR", _editor(tmp_path, bad, good))
    result = drill("stories", "add", input="y\n")
    assert result.exit_code == 0, result.output
    assert re.search(r"drill-story-\w+\.yaml:4: story 1: unknown competency 'biz'", result.stderr)
    assert [s["id"] for s in _json(drill("stories", "list", "--json"))] == ["launch-date"]


def test_add_given_up_keeps_the_text_and_saves_nothing(
    db_dump: Dump, drill: Invoke, db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drill("stories", "list")
    before = db_dump(db)
    task = "    task: Reset the date without losing the deal.\n"
    bad = VALID_STORY.format(id="launch-date").replace(task, "")
    monkeypatch.setenv("EDITOR", _editor(tmp_path, bad))
    result = drill("stories", "add", input="n\n")
    assert result.exit_code == 1
    assert "missing required field 'task'" in result.stderr
    kept = re.search(r"your text is in (\S+)", result.stderr)
    assert kept is not None
    assert Path(kept.group(1)).parent == tmp_path
    assert Path(kept.group(1)).read_text() == bad
    assert db_dump(db) == before


def test_add_refuses_an_id_already_in_the_bank(
    drill: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drill("stories", "import", str(EXAMPLE))
    taken = VALID_STORY.format(id="example-checkout-outage")
    monkeypatch.setenv("EDITOR", _editor(tmp_path, taken, VALID_STORY.format(id="fresh")))
    result = drill("stories", "add", input="y\n")
    assert result.exit_code == 0, result.output
    clash = r"\.yaml:2: a story with id 'example-checkout-outage' is already"
    assert re.search(clash, result.stderr)
    listed = _json(drill("stories", "list", "--json"))
    outage = next(s for s in listed if s["id"] == "example-checkout-outage")
    assert outage["title"].startswith("Example:")
    assert len(listed) == 6


def test_list_text(drill: Invoke) -> None:
    assert "No stories yet" in drill("stories", "list").stdout
    drill("stories", "import", str(EXAMPLE))
    text = drill("stories", "list").stdout
    assert all(s.id in text for s in _example_bank())


@pytest.mark.parametrize("command", sorted(stories.commands))
def test_every_command_has_help_with_an_example(command: str) -> None:
    result = CliRunner().invoke(main, ["stories", command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout
