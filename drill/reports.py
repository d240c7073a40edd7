"""The documents behind ``drill stats`` (JSON) and their plain-text rendering."""

from __future__ import annotations

import json
from typing import Any

from drill import textout
from drill.core.stats import weighted
from drill.metrics import competency_stats
from drill.session import utc_now
from drill.store import Store, StoreError


def stats_document(store: Store, *, days: int | None = None) -> dict[str, Any]:
    """``drill stats --json``: every competency, the weakest ranking, and the parameters in use."""
    rows = competency_stats(store, utc_now(), days=days)
    settings = store.settings()
    evaluation = store.meta("optimize.evaluation")
    return {
        "window_days": days,
        "competencies": [s.to_json() for s in sorted(rows, key=lambda s: s.id)],
        "weakest": [s.id for s in rows],
        "parameters": {
            "values": list(settings.parameters),
            "source": store.meta("optimize.source") or "default",
            "evaluation": None if evaluation is None else json.loads(evaluation),
        },
    }


def stats_text(document: dict[str, Any]) -> str:
    """A readable table with bars, weakest first."""
    by_id = {c["id"]: c for c in document["competencies"]}
    rows = []
    for rank, cid in enumerate(document["weakest"], start=1):
        c = by_id[cid]
        rows.append([
            rank, c["name"], c["reviews"], textout.percent(c["recall"]),
            "–" if c["quality"] is None else f"{c['quality']:.1f}",
            textout.percent(c["retrievability"]), textout.percent(c["coverage"]),
            f"{textout.bar(c['weakness'])} {c['weakness']:.2f}", c["reason"],
        ])
    window = f"last {document['window_days']} days" if document["window_days"] else "all history"
    head = f"Competencies, weakest first ({window})"
    table = textout.table(
        ["#", "competency", "reviews", "recall", "quality", "memory", "seen", "weakness", "why"],
        rows,
    )
    return f"{head}\n{table}"


def trend(store: Store, competency: str, *, days: int | None = None) -> dict[str, Any]:
    """One competency's weekly recall and quality (``drill stats --competency``)."""
    rows = {s.id: s for s in competency_stats(store, utc_now(), days=days)}
    if competency not in rows:
        raise StoreError(f"unknown competency '{competency}'")
    s = rows[competency]
    today = utc_now().date()
    return {
        "id": s.id,
        "name": s.name,
        "weakness": round(s.weakness, 4),
        "recent_recall": weighted(s.weeks, today, metric="recall"),
        "recent_quality": weighted(s.weeks, today, metric="quality"),
        "weeks": [
            {"week": w.week.isoformat(), "reviews": w.reviews,
             "recall": None if w.recall is None else round(w.recall, 4),
             "quality": None if w.quality is None else round(w.quality, 4)}
            for w in s.weeks
        ],
    }


def trend_text(document: dict[str, Any]) -> str:
    """A week-by-week table with recall and quality bars."""
    rows = [
        [w["week"], w["reviews"], f"{textout.bar(w['recall'])} {textout.percent(w['recall'])}",
         f"{textout.bar(None if w['quality'] is None else (w['quality'] - 1) / 4)} "
         f"{'–' if w['quality'] is None else format(w['quality'], '.1f')}"]
        for w in document["weeks"]
    ]
    head = f"{document['name']}: weakness {document['weakness']:.2f}"
    if not rows:
        return head + "\nno reviews yet"
    return head + "\n" + textout.table(["week", "reviews", "recall", "quality"], rows)
