"""The story bank format, the add template and coverage rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drill.core.analysis import analyze
from drill.core.decks import SIGNAL_NAMES
from drill.core.errors import DeckError
from drill.core.model import STORY_TEXT_FIELDS, Story
from drill.core.stories import (
    MAX_COMPETENCIES_PER_STORY,
    OVERUSE_MIN_CHOICES,
    dump_stories,
    parse_stories,
    story_signals,
    story_template,
)
from drill.core.stories import coverage as story_coverage
from drill.core.taxonomy import BUILTIN_IDS
from drill.core.text import clean_text

EXAMPLE = Path(__file__).resolve().parents[2] / "decks" / "example-stories.yaml"

VALID = """\
stories:
  - id: billing-migration
    title: Moving billing off the legacy datastore
    competencies: [system-design-leadership, stakeholder-management]
    situation: Legacy store at end of life.
    task: Move billing without downtime.
    action: |
      Split the work by team.
      Agreed windows with each manager.
    result: Done in five months, no downtime.
    metrics: Pages down from 14 a month to 2.
"""


def _parse(text: str) -> list[Story]:
    return parse_stories(text.encode(), path="bank.yaml", known_competencies=BUILTIN_IDS)


def _errors(text: str) -> list[str]:
    with pytest.raises(DeckError) as info:
        _parse(text)
    return str(info.value).splitlines()


def test_valid_bank_parses_to_stories() -> None:
    [story] = _parse(VALID)
    assert story.id == "billing-migration"
    assert story.competencies == ("system-design-leadership", "stakeholder-management")
    assert story.action == "Split the work by team.\nAgreed windows with each manager."
    assert story.metrics == "Pages down from 14 a month to 2."
    assert story.learned == ""


def test_example_bank_parses() -> None:
    bank = parse_stories(EXAMPLE.read_bytes(), path=str(EXAMPLE), known_competencies=BUILTIN_IDS)
    assert len(bank) == 5
    assert all(s.situation and s.task and s.action and s.result for s in bank)


@pytest.mark.parametrize(
    ("old", "new", "line", "fragment"),
    [
        (
            "    situation: Legacy store at end of life.\n",
            "",
            2,
            "missing required field 'situation'",
        ),
        ("    task: Move billing without downtime.", "    task: ''", 6, "'task' is empty"),
        (
            "stakeholder-management]",
            "stakeholder-mgmt]",
            4,
            "unknown competency 'stakeholder-mgmt'",
        ),
        ("stakeholder-management]", "system-design-leadership]", 4, "listed twice"),
        (
            "competencies: [system-design-leadership, stakeholder-management]",
            "competencies: []",
            4,
            "at least one competency",
        ),
        ("    metrics:", "    metric:", 11, "unknown key 'metric' (did you mean 'metrics'?)"),
        ("id: billing-migration", "id: Billing_Migration", 2, "must use only a-z, 0-9 and '-'"),
        (
            "    title: Moving billing off the legacy datastore\n",
            "",
            2,
            "missing required field 'title'",
        ),
        ("    result: Done", "    result: Done\n    result: Again", 11, "duplicate key 'result'"),
        (
            "    result: Done in five months, no downtime.",
            "    result: [a, b]",
            10,
            "'result' must be text",
        ),
    ],
)
def test_story_errors_name_the_line(old: str, new: str, line: int, fragment: str) -> None:
    assert old in VALID
    errors = _errors(VALID.replace(old, new, 1))
    assert any(e.startswith(f"bank.yaml:{line}: ") and fragment in e for e in errors), errors


def test_duplicate_story_id_names_both_lines() -> None:
    body = VALID.split("\n", 1)[1]
    errors = _errors(VALID + body)
    assert errors == ["bank.yaml:12: story 2: duplicate id 'billing-migration' (first at line 2)"]


def test_every_problem_is_reported_at_once_in_line_order() -> None:
    text = (
        VALID.replace("stakeholder-management]", "nope]")
        .replace("    task: Move billing without downtime.\n", "")
        .replace("metrics:", "metricks:")
    )
    errors = _errors(text)
    assert len(errors) == 3
    assert [e.split(":")[1] for e in errors] == ["2", "4", "10"]


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("", "the file is empty"),
        ("- a\n- b\n", "must be a mapping"),
        ("storys: []\n", "unknown key 'storys' (did you mean 'stories'?)"),
        ("stories: nope\n", "'stories' must be a list"),
        ("stories:\n  - just text\n", "story 1 must be a mapping"),
        ("stories: [\n", "YAML syntax"),
    ],
)
def test_bad_files_are_deck_errors(text: str, fragment: str) -> None:
    assert any(fragment in e for e in _errors(text))


def test_a_deck_gets_one_clear_message() -> None:
    assert _errors("deck: x\ntitle: y\ncards: []\n") == [
        "bank.yaml:1: this looks like a deck, not a story bank; import it with 'drill import'"
    ]


def test_aliases_are_rejected() -> None:
    text = VALID.replace("situation: Legacy", "situation: &s Legacy") + "    learned: *s\n"
    errors = _errors(text)
    assert errors[0].startswith("bank.yaml:5: ") and "anchors and aliases" in errors[0]


def test_control_characters_are_stripped() -> None:
    [story] = _parse(
        VALID.replace("Moving billing", "Moving \\x1b[31mbilling")
        .replace("title: Moving", 'title: "Moving')
        .replace("datastore\n", 'datastore"\n', 1)
    )
    assert "\x1b" not in story.title and "billing" in story.title


def test_known_competencies_include_deck_added_ones() -> None:
    text = VALID.replace("stakeholder-management]", "platform-thinking]")
    with pytest.raises(DeckError):
        _parse(text)
    known = {*BUILTIN_IDS, "platform-thinking"}
    [story] = parse_stories(text.encode(), path="b", known_competencies=known)
    assert "platform-thinking" in story.competencies


_clean = st.text(min_size=1, max_size=60).map(clean_text).filter(bool)
_ids = st.from_regex(r"\A[a-z0-9][a-z0-9-]{0,20}\Z")
_stories = st.builds(
    Story,
    id=_ids,
    title=_clean,
    competencies=st.lists(
        st.sampled_from(sorted(BUILTIN_IDS)), min_size=1, max_size=5, unique=True
    ).map(tuple),
    situation=_clean,
    task=_clean,
    action=_clean,
    result=_clean,
    learned=st.one_of(st.just(""), _clean),
    decisions=st.one_of(st.just(""), _clean),
    stakeholders=st.one_of(st.just(""), _clean),
    metrics=st.one_of(st.just(""), _clean),
    mistakes=st.one_of(st.just(""), _clean),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(_stories, max_size=4, unique_by=lambda s: s.id))
def test_dump_parse_round_trip(bank: list[Story]) -> None:
    assert _parse(dump_stories(bank)) == bank


def test_example_bank_round_trips() -> None:
    bank = parse_stories(EXAMPLE.read_bytes(), path="x", known_competencies=BUILTIN_IDS)
    assert _parse(dump_stories(bank)) == bank


def _fill(template: str) -> str:
    """Fill the template the way a user does: values after keys, text under the '|' lines."""
    text = re.sub(r"(?m)^  - id:$", "  - id: first-reorg", template)
    text = re.sub(r"(?m)^    title:$", "    title: My first reorg", text)
    text = text.replace("competencies: []", "competencies: [org-strategy, people-development]")
    for name in ("situation", "task", "action", "result", "mistakes"):
        text = text.replace(f"    {name}: |\n", f"    {name}: |\n      The {name}, in my words.\n")
    return text


def test_template_does_not_parse_unfilled() -> None:
    errors = _errors(story_template())
    for name in ("id", "title", "situation", "task", "action", "result"):
        assert any(f"'{name}' is empty" in e for e in errors), name
    assert any("at least one competency" in e for e in errors)


def test_template_parses_after_filling() -> None:
    [story] = _parse(_fill(story_template()))
    assert story.id == "first-reorg"
    assert story.competencies == ("org-strategy", "people-development")
    assert story.situation == "The situation, in my words."
    assert story.mistakes == "The mistakes, in my words."
    assert story.learned == story.decisions == ""


def test_template_explains_every_field_and_lists_competencies() -> None:
    template = story_template()
    for name in ("id", "title", "competencies", *STORY_TEXT_FIELDS):
        assert re.search(rf"(?m)^\s*(- )?{name}:", template), name
    for comp in BUILTIN_IDS:
        assert comp in template
    assert "interviewers dig for" in template


def test_story_signals_come_from_its_outline() -> None:
    [story] = _parse(VALID)
    assert story_signals(story) == tuple(
        name for name, shown in analyze(story.outline).signals.items() if shown
    )
    assert set(story_signals(story)) <= set(SIGNAL_NAMES)
    bare = Story("bare", "Bare", ("hiring",), "x", "y", "z", "w")
    assert story_signals(bare) == ()


def _story(story_id: str, *comps: str) -> Story:
    return Story(story_id, story_id.title(), comps, "s", "t", "a", "r")


COMPS = ["hiring", "org-strategy", "conflict-resolution"]


def test_coverage_lists_stories_per_competency_and_gaps() -> None:
    bank = [_story("a", "hiring", "org-strategy"), _story("b", "hiring")]
    cov = story_coverage(bank, COMPS, [])
    assert [(c.id, c.stories) for c in cov.competencies] == [
        ("hiring", ("a", "b")),
        ("org-strategy", ("a",)),
        ("conflict-resolution", ()),
    ]
    assert cov.gaps == ("org-strategy", "conflict-resolution")
    assert cov.overused == ()


def test_coverage_json_shape() -> None:
    doc = story_coverage([_story("a", "hiring")], COMPS, [("a", "hiring", 2)]).to_json()
    assert doc["competencies"][0] == {"id": "hiring", "stories": ["a"]}
    assert doc["gaps"] == COMPS
    assert doc["usage"] == [{"story": "a", "competency": "hiring", "times": 2}]
    assert doc["overused"] == [] and doc["overuse"] == []


def test_story_mapped_to_too_many_competencies_is_overused() -> None:
    many = sorted(BUILTIN_IDS)[: MAX_COMPETENCIES_PER_STORY + 1]
    bank = [_story("wide", *many), _story("fine", *many[:MAX_COMPETENCIES_PER_STORY])]
    cov = story_coverage(bank, sorted(BUILTIN_IDS), [])
    assert cov.overused == ("wide",)
    assert f"{MAX_COMPETENCIES_PER_STORY + 1} competencies" in cov.overuse[0].reasons[0]


def test_story_chosen_too_often_is_overused() -> None:
    bank = [_story("fav", "hiring"), _story("other", "hiring")]
    usage = [("fav", "hiring", 2), ("fav", "org-strategy", 1), ("other", "hiring", 2)]
    cov = story_coverage(bank, COMPS, usage)
    [over] = cov.overuse
    assert cov.overused == ("fav",)
    assert over.story_id == "fav" and over.chosen == 3 and over.share == pytest.approx(0.6)
    assert "3 of 5" in over.reasons[0]


def test_share_at_the_limit_is_not_overuse() -> None:
    bank = [_story("a", "hiring"), _story("b", "hiring")]
    cov = story_coverage(bank, COMPS, [("a", "hiring", 2), ("b", "hiring", 3)])
    assert cov.overused == ("b",)


def test_few_choices_say_nothing_about_overuse() -> None:
    bank = [_story("a", "hiring")]
    cov = story_coverage(bank, COMPS, [("a", "hiring", OVERUSE_MIN_CHOICES - 1)])
    assert cov.overused == ()
    cov = story_coverage(bank, COMPS, [("a", "hiring", OVERUSE_MIN_CHOICES)])
    assert cov.overused == ("a",)


def test_overuse_json_names_the_story_and_the_reasons() -> None:
    many = sorted(BUILTIN_IDS)[: MAX_COMPETENCIES_PER_STORY + 1]
    usage = [("wide", "hiring", OVERUSE_MIN_CHOICES)]
    doc = story_coverage([_story("wide", *many)], COMPS, usage).to_json()
    assert doc["overused"] == ["wide"]
    [over] = doc["overuse"]
    assert over["id"] == "wide" and over["chosen"] == OVERUSE_MIN_CHOICES and over["share"] == 1
    assert len(over["reasons"]) == 2


def test_deleted_stories_count_in_the_total_but_not_in_usage() -> None:
    bank = [_story("a", "hiring")]
    cov = story_coverage(bank, COMPS, [("a", "hiring", 2), ("gone", "hiring", 8)])
    assert cov.total_choices == 10
    assert [u.story_id for u in cov.usage] == ["a"]
    assert cov.overused == ()


def test_story_naming_a_competency_outside_the_list_is_still_shown() -> None:
    cov = story_coverage([_story("a", "platform-thinking")], COMPS, [])
    assert cov.competencies[-1].id == "platform-thinking"
    assert cov.competencies[-1].stories == ("a",)
