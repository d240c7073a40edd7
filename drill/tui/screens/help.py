"""Key help for the review screen."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from drill.tui.screens.base import Dialog

HELP = """\
Review keys
  space / enter   reveal the back
  1 2 3 4         after reveal: Again / Hard / Good / Easy, each with its interval
  1 … 5           Quality row: how good your answer was; enter accepts the proposal
  1 … 4           on a recognize card: choose the competency (graded at once)
  a b c …         after reveal: tick rubric or signal items (they propose a quality)
  w               write notes or a rewrite; escape leaves the text, ctrl+r reveals
  t               on a question: pick the story you would tell
  u               undo the last answer (or step back from the Quality row)
  s / b           suspend the card / bury it till tomorrow (after reveal b ticks b)
  q / escape      end the session (everything rated is already saved)
  ctrl+p          command palette

Quality scale
  1  IC framing: what I built, no decisions
  2  some context, few decisions
  3  clear decisions and reasons
  4  trade-offs weighed, people involved
  5  decisions, trade-offs, people, a measured outcome and reflection

Answer insight (when you typed an answer)
  ✓ signal "phrase"     a rule matched that phrase in your answer
  ✓ signal (likely)     a learned model thinks so: check the sentence it quotes
  Missing               the card's expected signals first; a prompt, not a verdict
"""


class HelpDialog(Dialog[None]):
    """The keys of the review screen and the quality scale."""

    DEFAULT_CSS = "#help-box { width: 96; }"

    BINDINGS = [Binding("escape,q,question_mark,enter", "dismiss", "Close", id="help.close")]

    def compose(self) -> ComposeResult:
        # Scrolls (arrow keys, page keys) when the terminal is shorter than the help.
        with VerticalScroll(id="help-box", classes="dialog-box"):
            yield Static(Content(HELP))
