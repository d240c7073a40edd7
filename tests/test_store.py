"""The store: migrations, durability settings, exact undo, atomic imports, concurrency."""

from __future__ import annotations

import os
import random
import sqlite3
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import drill.store
from drill import builtin, migrations
from drill.core.decks import parse_deck
from drill.core.model import Card, CardType, Deck, MemoryState, Rating, Review, State
from drill.core.scheduling import Scheduler, SchedulerSettings
from drill.core.text import clean_text
from drill.store import CardFilter, DueCard, Store, StoreBusy, iso, new_review_id, review_id

DECK = b"""\
deck: mine
title: Mine
cards:
  - {id: one, type: question, competency: hiring, prompt: First?}
  - {id: two, type: basic, competency: hiring, prompt: Second?, answer: A}
  - {id: three, type: basic, competency: org-strategy, prompt: Third?, answer: B}
"""

SCHEDULER = Scheduler(SchedulerSettings(fuzz=False))


def deck(data: bytes = DECK) -> Deck:
    """A parsed deck."""
    return parse_deck(data, path="mine.yaml")


def review(
    store: Store, card_id: str, rating: Rating, at: datetime, quality: int | None = None
) -> int:
    """Rate a card the way a session does; return the review's row id."""
    card = store.card(card_id)
    before = store.state(card_id)
    after = SCHEDULER.review(before, card_id=card_id, card_type=card.type, rating=rating, now=at)
    row = Review(
        review_id=new_review_id(),
        card_id=card_id,
        reviewed_at=at,
        rating=rating,
        quality=quality,
        duration_ms=1500,
        state_before=before.state if before and before.last_review_at else State.NEW,
    )
    return store.record_review(row, after, competency=card.competency)


def raw_rows(store: Store, table: str) -> list[tuple[Any, ...]]:
    """Every row of a table, in rowid order, as stored."""
    return [tuple(r) for r in store.conn.execute(f"SELECT * FROM {table} ORDER BY rowid")]


def schema(store: Store) -> list[tuple[str, str]]:
    """The database's tables and indexes with their SQL."""
    return store.conn.execute(
        "SELECT name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY name"
    ).fetchall()


@pytest.fixture
def mine(empty_store: Store) -> Store:
    """A store holding only the small deck above."""
    empty_store.import_decks([deck()])
    return empty_store


# --- schema and pragmas -----------------------------------------------------------------


def test_migrations_applied_twice_are_harmless(store: Store, db_path: Path) -> None:
    before = schema(store)
    rows = raw_rows(store, "cards")
    assert store.user_version == migrations.LATEST
    assert migrations.apply(store) == 0
    assert store.user_version == migrations.LATEST
    assert schema(store) == before
    store.close()
    with Store.open(db_path) as again:
        assert again.user_version == migrations.LATEST
        assert schema(again) == before
        assert raw_rows(again, "cards") == rows


def test_the_public_tables_and_columns_exist(empty_store: Store) -> None:
    public = {
        "competencies": {"id", "name", "dimension"},
        "decks": {"id", "title"},
        "cards": {"id", "deck_id", "type", "competency", "prompt", "suspended"},
        "reviews": {
            "id",
            "review_id",
            "card_id",
            "reviewed_at",
            "rating",
            "quality",
            "duration_ms",
        },
        "card_state": {"card_id", "state", "stability", "difficulty", "due", "last_review"},
        "stories": {"id", "title"},
    }
    for table, columns in public.items():
        found = {row[1] for row in empty_store.conn.execute(f"PRAGMA table_info({table})")}
        assert columns <= found, table


def test_built_in_competencies_are_loaded(empty_store: Store) -> None:
    assert len(empty_store.competencies()) == 11


def test_wal_and_synchronous_full(store: Store) -> None:
    assert store.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.conn.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert store.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_no_public_call_leaves_a_transaction_open(mine: Store, now: datetime) -> None:
    calls: list[Callable[[], object]] = [
        lambda: mine.import_decks([deck()]),
        lambda: mine.import_decks([deck()], dry_run=True),
        lambda: review(mine, "mine/one", Rating.GOOD, now),
        lambda: mine.undo_review(review(mine, "mine/two", Rating.AGAIN, now), None),
        lambda: mine.record_practice("mine/one", practiced_at=now, quality=3, duration_ms=10),
        lambda: mine.undo_practice(
            mine.record_practice("mine/two", practiced_at=now, quality=2, duration_ms=10)
        ),
        lambda: mine.set_suspended("mine/three", True),
        lambda: mine.set_suspended("mine/three", False),
        lambda: mine.bury("mine/two", now + timedelta(days=1)),
        lambda: mine.set_meta("k", "v"),
        lambda: mine.save_settings(mine.settings()),
        lambda: mine.decks(now, now + timedelta(days=1)),
        lambda: mine.deck("mine"),
        lambda: mine.due_cards(now, now + timedelta(days=9)),
        lambda: mine.new_cards(now, per_competency=5),
        lambda: mine.practice_candidates(now, limit=5),
        lambda: list(mine.reviews()),
        lambda: mine.weekly_counts(),
        lambda: mine.card_counts(),
        lambda: mine.state("mine/one"),
        lambda: mine.merge_reviews(list(mine.reviews()), lambda card, history: None),
        lambda: mine.import_decks([deck()], prune=True),
    ]
    for call in calls:
        call()
        assert not mine.conn.in_transaction, call


def test_a_failed_write_rolls_back_and_closes_the_transaction(mine: Store) -> None:
    before = raw_rows(mine, "cards")
    with pytest.raises(RuntimeError), mine.write() as conn:
        conn.execute("UPDATE cards SET suspended = 1")
        raise RuntimeError("boom")
    assert not mine.conn.in_transaction
    assert raw_rows(mine, "cards") == before


# --- reviews, undo, practice ------------------------------------------------------------


def test_a_review_stores_utc_iso_text(mine: Store, now: datetime) -> None:
    review(mine, "mine/one", Rating.GOOD, now, quality=4)
    reviewed_at, rating, quality = mine.conn.execute(
        "SELECT reviewed_at, rating, quality FROM reviews"
    ).fetchone()
    assert reviewed_at == iso(now)
    assert reviewed_at.endswith("+00:00")
    assert (rating, quality) == (3, 4)
    state = mine.state("mine/one")
    assert state is not None and state.last_review_at == now


def test_undo_of_a_first_review_leaves_no_state_and_no_review(mine: Store, now: datetime) -> None:
    mine.fold_summary()
    summary = raw_rows(mine, "review_days")
    row_id = review(mine, "mine/one", Rating.GOOD, now, quality=4)
    mine.fold_summary()
    undone = mine.undo_review(row_id, None)
    assert undone is not None and undone.card_id == "mine/one"
    assert mine.state_row("mine/one") is None
    assert mine.review_count() == 0
    zeroed = [r for r in raw_rows(mine, "review_days") if any(r[2:])]
    assert zeroed == summary


def test_undo_restores_the_card_state_row_exactly(mine: Store, now: datetime) -> None:
    review(mine, "mine/two", Rating.AGAIN, now)
    review(mine, "mine/two", Rating.GOOD, now + timedelta(minutes=1))
    before = mine.state_row("mine/two")
    reviews_before = raw_rows(mine, "reviews")
    state = mine.state("mine/two")
    row_id = review(mine, "mine/two", Rating.EASY, now + timedelta(minutes=11))
    assert mine.state_row("mine/two") != before
    mine.undo_review(row_id, state)
    assert mine.state_row("mine/two") == before
    assert raw_rows(mine, "reviews") == reviews_before


def test_undo_of_an_unknown_review_changes_nothing(mine: Store, now: datetime) -> None:
    review(mine, "mine/one", Rating.GOOD, now)
    before = raw_rows(mine, "card_state"), raw_rows(mine, "reviews")
    assert mine.undo_review(9999, None) is None
    assert (raw_rows(mine, "card_state"), raw_rows(mine, "reviews")) == before


def test_practice_leaves_card_state_byte_identical(mine: Store, now: datetime) -> None:
    review(mine, "mine/one", Rating.GOOD, now)
    before = mine.conn.execute(
        "SELECT hex(card_id), hex(state), hex(stability), hex(difficulty), hex(due), "
        "hex(last_review), * FROM card_state"
    ).fetchall()
    row_id = mine.record_practice(
        "mine/one",
        practiced_at=now + timedelta(hours=1),
        quality=2,
        duration_ms=9000,
        answer="notes",
    )
    mine.record_practice("mine/two", practiced_at=now, quality=None, duration_ms=10)
    after = mine.conn.execute(
        "SELECT hex(card_id), hex(state), hex(stability), hex(difficulty), hex(due), "
        "hex(last_review), * FROM card_state"
    ).fetchall()
    assert after == before
    assert mine.state_row("mine/two") is None
    assert mine.review_count() == 1
    assert mine.conn.execute("SELECT count(*) FROM practice").fetchone()[0] == 2
    assert mine.last_answer("mine/one") == "notes"
    mine.undo_practice(row_id)
    assert mine.conn.execute("SELECT count(*) FROM practice").fetchone()[0] == 1


GROUPED_REVIEWS = (
    "SELECT c.competency, substr(r.reviewed_at, 1, 10), count(*), sum(r.rating > 1), "
    "COALESCE(sum(r.quality), 0), count(r.quality) FROM reviews r "
    "JOIN cards c ON c.id = r.card_id GROUP BY 1, 2 ORDER BY 1, 2"
)


def summary_rows(store: Store, table: str) -> list[tuple[Any, ...]]:
    """The per-day review counts in ``table`` (the summary, or the view over it and the tail)."""
    return store.conn.execute(
        "SELECT competency, day, sum(reviews), sum(recalled), sum(quality_sum), "
        f"sum(quality_n) FROM {table} GROUP BY 1, 2 "
        "HAVING sum(reviews) OR sum(recalled) OR sum(quality_sum) OR sum(quality_n) "
        "ORDER BY 1, 2"
    ).fetchall()


def test_review_days_summary_equals_a_group_by_over_reviews(mine: Store, now: datetime) -> None:
    tomorrow = now + timedelta(days=1)
    review(mine, "mine/one", Rating.GOOD, now, quality=4)
    before_two = mine.state("mine/two")
    undo_later = review(mine, "mine/two", Rating.AGAIN, now, quality=None)
    review(mine, "mine/three", Rating.HARD, now, quality=2)
    mine.fold_summary()  # the first three are in review_days, the rest only in the tail
    review(mine, "mine/two", Rating.GOOD, now + timedelta(minutes=2), quality=3)
    before_one = mine.state("mine/one")
    last = review(mine, "mine/one", Rating.EASY, tomorrow + timedelta(days=2), quality=5)
    review(mine, "mine/three", Rating.AGAIN, tomorrow + timedelta(days=2), quality=1)
    mine.undo_review(last, before_one)
    mine.undo_review(undo_later, before_two)
    review(mine, "mine/one", Rating.AGAIN, tomorrow + timedelta(days=2), quality=2)
    expected = mine.conn.execute(GROUPED_REVIEWS).fetchall()
    assert summary_rows(mine, "review_day_totals") == expected
    assert summary_rows(mine, "review_days") != expected
    mine.fold_summary()
    assert summary_rows(mine, "review_days") == expected
    assert summary_rows(mine, "review_day_totals") == expected
    negative = mine.conn.execute(
        "SELECT count(*) FROM review_days WHERE min(reviews, recalled, quality_sum, quality_n) < 0"
    ).fetchone()[0]
    assert negative == 0


def test_a_row_id_reused_after_an_undo_is_still_counted(mine: Store, now: datetime) -> None:
    review(mine, "mine/one", Rating.GOOD, now, quality=4)
    before = mine.state("mine/two")
    undone = review(mine, "mine/two", Rating.AGAIN, now)
    mine.fold_summary()
    mine.undo_review(undone, before)
    again = review(mine, "mine/two", Rating.GOOD, now + timedelta(minutes=1), quality=3)
    assert again == undone  # SQLite hands out the freed highest row id again
    expected = mine.conn.execute(GROUPED_REVIEWS).fetchall()
    assert summary_rows(mine, "review_day_totals") == expected
    mine.fold_summary()
    assert summary_rows(mine, "review_days") == expected


def test_closing_the_store_folds_the_summary(tmp_path: Path, now: datetime) -> None:
    store = Store.open(tmp_path / "fold.db")
    store.import_decks([deck()])
    review(store, "mine/one", Rating.GOOD, now, quality=4)
    assert summary_rows(store, "review_days") == []
    store.close()
    store = Store.open(tmp_path / "fold.db")
    assert summary_rows(store, "review_days") == [("hiring", iso(now)[:10], 1, 1, 4, 1)]
    store.close()


def test_moving_a_reviewed_card_to_another_competency_moves_its_counts(
    mine: Store, now: datetime
) -> None:
    review(mine, "mine/two", Rating.GOOD, now, quality=4)
    mine.record_practice("mine/two", practiced_at=now, quality=2, duration_ms=10)
    mine.import_decks(
        [
            deck(
                DECK.replace(
                    b"competency: hiring, prompt: Second?",
                    b"competency: org-strategy, prompt: Second?",
                )
            )
        ]
    )
    rows = mine.conn.execute(
        "SELECT competency, reviews, quality_sum, practice_quality_sum FROM review_days "
        "WHERE reviews OR practice_quality_n"
    ).fetchall()
    assert rows == [("org-strategy", 1, 4, 2)]


# --- imports ----------------------------------------------------------------------------


def test_an_import_that_fails_midway_leaves_nothing(
    empty_store: Store, monkeypatch: pytest.MonkeyPatch, db_dump: Any, tmp_path: Path
) -> None:
    before = db_dump(tmp_path / "empty.db")
    real = Store._import_deck
    seen: list[str] = []

    def fail_on_second(self: Store, conn: sqlite3.Connection, d: Deck, *args: Any) -> Any:
        seen.append(d.id)
        if len(seen) == 2:
            raise RuntimeError("disk on fire")
        return real(self, conn, d, *args)

    monkeypatch.setattr(Store, "_import_deck", fail_on_second)
    other = deck(DECK.replace(b"deck: mine", b"deck: other"))
    with pytest.raises(RuntimeError):
        empty_store.import_decks([deck(), other])
    assert seen == ["mine", "other"]
    assert not empty_store.conn.in_transaction
    assert db_dump(tmp_path / "empty.db") == before


def test_importing_the_same_deck_again_changes_nothing(mine: Store) -> None:
    cards = raw_rows(mine, "cards")
    (report,) = mine.import_decks([deck()])
    assert (report.added, report.updated, report.unchanged, report.retired) == (0, 0, 3, 0)
    assert raw_rows(mine, "cards") == cards


def test_reimport_with_an_edited_prompt_keeps_history_and_updates_text(
    mine: Store, now: datetime
) -> None:
    review(mine, "mine/two", Rating.GOOD, now)
    state = mine.state_row("mine/two")
    reviews = raw_rows(mine, "reviews")
    (report,) = mine.import_decks([deck(DECK.replace(b"Second?", b"Second (reworded)?"))])
    assert (report.added, report.updated, report.unchanged) == (0, 1, 2)
    assert mine.card("mine/two").prompt == "Second (reworded)?"
    assert (
        mine.conn.execute("SELECT prompt FROM cards WHERE id = 'mine/two'").fetchone()[0]
        == "Second (reworded)?"
    )
    assert raw_rows(mine, "reviews") == reviews
    assert mine.state_row("mine/two") == state


def test_a_card_removed_from_the_deck_is_retired_with_its_history(
    mine: Store, now: datetime
) -> None:
    review(mine, "mine/three", Rating.GOOD, now)
    (report,) = mine.import_decks([deck(DECK.rsplit(b"  - ", 1)[0])])
    assert report.retired == 1
    assert mine.is_suspended("mine/three")
    assert mine.review_count() == 1
    assert mine.state_row("mine/three") is not None
    assert [c.key for c in mine.deck("mine").cards] == ["one", "two"]
    (back,) = mine.import_decks([deck()])
    assert back.updated == 1
    assert not mine.is_suspended("mine/three")


def test_prune_deletes_a_removed_card_and_its_history(mine: Store, now: datetime) -> None:
    review(mine, "mine/three", Rating.GOOD, now)
    review(mine, "mine/one", Rating.GOOD, now)
    (report,) = mine.import_decks([deck(DECK.rsplit(b"  - ", 1)[0])], prune=True)
    assert report.retired == 1
    assert "mine/three" not in mine.card_ids()
    assert mine.state_row("mine/three") is None
    assert [r.card_id for r in mine.reviews()] == ["mine/one"]
    assert (
        mine.conn.execute(
            "SELECT count(*) FROM review_days WHERE competency = 'org-strategy' AND reviews != 0"
        ).fetchone()[0]
        == 0
    )


def test_a_dry_run_writes_nothing(empty_store: Store, db_dump: Any, tmp_path: Path) -> None:
    before = db_dump(tmp_path / "empty.db")
    (report,) = empty_store.import_decks([deck()], dry_run=True)
    assert report.added == 3
    assert not empty_store.conn.in_transaction
    assert db_dump(tmp_path / "empty.db") == before
    assert empty_store.card_ids() == set()


def test_a_deck_comes_back_out_as_it_went_in(mine: Store) -> None:
    assert mine.deck("mine") == deck()


def test_syncing_the_built_in_decks_again_changes_nothing(
    store: Store, db_path: Path, db_dump: Any
) -> None:
    before = db_dump(db_path)
    assert builtin.sync(store) == []
    assert db_dump(db_path) == before


def _copied_builtin_decks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The built-in deck files copied under ``tmp_path``, which sync then reads instead."""
    folder = tmp_path / "decks"
    folder.mkdir()
    copies = []
    for path in builtin.builtin_deck_files():
        copy = folder / path.name
        copy.write_bytes(path.read_bytes())
        copies.append(copy)
    monkeypatch.setattr(builtin, "builtin_deck_files", lambda: copies)
    return copies


def _synced_copy(store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, str]:
    """Sync from copied deck files; the first file and its deck id."""
    first, *_ = _copied_builtin_decks(tmp_path, monkeypatch)
    builtin.sync(store)
    return first, parse_deck(first.read_bytes(), path=str(first)).id


def test_an_unchanged_start_reads_no_deck_file(
    empty_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _copied_builtin_decks(tmp_path, monkeypatch)
    assert builtin.sync(empty_store)  # first start: every deck imported

    def refuse(self: Path) -> bytes:
        raise AssertionError(f"{self} was read")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert builtin.sync(empty_store) == []


def test_a_touched_or_edited_deck_file_is_synced_again(
    empty_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, deck_id = _synced_copy(empty_store, tmp_path, monkeypatch)
    text = first.read_text(encoding="utf-8")
    os.utime(first, ns=(1, 1))  # touched: hashed again, and found to be the deck on record
    assert builtin.sync(empty_store) == []
    old_prompt = empty_store.deck(deck_id).cards[0].prompt
    first.write_text(text.replace(old_prompt, "A reworded prompt?", 1), encoding="utf-8")
    (report,) = builtin.sync(empty_store)
    assert (report.deck_id, report.updated) == (deck_id, 1)
    assert empty_store.deck(deck_id).cards[0].prompt == "A reworded prompt?"


def test_a_built_in_deck_overwritten_in_the_database_is_restored(
    empty_store: Store, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, deck_id = _synced_copy(empty_store, tmp_path, monkeypatch)
    with empty_store.write() as conn:  # as if the user imported their own deck of that id
        conn.execute("UPDATE decks SET content_hash = 'theirs' WHERE id = ?", (deck_id,))
    (report,) = builtin.sync(empty_store)
    assert report.deck_id == deck_id


_TEXT = st.text(st.characters(codec="utf-8"), max_size=40).map(clean_text).filter(bool)


@st.composite
def _generated_deck(draw: st.DrawFn) -> Deck:
    keys = draw(
        st.lists(
            st.from_regex(r"[a-z0-9][a-z0-9-]{0,8}", fullmatch=True),
            min_size=1,
            max_size=4,
            unique=True,
        )
    )
    cards = tuple(
        Card(
            id=f"gen/{key}",
            deck_id="gen",
            key=key,
            type=draw(st.sampled_from([CardType.BASIC, CardType.QUESTION])),
            competency=draw(st.sampled_from(["hiring", "org-strategy"])),
            prompt=draw(_TEXT),
            answer=draw(_TEXT),
            signals=tuple(draw(st.lists(_TEXT, max_size=3))),
            tags=tuple(draw(st.lists(_TEXT, max_size=2))),
        )
        for key in keys
    )
    return Deck("gen", draw(_TEXT), cards, draw(st.one_of(st.just(""), _TEXT)))


@given(_generated_deck())
def test_any_deck_comes_back_out_of_the_store_equal(generated: Deck) -> None:
    with Store.open(":memory:") as memory:
        memory.import_decks([generated])
        assert memory.deck("gen") == generated


# --- two connections --------------------------------------------------------------------


def test_a_reader_is_not_blocked_by_an_open_write(
    store: Store, db_path: Path, now: datetime
) -> None:
    card_id = sorted(store.card_ids())[0]
    with Store.open(db_path) as reader:
        with store.write() as conn:
            conn.execute("UPDATE cards SET suspended = 1 WHERE id = ?", (card_id,))
            assert not reader.is_suspended(card_id)
            assert reader.decks(now, now)
        assert reader.is_suspended(card_id)


def test_a_writer_blocked_past_the_timeout_gets_store_busy(
    store: Store, db_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(drill.store, "BUSY_TIMEOUT_MS", 50)
    with Store.open(db_path) as other:
        with store.write():
            with pytest.raises(StoreBusy, match="busy"):
                other.set_meta("k", "v")
            assert not other.conn.in_transaction
        other.set_meta("k", "v")
        assert store.meta("k") == "v"


def test_memory_state_round_trips_through_the_store(mine: Store, now: datetime) -> None:
    review(mine, "mine/two", Rating.AGAIN, now)
    state = mine.state("mine/two")
    expected = SCHEDULER.review(
        None, card_id="mine/two", card_type=mine.card("mine/two").type, rating=Rating.AGAIN, now=now
    )
    assert isinstance(state, MemoryState)
    assert state == expected


def test_most_at_risk_due_cards_are_those_of_lowest_recall(store: Store, now: datetime) -> None:
    rng = random.Random(7)
    ids = sorted(store.card_ids())[:80]
    for card_id in ids:
        start = now - timedelta(days=rng.randint(20, 90), minutes=rng.randint(0, 1440))
        for step in range(rng.randint(1, 4)):
            rating = rng.choice([Rating.AGAIN, Rating.HARD, Rating.GOOD, Rating.EASY])
            review(store, card_id, rating, start + timedelta(days=3 * step))
    due = store.due_cards(now, now)
    assert len(due) > 30

    def recall(card: DueCard) -> float:
        state = store.state(card.card_id)
        assert state is not None
        return SCHEDULER.retrievability(state, now)

    expected = [c.card_id for c in sorted(due, key=lambda c: (recall(c), c.card_id))[:25]]
    riskiest = store.due_cards(now, now, most_at_risk=25)
    assert [c.card_id for c in sorted(riskiest, key=lambda c: (recall(c), c.card_id))] == expected


def test_most_at_risk_looks_past_inactive_and_filtered_out_cards(
    store: Store, now: datetime
) -> None:
    rng = random.Random(11)
    for card_id in sorted(store.card_ids())[:120]:
        start = now - timedelta(days=rng.randint(20, 90), minutes=rng.randint(0, 1440))
        review(store, card_id, rng.choice([Rating.AGAIN, Rating.GOOD]), start)

    def recall(card: DueCard) -> float:
        state = store.state(card.card_id)
        assert state is not None
        return SCHEDULER.retrievability(state, now)

    ranked = sorted(store.due_cards(now, now), key=lambda c: (recall(c), c.card_id))
    assert len(ranked) > 60
    for card in ranked[:40]:  # more than the first round of candidates
        store.set_suspended(card.card_id, True)
    active = ranked[40:]
    assert [c.card_id for c in store.due_cards(now, now, most_at_risk=5)] == [
        c.card_id for c in active[:5]
    ]
    competency = active[-1].competency
    wanted = [c.card_id for c in active if c.competency == competency][:3]
    picked = store.due_cards(now, now, CardFilter(competency=competency), most_at_risk=3)
    assert [c.card_id for c in picked] == wanted


def test_review_ids_are_uuid7_and_sort_by_time() -> None:
    ids = [review_id(ms, 2**80 - 1 - ms) for ms in (1_700_000_000_000, 1_700_000_000_001)]
    assert ids == sorted(ids)
    for text in [*ids, new_review_id()]:
        parsed = uuid.UUID(hex=text)
        assert (parsed.version, parsed.variant) == (7, uuid.RFC_4122)
        assert len(text) == 32
    assert int(ids[0][:12], 16) == 1_700_000_000_000
    assert len({new_review_id() for _ in range(1000)}) == 1000
