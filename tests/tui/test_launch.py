"""The ``drill`` command starts with the cycle collector paused and always resumes it."""

from __future__ import annotations

import gc
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from drill import launch
from drill.cli import main
from drill.store import Store
from tests.tui.conftest import app_for, settle


@pytest.fixture
def paused() -> Iterator[None]:
    """The collector paused as `launch.main` pauses it; enabled again whatever happens."""
    launch.pause()
    try:
        yield
    finally:
        gc.enable()


def test_the_drill_command_is_the_launcher() -> None:
    pyproject = tomllib.loads((Path(__file__).parents[2] / "pyproject.toml").read_text())
    assert pyproject["project"]["scripts"]["drill"] == "drill.launch:main"


@pytest.mark.usefixtures("paused")
def test_a_command_that_opens_no_app_resumes_the_collector_at_once(db_path: Path) -> None:
    assert not gc.isenabled()
    result = CliRunner().invoke(main, ["--db", str(db_path), "decks"])
    assert result.exit_code == 0, result.output
    assert gc.isenabled()


@pytest.mark.usefixtures("paused")
async def test_the_app_resumes_the_collector_once_its_first_frame_is_drawn(
    deck_store: Store,
) -> None:
    app = app_for(deck_store)
    assert not gc.isenabled()
    async with app.run_test() as pilot:
        await settle(pilot)
        assert gc.isenabled()
