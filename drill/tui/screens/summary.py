"""The end of a session: cards done, recall, quality by competency, what comes next."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, Static

from drill.session import Summary
from drill.tui.screens.base import DrillScreen
from drill.tui.text import styled

if TYPE_CHECKING:
    pass


class SummaryScreen(DrillScreen):
    """How the session went."""

    DEFAULT_CSS = """
    #summary-box { align: center middle; }
    #summary { width: 70; height: auto; border: round $accent; padding: 1 2; }
    """

    BINDINGS = [
        Binding("enter,q,escape", "leave", "Done", id="summary.leave"),
    ]

    def __init__(self, summary: Summary) -> None:
        super().__init__()
        self.summary = summary

    def compose(self) -> ComposeResult:
        with Vertical(id="summary-box"):
            yield Static(self._content(), id="summary")
        yield Footer()

    def _content(self) -> Content:
        app = self.drill
        comps = app.competencies
        s = self.summary
        recall = "–" if s.recall is None else f"{s.recall:.0%}"
        parts: list[str | tuple[str, str]] = [
            ("Session done\n\n", "bold $accent"),
            ("Cards answered  ", ""),
            (f"{s.done}\n", "bold"),
            ("Recall          ", ""),
            (f"{recall}\n", "bold"),
            ("Due tomorrow    ", ""),
            (f"{s.due_tomorrow}\n\n", "bold"),
        ]
        if s.quality_by_competency:
            parts.append(("Quality by competency\n", "bold"))
            for comp, quality in sorted(s.quality_by_competency.items(), key=lambda kv: kv[1]):
                name = comps[comp].name if comp in comps else comp
                parts += [styled(f"  {name:<28}", ""), (f"{quality:.1f} / 5\n", "bold")]
            parts.append("\n")
        if s.weakest:
            name = comps[s.weakest].name if s.weakest in comps else s.weakest
            parts += [
                ("Weakest now: ", "bold"),
                styled(name, "bold $warning"),
                styled(f" ({s.weakest_reason})", "$text-muted"),
                "\n\n",
            ]
        parts.append(("Everything you rated is saved. Press enter to finish.", "$text-muted"))
        return Content.assemble(*parts)

    def action_leave(self) -> None:
        """Home, or out of drill after ``drill review``."""
        app = self.drill
        app.leave_summary()
