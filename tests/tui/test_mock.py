"""The mock loop: five questions across the four dimensions, kept as practice only."""

from __future__ import annotations

from datetime import UTC, datetime

from drill import builtin
from drill.core.model import CardType, Rating
from drill.session import ReviewSession
from drill.store import Store
from drill.tui.app import DrillApp
from drill.tui.screens.mock import MockScreen

CLOCK = datetime(2026, 11, 20, 12, tzinfo=UTC)


def _state_rows(store: Store) -> list[tuple[object, ...]]:
    return [tuple(r) for r in store.conn.execute("SELECT * FROM card_state ORDER BY card_id")]


async def test_mock_loop_keeps_answers_as_practice_and_leaves_the_schedule(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(tmp_path / "m.db")
    builtin.sync(store)
    session = ReviewSession.start(store, clock=lambda: CLOCK, limit=4)
    while session.current() is not None and len(session.outcomes) < 4:
        session.answer(Rating.GOOD, quality=3)
    before = _state_rows(store)
    reviews_before = store.review_count()
    app = DrillApp(store, clock=lambda: CLOCK, start_mock=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MockScreen)
        cards = [a.card for a in screen.answers]
        assert len(cards) == 5
        assert all(c.type is CardType.QUESTION for c in cards)
        dimensions = {app.competencies[c.competency].dimension for c in cards}
        assert len(dimensions) == 4
        await pilot.press("w", *"I decided to delay because the risk was high.", "escape")
        for _ in range(5):
            await pilot.press("space")
        assert screen.stage == "review"
        for value in ("4", "3", "2", "5", "1"):
            await pilot.press("a", value)
        await pilot.pause()
        assert screen.stage == "done"
    rows = store.conn.execute("SELECT source, quality, answer FROM practice ORDER BY id").fetchall()
    assert [r[0] for r in rows] == ["mock"] * 5
    assert [r[1] for r in rows] == [4, 3, 2, 5, 1]
    assert rows[0][2].startswith("I decided to delay")
    assert _state_rows(store) == before
    assert store.review_count() == reviews_before
    store.close()


async def test_the_mock_question_stands_out_above_the_answer_box(tmp_path) -> None:  # type: ignore[no-untyped-def]
    store = Store.open(tmp_path / "m.db")
    builtin.sync(store)
    app = DrillApp(store, clock=lambda: CLOCK, start_mock=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        prompt = app.screen.query_one("#prompt")
        assert prompt.styles.text_style.bold
        assert prompt.region.y >= 2, "a blank line between the header and the question"
        answer = app.screen.query_one("#answer")
        assert answer.region.y > prompt.region.bottom, "a gap before the answer box"


async def test_drill_mock_with_no_question_cards_exits_saying_so(
    tmp_path,
    capsys,  # type: ignore[no-untyped-def]
) -> None:
    store = Store.open(tmp_path / "empty.db")
    app = DrillApp(store, clock=lambda: CLOCK, start_mock=True)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
    assert app.return_code == 0
    assert "No question cards to build a mock loop from" in " ".join(capsys.readouterr())
