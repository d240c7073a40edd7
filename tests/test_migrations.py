"""Schema steps: an old database opens in the new version with nothing lost."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from drill import builtin, migrations
from drill.store import Store


def _v1_database(path: Path) -> None:
    store = Store.__new__(Store)
    conn = sqlite3.connect(path, isolation_level=None)
    Store.__init__(store, conn, str(path))
    with store.write() as c:
        migrations.STEPS[0](store.utils())
        c.execute("PRAGMA user_version = 1")
    builtin.sync(store)
    card_id = conn.execute("SELECT id FROM cards WHERE competency = 'hiring' LIMIT 1").fetchone()[0]
    conn.execute(
        "INSERT INTO card_state(card_id, state, stability, difficulty, due, last_review) "
        "VALUES (?, 2, 5.0, 5.0, '2026-01-10T00:00:00.000+00:00', '2026-01-05T00:00:00.000+00:00')",
        (card_id,),
    )
    conn.execute(
        "INSERT INTO reviews(review_id, card_id, reviewed_at, rating) "
        "VALUES ('r1', ?, '2026-01-05T00:00:00.000+00:00', 3)",
        (card_id,),
    )
    conn.close()


def test_a_version_1_database_upgrades_and_keeps_its_history(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _v1_database(path)
    store = Store.open(path)
    assert store.user_version == migrations.LATEST
    assert store.review_count() == 1
    rows = store.conn.execute("SELECT competency FROM card_state").fetchall()
    assert rows == [("hiring",)]
    store.close()


def test_triggers_keep_the_state_competency_in_step(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "t.db")
    builtin.sync(store)
    card_id = store.conn.execute("SELECT id FROM cards LIMIT 1").fetchone()[0]
    store.conn.execute(
        "INSERT INTO card_state(card_id, state, due) VALUES (?, 1, '2026-01-01T00:00:00+00:00')",
        (card_id,),
    )
    comp = store.conn.execute("SELECT competency FROM cards WHERE id = ?", (card_id,)).fetchone()
    state = store.conn.execute(
        "SELECT competency FROM card_state WHERE card_id = ?", (card_id,)
    ).fetchone()
    assert state == comp
    store.conn.execute("UPDATE cards SET competency = 'hiring' WHERE id = ?", (card_id,))
    moved = store.conn.execute(
        "SELECT competency FROM card_state WHERE card_id = ?", (card_id,)
    ).fetchone()
    assert moved == ("hiring",)
    store.close()
