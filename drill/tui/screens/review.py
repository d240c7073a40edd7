"""The review screen: one card at a time, as the state machine of PRODUCT §4."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, NamedTuple

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from drill.core.model import CardType, Rating
from drill.core.queue import Mode
from drill.core.scheduling import format_interval
from drill.core.text import clean_text
from drill.session import ReviewSession, Step
from drill.store import StoreError
from drill.tui.screens.base import DrillScreen
from drill.tui.text import literal, styled
from drill.tui.widgets.card import Box, CardScroll, CardView, Pair, Part, Text
from drill.tui.widgets.review import (
    QUALITY_LEAD,
    AnswerLeft,
    HintedKeyRow,
    Placeholder,
    RevealRequested,
    ReviewTop,
    Ticks,
    key_bindings,
    number_keys,
    quality_boxes,
    rating_boxes,
)

if TYPE_CHECKING:
    from drill.tui.widgets.answer import AnswerArea


class Back(NamedTuple):
    """A card's back: its parts, and the checklist among them (at ``ticks_at``, or -1)."""

    parts: tuple[Part, ...]
    ticks: Ticks
    ticks_at: int


class Phase(StrEnum):
    """Where the current card is in its state machine."""

    FRONT = "front"
    REVEALED = "revealed"
    QUALITY = "quality"
    GRADED = "graded"
    """A recognize card after its automatic grade (already committed)."""


TYPE_LABELS = {
    CardType.QUESTION: "question",
    CardType.REFRAME: "reframe",
    CardType.RECOGNIZE: "recognize",
    CardType.BASIC: "basic",
    CardType.STORY: "story",
}


class ReviewScreen(DrillScreen):
    """Shows the session's cards and records every answer before moving on."""

    BINDINGS = [
        Binding("space", "reveal", "Reveal", id="review.reveal"),
        Binding("enter", "reveal", "Reveal", show=False, id="review.reveal_enter"),
        Binding("enter", "accept_quality", "Accept quality", id="review.accept_quality"),
        Binding("space,enter", "next_card", "Next", id="review.next"),
        *key_bindings(number_keys(4), "choose", "Choose", scope="review", display="1-4"),
        *key_bindings(number_keys(4), "rate", "Rate", scope="review", display="1-4"),
        *key_bindings(number_keys(5), "quality", "Quality", scope="review", display="1-5"),
        *key_bindings(Ticks.LETTERS, "tick", "Tick", scope="review", display="a-…"),
        Binding("w", "write", "Write", id="review.write"),
        Binding("t", "pick_story", "Story", id="review.story"),
        Binding("u", "undo", "Undo", id="review.undo"),
        Binding("s", "suspend", "Suspend", id="review.suspend"),
        Binding("b", "bury", "Bury", id="review.bury"),
        Binding("q,escape", "end", "End", id="review.end"),
        Binding("question_mark", "help", "Keys", id="review.help"),
        Binding("down,j", "scroll_card(2)", "Scroll", show=False, id="review.scroll_down"),
        Binding("up,k", "scroll_card(-2)", "Scroll", show=False, id="review.scroll_up"),
        Binding("pagedown", "scroll_card(12)", "Page", show=False, id="review.page_down"),
        Binding("pageup", "scroll_card(-12)", "Page", show=False, id="review.page_up"),
    ]

    AUTO_FOCUS = None
    """No widget takes focus when a card appears, so every review key works at once."""

    phase: reactive[Phase] = reactive(Phase.FRONT, bindings=True, repaint=False)

    def __init__(self, session: ReviewSession, *, title: str = "Review") -> None:
        super().__init__()
        self.session = session
        self.session_title = title
        self.step: Step | None = None
        self.rating: Rating | None = None
        self.chosen: str | None = None
        self.story_id = ""
        self.duration_ms = 0
        self.ticks = Ticks()
        self.back_parts: list[Part] = []
        self.ticks_at = -1
        """Where the checklist is in `back_parts` (-1: not shown)."""
        self.ready_back: tuple[Step, Back] | None = None
        """The back of a card prepared while its front shows (for an answer given aloud)."""
        self.area: AnswerArea | None = None
        """The text area, mounted on the first w (kept: a DOM query on every key is slow)."""

    def compose(self) -> ComposeResult:
        yield ReviewTop(id="review-top")
        with CardScroll(id="card"):
            yield CardView(id="front")
            # The text area is mounted on the first w: most cards are answered aloud.
            yield Placeholder(id="answer-box")
            yield CardView(id="back")
        yield HintedKeyRow(id="bars")

    def on_mount(self) -> None:
        self.show_card()

    # the card -------------------------------------------------------------------------

    def show_card(self) -> None:
        """Show the session's current card at its front (or the summary when done)."""
        self.step = self.session.current()
        if self.step is None:
            self.drill.show_summary(self.session)
            return
        step = self.step
        card = step.card
        self.rating = None
        self.chosen = None
        self.story_id = ""
        self.phase = Phase.FRONT
        comp_name = self._competency_name(card.competency)
        mode = {Mode.NEW: " · new", Mode.PRACTICE: " · practice", Mode.DUE: ""}[step.item.mode]
        top = self.query_one(ReviewTop)
        top.show_progress(
            Content.assemble(
                (f"{self.session_title} {step.position} of {step.total}", "bold"),
                "  ·  ",
                styled(comp_name, "$accent"),
                f"  ·  {TYPE_LABELS[card.type]}{mode}",
            )
        )
        timed = card.type.long_answer
        settings = self.drill.store.settings()
        top.restart(settings.answer_timer_s, show_limit=timed)
        self._show_front()
        area = self.area
        if area is not None:
            area.text = ""
        box = area or self.query_one("#answer-box", Static)
        box.display = card.type in (CardType.REFRAME, CardType.QUESTION, CardType.STORY)
        box.border_title = (
            "Your rewrite (w to write)" if card.type is CardType.REFRAME else "Notes (w to write)"
        )
        self.set_focus(None)
        self.ticks = Ticks()
        self.back_parts = []
        self.query_one("#back", CardView).show(())
        self.query_one("#card", VerticalScroll).scroll_home(animate=False)
        self._show_bars()
        self.call_after_refresh(self._prepare_reveal, step)

    def _show_front(self) -> None:
        """The prompt, the IC answer to rewrite, the options, the story picked."""
        assert self.step is not None
        card = self.step.card
        prompt = card.prompt
        if card.type is CardType.STORY:
            name = self._competency_name(card.competency)
            prompt = f"Tell “{card.prompt}” as an answer about {name}, in two minutes."
        parts: list[Part] = [Text(literal(prompt).stylize("bold"))]
        if card.type is CardType.REFRAME:
            title = Content.styled("IC answer to rewrite", "bold $warning")
            parts.append(Box(literal(card.ic_answer), title))
        if card.type is CardType.RECOGNIZE:
            parts.append(Box(self._options_content(graded=self.phase is Phase.GRADED)))
        if self.story_id:
            story = next(
                (s.title for s in self.drill.store.stories() if s.id == self.story_id),
                self.story_id,
            )
            parts.append(
                Box(Content.assemble(("Story you would tell: ", "bold"), styled(story, "$accent")))
            )
        self.query_one("#front", CardView).show(parts)

    def _competency_name(self, competency: str) -> str:
        comps = self.drill.competencies
        return comps[competency].name if competency in comps else competency

    def _options_content(self, *, graded: bool = False) -> Content:
        assert self.step is not None
        comps = self.drill.competencies
        parts: list[str | tuple[str, str]] = [
            ("Which competency does this mainly evaluate?\n", "bold")
        ]
        for n, option in enumerate(self.step.options, start=1):
            name = comps[option].name if option in comps else option
            style = ""
            if graded and option == self.step.card.competency:
                style = "$success bold"
            elif graded and option == self.chosen:
                style = "$error strike"
            parts += [(f" {n} ", "$accent bold"), styled(name, style), "\n"]
        return Content.assemble(*parts).rstrip()

    def _show_bars(self) -> None:
        step = self.step
        if step is None:
            return
        bars = self.query_one("#bars", HintedKeyRow)
        if self.phase is Phase.REVEALED:
            bars.show(rating_boxes({r: format_interval(i) for r, i in step.intervals.items()}))
            ticks = " · a, b… tick" if self.ticks.items else ""
            hint = f"Rate your recall: 1 Again · 2 Hard · 3 Good · 4 Easy{ticks} · ? keys"
        elif self.phase is Phase.QUALITY:
            proposal = self._proposal()
            bars.show(quality_boxes(proposal), lead=QUALITY_LEAD)
            tail = f"enter accepts {proposal}" if proposal else "enter skips"
            hint = f"How good was your answer? 1–5 · {tail} · u goes back"
        elif self.phase is Phase.GRADED:
            bars.show(rating_boxes({r: format_interval(i) for r, i in step.intervals.items()}))
            verdict = "Right" if self.chosen == step.card.competency else "Not quite"
            hint = f"{verdict} — graded automatically. space: next card · u: undo"
        else:
            bars.show(rating_boxes(None))
            if step.card.type is CardType.RECOGNIZE:
                hint = "Press 1–4 to choose · s suspend · b bury · q end · ? keys"
            elif step.card.type.long_answer:
                extra = " · t pick a story" if step.card.type is CardType.QUESTION else ""
                hint = f"Answer aloud or press w to type · space reveals{extra} · q end · ? keys"
            else:
                hint = "Recall the answer · space reveals · q end · ? keys"
        bars.show_hint(hint)

    def _proposal(self) -> int | None:
        return self.ticks.proposal

    # gating ---------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Keys only act where they apply (PRODUCT §4)."""
        step = self.step
        if step is None:
            return action in ("end", "help")
        card_type = step.card.type
        phase = self.phase
        match action:
            case "reveal":
                return phase is Phase.FRONT and card_type is not CardType.RECOGNIZE
            case "choose":
                return phase is Phase.FRONT and card_type is CardType.RECOGNIZE
            case "rate":
                return phase is Phase.REVEALED
            case "quality" | "accept_quality":
                return phase is Phase.QUALITY
            case "next_card":
                return phase is Phase.GRADED
            case "tick":
                index = int(parameters[0]) if parameters else -1  # type: ignore[call-overload]
                return phase is Phase.REVEALED and index < len(self.ticks.items)
            case "write":
                return phase is Phase.FRONT and card_type in (
                    CardType.QUESTION,
                    CardType.REFRAME,
                    CardType.STORY,
                )
            case "pick_story":
                return phase is Phase.FRONT and card_type is CardType.QUESTION
            case "undo":
                return phase is Phase.QUALITY or bool(self.session.outcomes)
            case "suspend" | "bury":
                return phase in (Phase.FRONT, Phase.REVEALED)
        return True

    # actions --------------------------------------------------------------------------

    def action_reveal(self) -> None:
        """Show the back of the card."""
        self.duration_ms = self.query_one(ReviewTop).stop()
        self.set_focus(None)
        self.phase = Phase.REVEALED
        self._fill_back()
        self._show_bars()

    def _fill_back(self) -> None:
        assert self.step is not None
        typed = self._typed().strip()
        self.query_one("#answer-box").display = False
        if (area := self.area) is not None:
            area.display = False
        ready, self.ready_back = self.ready_back, None
        back = ready[1] if ready is not None and ready[0] is self.step and not typed else None
        if back is None:
            back = self._back(typed)
        self.ticks = back.ticks
        self.ticks_at = back.ticks_at
        self.back_parts = list(back.parts)
        self.query_one("#back", CardView).show(back.parts)

    def _back(self, typed: str) -> Back:
        """The back of the current card for the ``typed`` answer (reads the last answer)."""
        assert self.step is not None
        card = self.step.card
        previous = self.step.previous_answer
        parts: list[Part] = []
        if card.type is CardType.REFRAME or typed:
            yours = Box(literal(typed or "(nothing typed)"), Content.styled("Your answer", "bold"))
            if card.type is CardType.REFRAME:
                exemplar = Box(literal(card.answer), Content.styled("Exemplar", "bold $success"))
                parts.append(Pair(yours, exemplar))
            elif previous:
                parts.append(
                    Pair(yours, Box(literal(previous), Content.styled("Last time", "bold")))
                )
            else:
                parts.append(yours)
        if card.evaluates:
            parts.append(_sections(("What the interviewer is evaluating", card.evaluates)))
        title = "Rubric" if card.rubric else "Signals of a strong answer"
        ticks = Ticks(title, card.checklist, self._preticked(typed))
        ticks_at = len(parts) if ticks.items else -1
        if ticks.items:
            parts.append(Text(ticks.content()))
        if typed:
            from drill.tui.insight import insight_content

            parts.append(Box(insight_content(typed, card.expects), border="$accent 50%"))
        answer_title = {
            CardType.QUESTION: "What a strong answer covers",
            CardType.BASIC: "Answer",
            CardType.RECOGNIZE: "Why",
            CardType.STORY: "Your outline",
            CardType.REFRAME: "",
        }[card.type]
        show_previous = bool(previous) and not (
            previous and typed and card.type is not CardType.REFRAME
        )
        rest = _sections(
            ("Pitfalls", _bullets(card.pitfalls)),
            ("Follow-ups", _bullets(card.follow_ups)),
            (answer_title, "" if card.type is CardType.REFRAME else card.answer),
            ("Your previous answer", previous if show_previous else ""),
        )
        if rest.body:
            parts.append(rest)
        return Back(tuple(parts), ticks, ticks_at)

    def _prepare_reveal(self, step: Step) -> None:
        """While the user thinks: what the reveal will show, so the reveal key only draws.

        The intervals each rating would give, the last typed answer, and the back for an
        answer given aloud, wrapped to the card's width.
        """
        if step is not self.step or self.phase is not Phase.FRONT:
            return
        step.intervals  # noqa: B018 - cached_property: computed now, read at reveal
        try:
            back = self._back("")
        except (StoreError, sqlite3.Error):
            # A warm-up only: if the database cannot answer now, the reveal asks again.
            return
        width = self.query_one("#front", CardView).content_region.width
        if width:
            # The back sits under the front in the same column: it will have the front's width.
            parts = self.query_one("#back", CardView).prepare(back.parts, width)
            back = back._replace(parts=parts)
        self.ready_back = (step, back)

    def _preticked(self, typed: str) -> frozenset[int]:
        """Checklist items the analysis of the typed answer already shows."""
        assert self.step is not None
        if not typed or not self.step.card.rubric:
            return frozenset()
        from drill.core.analysis import analyze, rubric_signal

        found = analyze(typed, self.step.card.expects).signals
        return frozenset(
            i
            for i, item in enumerate(self.step.card.rubric)
            if (signal := rubric_signal(item)) is not None and found.get(signal)
        )

    def action_choose(self, number: int) -> None:
        """Recognize: pick option ``number``; graded and committed at once."""
        assert self.step is not None
        if number > len(self.step.options):
            return
        self.duration_ms = self.query_one(ReviewTop).stop()
        self.chosen = self.step.options[number - 1]
        rating = Rating.GOOD if self.chosen == self.step.card.competency else Rating.AGAIN
        if not self._saved(lambda: self.session.answer(rating, duration_ms=self.duration_ms)):
            return
        self.phase = Phase.GRADED
        self._show_front()
        self._fill_back()
        self._show_bars()

    def action_next_card(self) -> None:
        """After a graded recognize card: on to the next."""
        self.show_card()

    def action_rate(self, number: int) -> None:
        """Recall rating; long-answer cards then ask for quality, others commit now."""
        assert self.step is not None
        self.rating = Rating(number)
        if self.step.card.type.long_answer:
            self.phase = Phase.QUALITY
            self._show_bars()
        else:
            self._commit(None)

    def action_quality(self, value: int) -> None:
        """Self-rated quality 1–5; commits the review."""
        self._commit(value)

    def action_accept_quality(self) -> None:
        """Enter: accept the proposed quality, or store none."""
        self._commit(self._proposal())

    def _commit(self, quality: int | None) -> bool:
        rating = self.rating
        assert rating is not None
        saved = self._saved(
            lambda: self.session.answer(
                rating,
                quality=quality,
                duration_ms=self.duration_ms,
                answer=clean_text(self._typed()),
                story_id=self.story_id,
            )
        )
        if saved:
            self.show_card()
        return saved

    def _saved(self, write: Callable[[], object]) -> bool:
        """Run a write; when the database is busy or failing, say so and stay on this card."""
        try:
            write()
        except StoreError as exc:
            self.notify(f"Not saved: {exc}", severity="error", markup=False)
            return False
        return True

    def action_tick(self, index: int) -> None:
        """Tick or untick a checklist item (the back keeps its lines: no layout)."""
        if not self.ticks.toggle(index):
            return
        self.back_parts[self.ticks_at] = Text(self.ticks.content())
        self.query_one("#back", CardView).restyle(self.back_parts)

    def action_write(self) -> None:
        """Focus the notes / rewrite area (mounted here the first time)."""
        area = self.area
        box = self.query_one("#answer-box", Static)
        if area is None:
            from drill.tui.widgets.answer import AnswerArea

            area = AnswerArea(id="answer", soft_wrap=True, show_line_numbers=False)
            area.border_title = box.border_title
            self.query_one("#card").mount(area, after=box)
            self.area = area
            # The answer will be analysed at reveal: load the model (a few tens of ms)
            # while the user types, not on the reveal key.
            from drill.core import signal_model

            self.run_worker(signal_model.load, thread=True, exclusive=True, group="model")
        box.display = False
        area.display = True
        area.focus()

    def _typed(self) -> str:
        """What the user typed for this card ("" when they answered aloud)."""
        area = self.area
        return area.text if area is not None else ""

    @on(AnswerLeft)
    def _left_area(self) -> None:
        self.set_focus(None)

    @on(RevealRequested)
    def _reveal_from_area(self) -> None:
        if (
            self.phase is Phase.FRONT
            and self.step
            and self.step.card.type is not CardType.RECOGNIZE
        ):
            self.action_reveal()

    def action_pick_story(self) -> None:
        """Choose which of your stories you would tell (before reveal, as in a real loop)."""
        from drill.tui.screens.stories import StoryPickDialog

        stories = self.drill.store.stories()
        if not stories:
            self.notify("Your story bank is empty: add stories from Home (o).", markup=False)
            return

        def chosen(story_id: str | None) -> None:
            if story_id is None:
                return
            self.story_id = story_id
            self._show_front()

        assert self.step is not None
        self.app.push_screen(StoryPickDialog(stories, self.step.card.competency), chosen)

    def action_undo(self) -> None:
        """Quality row: back to the recall rating. Otherwise: undo the last committed answer."""
        if self.phase is Phase.QUALITY:
            self.rating = None
            self.phase = Phase.REVEALED
            self._show_bars()
            return
        if self._saved(self.session.undo):
            self.notify("Undone: the card is back at its front.", markup=False)
            self.show_card()

    def action_suspend(self) -> None:
        """Suspend this card (it will not be shown again until unsuspended)."""
        if not self._saved(self.session.suspend):
            return
        self.notify("Card suspended.", markup=False)
        self.show_card()

    def action_bury(self) -> None:
        """Hide this card until tomorrow."""
        if not self._saved(self.session.bury):
            return
        self.notify("Card buried until tomorrow.", markup=False)
        self.show_card()

    def action_end(self) -> None:
        """End the session; everything rated so far is already saved.

        On the Quality row the recall rating has been given, so it is saved (without a
        quality) rather than dropped.
        """
        if self.phase is Phase.QUALITY and self.rating is not None:
            rating = self.rating
            answer = clean_text(self._typed())
            if not self._saved(
                lambda: self.session.answer(
                    rating, duration_ms=self.duration_ms, answer=answer, story_id=self.story_id
                )
            ):
                return
        self.drill.show_summary(self.session)

    def action_help(self) -> None:
        """Show the keys."""
        from drill.tui.screens.help import HelpDialog

        self.app.push_screen(HelpDialog())

    def action_scroll_card(self, lines: int) -> None:
        """Scroll the card (nothing has focus, so the screen scrolls it)."""
        card = self.query_one("#card", VerticalScroll)
        card.scroll_to(y=card.scroll_y + lines, animate=False)


def _sections(*sections: tuple[str, str]) -> Text:
    """Titled sections as one paragraph; empty sections are left out."""
    parts: list[str | tuple[str, str]] = []
    for title, body in sections:
        if body:
            parts += ["\n\n" if parts else "", (title + "\n", "bold"), styled(body, "")]
    return Text(Content.assemble(*parts))


def _bullets(items: tuple[str, ...]) -> str:
    return "\n".join(f"• {item}" for item in items)
