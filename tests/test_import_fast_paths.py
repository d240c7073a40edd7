"""The import fast paths change nothing: the quick CSV reader, the card body encoder and the
paused collector each give what the checked, general path gives."""

from __future__ import annotations

import csv
import gc
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drill.core.decks import card_fields, parse_deck
from drill.core.errors import DeckError
from drill.core.model import SIGNALS, Card, CardType, Deck
from drill.core.taxonomy import BUILTIN_IDS
from drill.importers import csvfile
from drill.importers.csvfile import parse_csv
from drill.store import Store, _card_body

# --- tests/test_import_csv.py -------------------------------------------------------------

_C4 = sorted(BUILTIN_IDS)[:4]
_VALID = {
    "prompt": ["Q1?", "Q2?", " Q3? "],
    "competency": [*_C4, " hiring "],
    "id": ["", "k-1", "k-2", " k-3 "],
    "type": ["", "basic", "Question", " story ", "reframe", "recognize"],
    "answer": ["A", "A\nB"],
    "ic_answer": ["", "IC"],
    "rubric": ["", "r1|r2"],
    "options": ["", "|".join(_C4)],
    "expects": ["", SIGNALS[0], f"{SIGNALS[0]}|{SIGNALS[1]}"],
    "tags": ["", "t1|t2", "a\nb"],
    "evaluates": ["", "E"],
}
_BAD = {
    "prompt": ["", "\x00", "\u200b"],
    "competency": ["nope", "", "\x00"],
    "id": ["Bad Id", "\x00", "-k", "k\x004"],
    "type": ["bogus", "\x00", "bas\x00ic"],
    "answer": ["", "\x00", "\u200b"],
    "ic_answer": ["\x00"],
    "rubric": ["\x00", "|"],
    "options": ["|".join(_C4[:3]), f"nope|{_C4[0]}|{_C4[1]}|{_C4[2]}", "|".join([_C4[0]] * 4)],
    "expects": ["nosignal", "\x00"],
    "tags": ["\x00|\u200b", "| |"],
    "evaluates": ["\x00"],
}
_HEADER = st.lists(st.sampled_from(list(_VALID)[2:]), unique=True).map(
    lambda rest: ["prompt", "competency", *rest]
)


def _rows(header: list[str]) -> st.SearchStrategy[list[list[str]]]:
    """Rows of valid cells, some with one cell made bad, some a cell short or long."""
    valid = st.tuples(*(st.sampled_from(_VALID[name]) for name in header)).map(list)
    spoil = st.tuples(st.sampled_from(range(len(header))), st.integers(0, 9))

    def spoiled(row: list[str], where: tuple[int, int]) -> list[str]:
        column, pick = where
        bad = _BAD[header[column]]
        return [*row[:column], bad[pick % len(bad)], *row[column + 1 :]]

    row = st.one_of(
        valid,
        st.builds(spoiled, valid, spoil),
        valid.map(lambda r: r[:-1]),
        valid.map(lambda r: [*r, ""]),
        valid.map(lambda r: [*r, "extra"]),
    )
    return st.lists(row, max_size=5)


_SHEET = _HEADER.flatmap(lambda header: st.tuples(st.just(header), _rows(header)))


def _csv(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    csv.writer(out).writerows([header, *rows])
    return out.getvalue().encode()


def _outcome(data: bytes) -> tuple[Deck, list[str]] | str:
    try:
        return parse_csv(data, path="s.csv", deck_id="d", known_competencies=BUILTIN_IDS)
    except DeckError as exc:
        return str(exc)


@settings(max_examples=1000, deadline=None)
@given(_SHEET)
def test_plain_rows_skip_no_check(sheet: tuple[list[str], list[list[str]]]) -> None:
    # The quick reader only takes rows check_card would accept, and builds the same card.
    header, rows = sheet
    data = _csv(header, rows)
    fast = _outcome(data)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(csvfile, "_quick_reader", lambda *args: lambda row: None)
        checked = _outcome(data)
    assert fast == checked


def _base_row(card_type: str) -> dict[str, str]:
    """A valid row of every column for a card of ``card_type``."""
    row = {name: values[-1] for name, values in _VALID.items()}
    row |= {"type": card_type, "competency": _C4[0], "ic_answer": "", "rubric": "", "options": ""}
    if card_type == "reframe":
        row |= {"ic_answer": "IC", "rubric": "r1|r2"}
    if card_type == "recognize":
        row["options"] = "|".join(_C4)
    return row


@pytest.mark.parametrize("card_type", ["", "basic", "question", "reframe", "recognize", "story"])
def test_each_bad_cell_is_reported_as_without_the_quick_reader(card_type: str) -> None:
    base = _base_row(card_type)
    spoiled = [base | {name: bad} for name, bads in _BAD.items() for bad in [*bads, *_VALID[name]]]
    for row in [base, *spoiled]:
        data = _csv(list(row), [list(row.values())])
        fast = _outcome(data)
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(csvfile, "_quick_reader", lambda *args: lambda row: None)
            assert fast == _outcome(data), row


def test_parsing_leaves_the_garbage_collector_as_it_found_it() -> None:
    good = b"prompt,answer,competency\nQ,A,hiring\n"
    bad = b"prompt,answer,competency\nQ,A,nope\n"
    for enabled in (True, False):
        (gc.enable if enabled else gc.disable)()
        try:
            parse_csv(good, path="s.csv", deck_id=None, known_competencies=BUILTIN_IDS)
            with pytest.raises(DeckError):
                parse_csv(bad, path="s.csv", deck_id=None, known_competencies=BUILTIN_IDS)
            with pytest.raises(DeckError):
                parse_deck(b"deck: [", path="d.yaml")
            assert gc.isenabled() is enabled
        finally:
            gc.enable()


# --- tests/test_store.py --------------------------------------------------------------------

_TEXTS = st.lists(
    st.sampled_from([*'ab "\\\n\r\t\x00\x1f\x7f\x80é\u2028\ud800😀{}[],:', "\\u"])
).map("".join)


@settings(max_examples=300, deadline=None)
@given(
    key=_TEXTS,
    competency=_TEXTS,
    prompt=_TEXTS,
    answer=_TEXTS,
    tags=st.tuples(_TEXTS, _TEXTS),
    card_type=st.sampled_from(CardType),
)
def test_a_card_body_is_the_sorted_json_of_its_fields(
    key: str,
    competency: str,
    prompt: str,
    answer: str,
    tags: tuple[str, str],
    card_type: CardType,
) -> None:
    # Its hash tells an unchanged card on re-import, so the text must never change.
    card = Card(
        id=f"d/{key}",
        deck_id="d",
        key=key,
        type=card_type,
        competency=competency,
        prompt=prompt,
        answer=answer,
        tags=tags,
    )
    expected = json.dumps(card_fields(card), ensure_ascii=False, sort_keys=True)
    assert _card_body(card) == expected


def test_import_decks_leaves_the_garbage_collector_on() -> None:
    store = Store.open(":memory:")
    deck = Deck("d", "D", (Card("d/a", "d", "a", CardType.BASIC, "hiring", "Q", "A"),))
    store.import_decks([deck])
    assert gc.isenabled()
