"""Signal trends in stats: what your typed answers rarely show, read once per answer."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

import drill.core.analysis as analysis
from drill import reports
from drill.store import Store

ANSWER = (
    "I rebuilt the export job in Go, tuned the batch size and added retries with backoff. "
    "Then I wrote the integration tests and a dashboard for the queue depth, and I cleaned up "
    "the old cron scripts that nobody owned. It took me about three weeks in total and the "
    "code review went smoothly."
)
"""An individual contributor's answer: no outcome measured, nobody aligned."""


def _typed(store: Store, competency: str, now: datetime, count: int, text: str = ANSWER) -> None:
    ids = [i for i in sorted(store.card_ids()) if store.card(i).competency == competency]
    for n, card_id in enumerate(ids[:count]):
        store.record_practice(
            card_id,
            practiced_at=now - timedelta(hours=n),
            quality=2,
            duration_ms=60_000,
            answer=f"{text} (take {n})",
        )


def _busiest_metrics_competency(store: Store) -> str:
    expected = store.expected_signals()
    return max(expected, key=lambda c: expected[c].get("metrics", 0))


def test_a_signal_the_cards_expect_but_answers_lack_gets_a_note(
    store: Store, now: datetime
) -> None:
    competency = _busiest_metrics_competency(store)
    assert store.expected_signals()[competency]["metrics"] >= 3
    _typed(store, competency, now, 4)
    trends = reports.signal_trends(store)
    assert trends["by_competency"][competency]["metrics"] == 0.0
    note = next(n for n in trends["notes"] if n["signal"] == "metrics")
    assert note["competency"] == competency
    assert note["answers"] == 4
    assert "You rarely state a measurable outcome" in note["text"]


def test_fewer_answers_than_the_minimum_raise_no_note(store: Store, now: datetime) -> None:
    competency = _busiest_metrics_competency(store)
    _typed(store, competency, now, reports.MIN_ANSWERS - 1)
    assert reports.signal_trends(store)["notes"] == []


def test_each_answer_is_read_once_per_detector(
    store: Store, now: datetime, monkeypatch: pytest.MonkeyPatch
) -> None:
    competency = _busiest_metrics_competency(store)
    _typed(store, competency, now, 4)
    calls: list[str] = []
    real = analysis.analyze

    def counting(text: str, *args: object, **kwargs: object) -> analysis.Analysis:
        calls.append(text)
        return real(text)

    monkeypatch.setattr(analysis, "analyze", counting)
    first = reports.signal_trends(store)
    assert len(calls) == 4
    assert reports.signal_trends(store) == first
    assert len(calls) == 4, "the second stats read the cached signals"
    monkeypatch.setattr(analysis, "detector_id", lambda: "a-new-detector")
    assert reports.signal_trends(store) == first
    assert len(calls) == 8, "a new detector reads every answer again"
    rows = store.conn.execute("SELECT DISTINCT detector FROM answer_signals").fetchall()
    assert rows == [("a-new-detector",)]


def test_stats_still_read_answers_when_the_database_cannot_be_written(
    store: Store, now: datetime
) -> None:
    competency = _busiest_metrics_competency(store)
    _typed(store, competency, now, 4)
    store.conn.execute("PRAGMA query_only = 1")
    trends = reports.signal_trends(store)
    assert trends["by_competency"][competency]["metrics"] == 0.0
    assert store.conn.execute("SELECT count(*) FROM answer_signals").fetchone()[0] == 0
