"""CSV and TSV decks: a header row naming the deck-file fields, one card per row.

Each row's non-empty cells become the plain values of a record (at the row's first
physical line) that :func:`drill.core.decks.check_card` checks by the same rules as a card
of a YAML deck, so a CSV card is valid exactly when the same card written in YAML would be.

List fields (``signals``, ``pitfalls``, ``tags`` ...) hold several items in one cell,
separated by ``|`` or by line breaks inside the cell.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
import unicodedata
from collections.abc import Callable, Iterable
from pathlib import PurePath
from typing import Any

from drill.core.collector import paused_gc
from drill.core.decks import (
    CARD_KEYS,
    ID_PATTERN,
    LIST_FIELDS,
    ONLY_FOR,
    REQUIRED,
    TEXT_FIELDS,
    Fields,
    RawValue,
    check_card,
    derive_id,
)
from drill.core.errors import DeckError, Problem
from drill.core.model import SIGNALS, Card, CardType, Deck
from drill.core.safeyaml import MAX_BYTES
from drill.core.text import clean_text

DELIMITERS = (",", "\t", ";")
"""Delimiters recognised in a ``.csv`` file; ``.tsv`` files always use tabs."""
DEFAULT_TYPE = CardType.BASIC
"""The card type of a row whose ``type`` cell is empty (or a file without the column)."""
_LINE_END = re.compile(r"[\r\n]")
_LIST_SPLIT = re.compile(r"\s*(?:\||\r\n|\r|\n)\s*")


def parse_csv(
    data: bytes, *, path: str, deck_id: str | None, known_competencies: Iterable[str]
) -> tuple[Deck, list[str]]:
    """The deck in a CSV/TSV file and warnings, or :class:`DeckError` with every problem.

    The deck id is ``deck_id`` or the file name slugified; the title is the file name.
    """
    with paused_gc():
        return _parse(data, path, deck_id, known_competencies)


def _parse(
    data: bytes, path: str, deck_id: str | None, known_competencies: Iterable[str]
) -> tuple[Deck, list[str]]:
    text = _decode(data, path)
    deck_id = _deck_id(deck_id, path)
    rows = _rows(text, path)
    if not rows:
        raise DeckError(path, [Problem(None, "the file is empty; a CSV deck needs a header row")])
    header_line, header = rows[0]
    problems: list[Problem] = []
    columns = _columns(header, header_line, problems)
    if "prompt" not in columns:
        problems.append(Problem(header_line, "the header row has no 'prompt' column"))
    if "competency" not in columns:
        problems.append(Problem(header_line, "the header row has no 'competency' column"))
    if len(rows) == 1:
        problems.append(Problem(header_line, "no cards below the header row"))
    if problems:
        raise DeckError(path, problems)
    known = set(known_competencies)
    read = _row_reader(columns)
    quick = _quick_reader(columns, deck_id, known)
    cards: list[Card] = []
    seen: dict[str, int] = {}
    derived = 0
    for index, (line, row) in enumerate(rows[1:], start=1):
        plain = quick(row)
        if plain is not None:
            card, has_id = plain
        else:
            values = read(row, line, index, problems)
            if values is None:
                continue
            fields = Fields.of_values(values, line=line, what=f"card {index}", problems=problems)
            checked = check_card(fields, index, deck_id, known)
            if checked is None:
                continue
            card, has_id = checked, "id" in values
        derived += not has_id
        if card.key in seen:
            why = (
                f"the same prompt as the card at line {seen[card.key]} (ids come from the prompt)"
                if not has_id
                else f"duplicate id '{card.key}' (first at line {seen[card.key]})"
            )
            problems.append(Problem(line, f"card {index}: {why}"))
            continue
        seen[card.key] = line
        cards.append(card)
    if problems:
        raise DeckError(path, problems)
    warnings = []
    if derived:
        rows_without = f"{derived} row{'s' if derived > 1 else ''} without an id"
        where = rows_without if "id" in columns else "the file has no 'id' column"
        warnings.append(
            f"{path}: {where}, so those card ids are derived from the prompt: editing a prompt "
            "will start that card afresh (add an 'id' column to keep history across edits)"
        )
    return Deck(deck_id, _title(path, deck_id), tuple(cards)), warnings


def slugify(text: str) -> str:
    """``text`` reduced to ``[a-z0-9-]`` (accents folded, other runs turned into one '-')."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


def _decode(data: bytes, path: str) -> str:
    if len(data) > MAX_BYTES:
        size = len(data) / 2**20
        raise DeckError(
            path, [Problem(None, f"file is {size:.1f} MB; the limit is {MAX_BYTES // 2**20} MB")]
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise DeckError(
            path, [Problem(line, "not UTF-8 text (save the sheet as 'CSV UTF-8')")]
        ) from None


def _deck_id(deck_id: str | None, path: str) -> str:
    if deck_id is not None:
        if not ID_PATTERN.match(deck_id):
            raise DeckError(
                path, [Problem(None, f"deck id must use only a-z, 0-9 and '-' (got '{deck_id}')")]
            )
        return deck_id
    slug = slugify(PurePath(path).stem)
    if not slug:
        raise DeckError(
            path, [Problem(None, "cannot make a deck id from the file name; pass --deck ID")]
        )
    return slug


def _title(path: str, deck_id: str) -> str:
    stem = clean_text(PurePath(path).stem.replace("_", " "))
    return stem or deck_id.replace("-", " ").title()


def _delimiter(text: str, path: str) -> str:
    """The delimiter that splits the header line into the most known field names."""
    if path.lower().endswith(".tsv"):
        return "\t"
    end = _LINE_END.search(text)  # a lone '\r' ends a line too (and csv.reader rejects it)
    first = text[: end.start()] if end else text

    def known_names(delimiter: str) -> int:
        cells = next(csv.reader([first], delimiter=delimiter), [])
        return sum(_column_name(cell) in CARD_KEYS for cell in cells)

    return max(DELIMITERS, key=known_names)


def _rows(text: str, path: str) -> list[tuple[int, list[str]]]:
    """Non-blank rows with the physical line each starts on."""
    delimiter = _delimiter(text, path)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        for row in reader:
            if any(map(str.strip, row)):
                rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as exc:
        reason = str(exc)
        if "unexpected end of data" in reason:
            reason = "a quoted cell is never closed (a '\"' is missing)"
        elif "field larger than field limit" in reason:
            reason = f"a cell is longer than {csv.field_size_limit()} characters"
        else:
            reason = f"CSV syntax: {reason} (put a '\"' inside a quoted cell as '\"\"')"
        raise DeckError(path, [Problem(start, reason)]) from None
    return rows


def _column_name(cell: str) -> str:
    return re.sub(r"[\s-]+", "_", cell.strip().lower())


def _columns(header: list[str], line: int, problems: list[Problem]) -> dict[str, int]:
    """Field name → cell index, reporting unknown, duplicate and unnamed columns."""
    columns: dict[str, int] = {}
    for position, cell in enumerate(header, start=1):
        name = _column_name(cell)
        if not name:
            problems.append(Problem(line, f"column {position} has no name in the header row"))
        elif name not in CARD_KEYS:
            hints = difflib.get_close_matches(name, CARD_KEYS, n=1, cutoff=0.75)
            hint = hints[0] if hints else None
            extra = f" (did you mean '{hint}'?)" if hint else f" (known: {', '.join(CARD_KEYS)})"
            problems.append(Problem(line, f"unknown column '{cell.strip()}'{extra}"))
        elif name in columns:
            problems.append(Problem(line, f"column '{name}' appears twice in the header row"))
        else:
            columns[name] = position - 1
    return columns


def _row_reader(
    columns: dict[str, int],
) -> Callable[[list[str], int, int, list[Problem]], dict[str, RawValue] | None]:
    """A function from a row to its record's values (empty cells left out), or None."""
    width = max(columns.values()) + 1
    type_position = columns.get("type")
    texts = [(n, p) for n, p in columns.items() if n not in LIST_FIELDS and n != "type"]
    lists = [(n, p) for n, p in columns.items() if n in LIST_FIELDS]

    def read(
        row: list[str], line: int, index: int, problems: list[Problem]
    ) -> dict[str, RawValue] | None:
        if len(row) < width:
            row = row + [""] * (width - len(row))
        elif len(row) > width and any(map(str.strip, row[width:])):
            message = f"card {index}: the row has {len(row)} cells but the header names {width}"
            problems.append(Problem(line, message))
            return None
        values: dict[str, RawValue] = {}
        if type_position is None:
            values["type"] = DEFAULT_TYPE.value
        else:
            # Spreadsheet users write "Question"; the type names are lower case.
            values["type"] = clean_text(row[type_position].strip().lower() or DEFAULT_TYPE.value)
        for name, position in texts:
            cell = row[position].strip()
            if cell:
                values[name] = clean_text(cell)
        for name, position in lists:
            items = _list_items(row[position])
            if items is not None:
                values[name] = items
        return values

    return read


def _list_items(cell: str) -> tuple[str, ...] | None:
    """A list cell's items, or None when it names none (blank, or only separators).

    Items that cleaning empties are dropped, yet the field is present, as in a YAML deck.
    """
    cell = cell.strip()
    if not cell:
        return None
    if cell.isprintable():  # one line, nothing to clean: _LIST_SPLIT's parts, sooner
        parts = list(map(str.strip, cell.split("|")))
        items = tuple(filter(None, parts))
    else:
        parts = _LIST_SPLIT.split(cell)
        items = tuple(filter(None, map(clean_text, parts)))
    return items if items or any(parts) else None


def _quick_reader(
    columns: dict[str, int], deck_id: str, known: set[str]
) -> Callable[[list[str]], tuple[Card, bool] | None]:
    """A function from a row that plainly makes a valid card to (card, has an id), else None.

    Most rows of a big sheet are plain: every cell clean, every rule plainly met. Those go
    straight to the card :func:`check_card` would build, without the record it reads (most
    of the parsing time of a 10k-row file). Any other row gives None and goes the checked
    way, which reports its problems; so each test here need only be at least as strict as
    ``check_card``'s, and a rule added there needs its test here.
    """
    width = max(columns.values()) + 1
    type_position = columns.get("type")
    id_position = columns.get("id")
    competency_position = columns["competency"]
    texts = [(n, p) for n, p in columns.items() if n in TEXT_FIELDS]
    lists = [(n, p) for n, p in columns.items() if n in LIST_FIELDS]
    types = {t.value: t for t in CardType} | {"": DEFAULT_TYPE}
    rules = {
        t: (REQUIRED[t], tuple(n for n, allowed in ONLY_FOR.items() if t not in allowed))
        for t in CardType
    }
    signals = frozenset(SIGNALS)
    # One dict of every field, handed over whole: cheaper than merging keywords into it.
    template: dict[str, Any] = {"deck_id": deck_id, **dict.fromkeys(TEXT_FIELDS, "")}
    template |= dict.fromkeys(LIST_FIELDS, ())

    def plain_text(cell: str) -> str:
        cell = cell.strip()
        return cell if cell.isprintable() else clean_text(cell)

    def quick(row: list[str]) -> tuple[Card, bool] | None:
        if len(row) != width:
            return None
        if type_position is None:
            card_type = DEFAULT_TYPE
        else:
            cell = row[type_position]
            found = types.get(cell) or types.get(cell.strip().lower())
            if found is None:
                return None
            card_type = found
        competency = plain_text(row[competency_position])
        if competency not in known or not competency:
            return None
        values = template.copy()
        for name, position in texts:
            cell = row[position]
            if cell:
                text = plain_text(cell)
                if text:
                    values[name] = text
                elif cell.strip():  # present, yet nothing once cleaned: check_card says so
                    return None
        for name, position in lists:
            cell = row[position]
            if cell:
                items = _list_items(cell)
                if items:
                    values[name] = items
                elif items is not None:  # present, yet no item once cleaned
                    return None
        required, not_allowed = rules[card_type]
        for name in required:
            if not values[name]:
                return None
        for name in not_allowed:
            if values[name]:
                return None
        if values["expects"] and not signals.issuperset(values["expects"]):
            return None
        if card_type is CardType.RECOGNIZE and values["options"]:
            return None  # options have rules of their own (_check_options)
        given_id = "" if id_position is None else row[id_position].strip()
        if given_id:
            key = plain_text(given_id)
            if not key or not ID_PATTERN.match(key):
                return None
        else:
            key = derive_id(values["prompt"])
        values["id"] = f"{deck_id}/{key}"
        values["key"] = key
        values["type"] = card_type
        values["competency"] = competency
        return Card(**values), bool(given_id)

    return quick
