"""The only module that speaks SQL: schema, migrations, and a narrow API over core values.

Durability: WAL with ``synchronous=FULL``; every write is its own transaction begun
``IMMEDIATE`` and committed before the call returns, so nothing acknowledged is lost to a
crash. Reads never block on a writer (WAL), and a writer waits up to
:data:`BUSY_TIMEOUT_MS` for another before failing with :class:`StoreBusy`.

sqlite-utils is imported only by migrations and bulk imports: opening an up-to-date
database and rating cards use the plain connection, which keeps start-up fast.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from datetime import UTC, date, datetime, timedelta
from json.encoder import encode_basestring, encode_basestring_ascii
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from drill.core.collector import paused_gc
from drill.core.model import (
    Card,
    CardType,
    Competency,
    Deck,
    ImportReport,
    MemoryState,
    Rating,
    Review,
    State,
    Story,
)
from drill.core.scheduling import retrievability
from drill.core.settings import Settings

if TYPE_CHECKING:
    import sqlite_utils

BUSY_TIMEOUT_MS = 3000
STORY_DECK = "stories"
SUMMARY_THROUGH = "review_days.through"
"""Meta key: the highest ``reviews.id`` counted in ``review_days``."""


class StoreError(Exception):
    """A data problem the user can act on (shown without a traceback)."""


class StoreBusy(StoreError):
    """Another drill held the write lock for too long."""


def iso(moment: datetime) -> str:
    """ISO-8601 UTC text with ``+00:00`` and milliseconds (sorts as time)."""
    if moment.tzinfo is not UTC:  # the usual case (UTC already) skips a conversion per value
        moment = moment.astimezone(UTC)
    return moment.isoformat(timespec="milliseconds")


def parse_iso(text: str) -> datetime:
    """A UTC datetime from stored text."""
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


class DeckSummary(NamedTuple):
    """A deck with its counts (``drill decks``)."""

    id: str
    title: str
    cards: int
    new: int
    due: int
    suspended: int
    builtin: bool


class DueCard(NamedTuple):
    """A reviewed card that is due, with what the queue needs to order it."""

    card_id: str
    competency: str
    type: CardType
    stability: float
    last_review_at: datetime
    due_at: datetime


class NewCard(NamedTuple):
    """A card never reviewed, in deck order."""

    card_id: str
    competency: str
    type: CardType


class CardFilter(NamedTuple):
    """Restricts a session to a deck and/or a competency."""

    deck_id: str | None = None
    competency: str | None = None

    def sql(self, alias: str = "c") -> tuple[str, list[Any]]:
        """A WHERE fragment (starting with AND) and its parameters."""
        parts, params = [], []
        if self.deck_id:
            parts.append(f"AND {alias}.deck_id = ?")
            params.append(self.deck_id)
        if self.competency:
            parts.append(f"AND {alias}.competency = ?")
            params.append(self.competency)
        return " ".join(parts), params


WeekRow = tuple[str, date, int, int, int, int]
"""(competency, Monday, reviews, recalled, quality sum, quality n)."""
CompetencyMemory = tuple[int, int, float | None]
"""(active cards, reviewed cards, mean recall probability of the reviewed ones, or None)."""

_ACTIVE = "c.suspended = 0 AND (c.buried_until IS NULL OR c.buried_until <= ?)"
_WIDEST = 8000
"""The most risk-ranked candidates `Store.due_cards` joins to ``cards`` before it ranks
every due card instead (under SQLite's limit on parameters)."""


class Store:
    """A drill database. Use :meth:`open`; close it when done."""

    def __init__(self, conn: sqlite3.Connection, path: str) -> None:
        self.conn = conn
        self.path = path
        self._settings: Settings | None = None
        self.merged: tuple[int, int] = (0, 0)
        """(added, already present) of the last review-history merge."""

    @classmethod
    def open(cls, path: str | Path) -> Store:
        """Open (creating and migrating as needed) the database at ``path``."""
        path = str(path)
        try:
            if path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            if path != ":memory:":
                mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
                if mode != "wal":
                    conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute("PRAGMA foreign_keys = ON")
            store = cls(conn, path)
            from drill import migrations

            if store.user_version < migrations.LATEST:
                migrations.apply(store)
        except (sqlite3.DatabaseError, OSError) as exc:
            raise StoreError(f"{path}: cannot open the database: {exc}") from None
        return store

    def close(self) -> None:
        """Fold the summary if no other drill is writing, then close (SQLite checkpoints)."""
        with contextlib.suppress(StoreBusy, sqlite3.Error):
            self.fold_summary()
        self.conn.close()

    def defer_checkpoints(self) -> None:
        """Stop SQLite checkpointing inside commits; the caller runs :meth:`checkpoint` when idle.

        A checkpoint that lands inside a rating's commit costs several milliseconds; the
        review screen checkpoints between cards instead.
        """
        self.conn.execute("PRAGMA wal_autocheckpoint = 0")

    def checkpoint(self) -> None:
        """Copy the WAL into the database without waiting for readers (PASSIVE)."""
        with contextlib.suppress(sqlite3.OperationalError):  # busy: the next idle moment will
            self.conn.execute("PRAGMA wal_checkpoint(PASSIVE)")

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def user_version(self) -> int:
        """The schema version (``PRAGMA user_version``)."""
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def utils(self) -> sqlite_utils.Database:
        """A sqlite-utils view of the same connection (for schema work and bulk writes)."""
        import sqlite_utils

        return sqlite_utils.Database(self.conn, execute_plugins=False)

    @contextlib.contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, begun IMMEDIATE, committed on success, rolled back on error."""
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise StoreBusy(
                    f"{self.path}: the database is busy (another drill is writing); try again"
                ) from None
            raise
        try:
            yield self.conn
        except BaseException:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            raise
        else:
            try:
                self.conn.execute("COMMIT")
            except sqlite3.Error:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[sqlite3.Row]:
        cursor = self.conn.execute(sql, params)
        cursor.row_factory = sqlite3.Row
        return cursor.fetchall()

    def _all_in(
        self, sql: str, keys: Sequence[str], params: Sequence[Any] = ()
    ) -> Iterator[sqlite3.Row]:
        """Rows of ``sql``, whose ``{marks}`` is an IN list, for every key in ``keys``: in
        chunks of 500, under SQLite's limit on parameters; ``params`` come before the keys."""
        for start in range(0, len(keys), 500):
            chunk = list(keys[start : start + 500])
            yield from self._all(sql.format(marks=",".join("?" * len(chunk))), [*params, *chunk])

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        row = self.conn.execute(sql, params).fetchone()
        return row[0] if row else None

    # settings and meta ---------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        """A stored meta value."""
        value = self._one("SELECT value FROM meta WHERE key = ?", (key,))
        return None if value is None else str(value)

    def set_meta(self, key: str, value: str | None) -> None:
        """Store (or with None, remove) a meta value."""
        with self.write() as conn:
            _put_meta(conn, key, value)

    def settings(self) -> Settings:
        """The user's settings (defaults when none are saved)."""
        if self._settings is None:
            raw = self.meta("settings")
            self._settings = Settings.from_json(raw) if raw else Settings()
        return self._settings

    def save_settings(self, settings: Settings) -> None:
        """Persist validated settings."""
        self.set_meta("settings", settings.validated().to_json())
        self._settings = settings

    # competencies and decks ----------------------------------------------------------

    def competencies(self) -> dict[str, Competency]:
        """Every known competency by id: built-in first, then those decks added."""
        rows = self._all(
            "SELECT id, name, dimension, description FROM competencies ORDER BY position, id"
        )
        return {
            r["id"]: Competency(r["id"], r["name"], r["dimension"], r["description"]) for r in rows
        }

    def card_count(self, deck_id: str) -> int:
        """Active (not retired) cards of a deck."""
        return int(
            self._one("SELECT count(*) FROM cards WHERE deck_id = ? AND retired = 0", (deck_id,))
            or 0
        )

    def deck_hashes(self) -> set[str]:
        """The content hashes recorded at every deck's last import."""
        return {r[0] for r in self.conn.execute("SELECT content_hash FROM decks") if r[0]}

    def deck_hash(self, deck_id: str) -> str | None:
        """The content hash recorded at the deck's last import."""
        value = self._one("SELECT content_hash FROM decks WHERE id = ?", (deck_id,))
        return None if value is None else str(value)

    def import_decks(
        self,
        decks: Sequence[Deck],
        *,
        dry_run: bool = False,
        prune: bool = False,
        builtin: bool = False,
        hashes: dict[str, str] | None = None,
        progress: Any = None,
        reviews: Sequence[Review] = (),
        replay: Callable[[Card, list[Review]], MemoryState | None] | None = None,
    ) -> list[ImportReport]:
        """Add or update decks (and merge a review history) in one transaction; report it.

        ``reviews`` are merged by ``review_id`` after the decks, so a history may review
        cards of a deck imported in the same call; the counts land in :attr:`merged`.

        Cards keep their id (``deck/key``) and so their history. Cards that left a deck
        are retired (suspended) unless ``prune`` deletes them with their history.
        """
        now = iso(datetime.now(UTC))
        reports: list[ImportReport] = []
        with paused_gc(), self.write() as conn:
            for deck in decks:
                reports.append(
                    self._import_deck(
                        conn, deck, now, prune, builtin, (hashes or {}).get(deck.id), progress
                    )
                )
            if reviews:
                assert replay is not None
                self.merged = self._merge_reviews(conn, reviews, replay)
            if dry_run:
                conn.execute("ROLLBACK")
                conn.execute("BEGIN")
        return reports

    def _import_deck(
        self,
        conn: sqlite3.Connection,
        deck: Deck,
        now: str,
        prune: bool,
        builtin: bool,
        content_hash: str | None,
        progress: Any,
    ) -> ImportReport:
        from hashlib import sha1  # here: hashlib loads OpenSSL, which first card does not need

        position = self._one("SELECT COALESCE(MAX(position), 0) FROM competencies") or 0
        for offset, comp in enumerate(deck.competencies, start=1):
            conn.execute(
                "INSERT INTO competencies(id, name, dimension, description, source, position) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET name = excluded.name, "
                "dimension = excluded.dimension, description = excluded.description",
                (comp.id, comp.name, comp.dimension, comp.description, deck.id, position + offset),
            )
        conn.execute(
            "INSERT INTO decks(id, title, description, builtin, content_hash, imported_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET title = excluded.title, "
            "description = excluded.description, builtin = excluded.builtin, "
            "content_hash = excluded.content_hash, imported_at = excluded.imported_at",
            (deck.id, deck.title, deck.description, int(builtin), content_hash, now),
        )
        existing = {
            row[0]: (row[1], row[2], row[3])
            for row in conn.execute(
                "SELECT key, content_hash, retired, competency FROM cards WHERE deck_id = ?",
                (deck.id,),
            )
        }
        added = updated = unchanged = 0
        competency_changed = False
        inserts: list[tuple[Any, ...]] = []
        updates: list[tuple[Any, ...]] = []
        handled: set[str] = set()
        for position, card in enumerate(deck.cards):
            body = _card_body(card)
            digest = sha1(body.encode()).hexdigest()
            previous = existing.pop(card.key, None)
            # A key twice in one deck (not from a parsed file) must upsert the second time.
            repeated = card.key in handled
            handled.add(card.key)
            if previous is not None and previous[0] == digest and not previous[1]:
                unchanged += 1
                continue
            row = (
                card.id,
                deck.id,
                card.key,
                card.type.value,
                card.competency,
                card.prompt,
                position,
                body,
                digest,
                card.story_id or None,
            )
            if previous is None:
                added += 1
                (updates if repeated else inserts).append(row)
            else:
                updated += 1
                competency_changed |= previous[2] != card.competency
                updates.append(row)
            if progress is not None and (added + updated) % 500 == 0:
                progress(added + updated)
        # A card new to the deck has no row yet (ids are deck/key), and a plain insert costs
        # about half an upsert.
        conn.executemany(
            "INSERT INTO cards(id, deck_id, key, type, competency, prompt, position, body, "
            "content_hash, story_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            inserts,
        )
        conn.executemany(
            "INSERT INTO cards(id, deck_id, key, type, competency, prompt, position, body, "
            "content_hash, story_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(id) DO UPDATE SET type = excluded.type, competency = excluded.competency, "
            "prompt = excluded.prompt, position = excluded.position, body = excluded.body, "
            "content_hash = excluded.content_hash, story_id = excluded.story_id, "
            "suspended = CASE WHEN cards.retired THEN 0 ELSE cards.suspended END, retired = 0",
            updates,
        )
        gone = [f"{deck.id}/{key}" for key, (_h, retired, _c) in existing.items() if not retired]
        if prune:
            gone = [f"{deck.id}/{key}" for key in existing]
            self._delete_cards(conn, gone)
        else:
            conn.executemany(
                "UPDATE cards SET suspended = 1, retired = 1 WHERE id = ?", [(g,) for g in gone]
            )
        if competency_changed:
            self._rebuild_summary(conn)
        return ImportReport(deck.id, added, updated, unchanged, len(gone))

    def _delete_cards(self, conn: sqlite3.Connection, card_ids: Sequence[str]) -> None:
        params = [(c,) for c in card_ids]
        conn.executemany("DELETE FROM reviews WHERE card_id = ?", params)
        conn.executemany("DELETE FROM practice WHERE card_id = ?", params)
        conn.executemany("DELETE FROM card_state WHERE card_id = ?", params)
        conn.executemany("DELETE FROM cards WHERE id = ?", params)
        if card_ids:
            self._rebuild_summary(conn)

    def _rebuild_summary(self, conn: sqlite3.Connection) -> None:
        conn.execute("DELETE FROM review_days")
        _put_meta(conn, SUMMARY_THROUGH, "0")  # every review is in the tail: fold them all
        self._fold_summary(conn)
        conn.execute(
            "INSERT INTO review_days(competency, day, practice_quality_sum, practice_quality_n) "
            "SELECT c.competency, substr(p.practiced_at, 1, 10), COALESCE(sum(p.quality), 0), "
            "count(p.quality) FROM practice p JOIN cards c ON c.id = p.card_id GROUP BY 1, 2 "
            "ON CONFLICT(competency, day) DO UPDATE SET "
            "practice_quality_sum = excluded.practice_quality_sum, "
            "practice_quality_n = excluded.practice_quality_n"
        )

    def decks(self, now: datetime, day_end: datetime) -> list[DeckSummary]:
        """Every deck with card, new, due (before ``day_end``) and suspended counts."""
        rows = self._all(
            "SELECT d.id, d.title, d.builtin, count(c.id) AS cards, "
            "sum(c.suspended = 0 AND (s.card_id IS NULL OR s.last_review IS NULL)) AS new, "
            "sum(c.suspended = 0 AND (c.buried_until IS NULL OR c.buried_until <= ?) "
            "    AND s.last_review IS NOT NULL AND s.due <= ?) AS due, "
            "sum(c.suspended) AS suspended "
            "FROM decks d LEFT JOIN cards c ON c.deck_id = d.id AND c.retired = 0 "
            "LEFT JOIN card_state s ON s.card_id = c.id GROUP BY d.id ORDER BY d.builtin "
            "DESC, d.id",
            (iso(now), iso(day_end)),
        )
        return [
            DeckSummary(
                r["id"],
                r["title"],
                r["cards"],
                r["new"] or 0,
                r["due"] or 0,
                r["suspended"] or 0,
                bool(r["builtin"]),
            )
            for r in rows
        ]

    def deck(self, deck_id: str) -> Deck:
        """A stored deck as a core value (active and suspended cards; retired ones left out)."""
        row = self._all("SELECT id, title, description FROM decks WHERE id = ?", (deck_id,))
        if not row:
            raise StoreError(f"no deck '{deck_id}'")
        cards = tuple(
            self._card(r)
            for r in self._all(
                "SELECT id, deck_id, key, type, competency, body, story_id FROM cards "
                "WHERE deck_id = ? AND retired = 0 ORDER BY position",
                (deck_id,),
            )
        )
        comps = tuple(
            Competency(r["id"], r["name"], r["dimension"], r["description"])
            for r in self._all(
                "SELECT id, name, dimension, description FROM competencies WHERE source = ? "
                "ORDER BY position",
                (deck_id,),
            )
        )
        return Deck(row[0]["id"], row[0]["title"], cards, row[0]["description"], comps)

    # cards ----------------------------------------------------------------------------

    @staticmethod
    def _card(row: sqlite3.Row) -> Card:
        body = json.loads(row["body"])
        values: dict[str, Any] = {
            k: tuple(v) if isinstance(v, list) else v
            for k, v in body.items()
            if k not in ("id", "type", "competency")
        }
        return Card(
            id=row["id"],
            deck_id=row["deck_id"],
            key=row["key"],
            type=CardType(row["type"]),
            competency=row["competency"],
            story_id=row["story_id"] or "",
            **values,
        )

    def card(self, card_id: str) -> Card:
        """One card by id."""
        rows = self._all(
            "SELECT id, deck_id, key, type, competency, body, story_id FROM cards WHERE id = ?",
            (card_id,),
        )
        if not rows:
            raise StoreError(f"no card '{card_id}'")
        return self._card(rows[0])

    def cards(self, card_ids: Sequence[str]) -> dict[str, Card]:
        """Several cards by id."""
        rows = self._all_in(
            "SELECT id, deck_id, key, type, competency, body, story_id FROM cards "
            "WHERE id IN ({marks})",
            card_ids,
        )
        return {row["id"]: self._card(row) for row in rows}

    def search_cards(
        self, *, deck_id: str | None = None, text: str = "", limit: int = 500
    ) -> list[tuple[Card, bool, MemoryState | None]]:
        """Cards matching a deck and a text search, with their suspended flag and state."""
        sql = (
            "SELECT c.id, c.deck_id, c.key, c.type, c.competency, c.body, c.story_id, c.suspended "
            "FROM cards c WHERE c.retired = 0"
        )
        params: list[Any] = []
        if deck_id:
            sql += " AND c.deck_id = ?"
            params.append(deck_id)
        if text:
            sql += " AND (c.prompt LIKE ? OR c.competency LIKE ? OR c.key LIKE ?)"
            params += [f"%{text}%"] * 3
        sql += " ORDER BY c.deck_id, c.position LIMIT ?"
        params.append(limit)
        rows = self._all(sql, params)
        states = self.states([r["id"] for r in rows])
        return [(self._card(r), bool(r["suspended"]), states.get(r["id"])) for r in rows]

    def cards_of_type(self, card_type: CardType) -> list[Card]:
        """Every active card of one type, in deck order."""
        rows = self._all(
            "SELECT id, deck_id, key, type, competency, body, story_id FROM cards "
            "WHERE type = ? AND suspended = 0 AND retired = 0 ORDER BY deck_id, position",
            (card_type.value,),
        )
        return [self._card(r) for r in rows]

    def set_suspended(self, card_id: str, suspended: bool) -> None:
        """Suspend or unsuspend a card (unsuspending also un-retires it)."""
        with self.write() as conn:
            conn.execute(
                "UPDATE cards SET suspended = ?, retired = CASE WHEN ? THEN retired ELSE 0 END "
                "WHERE id = ?",
                (int(suspended), int(suspended), card_id),
            )

    def bury(self, card_id: str, until: datetime | None) -> None:
        """Hide a card until ``until`` (None un-buries it)."""
        with self.write() as conn:
            conn.execute(
                "UPDATE cards SET buried_until = ? WHERE id = ?",
                (iso(until) if until else None, card_id),
            )

    def is_suspended(self, card_id: str) -> bool:
        """Whether a card is suspended."""
        return bool(self._one("SELECT suspended FROM cards WHERE id = ?", (card_id,)))

    # memory state ---------------------------------------------------------------------

    @staticmethod
    def _state(row: Sequence[Any]) -> MemoryState:
        return MemoryState(
            card_id=row[0],
            state=State(row[1]),
            step=row[2],
            stability=row[3],
            difficulty=row[4],
            due_at=parse_iso(row[5]),
            last_review_at=parse_iso(row[6]) if row[6] else None,
            reps=row[7],
            lapses=row[8],
        )

    _STATE_COLUMNS = "card_id, state, step, stability, difficulty, due, last_review, reps, lapses"
    # An upsert rewrites only the changed columns' index entries; INSERT OR REPLACE would
    # delete and re-insert the row, touching every index of card_state on each rating.
    _UPSERT_STATE = (
        f"INSERT INTO card_state({_STATE_COLUMNS}, competency) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(card_id) DO UPDATE SET "
        + ", ".join(f"{c} = excluded.{c}" for c in [*_STATE_COLUMNS.split(", ")[1:], "competency"])
    )

    def state(self, card_id: str) -> MemoryState | None:
        """A card's memory state, or None for a card never reviewed."""
        row = self.conn.execute(
            f"SELECT {self._STATE_COLUMNS} FROM card_state WHERE card_id = ?", (card_id,)
        ).fetchone()
        return self._state(row) if row else None

    def states(self, card_ids: Sequence[str]) -> dict[str, MemoryState]:
        """Memory states of several cards."""
        rows = self._all_in(
            f"SELECT {self._STATE_COLUMNS} FROM card_state WHERE card_id IN ({{marks}})", card_ids
        )
        return {row[0]: self._state(row) for row in rows}

    def state_row(self, card_id: str) -> tuple[Any, ...] | None:
        """The raw ``card_state`` row (to check practice leaves it byte-identical)."""
        row = self.conn.execute("SELECT * FROM card_state WHERE card_id = ?", (card_id,)).fetchone()
        return tuple(row) if row else None

    @staticmethod
    def _state_values(state: MemoryState) -> tuple[Any, ...]:
        return (
            state.card_id,
            int(state.state),
            state.step,
            state.stability,
            state.difficulty,
            iso(state.due_at),
            iso(state.last_review_at) if state.last_review_at else None,
            state.reps,
            state.lapses,
        )

    # reviews --------------------------------------------------------------------------

    _REVIEW_COLUMNS = (
        "review_id, card_id, reviewed_at, rating, quality, duration_ms, state_before, answer, "
        "story_id"
    )

    @staticmethod
    def _review(row: Sequence[Any]) -> Review:
        """A review from a row starting with `_REVIEW_COLUMNS`."""
        return Review(
            review_id=row[0],
            card_id=row[1],
            reviewed_at=parse_iso(row[2]),
            rating=Rating(row[3]),
            quality=row[4],
            duration_ms=row[5],
            state_before=State(row[6]),
            answer=row[7] or "",
            story_id=row[8] or "",
        )

    def record_review(self, review: Review, after: MemoryState, *, competency: str) -> int:
        """Store a review and the card's new state together, durably; return the row id.

        Only the review and the state are written: the per-day summary counts new reviews
        through the ``review_day_totals`` view until :meth:`fold_summary` adds them, and the
        state before the rating is the caller's to keep for an undo.
        """
        with self.write() as conn:
            row_id = self._insert_review(conn, review)
            conn.execute(self._UPSERT_STATE, (*self._state_values(after), competency))
        return row_id

    @staticmethod
    def _insert_review(conn: sqlite3.Connection, review: Review) -> int:
        cursor = conn.execute(
            "INSERT INTO reviews(review_id, card_id, reviewed_at, rating, quality, duration_ms, "
            "state_before, answer, story_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                review.review_id,
                review.card_id,
                iso(review.reviewed_at),
                int(review.rating),
                review.quality,
                review.duration_ms,
                int(review.state_before),
                review.answer,
                review.story_id or None,
            ),
        )
        return int(cursor.lastrowid or 0)

    # the per-day summary ----------------------------------------------------------------
    # review_days holds the reviews up to a watermark (meta `SUMMARY_THROUGH`, a reviews.id);
    # the view review_day_totals adds the ones after it, so a rating's commit need not touch
    # the summary. Row ids are reused after the highest is deleted, so every deletion pulls
    # the watermark down to the highest id left.

    @staticmethod
    def _summary_through(conn: sqlite3.Connection) -> int:
        row = conn.execute("SELECT value FROM meta WHERE key = ?", (SUMMARY_THROUGH,)).fetchone()
        return int(row[0]) if row else 0

    def fold_summary(self) -> None:
        """Count the reviews past the watermark into ``review_days`` (when idle, and on close)."""
        if _last_review_id(self.conn) <= self._summary_through(self.conn):
            return
        with self.write() as conn:
            self._fold_summary(conn)

    def _fold_summary(self, conn: sqlite3.Connection) -> None:
        conn.execute(
            "INSERT INTO review_days(competency, day, reviews, recalled, quality_sum, quality_n) "
            "SELECT competency, day, reviews, recalled, quality_sum, quality_n "
            "FROM review_days_tail WHERE true ON CONFLICT(competency, day) DO UPDATE SET "
            "reviews = reviews + excluded.reviews, recalled = recalled + excluded.recalled, "
            "quality_sum = quality_sum + excluded.quality_sum, "
            "quality_n = quality_n + excluded.quality_n"
        )
        self._set_summary_through(conn)

    @staticmethod
    def _set_summary_through(conn: sqlite3.Connection) -> None:
        _put_meta(conn, SUMMARY_THROUGH, str(_last_review_id(conn)))

    @staticmethod
    def _count(
        conn: sqlite3.Connection,
        competency: str,
        moment: datetime,
        rating: Rating,
        quality: int | None,
        sign: int,
    ) -> None:
        conn.execute(
            "INSERT INTO review_days(competency, day, reviews, recalled, quality_sum, quality_n) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(competency, day) DO UPDATE SET "
            "reviews = reviews + excluded.reviews, recalled = recalled + excluded.recalled, "
            "quality_sum = quality_sum + excluded.quality_sum, "
            "quality_n = quality_n + excluded.quality_n",
            (
                competency,
                iso(moment)[:10],
                sign,
                sign * int(rating > Rating.AGAIN),
                sign * (quality or 0),
                sign * int(quality is not None),
            ),
        )

    def undo_review(self, row_id: int, before: MemoryState | None) -> Review | None:
        """Remove a review and put back ``before``, the card's state as read before the rating
        (None: the card had no state row), exactly."""
        with self.write() as conn:
            row = conn.execute(
                f"SELECT {self._REVIEW_COLUMNS}, (SELECT competency FROM cards "
                "WHERE id = reviews.card_id) FROM reviews WHERE id = ?",
                (row_id,),
            ).fetchone()
            if row is None:
                return None
            review = self._review(row)
            conn.execute("DELETE FROM reviews WHERE id = ?", (row_id,))
            if before is None:
                conn.execute("DELETE FROM card_state WHERE card_id = ?", (review.card_id,))
            else:
                conn.execute(self._UPSERT_STATE, (*self._state_values(before), row[9]))
            through = self._summary_through(conn)
            if row_id <= through:
                self._count(conn, row[9], review.reviewed_at, review.rating, review.quality, -1)
                last = _last_review_id(conn)
                if last < through:
                    _put_meta(conn, SUMMARY_THROUGH, str(last))
        return review

    def record_practice(
        self,
        card_id: str,
        *,
        practiced_at: datetime,
        quality: int | None,
        duration_ms: int,
        answer: str = "",
        story_id: str = "",
        source: str = "practice",
    ) -> int:
        """Keep a practice answer; the card's schedule (``card_state``) is not touched."""
        with self.write() as conn:
            row = conn.execute("SELECT competency FROM cards WHERE id = ?", (card_id,)).fetchone()
            if row is None:
                raise StoreError(f"no card '{card_id}'")
            competency = row[0]
            cursor = conn.execute(
                "INSERT INTO practice(card_id, practiced_at, quality, duration_ms, answer, "
                "story_id, source) VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    card_id,
                    iso(practiced_at),
                    quality,
                    duration_ms,
                    answer,
                    story_id or None,
                    source,
                ),
            )
            conn.execute(
                "INSERT INTO review_days(competency, day, practice_quality_sum, "
                "practice_quality_n) "
                "VALUES (?, ?, ?, ?) ON CONFLICT(competency, day) DO UPDATE SET "
                "practice_quality_sum = practice_quality_sum + excluded.practice_quality_sum, "
                "practice_quality_n = practice_quality_n + excluded.practice_quality_n",
                (competency, iso(practiced_at)[:10], quality or 0, int(quality is not None)),
            )
        return int(cursor.lastrowid or 0)

    def undo_practice(self, row_id: int) -> None:
        """Remove a practice answer."""
        with self.write() as conn:
            row = conn.execute(
                "SELECT p.practiced_at, p.quality, c.competency FROM practice p "
                "JOIN cards c ON c.id = p.card_id WHERE p.id = ?",
                (row_id,),
            ).fetchone()
            if row is None:
                return
            conn.execute("DELETE FROM practice WHERE id = ?", (row_id,))
            conn.execute(
                "UPDATE review_days SET practice_quality_sum = practice_quality_sum - ?, "
                "practice_quality_n = practice_quality_n - ? WHERE competency = ? AND day = ?",
                (row[1] or 0, int(row[1] is not None), row[2], row[0][:10]),
            )

    def last_answer(self, card_id: str) -> str:
        """The user's most recent typed answer to a card (review or practice), or ''."""
        value = self._one(
            "SELECT answer FROM (SELECT answer, reviewed_at AS at FROM reviews "
            "WHERE card_id = ? AND answer != '' UNION ALL SELECT answer, practiced_at "
            "FROM practice "
            "WHERE card_id = ? AND answer != '') ORDER BY at DESC LIMIT 1",
            (card_id, card_id),
        )
        return str(value) if value else ""

    def reviews(self, *, card_id: str | None = None) -> Iterator[Review]:
        """Every review in time order (optionally of one card)."""
        if card_id:
            return self._review_rows("WHERE card_id = ?", (card_id,))
        return self._review_rows("", ())

    def _review_rows(self, where: str, params: Sequence[Any]) -> Iterator[Review]:
        for row in self.conn.execute(
            f"SELECT {self._REVIEW_COLUMNS} FROM reviews {where} ORDER BY reviewed_at, id",
            params,
        ):
            yield self._review(row)

    def reschedule(
        self, due_by_card: Mapping[str, datetime], *, meta: Mapping[str, str | None] | None = None
    ) -> int:
        """Set the due date of reviewed cards and meta values in one transaction."""
        with self.write() as conn:
            changed = 0
            for card_id, due_at in due_by_card.items():
                changed += conn.execute(
                    "UPDATE card_state SET due = ? WHERE card_id = ? AND last_review IS NOT NULL",
                    (iso(due_at), card_id),
                ).rowcount
            for key, value in (meta or {}).items():
                _put_meta(conn, key, value)
        return changed

    def reviews_since(self, since: datetime) -> list[Review]:
        """Reviews at or after ``since``, in time order."""
        return [r for r in self._review_rows("WHERE reviewed_at >= ?", (iso(since),))]

    def review_count(self) -> int:
        """How many scheduled reviews are stored."""
        return int(self._one("SELECT count(*) FROM reviews") or 0)

    def merge_reviews(
        self, reviews: Sequence[Review], replay: Callable[[Card, list[Review]], MemoryState | None]
    ) -> tuple[int, int]:
        """Add reviews whose ``review_id`` is not stored yet and rebuild touched cards' states.

        ``replay(card, reviews)`` recomputes a card's state from its reviews in time order.
        Returns (added, already present).
        """
        with self.write() as conn:
            return self._merge_reviews(conn, reviews, replay)

    def _merge_reviews(
        self,
        conn: sqlite3.Connection,
        reviews: Sequence[Review],
        replay: Callable[[Card, list[Review]], MemoryState | None],
    ) -> tuple[int, int]:
        known_cards = {row[0]: row[1] for row in conn.execute("SELECT id, competency FROM cards")}
        missing = sorted({r.card_id for r in reviews} - set(known_cards))
        if missing:
            raise StoreError(f"reviews of unknown cards: {', '.join(missing[:5])}")
        added = 0
        touched: set[str] = set()
        for review in reviews:
            if conn.execute(
                "SELECT 1 FROM reviews WHERE review_id = ?", (review.review_id,)
            ).fetchone():
                continue
            self._insert_review(conn, review)
            touched.add(review.card_id)
            added += 1
        for card_id in touched:
            state = replay(self.card(card_id), list(self.reviews(card_id=card_id)))
            conn.execute("DELETE FROM card_state WHERE card_id = ?", (card_id,))
            if state is not None:
                conn.execute(
                    f"INSERT INTO card_state({self._STATE_COLUMNS}, competency) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (*self._state_values(state), known_cards[card_id]),
                )
        if added:
            self._fold_summary(conn)
        return added, len(reviews) - added

    def card_ids(self) -> set[str]:
        """Every stored card id."""
        return {row[0] for row in self.conn.execute("SELECT id FROM cards")}

    # queue ----------------------------------------------------------------------------

    def due_cards(
        self,
        now: datetime,
        until: datetime,
        where: CardFilter = CardFilter(),
        *,
        most_at_risk: int | None = None,
    ) -> list[DueCard]:
        """Reviewed, active cards due before ``until``, soonest first.

        With ``most_at_risk``, only that many: those with the lowest recall probability at
        ``now`` (the most time elapsed per day of stability, which orders recall the same
        way for any forgetting curve), so a session start need not load every due card.
        """
        columns = (
            "SELECT s.card_id, c.competency, c.type, s.stability, s.last_review, s.due "
            "FROM card_state s CROSS JOIN cards c ON c.id = s.card_id "
        )
        if most_at_risk is None:
            extra, params = where.sql()
            rows = self.conn.execute(
                f"{columns} WHERE s.due <= ? AND s.last_review IS NOT NULL AND {_ACTIVE} "
                f"{extra} ORDER BY s.due",
                [iso(until), iso(now), *params],
            ).fetchall()
        else:
            rows = self._most_at_risk(columns, now, until, where, most_at_risk)
        return [
            DueCard(r[0], r[1], CardType(r[2]), r[3] or 0.0, parse_iso(r[4]), parse_iso(r[5]))
            for r in rows
        ]

    def _most_at_risk(
        self, columns: str, now: datetime, until: datetime, where: CardFilter, count: int
    ) -> list[Any]:
        """The ``count`` due active cards of ``where`` with the lowest recall probability.

        Ranking every due card is cheap on ``card_state`` alone; joining each to ``cards``
        (to drop suspended and buried ones) is not. So the ranking picks a few more
        candidates than needed, only those are joined, and the candidates widen in the rare
        case that too many of them were inactive or outside the filter.
        """
        extra, params = where.sql()
        (now_day,) = self.conn.execute("SELECT julianday(?)", (iso(now),)).fetchone()
        risk = (
            "CASE WHEN s.stability > 0 THEN max(0.0, ? - julianday(s.last_review)) / s.stability"
            " ELSE 1e300 END DESC, s.card_id"
        )
        narrow = "AND s.competency = ?" if where.competency else ""
        candidates = count * 2 + 16
        while candidates <= _WIDEST:
            ids = [
                row[0]
                for row in self.conn.execute(
                    "SELECT s.card_id FROM card_state s WHERE s.due <= ? AND "
                    f"s.last_review IS NOT NULL {narrow} ORDER BY {risk} LIMIT ?",
                    [iso(until), *([where.competency] if narrow else []), now_day, candidates],
                )
            ]
            rows = self.conn.execute(
                f"{columns} WHERE s.card_id IN ({','.join('?' * len(ids))}) AND {_ACTIVE} "
                f"{extra} ORDER BY {risk} LIMIT ?",
                [*ids, iso(now), *params, now_day, count],
            ).fetchall()
            if len(rows) >= count or len(ids) < candidates:
                return rows
            candidates *= 4
        return self.conn.execute(  # most due cards are filtered out: rank them all
            f"{columns} WHERE s.due <= ? AND s.last_review IS NOT NULL AND {_ACTIVE} {extra} "
            f"ORDER BY {risk} LIMIT ?",
            [iso(until), iso(now), *params, now_day, count],
        ).fetchall()

    def next_due(self, now: datetime) -> tuple[str, datetime] | None:
        """The active reviewed card due soonest, and when."""
        row = self.conn.execute(
            # A correlated EXISTS walks card_state in due order (its index) and stops at the
            # first active card; a join lets the planner build a filter over every card first.
            "SELECT s.card_id, s.due FROM card_state s WHERE s.last_review IS NOT NULL AND "
            "EXISTS (SELECT 1 FROM cards c WHERE c.id = s.card_id AND c.suspended = 0 AND "
            "(c.buried_until IS NULL OR c.buried_until <= ?)) ORDER BY s.due LIMIT 1",
            (iso(now),),
        ).fetchone()
        return (row[0], parse_iso(row[1])) if row else None

    def new_cards(
        self, now: datetime, *, per_competency: int, where: CardFilter = CardFilter()
    ) -> list[NewCard]:
        """Up to ``per_competency`` unreviewed active cards per competency, in deck order."""
        extra, params = where.sql()
        out: list[NewCard] = []
        comps = [
            r[0]
            for r in self.conn.execute(
                f"SELECT DISTINCT c.competency FROM cards c WHERE c.retired = 0 {extra}", params
            )
        ]
        for comp in comps:
            rows = self.conn.execute(
                "SELECT c.id, c.type FROM cards c LEFT JOIN card_state s ON s.card_id = c.id "
                f"WHERE c.competency = ? AND {_ACTIVE} AND s.last_review IS NULL {extra} "
                "ORDER BY c.deck_id, c.position LIMIT ?",
                [comp, iso(now), *params, per_competency],
            )
            out.extend(NewCard(r[0], comp, CardType(r[1])) for r in rows)
        return out

    def new_count(self, now: datetime, where: CardFilter = CardFilter()) -> int:
        """How many active cards have never been reviewed."""
        extra, params = where.sql()
        return int(
            self._one(
                "SELECT count(*) FROM cards c LEFT JOIN card_state s ON s.card_id = c.id "
                f"WHERE {_ACTIVE} AND s.last_review IS NULL {extra}",
                [iso(now), *params],
            )
            or 0
        )

    def introduced_since(self, since: datetime) -> int:
        """How many cards got their first review at or after ``since``."""
        return int(
            self._one(
                "SELECT count(*) FROM reviews WHERE reviewed_at >= ? AND state_before = 0",
                (iso(since),),
            )
            or 0
        )

    def practice_candidates(
        self, now: datetime, *, limit: int, where: CardFilter = CardFilter()
    ) -> list[DueCard]:
        """Reviewed active cards not yet due, weakest memory first (for practice top-ups)."""
        extra, params = where.sql()
        rows = self.conn.execute(
            "SELECT s.card_id, c.competency, c.type, s.stability, s.last_review, s.due "
            "FROM card_state s JOIN cards c ON c.id = s.card_id "
            f"WHERE s.last_review IS NOT NULL AND s.due > ? AND {_ACTIVE} {extra} "
            "ORDER BY s.stability LIMIT ?",
            [iso(now), iso(now), *params, limit],
        )
        return [
            DueCard(r[0], r[1], CardType(r[2]), r[3] or 0.0, parse_iso(r[4]), parse_iso(r[5]))
            for r in rows
        ]

    # stats inputs ----------------------------------------------------------------------

    def weekly_counts(
        self, since: date | None = None
    ) -> list[tuple[str, date, int, int, int, int]]:
        """(competency, Monday, reviews, recalled, quality sum, quality n) per week, summed in SQL.

        Quality counts practice answers too; recall and reviews only scheduled reviews.
        """
        rows = self.conn.execute(
            "SELECT competency, date(day, '-6 days', 'weekday 1'), sum(reviews), sum(recalled), "
            "sum(quality_sum + practice_quality_sum), sum(quality_n + practice_quality_n) "
            "FROM review_day_totals WHERE day >= ? GROUP BY 1, 2",
            ((since or date(1970, 1, 1)).isoformat(),),
        )
        return [(r[0], date.fromisoformat(r[1]), r[2], r[3], r[4], r[5]) for r in rows]

    def memory_by_competency(
        self, now: datetime, *, decay: float, factor: float
    ) -> dict[str, CompetencyMemory]:
        """Per competency: (active cards, reviewed cards, mean recall probability now or None).

        The forgetting curve is :func:`drill.core.scheduling.retrievability`; it runs inside
        SQLite when its math functions are compiled in, and in Python otherwise. States carry
        their card's competency, so this reads ``card_state`` alone (retired cards excepted).
        """
        totals = dict(
            self.conn.execute(
                "SELECT competency, count(*) FROM cards WHERE retired = 0 GROUP BY 1"
            ).fetchall()
        )
        active = (
            "last_review IS NOT NULL AND card_id NOT IN (SELECT id FROM cards WHERE retired = 1)"
        )
        sums: dict[str, list[float]] = {}
        if self._has_math:
            for competency, reviewed, total_r, with_r in self.conn.execute(
                "SELECT competency, count(*), sum(CASE WHEN stability > 0 THEN pow(1 + ? * "
                "max(0, julianday(?) - julianday(last_review)) / stability, ?) END), "
                f"count(CASE WHEN stability > 0 THEN 1 END) FROM card_state WHERE {active} "
                "GROUP BY 1",
                (factor, iso(now), decay),
            ):
                sums[competency] = [reviewed, total_r or 0.0, with_r]
        else:
            for competency, stability, elapsed in self.conn.execute(
                "SELECT competency, stability, julianday(?) - julianday(last_review) "
                f"FROM card_state WHERE {active}",
                (iso(now),),
            ):
                acc = sums.setdefault(competency, [0, 0.0, 0])
                acc[0] += 1
                if stability:
                    acc[1] += retrievability(
                        stability, max(0.0, elapsed), decay=decay, factor=factor
                    )
                    acc[2] += 1
        out: dict[str, CompetencyMemory] = {}
        for competency, cards in totals.items():
            reviewed, total_r, with_r = sums.get(competency, (0, 0.0, 0))
            out[competency] = (int(cards), int(reviewed), total_r / with_r if with_r else None)
        return out

    @functools.cached_property
    def _has_math(self) -> bool:
        try:
            self.conn.execute("SELECT pow(2, 0.5)").fetchone()
        except sqlite3.OperationalError:
            return False
        return True

    def card_counts(self) -> dict[str, tuple[int, int]]:
        """Per competency: (active cards, cards reviewed at least once)."""
        rows = self.conn.execute(
            "SELECT c.competency, count(*), count(s.last_review) FROM cards c "
            "LEFT JOIN card_state s ON s.card_id = c.id WHERE c.retired = 0 GROUP BY 1"
        )
        return {r[0]: (r[1], r[2]) for r in rows}

    def due_forecast(
        self, start: datetime, days: int, *, rollover_hour: int
    ) -> list[tuple[date, int]]:
        """How many reviewed active cards fall due on each of the next ``days`` UTC days."""
        end = start + timedelta(days=days)
        rows = self.conn.execute(
            "SELECT substr(s.due, 1, 10), count(*) FROM card_state s JOIN cards c ON "
            "c.id = s.card_id "
            "WHERE s.last_review IS NOT NULL AND c.suspended = 0 AND s.due < ? GROUP BY 1",
            (iso(end),),
        )
        counts = {r[0]: r[1] for r in rows}
        first = start.date()
        overdue = sum(v for k, v in counts.items() if k < first.isoformat())
        out = []
        for offset in range(days):
            day = first + timedelta(days=offset)
            out.append((day, counts.get(day.isoformat(), 0) + (overdue if offset == 0 else 0)))
        return out

    def activity(self, since: date) -> list[tuple[date, int]]:
        """Reviews plus practice answers per UTC day since ``since``."""
        rows = self.conn.execute(
            "SELECT day, sum(reviews + practice_quality_n) FROM review_day_totals WHERE day >= "
            "? GROUP BY day",
            (since.isoformat(),),
        )
        return [(date.fromisoformat(r[0]), r[1]) for r in rows]

    def leeches(self, threshold: int) -> list[tuple[Card, int, bool]]:
        """Cards lapsed at least ``threshold`` times: (card, lapses, suspended)."""
        rows = self._all(
            "SELECT c.id, c.deck_id, c.key, c.type, c.competency, c.body, c.story_id, c.suspended, "
            "s.lapses FROM card_state s JOIN cards c ON c.id = s.card_id WHERE s.lapses >= ? "
            "AND c.retired = 0 ORDER BY s.lapses DESC",
            (threshold,),
        )
        return [(self._card(r), r["lapses"], bool(r["suspended"])) for r in rows]

    def typed_answers(self, *, per_competency: int = 30) -> dict[str, list[str]]:
        """The most recent typed answers (reviews and practice) of each competency."""
        rows = self.conn.execute(
            "SELECT competency, answer FROM (SELECT c.competency, x.answer, ROW_NUMBER() OVER "
            "(PARTITION BY c.competency ORDER BY x.at DESC) AS n FROM (SELECT card_id, answer, "
            "reviewed_at AS at FROM reviews WHERE answer != '' UNION ALL SELECT card_id, answer, "
            "practiced_at FROM practice WHERE answer != '') x JOIN cards c ON c.id = x.card_id) "
            "WHERE n <= ?",
            (per_competency,),
        )
        out: dict[str, list[str]] = {}
        for competency, answer in rows:
            out.setdefault(competency, []).append(answer)
        return out

    def answer_signals(self, hashes: Sequence[str], detector: str) -> dict[str, tuple[str, ...]]:
        """Signals cached for answers (by hash) as read by ``detector``."""
        rows = self._all_in(
            "SELECT answer_hash, signals FROM answer_signals WHERE detector = ? "
            "AND answer_hash IN ({marks})",
            hashes,
            [detector],
        )
        return {row[0]: tuple(s for s in row[1].split(",") if s) for row in rows}

    def remember_answer_signals(self, found: Mapping[str, Sequence[str]], detector: str) -> None:
        """Cache the signals read in answers (by hash); older detectors' rows are dropped."""
        if not found:
            return
        with self.write() as conn:
            conn.execute("DELETE FROM answer_signals WHERE detector != ?", (detector,))
            conn.executemany(
                "INSERT OR REPLACE INTO answer_signals(answer_hash, detector, signals) "
                "VALUES (?, ?, ?)",
                [(h, detector, ",".join(signals)) for h, signals in found.items()],
            )

    def expected_signals(self) -> dict[str, dict[str, int]]:
        """Per competency: how many of its cards expect each signal."""
        out: dict[str, dict[str, int]] = {}
        for competency, body in self.conn.execute(
            "SELECT competency, body FROM cards WHERE retired = 0 AND body LIKE '%\"expects\"%'"
        ):
            for signal in json.loads(body).get("expects", ()):
                counts = out.setdefault(competency, {})
                counts[signal] = counts.get(signal, 0) + 1
        return out

    def answer_durations(self) -> dict[str, tuple[int, int]]:
        """Per card type: (number of reviews, total ms) with a duration recorded."""
        rows = self.conn.execute(
            "SELECT c.type, count(*), sum(r.duration_ms) FROM reviews r JOIN cards c "
            "ON c.id = r.card_id WHERE r.duration_ms > 0 GROUP BY 1"
        )
        return {r[0]: (r[1], r[2]) for r in rows}

    # stories --------------------------------------------------------------------------

    def stories(self) -> list[Story]:
        """The user's story bank, by title."""
        comps: dict[str, list[str]] = {}
        for story_id, comp in self.conn.execute(
            "SELECT story_id, competency FROM story_competencies ORDER BY story_id, position"
        ):
            comps.setdefault(story_id, []).append(comp)
        return [
            Story(
                id=r["id"],
                title=r["title"],
                competencies=tuple(comps.get(r["id"], ())),
                situation=r["situation"],
                task=r["task"],
                action=r["action"],
                result=r["result"],
                learned=r["learned"],
                decisions=r["decisions"],
                stakeholders=r["stakeholders"],
                metrics=r["metrics"],
                mistakes=r["mistakes"],
            )
            for r in self._all("SELECT * FROM stories ORDER BY title COLLATE NOCASE")
        ]

    def story(self, story_id: str) -> Story | None:
        """One story by id."""
        return next((s for s in self.stories() if s.id == story_id), None)

    def save_stories(self, stories: Iterable[Story]) -> tuple[int, int]:
        """Add or replace stories and keep their story cards in step; (added, updated)."""
        now = iso(datetime.now(UTC))
        added = updated = 0
        with self.write() as conn:
            for story in stories:
                exists = conn.execute("SELECT 1 FROM stories WHERE id = ?", (story.id,)).fetchone()
                conn.execute(
                    "INSERT INTO stories(id, title, situation, task, action, result, learned, "
                    "decisions, stakeholders, metrics, mistakes, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
                    "title = excluded.title, situation = excluded.situation, task = excluded.task, "
                    "action = excluded.action, result = excluded.result, learned = "
                    "excluded.learned, "
                    "decisions = excluded.decisions, stakeholders = excluded.stakeholders, "
                    "metrics = excluded.metrics, mistakes = excluded.mistakes, "
                    "updated_at = excluded.updated_at",
                    (story.id, story.title, *story.text_fields, now, now),
                )
                conn.execute("DELETE FROM story_competencies WHERE story_id = ?", (story.id,))
                conn.executemany(
                    "INSERT INTO story_competencies(story_id, competency, position) "
                    "VALUES (?, ?, ?)",
                    [(story.id, comp, i) for i, comp in enumerate(story.competencies)],
                )
                self._sync_story_cards(conn, story, now)
                if exists:
                    updated += 1
                else:
                    added += 1
        return added, updated

    def _sync_story_cards(self, conn: sqlite3.Connection, story: Story, now: str) -> None:
        from hashlib import sha1  # here: hashlib loads OpenSSL, which first card does not need

        conn.execute(
            "INSERT OR IGNORE INTO decks(id, title, description, builtin, imported_at) "
            "VALUES (?, 'My stories', 'Cards drill makes from your story bank', 0, ?)",
            (STORY_DECK, now),
        )
        wanted = {f"{story.id}--{comp}": comp for comp in story.competencies}
        existing = {
            row[0]: row[1]
            for row in conn.execute(
                "SELECT key, retired FROM cards WHERE deck_id = ? AND story_id = ?",
                (STORY_DECK, story.id),
            )
        }
        position = self._one(
            "SELECT COALESCE(MAX(position), 0) FROM cards WHERE deck_id = ?", (STORY_DECK,)
        )
        for offset, (key, comp) in enumerate(wanted.items(), start=1):
            card = Card(
                id=f"{STORY_DECK}/{key}",
                deck_id=STORY_DECK,
                key=key,
                type=CardType.STORY,
                competency=comp,
                prompt=story.title,
                answer=story.outline,
                story_id=story.id,
            )
            body = _card_body(card)
            conn.execute(
                "INSERT INTO cards(id, deck_id, key, type, competency, prompt, position, body, "
                "content_hash, story_id) VALUES (?, ?, ?, 'story', ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET prompt = excluded.prompt, body = excluded.body, "
                "content_hash = excluded.content_hash, "
                "suspended = CASE WHEN cards.retired THEN 0 ELSE cards.suspended END, retired = 0",
                (
                    card.id,
                    STORY_DECK,
                    key,
                    comp,
                    story.title,
                    (position or 0) + offset,
                    body,
                    sha1(body.encode()).hexdigest(),
                    story.id,
                ),
            )
        for key, retired in existing.items():
            if key not in wanted and not retired:
                conn.execute(
                    "UPDATE cards SET suspended = 1, retired = 1 WHERE id = ?",
                    (f"{STORY_DECK}/{key}",),
                )

    def delete_story(self, story_id: str) -> bool:
        """Delete a story; its cards are retired so their history stays."""
        with self.write() as conn:
            conn.execute("DELETE FROM story_competencies WHERE story_id = ?", (story_id,))
            gone = conn.execute("DELETE FROM stories WHERE id = ?", (story_id,)).rowcount
            conn.execute(
                "UPDATE cards SET suspended = 1, retired = 1 WHERE deck_id = ? AND story_id = ?",
                (STORY_DECK, story_id),
            )
        return bool(gone)

    def story_usage(self) -> list[tuple[str, str, int]]:
        """(story id, competency of the question, times chosen) from reviews and practice."""
        rows = self.conn.execute(
            "SELECT x.story_id, c.competency, count(*) FROM (SELECT card_id, story_id FROM reviews "
            "WHERE story_id IS NOT NULL UNION ALL SELECT card_id, story_id FROM practice "
            "WHERE story_id IS NOT NULL) x JOIN cards c ON c.id = x.card_id GROUP BY 1, 2"
        )
        return [(r[0], r[1], r[2]) for r in rows]


_JSON_TEXT = json.JSONEncoder(ensure_ascii=False, sort_keys=True, check_circular=False).encode


def _card_body(card: Card, quote: Callable[[str], str] = encode_basestring_ascii) -> str:
    """``json.dumps(card_fields(card), ensure_ascii=False, sort_keys=True)``, faster.

    Its hash tells an unchanged card, so the text must not change. The JSON is joined
    from strings quoted one by one (a 10k-card import spends most of its Python time
    here). Like the encoder, it writes any ``str`` (the type too: a ``StrEnum``) as a string.
    ASCII-only text quotes the same with the faster ASCII quoter; any ``\\u`` escape in the
    result (a non-ASCII or control character) sends the card back through the exact
    quoter. A value of any other shape goes to the encoder itself.
    """
    if card.key and card.competency:  # card_fields keeps these two even when empty
        try:
            body = ", ".join(
                [
                    prefix + (quote(value) if isinstance(value, str) else _json_list(value, quote))
                    for prefix, name in _body_fields()
                    if (value := getattr(card, name))
                ]
            )
        except TypeError:
            pass
        else:
            if quote is encode_basestring or "\\u" not in body:
                return "{" + body + "}"
            return _card_body(card, encode_basestring)
    from drill.core.decks import card_fields  # YAML comes with it: imports only

    return _JSON_TEXT(card_fields(card))


@functools.cache
def _body_fields() -> tuple[tuple[str, str], ...]:
    """(quoted key and ': ', Card attribute) of every deck-file field, in key order."""
    from drill.core.decks import CARD_KEYS  # YAML comes with it: imports only

    return tuple((f"{json.dumps(k)}: ", "key" if k == "id" else k) for k in sorted(CARD_KEYS))


def _json_list(value: object, quote: Callable[[str], str]) -> str:
    if value.__class__ is tuple or value.__class__ is list:
        return "[" + ", ".join(map(quote, value)) + "]"
    raise TypeError(value)


def _last_review_id(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT max(id) FROM reviews").fetchone()[0] or 0)


def _put_meta(conn: sqlite3.Connection, key: str, value: str | None) -> None:
    if value is None:
        conn.execute("DELETE FROM meta WHERE key = ?", (key,))
    else:
        conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, value),
        )


class Finding(NamedTuple):
    """One thing ``drill doctor`` found, and whether it was repaired."""

    what: str
    repaired: bool = False


def doctor(store: Store, *, backup_to: Path | None, repair: bool) -> list[Finding]:
    """Check integrity, back up, and repair what is safe to repair (derived data only)."""
    findings: list[Finding] = []
    result = [row[0] for row in store.conn.execute("PRAGMA integrity_check")]
    if result != ["ok"]:
        findings += [Finding(f"integrity: {line}") for line in result[:20]]
        return findings
    if backup_to is not None:
        target = sqlite3.connect(str(backup_to))
        with target:
            store.conn.backup(target)
        target.close()
        findings.append(Finding(f"backup written to {backup_to}", True))
    checks = [
        (
            "card states without a card",
            "SELECT count(*) FROM card_state WHERE card_id NOT IN (SELECT id FROM cards)",
            "DELETE FROM card_state WHERE card_id NOT IN (SELECT id FROM cards)",
        ),
        (
            "cards due before their last review (clock went backwards)",
            "SELECT count(*) FROM card_state WHERE last_review IS NOT NULL AND due < last_review",
            "UPDATE card_state SET due = last_review WHERE last_review IS NOT NULL AND "
            "due < last_review",
        ),
        (
            "story links to missing stories",
            "SELECT count(*) FROM story_competencies WHERE story_id "
            "NOT IN (SELECT id FROM stories)",
            "DELETE FROM story_competencies WHERE story_id NOT IN (SELECT id FROM stories)",
        ),
    ]
    for label, count_sql, fix_sql in checks:
        n = int(store._one(count_sql) or 0)
        if n:
            if repair:
                with store.write() as conn:
                    conn.execute(fix_sql)
            findings.append(Finding(f"{n} {label}", repair))
    orphans = int(
        store._one("SELECT count(*) FROM reviews WHERE card_id NOT IN (SELECT id FROM cards)") or 0
    )
    if orphans:
        findings.append(Finding(f"{orphans} reviews of missing cards (kept; re-import their deck)"))
    summary_ok = store._one(
        "SELECT count(*) FROM (SELECT c.competency, substr(r.reviewed_at, 1, 10) AS day, "
        "count(*) AS n "
        "FROM reviews r JOIN cards c ON c.id = r.card_id GROUP BY 1, 2) x LEFT JOIN "
        "(SELECT competency, day, sum(reviews) AS reviews FROM review_day_totals GROUP BY 1, 2) d "
        "ON d.competency = x.competency AND d.day = x.day WHERE d.reviews IS NOT x.n"
    )
    if summary_ok:
        if repair:
            with store.write() as conn:
                store._rebuild_summary(conn)
        findings.append(Finding("stats summary out of step with the reviews", repair))
    return findings


def new_review_id() -> str:
    """A globally unique review id for a review made now (see :func:`review_id`)."""
    return review_id(time.time_ns() // 1_000_000, int.from_bytes(os.urandom(10)))


def review_id(unix_ms: int, rand: int) -> str:
    """32 hex digits laid out as a UUID version 7 (RFC 9562): time first, then 74 random bits.

    The first 48 bits are the Unix time in milliseconds, so a new id sorts after the older
    ones and each rating appends to the ``review_id`` index rather than splitting a page in
    the middle of it. ``rand`` supplies the random bits (80 are read, 74 kept).
    """
    value = (
        unix_ms << 80 | 0x7 << 76 | (rand >> 68 & 0xFFF) << 64 | 0b10 << 62 | rand & (1 << 62) - 1
    )
    return f"{value:032x}"
