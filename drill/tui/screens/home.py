"""Home: what is due today, the weakest competencies, recent activity; Enter starts."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Header, Static

from drill.metrics import competency_stats, due_report, estimated_minutes
from drill.tui.screens.base import DrillScreen
from drill.tui.text import styled

if TYPE_CHECKING:
    pass

SPARK = " ▁▂▃▄▅▆▇█"


class HomeScreen(DrillScreen):
    """The first screen: today's work and where you are weakest."""

    DEFAULT_CSS = """
    #home-top { height: auto; }
    #home-top > .panel { width: 1fr; min-height: 10; }
    #home-bottom { height: auto; }
    """

    BINDINGS = [
        Binding("enter", "start", "Start", id="home.start"),
        Binding("p", "practice", "Practise", id="home.practice"),
        Binding("m", "mock", "Mock", id="home.mock"),
        Binding("s", "open('stats')", "Stats", id="home.stats"),
        Binding("d", "open('decks')", "Decks", id="home.decks"),
        Binding("o", "open('stories')", "Stories", id="home.stories"),
        Binding("comma", "open('settings')", "Settings", id="home.settings"),
        Binding("q", "app.quit", "Quit", id="home.quit"),
    ]

    def compose(self) -> ComposeResult:
        yield Header(show_clock=False)
        with Horizontal(id="home-top"):
            yield Static(id="today", classes="panel")
            yield Static(id="weakest", classes="panel")
        with Vertical(id="home-bottom"):
            yield Static(id="plan", classes="panel")
            yield Static(id="stories-gap", classes="panel")
            yield Static(id="activity", classes="panel")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_data()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        """Recompute everything shown (after a session, an import, a settings change)."""
        app = self.drill
        now = app.clock()
        due = due_report(app.store, now, tz=app.tz, where=app.where)
        todo = due.due_now + due.new_available
        minutes = estimated_minutes(app.store, min(todo, app.store.settings().session_size))
        today: list[str | tuple[str, str]] = [
            ("Today\n", "bold"),
            ("Due now       ", ""),
            (f"{due.due_now}\n", "bold $accent"),
            ("Later today   ", ""),
            (f"{due.due_today - due.due_now}\n", "bold"),
            ("New available ", ""),
            (f"{due.new_available}\n", "bold"),
            ("Session       ", ""),
            (f"about {minutes} min\n\n", "bold"),
        ]
        if todo:
            today.append(("Press enter to start.", "$success bold"))
        else:
            today.append(("Nothing due. Press p to practise your weakest areas.", "$warning"))
        self.query_one("#today", Static).update(Content.assemble(*today))
        stats = competency_stats(app.store, now, tz=app.tz)
        weak: list[str | tuple[str, str]] = [("Weakest competencies\n", "bold")]
        for s in stats[:3]:
            weak += [
                styled(s.name, "bold $accent"),
                (f"  {s.weakness:.2f}\n", "$text-muted"),
                styled(f"  {s.reason}\n", ""),
            ]
        self.query_one("#weakest", Static).update(Content.assemble(*weak).rstrip())
        self._stories_gap()
        self._plan()
        self._activity(now)

    def _stories_gap(self) -> None:
        store = self.drill.store
        comps = self.drill.competencies
        covered = {c for story in store.stories() for c in story.competencies}
        missing = [comps[c].name for c in comps if c not in covered]
        widget = self.query_one("#stories-gap", Static)
        if not missing:
            widget.update(Content("Story bank: every competency has at least one story."))
            return
        head = "No story yet for: " if len(missing) < len(comps) else "Your story bank is empty. "
        tail = ", ".join(missing) if len(missing) < len(comps) else "Press o to add stories."
        widget.update(Content.assemble((head, "bold $warning"), styled(tail, "")))

    def _plan(self) -> None:
        widget = self.query_one("#plan", Static)
        try:
            from drill.planning import home_line
        except ImportError:
            widget.display = False
            return
        line = home_line(self.drill.store, self.drill.clock())
        widget.display = bool(line)
        if line:
            widget.update(Content(line))

    def _activity(self, now: object) -> None:
        app = self.drill
        today = app.clock().date()
        start = today - timedelta(days=27)
        counts = dict(app.store.activity(start))
        values = [counts.get(start + timedelta(days=i), 0) for i in range(28)]
        peak = max(values) or 1
        spark = "".join(SPARK[round(8 * v / peak)] if v else "·" for v in values)
        total = sum(values)
        self.query_one("#activity", Static).update(
            Content.assemble(
                ("Last 4 weeks  ", "bold"),
                (spark, "$accent"),
                f"  {total} answers · {sum(1 for v in values if v)} active days",
            )
        )

    def action_start(self) -> None:
        """Start a session of due and new cards."""
        self.drill.start_session()

    def action_practice(self) -> None:
        """Practise the weakest competencies without touching the schedule."""
        self.drill.start_session(practice=True)

    def action_mock(self) -> None:
        """A timed mock loop of five questions."""
        try:
            from drill.tui.screens.mock import MockScreen
        except ImportError:
            self.notify("The mock loop is not available in this build.", markup=False)
            return
        self.app.push_screen(MockScreen())

    def action_open(self, name: str) -> None:
        """Open stats, decks, stories or settings."""
        from drill.tui.app import make_screen

        self.app.push_screen(make_screen(name))
