"""Anki packages: legacy and current collections, cloze notes, text clean-up, hostile files.

Legacy packages are written with genanki; current ones (``collection.anki21b``) are built
by hand: a SQLite file with the tables the importer reads, zstd-compressed, next to the
placeholder ``collection.anki2`` that current Anki also writes.
"""

from __future__ import annotations

import base64
import io
import json
import sqlite3
import struct
import zipfile
from collections.abc import Sequence
from pathlib import Path

import genanki
import pytest
import zstandard
from click.testing import CliRunner

from drill.cli import main
from drill.core.decks import dump_deck, parse_deck
from drill.core.errors import DeckError
from drill.core.model import CardType, Deck
from drill.core.taxonomy import BUILTIN_IDS
from drill.importers import apkg
from drill.importers.apkg import UNTAGGED, parse_apkg

BASIC = genanki.Model(
    1607392319,
    "Simple",
    fields=[{"name": "Front"}, {"name": "Back"}, {"name": "Source"}],
    templates=[{"name": "Card 1", "qfmt": "{{Front}}", "afmt": "{{Back}}"}],
)
PLACEHOLDER = "Please update to the latest Anki version, then import the .colpkg/.apkg file again."


def _note(
    front: str, back: str, *, guid: str, tags: Sequence[str] = (), model: genanki.Model = BASIC
) -> genanki.Note:
    fields = [front, back, ""] if model is BASIC else [front, back]
    return genanki.Note(model=model, fields=fields, guid=guid, tags=list(tags))


def _legacy(tmp_path: Path, decks: dict[str, list[genanki.Note]]) -> bytes:
    """A legacy package (collection.anki2) with one Anki deck per entry of ``decks``."""
    anki_decks = []
    for number, (name, notes) in enumerate(decks.items(), start=1):
        deck = genanki.Deck(2059400000 + number, name)
        for note in notes:
            deck.add_note(note)
        anki_decks.append(deck)
    path = tmp_path / f"legacy-{len(list(tmp_path.iterdir()))}.apkg"
    genanki.Package(anki_decks).write_to_file(str(path))
    return path.read_bytes()


def _member(package: bytes, name: str = "collection.anki2") -> bytes:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return archive.read(name)


def _zip(members: dict[str, bytes], *, compression: int = zipfile.ZIP_STORED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()


def _placeholder(tmp_path: Path) -> bytes:
    package = _legacy(tmp_path, {"Default": [_note(PLACEHOLDER, "-", guid="placeholder")]})
    return _member(package)


def _modern_db(
    tmp_path: Path,
    *,
    notetypes: Sequence[tuple[int, str, bytes]],
    decks: Sequence[tuple[int, str]],
    notes: Sequence[tuple[int, str, int, str, Sequence[str]]],
    cards: Sequence[tuple[int, int, int, int]],
) -> bytes:
    """A schema-18 style collection: notetypes/decks tables, an empty legacy col row."""
    path = tmp_path / f"modern-{len(list(tmp_path.iterdir()))}.db"
    conn = sqlite3.connect(path)
    conn.create_collation("unicase", lambda a, b: (a.lower() > b.lower()) - (a.lower() < b.lower()))
    conn.executescript(
        """
        CREATE TABLE col (id integer primary key, ver integer, models text, decks text);
        CREATE TABLE notetypes (id integer not null primary key,
            name text not null collate unicase, mtime_secs integer not null,
            usn integer not null, config blob not null);
        CREATE TABLE decks (id integer primary key not null, name text not null collate unicase,
            mtime_secs integer not null, usn integer not null, common blob not null,
            kind blob not null);
        CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null,
            mod integer not null, usn integer not null, tags text not null, flds text not null,
            sfld integer not null, csum integer not null, flags integer not null,
            data text not null);
        CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null,
            ord integer not null, mod integer not null, usn integer not null,
            type integer not null, queue integer not null, due integer not null,
            ivl integer not null, factor integer not null, reps integer not null,
            lapses integer not null, left integer not null, odue integer not null,
            odid integer not null, flags integer not null, data text not null);
        INSERT INTO col VALUES (1, 18, '', '');
        """
    )
    conn.executemany(
        "INSERT INTO notetypes VALUES (?, ?, 0, 0, ?)", [(i, n, c) for i, n, c in notetypes]
    )
    conn.executemany("INSERT INTO decks VALUES (?, ?, 0, 0, x'', x'')", decks)
    conn.executemany(
        "INSERT INTO notes VALUES (?, ?, ?, 0, 0, ?, ?, '', 0, 0, '')",
        [(i, g, m, f" {t} ", "\x1f".join(f)) for i, g, m, t, f in notes],
    )
    conn.executemany(
        "INSERT INTO cards VALUES (NULL, ?, ?, ?, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ?, 0, '')", cards
    )
    conn.commit()
    conn.close()
    return path.read_bytes()


def _modern(tmp_path: Path, db: bytes) -> bytes:
    """A current-format package: zstd collection plus the legacy placeholder."""
    return _zip(
        {
            "collection.anki2": _placeholder(tmp_path),
            "collection.anki21b": zstandard.ZstdCompressor().compress(db),
            "media": zstandard.ZstdCompressor().compress(b""),
        }
    )


def _parse(data: bytes, path: str = "deck.apkg") -> tuple[list[Deck], list[str]]:
    return parse_apkg(data, path=path, known_competencies=BUILTIN_IDS)


def _by_key(deck: Deck) -> dict[str, tuple[str, str]]:
    return {card.key: (card.prompt, card.answer) for card in deck.cards}


def _key(guid: str) -> str:
    return base64.b32encode(guid.encode()).decode().rstrip("=").lower()


# Normal and cloze kinds of the Notetype.Config protobuf: field 1 (kind) then css (field 3).
NORMAL_CONFIG = b"\x1a\x03css"
CLOZE_CONFIG = b"\x08\x01\x1a\x03css"


def test_basic_notes_become_basic_cards_with_readable_text(tmp_path: Path) -> None:
    data = _legacy(
        tmp_path,
        {
            "EM": [
                _note(
                    "What is <b>signal</b>&nbsp;quality?<br>Explain<div>briefly</div>",
                    "Evidence &amp; calibration <img src='a.png'> [sound:q.mp3]<p>Second</p>",
                    guid="Note1",
                    tags=["hiring"],
                ),
            ]
        },
    )
    (deck,), warnings = _parse(data)
    (card,) = deck.cards
    assert card.type is CardType.BASIC
    assert card.prompt == "What is signal quality?\nExplain\nbriefly"
    assert card.answer == "Evidence & calibration\nSecond"
    assert card.competency == "hiring"
    assert card.tags == ("hiring",)
    assert any("2 media references" in w for w in warnings)


def test_script_and_style_text_is_not_shown(tmp_path: Path) -> None:
    data = _legacy(
        tmp_path,
        {
            "EM": [
                _note("<style>.x{}</style>Q<script>alert(1)</script>", "A", guid="g"),
            ]
        },
    )
    (deck,), _ = _parse(data)
    assert deck.cards[0].prompt == "Q"


def test_card_ids_follow_the_note_guid(tmp_path: Path) -> None:
    first = _legacy(tmp_path, {"EM": [_note("Q", "A", guid="Ab+1"), _note("Q2", "A", guid="aB+1")]})
    edited = _legacy(tmp_path, {"EM": [_note("Q edited", "A new", guid="Ab+1")]})
    (deck,), _ = _parse(first)
    (again,), _ = _parse(edited)
    assert [c.key for c in deck.cards] == [_key("Ab+1"), _key("aB+1")]
    assert again.cards[0].id == deck.cards[0].id
    assert again.cards[0].prompt == "Q edited"


def test_tags_naming_a_competency_set_it_and_the_rest_are_declared_untagged(tmp_path: Path) -> None:
    data = _legacy(
        tmp_path,
        {
            "EM": [
                _note("Q1", "A", guid="g1", tags=["misc", "em::People_Development"]),
                _note("Q2", "A", guid="g2", tags=["leech"]),
            ]
        },
    )
    (deck,), warnings = _parse(data)
    assert [c.competency for c in deck.cards] == ["people-development", UNTAGGED.id]
    assert deck.competencies == (UNTAGGED,)
    assert any("1 note without a competency tag" in w for w in warnings)
    # The untagged competency is one a deck file may declare: the deck round-trips.
    text = dump_deck(deck).encode()
    assert parse_deck(text, path="x.yaml", known_competencies=BUILTIN_IDS) == deck


def test_a_deck_whose_notes_all_have_competencies_declares_none(tmp_path: Path) -> None:
    data = _legacy(tmp_path, {"EM": [_note("Q", "A", guid="g", tags=["hiring"])]})
    (deck,), warnings = _parse(data)
    assert deck.competencies == ()
    assert warnings == []


def test_cloze_notes_make_one_card_per_number(tmp_path: Path) -> None:
    text = "{{c1::Paris::city}} is the capital of {{c2::France}}; {{c1::Lyon}} is not."
    data = _legacy(
        tmp_path,
        {
            "Geo": [
                _note(text, "Back <i>extra</i>", guid="cz", model=genanki.CLOZE_MODEL),
            ]
        },
    )
    (deck,), _ = _parse(data)
    assert _by_key(deck) == {
        f"{_key('cz')}-c1": (
            "[city] is the capital of France; [...] is not.",
            "Paris; Lyon\n\nBack extra",
        ),
        f"{_key('cz')}-c2": (
            "Paris is the capital of [...]; Lyon is not.",
            "France\n\nBack extra",
        ),
    }


def test_nested_cloze_deletions(tmp_path: Path) -> None:
    text = "{{c1::Alpha {{c2::beta}} gamma}} delta"
    data = _legacy(tmp_path, {"N": [_note(text, "", guid="n", model=genanki.CLOZE_MODEL)]})
    (deck,), _ = _parse(data)
    assert sorted(_by_key(deck).values()) == [
        ("Alpha [...] gamma delta", "beta"),
        ("[...] delta", "Alpha beta gamma"),
    ]


def test_notes_without_text_on_a_side_are_skipped_with_a_warning(tmp_path: Path) -> None:
    data = _legacy(
        tmp_path,
        {
            "EM": [
                _note("Q", "A", guid="ok"),
                _note("<img src='only.png'>", "A", guid="img"),
            ]
        },
    )
    (deck,), warnings = _parse(data)
    assert [c.prompt for c in deck.cards] == ["Q"]
    assert any("1 note without text on the front or back skipped" in w for w in warnings)


def test_one_drill_deck_per_anki_deck(tmp_path: Path) -> None:
    data = _legacy(
        tmp_path,
        {
            "Lang::French Verbs": [_note("Q", "A", guid="a")],
            "Leadership": [_note("Q", "A", guid="b")],
            "日本語": [_note("Q", "A", guid="c")],
        },
    )
    decks, _ = _parse(data)
    ids = {d.id: d.title for d in decks}
    assert ids["anki-lang-french-verbs"] == "Lang::French Verbs"
    assert ids["anki-leadership"] == "Leadership"
    (other,) = set(ids) - {"anki-lang-french-verbs", "anki-leadership"}
    assert other.startswith("anki-deck-")
    assert ids[other] == "日本語"


def test_anki21_is_read_instead_of_the_placeholder_anki2(tmp_path: Path) -> None:
    real = _member(_legacy(tmp_path, {"EM": [_note("Real", "A", guid="r")]}))
    data = _zip({"collection.anki2": _placeholder(tmp_path), "collection.anki21": real})
    (deck,), _ = _parse(data)
    assert [c.prompt for c in deck.cards] == ["Real"]


def test_current_format_package(tmp_path: Path) -> None:
    db = _modern_db(
        tmp_path,
        notetypes=[(10, "Basic", NORMAL_CONFIG), (11, "Cloze", CLOZE_CONFIG)],
        decks=[(1, "Default"), (5, "EM\x1fHiring"), (6, "Filtered")],
        notes=[
            (100, "GuidA", 10, "hiring", ["Front <b>one</b>", "Back one"]),
            (101, "GuidB", 11, "", ["{{c1::Signal}} over {{c2::noise}}", ""]),
            (102, "GuidC", 10, "", ["Moved", "to a filtered deck"]),
        ],
        cards=[(100, 5, 0, 0), (101, 5, 0, 0), (101, 5, 1, 0), (102, 6, 0, 5)],
    )
    (deck,), _ = _parse(_modern(tmp_path, db))
    assert (deck.id, deck.title) == ("anki-em-hiring", "EM::Hiring")
    assert _by_key(deck) == {
        _key("GuidA"): ("Front one", "Back one"),
        f"{_key('GuidB')}-c1": ("[...] over noise", "Signal"),
        f"{_key('GuidB')}-c2": ("Signal over [...]", "noise"),
        _key("GuidC"): ("Moved", "to a filtered deck"),
    }
    assert PLACEHOLDER not in str(deck)


def test_an_unreadable_notetype_config_falls_back_to_the_text(tmp_path: Path) -> None:
    db = _modern_db(
        tmp_path,
        notetypes=[(10, "Odd", b"\xff\xff\xff")],
        decks=[(1, "Default")],
        notes=[(1, "g1", 10, "", ["{{c1::x}} y", ""]), (2, "g2", 10, "", ["plain", "back"])],
        cards=[(1, 1, 0, 0), (2, 1, 0, 0)],
    )
    (deck,), _ = _parse(_modern(tmp_path, db))
    assert sorted(_by_key(deck).values()) == [("[...] y", "x"), ("plain", "back")]


def test_decks_pass_the_yaml_deck_rules(tmp_path: Path) -> None:
    data = _legacy(
        tmp_path,
        {
            "EM": [
                _note("Q\x1b[2J", "A\x07", guid="g1", tags=["hiring"]),
                _note("{{c1::a}} {{c3::b}}", "", guid="g2", model=genanki.CLOZE_MODEL),
            ]
        },
    )
    (deck,), _ = _parse(data)
    text = dump_deck(deck).encode()
    assert parse_deck(text, path="x.yaml", known_competencies=BUILTIN_IDS).cards == deck.cards


@pytest.mark.parametrize(
    "name", ["../evil", "/etc/passwd", "media/../../x", "..\\x", "C:\\windows\\x", "C:x"]
)
def test_member_names_that_escape_the_folder_are_refused(tmp_path: Path, name: str) -> None:
    real = _member(_legacy(tmp_path, {"EM": [_note("Q", "A", guid="g")]}))
    with pytest.raises(DeckError, match="unsafe file name"):
        _parse(_zip({"collection.anki2": real, name: b"x"}))


def test_not_a_zip_and_no_collection_are_clear_errors() -> None:
    with pytest.raises(DeckError, match="not an Anki package"):
        _parse(b"this is not a zip file")
    with pytest.raises(DeckError, match="no collection"):
        _parse(_zip({"media": b"{}"}))
    with pytest.raises(DeckError, match="twice"):
        _parse(_twice())


def _twice() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive, pytest.warns(UserWarning):
        archive.writestr("collection.anki2", b"one")
        archive.writestr("collection.anki2", b"two")
    return out.getvalue()


def _patch_sizes(package: bytes, member: str, declared: int) -> bytes:
    """``package`` with ``member``'s uncompressed size rewritten in both zip headers."""
    data = bytearray(package)
    encoded = member.encode()
    local = data.index(b"PK\x03\x04")
    while data[local + 30 : local + 30 + len(encoded)] != encoded:
        local = data.index(b"PK\x03\x04", local + 1)
    struct.pack_into("<I", data, local + 22, declared)
    central = data.index(b"PK\x01\x02")
    while data[central + 46 : central + 46 + len(encoded)] != encoded:
        central = data.index(b"PK\x01\x02", central + 1)
    struct.pack_into("<I", data, central + 24, declared)
    return bytes(data)


def test_a_member_declaring_a_huge_size_is_refused(tmp_path: Path) -> None:
    real = _member(_legacy(tmp_path, {"EM": [_note("Q", "A", guid="g")]}))
    package = _patch_sizes(_zip({"collection.anki2": real}), "collection.anki2", 2**32 - 1)
    with pytest.raises(DeckError, match="declares 4096 MB uncompressed; the limit is 256 MB"):
        _parse(package)


def test_a_member_lying_about_its_size_is_damaged_not_trusted(tmp_path: Path) -> None:
    real = _member(_legacy(tmp_path, {"EM": [_note("Q", "A", guid="g")]}))
    package = _zip({"collection.anki2": real}, compression=zipfile.ZIP_DEFLATED)
    with pytest.raises(DeckError):
        _parse(_patch_sizes(package, "collection.anki2", 100))


def test_a_highly_compressed_member_is_refused_as_a_zip_bomb() -> None:
    package = _zip({"collection.anki2": bytes(20 * 2**20)}, compression=zipfile.ZIP_DEFLATED)
    with pytest.raises(DeckError, match="zip bomb"):
        _parse(package)


def test_a_zstd_bomb_stops_at_the_cap() -> None:
    compressor = zstandard.ZstdCompressor().compressobj()
    chunk = bytes(2**20)
    frame = b"".join(compressor.compress(chunk) for _ in range(300)) + compressor.flush()
    with pytest.raises(DeckError, match="larger than 256 MB"):
        _parse(_zip({"collection.anki21b": frame}))


def test_bad_zstd_data_is_a_damaged_package() -> None:
    with pytest.raises(DeckError, match="damaged"):
        _parse(_zip({"collection.anki21b": b"\x28\xb5\x2f\xfd garbage"}))


def test_corrupt_sqlite_files_are_clear_errors(tmp_path: Path) -> None:
    real = _member(_legacy(tmp_path, {"EM": [_note("Q", "A", guid="g")]}))
    broken_pages = real[:1024] + bytes(range(256)) * ((len(real) - 1024) // 256)
    for collection in (b"not sqlite at all", b"SQLite format 3\x00" + b"\xff" * 4000, broken_pages):
        with pytest.raises(DeckError, match="damaged") as exc:
            _parse(_zip({"collection.anki2": collection}))
        assert exc.value.path == "deck.apkg"


def test_a_sqlite_file_that_is_not_an_anki_collection(tmp_path: Path) -> None:
    path = tmp_path / "other.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE t (x)")
        conn.execute("CREATE VIEW notes AS SELECT 1")
    conn.close()
    with pytest.raises(DeckError, match="no 'notes' table"):
        _parse(_zip({"collection.anki2": path.read_bytes()}))


def test_garbage_model_json_is_a_damaged_collection(tmp_path: Path) -> None:
    real = tmp_path / "c.anki2"
    real.write_bytes(_member(_legacy(tmp_path, {"EM": [_note("Q", "A", guid="g")]})))
    with sqlite3.connect(real) as conn:
        conn.execute("UPDATE col SET models = '{not json'")
    conn.close()
    with pytest.raises(DeckError, match=r"col\.models is not JSON"):
        _parse(_zip({"collection.anki2": real.read_bytes()}))


def test_reading_work_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = _legacy(tmp_path, {"EM": [_note(f"Q{i}", "A", guid=f"g{i}") for i in range(300)]})
    assert _parse(data)[0]
    monkeypatch.setattr(apkg, "MAX_SQL_STEPS", 2)
    monkeypatch.setattr(apkg, "_SQL_STEP_OPS", 100)
    with pytest.raises(DeckError, match="too much work"):
        _parse(data)


def test_a_package_without_usable_notes_is_an_error(tmp_path: Path) -> None:
    data = _legacy(tmp_path, {"EM": [_note("<img src='x.png'>", "", guid="g")]})
    with pytest.raises(DeckError, match="no notes"):
        _parse(data)


def test_ten_thousand_notes(tmp_path: Path) -> None:
    notes = [_note(f"Question {i}?", f"Answer {i}", guid=f"g{i}") for i in range(10_000)]
    (deck,), _ = _parse(_legacy(tmp_path, {"Big": notes}))
    assert len({c.id for c in deck.cards}) == 10_000


def test_drill_import_of_an_apkg(tmp_path: Path) -> None:
    package = tmp_path / "em.apkg"
    package.write_bytes(
        _legacy(
            tmp_path,
            {
                "EM Anki": [
                    _note("Q1", "A1", guid="g1", tags=["hiring"]),
                    _note("Q2", "A2", guid="g2"),
                ]
            },
        )
    )
    db = tmp_path / "x.db"
    result = CliRunner().invoke(main, ["--db", str(db), "import", str(package)])
    assert result.exit_code == 0, result.output
    assert "imported anki-em-anki: 2 added" in result.stdout
    assert "without a competency tag" in result.stderr
    decks = json.loads(CliRunner().invoke(main, ["--db", str(db), "decks", "--json"]).stdout)
    assert next(d for d in decks if d["id"] == "anki-em-anki")["cards"] == 2


def test_drill_import_of_a_hostile_apkg_writes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "x.db"
    runner = CliRunner()
    before = runner.invoke(main, ["--db", str(db), "decks", "--json"]).stdout
    package = tmp_path / "evil.apkg"
    package.write_bytes(_zip({"../../evil": b"x", "collection.anki2": b""}))
    result = runner.invoke(main, ["--db", str(db), "import", str(package)])
    assert result.exit_code == 1
    assert f"{package}: the package holds an unsafe file name" in result.stderr
    assert runner.invoke(main, ["--db", str(db), "decks", "--json"]).stdout == before


@pytest.mark.filterwarnings("ignore:Field contained the following invalid HTML tags")
@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("a < b and c > d", "a < b and c > d"),
        ("x<br/>y<hr>z", "x\ny\nz"),
        ("caf&eacute;&nbsp;&lt;3 &#x41;", "café <3 A"),
        ("<div><p>one</p>\n\n<p>two</p></div>", "one\n\ntwo"),
        ("keep<!-- hidden -->this", "keepthis"),
        ("<style/>visible", "visible"),
        ("unclosed <b tag", "unclosed <b tag"),
    ],
)
def test_html_is_reduced_to_readable_text(tmp_path: Path, field: str, text: str) -> None:
    (deck,), _ = _parse(_legacy(tmp_path, {"EM": [_note(field, "A", guid="g")]}))
    assert deck.cards[0].prompt == text


def _rewrite_fields(tmp_path: Path, package: bytes, fields: dict[str, list[str]]) -> bytes:
    """``package`` with the fields of the notes named by GUID replaced (genanki is slow on
    pathological markup, so such fields are written straight into the collection)."""
    db = tmp_path / "rewrite.anki2"
    db.write_bytes(_member(package))
    with sqlite3.connect(db) as conn:
        for guid, values in fields.items():
            conn.execute("UPDATE notes SET flds = ? WHERE guid = ?", ("\x1f".join(values), guid))
    conn.close()
    return _zip({"collection.anki2": db.read_bytes()})


def test_pathological_markup_is_read_in_one_pass(tmp_path: Path) -> None:
    # html.parser needs minutes for fields like these; the importer reads them at once.
    fronts = ["<a" * 100_000, 'a<b c="' * 50_000, "<!--" * 50_000 + "x", "{{c1::" * 50_000 + "x"]
    package = _legacy(tmp_path, {"EM": [_note("Q", "A", guid=f"g{i}") for i in range(len(fronts))]})
    data = _rewrite_fields(
        tmp_path, package, {f"g{i}": [front, "back", ""] for i, front in enumerate(fronts)}
    )
    (deck,), warnings = _parse(data)
    assert [c.prompt for c in deck.cards] == [fronts[0], fronts[1], fronts[3]]
    assert any("1 note without text" in w for w in warnings)


def test_deeply_nested_cloze_does_not_exhaust_the_stack(tmp_path: Path) -> None:
    text = "{{c1::" * 5_000 + "core" + "}}" * 5_000
    note = _note("{{c1::x}}", "", guid="n", model=genanki.CLOZE_MODEL)
    package = _legacy(tmp_path, {"N": [note]})
    (deck,), _ = _parse(_rewrite_fields(tmp_path, package, {"n": [text, ""]}))
    ((prompt, answer),) = _by_key(deck).values()
    # Openings past the depth limit stay as text; the deletion still ends in "core".
    assert prompt.startswith("[...]")
    assert answer.endswith("core")


def test_cloze_text_rendered_per_package_is_bounded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    text = " ".join(f"{{{{c{n}::w{n}}}}}" for n in range(1, 200))
    data = _legacy(tmp_path, {"N": [_note(text, "", guid="n", model=genanki.CLOZE_MODEL)]})
    (deck,), _ = _parse(data)
    assert len(deck.cards) == 199
    monkeypatch.setattr(apkg, "MAX_TEXT_CHARS", 100 * len(text))
    with pytest.raises(DeckError, match="characters of card text"):
        _parse(data)
