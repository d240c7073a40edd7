"""Parse, validate and write decks (PRODUCT §6)."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from typing import Any, TypeVar

import yaml

from drill.core import safeyaml
from drill.core.collector import paused_gc
from drill.core.errors import DeckError, Problem
from drill.core.model import DIMENSIONS, SIGNALS, Card, CardType, Competency, Deck
from drill.core.taxonomy import BUILTIN_IDS
from drill.core.text import clean_text

T = TypeVar("T")
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
SIGNAL_NAMES = SIGNALS
DECK_KEYS = ("deck", "title", "description", "competencies", "cards")
COMPETENCY_KEYS = ("id", "name", "dimension", "description")
TEXT_FIELDS = ("prompt", "answer", "evaluates", "ic_answer")
LIST_FIELDS = ("signals", "pitfalls", "follow_ups", "expects", "tags", "rubric", "options")
CARD_KEYS = ("id", "type", "competency", *TEXT_FIELDS, *LIST_FIELDS)
ONLY_FOR: dict[str, tuple[CardType, ...]] = {
    "ic_answer": (CardType.REFRAME,),
    "rubric": (CardType.REFRAME,),
    "options": (CardType.RECOGNIZE,),
}
"""Card fields allowed only on cards of these types."""
REQUIRED: dict[CardType, tuple[str, ...]] = {
    CardType.QUESTION: ("prompt",),
    CardType.REFRAME: ("prompt", "ic_answer", "answer"),
    CardType.RECOGNIZE: ("prompt",),
    CardType.BASIC: ("prompt", "answer"),
    CardType.STORY: ("prompt",),
}
"""The text fields a card of each type must have (non-empty)."""
RECOGNIZE_OPTIONS = 4
_TYPES = {t.value: t for t in CardType}


def derive_id(prompt: str) -> str:
    """A stable card id from the prompt: a short slug plus a hash of the normalised text."""
    norm = " ".join(unicodedata.normalize("NFKC", prompt).lower().split())
    words = re.findall(r"[a-z0-9]+", norm)[:6]
    digest = hashlib.sha1(norm.encode()).hexdigest()[:8]
    return "-".join([*words, digest])


RawValue = yaml.Node | str | tuple[str, ...]
"""A field as read: a YAML node, or a plain value (a CSV cell) that is already clean."""


class Fields:
    """Reads one record into checked values, collecting problems instead of raising.

    The record is a YAML mapping node, or plain values (:meth:`of_values`, a CSV row), so
    a card from either source goes through the same checks.
    """

    def __init__(self, node: yaml.Node, what: str, allowed: Iterable[str], problems: list[Problem]):
        self.line = safeyaml.line_of(node)
        self.what = what
        self.problems = problems
        self.first_problem = len(problems)
        """Where this record's problems start in ``problems``."""
        self.values: dict[str, RawValue] = {}
        if not isinstance(node, yaml.MappingNode):
            self._add(self.line, f"{what} must be a mapping of field: value")
            return
        allowed_set = set(allowed)
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            line = safeyaml.line_of(key_node)
            if not isinstance(key, str):
                self._add(line, f"{what}: a key must be a plain name")
            elif key in self.values:
                self._add(line, f"{what}: duplicate key '{key}'")
            elif key not in allowed_set:
                hint = _closest(key, allowed_set)
                extra = f" (did you mean '{hint}'?)" if hint else ""
                self._add(line, f"{what}: unknown key '{key}'{extra}")
            else:
                self.values[key] = value_node

    @classmethod
    def of_values(
        cls,
        values: dict[str, RawValue],
        *,
        line: int,
        what: str,
        problems: list[Problem],
    ) -> Fields:
        """A record of plain values at ``line`` (a CSV row), keyed by known field names.

        Texts are already clean (:func:`clean_text`) and lists hold no empty item; a text
        may be '' (a cell of control characters only), which is reported like an empty one.
        """
        fields = cls.__new__(cls)
        fields.line = line
        fields.what = what
        fields.problems = problems
        fields.first_problem = len(problems)
        fields.values = values
        return fields

    def _add(self, line: int | None, message: str) -> None:
        self.problems.append(Problem(line, message))

    def has_problems(self) -> bool:
        """Whether anything about this record has been reported."""
        return len(self.problems) > self.first_problem

    def line_for(self, key: str) -> int:
        """The line of ``key``'s value, or of the record when it is absent or plain."""
        node = self.values.get(key)
        return safeyaml.line_of(node) if isinstance(node, yaml.Node) else self.line

    def text(self, key: str, *, required: bool = False) -> str:
        """A text field ('' when absent); numbers and booleans stay as written."""
        node = self.values.get(key)
        if node is None:
            if required:
                self._add(self.line, f"{self.what}: missing required field '{key}'")
            return ""
        if isinstance(node, str):
            value = node
        elif isinstance(node, yaml.ScalarNode):
            value = clean_text(node.value)
        else:
            self._add(self.line_for(key), f"{self.what}: '{key}' must be text")
            return ""
        if required and not value:
            self._add(self.line_for(key), f"{self.what}: '{key}' is empty")
        return value

    def items(self, key: str) -> tuple[str, ...]:
        """A list of texts (a single text is taken as a one-item list)."""
        node = self.values.get(key)
        if node is None:
            return ()
        if isinstance(node, tuple):
            return node
        if isinstance(node, str):
            return (node,) if node else ()
        if isinstance(node, yaml.ScalarNode):
            value = clean_text(node.value)
            return (value,) if value else ()
        if not isinstance(node, yaml.SequenceNode):
            self._add(safeyaml.line_of(node), f"{self.what}: '{key}' must be a list of texts")
            return ()
        out = []
        for item in node.value:
            if not isinstance(item, yaml.ScalarNode):
                self._add(safeyaml.line_of(item), f"{self.what}: each item of '{key}' must be text")
                continue
            value = clean_text(item.value)
            if value:
                out.append(value)
        return tuple(out)

    def is_text(self, key: str) -> bool:
        """Whether ``key`` holds a single text (a plain value or a YAML scalar)."""
        return isinstance(self.values.get(key), str | yaml.ScalarNode)

    def ident(self, key: str, *, required: bool = False) -> str:
        """An id field checked against ``[a-z0-9-]+``."""
        value = self.text(key, required=required)
        if value and not ID_PATTERN.match(value):
            self._add(
                self.line_for(key),
                f"{self.what}: '{key}' must use only a-z, 0-9 and '-' (got '{value}')",
            )
        return value


def peek_deck_id(data: bytes) -> str | None:
    """The ``deck:`` id from the first lines of a file, without parsing it."""
    for line in data[:4096].splitlines():
        if line.startswith(b"deck:"):
            return line[5:].split(b"#")[0].strip().decode("utf-8", "replace") or None
    return None


def parse_deck(data: bytes, *, path: str, known_competencies: Iterable[str] = BUILTIN_IDS) -> Deck:
    """The deck in ``data`` (YAML bytes), or :class:`DeckError` with every problem found."""
    with paused_gc():
        return _parse_deck(data, path, known_competencies)


def _parse_deck(data: bytes, path: str, known_competencies: Iterable[str]) -> Deck:
    problems: list[Problem] = []
    try:
        root = safeyaml.compose(safeyaml.decode(data))
    except safeyaml.YamlProblem as exc:
        raise DeckError(path, [exc.problem]) from None
    if root is None:
        raise DeckError(
            path, [Problem(None, "the file is empty; a deck needs deck, title and cards")]
        )
    if not isinstance(root, yaml.MappingNode):
        raise DeckError(
            path,
            [
                Problem(
                    safeyaml.line_of(root), "a deck must be a mapping with deck, title and cards"
                )
            ],
        )
    top = Fields(root, "deck", DECK_KEYS, problems)
    deck_id = top.ident("deck", required=True)
    title = top.text("title", required=True)
    description = top.text("description")
    competencies = _competencies(top, problems)
    known = set(known_competencies) | {c.id for c in competencies}
    deck_key = deck_id or "deck"
    cards = parse_items(
        top,
        "cards",
        "card",
        lambda node, index: parse_card(node, index, deck_key, known, problems),
        lambda card: card.key,
        problems,
    )
    if problems:
        raise DeckError(path, problems)
    return Deck(deck_id, title, tuple(cards), description, tuple(competencies))


def parse_items(
    top: Fields,
    key: str,
    what: str,
    parse_one: Callable[[yaml.Node, int], T | None],
    ident: Callable[[T], str],
    problems: list[Problem],
) -> list[T]:
    """The items of the list under ``key``: each parsed, duplicate ids reported with lines."""
    node = top.values.get(key)
    if node is None:
        problems.append(Problem(top.line, f"{top.what}: missing required field '{key}'"))
        return []
    if not isinstance(node, yaml.SequenceNode):
        problems.append(Problem(top.line_for(key), f"{top.what}: '{key}' must be a list"))
        return []
    items: list[T] = []
    seen: dict[str, int] = {}
    for index, child in enumerate(node.value, start=1):
        item = parse_one(child, index)
        if item is None:
            continue
        line = safeyaml.line_of(child)
        item_id = ident(item)
        if item_id in seen:
            problems.append(
                Problem(
                    line,
                    f"{what} {index}: duplicate id '{item_id}' (first at line {seen[item_id]})",
                )
            )
            continue
        seen[item_id] = line
        items.append(item)
    return items


def _competencies(top: Fields, problems: list[Problem]) -> list[Competency]:
    node = top.values.get("competencies")
    if node is None:
        return []
    if not isinstance(node, yaml.SequenceNode):
        problems.append(
            Problem(top.line_for("competencies"), "deck: 'competencies' must be a list")
        )
        return []
    out = []
    for item in node.value:
        f = Fields(item, "competency", COMPETENCY_KEYS, problems)
        cid = f.ident("id", required=True)
        name = f.text("name", required=True)
        dimension = f.text("dimension", required=True)
        if dimension and dimension not in DIMENSIONS:
            problems.append(
                Problem(
                    f.line_for("dimension"),
                    f"competency: unknown dimension '{dimension}' (one of: "
                    f"{', '.join(DIMENSIONS)})",
                )
            )
        if cid and name and dimension in DIMENSIONS:
            out.append(Competency(cid, name, dimension, f.text("description")))
    return out


def parse_card(
    node: yaml.Node, index: int, deck_id: str, known: set[str], problems: list[Problem]
) -> Card | None:
    """The card in one mapping node of a deck, or None.

    Problems are appended to ``problems`` with their lines; None means the card had some.
    """
    return check_card(Fields(node, f"card {index}", CARD_KEYS, problems), index, deck_id, known)


def check_card(f: Fields, index: int, deck_id: str, known: set[str]) -> Card | None:
    """The card a record's fields describe (a deck's mapping node or a CSV row), or None.

    Problems are appended to ``f.problems`` with their lines; None means the card had some.
    A CSV row that plainly passes every rule skips this (``csvfile._quick_reader``): a rule
    added here needs its test there too.
    """
    problems = f.problems
    raw_type = f.text("type", required=True)
    card_type = _TYPES.get(raw_type)
    if card_type is None:
        if raw_type:
            problems.append(
                Problem(
                    f.line_for("type"),
                    f"card {index}: unknown type '{raw_type}' "
                    f"(one of: {', '.join(t.value for t in CardType)})",
                )
            )
        return None
    given = f.values
    values: dict[str, Any] = {}
    # Loops, not comprehensions: this runs once per card of a 10k-row CSV.
    for name in TEXT_FIELDS:
        values[name] = f.text(name) if name in given else ""
    for name in LIST_FIELDS:
        values[name] = f.items(name) if name in given else ()
    for name in REQUIRED[card_type]:
        if values[name]:
            continue
        if name not in given:
            problems.append(
                Problem(
                    f.line, f"card {index}: missing required field '{name}' for a {card_type} card"
                )
            )
        elif f.is_text(name):  # a value of the wrong shape is already reported as such
            problems.append(Problem(f.line_for(name), f"card {index}: '{name}' is empty"))
    for name, types in ONLY_FOR.items():
        if name in given and card_type not in types:
            problems.append(
                Problem(f.line_for(name), f"card {index}: '{name}' is only for {types[0]} cards")
            )
    competency = f.text("competency", required=True)
    if competency and competency not in known:
        problems.append(
            Problem(f.line_for("competency"), f"card {index}: unknown competency '{competency}'")
        )
    for signal in values["expects"]:
        if signal not in SIGNAL_NAMES:
            problems.append(
                Problem(
                    f.line_for("expects"),
                    f"card {index}: unknown signal '{signal}' in expects "
                    f"(one of: {', '.join(SIGNAL_NAMES)})",
                )
            )
    if card_type is CardType.RECOGNIZE and values["options"]:
        _check_options(values["options"], competency, known, f, index, problems)
    key = f.ident("id") or (derive_id(values["prompt"]) if values["prompt"] else "")
    if f.has_problems() or not key:
        return None
    return Card(
        id=f"{deck_id}/{key}",
        deck_id=deck_id,
        key=key,
        type=card_type,
        competency=competency,
        **values,
    )


def _check_options(
    options: tuple[str, ...],
    competency: str,
    known: set[str],
    f: Fields,
    index: int,
    problems: list[Problem],
) -> None:
    line = f.line_for("options")
    if len(options) != RECOGNIZE_OPTIONS:
        problems.append(
            Problem(line, f"card {index}: 'options' needs exactly {RECOGNIZE_OPTIONS} competencies")
        )
    if len(set(options)) != len(options):
        problems.append(Problem(line, f"card {index}: 'options' has a competency twice"))
    for option in options:
        if option not in known:
            problems.append(
                Problem(line, f"card {index}: unknown competency '{option}' in options")
            )
    if competency and competency not in options:
        problems.append(
            Problem(
                line, f"card {index}: 'options' must include the card's competency '{competency}'"
            )
        )


def _closest(key: str, allowed: set[str]) -> str | None:
    import difflib

    match = difflib.get_close_matches(key, sorted(allowed), n=1, cutoff=0.75)
    return match[0] if match else None


class _Dumper(yaml.SafeDumper):
    pass


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _represent_str)


_OPTIONAL_CARD_FIELDS = tuple(
    name for name in Card._fields if name in CARD_KEYS and name not in ("id", "type", "competency")
)


def card_fields(card: Card) -> dict[str, Any]:
    """The deck-file fields of ``card`` that carry a value, in file order."""
    out: dict[str, Any] = {"id": card.key, "type": card.type.value, "competency": card.competency}
    for name in _OPTIONAL_CARD_FIELDS:
        value = getattr(card, name)
        if value:
            out[name] = list(value) if isinstance(value, tuple) else value
    return out


def dump_yaml(document: Mapping[str, Any]) -> str:
    """YAML text for a plain document: literal blocks for multi-line text, keys in order."""
    return yaml.dump(dict(document), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)


def dump_deck(deck: Deck) -> str:
    """YAML text that :func:`parse_deck` reads back to an equal deck."""
    document: dict[str, Any] = {"deck": deck.id, "title": deck.title}
    if deck.description:
        document["description"] = deck.description
    if deck.competencies:
        document["competencies"] = [
            {
                k: v
                for k, v in (
                    ("id", c.id),
                    ("name", c.name),
                    ("dimension", c.dimension),
                    ("description", c.description),
                )
                if v
            }
            for c in deck.competencies
        ]
    document["cards"] = [card_fields(card) for card in deck.cards]
    return dump_yaml(document)
