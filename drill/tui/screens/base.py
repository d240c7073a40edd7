"""The base of drill's screens: typed access to the app."""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from textual.screen import ModalScreen, Screen

if TYPE_CHECKING:
    from drill.tui.app import DrillApp


class DrillScreen(Screen[None]):
    """A screen of the drill app."""

    @property
    def drill(self) -> DrillApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]


ResultType = TypeVar("ResultType")


class Dialog(ModalScreen[ResultType]):
    """A box in the middle of the screen over the one below (help, confirm, pick)."""

    # Here rather than in app.tcss: parsed when a dialog first opens, not at every start.
    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > .dialog-box {
        width: 90;
        max-width: 100%;
        height: auto;
        max-height: 90%;
        border: round $accent;
        background: $surface;
        padding: 1 2;
    }
    """
