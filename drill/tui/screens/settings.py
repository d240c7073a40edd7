"""Settings: retention, daily limits, session size, timer, rollover hour, theme."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Vertical
from textual.content import Content
from textual.widgets import Button, Footer, Input, Label, Select, Static

from drill.core.settings import THEMES
from drill.tui.screens.base import DrillScreen

if TYPE_CHECKING:
    pass

FIELDS = (
    ("desired_retention", "Desired retention (0.70–0.99)", float),
    ("new_per_day", "New cards per day", int),
    ("session_size", "Session size", int),
    ("answer_timer_s", "Answer timer (seconds)", int),
    ("rollover_hour", "New day starts at (hour)", int),
    ("leech_threshold", "Leech after N lapses", int),
)


class SettingsScreen(DrillScreen):
    """Edit and save the user's settings (stored in the database)."""

    DEFAULT_CSS = """
    #settings-box { padding: 1 2; }
    #settings-grid { grid-size: 2; grid-columns: 36 30; grid-rows: 3; height: auto; }
    #settings-error { color: $error; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="settings.save"),
        Binding("escape", "app.pop_screen", "Back", id="settings.back"),
    ]

    def compose(self) -> ComposeResult:
        app = self.drill
        settings = app.store.settings()
        with Vertical(id="settings-box"):
            yield Static(Content("Settings"), classes="title")
            with Grid(id="settings-grid"):
                for name, label, _kind in FIELDS:
                    yield Label(Content(label))
                    yield Input(str(getattr(settings, name)), id=f"set-{name}")
                yield Label(Content("Theme"))
                yield Select(
                    [(t, t) for t in THEMES],
                    value=settings.theme,
                    allow_blank=False,
                    id="set-theme",
                )
            yield Button("Save (ctrl+s)", id="save", variant="primary")
            yield Static(id="settings-error")
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()

    def action_save(self) -> None:
        """Validate and store the settings."""
        app = self.drill
        values: dict[str, object] = {}
        try:
            for name, label, kind in FIELDS:
                raw = self.query_one(f"#set-{name}", Input).value.strip()
                try:
                    values[name] = kind(raw)
                except ValueError:
                    raise ValueError(f"{label}: '{raw}' is not a number") from None
            values["theme"] = str(self.query_one("#set-theme", Select).value)
            settings = app.store.settings()._replace(**values).validated()  # type: ignore[arg-type]
        except ValueError as exc:
            self.query_one("#settings-error", Static).update(Content(str(exc)))
            return
        app.store.save_settings(settings)
        app.theme = settings.theme
        self.query_one("#settings-error", Static).update("")
        self.notify("Settings saved.", markup=False)
