"""CSV/TSV decks: parsing, the same rules as YAML decks, line numbers, and ``drill import``."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis import given, settings
from hypothesis import strategies as st

from drill.cli import main
from drill.core.decks import derive_id, dump_deck, parse_deck
from drill.core.errors import DeckError
from drill.core.model import CardType, Deck
from drill.core.safeyaml import MAX_BYTES
from drill.core.taxonomy import BUILTIN_IDS
from drill.importers.csvfile import parse_csv

DATA = Path(__file__).parent / "data" / "import"


def _parse(
    data: bytes, path: str = "sheet.csv", deck_id: str | None = None
) -> tuple[Deck, list[str]]:
    return parse_csv(data, path=path, deck_id=deck_id, known_competencies=BUILTIN_IDS)


def _line_of(text: str, needle: str) -> int:
    """The 1-based line of ``text`` where ``needle`` first appears."""
    return text[: text.index(needle)].count("\n") + 1


def _problems(exc: pytest.ExceptionInfo[DeckError]) -> list[tuple[int | None, str]]:
    return [(p.line, p.message) for p in exc.value.problems]


def test_quotes_embedded_newlines_and_list_cells() -> None:
    path = DATA / "em-sheet.csv"
    deck, warnings = _parse(path.read_bytes(), str(path))
    assert deck.id == "em-sheet"
    assert warnings == []
    first, second = deck.cards
    assert first.id == "em-sheet/underperformer"
    assert first.type is CardType.QUESTION
    assert first.prompt.endswith('engineer who was "underperforming".')
    assert first.signals == (
        "Clarified expectations first",
        "Looked for missing support",
        "Agreed a plan, and followed up",
    )
    assert first.pitfalls == ("Jumps straight to a PIP",)
    assert first.tags == ("people", "feedback")
    assert second.answer == (
        "Say what went wrong,\nwhat you changed, and credit the fix to the team."
    )
    assert second.signals == ()


def test_a_csv_card_equals_the_same_card_written_in_yaml() -> None:
    csv_deck, _ = _parse(
        b"id,type,competency,prompt,signals,expects\n"
        b'q1,question,hiring,How do you calibrate?,"Shared rubric|Debriefs",decision|people\n',
        "same.csv",
    )
    yaml_deck = parse_deck(
        b"deck: same\ntitle: Same\ncards:\n"
        b"  - id: q1\n    type: question\n    competency: hiring\n"
        b"    prompt: How do you calibrate?\n    signals: [Shared rubric, Debriefs]\n"
        b"    expects: [decision, people]\n",
        path="same.yaml",
    )
    assert csv_deck.cards == yaml_deck.cards


def test_bad_rows_are_all_reported_at_the_line_each_row_starts() -> None:
    path = DATA / "bad-rows.csv"
    text = path.read_text()
    with pytest.raises(DeckError) as exc:
        _parse(path.read_bytes(), str(path))
    problems = _problems(exc)
    by_line = {line: message for line, message in problems}
    assert "unknown competency 'negotiation'" in by_line[_line_of(text, "unknown-comp")]
    assert "'prompt'" in by_line[_line_of(text, "no-prompt")]
    assert "unknown type 'flashcard'" in by_line[_line_of(text, "bad-type")]
    assert len(problems) == 3
    assert str(exc.value).startswith(f"{path}:{_line_of(text, 'unknown-comp')}: ")


def test_line_numbers_count_the_lines_of_multi_line_cells() -> None:
    data = b'prompt,answer,competency\n"one\ntwo\nthree",a,hiring\nlater,b,nope\n'
    with pytest.raises(DeckError) as exc:
        _parse(data)
    assert _problems(exc)[0][0] == 5


def test_tsv_files_split_on_tabs() -> None:
    path = DATA / "stakeholders.tsv"
    deck, _ = _parse(path.read_bytes(), str(path))
    (card,) = deck.cards
    assert card.competency == "stakeholder-management"
    assert card.follow_ups == ("What if they insist?", "Who else did you involve?")
    assert card.answer == "With data and options."


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_delimiter_of_a_csv_file_is_detected(delimiter: str) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["prompt", "answer", "competency"])
    writer.writerow(["Why, and how?", "Because; that way", "hiring"])
    deck, _ = _parse(out.getvalue().encode())
    (card,) = deck.cards
    assert (card.prompt, card.answer) == ("Why, and how?", "Because; that way")


def test_a_byte_order_mark_and_crlf_line_ends_are_accepted() -> None:
    deck, _ = _parse("\ufeffprompt,answer,competency\r\nQ,A,hiring\r\nQ2,A2,hiring\r\n".encode())
    assert [c.prompt for c in deck.cards] == ["Q", "Q2"]


def test_without_an_id_column_ids_come_from_the_prompt_with_a_warning() -> None:
    deck, warnings = _parse(b"prompt,answer,competency\nWhat is a PIP?,A plan,hiring\n")
    assert deck.cards[0].key == derive_id("What is a PIP?")
    assert len(warnings) == 1
    assert "editing a prompt will start that card afresh" in warnings[0]


def test_rows_with_a_blank_id_are_warned_about() -> None:
    deck, warnings = _parse(b"id,prompt,answer,competency\nk1,Q1,A,hiring\n,Q2,A,hiring\n")
    assert [c.key for c in deck.cards] == ["k1", derive_id("Q2")]
    assert "1 row without an id" in warnings[0]


def test_type_defaults_to_basic_when_absent_or_blank() -> None:
    deck, _ = _parse(b"prompt,answer,competency\nQ,A,hiring\n")
    assert deck.cards[0].type is CardType.BASIC
    deck, _ = _parse(b"type,prompt,answer,competency\n,Q,A,hiring\nQuestion,Q2,,hiring\n")
    assert [c.type for c in deck.cards] == [CardType.BASIC, CardType.QUESTION]


def test_empty_cells_are_absent_fields_not_errors() -> None:
    deck, _ = _parse(b"prompt,answer,competency,ic_answer,rubric\nQ,A,hiring,,\n")
    assert deck.cards[0].ic_answer == ""


def test_competency_is_required_on_every_row() -> None:
    with pytest.raises(DeckError) as exc:
        _parse(b"prompt,answer,competency\nQ,A,\n")
    assert _problems(exc) == [(2, "card 1: missing required field 'competency'")]
    with pytest.raises(DeckError) as exc:
        _parse(b"prompt,answer\nQ,A\n")
    assert "no 'competency' column" in _problems(exc)[0][1]


def test_unknown_and_duplicate_columns_are_header_errors() -> None:
    with pytest.raises(DeckError) as exc:
        _parse(b"prompt,answr,competency,prompt\nQ,A,hiring,Q\n")
    messages = [m for line, m in _problems(exc) if line == 1]
    assert any("unknown column 'answr' (did you mean 'answer'?)" in m for m in messages)
    assert any("'prompt' appears twice" in m for m in messages)


def test_header_names_are_matched_loosely() -> None:
    deck, _ = _parse(b"Prompt,Answer,Competency,Follow-ups\nQ,A,hiring,Why?\n")
    assert deck.cards[0].follow_ups == ("Why?",)


def test_duplicate_ids_and_duplicate_prompts_name_the_first_line() -> None:
    with pytest.raises(DeckError) as exc:
        _parse(b"id,prompt,answer,competency\nk,Q1,A,hiring\nk,Q2,A,hiring\n")
    assert _problems(exc) == [(3, "card 2: duplicate id 'k' (first at line 2)")]
    with pytest.raises(DeckError) as exc:
        _parse(b"prompt,answer,competency\nSame,A,hiring\nSame,B,hiring\n")
    assert "same prompt as the card at line 2" in _problems(exc)[0][1]


def test_extra_cells_beyond_the_header_are_an_error() -> None:
    with pytest.raises(DeckError) as exc:
        _parse(b"prompt,answer,competency\nQ,A,hiring,surprise\n")
    assert _problems(exc)[0][0] == 2
    deck, _ = _parse(b"prompt,answer,competency\nQ,A,hiring,,\n")
    assert len(deck.cards) == 1


def test_an_unclosed_quote_names_the_row_it_starts_on() -> None:
    with pytest.raises(DeckError) as exc:
        _parse(b'prompt,answer,competency\nQ,A,hiring\n"Never closed,A,hiring\nmore\n')
    assert _problems(exc)[0][0] == 3
    assert "never closed" in _problems(exc)[0][1]


def test_deck_id_comes_from_the_file_name_or_the_option() -> None:
    data = b"prompt,answer,competency\nQ,A,hiring\n"
    deck, _ = _parse(data, "/sheets/My EM Questions (v2).csv")
    assert (deck.id, deck.title) == ("my-em-questions-v2", "My EM Questions (v2)")
    deck, _ = _parse(data, "/sheets/x.csv", deck_id="em-core")
    assert deck.id == "em-core"
    assert deck.cards[0].id.startswith("em-core/")
    with pytest.raises(DeckError):
        _parse(data, "/sheets/x.csv", deck_id="Not Valid")
    with pytest.raises(DeckError):
        _parse(data, "/sheets/___.csv")


def test_files_that_are_empty_too_big_or_not_utf8_are_refused() -> None:
    with pytest.raises(DeckError, match="empty"):
        _parse(b"\n\n")
    with pytest.raises(DeckError, match="no cards"):
        _parse(b"prompt,answer,competency\n")
    with pytest.raises(DeckError, match="limit is 32 MB"):
        _parse(b"x" * (MAX_BYTES + 1))
    with pytest.raises(DeckError) as exc:
        _parse(b"prompt,answer,competency\nQ,caf\xe9,hiring\n")
    assert _problems(exc)[0][0] == 2


def test_control_characters_are_stripped() -> None:
    deck, _ = _parse(b"prompt,answer,competency\nQ\x1b[31m,A\x07,hiring\n")
    assert (deck.cards[0].prompt, deck.cards[0].answer) == ("Q[31m", "A")


def test_ten_thousand_rows_parse_into_ten_thousand_cards() -> None:
    rows = "".join(f"c{i},Question {i}?,Answer {i}|x,hiring\n" for i in range(10_000))
    deck, _ = _parse(f"id,prompt,answer,competency\n{rows}".encode())
    assert len({c.id for c in deck.cards}) == 10_000


_TEXT = st.sampled_from(["Q", "A", '"x\ny"', "", "a|b", '"', "\x00", ";", '"a,""b"""'])
_ROW = st.tuples(_TEXT, _TEXT, st.sampled_from(["hiring", "", "nope"]), st.just("") | _TEXT)
_ROWS = st.lists(_ROW.map(",".join), max_size=6).map("\n".join)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400) | _ROWS.map(str.encode))
def test_any_bytes_give_a_deck_or_a_deck_error(data: bytes) -> None:
    try:
        deck, _ = _parse(b"prompt,answer,competency\n" + data)
    except DeckError:
        return
    # Whatever parses is a deck a YAML file could hold.
    assert parse_deck(dump_deck(deck).encode(), path="dump.yaml").cards == deck.cards


def _cli(db: Path, *args: str) -> Result:
    return CliRunner().invoke(main, ["--db", str(db), *args])


def test_drill_import_adds_a_csv_deck(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    result = _cli(db, "import", str(DATA / "em-sheet.csv"))
    assert result.exit_code == 0, result.output
    assert "imported em-sheet: 2 added, 0 updated" in result.stdout
    decks = json.loads(_cli(db, "decks", "--json").stdout)
    assert {"id": "em-sheet", "cards": 2}.items() <= next(
        d for d in decks if d["id"] == "em-sheet"
    ).items()
    again = _cli(db, "import", str(DATA / "em-sheet.csv"))
    assert "0 added, 0 updated, 2 unchanged" in again.stdout


def test_drill_import_of_a_bad_file_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    before = _cli(db, "decks", "--json").stdout
    bad = DATA / "bad-rows.csv"
    result = _cli(db, "import", str(DATA / "em-sheet.csv"), str(bad))
    assert result.exit_code == 1
    assert f"{bad}:{_line_of(bad.read_text(), 'bad-type')}: " in result.stderr
    assert _cli(db, "decks", "--json").stdout == before
