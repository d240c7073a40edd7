"""The mock loop: five timed questions answered without reveal, then reviewed one by one.

Answers are kept as practice (source ``mock``): they count in quality and the weakness
picture but never touch the FSRS schedule.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Footer, Static

from drill.core.mock import pick_mock
from drill.core.model import Card, CardType
from drill.core.text import clean_text
from drill.metrics import weakest_ids
from drill.tui.screens.base import DrillScreen
from drill.tui.text import literal, styled
from drill.tui.widgets.answer import AnswerArea
from drill.tui.widgets.review import (
    QUALITY_LEAD,
    AnswerLeft,
    AnswerTimer,
    Checklist,
    KeyRow,
    RevealRequested,
    key_bindings,
    number_keys,
    quality_boxes,
)

if TYPE_CHECKING:
    pass


@dataclass
class MockAnswer:
    """One question of the loop and what the user did with it."""

    card: Card
    text: str = ""
    duration_ms: int = 0
    quality: int | None = None


class MockScreen(DrillScreen):
    """Answer five questions as in a real loop, then review each against its signals."""

    DEFAULT_CSS = """
    #progress { width: 1fr; }
    #timer { width: 16; text-align: right; }
    #hint { height: 1; padding: 0 1; color: $text-muted; }
    #prompt { text-style: bold; margin: 1 0; height: auto; }
    #mock-review { height: auto; margin-bottom: 1; }
    """

    BINDINGS = [
        Binding("w", "write", "Write", id="mock.write"),
        Binding("space,n", "next_question", "Next question", id="mock.next"),
        *key_bindings(number_keys(5), "quality", "Quality", scope="mock", display="1-5"),
        Binding("enter", "accept", "Accept quality", id="mock.accept"),
        *key_bindings(Checklist.LETTERS, "tick", "Tick", scope="mock", display="a-…"),
        Binding("q,escape", "leave", "End", id="mock.end"),
    ]

    AUTO_FOCUS = None

    stage: reactive[str] = reactive("answer", bindings=True)

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[MockAnswer] = []
        self.index = 0

    def compose(self) -> ComposeResult:
        with Horizontal(id="review-top"):
            yield Static(id="progress")
            yield AnswerTimer(id="timer")
        with VerticalScroll(id="card"):
            yield Static(id="prompt")
            yield AnswerArea(id="answer", soft_wrap=True)
            yield Static(id="mock-review")
            yield Checklist(id="checklist")
        yield Static(id="hint")
        yield KeyRow(id="quality-row")
        yield Footer()

    def on_mount(self) -> None:
        from drill.core import signal_model

        # Answers are analysed at the end of the loop: load the model meanwhile.
        self.run_worker(signal_model.load, thread=True, exclusive=True, group="model")
        app = self.drill
        now = app.clock()
        weakest = weakest_ids(app.store, now, tz=app.tz)
        comps = app.competencies
        cards = pick_mock(
            app.store.cards_of_type(CardType.QUESTION),
            dimension_of={c.id: c.dimension for c in comps.values()},
            weakest=weakest,
            rng=random.Random(),
        )
        self.answers = [MockAnswer(card) for card in cards]
        if not self.answers:
            message = "No question cards to build a mock loop from: import a deck with some."
            if app.start_mock:
                # `drill mock`: there is no Home underneath to go back to.
                app.exit(message=message)
                return
            self.notify(message, markup=False)
            self.app.pop_screen()
            return
        self._show_question()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Answer keys while answering; quality and ticks while reviewing."""
        if action in ("write", "next_question"):
            return self.stage == "answer"
        if action in ("quality", "accept"):
            return self.stage == "review"
        if action == "tick":
            index = int(parameters[0]) if parameters else -1  # type: ignore[call-overload]
            return self.stage == "review" and index < len(self.query_one(Checklist).items)
        return True

    def _comp_name(self, comp: str) -> str:
        comps = self.drill.competencies
        return comps[comp].name if comp in comps else comp

    def _show_question(self) -> None:
        answer = self.answers[self.index]
        total = len(self.answers)
        self.query_one("#progress", Static).update(
            Content.assemble(
                (f"Mock loop · question {self.index + 1} of {total}", "bold"),
                "  ·  ",
                styled(self._comp_name(answer.card.competency), "$accent"),
            )
        )
        self.query_one(AnswerTimer).restart(
            self.drill.store.settings().answer_timer_s, show_limit=True
        )
        self.query_one("#prompt", Static).update(literal(answer.card.prompt))
        area = self.query_one(AnswerArea)
        area.text = ""
        area.display = True
        self.query_one("#mock-review", Static).display = False
        self.query_one(Checklist).load("", ())
        self.query_one("#quality-row").display = False
        self.query_one("#hint", Static).update(
            Content(
                "Answer aloud or press w to type · space: next question (no reveal, as "
                "in a real loop)"
            )
        )
        self.set_focus(None)

    def action_write(self) -> None:
        """Type the answer."""
        self.query_one(AnswerArea).focus()

    @on(AnswerLeft)
    def _left(self) -> None:
        self.set_focus(None)

    @on(RevealRequested)
    def _next_from_area(self) -> None:
        if self.stage == "answer":
            self.action_next_question()

    def action_next_question(self) -> None:
        """Keep this answer and move on; after the fifth, start the review."""
        answer = self.answers[self.index]
        answer.duration_ms = self.query_one(AnswerTimer).stop()
        answer.text = clean_text(self.query_one(AnswerArea).text)
        self.index += 1
        if self.index < len(self.answers):
            self._show_question()
            return
        self.index = 0
        self.stage = "review"
        self._show_review()

    def _show_review(self) -> None:
        from drill.tui.insight import insight_content

        answer = self.answers[self.index]
        card = answer.card
        self.query_one("#progress", Static).update(
            Content.assemble(
                (f"Mock review · {self.index + 1} of {len(self.answers)}", "bold"),
                "  ·  ",
                styled(self._comp_name(card.competency), "$accent"),
            )
        )
        self.query_one(AnswerTimer).stop()
        self.query_one(AnswerArea).display = False
        self.query_one("#prompt", Static).update(literal(card.prompt))
        parts: list[str | tuple[str, str]] = [
            ("Your answer\n", "bold"),
            styled(answer.text or "(answered aloud)", ""),
            "\n\n",
        ]
        if card.evaluates:
            parts += [
                ("What the interviewer is evaluating\n", "bold"),
                styled(card.evaluates, ""),
                "\n\n",
            ]
        if card.pitfalls:
            parts += [
                ("Pitfalls\n", "bold"),
                styled("\n".join(f"• {p}" for p in card.pitfalls), ""),
            ]
        review = self.query_one("#mock-review", Static)
        review.display = True
        content = Content.assemble(*parts)
        if answer.text:
            content = Content.assemble(content, "\n\n", insight_content(answer.text, card.expects))
        review.update(content)
        self.query_one(Checklist).load("Signals of a strong answer", card.checklist)
        row = self.query_one("#quality-row", KeyRow)
        row.display = True
        row.show(quality_boxes(None), lead=QUALITY_LEAD)
        self.query_one("#hint", Static).update(
            Content(
                "Tick what your answer showed (a, b, …), then rate its quality 1–5 (enter accepts)"
            )
        )

    def action_tick(self, index: int) -> None:
        """Tick a signal your answer showed."""
        checklist = self.query_one(Checklist)
        checklist.toggle(index)
        self.query_one("#quality-row", KeyRow).show(
            quality_boxes(checklist.proposal), lead=QUALITY_LEAD
        )

    def action_accept(self) -> None:
        """Accept the proposed quality (or none)."""
        self._rate(self.query_one(Checklist).proposal)

    def action_quality(self, value: int) -> None:
        """Rate this answer's quality."""
        self._rate(value)

    def _rate(self, quality: int | None) -> None:
        answer = self.answers[self.index]
        answer.quality = quality
        self.drill.store.record_practice(
            answer.card.id,
            practiced_at=self.drill.clock(),
            quality=quality,
            duration_ms=answer.duration_ms,
            answer=answer.text,
            source="mock",
        )
        self.index += 1
        if self.index < len(self.answers):
            self._show_review()
        else:
            self._finish()

    def _finish(self) -> None:
        self.stage = "done"
        self.query_one("#quality-row").display = False
        self.query_one(Checklist).load("", ())
        self.query_one("#prompt", Static).update(Content("Mock loop done"))
        self.query_one("#progress", Static).update(Content("Mock loop · done"))
        rated = [a for a in self.answers if a.quality is not None]
        parts: list[str | tuple[str, str]] = []
        for a in self.answers:
            q = "–" if a.quality is None else f"{a.quality}/5"
            parts += [
                (f"{q:>4}  ", "bold"),
                styled(self._comp_name(a.card.competency), "$accent"),
                "\n",
            ]
        if rated:
            worst = min(rated, key=lambda a: a.quality or 0)
            parts += [
                "\n",
                ("Work on next: ", "bold"),
                styled(self._comp_name(worst.card.competency), "bold $warning"),
            ]
        self.query_one("#mock-review", Static).update(Content.assemble(*parts))
        self.query_one("#hint", Static).update(Content("Answers kept as practice. q: back"))

    def action_leave(self) -> None:
        """Leave the mock loop (answers rated so far are kept)."""
        if self.drill.start_mock:
            self.app.exit()
        else:
            self.app.pop_screen()
