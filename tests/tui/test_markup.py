"""Untrusted text is shown literally in every widget (PRODUCT §8): no markup, no actions.

Every piece of deck, story and competency text below carries ``[@click=app.quit]WORD[/]``.
Each test finds every such string on screen, checks that the cell under WORD carries no
click action or link, clicks it, and checks that drill is still running. A control test
shows that on a widget that does parse markup the literal text disappears (so the
checks on the words seen fail) and a click runs the action.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from textual.app import App, ComposeResult
from textual.geometry import Offset
from textual.pilot import Pilot
from textual.widgets import Static

from drill.core.model import Card, CardType, Deck, Rating, Review, State, Story
from drill.core.scheduling import Scheduler
from drill.metrics import competency_stats
from drill.store import CardFilter, Store, new_review_id
from drill.tui.app import DrillApp
from drill.tui.screens.decks import DecksScreen
from drill.tui.screens.review import Phase, ReviewScreen
from drill.tui.screens.stats import StatsScreen
from drill.tui.screens.stories import CoverageScreen, StoriesScreen, StoryPickDialog
from drill.tui.screens.summary import SummaryScreen
from drill.tui.widgets.answer import AnswerArea

from .conftest import NOW, clock, find_on_screen, import_yaml, screen_lines, settle

TRAP = "[@click=app.quit]"
BIG = (120, 60)
"""A tall terminal so a whole card back fits on screen."""

HOSTILE_YAML = rb"""
deck: evil
title: "[@click=app.quit]TITLE[/] [bold]x[/bold] \e[31mred"
competencies:
  - {id: boom, name: "[@click=app.quit]boom[/]", dimension: execution}
cards:
  - id: q
    type: question
    competency: boom
    prompt: "[@click=app.quit]PROMPT[/] [bold]x[/bold] [link=https://x]l[/link] \e[31mred"
    evaluates: "[@click=app.quit]EVALUATES[/]"
    signals: ["[@click=app.quit]SIGNAL[/]", "[link=https://x]LINK[/link]"]
    pitfalls: ["[@click=app.quit]PITFALL[/]"]
    follow_ups: ["[@click=app.quit]FOLLOWUP[/]"]
    answer: "[@click=app.quit]ANSWER[/] [bold]x[/bold]"
  - id: r
    type: reframe
    competency: boom
    prompt: "[@click=app.quit]REFRAME[/]"
    ic_answer: "[@click=app.quit]ICANSWER[/]"
    answer: "[@click=app.quit]EXEMPLAR[/]"
    rubric: ["[@click=app.quit]RUBRIC[/]", "[bold]x[/bold]"]
  - id: c
    type: recognize
    competency: boom
    prompt: "[@click=app.quit]RECOGNIZE[/]"
    options: [hiring, boom, conflict-resolution, execution-delivery]
    answer: "[@click=app.quit]WHY[/]"
  - id: b
    type: basic
    competency: boom
    prompt: "[@click=app.quit]BASIC[/]"
    answer: "[@click=app.quit]BACK[/]"
"""

HOSTILE_STORY = Story(
    id="evil-story",
    title="[@click=app.quit]STORY[/] \x1b[31m",
    competencies=("boom",),
    situation="[@click=app.quit]SITUATION[/]",
    task="t",
    action="a",
    result="r",
)


def hostile_store(tmp_path: Any) -> Store:
    """A store with the hostile deck (parsed from YAML) and a hostile story."""
    store = Store.open(tmp_path / "evil.db")
    import_yaml(store, HOSTILE_YAML, "evil.yaml")
    return store


def raw_deck() -> Deck:
    """A deck built without the YAML parser, as an importer could: escapes and markup in ids."""
    card = Card(
        id="raw/[@click=app.quit]CARDID[/]",
        deck_id="raw",
        key="[@click=app.quit]CARDID[/]",
        type=CardType.BASIC,
        competency="boom",
        prompt="[@click=app.quit]RAWPROMPT[/] \x1b[31mred\x1b[0m \x1b]8;;https://x\x1b\\l",
        answer="\x1b[2J[@click=app.quit]RAWBACK[/]",
    )
    return Deck(id="raw", title="[@click=app.quit]RAWTITLE[/] \x1b[31m", cards=(card,))


def traps_on_screen(app: App[Any]) -> list[tuple[str, Offset]]:
    """Each trapped word on screen, with where the word itself starts."""
    found: list[tuple[str, Offset]] = []
    for y, line in enumerate(screen_lines(app)):
        start = line.find(TRAP)
        while start >= 0:
            word_x = start + len(TRAP)
            end = line.find("[/]", word_x)
            if end > word_x:
                found.append((line[word_x:end], Offset(word_x, y)))
            start = line.find(TRAP, word_x)
    return found


async def click_every_trap(
    pilot: Pilot[Any], clicked: set[tuple[str, str]] | None = None
) -> set[str]:
    """Check every trapped word on screen and click it; the words found.

    ``clicked`` remembers (word, widget) pairs already clicked, so a word a later screen
    shows again in the same widget is checked but not clicked again.
    """
    app = pilot.app
    clicked = set() if clicked is None else clicked
    assert not any("\x1b" in line for line in screen_lines(app)), (
        "an escape code reached the screen"
    )
    traps = traps_on_screen(app)
    for word, at in traps:
        style = app.screen._compositor.get_style_at(*at)
        assert "@click" not in style.meta, f"{word} is clickable"
        assert not style.link, f"{word} is a link"
        widget, _ = app.screen.get_widget_at(*at)
        key = (word, f"{type(widget).__name__}#{widget.id}")
        if key in clicked:
            continue
        clicked.add(key)
        await pilot.click(offset=at)
        await pilot.pause()
        assert app.is_running, f"clicking {word} in {key[1]} ended drill"
        assert app.return_code is None
    return {word for word, _ in traps}


async def reveal(pilot: Pilot[Any], screen: ReviewScreen) -> None:
    """Show the back of the card in front (a recognize card by choosing the right option)."""
    step = screen.step
    assert step is not None
    if step.card.type is CardType.RECOGNIZE:
        await pilot.press(str(step.options.index(step.card.competency) + 1))
        assert screen.phase is Phase.GRADED
    else:
        await pilot.press("space")
        assert screen.phase is Phase.REVEALED


async def rate(pilot: Pilot[Any], screen: ReviewScreen) -> None:
    """Rate the revealed card: Good, so short cards graduate instead of coming back forever."""
    step = screen.step
    assert step is not None
    if screen.phase is Phase.GRADED:
        await pilot.press("space")
    elif step.card.type.long_answer:
        await pilot.press("3", "1")
    else:
        await pilot.press("3")


def record_history(store: Store, card_id: str, history: list[tuple[int, Rating]]) -> None:
    """Store scheduled reviews of a card, each ``days`` before NOW, through the scheduler."""
    scheduler = Scheduler(store.settings().scheduler_settings())
    card = store.card(card_id)
    state = store.state(card_id)
    for days, rating in history:
        at = NOW - timedelta(days=days)
        after = scheduler.review(state, card_id=card_id, card_type=card.type, rating=rating, now=at)
        review = Review(
            review_id=new_review_id(),
            card_id=card_id,
            reviewed_at=at,
            rating=rating,
            quality=1,
            state_before=state.state if state else State.NEW,
        )
        store.record_review(review, after, competency=card.competency)
        state = after


async def test_the_click_check_catches_markup_that_is_parsed() -> None:
    class Parsing(App[None]):
        def compose(self) -> ComposeResult:
            yield Static("[@click=app.quit]CONTROL[/]")

    app = Parsing()
    async with app.run_test() as pilot:
        assert await click_every_trap(pilot) == set(), "parsed markup hides the literal text"
        at = find_on_screen(app, "CONTROL")
        assert traps_on_screen(app) == []
        assert "@click" in app.screen._compositor.get_style_at(*at).meta
        await pilot.click(offset=at)
        await settle(pilot)
        assert not app.is_running, "a click on parsed markup runs its action"


async def test_review_shows_every_card_part_literally(tmp_path: Any) -> None:
    store = hostile_store(tmp_path)
    store.save_stories([HOSTILE_STORY])
    seen: set[str] = set()
    clicked: set[tuple[str, str]] = set()
    app = DrillApp(store, clock=clock, start_review=True, where=CardFilter(competency="boom"))
    async with app.run_test(size=BIG, notifications=True) as pilot:
        types: set[CardType] = set()
        for _ in range(20):
            screen = app.screen
            if not isinstance(screen, ReviewScreen):
                break
            assert screen.step is not None
            card_type = screen.step.card.type
            types.add(card_type)
            seen |= await click_every_trap(pilot, clicked)
            assert app.screen is screen and screen.phase is Phase.FRONT
            if card_type is CardType.QUESTION:
                await pilot.press("t")
                assert isinstance(app.screen, StoryPickDialog)
                seen |= await click_every_trap(pilot, clicked)
                if isinstance(app.screen, StoryPickDialog):
                    await pilot.press("escape")
                assert app.screen is screen
                await pilot.press("w")
                screen.query_one(AnswerArea).insert("[@click=app.quit]TYPED[/] we decided \x1b[31m")
                await pilot.press("escape")
            await reveal(pilot, screen)
            seen |= await click_every_trap(pilot, clicked)
            if card_type is CardType.QUESTION:
                shown = "\n".join(screen_lines(app))
                assert "[bold]x[/bold] [link=https://x]l[/link] [31mred" in shown
                assert "[link=https://x]LINK[/link]" in shown
            await rate(pilot, screen)
        assert isinstance(app.screen, SummaryScreen)
        summary = await click_every_trap(pilot, clicked)
        assert "boom" in summary, "quality by competency and the weakest name it"
    assert types == {
        CardType.QUESTION,
        CardType.REFRAME,
        CardType.RECOGNIZE,
        CardType.BASIC,
        CardType.STORY,
    }
    assert seen >= {
        "boom",
        "PROMPT",
        "EVALUATES",
        "SIGNAL",
        "PITFALL",
        "FOLLOWUP",
        "ANSWER",
        "REFRAME",
        "ICANSWER",
        "EXEMPLAR",
        "RUBRIC",
        "RECOGNIZE",
        "WHY",
        "BASIC",
        "BACK",
        "STORY",
        "SITUATION",
        "TYPED",
    }


async def test_text_from_outside_the_parser_is_cleaned_and_literal(tmp_path: Any) -> None:
    store = hostile_store(tmp_path)
    store.import_decks([raw_deck()])
    app = DrillApp(store, clock=clock, start_review=True, where=CardFilter(deck_id="raw"))
    async with app.run_test(size=BIG, notifications=True) as pilot:
        assert await click_every_trap(pilot) >= {"RAWPROMPT", "boom"}
        await pilot.press("space")
        assert await click_every_trap(pilot) >= {"RAWPROMPT", "RAWBACK"}
        assert "[31mred[0m" in "\n".join(screen_lines(app))


async def test_decks_tables_and_notifications_are_literal(tmp_path: Any) -> None:
    store = hostile_store(tmp_path)
    store.import_decks([raw_deck()])
    app = DrillApp(store, clock=clock)
    async with app.run_test(size=BIG, notifications=True) as pilot:
        await pilot.press("d")
        screen = app.screen
        assert isinstance(screen, DecksScreen)
        assert await click_every_trap(pilot) >= {"TITLE", "RAWTITLE", "PROMPT"}
        assert "[bold]x[/bold]" in "\n".join(screen_lines(app))
        await pilot.press("slash", *"CARDID", "escape")
        await pilot.press("s")
        assert store.is_suspended("raw/[@click=app.quit]CARDID[/]")
        await settle(pilot)
        assert "CARDID" in await click_every_trap(pilot), "the notification names the card"
        assert app.screen is screen


async def test_stats_and_leech_tables_are_literal(tmp_path: Any) -> None:
    store = hostile_store(tmp_path)
    store.save_settings(store.settings()._replace(leech_threshold=2))
    record_history(store, "evil/q", [(30, Rating.GOOD), (20, Rating.AGAIN), (10, Rating.AGAIN)])
    assert store.leeches(2), "setup: the question is a leech"
    app = DrillApp(store, clock=clock)
    async with app.run_test(size=BIG, notifications=True) as pilot:
        await pilot.press("s")
        assert isinstance(app.screen, StatsScreen)
        assert await click_every_trap(pilot) >= {"boom", "PROMPT"}
        app.screen.query_one("#leeches").focus()
        await pilot.press("x")
        assert store.is_suspended("evil/q")
        await settle(pilot)
        assert await click_every_trap(pilot) >= {"boom", "PROMPT"}
        assert app.is_running


async def test_home_panels_are_literal(tmp_path: Any) -> None:
    store = hostile_store(tmp_path)
    # one card forgotten, the rest unseen: weaker than a competency with no reviews at all
    record_history(store, "evil/b", [(60, Rating.AGAIN)])
    assert competency_stats(store, NOW)[0].id == "boom", "setup: boom is the weakest"
    store.save_stories([HOSTILE_STORY._replace(competencies=("hiring",))])
    app = DrillApp(store, clock=clock)
    async with app.run_test(size=BIG, notifications=True) as pilot:
        lines = [line for line in screen_lines(app) if TRAP + "boom[/]" in line]
        assert len(lines) >= 2, "the weakest panel and the story gaps both name it"
        assert "boom" in await click_every_trap(pilot)


async def test_stories_and_coverage_are_literal(tmp_path: Any) -> None:
    store = hostile_store(tmp_path)
    store.save_stories([HOSTILE_STORY])
    app = DrillApp(store, clock=clock)
    async with app.run_test(size=BIG, notifications=True) as pilot:
        await pilot.press("o")
        assert isinstance(app.screen, StoriesScreen)
        assert await click_every_trap(pilot) >= {"STORY", "SITUATION", "boom"}
        await pilot.press("c")
        assert isinstance(app.screen, CoverageScreen)
        assert await click_every_trap(pilot) >= {"STORY", "boom"}
