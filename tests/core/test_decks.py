"""The deck parser: every error names its line, text stays text, hostile YAML is refused."""

from __future__ import annotations

import hashlib
import json
import re
import textwrap
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from drill.core import safeyaml
from drill.core.decks import SIGNAL_NAMES, derive_id, dump_deck, parse_deck
from drill.core.errors import DeckError
from drill.core.model import DIMENSIONS, Card, CardType, Competency, Deck
from drill.core.taxonomy import BUILTIN_IDS
from drill.core.text import clean_text

BAD_DECKS = Path(__file__).parent.parent / "data" / "bad_decks"
EXPECTED = json.loads((BAD_DECKS / "expected.json").read_text(encoding="utf-8"))
HEADER = "deck: d\ntitle: T\ncards:\n"


def deck_yaml(cards: str, header: str = HEADER) -> bytes:
    """A deck file: ``header`` then ``cards`` (dedented, indented under ``cards:``)."""
    body = textwrap.indent(textwrap.dedent(cards).strip("\n"), "  ")
    return (header + body + "\n").encode()


def problems(data: bytes) -> list[tuple[int | None, str]]:
    """The (line, message) problems parse_deck reports; fails the test if it parses."""
    with pytest.raises(DeckError) as info:
        parse_deck(data, path="f.yaml")
    return [(p.line, p.message) for p in info.value.problems]


def one_card(data: bytes) -> Card:
    """The single card of a deck that must parse."""
    deck = parse_deck(data, path="f.yaml")
    assert len(deck.cards) == 1
    return deck.cards[0]


BASIC = """
- id: c
  type: basic
  competency: hiring
  prompt: What is a scorecard for?
  answer: Deciding on evidence.
"""

ERROR_CASES = [
    pytest.param(BASIC + "  colour: red\n", 9, "unknown key 'colour'", id="unknown-key"),
    pytest.param(BASIC + "  promt: typo\n", 9, "did you mean 'prompt'", id="unknown-key-hint"),
    pytest.param(
        "- {id: c, type: essay, competency: hiring, prompt: p}",
        4,
        "unknown type 'essay'",
        id="unknown-type",
    ),
    pytest.param(
        "- id: c\n  type: basic\n  competency: juggling\n  prompt: p\n  answer: a",
        6,
        "unknown competency 'juggling'",
        id="unknown-competency",
    ),
    pytest.param(
        "- {id: c, type: basic, competency: hiring, prompt: p, answer: a}\n"
        "- {id: c, type: basic, competency: hiring, prompt: q, answer: b}",
        5,
        "duplicate id 'c' (first at line 4)",
        id="duplicate-card-id",
    ),
    pytest.param(
        "- id: c\n  type: basic\n  competency: hiring\n  prompt: p\n  prompt: q\n  answer: a",
        8,
        "duplicate key 'prompt'",
        id="duplicate-yaml-key",
    ),
    pytest.param(
        "- id: c\n  type: basic\n  competency: hiring\n  answer: a",
        4,
        "missing required field 'prompt'",
        id="missing-prompt",
    ),
    pytest.param(
        "- id: c\n  type: basic\n  competency: hiring\n  prompt: p",
        4,
        "missing required field 'answer'",
        id="missing-answer",
    ),
    pytest.param(
        "- id: c\n  type: reframe\n  competency: hiring\n  prompt: p\n  answer: a",
        4,
        "missing required field 'ic_answer'",
        id="missing-ic-answer",
    ),
    pytest.param(
        "- id: c\n  type: reframe\n  competency: hiring\n  prompt: p\n  ic_answer: i",
        4,
        "missing required field 'answer'",
        id="reframe-missing-answer",
    ),
    pytest.param(
        "- id: c\n  type: basic\n  prompt: p\n  answer: a",
        4,
        "missing required field 'competency'",
        id="missing-competency",
    ),
    pytest.param(
        "- id: c\n  competency: hiring\n  prompt: p\n  answer: a",
        4,
        "missing required field 'type'",
        id="missing-type",
    ),
    pytest.param(
        "- id: c\n  type: basic\n  competency: hiring\n  prompt: '  '\n  answer: a",
        7,
        "'prompt' is empty",
        id="blank-prompt",
    ),
    pytest.param(
        "- id: c\n  type: basic\n  competency: hiring\n  prompt: [a, b]\n  answer: a",
        7,
        "'prompt' must be text",
        id="list-where-text",
    ),
    pytest.param(
        "- id: c\n  type: basic\n  competency: hiring\n  prompt: p\n  answer: {x: y}",
        8,
        "'answer' must be text",
        id="mapping-where-text",
    ),
    pytest.param(
        "- id: c\n  type: question\n  competency: hiring\n  prompt: p\n  signals: {a: b}",
        8,
        "'signals' must be a list of texts",
        id="mapping-where-list",
    ),
    pytest.param(
        "- id: c\n  type: question\n  competency: hiring\n  prompt: p\n  pitfalls:\n    - [nested]",
        9,
        "each item of 'pitfalls' must be text",
        id="list-in-list",
    ),
    pytest.param("- [a, b]", 4, "card 1 must be a mapping", id="card-not-a-mapping"),
    pytest.param(
        "- id: Not Valid\n  type: basic\n  competency: hiring\n  prompt: p\n  answer: a",
        4,
        "'id' must use only a-z, 0-9 and '-'",
        id="bad-card-id",
    ),
    pytest.param(
        BASIC + "  rubric: [x]\n",
        9,
        "'rubric' is only for reframe cards",
        id="rubric-on-basic",
    ),
    pytest.param(
        "- id: c\n  type: recognize\n  competency: hiring\n  prompt: p\n"
        "  options: [hiring, org-strategy, conflict-resolution]",
        8,
        "'options' needs exactly 4",
        id="three-options",
    ),
    pytest.param(
        "- id: c\n  type: recognize\n  competency: hiring\n  prompt: p\n"
        "  options: [hiring, org-strategy, conflict-resolution, execution-delivery,\n"
        "    business-alignment]",
        8,
        "'options' needs exactly 4",
        id="five-options",
    ),
    pytest.param(
        "- id: c\n  type: recognize\n  competency: hiring\n  prompt: p\n"
        "  options: [org-strategy, conflict-resolution, execution-delivery, business-alignment]",
        8,
        "must include the card's competency 'hiring'",
        id="options-without-right-one",
    ),
    pytest.param(
        "- id: c\n  type: recognize\n  competency: hiring\n  prompt: p\n"
        "  options: [hiring, org-strategy, conflict-resolution, juggling]",
        8,
        "unknown competency 'juggling' in options",
        id="unknown-option",
    ),
    pytest.param(
        "- id: c\n  type: recognize\n  competency: hiring\n  prompt: p\n"
        "  options: [hiring, hiring, conflict-resolution, org-strategy]",
        8,
        "a competency twice",
        id="repeated-option",
    ),
    pytest.param(
        "- id: c\n  type: question\n  competency: hiring\n  prompt: p\n"
        "  expects: [decision, charisma]",
        8,
        "unknown signal 'charisma'",
        id="unknown-expects-signal",
    ),
]


@pytest.mark.parametrize(("cards", "line", "message"), ERROR_CASES)
def test_each_error_names_its_line(cards: str, line: int, message: str) -> None:
    found = problems(deck_yaml(cards))
    assert any(at == line and message in text for at, text in found), found


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("title: T\ncards: []\n", 1, "missing required field 'deck'"),
        ("deck: d\ncards: []\n", 1, "missing required field 'title'"),
        ("deck: d\ntitle: T\n", 1, "missing required field 'cards'"),
        ("deck: d\ntitle: T\ncards: {a: 1}\n", 3, "'cards' must be a list"),
        ("deck: D_1\ntitle: T\ncards: []\n", 1, "'deck' must use only"),
        ("deck: d\ntitle: T\ntitle: U\ncards: []\n", 3, "duplicate key 'title'"),
        ("deck: d\ntitle: T\nauthor: me\ncards: []\n", 3, "unknown key 'author'"),
        ("deck: d\ntitle: [T]\ncards: []\n", 2, "'title' must be text"),
        (
            "deck: d\ntitle: T\ncompetencies: {a: b}\ncards: []\n",
            3,
            "'competencies' must be a list",
        ),
        (
            "deck: d\ntitle: T\ncompetencies:\n  - {id: x, name: X, dimension: vibes}\ncards: []\n",
            4,
            "unknown dimension 'vibes'",
        ),
        (
            "deck: d\ntitle: T\ncompetencies:\n  - {id: x, dimension: execution}\ncards: []\n",
            4,
            "missing required field 'name'",
        ),
    ],
)
def test_deck_level_errors_name_their_line(text: str, line: int, message: str) -> None:
    found = problems(text.encode())
    assert any(at == line and message in m for at, m in found), found


def test_every_problem_in_a_file_is_reported_not_just_the_first() -> None:
    data = deck_yaml(
        """
        - {id: a, type: essay, competency: hiring, prompt: p}
        - {id: b, type: basic, competency: juggling, prompt: p, answer: a}
        - {id: c, type: basic, competency: hiring, prompt: p, answer: a, colour: red}
        """
    )
    lines = {line for line, _ in problems(data)}
    assert lines == {4, 5, 6}


def test_error_text_is_path_colon_line_colon_message() -> None:
    with pytest.raises(DeckError) as info:
        parse_deck(deck_yaml(BASIC + "  colour: red\n"), path="decks/mine.yaml")
    assert str(info.value) == "decks/mine.yaml:9: card 1: unknown key 'colour'"
    assert (info.value.line, info.value.path) == (9, "decks/mine.yaml")


def test_a_wrong_shape_is_reported_once() -> None:
    data = deck_yaml("- id: c\n  type: basic\n  competency: hiring\n  prompt: [a, b]\n  answer: a")
    assert problems(data) == [(7, "card 1: 'prompt' must be text")]


def test_an_unclosed_quote_is_reported_where_it_opens() -> None:
    data = (BAD_DECKS / "syntax-error.yaml").read_bytes()
    [(line, message)] = problems(data)
    assert line == 7
    assert "never closed" in message


# --- hostile YAML -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "deck: &id d\ntitle: T\ncards: []\n",
        "deck: d\ntitle: &t T\ncards:\n"
        "  - {type: basic, competency: hiring, prompt: *t, answer: a}\n",
        "deck: d\ntitle: T\ncards:\n"
        "  - &card {type: basic, competency: hiring, prompt: p, answer: a}\n"
        "  - *card\n",
    ],
    ids=["anchor-only", "alias-to-scalar", "alias-to-mapping"],
)
def test_anchors_and_aliases_are_refused(text: str) -> None:
    found = problems(text.encode())
    assert len(found) == 1
    line, message = found[0]
    assert line is not None
    assert "alias" in message


def test_the_billion_laughs_file_is_refused_at_its_first_anchor() -> None:
    assert problems((BAD_DECKS / "alias-bomb.yaml").read_bytes())[0][0] == 3


@pytest.mark.parametrize(
    "data",
    [
        b"[" * 100_000,
        b"{" * 100_000,
        b"[{" * 50_000,
        b"deck: d\ntitle: T\ncards: " + b"[" * 100_000 + b"\n",
        # closing brackets in a comment must not hide the depth of what follows
        b"# " + b"]" * 100_000 + b"\n" + b"[" * 100_000 + b"\n",
        b"a: '" + b"}" * 100_000 + b"'\nb: " + b"{" * 100_000 + b"\n",
    ],
    ids=["brackets", "braces", "mixed", "inside-a-deck", "hidden-by-comment", "hidden-by-string"],
)
def test_very_deep_flow_nesting_is_an_error_not_a_crash(data: bytes) -> None:
    assert problems(data)


@pytest.mark.parametrize(
    "text",
    [
        "- " * 40 + "x\n",
        "cards:\n  " + "- " * 40 + "x\n",
        "? " * 40 + "x\n",
        "".join(" " * level + "k:\n" for level in range(200)) + " " * 200 + "v\n",
        "".join(" " * (2 * level) + "- \n" for level in range(40)) + " " * 80 + "x\n",
    ],
    ids=["compact-sequences", "compact-in-deck", "compact-keys", "indented-maps", "indented-lists"],
)
def test_deep_block_nesting_is_refused(text: str) -> None:
    found = problems(text.encode())
    assert any("nesting" in message for _, message in found), found


@pytest.mark.parametrize("data", [b"", b"\n\n", b"# only a comment\n", "\ufeff".encode()])
def test_an_empty_file_is_an_error(data: bytes) -> None:
    assert problems(data) == [(None, "the file is empty; a deck needs deck, title and cards")]


def test_non_utf8_bytes_name_their_line() -> None:
    data = deck_yaml(BASIC.replace("scorecard", "sc\xf6recard")).replace("ö".encode(), b"\xf6")
    assert problems(data) == [(7, "not UTF-8 text (save the file as UTF-8)")]


def test_a_byte_order_mark_is_accepted() -> None:
    deck = parse_deck(b"\xef\xbb\xbf" + deck_yaml(BASIC), path="f.yaml")
    assert deck.id == "d"


@pytest.mark.parametrize(
    ("text", "line"),
    [("- deck: d\n  title: T\n", 1), ("just a sentence\n", 1), ("\n\n42\n", 3)],
    ids=["list", "text", "number"],
)
def test_the_top_level_must_be_a_mapping(text: str, line: int) -> None:
    message = "a deck must be a mapping with deck, title and cards"
    assert problems(text.encode()) == [(line, message)]


def test_a_second_document_is_refused() -> None:
    data = deck_yaml(BASIC) + b"---\ndeck: e\n"
    assert problems(data)[0][0] == 9


def test_a_file_over_32_mb_is_refused_before_any_yaml_is_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def must_not_parse(text: str) -> None:
        raise AssertionError("the YAML parser was given an oversized file")

    monkeypatch.setattr(safeyaml, "compose", must_not_parse)
    data = b"#" * (32 * 1024 * 1024 + 1)
    found = problems(data)
    assert len(found) == 1
    assert found[0][0] is None
    assert "32 MB" in found[0][1]


# --- text stays text --------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        "no",
        "yes",
        "off",
        "true",
        "null",
        "~",
        "12:30",
        "1e3",
        "0x1F",
        "0o17",
        ".inf",
        "2024-01-01",
        "007",
        "-0",
        "1_000",
    ],
)
def test_scalars_are_kept_as_written(raw: str) -> None:
    card = one_card(
        deck_yaml(
            f"- id: c\n  type: basic\n  competency: hiring\n  prompt: {raw}\n  answer: {raw}\n"
            f"  tags: [{raw}]"
        )
    )
    assert (card.prompt, card.answer, card.tags) == (raw, raw, (raw,))


def test_a_numeric_deck_id_is_text() -> None:
    assert parse_deck(b"deck: 2024\ntitle: 12:30\ncards: []\n", path="f").title == "12:30"


def test_markup_and_tags_stay_literal_text() -> None:
    card = one_card(
        deck_yaml(
            "- id: c\n  type: basic\n  competency: hiring\n  prompt: '[bold]x[/bold] <b>y</b>'\n"
            "  answer: !!python/object:os.system rm"
        )
    )
    assert card.prompt == "[bold]x[/bold] <b>y</b>"
    assert card.answer == "rm"


def test_escaped_control_characters_are_stripped() -> None:
    card = one_card(
        deck_yaml(
            "- id: c\n  type: question\n  competency: hiring\n"
            '  prompt: "a\\x07b\\x1b[31mc\\u202ed\\u200be\\x00f"\n'
            '  signals: ["s\\x08ig", "\\x1b"]\n'
            '  answer: "line one\\r\\nline\\ttwo"\n'
        )
    )
    assert card.prompt == "ab[31mcdef"
    assert card.signals == ("sig",)
    assert card.answer == "line one\nline\ttwo"


def test_raw_control_characters_in_the_file_are_stripped() -> None:
    data = deck_yaml(BASIC.replace("scorecard", "score\x07card\x00\x1b"))
    assert one_card(data).prompt == "What is a scorecard for?"


def test_clean_text_keeps_newlines_and_tabs_and_trims() -> None:
    assert clean_text("  a\x07\tb\r\nc\rd\u2066e  ") == "a\tb\nc\nde"


# --- ids --------------------------------------------------------------------------------


def _independent_id(prompt: str) -> str:
    norm = " ".join(unicodedata.normalize("NFKC", prompt).lower().split())
    words = re.findall(r"[a-z0-9]+", norm)[:6]
    return "-".join([*words, hashlib.sha1(norm.encode()).hexdigest()[:8]])


def test_a_card_without_id_gets_one_derived_from_its_prompt() -> None:
    prompt = "Tell me about a time you hired someone you were unsure about."
    card = one_card(
        deck_yaml(f"- type: basic\n  competency: hiring\n  prompt: {prompt}\n  answer: a")
    )
    assert card.key == _independent_id(prompt)
    assert card.id == f"d/{card.key}"


def test_derived_ids_ignore_layout_case_and_spacing() -> None:
    block = one_card(
        deck_yaml("- type: basic\n  competency: hiring\n  prompt: Why  Hire slowly?\n  answer: a")
    )
    flow = one_card(
        deck_yaml("- {type: basic, competency: hiring, prompt: '  why hire slowly?', answer: b}")
    )
    assert block.key == flow.key == derive_id("why hire slowly?")
    assert derive_id("why hire slowly?") != derive_id("why hire quickly?")


def test_the_same_file_parses_to_the_same_deck() -> None:
    data = deck_yaml("- {type: basic, competency: hiring, prompt: p, answer: a}")
    assert parse_deck(data, path="a") == parse_deck(data, path="b")


def test_two_cards_with_the_same_prompt_and_no_id_are_duplicates() -> None:
    data = deck_yaml(
        "- {type: basic, competency: hiring, prompt: p, answer: a}\n"
        "- {type: basic, competency: hiring, prompt: P, answer: b}"
    )
    assert "duplicate id" in problems(data)[0][1]


def test_a_deck_may_add_competencies_its_cards_use() -> None:
    deck = parse_deck(
        b"deck: d\ntitle: T\ncompetencies:\n"
        b"  - {id: platform-thinking, name: Platform thinking, dimension: technical leadership}\n"
        b"cards:\n  - {type: basic, competency: platform-thinking, prompt: p, answer: a}\n",
        path="f",
    )
    assert deck.competencies == (
        Competency("platform-thinking", "Platform thinking", "technical leadership"),
    )
    assert deck.cards[0].competency == "platform-thinking"


# --- properties -------------------------------------------------------------------------

_FRAGMENTS = [
    "deck: d\n",
    "title: T\n",
    "cards:\n",
    "  - ",
    "type: basic",
    "type: reframe",
    "competency: hiring",
    "prompt: p",
    "answer: a",
    "options: [hiring]",
    "expects: [risk]",
    "\n",
    "    ",
    "[",
    "]",
    "{",
    "}",
    ",",
    ": ",
    "- ",
    "? ",
    "&a ",
    "*a",
    "!!str ",
    "!x ",
    "'",
    '"',
    "|\n",
    ">-\n",
    "#",
    "---\n",
    "...\n",
    "%YAML 1.1\n",
    "\t",
    "\x07",
    "\ufeff",
    "é",
]


@given(st.binary(max_size=300))
def test_any_bytes_parse_or_raise_deck_error(data: bytes) -> None:
    try:
        parse_deck(data, path="fuzz.yaml")
    except DeckError as exc:
        assert exc.problems


@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=60).map("".join))
def test_any_yaml_like_text_parses_or_raises_deck_error(text: str) -> None:
    try:
        parse_deck(text.encode(), path="fuzz.yaml")
    except DeckError as exc:
        assert exc.problems


@given(st.text(max_size=200))
def test_any_text_parses_or_raises_deck_error(text: str) -> None:
    try:
        parse_deck(text.encode("utf-8", "surrogatepass"), path="fuzz.yaml")
    except DeckError as exc:
        assert exc.problems


_IDENT = st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True)
_TEXT = st.text(st.characters(codec="utf-8"), max_size=30).map(clean_text).filter(bool)
_TEXTS = st.lists(_TEXT, max_size=3).map(tuple)
_OPTIONAL_TEXT = st.one_of(st.just(""), _TEXT)


@st.composite
def _cards(draw: st.DrawFn, deck_id: str, competencies: list[str]) -> Card:
    card_type = draw(st.sampled_from(list(CardType)))
    competency = draw(st.sampled_from(competencies))
    key = draw(_IDENT)
    needs_answer = card_type in (CardType.BASIC, CardType.REFRAME)
    values: dict[str, object] = {
        "prompt": draw(_TEXT),
        "answer": draw(_TEXT if needs_answer else _OPTIONAL_TEXT),
        "evaluates": draw(_OPTIONAL_TEXT),
        "signals": draw(_TEXTS),
        "pitfalls": draw(_TEXTS),
        "follow_ups": draw(_TEXTS),
        "tags": draw(_TEXTS),
        "expects": tuple(draw(st.lists(st.sampled_from(SIGNAL_NAMES), unique=True, max_size=3))),
    }
    if card_type is CardType.REFRAME:
        values["ic_answer"] = draw(_TEXT)
        values["rubric"] = draw(_TEXTS)
    if card_type is CardType.RECOGNIZE and draw(st.booleans()):
        others = [c for c in competencies if c != competency]
        distractors = draw(st.lists(st.sampled_from(others), unique=True, min_size=3, max_size=3))
        values["options"] = tuple(draw(st.permutations([competency, *distractors])))
    return Card(
        id=f"{deck_id}/{key}",
        deck_id=deck_id,
        key=key,
        type=card_type,
        competency=competency,
        **values,  # type: ignore[arg-type]
    )


@st.composite
def _decks(draw: st.DrawFn) -> Deck:
    deck_id = draw(_IDENT)
    own = draw(
        st.lists(
            st.builds(
                Competency,
                id=_IDENT.filter(lambda c: c not in BUILTIN_IDS),
                name=_TEXT,
                dimension=st.sampled_from(DIMENSIONS),
                description=_OPTIONAL_TEXT,
            ),
            max_size=2,
            unique_by=lambda c: c.id,
        )
    )
    usable = sorted(BUILTIN_IDS) + [c.id for c in own]
    cards = draw(st.lists(_cards(deck_id, usable), max_size=5, unique_by=lambda c: c.key))
    return Deck(deck_id, draw(_TEXT), tuple(cards), draw(_OPTIONAL_TEXT), tuple(own))


@given(_decks())
def test_dump_then_parse_gives_the_same_deck(deck: Deck) -> None:
    assert parse_deck(dump_deck(deck).encode(), path="dumped.yaml") == deck


# --- the bad-deck corpus ----------------------------------------------------------------


def test_the_corpus_and_its_expectations_match() -> None:
    assert sorted(p.name for p in BAD_DECKS.glob("*.yaml")) == sorted(EXPECTED)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_bad_deck_fails_at_its_line(name: str) -> None:
    expected = EXPECTED[name]
    line, message = problems((BAD_DECKS / name).read_bytes())[0]
    assert line == expected["line"]
    assert expected["message"] in message
