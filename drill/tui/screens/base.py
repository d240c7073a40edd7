"""The base of drill's screens: typed access to the app."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.screen import Screen

if TYPE_CHECKING:
    from drill.tui.app import DrillApp


class DrillScreen(Screen[None]):
    """A screen of the drill app."""

    @property
    def drill(self) -> DrillApp:
        """The app, typed."""
        return self.app  # type: ignore[return-value]
