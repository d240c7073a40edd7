"""Where drill keeps things; every path can be overridden by an environment variable."""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "DRILL_DB"
DATA_DIR_ENV = "DRILL_DATA_DIR"


def data_dir() -> Path:
    """The user data directory (``DRILL_DATA_DIR`` overrides the platform default)."""
    override = os.environ.get(DATA_DIR_ENV)
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir("drill", appauthor=False))


def default_db() -> Path:
    """``DRILL_DB`` if set, else ``drill.db`` in the data directory."""
    override = os.environ.get(DB_ENV)
    return Path(override) if override else data_dir() / "drill.db"


def builtin_decks_dir() -> Path:
    """The built-in decks: inside the installed package, or ``decks/`` of a source checkout."""
    packaged = Path(__file__).parent / "decks"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "decks"


def builtin_deck_files() -> list[Path]:
    """Built-in deck files (the example story bank is not a deck)."""
    return sorted(
        p for p in builtin_decks_dir().glob("*.yaml") if not p.name.startswith("example-")
    )


def example_stories() -> Path:
    """The example story bank shipped with drill."""
    return builtin_decks_dir() / "example-stories.yaml"


def deck_schema() -> Path:
    """The JSON Schema of the deck format, shipped in the package."""
    return Path(__file__).parent / "deck.schema.json"
