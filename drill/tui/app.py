"""The drill app: built by a factory so tests get the same app with their own store and clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime, tzinfo
from functools import cached_property
from pathlib import Path
from typing import Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from drill.core.model import Competency
from drill.session import ReviewSession, utc_now
from drill.store import CardFilter, Store

NOTHING_DUE = (
    "Nothing due and no new cards left for today. Practise your weakest areas instead "
    "(p on Home), or come back tomorrow."
)


class AlreadyOpen(Exception):
    """Another drill app has this database open."""


class DrillApp(App[None]):
    """The terminal app."""

    CSS_PATH = "app.tcss"
    TITLE = "drill"
    ENABLE_COMMAND_PALETTE = True
    BINDINGS = [Binding("ctrl+q", "quit", "Quit", show=False, id="app.quit")]

    def __init__(
        self,
        store: Store,
        *,
        clock: Callable[[], datetime] = utc_now,
        tz: tzinfo | None = None,
        start_review: bool = False,
        start_mock: bool = False,
        where: CardFilter = CardFilter(),
        limit: int | None = None,
    ) -> None:
        super().__init__()
        self.start_mock = start_mock
        self.store = store
        self.clock = clock
        self.tz = tz
        self.start_review = start_review
        self.where = where
        self.limit = limit
        self.theme = store.settings().theme

    @cached_property
    def competencies(self) -> dict[str, Competency]:
        """Every competency by id (read once per app)."""
        return self.store.competencies()

    def get_default_screen(self) -> Screen[Any]:
        # `drill review` opens straight on its first card: the review screen is the app's
        # first screen, not pushed over an empty one (one screen fewer to style and draw).
        if self.start_review and not self.start_mock:
            session = self._session()
            if session.total:
                from drill.tui.screens.review import ReviewScreen

                return ReviewScreen(session, title="Review")
        return super().get_default_screen()

    def on_mount(self) -> None:
        from drill import launch

        self.call_after_refresh(launch.resume)
        self.store.defer_checkpoints()
        self.set_interval(2.0, self.store.checkpoint)
        if self.start_mock:
            from drill.tui.screens.mock import MockScreen

            self.push_screen(MockScreen())
        elif self.start_review:
            from drill.tui.screens.review import ReviewScreen

            if not isinstance(self.screen, ReviewScreen):
                self.exit(message=NOTHING_DUE)
        else:
            from drill.tui.screens.home import HomeScreen

            self.push_screen(HomeScreen())

    def start_session(self, *, practice: bool = False, where: CardFilter | None = None) -> None:
        """Open a review session (or a practice one) over the current filter."""
        from drill.tui.screens.review import ReviewScreen

        session = self._session(practice=practice, where=where)
        if session.total == 0:
            message = (
                "Nothing to practise here: import a deck or widen the filter."
                if practice
                else NOTHING_DUE
            )
            self.notify(message, markup=False)
            return
        self.push_screen(ReviewScreen(session, title="Practice" if practice else "Review"))

    def _session(self, *, practice: bool = False, where: CardFilter | None = None) -> ReviewSession:
        return ReviewSession.start(
            self.store,
            clock=self.clock,
            where=where or self.where,
            limit=self.limit,
            practice=practice,
            tz=self.tz,
        )

    def show_summary(self, session: ReviewSession) -> None:
        """Replace the review screen with the session summary."""
        from drill.tui.screens.summary import SummaryScreen

        summary = SummaryScreen(session.summary())
        if len(self.screen_stack) == 1:
            # `drill review`: the review screen is the first screen and cannot be swapped
            # out; the summary goes over it, and leaving the summary leaves drill.
            self.push_screen(summary)
        else:
            self.switch_screen(summary)

    def leave_summary(self) -> None:
        """After the summary: back home, or out of drill when started with ``drill review``."""
        if self.start_review:
            self.exit()
            return
        self.pop_screen()
        from drill.tui.screens.home import HomeScreen

        if isinstance(self.screen, HomeScreen):
            self.screen.refresh_data()

    def get_system_commands(self, screen: Screen[Any]) -> Iterator[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Start a session", "Review what is due, then new cards", self.start_session
        )
        yield SystemCommand(
            "Practise weakest",
            "A session that leaves the schedule alone",
            lambda: self.start_session(practice=True),
        )
        yield SystemCommand("Stats", "Per-competency metrics and trends", self._open("stats"))
        yield SystemCommand("Decks", "Browse decks and cards, suspend", self._open("decks"))
        yield SystemCommand("Stories", "Your story bank and coverage", self._open("stories"))
        yield SystemCommand("Settings", "Retention, limits, timer, theme", self._open("settings"))

    def _open(self, name: str) -> Callable[[], None]:
        def open_screen() -> None:
            self.push_screen(make_screen(name))

        return open_screen

    def watch_theme(self, theme: str) -> None:
        settings = self.store.settings()
        if settings.theme != theme and theme in _themes():
            self.store.save_settings(settings._replace(theme=theme))


def _themes() -> tuple[str, ...]:
    from drill.core.settings import THEMES

    return THEMES


def make_screen(name: str) -> Screen[Any]:
    """A top-level screen by name (stats, decks, stories, settings)."""
    if name == "stats":
        from drill.tui.screens.stats import StatsScreen

        return StatsScreen()
    if name == "decks":
        from drill.tui.screens.decks import DecksScreen

        return DecksScreen()
    if name == "stories":
        from drill.tui.screens.stories import StoriesScreen

        return StoriesScreen()
    from drill.tui.screens.settings import SettingsScreen

    return SettingsScreen()


class _Lock:
    """An exclusive lock on ``<db>.lock`` held while the app runs."""

    def __init__(self, db_path: str) -> None:
        self.path = Path(db_path + ".lock")
        self.handle: Any = None

    def __enter__(self) -> _Lock:
        if self.path.name == ":memory:.lock":
            return self
        try:
            import fcntl
        except ImportError:  # no advisory locks on this platform: SQLite still keeps it safe
            return self
        self.handle = open(self.path, "a+")
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.handle.close()
            raise AlreadyOpen(
                "drill is already open on this database in another terminal; close it first "
                "(CLI commands such as `drill stats` work alongside it)"
            ) from None
        return self

    def __exit__(self, *exc: object) -> None:
        if self.handle is not None:
            self.handle.close()


def run(store: Store, **kwargs: Any) -> None:
    """Run the app on ``store`` in this terminal (refused if another app has it open)."""
    with _Lock(store.path):
        DrillApp(store, **kwargs).run()
