"""Stats: per-competency table with bars, weekly trend chart, review heatmap, forecast, leeches."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Footer, Select, Static
from textual_plotext import PlotextPlot

from drill.core.model import DIMENSIONS
from drill.core.stats import CompetencyStats, WeekCounts
from drill.metrics import competency_stats
from drill.textout import bar, percent
from drill.tui.screens.base import DrillScreen
from drill.tui.screens.decks import cell

if TYPE_CHECKING:
    pass

SORTS = ("weakness", "recall", "quality", "retrievability", "coverage", "reviews", "name")
HEAT = "·░▒▓█"


class StatsScreen(DrillScreen):
    """Which competencies are weak, whether they improve, and what is coming."""

    DEFAULT_CSS = """
    #stats-head { height: 3; }
    #dimension { width: 32; }
    #stats-table { height: auto; }
    #trend { height: 16; }
    #stats-bottom { height: auto; }
    #leeches { height: auto; max-height: 10; }
    """

    BINDINGS = [
        Binding("o", "cycle_sort", "Sort", id="stats.sort"),
        Binding("a", "show_all", "Trend: all", id="stats.all"),
        Binding("x", "suspend_leech", "Suspend leech", id="stats.suspend_leech"),
        Binding("escape,q", "app.pop_screen", "Back", id="stats.back"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.sort = "weakness"
        self.dimension: str | None = None
        self.rows: list[CompetencyStats] = []
        self.trend_of: str | None = None
        self._follow_cursor = False
        """The table's first highlight comes from mounting, not the user: keep "all" until then."""

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="stats-scroll"):
            with Horizontal(id="stats-head"):
                yield Static(Content("Competencies"), classes="title")
                yield Select(
                    [("All dimensions", "")] + [(d.capitalize(), d) for d in DIMENSIONS],
                    value="",
                    allow_blank=False,
                    id="dimension",
                )
            yield DataTable(id="stats-table", cursor_type="row", zebra_stripes=True)
            yield Static(id="trend-title")
            yield PlotextPlot(id="trend")
            with Horizontal(id="stats-bottom"):
                yield Static(id="heatmap", classes="panel")
                yield Static(id="forecast", classes="panel")
            yield Static(id="signal-notes", classes="panel")
            yield Static(id="leech-title")
            yield DataTable(id="leeches", cursor_type="row")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#stats-table", DataTable)
        table.add_columns(
            "#", "competency", "recall", "quality", "memory", "seen", "reviews", "weakness", "why"
        )
        leeches = self.query_one("#leeches", DataTable)
        leeches.add_columns("lapses", "competency", "prompt", "")
        self.rows = competency_stats(self.drill.store, self.drill.clock(), tz=self.drill.tz)
        self._fill_table()
        self._trend()
        self._heatmap()
        self._forecast()
        self._leeches()
        self._signal_notes()
        self.call_after_refresh(self._start_following)

    def _start_following(self) -> None:
        self._follow_cursor = True

    def _signal_notes(self) -> None:
        from drill.reports import signal_trends

        notes = signal_trends(self.drill.store)["notes"]
        widget = self.query_one("#signal-notes", Static)
        if not notes:
            widget.update(
                Content(
                    "Answer signals: type answers (w) in sessions to see which "
                    "leadership signals you tend to leave out."
                )
            )
            return
        widget.update(
            Content("In your typed answers:\n" + "\n".join(f"• {n['text']}" for n in notes))
        )

    def _sorted(self) -> list[CompetencyStats]:
        rows = [r for r in self.rows if self.dimension in (None, r.dimension)]
        if self.sort == "weakness":
            return sorted(rows, key=lambda r: -r.weakness)
        if self.sort == "name":
            return sorted(rows, key=lambda r: r.name)
        if self.sort == "reviews":
            return sorted(rows, key=lambda r: -r.reviews)
        if self.sort == "coverage":
            return sorted(rows, key=lambda r: r.coverage)
        return sorted(
            rows, key=lambda r: (getattr(r, self.sort) is not None, getattr(r, self.sort) or 0)
        )

    def _fill_table(self) -> None:
        table = self.query_one("#stats-table", DataTable)
        table.clear()
        rank = {r.id: i for i, r in enumerate(self.rows, start=1)}
        for r in self._sorted():
            quality = "–" if r.quality is None else f"{r.quality:.1f}"
            table.add_row(
                rank[r.id],
                cell(r.name),
                Text(percent(r.recall)),
                Text(quality),
                Text(percent(r.retrievability)),
                Text(percent(r.coverage)),
                r.reviews,
                Text(f"{bar(r.weakness, 6)} {r.weakness:.2f}", style="bold"),
                cell(r.reason),
                key=r.id,
            )
        self.query_one("#stats-head .title", Static).update(
            Content(f"Competencies · sorted by {self.sort} (o to change)")
        )

    def _trend(self) -> None:
        plot = self.query_one(PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        if self.trend_of:
            row = next(r for r in self.rows if r.id == self.trend_of)
            weeks = list(row.weeks)
            title = f"Weekly trend: {row.name}"
        else:
            weeks = _total(self.rows)
            title = "Weekly trend: all competencies"
        self.query_one("#trend-title", Static).update(
            Content(title + " (move the table cursor; a: all)")
        )
        weeks = weeks[-12:]
        if not weeks:
            plt.title("no reviews yet")
            plot.refresh()
            return
        labels = [w.week.strftime("%d %b") for w in weeks]
        xs = [float(x) for x in range(1, len(weeks) + 1)]
        recall = [100 * (w.recall or 0) for w in weeks]
        quality = [25 * ((w.quality or 1) - 1) for w in weeks]
        plt.plot(xs, recall, label="recall %", marker="braille")
        plt.plot(xs, quality, label="quality (1–5 → 0–100)", marker="braille")
        plt.xticks(xs, labels)
        plt.ylim(0, 100)
        plot.refresh()

    def _heatmap(self) -> None:
        today = self.drill.clock().date()
        start = today - timedelta(days=today.weekday() + 7 * 15)
        counts = dict(self.drill.store.activity(start))
        peak = max(counts.values(), default=0) or 1
        lines = ["Reviews, last 16 weeks"]
        for weekday, name in enumerate(("Mon", "", "Wed", "", "Fri", "", "Sun")):
            row = []
            for week in range(16):
                day = start + timedelta(days=7 * week + weekday)
                n = counts.get(day, 0)
                row.append(
                    " " if day > today else HEAT[0 if not n else min(4, 1 + int(3 * n / peak))]
                )
            lines.append(f"{name:<4}" + "".join(row))
        self.query_one("#heatmap", Static).update(Content("\n".join(lines)))

    def _forecast(self) -> None:
        store = self.drill.store
        now = self.drill.clock()
        days = store.due_forecast(now, 14, rollover_hour=store.settings().rollover_hour)
        peak = max((n for _, n in days), default=0) or 1
        lines = ["Due, next 14 days"]
        for day, n in days:
            lines.append(f"{day.strftime('%a %d')} {bar(n / peak, 12)} {n}")
        self.query_one("#forecast", Static).update(Content("\n".join(lines)))

    def _leeches(self) -> None:
        store = self.drill.store
        threshold = store.settings().leech_threshold
        rows = store.leeches(threshold)
        self.query_one("#leech-title", Static).update(
            Content(f"Leeches: cards forgotten {threshold}+ times ({len(rows)}) · x suspends")
        )
        table = self.query_one("#leeches", DataTable)
        table.clear()
        for card, lapses, suspended in rows:
            table.add_row(
                lapses,
                cell(card.competency),
                cell(card.prompt),
                Text("suspended" if suspended else ""),
                key=card.id,
            )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "stats-table" and event.row_key.value and self._follow_cursor:
            self.trend_of = str(event.row_key.value)
            self._trend()

    def on_select_changed(self, event: Select.Changed) -> None:
        self.dimension = str(event.value) or None
        self._fill_table()

    def action_cycle_sort(self) -> None:
        """Sort the table by the next column."""
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        self._fill_table()

    def action_show_all(self) -> None:
        """Chart all competencies together."""
        self.trend_of = None
        self._trend()

    def action_suspend_leech(self) -> None:
        """Suspend the highlighted leech."""
        table = self.query_one("#leeches", DataTable)
        if table.row_count == 0:
            return
        card_id = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        self.drill.store.set_suspended(card_id, True)
        self.notify("Leech suspended: " + card_id, markup=False)
        self._leeches()


def _total(rows: list[CompetencyStats]) -> list[WeekCounts]:
    acc: dict[date, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for r in rows:
        for w in r.weeks:
            a = acc[w.week]
            a[0] += w.reviews
            a[1] += w.recalled
            a[2] += w.quality_sum
            a[3] += w.quality_n
    return [WeekCounts(week, *acc[week]) for week in sorted(acc)]
