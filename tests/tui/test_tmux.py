"""The real ``drill review`` in a real terminal (tmux): rate, SIGKILL, check nothing is lost.

A rating is *acknowledged* when the next card's progress line ("Review 2 of 5") is on
screen: the user saw drill move on. Every acknowledged rating must be in the database
after the process is killed without warning.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from drill import builtin
from drill.store import Store

from .conftest import DECK_YAML, import_yaml

DRILL = Path(sys.executable).with_name("drill")
"""The installed ``drill`` command next to this Python (the project venv)."""

pytestmark = [
    pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed"),
    pytest.mark.skipif(not DRILL.exists(), reason="the drill command is not installed here"),
]
PROGRESS = re.compile(
    r"Review (\d+) of (\d+)\s+·\s+.*?·\s+(question|reframe|recognize|basic|story)"
)
WAIT_S = 15.0


class Terminal:
    """One tmux session on a private server, running one command."""

    def __init__(self, socket: str, command: str) -> None:
        self.socket = socket
        self.tmux("new-session", "-d", "-s", "t", "-x", "100", "-y", "30", command)

    def tmux(self, *args: str) -> str:
        """Run a tmux command against this server; its output."""
        done = subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            timeout=10,
            check=False,
        )
        return done.stdout

    def screen(self) -> str:
        """The visible text of the pane."""
        return self.tmux("capture-pane", "-p", "-t", "t")

    def keys(self, *keys: str) -> None:
        """Send keys (tmux key names: Space, Enter, 3 ...)."""
        self.tmux("send-keys", "-t", "t", *keys)

    def wait_for(self, pattern: str | re.Pattern[str]) -> re.Match[str]:
        """Poll the screen until ``pattern`` shows; fail with the screen if it never does."""
        regex = re.compile(pattern) if isinstance(pattern, str) else pattern
        deadline = time.monotonic() + WAIT_S
        while True:
            text = self.screen()
            match = regex.search(text)
            if match:
                return match
            if time.monotonic() > deadline:
                raise AssertionError(f"{regex.pattern!r} never appeared; the screen:\n{text}")
            time.sleep(0.05)

    def pid(self) -> int:
        """The pane's process (the command is exec'd, so this is drill itself)."""
        return int(self.tmux("list-panes", "-t", "t", "-F", "#{pane_pid}").split()[0])

    def close(self) -> None:
        """Stop this private tmux server."""
        self.tmux("kill-server")


@pytest.fixture
def db(tmp_path: Path) -> Path:
    """A database with the built-in decks and the test deck, ready before drill starts."""
    path = tmp_path / "drill.db"
    with Store.open(path) as store:
        builtin.sync(store)
        import_yaml(store, DECK_YAML)
    return path


@pytest.fixture
def terminal(db: Path, tmp_path: Path) -> Iterator[Terminal]:
    """``drill review --deck t --limit 5`` running in tmux."""
    env = f"DRILL_DB={shlex.quote(str(db))} DRILL_DATA_DIR={shlex.quote(str(tmp_path))}"
    command = f"exec env {env} {shlex.quote(str(DRILL))} review --deck t --limit 5"
    term = Terminal(f"drill-test-{os.getpid()}", command)
    try:
        yield term
    finally:
        term.close()


def progress(term: Terminal) -> tuple[int, str]:
    """The position and card type of the card on screen."""
    match = term.wait_for(PROGRESS)
    return int(match.group(1)), match.group(3)


def rate_card(term: Terminal, card_type: str) -> None:
    """Answer the card on screen (Good, quality 4) with the keys a user would press."""
    if card_type == "recognize":
        term.keys("1")
        term.wait_for(r"graded automatically")
        term.keys("Space")
        return
    term.keys("Space")
    term.wait_for(r"Rate your recall")
    term.keys("3")
    if card_type in ("question", "reframe", "story"):
        term.wait_for(r"Quality")
        term.keys("4")


def test_every_acknowledged_rating_survives_sigkill(terminal: Terminal, db: Path) -> None:
    acknowledged = 0
    position, card_type = progress(terminal)
    assert position == 1
    for _ in range(3):
        rate_card(terminal, card_type)
        next_line = re.compile(rf"Review {position + 1} of \d+\s+·\s+.*?·\s+(\w+)")
        card_type = terminal.wait_for(next_line).group(1)
        position += 1
        acknowledged += 1
    terminal.keys("Space")
    terminal.wait_for(r"Rate your recall|graded automatically|Which competency")
    kill(terminal)
    assert consistent_reviews(db) == acknowledged == 3


def test_a_kill_during_a_commit_leaves_whole_reviews(terminal: Terminal, db: Path) -> None:
    position, card_type = progress(terminal)
    rate_card(terminal, card_type)
    terminal.wait_for(rf"Review {position + 1} of")
    _, card_type = progress(terminal)
    if card_type == "recognize":
        terminal.keys("1")
    else:
        terminal.keys("Space", "3", "4")
    kill(terminal)
    assert consistent_reviews(db) in (1, 2)


def kill(term: Terminal) -> None:
    """SIGKILL drill: no handler runs, nothing is flushed or closed."""
    pid = term.pid()
    cmdline = Path(f"/proc/{pid}/cmdline")
    if cmdline.exists():
        assert "review" in cmdline.read_text(), "the pane runs drill itself"
    os.kill(pid, signal.SIGKILL)


def consistent_reviews(db: Path) -> int:
    """How many reviews the database holds, after checking each card's state matches them."""
    conn = sqlite3.connect(db)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        latest = dict(
            conn.execute("SELECT card_id, max(reviewed_at) FROM reviews GROUP BY card_id")
        )
        states = dict(
            conn.execute(
                "SELECT card_id, last_review FROM card_state WHERE last_review IS NOT NULL"
            )
        )
        assert states == latest, "every review is stored with its card's new state, or not at all"
        return int(conn.execute("SELECT count(*) FROM reviews").fetchone()[0])
    finally:
        conn.close()
