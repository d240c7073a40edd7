"""Synthetic data for the benchmarks: review databases, decks and hostile files.

A review database is created by drill itself (``Store.open`` runs the migrations and
``builtin.sync`` loads the built-in decks, as on a user's first start), then filled in bulk
with ``executemany`` on a connection of its own: cards written exactly as the store writes
them (same JSON body and content hash), every review the card's history implies, the
card's final ``card_state``, and the ``review_days`` summary with every review folded in.
Review ids are time-ordered, as drill makes them. Review histories come from drill's
:class:`~drill.core.scheduling.Scheduler`: each card replays a plausible rating sequence
(recall falls with the card's recall probability at the time of the review; reviews happen
on or somewhat after the due date).

Replaying a million reviews one by one costs ~15 µs each, so sequences are replayed once
per *pattern* and shared by many cards, shifted in time. With fuzz off FSRS only looks at
differences between times, so a shifted replay is exactly what the scheduler would give
that card; the shift puts each card's last review a random part of its last interval
before ``now``, so a realistic share of cards is due.

Everything is cached under :func:`cache_dir`, keyed by sizes, seed, schema version, the
built-in decks and the UTC day (due counts drift as time passes). Cached files are
templates: benchmarks that write work on a copy (:func:`working_copy`).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import random
import shutil
import sqlite3
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from drill.core.decks import card_fields
from drill.core.model import Card, CardType, MemoryState, Rating, State
from drill.core.scheduling import Scheduler, SchedulerSettings
from drill.core.taxonomy import BUILTIN_COMPETENCIES
from drill.store import SUMMARY_THROUGH, review_id

GENERATOR_VERSION = 5
"""Bump when the generated data changes shape, so stale caches are not reused."""
CACHE_ENV = "DRILL_BENCH_CACHE"
DECKS = 10
"""Generated cards are spread over this many decks."""
NEW_SHARE = 0.1
"""Share of generated cards never reviewed (they are the session's new cards)."""
SUSPENDED_SHARE = 0.01
"""Share of generated cards the user suspended."""
TYPE_WEIGHTS: tuple[tuple[CardType, int], ...] = (
    (CardType.QUESTION, 35),
    (CardType.REFRAME, 15),
    (CardType.RECOGNIZE, 15),
    (CardType.BASIC, 35),
)
MAX_INTERVAL_DAYS = 90
"""Generated histories come from a user who caps intervals (as an interview plan does), so a
card's ten-odd reviews span months to a few years rather than decades."""
PATTERNS = 1500
"""Distinct replayed rating sequences per answer kind (long, short), shared by shifted cards."""
QUALITY_SHARE = 0.7
"""Share of long-answer reviews that carry a self-rated quality."""
COMPETENCY_IDS: tuple[str, ...] = tuple(c.id for c in BUILTIN_COMPETENCIES)
_WORDS: tuple[str, ...] = (
    "team",
    "roadmap",
    "migration",
    "incident",
    "stakeholder",
    "hiring",
    "feedback",
    "trade-off",
    "deadline",
    "budget",
    "platform",
    "latency",
    "outage",
    "priority",
    "alignment",
    "mentoring",
    "delegation",
    "escalation",
    "customer",
    "quarter",
    "scope",
    "risk",
    "rollout",
    "metric",
    "review",
    "decision",
    "conflict",
    "ownership",
    "growth",
    "strategy",
    "architecture",
    "reliability",
    "on-call",
    "velocity",
    "proposal",
    "launch",
    "partner",
    "contract",
)
_EPOCH = datetime(2000, 1, 1, tzinfo=UTC)
_EPOCH_UNIX_MS = (_EPOCH - datetime(1970, 1, 1, tzinfo=UTC)) // timedelta(milliseconds=1)


def cache_dir() -> Path:
    """Where generated data is kept between runs (``DRILL_BENCH_CACHE`` overrides it)."""
    override = os.environ.get(CACHE_ENV)
    root = Path(override) if override else Path(tempfile.gettempdir()) / "drill-bench-cache"
    root.mkdir(parents=True, exist_ok=True)
    return root


def _builtin_digest() -> str:
    from drill.paths import builtin_deck_files

    digest = hashlib.sha256()
    for path in builtin_deck_files():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _cached(name: str, build: Callable[[Path], None], *, daily: bool = False) -> tuple[Path, bool]:
    """The cached file ``name`` (built on a miss); True when it was built just now.

    Older files of the same kind (another key) are removed so the cache does not grow.
    """
    from drill import migrations

    day = datetime.now(UTC).strftime("%Y%m%d") if daily else "any"
    key = f"v{GENERATOR_VERSION}-s{migrations.LATEST}-{_builtin_digest()}-{day}"
    stem, suffix = name.rsplit(".", 1)
    path = cache_dir() / f"{stem}-{key}.{suffix}"
    if path.exists():
        return path, False
    for stale in cache_dir().glob(f"{stem}-v*.{suffix}"):
        stale.unlink(missing_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
    try:
        build(partial)
        os.replace(partial, path)
    finally:
        for leftover in partial.parent.glob(partial.name + "*"):
            leftover.unlink(missing_ok=True)
    return path, True


def working_copy(template: Path, directory: Path) -> Path:
    """A private copy of a cached database that a benchmark may write to."""
    target = directory / template.name
    shutil.copyfile(template, target)
    # Otherwise the copy's pages are written back during the benchmark and every fsync
    # it makes waits for them.
    descriptor = os.open(target, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    return target


# cards -------------------------------------------------------------------------------


_SENTENCES: dict[int, list[str]] = {}


def _sentence(rng: random.Random, words: int) -> str:
    """A phrase of ``words`` words, from a pool (building every phrase afresh is the slow part)."""
    pool = _SENTENCES.get(words)
    if pool is None:
        maker = random.Random(words)
        pool = _SENTENCES[words] = [" ".join(maker.choices(_WORDS, k=words)) for _ in range(512)]
    return pool[int(rng.random() * 512)]


def _make_card(index: int, deck_id: str, rng: random.Random) -> Card:
    """A plausible card of a weighted-random type (``index`` makes it unique)."""
    card_type = rng.choices([t for t, _ in TYPE_WEIGHTS], [w for _, w in TYPE_WEIGHTS])[0]
    competency = rng.choice(COMPETENCY_IDS)
    key = f"c{index:06d}"
    prompt = f"Tell me about a time you handled the {_sentence(rng, 6)} (case {index})?"
    answer = f"{_sentence(rng, 25).capitalize()}.\n{_sentence(rng, 20).capitalize()}."
    extra: dict[str, object] = {}
    if card_type is CardType.QUESTION:
        extra = {
            "evaluates": f"Whether you {_sentence(rng, 8)}.",
            "signals": tuple(_sentence(rng, 5).capitalize() for _ in range(3)),
            "pitfalls": tuple(_sentence(rng, 5).capitalize() for _ in range(2)),
            "expects": ("decision", "people"),
        }
    elif card_type is CardType.REFRAME:
        extra = {
            "ic_answer": f"I {_sentence(rng, 20)}.",
            "rubric": tuple(_sentence(rng, 5).capitalize() for _ in range(4)),
        }
    elif card_type is CardType.RECOGNIZE:
        others = rng.sample([c for c in COMPETENCY_IDS if c != competency], 3)
        options = [competency, *others]
        rng.shuffle(options)
        extra = {"options": tuple(options)}
    return Card(
        id=f"{deck_id}/{key}",
        deck_id=deck_id,
        key=key,
        type=card_type,
        competency=competency,
        prompt=prompt,
        answer=answer,
        **extra,  # type: ignore[arg-type]
    )


def make_cards(count: int, seed: int) -> list[Card]:
    """``count`` cards over :data:`DECKS` decks named ``bench-01`` …"""
    rng = random.Random(seed)
    decks = min(DECKS, count) or 1
    return [_make_card(i, f"bench-{i % decks + 1:02d}", rng) for i in range(count)]


# review histories --------------------------------------------------------------------


@dataclass(frozen=True)
class _Step:
    """One review of a pattern, times from the pattern's first review."""

    at: timedelta
    at_ms: int
    rating: int
    quality: int | None
    duration_ms: int
    state_before: int
    state: int
    step: int | None
    stability: float
    difficulty: float
    due: timedelta
    due_ms: int
    reps: int
    lapses: int


def _pick_rating(rng: random.Random, recall: float, first: bool) -> Rating:
    if first:
        return rng.choices(list(Rating), [20, 20, 50, 10])[0]
    # Long free answers are forgotten more often than FSRS's target predicts.
    if rng.random() > recall - 0.08:
        return Rating.AGAIN
    return rng.choices([Rating.HARD, Rating.GOOD, Rating.EASY], [20, 70, 10])[0]


def _replay(
    scheduler: Scheduler, card_type: CardType, length: int, rng: random.Random
) -> list[_Step]:
    """A rating sequence of ``length`` reviews replayed through drill's scheduler."""
    steps: list[_Step] = []
    state: MemoryState | None = None
    now = _EPOCH
    long_answer = card_type.long_answer
    for index in range(length):
        recall = scheduler.retrievability(state, now) if state is not None else 0.0
        rating = _pick_rating(rng, recall, first=state is None)
        after = scheduler.review(
            state, card_id="bench/pattern", card_type=card_type, rating=rating, now=now
        )
        quality = None
        if long_answer and rng.random() < QUALITY_SHARE:
            quality = max(1, min(5, int(rating) + rng.choice((-1, 0, 0, 1))))
        duration = rng.randint(30_000, 180_000) if long_answer else rng.randint(3_000, 20_000)
        steps.append(
            _Step(
                at=now - _EPOCH,
                at_ms=_ms(now),
                rating=int(rating),
                quality=quality,
                duration_ms=duration,
                state_before=int(state.state) if state is not None else int(State.NEW),
                state=int(after.state),
                step=after.step,
                stability=after.stability or 0.0,
                difficulty=after.difficulty or 0.0,
                due=after.due_at - _EPOCH,
                due_ms=_ms(after.due_at),
                reps=after.reps,
                lapses=after.lapses,
            )
        )
        state = after
        if index + 1 < length:
            interval = after.due_at - now
            # On time or somewhat late; a short step is answered within minutes.
            late = (
                interval * rng.uniform(0.0, 0.35)
                if interval > timedelta(days=1)
                else timedelta(minutes=rng.uniform(0, 30))
            )
            now = after.due_at + late
    return steps


def _ms(moment: datetime) -> int:
    return (moment - _EPOCH) // timedelta(milliseconds=1)


def _lengths(rng: random.Random, cards: int, reviews: int) -> list[int]:
    """Reviews per card: varied around the mean, summing to exactly ``reviews``."""
    if cards == 0:
        return []
    mean = reviews / cards
    longest = max(2, round(mean * 2.5))
    lengths = [min(longest, max(1, round(rng.gammavariate(2.0, mean / 2.0)))) for _ in range(cards)]
    diff = reviews - sum(lengths)
    while diff:
        i = rng.randrange(cards)
        if diff > 0 and lengths[i] < longest:
            lengths[i] += 1
            diff -= 1
        elif diff < 0 and lengths[i] > 1:
            lengths[i] -= 1
            diff += 1
    return lengths


# review database -----------------------------------------------------------------------


@dataclass(frozen=True)
class ReviewDb:
    """A generated review database and what is in it."""

    path: Path
    cards: int
    reviews: int
    built_s: float
    """Seconds it took to build (0 when it came from the cache)."""


def review_db(*, cards: int, reviews: int, seed: int = 1) -> ReviewDb:
    """A cached database with ``cards`` generated cards and ``reviews`` reviews of them."""
    started = time.perf_counter()
    path, built = _cached(
        f"reviews-{cards}c-{reviews}r-{seed}.db",
        lambda target: build_review_db(target, cards=cards, reviews=reviews, seed=seed),
        daily=True,
    )
    return ReviewDb(path, cards, reviews, time.perf_counter() - started if built else 0.0)


def build_review_db(
    path: Path, *, cards: int, reviews: int, seed: int = 1, now: datetime | None = None
) -> None:
    """Create a drill database at ``path`` and fill it (see the module docstring)."""
    from drill import builtin
    from drill.store import Store

    now = now or datetime.now(UTC)
    with Store.open(path) as store:
        builtin.sync(store)
    generated = make_cards(cards, seed)
    rng = random.Random(seed + 1)
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        # Bulk loading only: the benchmarks themselves use drill's own durable pragmas.
        conn.execute("PRAGMA synchronous = OFF")
        conn.execute("PRAGMA cache_size = -262144")
        conn.execute("BEGIN IMMEDIATE")
        # The indexes stay while loading: reviews arrive in time order, so each index fills
        # as use fills it (pages about two-thirds full). Indexes built after the load are
        # packed full, and every later random insert would split a page, which no
        # database grown by use does (it cost ~10% on each rating's commit).
        _insert_decks(conn, generated, now)
        _insert_cards(conn, generated, rng)
        _insert_history(conn, generated, reviews, rng, now)
        conn.execute("COMMIT")
    finally:
        conn.close()
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()


def _insert_decks(conn: sqlite3.Connection, cards: list[Card], now: datetime) -> None:
    deck_ids = sorted({c.deck_id for c in cards})
    conn.executemany(
        "INSERT INTO decks(id, title, description, builtin, content_hash, imported_at) "
        "VALUES (?, ?, '', 0, NULL, ?)",
        [(d, f"Benchmark deck {d}", now.isoformat(timespec="milliseconds")) for d in deck_ids],
    )


def _insert_cards(conn: sqlite3.Connection, cards: list[Card], rng: random.Random) -> None:
    def rows() -> Iterator[tuple[object, ...]]:
        for position, card in enumerate(cards):
            body = json.dumps(card_fields(card), ensure_ascii=False, sort_keys=True)
            yield (
                card.id,
                card.deck_id,
                card.key,
                card.type.value,
                card.competency,
                card.prompt,
                int(rng.random() < SUSPENDED_SHARE),
                position,
                body,
                hashlib.sha1(body.encode()).hexdigest(),
            )

    conn.executemany(
        "INSERT INTO cards(id, deck_id, key, type, competency, prompt, suspended, position, "
        "body, content_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows(),
    )


def _insert_history(
    conn: sqlite3.Connection, cards: list[Card], reviews: int, rng: random.Random, now: datetime
) -> None:
    reviewed = [c for c in cards if rng.random() >= NEW_SHARE]
    lengths = _lengths(rng, len(reviewed), reviews)
    pattern_count = max(1, min(len(reviewed), PATTERNS))
    scheduler = Scheduler(SchedulerSettings(fuzz=False, maximum_interval_days=MAX_INTERVAL_DAYS))
    # Pattern i serves cards of one answer kind; it is replayed to the longest length asked of it.
    wanted: dict[tuple[bool, int], int] = {}
    assignment: list[tuple[bool, int]] = []
    for card, length in zip(reviewed, lengths, strict=True):
        key = (card.type.long_answer, rng.randrange(pattern_count))
        wanted[key] = max(wanted.get(key, 0), length)
        assignment.append(key)
    patterns = {
        key: _replay(
            scheduler,
            CardType.QUESTION if key[0] else CardType.BASIC,
            length,
            random.Random(f"{key}"),
        )
        for key, length in wanted.items()
    }
    summary: dict[tuple[str, str], list[int]] = {}
    review_rows: list[tuple[object, ...]] = []
    state_rows: list[tuple[object, ...]] = []
    now_ms = _ms(now)
    for card, length, key in zip(reviewed, lengths, assignment, strict=True):
        steps = patterns[key][:length]
        last = steps[-1]
        interval = max(last.due_ms - last.at_ms, 60_000)
        # The last review lies a random part of its interval (a little beyond: overdue) back.
        start_ms = now_ms - int(interval * rng.uniform(0.0, 1.15)) - last.at_ms - 1
        start = _EPOCH + timedelta(milliseconds=start_ms)
        for step in steps:
            reviewed_at = (start + step.at).isoformat(timespec="milliseconds")
            review_rows.append(
                (
                    review_id(_EPOCH_UNIX_MS + start_ms + step.at_ms, rng.getrandbits(80)),
                    card.id,
                    reviewed_at,
                    step.rating,
                    step.quality,
                    step.duration_ms,
                    step.state_before,
                )
            )
            day = (card.competency, reviewed_at[:10])
            counts = summary.get(day)
            if counts is None:
                counts = summary[day] = [0, 0, 0, 0]
            counts[0] += 1
            counts[1] += step.rating > Rating.AGAIN
            if step.quality is not None:
                counts[2] += step.quality
                counts[3] += 1
        state_rows.append(
            (
                card.id,
                last.state,
                last.step,
                last.stability,
                last.difficulty,
                (start + last.due).isoformat(timespec="milliseconds"),
                (start + last.at).isoformat(timespec="milliseconds"),
                last.reps,
                last.lapses,
            )
        )
    # Row ids in time order, as a database filled by real use has them.
    review_rows.sort(key=lambda row: row[2])  # type: ignore[arg-type,return-value]
    conn.executemany(
        "INSERT INTO reviews(review_id, card_id, reviewed_at, rating, quality, duration_ms, "
        "state_before, answer) VALUES (?, ?, ?, ?, ?, ?, ?, '')",
        review_rows,
    )
    conn.executemany(
        "INSERT INTO card_state(card_id, state, step, stability, difficulty, due, last_review, "
        "reps, lapses) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        state_rows,
    )
    # review_days as Store.fold_summary leaves it, one row per competency and UTC day,
    # with every review folded in.
    conn.executemany(
        "INSERT INTO review_days(competency, day, reviews, recalled, quality_sum, quality_n) "
        "VALUES (?, ?, ?, ?, ?, ?)",
        [(comp, day, *counts) for (comp, day), counts in summary.items()],
    )
    conn.execute(
        "UPDATE meta SET value = (SELECT COALESCE(max(id), 0) FROM reviews) WHERE key = ?",
        (SUMMARY_THROUGH,),
    )


# deck files --------------------------------------------------------------------------


def yaml_deck(cards: int, seed: int = 7) -> Path:
    """A cached YAML deck file of ``cards`` cards of every type."""

    def build(path: Path) -> None:
        path.write_text(yaml_text(cards, seed), encoding="utf-8")

    path, _ = _cached(f"deck-{cards}c-{seed}.yaml", build)
    return path


def yaml_text(cards: int, seed: int = 7, *, deck_id: str = "bench-yaml") -> str:
    """Deck YAML written directly (PyYAML's pure-Python dumper is too slow for big decks)."""
    out = io.StringIO()
    out.write(f"deck: {deck_id}\ntitle: Benchmark deck\ndescription: Generated for benchmarks.\n")
    out.write("cards:\n")
    for card in make_cards(cards, seed):
        out.write(f"  - id: {card.key}\n    type: {card.type.value}\n")
        out.write(f"    competency: {card.competency}\n    prompt: {card.prompt}\n")
        for name in ("evaluates", "ic_answer"):
            value = getattr(card, name)
            if value:
                out.write(f"    {name}: {value}\n")
        for name in ("signals", "pitfalls", "expects", "rubric", "options"):
            items = getattr(card, name)
            if items:
                out.write(f"    {name}: [{', '.join(items)}]\n")
        out.write("    answer: |\n")
        for line in card.answer.splitlines():
            out.write(f"      {line}\n")
    return out.getvalue()


def csv_deck(rows: int, seed: int = 11) -> Path:
    """A cached CSV deck of ``rows`` cards (basic and question rows, list cells with ``|``)."""

    def build(path: Path) -> None:
        out = io.StringIO(newline="")
        writer = csv.writer(out)
        writer.writerow(["id", "type", "competency", "prompt", "answer", "signals", "tags"])
        for card in make_cards(rows, seed):
            kind = "question" if card.type.long_answer else "basic"
            writer.writerow(
                [
                    card.key,
                    kind,
                    card.competency,
                    card.prompt,
                    card.answer,
                    "|".join(card.signals),
                    "bench|generated",
                ]
            )
        path.write_text(out.getvalue(), encoding="utf-8")

    path, _ = _cached(f"deck-{rows}r-{seed}.csv", build)
    return path


def alias_bomb() -> Path:
    """The "billion laughs" document: nine levels of ten aliases each (10⁹ leaves)."""

    def build(path: Path) -> None:
        lines = ['deck: bomb\ntitle: Bomb\nlol0: &l0 "lol"']
        for level in range(1, 10):
            refs = ", ".join([f"*l{level - 1}"] * 10)
            lines.append(f"lol{level}: &l{level} [{refs}]")
        lines.append("cards: *l9")
        path.write_text("\n".join(lines) + "\n")

    path, _ = _cached("alias-bomb.yaml", build)
    return path


def deep_nesting(depth: int, *, style: str = "flow") -> Path:
    """A deck whose ``cards`` nest ``depth`` levels (flow ``[[[…]]]`` or block ``- - - …``)."""

    def build(path: Path) -> None:
        if style == "flow":
            body = "[" * depth + "]" * depth
            path.write_text(f"deck: deep\ntitle: Deep\ncards: {body}\n")
        else:
            path.write_text("deck: deep\ntitle: Deep\ncards:\n" + "- " * depth + "x\n")

    path, _ = _cached(f"deep-{style}-{depth}.yaml", build)
    return path
