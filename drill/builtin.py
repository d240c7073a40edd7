"""Loading and re-syncing the built-in decks into a database."""

from __future__ import annotations

import hashlib

from drill.core.model import ImportReport
from drill.paths import builtin_deck_files
from drill.store import Store


def sync(store: Store) -> list[ImportReport]:
    """Import built-in decks that are new or changed since they were last loaded.

    Runs on every start; costs one hash per file when nothing changed. Changed cards are
    updated in place (history kept), and cards dropped from a built-in deck are retired.
    """
    pending = []
    hashes: dict[str, str] = {}
    # A file's hash covers its deck id, so a hash already on record means that very deck
    # is loaded as it is: the usual start needs no YAML at all.
    loaded = store.deck_hashes()
    for path in builtin_deck_files():
        data = path.read_bytes()
        digest = hashlib.sha256(data).hexdigest()
        if digest in loaded:
            continue
        from drill.core.decks import parse_deck

        deck = parse_deck(data, path=str(path))
        hashes[deck.id] = digest
        pending.append(deck)
    if not pending:
        return []
    return store.import_decks(pending, builtin=True, hashes=hashes)
