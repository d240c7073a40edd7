"""The interview plan over a store (drill.planning) and the ``plan``/``optimize`` commands."""

from __future__ import annotations

import json
import random
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from drill import builtin, planning
from drill.cli import main
from drill.cli_plan import COMMANDS
from drill.core.model import Rating
from drill.core.plan import DEFAULT_MINUTES_PER_CARD
from drill.session import ReviewSession, utc_now
from drill.store import Store

# a fixed clock: the simulated weeks do not depend on today
START = datetime(2031, 3, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def store() -> Iterator[Store]:
    db = Store.open(":memory:")
    builtin.sync(db)
    yield db
    db.close()


class Clock:
    """A settable clock for sessions."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def study(store: Store, clock: Clock, days: int, rng: random.Random) -> None:
    """One session a day at 09:00 UTC, answering as a learner who mostly recalls."""
    first = clock.now.replace(hour=9, minute=0, second=0, microsecond=0)
    for day in range(days):
        clock.now = first + timedelta(days=day)
        session = ReviewSession.start(store, clock=clock, tz=UTC)
        while session.current() is not None:
            rating = Rating(rng.choices([1, 2, 3, 4], [0.15, 0.1, 0.6, 0.15])[0])
            session.answer(rating, duration_ms=rng.randint(20_000, 150_000))
            clock.now += timedelta(minutes=1)
    clock.now = first + timedelta(days=days)


def dues(store: Store) -> dict[str, datetime]:
    return {c.card_id: c.due_at for c in store.due_cards(START, START + timedelta(days=36500))}


@pytest.fixture
def studied(store: Store) -> tuple[Store, Clock]:
    """A month of history: some cards are due months ahead."""
    clock = Clock(START)
    study(store, clock, 30, random.Random(7))
    return store, clock


def test_set_plan_stores_its_inputs_and_the_cap(store: Store) -> None:
    plan = planning.set_plan(store, date(2031, 3, 20), 25, START, tz=UTC)
    stored = planning.stored_plan(store)
    assert stored is not None
    assert (stored.interview, stored.minutes_per_day) == (date(2031, 3, 20), 25)
    assert store.meta(planning.CAP_KEY) == "2031-03-20T04:00:00.000+00:00"
    assert store.meta(planning.WINDOW_KEY) == str(plan.final_window_days)
    assert plan.interview == date(2031, 3, 20)
    assert plan.days_left == 17


@pytest.mark.parametrize("interview", [date(2031, 3, 3), date(2031, 2, 1)])
def test_a_date_today_or_past_is_refused_and_nothing_written(store: Store, interview: date) -> None:
    with pytest.raises(ValueError, match="interview date"):
        planning.set_plan(store, interview, 20, START, tz=UTC)
    assert store.meta(planning.PLAN_KEY) is None
    assert store.meta(planning.CAP_KEY) is None


def test_a_budget_out_of_range_is_refused(store: Store) -> None:
    with pytest.raises(ValueError, match="minutes per day"):
        planning.set_plan(store, date(2031, 4, 1), 0.5, START, tz=UTC)


def test_setting_a_plan_brings_every_late_card_into_the_final_window(
    studied: tuple[Store, Clock],
) -> None:
    store, clock = studied
    interview = (clock.now + timedelta(days=10)).date()
    cap = datetime(interview.year, interview.month, interview.day, 4, tzinfo=UTC)
    before = dues(store)
    late = {cid for cid, due in before.items() if due > cap}
    assert len(late) >= 20  # the month of history gives the cap work to do
    plan = planning.set_plan(store, interview, 20, clock.now, tz=UTC)
    after = dues(store)
    assert all(due <= cap for due in after.values())
    window = {interview - timedelta(days=k) for k in range(1, plan.final_window_days + 1)}
    landed = Counter(after[cid].date() for cid in late)
    assert set(landed) <= window
    # least-loaded day first: the moved cards are spread, not piled on one day
    assert max(landed.values()) - min(landed.values()) <= max(3, len(late) // 4)
    assert all(after[cid] == before[cid] for cid in before if cid not in late)


def test_clearing_the_plan_gives_moved_cards_their_own_due_dates_back(
    studied: tuple[Store, Clock],
) -> None:
    store, clock = studied
    before = dues(store)
    planning.set_plan(store, (clock.now + timedelta(days=10)).date(), 20, clock.now, tz=UTC)
    assert dues(store) != before
    assert planning.clear_plan(store) is True
    assert dues(store) == before
    for key in (planning.PLAN_KEY, planning.CAP_KEY, planning.WINDOW_KEY, planning.MOVED_KEY):
        assert store.meta(key) is None
    assert planning.clear_plan(store) is False


def test_apply_caps_catches_cards_that_arrive_late(studied: tuple[Store, Clock]) -> None:
    store, clock = studied
    interview = (clock.now + timedelta(days=10)).date()
    plan = planning.set_plan(store, interview, 20, clock.now, tz=UTC)
    cap = datetime.fromisoformat(store.meta(planning.CAP_KEY) or "")
    assert planning.apply_caps(store, plan, now=clock.now, tz=UTC) == 0
    # as if a history import had just given two cards far-off due dates
    far = {cid: cap + timedelta(days=90 + n) for n, cid in enumerate(sorted(dues(store))[:2])}
    store.reschedule(far)
    assert planning.apply_caps(store, plan, now=clock.now, tz=UTC) == 2
    assert all(due <= cap for due in dues(store).values())
    planning.clear_plan(store)
    assert {cid: dues(store)[cid] for cid in far} == far


def test_the_cap_holds_for_every_card_through_a_week_of_sessions(
    studied: tuple[Store, Clock],
) -> None:
    store, clock = studied
    interview = (clock.now + timedelta(days=12)).date()
    planning.set_plan(store, interview, 20, clock.now, tz=UTC)
    cap = datetime.fromisoformat(store.meta(planning.CAP_KEY) or "")
    rng = random.Random(11)
    reviews_before = store.review_count()
    for _day in range(7):
        study(store, clock, 1, rng)
        late = {cid: due for cid, due in dues(store).items() if due > cap}
        assert late == {}
    assert store.review_count() > reviews_before + 30


def test_without_a_plan_the_same_week_leaves_cards_due_after_the_day(
    studied: tuple[Store, Clock],
) -> None:
    # the counterpart of the test above: the cap, not the simulation, keeps the dates
    store, clock = studied
    interview = (clock.now + timedelta(days=12)).date()
    cap = datetime(interview.year, interview.month, interview.day, 4, tzinfo=UTC)
    study(store, clock, 7, random.Random(11))
    assert any(due > cap for due in dues(store).values())


def test_the_plan_ends_itself_once_the_interview_day_begins(studied: tuple[Store, Clock]) -> None:
    store, clock = studied
    before = dues(store)
    interview = (clock.now + timedelta(days=5)).date()
    planning.set_plan(store, interview, 20, clock.now, tz=UTC)
    assert planning.current_plan(store, clock.now + timedelta(days=4), tz=UTC) is not None
    interview_morning = datetime(interview.year, interview.month, interview.day, 8, tzinfo=UTC)
    assert planning.current_plan(store, interview_morning, tz=UTC) is None
    assert store.meta(planning.PLAN_KEY) is None
    assert store.meta(planning.CAP_KEY) is None
    assert dues(store) == before


def test_the_plan_is_recomputed_from_progress(store: Store) -> None:
    clock = Clock(START)
    first = planning.set_plan(store, date(2031, 3, 24), 20, clock.now, tz=UTC)
    study(store, clock, 1, random.Random(3))
    later = planning.current_plan(store, clock.now, tz=UTC)
    assert later is not None
    assert later.unseen < first.unseen
    assert later.days_left == first.days_left - 1


def test_new_allowance_follows_the_plan(store: Store) -> None:
    assert planning.new_allowance(store, START, tz=UTC) is None
    plan = planning.set_plan(store, date(2031, 3, 24), 12, START, tz=UTC)
    limit = planning.new_allowance(store, START, tz=UTC)
    assert limit == plan.new_per_day
    assert 0 < limit < store.settings().new_per_day + 5


def test_today_s_limit_counts_cards_already_introduced(store: Store) -> None:
    planning.set_plan(store, date(2031, 3, 24), 12, START, tz=UTC)
    clock = Clock(START)
    session = ReviewSession.start(store, clock=clock, tz=UTC, limit=3)
    while session.current() is not None:
        # four minutes an answer: three answers spend the whole 12-minute day
        session.answer(Rating.GOOD, duration_ms=4 * 60_000)
        clock.now += timedelta(minutes=4)
    introduced = store.introduced_since(START.replace(hour=4))
    assert introduced == 3
    assert planning.new_allowance(store, clock.now, tz=UTC) == introduced
    plan = planning.current_plan(store, clock.now, tz=UTC)
    assert plan is not None
    assert plan.forecast[0].minutes >= 12


def test_answer_times_blend_the_user_s_times_with_the_defaults(store: Store) -> None:
    assert planning.minutes_per_card(store) == dict(DEFAULT_MINUTES_PER_CARD)
    clock = Clock(START)
    session = ReviewSession.start(store, clock=clock, tz=UTC, limit=20)
    while session.current() is not None:
        session.answer(Rating.GOOD, duration_ms=8 * 60_000)
        clock.now += timedelta(minutes=8)
    minutes = planning.minutes_per_card(store)
    durations = store.answer_durations()
    for card_type, default in DEFAULT_MINUTES_PER_CARD.items():
        if card_type.value in durations:
            assert default < minutes[card_type] < 8
        else:
            assert minutes[card_type] == default


# the commands -----------------------------------------------------------------------------


Invoke = Callable[..., Result]


@pytest.fixture
def run(tmp_path: Path) -> Invoke:
    """``drill --db <tmp> ARGS`` with the plan commands registered (as cli.py will)."""
    for command in COMMANDS:
        main.add_command(command)
    runner = CliRunner()
    db = tmp_path / "drill.db"

    def invoke(*args: str) -> Result:
        return runner.invoke(main, ["--db", str(db), *args])

    return invoke


def _future(days: int) -> str:
    return (utc_now().date() + timedelta(days=days)).isoformat()


def test_plan_without_a_plan_says_how_to_set_one(run: Invoke) -> None:
    result = run("plan")
    assert result.exit_code == 0
    assert "drill plan --interview" in result.output
    assert json.loads(run("plan", "--json").output) is None


def test_plan_json_has_the_documented_keys(run: Invoke) -> None:
    result = run("plan", "--interview", _future(20), "--minutes", "25", "--json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.output)
    for key in (
        "interview",
        "days_left",
        "minutes_per_day",
        "unseen",
        "planned",
        "left_out",
        "new_per_day",
        "forecast",
    ):
        assert key in document
    assert document["interview"] == _future(20)
    assert document["minutes_per_day"] == 25
    assert document["planned"] + document["left_out"] == document["unseen"] > 0
    assert all({"date", "due", "minutes"} <= set(day) for day in document["forecast"])
    assert json.loads(run("plan", "--json").output)["interview"] == _future(20)


def test_plan_text_names_what_was_left_out(run: Invoke) -> None:
    result = run("plan", "--interview", _future(6), "--minutes", "5")
    assert result.exit_code == 0, result.output
    assert f"Interview {_future(6)}: 6 days left, 5 minutes a day." in result.output
    assert "Left out" in result.output
    assert f"no room in a 5-minute day before {_future(6)}" in result.output


def test_minutes_alone_change_the_active_plan(run: Invoke) -> None:
    run("plan", "--interview", _future(15))
    document = json.loads(run("plan", "--minutes", "40", "--json").output)
    assert document["minutes_per_day"] == 40
    assert document["interview"] == _future(15)


def test_minutes_without_a_plan_is_a_usage_error(run: Invoke) -> None:
    result = run("plan", "--minutes", "40")
    assert result.exit_code == 2
    assert "--interview" in result.output


@pytest.mark.parametrize("days", [0, -3])
def test_a_past_date_exits_1_with_a_message(run: Invoke, days: int) -> None:
    result = run("plan", "--interview", _future(days))
    assert result.exit_code == 1
    assert "interview date" in result.output
    assert "Traceback" not in result.output
    assert json.loads(run("plan", "--json").output) is None


@pytest.mark.parametrize(
    "args",
    [
        ("plan", "--interview", "next friday"),
        ("plan", "--clear", "--interview", "2031-01-01"),
        ("plan", "--minutes", "0"),
    ],
)
def test_usage_errors_exit_2(run: Invoke, args: tuple[str, ...]) -> None:
    assert run(*args).exit_code == 2


def test_plan_clear_ends_the_plan(run: Invoke) -> None:
    run("plan", "--interview", _future(9))
    result = run("plan", "--clear")
    assert result.exit_code == 0
    assert f"Plan for {_future(9)} ended" in result.output
    assert json.loads(run("plan", "--clear", "--json").output) == {"cleared": False}


def test_optimize_json_with_too_little_history(run: Invoke) -> None:
    result = run("optimize", "--json")
    assert result.exit_code == 0
    document = json.loads(result.output)
    for key in (
        "reviews",
        "log_loss_before",
        "log_loss_after",
        "rmse_before",
        "rmse_after",
        "adopted",
        "reason",
    ):
        assert key in document
    assert document["reviews"] == 0
    assert document["adopted"] is False
    assert "400" in document["reason"]
    assert "400" in run("optimize", "--dry-run").output


@pytest.mark.parametrize("command", ["plan", "optimize"])
def test_commands_have_help_with_an_example(run: Invoke, command: str) -> None:
    result = run(command, "--help")
    assert result.exit_code == 0
    assert f"drill {command}" in result.output
