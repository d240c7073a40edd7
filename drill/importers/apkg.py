"""Anki packages (``.apkg``): notes become ``basic`` cards, one drill deck per Anki deck.

A package is a zip holding a SQLite collection: ``collection.anki21b`` (current Anki:
zstd-compressed, note types in the ``notetypes`` table), ``collection.anki21`` or
``collection.anki2`` (legacy: note types as JSON in ``col.models``). Current packages also
carry a placeholder ``collection.anki2`` that only says "please update Anki", so the newest
collection present is the one read.

Mapping (PRODUCT §6):

- basic and other note types: first field → front, second field → back;
- cloze notes: one card per cloze number; the front shows that deletion as ``[...]`` (or
  ``[hint]``) and every other deletion as plain text; the back is the deletion, followed by
  the note's next field (Anki's "Back Extra") when it has text;
- card id: the note GUID in lower-case base32 (injective and made of ``[a-z2-7]``, so
  edited notes keep their history), plus ``-cN`` for cloze number N;
- deck id: ``anki-`` plus the Anki deck name slugified (``Lang::French`` → ``anki-lang-french``);
- competency: the first Anki tag that names a known competency (case-insensitive; the last
  part of a hierarchical tag also counts, so ``em::hiring`` → ``hiring``). Notes without such
  a tag go to :data:`UNTAGGED`, a competency the deck declares itself (dimension
  "execution"), rather than to a built-in competency they were never written for; tagging
  the notes in Anki and importing again files them properly, keeping their history;
- HTML becomes readable text; images and ``[sound:...]`` references are dropped and counted.

The package is treated as hostile: member names, sizes and compression ratios are checked
before anything is decompressed, decompression is streamed under a cap, and the collection
is opened read-only from a private temporary file with a bound on the work SQLite may do.
"""

from __future__ import annotations

import base64
import hashlib
import html
import io
import json
import re
import sqlite3
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import zstandard

from drill.core.errors import DeckError, Problem
from drill.core.model import Card, CardType, Competency, Deck
from drill.core.text import clean_text
from drill.importers.csvfile import slugify

UNTAGGED = Competency(
    "anki-import",
    "Imported from Anki (untagged)",
    "execution",
    "Anki notes without a competency tag; tag them in Anki (e.g. 'hiring') and import again.",
)
"""The competency of notes whose tags name none."""
COLLECTION_NAMES = ("collection.anki21b", "collection.anki21", "collection.anki2")
"""Collection members, preferred first (the last is a placeholder in newer packages)."""
MAX_PACKAGE_BYTES = 2**30
MAX_MEMBER_BYTES = 256 * 2**20
"""Cap on the uncompressed size of what is extracted (declared and actual)."""
MAX_RATIO = 200
"""Cap on uncompressed/compressed size for members above :data:`_RATIO_FLOOR_BYTES`."""
MAX_MEMBERS = 500_000
MAX_SQL_STEPS = 50_000
"""Progress-handler calls (of :data:`_SQL_STEP_OPS` VM operations each) allowed per package."""
MAX_TEXT_CHARS = 64 * 2**20
"""Cap on the cloze text rendered for one package (a card per deletion re-renders it)."""
MAX_CLOZE_DEPTH = 8
"""Deeper ``{{cN::`` openings are kept as text, so hostile nesting cannot exhaust the stack."""
DECK_ID_PREFIX = "anki-"
_RATIO_FLOOR_BYTES = 2**20
_SQL_STEP_OPS = 10_000
_CHUNK_BYTES = 2**20
_MAX_GUID_BYTES = 48
_MAX_SLUG = 60
_SQLITE_MAGIC = b"SQLite format 3\x00"
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    NotImplementedError,
    RuntimeError,
    ValueError,
)
_SOUND = re.compile(r"\[sound:[^\]]*\]")
_CLOZE_TOKEN = re.compile(r"\{\{c(\d{1,6})::|\}\}|::")
_CLOZE_MARK = re.compile(r"\{\{c\d{1,6}::")
_BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "figure",
        "footer",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "th",
        "thead",
        "tr",
        "ul",
    }
)
_HIDDEN_TAGS = frozenset({"script", "style", "head", "title", "template"})
_TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]{0,31})")
_SPACES = re.compile(r"\s+")
_BLANK_LINES = re.compile(r"\n{3,}")
_MEDIA_TAGS = frozenset({"img", "audio", "video", "object", "embed"})


def parse_apkg(
    data: bytes, *, path: str, known_competencies: Iterable[str]
) -> tuple[list[Deck], list[str]]:
    """One deck per Anki deck in the package, and warnings; or :class:`DeckError`."""
    if len(data) > MAX_PACKAGE_BYTES:
        raise _error(
            path,
            f"the package is {len(data) / 2**20:.0f} MB; the limit is "
            f"{MAX_PACKAGE_BYTES // 2**20} MB",
        )
    with tempfile.TemporaryDirectory(prefix="drill-apkg-") as tmp:
        db_path = Path(tmp) / "collection.sqlite"
        _extract_collection(data, db_path, path)
        collection = _read_collection(db_path, path)
    return _build(collection, path, set(known_competencies))


@dataclass
class _Note:
    id: int
    guid: str
    notetype_id: int
    tags: list[str]
    fields: list[str]


@dataclass
class _Collection:
    notes: list[_Note]
    cloze_types: set[int]
    """Note types known to be cloze."""
    normal_types: set[int]
    """Note types known not to be cloze; for any other, cloze is guessed from the text."""
    note_decks: dict[int, int]
    """Note id → deck id of its first card."""
    deck_names: dict[int, str]


@dataclass
class _Tally:
    path: str
    text_left: int = 0
    """Characters of cloze text that may still be rendered (see :data:`MAX_TEXT_CHARS`)."""
    media: int = 0
    untagged: int = 0
    empty: int = 0
    no_cards: int = 0
    occlusion: int = 0
    duplicate_guid: int = 0
    decks: dict[str, list[Card]] = field(default_factory=dict)


def _error(path: str, message: str) -> DeckError:
    return DeckError(path, [Problem(None, message)])


def _extract_collection(data: bytes, dest: Path, path: str) -> None:
    """Write the preferred collection of the package to ``dest`` as a plain SQLite file."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except _ZIP_ERRORS:
        raise _error(path, "not an Anki package (an .apkg file is a zip archive)") from None
    with archive:
        infos = archive.infolist()
        if len(infos) > MAX_MEMBERS:
            raise _error(path, f"the package has {len(infos)} files; the limit is {MAX_MEMBERS}")
        names: set[str] = set()
        for info in infos:
            if _escapes(info.filename):
                raise _error(path, f"the package holds an unsafe file name '{info.filename}'")
            if info.filename in names:
                raise _error(path, f"the package holds '{info.filename}' twice")
            names.add(info.filename)
        member = next((name for name in COLLECTION_NAMES if name in names), None)
        if member is None:
            raise _error(path, "not an Anki package: it holds no collection.anki2/.anki21/.anki21b")
        info = archive.getinfo(member)
        _check_sizes(info, path)
        try:
            with archive.open(info) as raw, dest.open("wb") as out:
                if member.endswith("b"):
                    _copy_zstd(raw, out, path)
                else:
                    _copy_capped(raw, out, path)
        except _ZIP_ERRORS as exc:
            raise _error(path, f"the package is damaged ({member}: {exc})") from None
    with dest.open("rb") as db:
        if db.read(len(_SQLITE_MAGIC)) != _SQLITE_MAGIC:
            raise _error(path, f"{member} is not an SQLite database; the package is damaged")


def _escapes(name: str) -> bool:
    """True for member names that would leave the folder they are extracted into."""
    parts = re.split(r"[\\/]", name)
    return (
        name.startswith(("/", "\\"))
        or bool(re.match(r"^[A-Za-z]:", name))
        or ".." in parts
        or "\x00" in name
    )


def _check_sizes(info: zipfile.ZipInfo, path: str) -> None:
    if info.file_size > MAX_MEMBER_BYTES:
        raise _error(
            path,
            f"{info.filename} declares {info.file_size / 2**20:.0f} MB uncompressed; "
            f"the limit is {MAX_MEMBER_BYTES // 2**20} MB",
        )
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > _RATIO_FLOOR_BYTES and ratio > MAX_RATIO:
        raise _error(
            path,
            f"{info.filename} expands more than {MAX_RATIO} times; refusing a possible zip bomb",
        )


def _copy_capped(source: IO[bytes], out: IO[bytes], path: str) -> None:
    total = 0
    while chunk := source.read(_CHUNK_BYTES):
        total += len(chunk)
        if total > MAX_MEMBER_BYTES:
            raise _error(path, f"the collection is larger than {MAX_MEMBER_BYTES // 2**20} MB")
        out.write(chunk)


def _copy_zstd(source: IO[bytes], out: IO[bytes], path: str) -> None:
    try:
        reader = zstandard.ZstdDecompressor().stream_reader(source, read_across_frames=True)
        with reader:
            _copy_capped(reader, out, path)
    except zstandard.ZstdError as exc:
        raise _error(path, f"the package is damaged (collection: bad zstd data: {exc})") from None


@contextmanager
def _open_readonly(db_path: Path, path: str) -> Iterator[sqlite3.Connection]:
    steps = 0

    def budget() -> int:
        nonlocal steps
        steps += 1
        return int(steps > MAX_SQL_STEPS)

    try:
        conn = sqlite3.connect(db_path.as_uri() + "?mode=ro&immutable=1", uri=True)
    except sqlite3.Error as exc:
        raise _error(path, f"cannot open the collection: {exc}") from None
    with closing(conn):
        # Anki declares its own collation; without it some queries on its tables fail.
        conn.create_collation("unicase", _unicase)
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.set_progress_handler(budget, _SQL_STEP_OPS)
        yield conn


def _unicase(a: str, b: str) -> int:
    x, y = a.casefold(), b.casefold()
    return (x > y) - (x < y)


def _read_collection(db_path: Path, path: str) -> _Collection:
    try:
        with _open_readonly(db_path, path) as conn:
            return _query_collection(conn, path)
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            raise _error(path, "the collection takes too much work to read; refusing it") from None
        raise _error(path, f"the package is damaged (collection: {exc})") from None
    except sqlite3.DatabaseError as exc:
        raise _error(path, f"the package is damaged (collection: {exc})") from None


def _query_collection(conn: sqlite3.Connection, path: str) -> _Collection:
    tables = {
        str(name): str(kind) for name, kind in conn.execute("SELECT name, type FROM sqlite_master")
    }
    for required in ("notes", "cards"):
        if tables.get(required) != "table":
            raise _error(path, f"not an Anki collection: no '{required}' table")
    legacy: dict[str, Any] = {}
    if tables.get("col") == "table":
        row = conn.execute("SELECT models, decks FROM col LIMIT 1").fetchone()
        if row is not None:
            legacy = {
                "models": _json(row[0], "col.models", path),
                "decks": _json(row[1], "col.decks", path),
            }
    kinds: dict[int, int | None] = {}
    if tables.get("notetypes") == "table" and _has_rows(conn, "notetypes"):
        for ntid, config in conn.execute("SELECT id, config FROM notetypes"):
            kinds[_int(ntid)] = _notetype_kind(config)
    else:
        for key, model in _mapping(legacy.get("models")).items():
            kind = _mapping(model).get("type")
            kinds[_int(_mapping(model).get("id", key))] = kind if kind in (0, 1) else None
    cloze = {ntid for ntid, kind in kinds.items() if kind == 1}
    normal = {ntid for ntid, kind in kinds.items() if kind == 0}
    deck_names: dict[int, str] = {}
    if tables.get("decks") == "table" and _has_rows(conn, "decks"):
        for did, name in conn.execute("SELECT id, name FROM decks"):
            deck_names[_int(did)] = _text(name).replace("\x1f", "::")
    else:
        for key, deck in _mapping(legacy.get("decks")).items():
            deck = _mapping(deck)
            deck_names[_int(deck.get("id", key))] = _text(deck.get("name", ""))
    note_decks: dict[int, int] = {}
    first_ord: dict[int, int] = {}
    for nid, did, odid, ordinal in conn.execute("SELECT nid, did, odid, ord FROM cards"):
        note, position = _int(nid), _int(ordinal)
        if note not in first_ord or position < first_ord[note]:
            first_ord[note] = position
            # A card in a filtered deck remembers its home deck in odid.
            note_decks[note] = _int(odid) or _int(did)
    notes = [
        _Note(_int(nid), _text(guid), _int(mid), _text(tags).split(), _text(flds).split("\x1f"))
        for nid, guid, mid, tags, flds in conn.execute(
            "SELECT id, guid, mid, tags, flds FROM notes ORDER BY id"
        )
    ]
    return _Collection(notes, cloze, normal, note_decks, deck_names)


def _has_rows(conn: sqlite3.Connection, table: str) -> bool:
    return conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is not None


def _json(value: object, what: str, path: str) -> Any:
    text = _text(value)
    if not text.strip():
        return {}
    try:
        return json.loads(text)
    except (ValueError, RecursionError):
        raise _error(path, f"the collection is damaged ({what} is not JSON)") from None


def _mapping(value: object) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _int(value: object) -> int:
    """An integer from a column or JSON value of unknown type (0 when it is none)."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, int):
        return value
    try:
        return int(str(value))
    except ValueError:
        return 0


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return str(value)


def _notetype_kind(config: object) -> int | None:
    """Field 1 (``kind``: 0 normal, 1 cloze) of the ``Notetype.Config`` protobuf, or None."""
    if not isinstance(config, bytes):
        return None
    pos = 0
    try:
        while pos < len(config):
            key, pos = _varint(config, pos)
            number, wire = key >> 3, key & 7
            if wire == 0:
                value, pos = _varint(config, pos)
                if number == 1:
                    return value
            elif wire == 1:
                pos += 8
            elif wire == 2:
                length, pos = _varint(config, pos)
                pos += length
            elif wire == 5:
                pos += 4
            else:
                return None
    except IndexError:
        return None
    # proto3 leaves a default (normal) kind out of the encoding.
    return 0 if pos == len(config) else None


def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = buf[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if not byte & 0x80:
            return value, pos
        shift += 7
        if shift > 63:
            raise IndexError("varint too long")


def _build(collection: _Collection, path: str, known: set[str]) -> tuple[list[Deck], list[str]]:
    tally = _Tally(path, MAX_TEXT_CHARS)
    deck_ids = _deck_ids(collection.deck_names, collection.note_decks.values())
    seen_guids: set[str] = set()
    for note in collection.notes:
        did = collection.note_decks.get(note.id)
        if did is None:
            tally.no_cards += 1
            continue
        if note.guid in seen_guids:
            tally.duplicate_guid += 1
            continue
        seen_guids.add(note.guid)
        deck_id = deck_ids[did]
        competency = _competency(note.tags, known)
        if competency == UNTAGGED.id:
            tally.untagged += 1
        tags = tuple(t for t in (clean_text(tag) for tag in note.tags) if t)
        cards = tally.decks.setdefault(deck_id, [])
        before = len(cards)
        for key, prompt, answer in _faces(note, collection, tally):
            if prompt and answer:
                cards.append(
                    Card(
                        f"{deck_id}/{key}",
                        deck_id,
                        key,
                        CardType.BASIC,
                        competency,
                        prompt,
                        answer,
                        tags=tags,
                    )
                )
        if len(cards) == before:
            tally.empty += 1
    decks = []
    names = {deck_ids[did]: collection.deck_names.get(did, "") for did in deck_ids}
    for deck_id in sorted(tally.decks):
        cards = tally.decks[deck_id]
        if not cards:
            continue
        title = clean_text(names.get(deck_id, "")) or deck_id
        uses_untagged = any(card.competency == UNTAGGED.id for card in cards)
        decks.append(
            Deck(
                deck_id,
                title,
                tuple(cards),
                "Imported from Anki.",
                (UNTAGGED,) if uses_untagged else (),
            )
        )
    if not decks:
        raise _error(path, "the package has no notes with text on both sides to import")
    return decks, _warnings(tally, path)


def _warnings(tally: _Tally, path: str) -> list[str]:
    out = []
    if tally.media:
        out.append(
            f"{path}: {_count(tally.media, 'media reference')} (images, sounds) dropped; "
            "drill shows text only"
        )
    if tally.untagged:
        out.append(
            f"{path}: {_count(tally.untagged, 'note')} without a competency tag filed under "
            f"'{UNTAGGED.id}'; tag them in Anki with a competency id (e.g. hiring) and "
            "import again to file them"
        )
    skipped = (
        (tally.empty, "without text on the front or back"),
        (tally.occlusion, "of image occlusion"),
        (tally.no_cards, "without cards"),
        (tally.duplicate_guid, "repeating another note's GUID"),
    )
    out += [f"{path}: {_count(n, 'note')} {why} skipped" for n, why in skipped if n]
    return out


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _deck_ids(names: dict[int, str], used: Iterable[int]) -> dict[int, str]:
    """Drill deck id of each Anki deck id in ``used``; stable for a given set of names."""
    out: dict[int, str] = {}
    taken: set[str] = set()
    for did in sorted(set(used), key=lambda d: (names.get(d, ""), d)):
        name = names.get(did) or ("Default" if did == 1 else f"deck {did}")
        digest = hashlib.sha1(name.encode()).hexdigest()[:8]
        slug = slugify(name.replace("::", " "))[:_MAX_SLUG].strip("-") or f"deck-{digest}"
        deck_id = DECK_ID_PREFIX + slug
        if deck_id in taken:
            deck_id = f"{deck_id}-{digest}"
        taken.add(deck_id)
        out[did] = deck_id
    return out


def _competency(tags: list[str], known: set[str]) -> str:
    for tag in tags:
        for candidate in (tag, tag.rsplit("::", 1)[-1]):
            name = candidate.strip().lower().replace("_", "-")
            if name in known:
                return name
    return UNTAGGED.id


def _card_key(guid: str) -> str:
    raw = guid.encode()
    if not raw:
        raw = b"\x00"
    if len(raw) > _MAX_GUID_BYTES:
        raw = hashlib.sha1(raw).digest()
    return base64.b32encode(raw).decode().rstrip("=").lower()


def _faces(note: _Note, collection: _Collection, tally: _Tally) -> list[tuple[str, str, str]]:
    """(card key, front, back) for each card the note makes."""
    key = _card_key(note.guid)
    kind = note.notetype_id
    is_cloze = kind in collection.cloze_types or (
        kind not in collection.normal_types
        and any(_CLOZE_MARK.search(text) for text in note.fields)
    )
    if not is_cloze:
        (front, front_media), (back, back_media) = (
            _html_text(side) for side in [*note.fields[:2], "", ""][:2]
        )
        tally.media += front_media + back_media
        return [(key, front, back)]
    position = next((i for i, text in enumerate(note.fields) if _CLOZE_MARK.search(text)), 0)
    text = note.fields[position] if note.fields else ""
    if "image-occlusion:" in text:
        tally.occlusion += 1
        return []
    extra, extra_media = _html_text(next(iter(note.fields[position + 1 : position + 2]), ""))
    tally.media += _html_text(text)[1] + extra_media
    pieces = _parse_cloze(text)
    out = []
    for number in sorted(_numbers(pieces)):
        # Each cloze card re-renders the whole text: bound the total so that a note with
        # thousands of deletions in a long text cannot make the import run for hours.
        tally.text_left -= len(text)
        if tally.text_left < 0:
            raise _error(
                tally.path,
                f"the package makes more than {MAX_TEXT_CHARS // 2**20}M "
                "characters of card text; refusing it",
            )
        front = _plain(_render_front(pieces, number))
        deletions = [_plain(_render_plain(body)) for body in _deletions(pieces, number)]
        back = "; ".join(d for d in deletions if d)
        if back and extra:
            back = f"{back}\n\n{extra}"
        out.append((f"{key}-c{number}", front, back))
    return out


@dataclass
class _Cloze:
    number: int
    body: list[_Piece] = field(default_factory=list)
    hint: list[_Piece] | None = None


_Piece = str | _Cloze


def _parse_cloze(text: str) -> list[_Piece]:
    """Text and (possibly nested) ``{{cN::body::hint}}`` deletions; unclosed ones end at the end."""
    root: list[_Piece] = []
    stack: list[_Cloze] = []

    def target() -> list[_Piece]:
        if not stack:
            return root
        top = stack[-1]
        return top.hint if top.hint is not None else top.body

    pos = 0
    for match in _CLOZE_TOKEN.finditer(text):
        target().append(text[pos : match.start()])
        pos = match.end()
        token = match.group(0)
        if match.group(1) is not None and len(stack) < MAX_CLOZE_DEPTH:
            cloze = _Cloze(int(match.group(1)))
            target().append(cloze)
            stack.append(cloze)
        elif token == "}}" and stack:
            stack.pop()
        elif token == "::" and stack and stack[-1].hint is None:
            stack[-1].hint = []
        else:
            target().append(token)
    target().append(text[pos:])
    return root


def _numbers(pieces: list[_Piece]) -> set[int]:
    out: set[int] = set()
    for piece in pieces:
        if isinstance(piece, _Cloze):
            if piece.number >= 1:
                out.add(piece.number)
            out |= _numbers(piece.body)
    return out


def _render_front(pieces: list[_Piece], number: int) -> str:
    parts = []
    for piece in pieces:
        if isinstance(piece, str):
            parts.append(piece)
        elif piece.number == number:
            hint = _render_plain(piece.hint or [])
            parts.append(f"[{hint}]" if _plain(hint) else "[...]")
        else:
            parts.append(_render_front(piece.body, number))
    return "".join(parts)


def _render_plain(pieces: list[_Piece]) -> str:
    return "".join(p if isinstance(p, str) else _render_plain(p.body) for p in pieces)


def _deletions(pieces: list[_Piece], number: int) -> list[list[_Piece]]:
    out: list[list[_Piece]] = []
    for piece in pieces:
        if isinstance(piece, _Cloze):
            if piece.number == number:
                out.append(piece.body)
            else:
                out += _deletions(piece.body, number)
    return out


def _plain(markup: str) -> str:
    return _html_text(markup)[0]


def _html_text(markup: str) -> tuple[str, int]:
    """Readable text of an Anki field (line breaks kept, tags dropped) and its media count.

    A single forward scan rather than :class:`html.parser.HTMLParser`, which takes minutes
    on a few hundred kilobytes of unclosed tags: each ``<`` is looked at once and a tag
    with no ``>`` after it ends the markup, so the time stays linear in the field's size.
    """
    media = len(_SOUND.findall(markup))
    text = _SOUND.sub("", markup)
    parts: list[str] = []
    hidden = ""
    pos, end = 0, len(text)
    while pos < end:
        lt = text.find("<", pos)
        if lt < 0:
            lt = end
        if not hidden:
            parts.append(_data(text[pos:lt]))
        if lt == end:
            break
        if text.startswith("<!--", lt):
            close = text.find("-->", lt + 4)
            pos = end if close < 0 else close + 3
            continue
        name = _TAG_NAME.match(text, lt)
        if name is None and not text.startswith(("<!", "<?"), lt):
            # "a < b": not markup, so the '<' is text.
            if not hidden:
                parts.append("<")
            pos = lt + 1
            continue
        gt = text.find(">", lt)
        if gt < 0:
            if not hidden:
                parts.append(_data(text[lt:]))
            break
        pos = gt + 1
        if name is None:
            continue
        closing, tag = name.group(1) == "/", name.group(2).lower()
        if hidden:
            hidden = "" if closing and tag == hidden else hidden
        elif tag == "br" or tag in _BLOCK_TAGS:
            parts.append("\n")
        elif tag in _HIDDEN_TAGS and not closing and not text[lt:gt].endswith("/"):
            hidden = tag
        if tag in _MEDIA_TAGS and not closing:
            media += 1
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return clean_text(_BLANK_LINES.sub("\n\n", "\n".join(lines))), media


def _data(text: str) -> str:
    # HTML shows any run of white space (raw line breaks too) as one space.
    return _SPACES.sub(" ", html.unescape(text).replace("\xa0", " "))
