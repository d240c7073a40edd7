"""The review screen's state machine (PRODUCT §4), key by key, checked against the database."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import TextArea

from drill.core.model import CardType, Rating, Story
from drill.core.queue import Mode
from drill.session import ReviewSession
from drill.store import CardFilter, Store, parse_iso
from drill.tui.app import DrillApp
from drill.tui.screens.help import HelpDialog
from drill.tui.screens.home import HomeScreen
from drill.tui.screens.review import Phase, ReviewScreen
from drill.tui.screens.stories import StoryPickDialog
from drill.tui.screens.summary import SummaryScreen
from drill.tui.widgets.answer import AnswerArea
from drill.tui.widgets.card import CardView
from drill.tui.widgets.review import HintedKeyRow, KeyRow, ReviewTop

from .conftest import (
    COMPETENCY_OF,
    NOW,
    SIZE,
    app_for,
    clock,
    durable_reviews,
    review_rows,
    screen_lines,
    settle,
)

LONG_TYPES = (CardType.QUESTION, CardType.REFRAME)
NOT_RECOGNIZE = (CardType.QUESTION, CardType.REFRAME, CardType.BASIC)


def review_screen(app: DrillApp) -> ReviewScreen:
    """The review screen, which must be on top."""
    screen = app.screen
    assert isinstance(screen, ReviewScreen), f"expected the review screen, got {screen!r}"
    return screen


def current_id(app: DrillApp) -> str:
    """The id of the card in front of the user."""
    step = review_screen(app).step
    assert step is not None
    return step.card.id


def hint_text(app: DrillApp) -> str:
    """The hint line over the key row."""
    return app.screen.query_one("#bars", HintedKeyRow).hint


def top_text(app: DrillApp) -> str:
    """The review screen's top line: the progress, then the timer."""
    return app.screen.query_one(ReviewTop).text


def card_text(app: DrillApp, selector: str) -> str:
    """The plain text of the card's front or back, as drawn."""
    return app.screen.query_one(selector, CardView).text


def bar_text(app: DrillApp) -> str:
    """What the key row under the card shows: ratings, or the quality row."""
    return app.screen.query_one("#bars", KeyRow).text


def marked_keys(app: DrillApp) -> list[str]:
    """The keys the key row proposes (the quality row's proposal)."""
    return [box.label[0] for box in app.screen.query_one("#bars", KeyRow).boxes if box.marked]


def right_option(app: DrillApp) -> int:
    """The 1-based key of the right option on a recognize card."""
    step = review_screen(app).step
    assert step is not None
    return step.options.index(step.card.competency) + 1


def assert_keys_reach_the_screen(app: DrillApp) -> None:
    """No text area has focus, and whatever has focus binds none of the review keys."""
    focused = app.focused
    assert not isinstance(focused, TextArea)
    if focused is not None:
        review_keys = {
            key
            for b in ReviewScreen.BINDINGS
            if not b.action.startswith("scroll")
            for key in b.key.split(",")
        }
        assert not review_keys & set(focused._bindings.key_to_bindings), focused


async def answer_current(pilot: Pilot[Any], app: DrillApp) -> None:
    """Answer the card in front, whatever its type, with Good."""
    step = review_screen(app).step
    assert step is not None
    if step.card.type is CardType.RECOGNIZE:
        await pilot.press(str(right_option(app)), "space")
    elif step.card.type.long_answer:
        await pilot.press("space", "3", "enter")
    else:
        await pilot.press("space", "3")


def review_before(store: Store, card_type: CardType, days: int = 10) -> str:
    """Review the first card of a type ``days`` before NOW (10: due at NOW; 0: not due); its id."""
    session = ReviewSession.start(
        store,
        clock=lambda: NOW - timedelta(days=days),
        where=CardFilter(competency=COMPETENCY_OF[card_type]),
    )
    step = session.current()
    assert step is not None
    session.answer(Rating.GOOD, quality=3 if card_type.long_answer else None)
    return step.card.id


@pytest.mark.parametrize("card_type", list(COMPETENCY_OF))
async def test_no_text_area_has_focus_when_a_card_appears(
    deck_store: Store, card_type: CardType
) -> None:
    app = app_for(deck_store, card_type)
    async with app.run_test(size=SIZE) as pilot:
        assert review_screen(app).phase is Phase.FRONT
        assert_keys_reach_the_screen(app)
        await answer_current(pilot, app)
        assert review_screen(app).phase is Phase.FRONT
        assert_keys_reach_the_screen(app)


@pytest.mark.parametrize("card_type", NOT_RECOGNIZE)
async def test_rating_keys_do_nothing_before_reveal(deck_store: Store, card_type: CardType) -> None:
    app = app_for(deck_store, card_type)
    async with app.run_test(size=SIZE) as pilot:
        first = current_id(app)
        await pilot.press("1", "2", "3", "4")
        assert review_screen(app).phase is Phase.FRONT
        assert current_id(app) == first
        assert deck_store.review_count() == 0


@pytest.mark.parametrize("key", ["space", "enter"])
@pytest.mark.parametrize("card_type", NOT_RECOGNIZE)
async def test_space_and_enter_reveal_the_back(
    deck_store: Store, card_type: CardType, key: str
) -> None:
    app = app_for(deck_store, card_type)
    async with app.run_test(size=SIZE) as pilot:
        screen = review_screen(app)
        assert not screen.query_one("#back").display
        await pilot.press(key)
        assert screen.phase is Phase.REVEALED
        assert screen.query_one("#back").display
        assert "3 Good · " in bar_text(app)
        assert deck_store.review_count() == 0


async def test_the_rating_bar_shows_each_rating_with_its_next_interval(deck_store: Store) -> None:
    app = app_for(deck_store, CardType.BASIC)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        screen = review_screen(app)
        labels = [box.label for box in screen.query_one("#bars", KeyRow).boxes]
        assert [label.split(" · ")[0] for label in labels] == [
            "1 Again",
            "2 Hard",
            "3 Good",
            "4 Easy",
        ]
        assert all(len(label.split(" · ")) == 2 for label in labels)
        drawn = "\n".join(screen_lines(app)[-4:])
        assert all(label in drawn for label in labels)


@pytest.mark.parametrize("card_type", LONG_TYPES)
async def test_a_long_answer_rating_asks_for_quality_before_committing(
    deck_store: Store, card_type: CardType
) -> None:
    app = app_for(deck_store, card_type)
    async with app.run_test(size=SIZE) as pilot:
        first = current_id(app)
        await pilot.press("space", "2")
        screen = review_screen(app)
        assert screen.phase is Phase.QUALITY
        assert bar_text(app).startswith("Quality")
        assert "Good" not in bar_text(app)
        assert deck_store.review_count() == 0
        await pilot.press("4")
        [review] = review_rows(deck_store)
        assert (review["card_id"], review["rating"], review["quality"]) == (first, 2, 4)
        assert current_id(app) != first
        assert screen.phase is Phase.FRONT


@pytest.mark.parametrize("letters", [("a",), ("a", "c"), ("a", "b", "c"), ("d", "c", "b", "a")])
async def test_enter_accepts_the_quality_proposed_by_ticked_rubric_items(
    deck_store: Store, letters: tuple[str, ...]
) -> None:
    app = app_for(deck_store, CardType.REFRAME)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        screen = review_screen(app)
        checklist = screen.ticks
        total = len(checklist.items)
        assert total == 4
        await pilot.press(*letters)
        assert checklist.ticked == frozenset("abcd".index(x) for x in letters)
        await pilot.press("3")
        proposal = 1 + round(4 * len(letters) / total)
        assert marked_keys(app) == [str(proposal)]
        assert f"enter accepts {proposal}" in hint_text(app)
        await pilot.press("enter")
        [review] = review_rows(deck_store)
        assert (review["rating"], review["quality"]) == (3, proposal)


async def test_enter_stores_no_quality_when_nothing_is_ticked(deck_store: Store) -> None:
    app = app_for(deck_store, CardType.REFRAME)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "a", "a", "3")
        assert bar_text(app).startswith("Quality")
        assert marked_keys(app) == []
        await pilot.press("enter")
        [review] = review_rows(deck_store)
        assert (review["rating"], review["quality"]) == (3, None)


async def test_question_signals_tick_like_a_rubric(deck_store: Store) -> None:
    app = app_for(deck_store, CardType.QUESTION)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        checklist = review_screen(app).ticks
        assert checklist.items == (
            "Named the signal that was missed",
            "Changed the interview loop",
            "Owned the decision",
        )
        assert "[ ] c" in card_text(app, "#back")
        await pilot.press("c")
        assert "[x] c" in card_text(app, "#back")
        assert "[x] a" not in card_text(app, "#back")
        await pilot.press("4", "enter")
        [review] = review_rows(deck_store)
        assert (review["rating"], review["quality"]) == (4, 1 + round(4 * 1 / 3))


async def test_b_after_reveal_ticks_item_b_instead_of_burying(deck_store: Store) -> None:
    app = app_for(deck_store, CardType.REFRAME)
    async with app.run_test(size=SIZE) as pilot:
        first = current_id(app)
        await pilot.press("space", "b")
        assert review_screen(app).ticks.ticked == {1}
        assert current_id(app) == first
        row = deck_store.conn.execute(
            "SELECT buried_until FROM cards WHERE id = ?", (first,)
        ).fetchone()
        assert row[0] is None


async def test_a_basic_card_commits_at_the_rating(deck_store: Store) -> None:
    app = app_for(deck_store, CardType.BASIC)
    async with app.run_test(size=SIZE) as pilot:
        first = current_id(app)
        await pilot.press("space", "2")
        [review] = review_rows(deck_store)
        assert (review["card_id"], review["rating"], review["quality"]) == (first, 2, None)
        screen = review_screen(app)
        assert screen.phase is Phase.FRONT
        assert not bar_text(app).startswith("Quality")
        assert current_id(app) != first


@pytest.mark.parametrize("right", [True, False], ids=["right", "wrong"])
async def test_a_recognize_choice_grades_and_commits_at_once(
    deck_store: Store, right: bool
) -> None:
    app = app_for(deck_store, CardType.RECOGNIZE)
    async with app.run_test(size=SIZE) as pilot:
        first = current_id(app)
        good = right_option(app)
        key = good if right else good % 4 + 1
        await pilot.press(str(key))
        screen = review_screen(app)
        assert screen.phase is Phase.GRADED
        [review] = review_rows(deck_store)
        expected = Rating.GOOD if right else Rating.AGAIN
        assert (review["card_id"], review["rating"], review["quality"]) == (first, expected, None)
        assert screen.query_one("#back").display
        assert ("Right" if right else "Not quite") in hint_text(app)
        await pilot.press("1", "2", "3", "4")
        assert deck_store.review_count() == 1
        await pilot.press("space")
        assert screen.phase is Phase.FRONT
        assert current_id(app) != first


async def test_space_does_not_reveal_a_recognize_card(deck_store: Store) -> None:
    app = app_for(deck_store, CardType.RECOGNIZE)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "enter")
        assert review_screen(app).phase is Phase.FRONT
        assert not review_screen(app).query_one("#back").display
        assert deck_store.review_count() == 0


@pytest.mark.parametrize("card_type", LONG_TYPES)
async def test_w_focuses_the_text_area_where_keys_type_text(
    deck_store: Store, card_type: CardType
) -> None:
    app = app_for(deck_store, card_type)
    async with app.run_test(size=SIZE) as pilot:
        screen = review_screen(app)
        assert not screen.query(AnswerArea)
        await pilot.press("w")
        area = screen.query_one(AnswerArea)
        assert app.focused is area
        await pilot.press("1", "space", "q", "u", "s", "b", "3")
        assert area.text == "1 qusb3"
        assert screen.phase is Phase.FRONT
        assert deck_store.review_count() == 0
        assert (
            deck_store.conn.execute("SELECT count(*) FROM cards WHERE suspended = 1").fetchone()[0]
            == 0
        )


async def test_escape_leaves_the_text_area_keeping_the_text(deck_store: Store) -> None:
    app = app_for(deck_store, CardType.QUESTION)
    async with app.run_test(size=SIZE) as pilot:
        screen = review_screen(app)
        await pilot.press("w", "w", "e")
        area = screen.query_one(AnswerArea)
        await pilot.press("escape")
        assert app.focused is None
        assert area.text == "we"
        assert app.screen is screen
        assert screen.phase is Phase.FRONT
        await pilot.press("space", "3", "5")
        [review] = review_rows(deck_store)
        assert (review["rating"], review["quality"], review["answer"]) == (3, 5, "we")


async def test_ctrl_r_reveals_from_inside_the_text_area(deck_store: Store) -> None:
    app = app_for(deck_store, CardType.REFRAME)
    async with app.run_test(size=SIZE) as pilot:
        screen = review_screen(app)
        await pilot.press("w", *"we aligned the team", "ctrl+r")
        assert screen.phase is Phase.REVEALED
        assert not isinstance(app.focused, TextArea)
        assert "we aligned the team" in card_text(app, "#back")
        await pilot.press("3", "2")
        [review] = review_rows(deck_store)
        assert (review["rating"], review["quality"], review["answer"]) == (
            3,
            2,
            "we aligned the team",
        )


async def test_the_previous_typed_answer_is_shown_when_the_card_returns(deck_store: Store) -> None:
    session = ReviewSession.start(
        deck_store, clock=lambda: NOW - timedelta(days=10), where=CardFilter(competency="hiring")
    )
    session.answer(Rating.GOOD, quality=3, answer="Last time I said this.")
    app = app_for(deck_store, CardType.QUESTION)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space")
        assert "Last time I said this." in card_text(app, "#back")


async def test_u_on_the_quality_row_goes_back_to_the_rating(deck_store: Store) -> None:
    app = app_for(deck_store, CardType.QUESTION)
    async with app.run_test(size=SIZE) as pilot:
        first = current_id(app)
        await pilot.press("space", "1", "u")
        screen = review_screen(app)
        assert screen.phase is Phase.REVEALED
        assert "3 Good · " in bar_text(app)
        assert not bar_text(app).startswith("Quality")
        assert deck_store.review_count() == 0
        await pilot.press("4", "2")
        [review] = review_rows(deck_store)
        assert (review["card_id"], review["rating"], review["quality"]) == (first, 4, 2)


@pytest.mark.parametrize("card_type", list(COMPETENCY_OF))
async def test_u_after_commit_restores_the_card_state_exactly(
    deck_store: Store, card_type: CardType
) -> None:
    reviewed = review_before(deck_store, card_type)
    before = deck_store.state_row(reviewed)
    assert before is not None
    app = app_for(deck_store, card_type)
    async with app.run_test(size=SIZE) as pilot:
        assert current_id(app) == reviewed, "the due card comes first"
        await answer_current(pilot, app)
        assert deck_store.review_count() == 2
        assert deck_store.state_row(reviewed) != before
        await pilot.press("u")
        assert deck_store.review_count() == 1
        assert deck_store.state_row(reviewed) == before
        screen = review_screen(app)
        assert current_id(app) == reviewed
        assert screen.phase is Phase.FRONT
        assert not screen.query_one("#back").display


async def test_undo_of_a_new_card_leaves_it_new(deck_store: Store) -> None:
    app = app_for(deck_store, CardType.BASIC)
    async with app.run_test(size=SIZE) as pilot:
        first = current_id(app)
        await pilot.press("space", "3", "u")
        assert deck_store.review_count() == 0
        assert deck_store.state_row(first) is None
        assert current_id(app) == first


async def test_undo_of_a_requeued_short_card_leaves_no_duplicate(deck_store: Store) -> None:
    app = app_for(deck_store, CardType.RECOGNIZE)
    async with app.run_test(size=SIZE) as pilot:
        screen = review_screen(app)
        cards = [item.card_id for item in screen.session.queue]
        await pilot.press("1")
        assert len(screen.session.queue) == len(cards) + 1, "a learning step brings it back"
        await pilot.press("u")
        assert [item.card_id for item in screen.session.queue] == cards
        assert deck_store.review_count() == 0


async def test_u_does_nothing_before_anything_is_rated(deck_store: Store) -> None:
    app = app_for(deck_store, CardType.BASIC)
    async with app.run_test(size=SIZE) as pilot:
        first = current_id(app)
        await pilot.press("u")
        assert current_id(app) == first
        assert review_screen(app).phase is Phase.FRONT


async def test_s_suspends_the_card_and_moves_on(deck_store: Store) -> None:
    app = app_for(deck_store, CardType.QUESTION)
    async with app.run_test(size=SIZE) as pilot:
        first = current_id(app)
        await pilot.press("s")
        assert deck_store.is_suspended(first)
        assert current_id(app) != first
        assert deck_store.review_count() == 0


@pytest.mark.parametrize("reveal", [False, True], ids=["front", "revealed"])
async def test_b_buries_the_card_until_the_next_day(deck_store: Store, reveal: bool) -> None:
    app = app_for(deck_store, CardType.BASIC)
    async with app.run_test(size=SIZE) as pilot:
        first = current_id(app)
        if reveal:
            await pilot.press("space")
        await pilot.press("b")
        raw = deck_store.conn.execute(
            "SELECT buried_until FROM cards WHERE id = ?", (first,)
        ).fetchone()[0]
        assert raw is not None
        assert NOW < parse_iso(raw) <= NOW + timedelta(days=1)
        assert current_id(app) != first
        assert not deck_store.is_suspended(first)


async def test_suspend_and_bury_are_off_once_the_rating_is_given(deck_store: Store) -> None:
    app = app_for(deck_store, CardType.QUESTION)
    async with app.run_test(size=SIZE) as pilot:
        first = current_id(app)
        await pilot.press("space", "3", "s")
        assert review_screen(app).phase is Phase.QUALITY
        assert not deck_store.is_suspended(first)


@pytest.mark.parametrize("key", ["q", "escape"])
async def test_q_ends_the_session_and_again_leaves_drill(deck_store: Store, key: str) -> None:
    app = app_for(deck_store, CardType.BASIC)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("space", "3", key)
        assert isinstance(app.screen, SummaryScreen)
        assert app.screen.summary.done == 1
        await pilot.press("q")
        await settle(pilot)
        assert not app.is_running
        assert app.return_code == 0
    assert deck_store.review_count() == 1


async def test_ending_a_session_started_from_home_goes_back_home(deck_store: Store) -> None:
    app = DrillApp(deck_store, clock=clock)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("enter")
        review_screen(app)
        await pilot.press("q", "enter")
        assert isinstance(app.screen, HomeScreen)
        assert app.is_running


async def test_question_mark_opens_the_key_help(deck_store: Store) -> None:
    app = app_for(deck_store, CardType.QUESTION)
    async with app.run_test(size=SIZE) as pilot:
        screen = review_screen(app)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpDialog)
        await pilot.press("escape")
        assert app.screen is screen
        assert screen.phase is Phase.FRONT
        await pilot.press("space")
        assert screen.phase is Phase.REVEALED


def practice_count(store: Store) -> int:
    """Practice answers stored."""
    return int(store.conn.execute("SELECT count(*) FROM practice").fetchone()[0])


@pytest.mark.parametrize("card_type", list(COMPETENCY_OF))
async def test_practice_leaves_card_state_byte_identical(
    deck_store: Store, card_type: CardType
) -> None:
    # reviewed just now, so not due: the card can only come back as practice
    reviewed = review_before(deck_store, card_type, days=0)
    before = deck_store.state_row(reviewed)
    reviews = deck_store.review_count()
    app = app_for(deck_store, card_type, start_review=False)
    async with app.run_test(size=SIZE) as pilot:
        app.start_session(practice=True)
        await settle(pilot)
        screen = review_screen(app)
        assert {item.mode for item in screen.session.queue} == {Mode.PRACTICE}
        while current_id(app) != reviewed:
            await pilot.press("b")
        await answer_current(pilot, app)
    assert deck_store.state_row(reviewed) == before
    assert deck_store.review_count() == reviews
    rows = deck_store.conn.execute("SELECT card_id FROM practice").fetchall()
    assert [r[0] for r in rows] == [reviewed]


async def test_practice_keeps_quality_and_undo_removes_it(deck_store: Store) -> None:
    review_before(deck_store, CardType.QUESTION, days=0)
    ids = sorted(deck_store.card_ids())
    before = {card_id: deck_store.state_row(card_id) for card_id in ids}
    app = app_for(deck_store, CardType.QUESTION, start_review=False)
    async with app.run_test(size=SIZE) as pilot:
        app.start_session(practice=True)
        await settle(pilot)
        assert review_screen(app).session.total == 2
        assert "practice" in top_text(app)
        first = current_id(app)
        await pilot.press("space", "1", "4")
        rows = deck_store.conn.execute("SELECT card_id, quality FROM practice").fetchall()
        assert [tuple(r) for r in rows] == [(first, 4)]
        await pilot.press("u")
        assert practice_count(deck_store) == 0
        assert current_id(app) == first
        assert review_screen(app).phase is Phase.FRONT
    assert {card_id: deck_store.state_row(card_id) for card_id in ids} == before
    assert deck_store.review_count() == 1


async def test_a_session_with_nothing_due_is_topped_up_with_practice(deck_store: Store) -> None:
    reviewed = review_before(deck_store, CardType.REFRAME, days=0)
    review_before(deck_store, CardType.REFRAME, days=0)
    before = deck_store.state_row(reviewed)
    app = app_for(deck_store, CardType.REFRAME)
    async with app.run_test(size=SIZE) as pilot:
        screen = review_screen(app)
        assert {item.mode for item in screen.session.queue} == {Mode.PRACTICE}
        for _ in range(screen.session.total):
            await answer_current(pilot, app)
        assert isinstance(app.screen, SummaryScreen)
    assert deck_store.state_row(reviewed) == before
    assert deck_store.review_count() == 2
    assert practice_count(deck_store) == 2


async def test_every_rating_is_committed_before_the_next_card_shows(
    deck_store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[tuple[int, int]] = []
    show_card: Callable[[ReviewScreen], None] = ReviewScreen.show_card

    def watched(screen: ReviewScreen) -> None:
        show_card(screen)
        if screen.step is not None:
            seen.append((screen.step.position, durable_reviews(deck_store)))

    monkeypatch.setattr(ReviewScreen, "show_card", watched)
    app = app_for(deck_store)
    async with app.run_test(size=SIZE) as pilot:
        total = review_screen(app).session.total
        types_seen: set[CardType] = set()
        while isinstance(app.screen, ReviewScreen):
            step = review_screen(app).step
            assert step is not None
            types_seen.add(step.card.type)
            await answer_current(pilot, app)
        assert isinstance(app.screen, SummaryScreen)
    assert types_seen == set(COMPETENCY_OF)
    assert len(seen) >= total
    assert all(committed == position - 1 for position, committed in seen), seen
    assert deck_store.review_count() == len(seen)


STORY = Story(
    id="billing",
    title="Moving billing off the legacy datastore",
    competencies=("org-strategy", "hiring"),
    situation="Billing ran on a datastore nobody owned.",
    task="Move it without downtime.",
    action="We staged the move with the finance team.",
    result="No incident; costs fell by a third.",
)


async def test_a_story_card_is_told_then_rated_for_recall_and_quality(deck_store: Store) -> None:
    deck_store.save_stories([STORY])
    app = DrillApp(
        deck_store, clock=clock, start_review=True, where=CardFilter(competency="org-strategy")
    )
    async with app.run_test(size=SIZE) as pilot:
        step = review_screen(app).step
        assert step is not None and step.card.type is CardType.STORY
        assert "story" in top_text(app)
        assert STORY.title in card_text(app, "#front")
        await pilot.press("space")
        assert "We staged the move with the finance team." in card_text(app, "#back")
        await pilot.press("2", "5")
        [review] = review_rows(deck_store)
        assert (review["card_id"], review["rating"], review["quality"]) == (step.card.id, 2, 5)


async def test_t_records_the_story_the_user_would_tell(deck_store: Store) -> None:
    deck_store.save_stories([STORY._replace(competencies=("org-strategy",))])
    app = app_for(deck_store, CardType.QUESTION)
    async with app.run_test(size=SIZE) as pilot:
        screen = review_screen(app)
        await pilot.press("t")
        assert isinstance(app.screen, StoryPickDialog)
        await pilot.press("enter")
        assert app.screen is screen
        assert STORY.title in card_text(app, "#front")
        await pilot.press("space", "3", "enter")
        [review] = review_rows(deck_store)
        assert review["story_id"] == STORY.id


async def test_the_answer_time_is_stored_with_the_review(
    deck_store: Store, frozen_timer: Callable[[float], None]
) -> None:
    app = app_for(deck_store, CardType.BASIC)
    async with app.run_test(size=SIZE) as pilot:
        frozen_timer(42.5)
        await pilot.press("space")
        frozen_timer(600)
        assert "0:42" in top_text(app)
        await pilot.press("3")
        [review] = review_rows(deck_store)
        assert review["duration_ms"] == 42_500


async def test_drill_review_with_nothing_to_show_exits_saying_so(
    empty_store: Store, capsys: pytest.CaptureFixture[str]
) -> None:
    app = app_for(empty_store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
    assert app.return_code == 0
    assert "Nothing due and no new cards left for today" in " ".join(capsys.readouterr())


async def test_drill_review_ends_on_the_summary_then_leaves(deck_store: Store) -> None:
    app = app_for(deck_store, CardType.BASIC)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, ReviewScreen)
        while isinstance(app.screen, ReviewScreen):
            await pilot.press("space", "3")
        assert isinstance(app.screen, SummaryScreen)
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_code == 0
    assert deck_store.review_count() >= 1


def test_insight_marks_what_the_model_found_as_likely() -> None:
    from drill.core.analysis import analyze
    from drill.tui.insight import insight_content
    from tests.core.test_signal_model import LONG_ANSWER

    learned = analyze(LONG_ANSWER).learned
    assert learned
    lines = insight_content(LONG_ANSWER, ()).plain.splitlines()
    for line in lines[1:]:
        if line.startswith(" ✓ "):
            signal = line[3:].split()[0]
            signal = "tradeoffs" if signal == "trade-offs" else signal
            assert ("(likely)" in line) == (signal in learned), line
