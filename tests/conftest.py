"""Shared fixtures: a fixed clock, stores with and without the built-in decks, a CLI runner."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from drill import builtin
from drill.store import Store

# Hypothesis keeps no example database in the repo and never times out on a slow CI box.
settings.register_profile("drill", database=None, deadline=None)
settings.load_profile("drill")

BAD_DECKS_DIR = Path(__file__).parent / "data" / "bad_decks"


@pytest.fixture
def now() -> datetime:
    """A fixed moment: Wednesday 15 January 2025, 10:00 UTC."""
    return datetime(2025, 1, 15, 10, 0, tzinfo=UTC)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where the ``store`` fixture keeps its database (also usable with ``--db``)."""
    return tmp_path / "t.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    """A migrated store with the built-in decks loaded."""
    opened = Store.open(db_path)
    builtin.sync(opened)
    yield opened
    opened.close()


@pytest.fixture
def empty_store(tmp_path: Path) -> Iterator[Store]:
    """A migrated store with no decks at all."""
    opened = Store.open(tmp_path / "empty.db")
    yield opened
    opened.close()


@pytest.fixture
def runner() -> CliRunner:
    """A click runner (stdout and stderr kept apart)."""
    return CliRunner()


def dump_database(path: Path) -> list[str]:
    """Every table's schema and rows as SQL text, read through a fresh connection."""
    conn = sqlite3.connect(path)
    try:
        return list(conn.iterdump())
    finally:
        conn.close()


@pytest.fixture
def db_dump() -> Callable[[Path], list[str]]:
    """A function that dumps a database file, to compare before and after a command."""
    return dump_database
