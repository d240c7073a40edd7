"""The documents behind ``drill stats`` (JSON) and their plain-text rendering."""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
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
        "signals": signal_trends(store),
    }


def stats_text(document: dict[str, Any]) -> str:
    """A readable table with bars, weakest first."""
    by_id = {c["id"]: c for c in document["competencies"]}
    rows = []
    for rank, cid in enumerate(document["weakest"], start=1):
        c = by_id[cid]
        rows.append(
            [
                rank,
                c["name"],
                c["reviews"],
                textout.percent(c["recall"]),
                "–" if c["quality"] is None else f"{c['quality']:.1f}",
                textout.percent(c["retrievability"]),
                textout.percent(c["coverage"]),
                f"{textout.bar(c['weakness'])} {c['weakness']:.2f}",
                c["reason"],
            ]
        )
    window = f"last {document['window_days']} days" if document["window_days"] else "all history"
    head = f"Competencies, weakest first ({window})"
    table = textout.table(
        ["#", "competency", "reviews", "recall", "quality", "memory", "seen", "weakness", "why"],
        rows,
    )
    notes = [n["text"] for n in document.get("signals", {}).get("notes", [])]
    tail = "\n\nIn your typed answers:\n" + "\n".join(f"- {n}" for n in notes) if notes else ""
    return f"{head}\n{table}{tail}"


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
            {
                "week": w.week.isoformat(),
                "reviews": w.reviews,
                "recall": None if w.recall is None else round(w.recall, 4),
                "quality": None if w.quality is None else round(w.quality, 4),
            }
            for w in s.weeks
        ],
    }


def trend_text(document: dict[str, Any]) -> str:
    """A week-by-week table with recall and quality bars."""
    rows = [
        [
            w["week"],
            w["reviews"],
            f"{textout.bar(w['recall'])} {textout.percent(w['recall'])}",
            f"{textout.bar(None if w['quality'] is None else (w['quality'] - 1) / 4)} "
            f"{'–' if w['quality'] is None else format(w['quality'], '.1f')}",
        ]
        for w in document["weeks"]
    ]
    head = f"{document['name']}: weakness {document['weakness']:.2f}"
    if not rows:
        return head + "\nno reviews yet"
    return head + "\n" + textout.table(["week", "reviews", "recall", "quality"], rows)


SIGNAL_WORDS = {
    "stakeholders": "say who outside the team you aligned",
    "tradeoffs": "weigh options or say what you gave up",
    "risk": "name a risk and how you contained it",
    "metrics": "state a measurable outcome",
    "people": "say whom you grew or delegated to",
    "decision": "state a decision and its reason",
    "reflection": "say what you learned or would change",
    "credit": "credit the team or named people",
    "ownership": "own a mistake in the first person",
    "business": "tie the work to a business outcome",
}
RARE_SHARE = 0.4
MIN_ANSWERS = 3


def _read_answers(answers: list[str], store: Store) -> dict[str, tuple[str, ...]]:
    """The signals each answer shows: from the cache where this detector read it before,
    else read now (about 8 ms an answer) and cached when the database lets us write."""
    from drill.core.analysis import analyze, detector_id

    detector = detector_id()
    hashes = {a: hashlib.sha1(a.encode()).hexdigest() for a in answers}
    cached = store.answer_signals(sorted(set(hashes.values())), detector)
    fresh: dict[str, tuple[str, ...]] = {}
    out: dict[str, tuple[str, ...]] = {}
    for answer, answer_hash in hashes.items():
        if answer_hash not in cached:
            signals = analyze(answer).signals
            cached[answer_hash] = fresh[answer_hash] = tuple(s for s, on in signals.items() if on)
        out[answer] = cached[answer_hash]
    # Only a cache: a busy, read-only or full database must not stop the stats.
    with contextlib.suppress(StoreError, sqlite3.Error):
        store.remember_answer_signals(fresh, detector)
    return out


def signal_trends(store: Store) -> dict[str, Any]:
    """Which signals your recent typed answers show, per competency, and what you rarely do.

    A note is raised for a signal the competency's cards often expect (at least three of
    them) that fewer than 40% of your last answers (at least three) show.
    """
    from drill.core.analysis import SIGNALS

    comps = store.competencies()
    expected = store.expected_signals()
    shares: dict[str, dict[str, float]] = {}
    notes: list[dict[str, Any]] = []
    typed = store.typed_answers()
    read = _read_answers([a for answers in typed.values() for a in answers], store)
    for competency, answers in typed.items():
        found = {s: 0 for s in SIGNALS}
        for answer in answers:
            for signal in read[answer]:
                found[signal] += 1
        share = {s: found[s] / len(answers) for s in SIGNALS}
        shares[competency] = {s: round(v, 3) for s, v in share.items()}
        if len(answers) < MIN_ANSWERS:
            continue
        for signal, cards in sorted(expected.get(competency, {}).items(), key=lambda kv: -kv[1]):
            if cards >= 3 and share[signal] < RARE_SHARE:
                name = comps[competency].name if competency in comps else competency
                notes.append(
                    {
                        "competency": competency,
                        "signal": signal,
                        "share": round(share[signal], 3),
                        "answers": len(answers),
                        "text": f"You rarely {SIGNAL_WORDS[signal]} in {name.lower()} answers "
                        f"({share[signal]:.0%} of your last {len(answers)}).",
                    }
                )
    return {"by_competency": shares, "notes": notes}
