"""Loading and re-syncing the built-in decks into a database."""

from __future__ import annotations

import contextlib
import json
import sqlite3
from pathlib import Path

from drill import __version__
from drill.core.model import ImportReport
from drill.paths import builtin_deck_files
from drill.store import Store, StoreError

FILES_KEY = "builtin.files"
"""Meta key: each built-in file's name, size, modification time and hash at the last sync."""


def sync(store: Store) -> list[ImportReport]:
    """Import built-in decks that are new or changed since they were last loaded.

    Runs on every start. When every file has the size and modification time it had at the
    last sync, and the decks loaded then are still loaded as they were, nothing is read; else
    each file is hashed, and only a file whose hash is not on record is parsed. Changed
    cards are updated in place (history kept), and cards dropped from a built-in deck are
    retired.
    """
    files = builtin_deck_files()
    stats = [[__version__, p.name, *_stat(p)] for p in files]
    loaded = store.deck_hashes()
    raw = store.meta(FILES_KEY)
    if raw:
        kept = json.loads(raw)
        if kept.get("stats") == stats and set(kept.get("hashes", ())) <= loaded:
            return []
    import hashlib  # here, not at the top: hashlib loads OpenSSL, which a usual start skips

    pending = []
    hashes: dict[str, str] = {}
    digests = []
    # A file's hash covers its deck id, so a hash already on record means that very deck
    # is loaded as it is: no YAML needed.
    for path in files:
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        digests.append(digest)
        if digest in loaded:
            continue
        from drill.core.decks import parse_deck

        deck = parse_deck(data, path=str(path))
        hashes[deck.id] = digest
        pending.append(deck)
    reports = store.import_decks(pending, builtin=True, hashes=hashes) if pending else []
    # Only a shortcut for the next start: a database that cannot be written now (read-only)
    # simply hashes the files again next time.
    with contextlib.suppress(StoreError, sqlite3.Error):
        store.set_meta(FILES_KEY, json.dumps({"stats": stats, "hashes": digests}))
    return reports


def _stat(path: Path) -> list[int]:
    info = path.stat()
    return [info.st_size, info.st_mtime_ns]
