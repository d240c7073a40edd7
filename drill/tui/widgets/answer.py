"""The text area for a typed answer (imported on first use: it is costly to load)."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import TextArea

from drill.tui.widgets.review import AnswerLeft, RevealRequested


class AnswerArea(TextArea):
    """Where the user types notes or a rewrite; escape leaves it, ctrl+r reveals."""

    BINDINGS = [
        Binding("escape", "leave", "Leave text", id="answer.leave"),
        Binding("ctrl+r", "reveal", "Reveal", id="answer.reveal"),
    ]

    def action_leave(self) -> None:
        self.post_message(AnswerLeft())

    def action_reveal(self) -> None:
        self.post_message(RevealRequested())
