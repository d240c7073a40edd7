"""Ordered schema steps, recorded in ``PRAGMA user_version``.

Each step runs in its own IMMEDIATE transaction together with the version bump, so a
database is always at a whole step. Applying them again is harmless: steps already
recorded are skipped. Never edit a released step; add a new one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from drill.core.taxonomy import BUILTIN_COMPETENCIES

if TYPE_CHECKING:
    import sqlite_utils

    from drill.store import Store


def _v1_schema(db: sqlite_utils.Database) -> None:
    db.table("meta").create({"key": str, "value": str}, pk="key", not_null={"value"})
    db.table("competencies").create(
        {
            "id": str,
            "name": str,
            "dimension": str,
            "description": str,
            "source": str,
            "position": int,
        },
        pk="id",
        not_null={"name", "dimension"},
        defaults={"description": "", "source": "builtin", "position": 0},
    )
    db.table("decks").create(
        {
            "id": str,
            "title": str,
            "description": str,
            "builtin": int,
            "content_hash": str,
            "imported_at": str,
        },
        pk="id",
        not_null={"title"},
        defaults={"description": "", "builtin": 0},
    )
    db.table("cards").create(
        {
            "id": str,
            "deck_id": str,
            "key": str,
            "type": str,
            "competency": str,
            "prompt": str,
            "suspended": int,
            "retired": int,
            "buried_until": str,
            "position": int,
            "body": str,
            "content_hash": str,
            "story_id": str,
        },
        pk="id",
        not_null={
            "deck_id",
            "key",
            "type",
            "competency",
            "prompt",
            "suspended",
            "retired",
            "position",
            "body",
            "content_hash",
        },
        defaults={"suspended": 0, "retired": 0, "position": 0},
        foreign_keys=[("deck_id", "decks", "id")],
    )
    db.table("cards").create_index(["deck_id", "position"])
    db.table("cards").create_index(["competency", "deck_id", "position"])
    db.table("card_state").create(
        {
            "card_id": str,
            "state": int,
            "step": int,
            "stability": float,
            "difficulty": float,
            "due": str,
            "last_review": str,
            "reps": int,
            "lapses": int,
        },
        pk="card_id",
        not_null={"state", "due", "reps", "lapses"},
        defaults={"reps": 0, "lapses": 0},
        foreign_keys=[("card_id", "cards", "id")],
    )
    db.table("card_state").create_index(["due"])
    db.table("reviews").create(
        {
            "id": int,
            "review_id": str,
            "card_id": str,
            "reviewed_at": str,
            "rating": int,
            "quality": int,
            "duration_ms": int,
            "state_before": int,
            "answer": str,
            "story_id": str,
            "prev_state": str,
        },
        pk="id",
        not_null={
            "review_id",
            "card_id",
            "reviewed_at",
            "rating",
            "duration_ms",
            "state_before",
            "answer",
        },
        defaults={"duration_ms": 0, "state_before": 0, "answer": ""},
        foreign_keys=[("card_id", "cards", "id")],
    )
    db.table("reviews").create_index(["review_id"], unique=True)
    db.table("reviews").create_index(["card_id", "reviewed_at"])
    db.table("reviews").create_index(["reviewed_at"])
    db.table("practice").create(
        {
            "id": int,
            "card_id": str,
            "practiced_at": str,
            "quality": int,
            "duration_ms": int,
            "answer": str,
            "story_id": str,
            "source": str,
        },
        pk="id",
        not_null={"card_id", "practiced_at", "duration_ms", "answer", "source"},
        defaults={"duration_ms": 0, "answer": "", "source": "practice"},
        foreign_keys=[("card_id", "cards", "id")],
    )
    db.table("practice").create_index(["card_id", "practiced_at"])
    db.table("review_days").create(
        {
            "competency": str,
            "day": str,
            "reviews": int,
            "recalled": int,
            "quality_sum": int,
            "quality_n": int,
            "practice_quality_sum": int,
            "practice_quality_n": int,
        },
        pk=("competency", "day"),
        not_null={
            "reviews",
            "recalled",
            "quality_sum",
            "quality_n",
            "practice_quality_sum",
            "practice_quality_n",
        },
        defaults={
            "reviews": 0,
            "recalled": 0,
            "quality_sum": 0,
            "quality_n": 0,
            "practice_quality_sum": 0,
            "practice_quality_n": 0,
        },
    )
    db.table("stories").create(
        {
            "id": str,
            "title": str,
            "situation": str,
            "task": str,
            "action": str,
            "result": str,
            "learned": str,
            "decisions": str,
            "stakeholders": str,
            "metrics": str,
            "mistakes": str,
            "created_at": str,
            "updated_at": str,
        },
        pk="id",
        not_null={"title"},
        defaults={
            k: ""
            for k in (
                "situation",
                "task",
                "action",
                "result",
                "learned",
                "decisions",
                "stakeholders",
                "metrics",
                "mistakes",
            )
        },
    )
    db.table("story_competencies").create(
        {"story_id": str, "competency": str, "position": int},
        pk=("story_id", "competency"),
        foreign_keys=[("story_id", "stories", "id")],
    )
    db.table("competencies").insert_all(
        [
            {
                "id": c.id,
                "name": c.name,
                "dimension": c.dimension,
                "description": c.description,
                "source": "builtin",
                "position": i,
            }
            for i, c in enumerate(BUILTIN_COMPETENCIES)
        ]
    )


def _v2_state_competency(db: sqlite_utils.Database) -> None:
    """Keep each card's competency on its state row, so stats need no join over every card."""
    db.table("card_state").add_column("competency", str)
    db.execute(
        "UPDATE card_state SET competency = "
        "(SELECT competency FROM cards WHERE cards.id = card_state.card_id)"
    )
    db.execute("CREATE INDEX idx_cards_retired ON cards(id) WHERE retired = 1")
    # The store sets the column itself; the triggers keep any other writer (an older
    # drill, a script, a deck edit that moves a card) consistent.
    db.execute(
        "CREATE TRIGGER card_state_competency AFTER INSERT ON card_state "
        "WHEN NEW.competency IS NULL BEGIN UPDATE card_state SET competency = "
        "(SELECT competency FROM cards WHERE id = NEW.card_id) WHERE card_id = NEW.card_id; END"
    )
    db.execute(
        "CREATE TRIGGER card_competency_moves AFTER UPDATE OF competency ON cards "
        "BEGIN UPDATE card_state SET competency = NEW.competency WHERE card_id = NEW.id; END"
    )


def _v3_competency_counts(db: sqlite_utils.Database) -> None:
    """Count a competency's active cards from an index alone (stats, Home)."""
    db.table("cards").create_index(["competency", "retired"], if_not_exists=True)


def _v4_answer_signals(db: sqlite_utils.Database) -> None:
    """A cache of which signals each typed answer shows, so stats need not re-read them all.

    Keyed by the answer's hash and the detector that read it: a new detector (rules or
    model) reads the answers again.
    """
    db.execute(
        "CREATE TABLE IF NOT EXISTS answer_signals (answer_hash TEXT NOT NULL, "
        "detector TEXT NOT NULL, signals TEXT NOT NULL, PRIMARY KEY (answer_hash, detector))"
    )


def _v5_summary_tail(db: sqlite_utils.Database) -> None:
    """A rating's commit stops updating ``review_days``; two views count what it has not yet.

    ``review_days`` holds the reviews up to the watermark in meta ``review_days.through``
    (the highest ``reviews.id`` it counts); ``review_days_tail`` groups the reviews after it,
    and ``review_day_totals`` is both, for readers to sum. Until now every review was
    counted as it was written, so the watermark starts at the last one.
    """
    db.execute(
        "INSERT INTO meta(key, value) SELECT 'review_days.through', COALESCE(max(id), 0) "
        "FROM reviews WHERE true ON CONFLICT(key) DO UPDATE SET value = excluded.value"
    )
    db.execute(
        "CREATE VIEW review_days_tail AS SELECT c.competency AS competency, "
        "substr(r.reviewed_at, 1, 10) AS day, count(*) AS reviews, "
        "sum(r.rating > 1) AS recalled, COALESCE(sum(r.quality), 0) AS quality_sum, "
        "count(r.quality) AS quality_n FROM reviews r JOIN cards c ON c.id = r.card_id "
        "WHERE r.id > COALESCE((SELECT CAST(value AS INTEGER) FROM meta "
        "WHERE key = 'review_days.through'), 0) GROUP BY 1, 2"
    )
    db.execute(
        "CREATE VIEW review_day_totals AS SELECT competency, day, reviews, recalled, "
        "quality_sum, quality_n, practice_quality_sum, practice_quality_n FROM review_days "
        "UNION ALL SELECT competency, day, reviews, recalled, quality_sum, quality_n, 0, 0 "
        "FROM review_days_tail"
    )


STEPS: tuple[Callable[[sqlite_utils.Database], None], ...] = (
    _v1_schema,
    _v2_state_competency,
    _v3_competency_counts,
    _v4_answer_signals,
    _v5_summary_tail,
)
LATEST = len(STEPS)


def apply(store: Store) -> int:
    """Bring the database up to :data:`LATEST`; return how many steps ran."""
    db = store.utils()
    ran = 0
    for number, step in enumerate(STEPS, start=1):
        with store.write() as conn:
            if int(conn.execute("PRAGMA user_version").fetchone()[0]) >= number:
                continue
            step(db)
            conn.execute(f"PRAGMA user_version = {number}")
        ran += 1
    return ran
