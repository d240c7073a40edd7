"""The benchmarks of issue 10, each run interleaved with its baseline.

Every case takes a :class:`Context` and returns :class:`~benchmarks.measure.Row` values.
Sizes come from :data:`FULL` or :data:`QUICK`; data comes from :mod:`benchmarks.generate`.
"""

from __future__ import annotations

import csv
import io
import random
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import generate
from benchmarks.measure import (
    MIB,
    ChildRun,
    Row,
    Spread,
    Target,
    interleave,
    pooled,
    python_child,
    run_child,
)

REPO = Path(__file__).resolve().parent.parent
"""The checkout the probes import ``benchmarks`` from."""
WARMUP_ANSWERS = 5
"""Unrecorded answers per path before timing (first-call costs: statement cache, imports)."""


@dataclass(frozen=True)
class Sizes:
    """How big and how often: one value for the full suite, one for ``--quick``."""

    name: str
    first_card_cards: int
    first_card_reviews: int
    answer_cards: int
    answer_reviews: int
    answers: int
    """Answers timed per path (session, store, raw-SQL floor)."""
    rounds: int
    """Blocks the answers are split into, alternating the paths."""
    key_cards: int
    key_rounds: int
    stats_cards: int
    stats_reviews: int
    next_due_calls: int
    yaml_cards: int
    csv_rows: int
    runs: int
    """Runs of each in-process benchmark (and of its baseline)."""
    process_runs: int
    """Fresh child processes per process benchmark (and per baseline)."""
    nesting_depth: int
    anki_answers: int
    """Answers timed per side in the Anki comparison (new cards: drill allows 500 a day)."""
    breakdown: bool = True
    """Also time the parts (parse alone) behind the import figures."""


FULL = Sizes(
    name="full",
    first_card_cards=10_000,
    first_card_reviews=100_000,
    answer_cards=100_000,
    answer_reviews=1_000_000,
    answers=2000,
    rounds=10,
    key_cards=60,
    key_rounds=3,
    stats_cards=50_000,
    stats_reviews=1_000_000,
    next_due_calls=5000,
    yaml_cards=10_000,
    csv_rows=10_000,
    runs=7,
    process_runs=7,
    nesting_depth=100_000,
    anki_answers=400,
)
QUICK = Sizes(
    name="quick",
    first_card_cards=10_000,
    first_card_reviews=100_000,
    answer_cards=10_000,
    answer_reviews=100_000,
    answers=300,
    rounds=6,
    key_cards=15,
    key_rounds=2,
    stats_cards=10_000,
    stats_reviews=100_000,
    next_due_calls=1000,
    yaml_cards=2_000,
    csv_rows=10_000,
    runs=3,
    process_runs=3,
    nesting_depth=100_000,
    anki_answers=200,
    breakdown=False,
)
"""One 10k-card database serves every case; the YAML deck is 2k cards (its target is a ratio)."""


@dataclass
class Context:
    """What a case needs: sizes, a private work directory, and a progress log."""

    sizes: Sizes
    work: Path
    data: list[str] = field(default_factory=list)
    """Lines describing the generated data (printed above the table)."""

    def log(self, message: str) -> None:
        """Progress on stderr (stdout carries only the report)."""
        print(f"  … {message}", file=sys.stderr, flush=True)

    def review_db(self, cards: int, reviews: int) -> Path:
        """A generated review database (cached), noting how long it took when built now."""
        db = generate.review_db(cards=cards, reviews=reviews)
        if not any(db.path.name in line for line in self.data):
            origin = f"built in {db.built_s:.1f} s" if db.built_s else "from cache"
            self.data.append(f"{cards:,} cards / {reviews:,} reviews: {db.path.name} ({origin})")
        return db.path

    def scratch(self, name: str) -> Path:
        """A fresh directory inside the work directory."""
        path = self.work / name
        shutil.rmtree(path, ignore_errors=True)
        path.mkdir(parents=True)
        return path


def _ms(seconds: Sequence[float]) -> list[float]:
    return [s * 1000 for s in seconds]


def _probe(*args: str, env: dict[str, str] | None = None) -> ChildRun:
    return run_child(python_child("-m", "benchmarks.probes", *args), env=env, cwd=REPO)


# 1. time to first card ---------------------------------------------------------------


def first_card(ctx: Context) -> list[Row]:
    """A cold ``drill review`` to its first drawn card, against a one-line Textual app."""
    s = ctx.sizes
    template = ctx.review_db(s.first_card_cards, s.first_card_reviews)
    db = generate.working_copy(template, ctx.scratch("first-card"))
    ctx.log(f"time to first card: {s.process_runs} x (drill review, one-line app)")
    rss: dict[str, list[float]] = {"ours": [], "base": []}
    heavy: set[str] = set()

    def ours() -> float:
        child = _probe("first-card", str(db))
        report = child.report()
        rss["ours"].append(report["peak_rss"] / MIB)
        heavy.update(report["heavy"])
        return float(report["t"]) - child.started_at

    def baseline() -> float:
        child = _probe("first-line")
        report = child.report()
        rss["base"].append(report["peak_rss"] / MIB)
        return float(report["t"]) - child.started_at

    mine, theirs = interleave(ours, baseline, runs=s.process_runs)
    rss_ours, rss_base = rss["ours"][1:], rss["base"][1:]  # the warm-up runs are dropped
    imported = _probe("imports").report()["heavy"]
    cards = f"{s.first_card_cards // 1000}k cards"
    return [
        Row(
            "first_card.time",
            f"Time to first card, cold process ({cards}, headless)",
            "ms",
            Spread.of(_ms(mine)),
            Spread.of(_ms(theirs)),
            "one-line app",
            Target.ratio(1.25),
            note="from before the child starts to the first frame showing the card; "
            "`drill --db DB review` through the real CLI",
        ),
        Row(
            "first_card.peak_rss",
            "Peak RSS at first card",
            "MiB",
            Spread.of(rss_ours),
            Spread.of(rss_base),
            "one-line app",
            Target.at_most(60, "MiB"),
            note="VmHWM of each fresh child (ru_maxrss inherits the parent's size on Linux)",
        ),
        Row(
            "import.heavy_modules",
            "numpy/pandas loaded by `import drill, drill.tui.app`",
            "modules",
            Spread.of([float(len(imported))]),
            target=Target.equals(0, "none"),
            display=lambda v: ", ".join(imported) or "none",
        ),
        Row(
            "first_card.heavy_modules",
            "numpy/pandas loaded by the first card",
            "modules",
            Spread.of([float(len(heavy))]),
            target=Target.equals(0, "none"),
            display=lambda v: ", ".join(sorted(heavy)) or "none",
        ),
    ]


# 2. per answer and per key -------------------------------------------------------------


def _floor_sql(conn: Any, review_id: str, card_id: str, at: str) -> None:
    """The least a durable rating can cost: the review and the state, one IMMEDIATE commit.

    Its review ids are drill's (time-ordered), so the floor is not slowed by random ids.
    """
    conn.execute("BEGIN IMMEDIATE")
    conn.execute(
        "INSERT INTO reviews(review_id, card_id, reviewed_at, rating, quality, duration_ms, "
        "state_before, answer) VALUES (?, ?, ?, 3, NULL, 9000, 2, '')",
        (review_id, card_id, at),
    )
    conn.execute(
        "INSERT INTO card_state(card_id, state, step, stability, difficulty, due, last_review, "
        "reps, lapses) VALUES (?, 2, NULL, 12.5, 5.1, ?, ?, 4, 0) ON CONFLICT(card_id) DO UPDATE "
        "SET state = excluded.state, step = excluded.step, stability = excluded.stability, "
        "difficulty = excluded.difficulty, due = excluded.due, last_review = excluded.last_review, "
        "reps = excluded.reps, lapses = excluded.lapses",
        (card_id, at, at),
    )
    conn.execute("COMMIT")


def per_answer(ctx: Context) -> list[Row]:
    """Rating → next card ready, durably committed, against a raw-SQL floor on the same DB."""
    from drill.core.model import Rating, Review, State
    from drill.session import ReviewSession
    from drill.store import Store, iso, new_review_id

    s = ctx.sizes
    template = ctx.review_db(s.answer_cards, s.answer_reviews)
    db = generate.working_copy(template, ctx.scratch("per-answer"))
    rng = random.Random(5)
    store = Store.open(db)
    # As in the app: no checkpoint inside a rating's commit; the WAL is checkpointed while
    # the user reads the next card (here: between batches, untimed). The floor shares it.
    store.defer_checkpoints()
    try:
        started = time.perf_counter()
        session = ReviewSession.start(store, limit=s.answers + 2 * WARMUP_ANSWERS)
        start_s = time.perf_counter() - started
        if session.current() is None:
            raise RuntimeError("the generated database has nothing to review")
        queued = {item.card_id for item in session.queue}
        now = datetime.now(UTC)
        spare = [c for c in store.due_cards(now, now) if c.card_id not in queued]
        wanted = s.answers + 2 * WARMUP_ANSWERS
        if len(spare) < wanted:
            raise RuntimeError(f"only {len(spare)} spare due cards for the store-level path")
        store_cards = iter(spare[:wanted])
        next_store = next(store_cards)
        floor_ids = [c.card_id for c in spare[wanted:]] or [spare[0].card_id]
        ctx.log(f"per answer: {s.answers} x (session, store, raw SQL) in {s.rounds} rounds")

        def rating() -> Rating:
            return rng.choices(list(Rating), [10, 15, 70, 5])[0]

        shown = session.current()

        def session_path() -> tuple[float, float]:
            nonlocal shown
            if shown is None:
                raise RuntimeError("the session ran out of cards")
            # As the review screen does while the user reads the card: the intervals for
            # the rating keys (the rating then reuses the outcome worked out for it).
            shown.intervals  # noqa: B018 - cached_property
            quality = rng.randint(2, 5) if shown.card.type.long_answer else None
            chosen = rating()
            cpu, wall = time.process_time(), time.perf_counter()
            session.answer(chosen, quality=quality, duration_ms=30_000)
            shown = session.current()
            return time.perf_counter() - wall, time.process_time() - cpu

        def store_path() -> tuple[float, float]:
            nonlocal next_store
            due = next_store
            next_store = next(store_cards)
            before = store.state(due.card_id)
            at = datetime.now(UTC)
            after = session.scheduler.review(
                before, card_id=due.card_id, card_type=due.type, rating=Rating.GOOD, now=at
            )
            review = Review(
                review_id=new_review_id(),
                card_id=due.card_id,
                reviewed_at=at,
                rating=Rating.GOOD,
                duration_ms=30_000,
                state_before=before.state if before else State.NEW,
            )
            cpu, wall = time.process_time(), time.perf_counter()
            store.record_review(review, after, competency=due.competency)
            store.state(next_store.card_id)
            store.card(next_store.card_id)
            return time.perf_counter() - wall, time.process_time() - cpu

        def floor_path() -> tuple[float, float]:
            card_id = rng.choice(floor_ids)
            at = iso(datetime.now(UTC))
            cpu, wall = time.process_time(), time.perf_counter()
            _floor_sql(store.conn, new_review_id(), card_id, at)
            return time.perf_counter() - wall, time.process_time() - cpu

        paths: dict[str, Callable[[], tuple[float, float]]] = {
            "session": session_path,
            "store": store_path,
            "floor": floor_path,
        }
        wall: dict[str, list[list[float]]] = {name: [] for name in paths}
        cpu: dict[str, list[list[float]]] = {name: [] for name in paths}
        per_round = max(1, s.answers // s.rounds)
        order = list(paths)
        for name in order:  # warm-up, unrecorded
            for _ in range(WARMUP_ANSWERS):
                paths[name]()
        for round_no in range(s.rounds):
            for name in order[round_no % 3 :] + order[: round_no % 3]:
                samples = []
                for n in range(per_round):
                    samples.append(paths[name]())
                    if n % 25 == 24:
                        store.checkpoint()
                wall[name].append([w * 1000 for w, _ in samples])
                cpu[name].append([c * 1000 for _, c in samples])
    finally:
        store.close()

    scale = f"{s.answer_cards // 1000}k cards / {s.answer_reviews / 1e6:g}M reviews"
    floor_note = "baseline: INSERT review + UPSERT state in one BEGIN IMMEDIATE…COMMIT, same conn"
    rows = []
    for path, label in (
        ("session", "ReviewSession.answer + current()"),
        ("store", "Store.record_review + next card fetch"),
    ):
        for q, limit in ((0.5, 0.30), (0.99, 1.0)):
            tag = f"p{round(q * 100)}"
            rows.append(
                Row(
                    f"answer.{path}.{tag}",
                    f"Answer → next card, {label}, {tag} ({scale})",
                    "ms",
                    pooled(wall[path], q),
                    pooled(wall["floor"], q),
                    "raw-SQL floor",
                    Target.at_most(limit, "ms"),
                    note=floor_note,
                )
            )
    for path, label in (("session", "ReviewSession.answer + current()"),):
        for q in (0.5, 0.99):
            tag = f"p{round(q * 100)}"
            rows.append(
                Row(
                    f"answer.{path}.cpu.{tag}",
                    f"  CPU only (no fsync wait), {label}, {tag}",
                    "ms",
                    pooled(cpu[path], q),
                    pooled(cpu["floor"], q),
                    "raw-SQL floor",
                    note="process_time: the part drill's code controls",
                )
            )
    rows.append(
        Row(
            "answer.session_start",
            f"ReviewSession.start ({scale})",
            "ms",
            Spread.of([start_s * 1000]),
            note="once, before the answers; what a session opens with",
        )
    )
    return rows


def key_presses(ctx: Context) -> list[Row]:
    """Key → redrawn frame on the review screen (Pilot, TEXTUAL_FPS=1000)."""
    s = ctx.sizes
    template = ctx.review_db(s.answer_cards, s.answer_reviews)
    db = generate.working_copy(template, ctx.scratch("keys"))
    env = {"TEXTUAL_FPS": "1000"}
    ctx.log(f"key presses: {s.key_rounds} x (review {s.key_cards} cards, one-line app)")
    ours: list[dict[str, list[float]]] = []
    base: list[list[float]] = []
    presses = s.key_cards * 3
    for round_no in range(s.key_rounds):

        def run_ours() -> None:
            ours.append(_probe("keys", str(db), str(s.key_cards), env=env).report()["samples"])

        def run_base() -> None:
            base.append(_probe("keys-baseline", str(presses), env=env).report()["samples"]["press"])

        for step in (run_ours, run_base) if round_no % 2 == 0 else (run_base, run_ours):
            step()
    all_keys = [[v * 1000 for values in r.values() for v in values] for r in ours]
    base_ms = [[v * 1000 for v in r] for r in base]
    rows = [
        Row(
            "keys.all.p50",
            "Key → redrawn frame, review keys (median)",
            "ms",
            pooled(all_keys, 0.5),
            pooled(base_ms, 0.5),
            "one-line app key",
            Target.at_most(5, "ms"),
            note="from the key event (as the driver sends it) to every widget done and the "
            "frame rendered",
        ),
        Row(
            "keys.all.p99",
            "Key → redrawn frame, review keys (p99)",
            "ms",
            pooled(all_keys, 0.99),
            pooled(base_ms, 0.99),
            "one-line app key",
        ),
    ]
    for action in ("reveal", "rate", "quality", "choose", "next"):
        rounds = [[v * 1000 for v in r[action]] for r in ours if r[action]]
        if rounds:
            rows.append(
                Row(
                    f"keys.{action}.p50",
                    f"  key: {action} (median)",
                    "ms",
                    pooled(rounds, 0.5),
                    pooled(base_ms, 0.5),
                    "one-line app key",
                )
            )
    return rows


# 3. import -------------------------------------------------------------------------------


def _fresh_store(directory: Path, name: str) -> Any:
    from drill.store import Store

    for leftover in directory.glob(f"{name}*"):
        leftover.unlink()
    return Store.open(directory / name)


def imports(ctx: Context) -> list[Row]:
    """YAML and CSV decks end to end, and re-importing an unchanged deck."""
    import yaml

    from drill.core.decks import parse_deck

    s = ctx.sizes
    work = ctx.scratch("import")
    deck_path = generate.yaml_deck(s.yaml_cards)
    data = deck_path.read_bytes()
    size = f"{len(data) / MIB:.1f} MiB"
    ctx.log(f"YAML import: {s.runs} x (parse_deck + import_decks, CSafeLoader) of {size}")

    def yaml_end_to_end() -> float:
        store = _fresh_store(work, "yaml.db")
        try:
            start = time.perf_counter()
            deck = parse_deck(data, path=str(deck_path))
            store.import_decks([deck])
            return time.perf_counter() - start
        finally:
            store.close()

    def c_loader() -> float:
        return _time(lambda: yaml.load(data, Loader=yaml.CSafeLoader))

    def parse_only() -> float:
        return _time(lambda: parse_deck(data, path=str(deck_path)))

    mine, theirs = interleave(yaml_end_to_end, c_loader, runs=s.runs)
    cards = f"{s.yaml_cards // 1000}k cards"
    rows = [
        Row(
            "import.yaml",
            f"YAML deck {cards}: parse_deck + import_decks (fresh DB)",
            "ms",
            Spread.of(_ms(mine)),
            Spread.of(_ms(theirs)),
            "yaml.load CSafeLoader",
            Target.ratio(1.3),
            note="fresh migrated DB opened before the clock starts",
        ),
    ]
    if s.breakdown:
        parsed, theirs2 = interleave(parse_only, c_loader, runs=_fewer(s.runs))
        rows.append(
            Row(
                "import.yaml.parse",
                f"  parse_deck alone ({cards})",
                "ms",
                Spread.of(_ms(parsed)),
                Spread.of(_ms(theirs2)),
                "yaml.load CSafeLoader",
            )
        )
    rows += _csv_rows(ctx, work)
    rows += _reimport_rows(ctx, work, deck_path, data)
    return rows


def _fewer(runs: int) -> int:
    """Runs for a breakdown row (it explains a figure; it is not a target)."""
    return max(3, runs // 2)


def _time(func: Callable[[], object]) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


def _csv_rows(ctx: Context, work: Path) -> list[Row]:
    s = ctx.sizes
    try:
        from drill.importers.csvfile import parse_csv
    except ImportError:
        return [
            Row(
                "import.csv",
                f"CSV deck {s.csv_rows // 1000}k rows",
                "s",
                None,
                target=Target.at_most(0.15, "s"),
                skipped="drill.importers.csvfile.parse_csv is not there yet",
            )
        ]
    from drill.core.taxonomy import BUILTIN_IDS

    path = generate.csv_deck(s.csv_rows)
    data = path.read_bytes()
    ctx.log(f"CSV import: {s.runs} x (parse_csv + import_decks, csv.reader)")

    def end_to_end() -> float:
        store = _fresh_store(work, "csv.db")
        try:
            start = time.perf_counter()
            deck, _warnings = parse_csv(
                data, path=str(path), deck_id="bench-csv", known_competencies=BUILTIN_IDS
            )
            store.import_decks([deck])
            return time.perf_counter() - start
        finally:
            store.close()

    def parse_only() -> float:
        return _time(
            lambda: parse_csv(
                data, path=str(path), deck_id="bench-csv", known_competencies=BUILTIN_IDS
            )
        )

    def reader() -> float:
        return _time(lambda: list(csv.reader(io.StringIO(data.decode("utf-8"), newline=""))))

    mine, theirs = interleave(end_to_end, reader, runs=s.runs)
    rows_k = f"{s.csv_rows // 1000}k rows"
    rows = [
        Row(
            "import.csv",
            f"CSV deck {rows_k}: parse_csv + import_decks (fresh DB)",
            "s",
            Spread.of(mine),
            Spread.of(theirs),
            "csv.reader",
            Target.at_most(0.15, "s"),
        ),
    ]
    if s.breakdown:
        parsed, theirs2 = interleave(parse_only, reader, runs=_fewer(s.runs))
        rows.append(
            Row(
                "import.csv.parse",
                f"  parse_csv alone ({rows_k})",
                "s",
                Spread.of(parsed),
                Spread.of(theirs2),
                "csv.reader",
            )
        )
    return rows


def _reimport_rows(ctx: Context, work: Path, deck_path: Path, data: bytes) -> list[Row]:
    from drill import builtin
    from drill.core.decks import parse_deck

    s = ctx.sizes
    db = work / "reimport.db"
    store = _fresh_store(work, "reimport.db")
    try:
        builtin.sync(store)
        store.import_decks([parse_deck(data, path=str(deck_path))])
    finally:
        store.close()
    ctx.log(f"re-import: {s.process_runs} x (drill import, drill --version)")
    command = ["-m", "drill", "--db", str(db)]

    def reimport() -> float:
        child = run_child(python_child(*command, "import", str(deck_path)), cwd=REPO)
        if child.returncode != 0 or "unchanged" not in child.stdout:
            raise RuntimeError(f"drill import failed: {child.stderr.strip()[-500:]}")
        return child.wall_s

    def version() -> float:
        child = run_child(python_child(*command, "--version"), cwd=REPO)
        if child.returncode != 0:
            raise RuntimeError(f"drill --version failed: {child.stderr.strip()[-500:]}")
        return child.wall_s

    mine, theirs = interleave(reimport, version, runs=s.process_runs)

    def in_process() -> float:
        from drill.store import Store

        with Store.open(db) as opened:
            start = time.perf_counter()
            opened.import_decks([parse_deck(data, path=str(deck_path))])
            return time.perf_counter() - start

    cards = f"{s.yaml_cards // 1000}k cards"
    rows = [
        Row(
            "import.reimport",
            f"Re-import unchanged YAML deck ({cards}), `drill import` process",
            "ms",
            Spread.of(_ms(mine)),
            Spread.of(_ms(theirs)),
            "`drill --version` process",
            Target.over_baseline(50, "ms"),
            note="baseline is drill's own process start",
        ),
    ]
    if s.breakdown:
        warm = [in_process() for _ in range(_fewer(s.runs))]
        rows.append(
            Row(
                "import.reimport.in_process",
                f"  in process: parse_deck + import_decks, unchanged ({cards})",
                "ms",
                Spread.of(_ms(warm)),
            )
        )
    return rows


# 4. stats ------------------------------------------------------------------------------


_STATS_SQL = (
    "SELECT c.competency, count(*), sum(r.rating > 1), avg(r.quality) "
    "FROM reviews r JOIN cards c ON c.id = r.card_id GROUP BY c.competency"
)
_TREND_SQL = (
    "SELECT strftime('%Y-%W', r.reviewed_at), count(*), sum(r.rating > 1), avg(r.quality) "
    "FROM reviews r JOIN cards c ON c.id = r.card_id WHERE c.competency = ? GROUP BY 1"
)
_NEXT_DUE_SQL = (
    "SELECT card_id, due FROM card_state WHERE last_review IS NOT NULL ORDER BY due LIMIT 1"
)


NEXT_DUE_BUDGET_S = 20.0
"""A slow query plan would take minutes for thousands of calls; after this, fewer are made."""


def _timed_calls(func: Callable[[], object], calls: int, deadline: float) -> list[float]:
    """Microseconds of up to ``calls`` calls (at least 20, fewer once ``deadline`` passed)."""
    out: list[float] = []
    for n in range(calls):
        if n >= 20 and time.perf_counter() > deadline:
            break
        out.append(_time(func) * 1e6)
    return out


def stats(ctx: Context) -> list[Row]:
    """Per-competency metrics, the next-due query and the weekly trend over a big history."""
    from drill import reports
    from drill.metrics import competency_stats
    from drill.store import Store

    s = ctx.sizes
    template = ctx.review_db(s.stats_cards, s.stats_reviews)
    db = generate.working_copy(template, ctx.scratch("stats"))
    store = Store.open(db)
    try:
        conn = store.conn
        ctx.log(f"stats: {s.runs} x (competency_stats, SQL join + GROUP BY)")
        now = datetime.now(UTC)
        mine, theirs = interleave(
            lambda: _time(lambda: competency_stats(store, now)),
            lambda: _time(lambda: conn.execute(_STATS_SQL).fetchall()),
            runs=s.runs,
        )
        weakest = competency_stats(store, now)[0].id
        trend_mine, trend_base = interleave(
            lambda: _time(lambda: reports.trend(store, weakest)),
            lambda: _time(lambda: conn.execute(_TREND_SQL, (weakest,)).fetchall()),
            runs=s.runs,
        )
        ctx.log(f"next_due: {s.next_due_calls} x (Store.next_due, bare index query)")
        due_ours: list[list[float]] = []
        due_base: list[list[float]] = []
        block = max(1, s.next_due_calls // 10)
        deadline = time.perf_counter() + NEXT_DUE_BUDGET_S
        for round_no in range(10):

            def ours_block() -> None:
                due_ours.append(_timed_calls(lambda: store.next_due(now), block, deadline))

            def base_block() -> None:
                query = conn.execute
                due_base.append(
                    _timed_calls(lambda: query(_NEXT_DUE_SQL).fetchone(), block, deadline)
                )

            for step in (ours_block, base_block) if round_no % 2 == 0 else (base_block, ours_block):
                step()
    finally:
        store.close()
    scale = f"{s.stats_cards // 1000}k cards / {s.stats_reviews / 1e6:g}M reviews"
    return [
        Row(
            "stats.competency_stats",
            f"competency_stats, every competency ({scale})",
            "ms",
            Spread.of(_ms(mine)),
            Spread.of(_ms(theirs)),
            "SQL join + GROUP BY",
            Target.at_most(150, "ms"),
        ),
        Row(
            "stats.next_due.p99",
            f"Store.next_due p99 ({scale})",
            "µs",
            pooled(due_ours, 0.99),
            pooled(due_base, 0.99),
            "bare ORDER BY due LIMIT 1",
            Target.at_most(50, "µs"),
        ),
        Row(
            "stats.next_due.p50",
            f"Store.next_due p50 ({scale})",
            "µs",
            pooled(due_ours, 0.5),
            pooled(due_base, 0.5),
            "bare ORDER BY due LIMIT 1",
        ),
        Row(
            "stats.trend",
            f"reports.trend, one competency by week ({scale})",
            "ms",
            Spread.of(_ms(trend_mine)),
            Spread.of(_ms(trend_base)),
            "SQL weekly GROUP BY",
        ),
    ]


# 5. hostile input ------------------------------------------------------------------------


def _refused_within(limit_ms: float, *, refused: bool) -> Target:
    """Met when every run refused the file with DeckError, within ``limit_ms``."""
    return Target(f"refused, ≤ {limit_ms:g} ms", lambda ours, _base: refused and ours <= limit_ms)


def hostile(ctx: Context) -> list[Row]:
    """Alias bombs and deep nesting are refused fast and in little memory (fresh child each)."""
    s = ctx.sizes
    files = [
        ("alias_bomb", "Alias bomb (billion laughs)", generate.alias_bomb()),
        (
            "deep_flow",
            f"{s.nesting_depth // 1000}k-deep nesting [[[…]]]",
            generate.deep_nesting(s.nesting_depth, style="flow"),
        ),
        (
            "deep_block",
            f"{s.nesting_depth // 1000}k-deep nesting - - - …",
            generate.deep_nesting(s.nesting_depth, style="block"),
        ),
    ]
    rows = []
    for key, label, path in files:
        ctx.log(f"hostile: {s.process_runs} x {path.name}")
        reports = [_probe("hostile", str(path)).report() for _ in range(s.process_runs)]
        refused = all(r["outcome"] == "refused" for r in reports)
        outcome = reports[0]["outcome"]
        message = reports[0]["message"]
        ok = _refused_within(50, refused=refused)
        growth = [max(r["rss_growth"], r["heap_peak"]) / MIB for r in reports]
        rows.append(
            Row(
                f"hostile.{key}.time",
                f"{label}: time to DeckError",
                "ms",
                Spread.of([r["seconds"] * 1000 for r in reports]),
                target=ok,
                note=f"{outcome}: {message}",
            )
        )
        rows.append(
            Row(
                f"hostile.{key}.memory",
                f"{label}: memory growth",
                "MiB",
                Spread.of(growth),
                target=Target.at_most(20, "MiB"),
                note="max of RSS peak growth and tracemalloc peak, fresh child",
            )
        )
    return rows


# 6. Anki (optional) --------------------------------------------------------------------------


def anki(ctx: Context) -> list[Row]:
    """Drill against Anki's own library on the same CSV: import, then the answer loop."""
    try:
        from benchmarks import anki_cases
    except ModuleNotFoundError as exc:
        if exc.name != "anki":
            raise
        return [
            Row(
                "anki",
                "Anki comparison",
                "",
                None,
                skipped="anki is not installed (pip install 'em-drill[bench]')",
            )
        ]
    return anki_cases.run(ctx)


CASES: dict[str, Callable[[Context], list[Row]]] = {
    "first_card": first_card,
    "answer": per_answer,
    "keys": key_presses,
    "import": imports,
    "stats": stats,
    "hostile": hostile,
    "anki": anki,
}
"""Every case by name, in the order of the report (``--only`` takes these names)."""


def sizes_for(quick: bool) -> Sizes:
    """The quick or the full sizes."""
    return QUICK if quick else FULL


def with_runs(sizes: Sizes, runs: int | None) -> Sizes:
    """``sizes`` with the number of runs overridden (for a faster look)."""
    if runs is None:
        return sizes
    return replace(sizes, runs=runs, process_runs=runs)
