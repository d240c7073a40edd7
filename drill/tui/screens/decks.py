"""Decks: counts per deck; browse and search cards; suspend and unsuspend."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Footer, Input, Static

from drill.core.scheduling import next_day_start
from drill.tui.screens.base import DrillScreen
from drill.tui.text import one_line

if TYPE_CHECKING:
    pass


def cell(value: object) -> Text:
    """A DataTable cell that is never parsed as markup."""
    return Text(one_line(str(value), 200))


class DecksScreen(DrillScreen):
    """Decks on top, their cards below; type to search, s to (un)suspend."""

    DEFAULT_CSS = """
    #deck-table { height: auto; max-height: 12; }
    #card-table { height: 1fr; }
    """

    BINDINGS = [
        Binding("s", "toggle_suspend", "Suspend/unsuspend", id="decks.suspend"),
        Binding("slash", "search", "Search", id="decks.search"),
        Binding("r", "review_deck", "Review deck", id="decks.review"),
        Binding("escape", "back", "Back", id="decks.back"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content("Decks"), classes="title")
            yield DataTable(id="deck-table", cursor_type="row", zebra_stripes=True)
            yield Input(placeholder="Search cards (prompt, competency, id)…", id="card-search")
            yield DataTable(id="card-table", cursor_type="row", zebra_stripes=True)
        yield Footer()

    def on_mount(self) -> None:
        decks = self.query_one("#deck-table", DataTable)
        decks.add_columns("deck", "title", "cards", "new", "due", "suspended")
        cards = self.query_one("#card-table", DataTable)
        cards.add_columns("", "type", "competency", "prompt", "due")
        self._load_decks()

    def _load_decks(self) -> None:
        now = self.drill.clock()
        end = next_day_start(now, rollover_hour=self.drill.store.settings().rollover_hour)
        table = self.query_one("#deck-table", DataTable)
        table.clear()
        for d in self.drill.store.decks(now, end):
            table.add_row(cell(d.id), cell(d.title), d.cards, d.new, d.due, d.suspended, key=d.id)
        self._load_cards()

    def _selected_deck(self) -> str | None:
        table = self.query_one("#deck-table", DataTable)
        if table.row_count == 0:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    def _load_cards(self) -> None:
        deck_id = self._selected_deck()
        text = self.query_one("#card-search", Input).value.strip()
        table = self.query_one("#card-table", DataTable)
        table.clear()
        rows = self.drill.store.search_cards(deck_id=None if text else deck_id, text=text)
        for card, suspended, state in rows:
            due = "new" if state is None or state.is_new else state.due_at.date().isoformat()
            table.add_row(
                Text("⏸" if suspended else " "),
                cell(card.type.value),
                cell(card.competency),
                cell(card.prompt),
                cell(due),
                key=card.id,
            )

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.data_table.id == "deck-table":
            self._load_cards()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._load_cards()

    def action_search(self) -> None:
        """Focus the card search."""
        self.query_one("#card-search", Input).focus()

    def action_toggle_suspend(self) -> None:
        """Suspend or unsuspend the highlighted card."""
        table = self.query_one("#card-table", DataTable)
        if table.row_count == 0:
            return
        card_id = str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        store = self.drill.store
        suspended = not store.is_suspended(card_id)
        store.set_suspended(card_id, suspended)
        self.notify(("Suspended " if suspended else "Unsuspended ") + card_id, markup=False)
        row = table.cursor_row
        self._load_cards()
        table.move_cursor(row=row)

    def action_review_deck(self) -> None:
        """Start a session on the highlighted deck."""
        from drill.store import CardFilter

        deck_id = self._selected_deck()
        if deck_id:
            self.drill.start_session(where=CardFilter(deck_id=deck_id))

    def action_back(self) -> None:
        """Leave the search box, or go back home."""
        if isinstance(self.focused, Input):
            self.set_focus(self.query_one("#card-table"))
            return
        self.app.pop_screen()
