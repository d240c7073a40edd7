"""Review history: CSV for FSRS optimizer tools, JSONL that merges back by ``review_id``."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import datetime

from drill.core.errors import DeckError, Problem
from drill.core.model import Card, MemoryState, Rating, Review, State
from drill.core.scheduling import Scheduler
from drill.store import Store, iso

CSV_COLUMNS = (
    "card_id",
    "review_time",
    "review_rating",
    "review_state",
    "review_duration",
    "quality",
    "review_id",
    "reviewed_at",
)


def to_csv(reviews: Iterable[Review]) -> str:
    """CSV with the columns the FSRS optimizer reads, then drill's own."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in reviews:
        writer.writerow(
            [
                r.card_id,
                int(r.reviewed_at.timestamp() * 1000),
                int(r.rating),
                int(r.state_before),
                r.duration_ms,
                "" if r.quality is None else r.quality,
                r.review_id,
                iso(r.reviewed_at),
            ]
        )
    return out.getvalue()


def to_jsonl(reviews: Iterable[Review]) -> str:
    """One JSON review per line."""
    lines = [
        json.dumps(
            {
                "review_id": r.review_id,
                "card_id": r.card_id,
                "reviewed_at": iso(r.reviewed_at),
                "rating": int(r.rating),
                "quality": r.quality,
                "duration_ms": r.duration_ms,
                "state_before": int(r.state_before),
                "answer": r.answer,
                "story_id": r.story_id or None,
            },
            ensure_ascii=False,
        )
        for r in reviews
    ]
    return "".join(line + "\n" for line in lines)


def parse_jsonl(data: bytes, *, path: str, card_ids: set[str] | None = None) -> list[Review]:
    """Reviews from JSONL, or DeckError naming every bad line (and reviews of unknown cards)."""
    problems: list[Problem] = []
    reviews: list[Review] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DeckError(
            path, [Problem(data.count(b"\n", 0, exc.start) + 1, "not UTF-8 text")]
        ) from None
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            if not isinstance(raw, dict):
                raise ValueError("each line must be a JSON object")
            reviewed_at = datetime.fromisoformat(str(raw["reviewed_at"]))
            if reviewed_at.tzinfo is None:
                raise ValueError("reviewed_at needs a UTC offset")
            quality = raw.get("quality")
            if card_ids is not None and str(raw["card_id"]) not in card_ids:
                raise ValueError(f"review of unknown card '{raw['card_id']}'")
            if quality is not None and (
                isinstance(quality, bool) or quality not in (1, 2, 3, 4, 5)
            ):
                raise ValueError("quality must be 1-5 or null")
            reviews.append(
                Review(
                    review_id=str(raw["review_id"]),
                    card_id=str(raw["card_id"]),
                    reviewed_at=reviewed_at,
                    rating=Rating(int(raw["rating"])),
                    quality=quality,
                    duration_ms=int(raw.get("duration_ms") or 0),
                    state_before=State(int(raw.get("state_before") or 0)),
                    answer=str(raw.get("answer") or ""),
                    story_id=str(raw.get("story_id") or ""),
                )
            )
        except KeyError as exc:
            problems.append(Problem(number, f"missing field {exc}"))
        except (ValueError, TypeError) as exc:
            problems.append(Problem(number, str(exc)))
    if problems:
        raise DeckError(path, problems)
    return reviews


def replay(card: Card, reviews: Sequence[Review], scheduler: Scheduler) -> MemoryState | None:
    """A card's memory state rebuilt from its reviews in time order."""
    state: MemoryState | None = None
    for r in sorted(reviews, key=lambda r: r.reviewed_at):
        state = scheduler.review(
            state, card_id=card.id, card_type=card.type, rating=r.rating, now=r.reviewed_at
        )
    return state


def merge(store: Store, reviews: Sequence[Review], *, dry_run: bool = False) -> tuple[int, int]:
    """Merge reviews by ``review_id`` (idempotent) and rebuild touched cards; (added, present)."""
    from drill.session import plan_overrides, utc_now

    overrides = plan_overrides(store, utc_now())
    scheduler = Scheduler(store.settings().scheduler_settings(fuzz=False, **overrides))
    store.import_decks(
        [],
        dry_run=dry_run,
        reviews=reviews,
        replay=lambda card, history: replay(card, history, scheduler),
    )
    return store.merged
