"""The compiled index: an SQLite file derived from the YAML, rebuilt when they differ.

The file name carries a fingerprint of the package version, the index format and
each data directory (see ``fingerprint``); files of small directories are also
checked one by one after opening (``_stale``), so a fresh index is found without
parsing any YAML. It is written to a temporary file and renamed into place
(readers never see half an index), opened read-only, rebuilt if it turns out to
be corrupt, and built in memory when the cache directory cannot be written.

When article files changed, the previous index of the same data set (its
``index-<set>-`` prefix) is verified, copied, and updated (``_update_file``): only
the changed files are read; their rows are replaced and everything derived from
all articles (names, search words, spellings, listing, problems, counts) is made
again as a build makes it. A full build instead when another kind of file changed,
or more than 1 in UPDATE_SHARE article files did.

Nothing read from the file is trusted before it is checked (a damaged or planted
index must not crash, hang, exhaust memory or print text that is not in the data):

- Only a regular file owned by the current user, writable by no one else, is
  opened (``os.lstat`` first: a FIFO, a device or a link is never opened). A
  file at the index's name that is not a regular file, or belongs to another
  user, is not ours to delete: it is left alone, and every run builds the index
  in memory (with a one-line warning) until it is removed. A file of ours with
  loose permissions is treated as damaged: replaced. (SQLite opens by name, so
  the file could still be swapped between the lstat and the open by someone who
  can write the cache directory without the sticky bit; ~/.cache is yours alone.)
- Once per open, the schema (``sqlite_master``) must match the checksum the
  build wrote into the header (``PRAGMA user_version``): no view, trigger or
  other object can have been added, so no query can be made to hang. Strings
  and blobs are limited to ``MAX_BLOB`` bytes (``SQLITE_LIMIT_LENGTH``).
- Every blob is written and read through one pair, ``_pack``/``_unpack``: a
  header with the decoded size and a CRC-32 of the marshal bytes; decompression
  stops at that size, and marshal sees only bytes whose checksum matched.
- Text is printed only from blobs, or from rows that end with a ``crc`` column
  (names and labels, ``meta``, problems, ...), each row checked as it is read
  (``Index._checked``): a changed byte in a label is damage, never output. A
  changed lookup key is seen when a query reads its row (did-you-mean reads
  them all); until then that name is simply not found.
- Every checksum (a blob's CRC-32, a row's crc) covers the row's key (id, route,
  kind and id, article and language; rows hold theirs as columns) and starts from
  the index's own salt, drawn at build and kept in ``meta``: a blob or row moved
  to another key, or copied from another index, does not match. What a blob
  decodes to must be what was asked for (``Index._decode``: its id).
- A missing row is damage too: ``meta`` holds the row count of every table a run
  reads (``_COUNTED``) and its own, and ``open_index`` compares them all with the
  file before it answers anything (``Index.verify``: one statement, each count
  walking a narrow b-tree: ~0.4 ms for the bundled data, ~1 ms for 2,000 articles).
  So a deleted name that only made a lookup less ambiguous, or a deleted full-text
  row that only dropped a search hit, is seen at once, not when a lookup misses.
  Tables read whole also check their count with the rows they read
  (``Index._count``), and an id the names resolve to whose row is missing raises
  ``CorruptIndex``. Not counted: tables read only while building (article,
  related, symptom_word), and the full-text index's own tables (doc_fts_*), which
  FTS5 checks itself: a query that needs a deleted page is SQLITE_CORRUPT, never
  a silently missing hit (tried for every page of the bundled index).

Any failed check means what any other damage means: the file is discarded and
rebuilt, or ``CorruptIndex`` makes the CLI discard it and run once more.

Deleting: only files tacref wrote and recognises (``discard_indexes``,
``keep_recent``: the exact name ``index-<8 hex>-<16 hex>.sqlite`` or, from before
format 25, ``index-<16 hex>.sqlite``, a regular file of the current user, SQLite with
tacref's application id), and temporary files of builds whose process is gone
(``_sweep_leftovers``: the writer's pid is in the name).
"""

import contextlib
import functools
import marshal
import os
import stat
import sys
import zlib
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from functools import partial
from itertools import islice
from pathlib import Path
from typing import Any

try:  # the C module is all tacref uses; the sqlite3 package adds datetime adapters
    import _sqlite3 as sqlite3
except ImportError:  # an interpreter whose sqlite3 has no such module
    import sqlite3

from tacref import __version__
from tacref.errors import Problem, count, first_problems, path_text
from tacref.i18n import HANT, fix_hant, joined
from tacref.model import (
    LANGS,
    Article,
    Concern,
    Interaction,
    Lasting,
    Product,
    Profile,
    Reading,
    Summary,
    Together,
    Vocabulary,
    side_effect_mapping,
)
from tacref.names import (
    BREAK,
    OWN_WORDS,
    QUESTION_MARKS,
    fts_query,
    has_kana,
    index_tokens,
    is_cjk,
    normalize,
    symptom_key,
)
from tacref.paths import DataDir
from tacref.record import Record

Progress = Callable[[int, int], None]  # (articles read, articles in all) during a build
FORMAT = 45  # bump when the tables below, or what is written to them, change
WATCH_LIMIT = 1000  # files; see _stale
APPLICATION_ID = 0x74616372  # "tacr", in the SQLite header of every index file
MAX_BLOB = 1 << 28  # bytes: the largest string or blob read, or blob decoded

_SCHEMA = """
-- A crc column is the CRC-32 of the columns before it in its row (see _crc): every
-- table whose text is read while answering has one, or is read whole from a blob
-- (listing, vocabulary, symptom_extra). article, related and symptom_word are read only while
-- building; source is only compared with the files.
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL, crc INTEGER NOT NULL);
CREATE TABLE article(
    id TEXT PRIMARY KEY, name_en TEXT, name_zh TEXT, category TEXT, status TEXT,
    evidence TEXT, forms TEXT, approved_by TEXT, reviewed TEXT, path TEXT);
CREATE TABLE body(id TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID;
CREATE TABLE related(article TEXT NOT NULL, target TEXT NOT NULL);
CREATE TABLE name(key TEXT NOT NULL, id TEXT NOT NULL, label TEXT NOT NULL,
    crc INTEGER NOT NULL, PRIMARY KEY(key, id, label)) WITHOUT ROWID;
CREATE TABLE doc(rowid INTEGER PRIMARY KEY, article TEXT, lang TEXT, crc INTEGER NOT NULL,
    sections BLOB);
-- Only for counting (Index.verify, on every open): count(*) walks a table's narrowest
-- b-tree, and rows of doc and body hold blobs (counting doc read 50 ms for 2,000 articles).
CREATE INDEX doc_count ON doc(lang);
CREATE INDEX body_count ON body(id);
-- One row per article and language. columnsize=0: no per-row length to look up, so
-- bm25 ranks by how often each term occurs (saturating) without length normalisation;
-- that lookup was most of the cost of a word that 8,000 articles contain.
CREATE VIRTUAL TABLE doc_fts USING fts5(
    tokens, content='', columnsize=0, tokenize='porter unicode61 remove_diacritics 2');
CREATE TABLE listing(data BLOB NOT NULL);
-- Products (kind 'product') and interaction cards ('agent'): few, each one blob,
-- found by their names (brands and aliases too) in item_name.
CREATE TABLE item(kind TEXT NOT NULL, id TEXT NOT NULL, path TEXT NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY(kind, id)) WITHOUT ROWID;
CREATE TABLE item_name(kind TEXT NOT NULL, key TEXT NOT NULL, id TEXT NOT NULL,
    label TEXT NOT NULL, crc INTEGER NOT NULL, PRIMARY KEY(kind, key, id, label)) WITHOUT ROWID;
-- Other ways to type a name (kind '' for a condition, 'product', 'agent'): its pinyin
-- (baidianfeng, bai2dian4feng1) and its traditional/regional spellings (OpenCC at
-- build), keyed as ``Index.key`` folds a query; looked up after the names themselves.
CREATE TABLE alt_name(kind TEXT NOT NULL, key TEXT NOT NULL, id TEXT NOT NULL,
    label TEXT NOT NULL, crc INTEGER NOT NULL, PRIMARY KEY(kind, key, id, label)) WITHOUT ROWID;
-- Traditional character -> simplified (one blob, a translate table): never a
-- character a name uses.
CREATE TABLE fold(data BLOB NOT NULL);
-- Articles ('body'), items ('product', 'agent') and profiles ('profile') with their
-- Chinese also in traditional characters for a region (zh-TW, zh-HK: OpenCC at build).
CREATE TABLE hant(kind TEXT NOT NULL, id TEXT NOT NULL, region TEXT NOT NULL,
    data BLOB NOT NULL, PRIMARY KEY(kind, id, region)) WITHOUT ROWID;
CREATE INDEX hant_count ON hant(region);
CREATE TABLE profile(id TEXT PRIMARY KEY, data BLOB NOT NULL) WITHOUT ROWID;
-- The symptom checker's words: the profiles' lay words ('lay', with their row) and
-- the vocabulary's intensifiers ('more') and red flags (kind: their tier, with their
-- row); keys are casefolded, spaces kept.
CREATE TABLE symptom_word(key TEXT NOT NULL, kind TEXT NOT NULL, route TEXT, row TEXT);
-- symptom_word in one blob: every `symptom` reads it whole.
CREATE TABLE vocabulary(data BLOB NOT NULL);
-- Two profile rows (route/row) that together are answered at least at tier.
-- a_words, b_words: the words that count for each side, one per line ('' = any).
CREATE TABLE symptom_pair(a TEXT NOT NULL, b TEXT NOT NULL, tier TEXT NOT NULL,
    a_words TEXT NOT NULL, b_words TEXT NOT NULL, crc INTEGER NOT NULL);
-- The vocabulary's concerns, readings, words together, durations and level signs
-- (model.Concern, model.Reading, model.Together, model.Lasting): one blob.
CREATE TABLE symptom_extra(data BLOB NOT NULL);
-- The adverse-effect article about a profile row (the first row it shows).
CREATE TABLE lead_effect(route TEXT NOT NULL, row TEXT NOT NULL, article TEXT NOT NULL,
    crc INTEGER NOT NULL);
CREATE TABLE problem(path TEXT, line INTEGER, message TEXT, crc INTEGER NOT NULL);
-- Search: the Chinese words an unspaced query is cut into (names, aliases, products,
-- headings, side effects, the symptom checker's words), and each traditional
-- character the data do not use with the simplified one they do (OpenCC, at build).
CREATE TABLE search_word(key TEXT PRIMARY KEY, crc INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE search_fold(char TEXT PRIMARY KEY, simple TEXT NOT NULL, crc INTEGER NOT NULL)
    WITHOUT ROWID;
-- The rows of an article, for the snippet of a result found by its name.
CREATE INDEX doc_article ON doc(article);
CREATE TABLE source(path TEXT PRIMARY KEY, size INTEGER, mtime INTEGER);
-- Read only to update the index in place (``_update``), never to answer. unit: each
-- article file as it was read (stamp, content hash, the id it gave or NULL, its
-- problems, the Chinese characters of its text); claim and item_claim: every name as
-- claimed, before the claims other files win are removed from name and item_name;
-- build: what the rest of the build was made from (``_inputs``), and the problems
-- of those other files (written before the articles').
CREATE TABLE unit(path TEXT PRIMARY KEY, id TEXT, size INTEGER, mtime INTEGER, hash INTEGER,
    problems BLOB NOT NULL, chars TEXT NOT NULL);
CREATE TABLE claim(key TEXT NOT NULL, id TEXT NOT NULL, label TEXT NOT NULL,
    crc INTEGER NOT NULL, PRIMARY KEY(key, id, label)) WITHOUT ROWID;
CREATE INDEX claim_id ON claim(id);
CREATE TABLE item_claim(kind TEXT NOT NULL, key TEXT NOT NULL, id TEXT NOT NULL,
    label TEXT NOT NULL, crc INTEGER NOT NULL, PRIMARY KEY(kind, key, id, label)) WITHOUT ROWID;
CREATE TABLE build(key TEXT PRIMARY KEY, value BLOB NOT NULL);
"""


ITEM_KINDS = {"product": Product, "agent": Interaction}


class Lexicon(Record):
    """The symptom checker's words (``symptom_word``), as it reads them: made at
    build, so that a question does not sort 3,000 rows into sets first."""

    lay: frozenset[tuple[str, str, str, str]]  # (key, route, row, a red flag's tier or "")
    keys: frozenset[str]  # the keys of ``lay``
    more: tuple[str, ...]  # the intensifiers, in the vocabulary's order


class Match(Record):
    """An article, in one language, that matched a search (its text: ``sections``)."""

    rowid: int
    article: str
    lang: str


class Index:
    """Read access to a compiled index; every query the rest of tacref needs.

    Any sign of damage (SQLite errors, a body that does not decode) is raised as
    ``CorruptIndex``; the CLI then discards the file and runs the command again.
    """

    def __init__(self, conn: sqlite3.Connection, path: Path | None = None) -> None:
        self._conn = conn
        self.path = path
        self.warning: str | None = None  # why the cache was not used, for the CLI to say
        self._meta: dict[str, str] | None = None
        self._leads: dict[tuple[str, str], list[str]] | None = None
        self._fold: dict[int, str] | None = None
        # An output language in traditional characters (zh-TW, zh-HK): records are
        # read with their Chinese converted for it (see ``_hant``), or None.
        self.region: str | None = None
        # What a cached index was built from (set by open_index): an article found
        # edited in place since is brought up to date (``StaleIndex``).
        self.source: tuple[Sequence[DataDir], Path] | None = None

    def _unpacked(self, blob: Any, what: str, key: Sequence[Any]) -> Any:
        """``_unpack`` for this index (its salt, the blob's ``key``): its
        CorruptIndex names the file to discard."""
        salt = self._salt()
        try:
            return _unpack(blob, what, key, salt)
        except CorruptIndex as exc:
            exc.path = self.path
            raise

    def _damaged(self, detail: str) -> "CorruptIndex":
        return CorruptIndex(self.path, detail)

    def _metadata(self) -> dict[str, str]:
        """Every ``meta`` row, each checked: the salt's row alone is summed without
        the salt (it is the salt), every other one with it. Read once per index."""
        if self._meta is None:
            rows = self._rows("SELECT * FROM meta")
            salt = next((r for r in rows if r[0] == "salt"), None)
            if salt is None or _crc(salt[:-1], 0) != salt[-1]:
                raise self._damaged("the index has no salt")
            try:
                value = int(salt[1])
            except (TypeError, ValueError) as exc:
                raise self._damaged("the index has no salt") from exc
            for row in rows:
                if row is not salt and _crc(row[:-1], value) != row[-1]:
                    raise self._damaged("a row of meta does not match its checksum")
            self._meta = {k: v for k, v, _ in rows}
        return self._meta

    def _salt(self) -> int:
        return int(self._metadata()["salt"])

    def verify(self) -> None:
        """``CorruptIndex`` unless every counted table (``_COUNTED``) and ``meta``
        itself hold as many rows as the build wrote: a deleted row of any kind is
        damage, found when the index is opened (``open_index``), before it answers."""
        meta = self._metadata()
        if meta.get("rows:meta") != str(len(meta)):
            raise self._damaged("meta has a row too few")
        found = self._rows("SELECT " + ", ".join(f"({sql})" for sql in _COUNTED.values()))[0]
        for table, n in zip(_COUNTED, found, strict=True):
            self._count(table, n)

    def _count(self, table: str, found: int) -> None:
        """``CorruptIndex`` unless ``found`` rows of ``table`` (read whole) is how
        many the build wrote: a deleted row is damage, not an empty answer."""
        if self._metadata().get(f"rows:{table}") != str(found):
            raise self._damaged(f"{table} has {found} rows, not what was written")

    def _whole(self, table: str) -> None:
        """``CorruptIndex`` unless ``table`` (looked up by key, small) has every row
        the build wrote: a deleted word would change how a query is read, silently."""
        self._count(table, self._rows(f"SELECT count(*) FROM {table}")[0][0])

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        try:
            return self._conn.execute(sql, params).fetchall()
        except (sqlite3.Error, ValueError) as exc:  # ValueError: text that is not UTF-8
            raise CorruptIndex(self.path, str(exc)) from exc

    def _checked(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        """Rows whose last column is a ``crc`` column and the others are the columns
        before it (``SELECT *`` of a table that ends with one), without the crc;
        ``CorruptIndex`` unless every row matches its checksum."""
        rows = self._rows(sql, params)
        if rows:
            salt = self._salt()
            for row in rows:
                if _crc(row[:-1], salt) != row[-1]:
                    raise CorruptIndex(self.path, "a row does not match its checksum")
        return [row[:-1] for row in rows]

    def meta(self, key: str) -> str | None:
        return self._metadata().get(key)

    def _fresh(self, article_id: str) -> None:
        """``StaleIndex`` if the file of ``article_id`` changed since it was read.

        ``_stale`` stats every file of a small folder on open; above WATCH_LIMIT
        files that costs more than a run, so the file of the article a command
        shows is stat'ed here instead (one query, one stat). The row read is not
        checksummed: a damaged one can only cause an update, which rewrites it."""
        if self.source is None or self.path is None:
            return
        rows = self._rows(
            "SELECT u.size, u.mtime, u.path FROM article a JOIN unit u ON u.path = a.path"
            " WHERE a.id = ?",
            (article_id,),
        )
        if rows and _file_stat(Path(rows[0][2])) != tuple(rows[0][:2]):
            raise StaleIndex(self.path, self.source)

    def article(self, article_id: str) -> Article:
        """The article ``article_id`` (an id the names resolved to: a missing one is
        damage)."""
        self._fresh(article_id)
        if self.region:
            return self._hant(Article, "body", article_id)
        rows = self._rows("SELECT data FROM body WHERE id = ?", (article_id,))
        if not rows:
            raise self._damaged(f"article {article_id!r} is named but missing")
        return self._decode(Article, ("body", article_id), article_id, rows[0][0])

    def article_files(self) -> list[tuple[str, str]]:
        """(id, file) of every article: for ``validate``, which built this index itself
        (the article table has no checksums; a run never reads it)."""
        return [(i, p) for i, p in self._rows("SELECT id, path FROM article ORDER BY id")]

    def items(self, kind: str, ids: Sequence[str] | None = None) -> list[Any]:
        """Every item of ``kind`` ("product": Product, "agent": Interaction), by
        id, or those of ``ids``."""
        if ids is None:
            rows = self._rows("SELECT id, data FROM item WHERE kind = ? ORDER BY id", (kind,))
            self._count(f"item:{kind}", len(rows))
        else:  # ids the names resolved to: each must be there
            marks = ",".join("?" * len(ids))
            sql = f"SELECT id, data FROM item WHERE kind = ? AND id IN ({marks}) ORDER BY id"
            rows = self._rows(sql, (kind, *ids))
            if len(rows) != len(set(ids)):
                raise self._damaged(f"an item of kind {kind!r} is named but missing")
        if self.region:
            return [self._hant(ITEM_KINDS[kind], kind, i) for i, _ in rows]
        return [self._decode(ITEM_KINDS[kind], ("item", kind, i), i, data) for i, data in rows]

    def profile(self, route: str) -> Profile | None:
        rows = self._rows("SELECT data FROM profile WHERE id = ?", (route,))
        if rows and self.region:
            return self._hant(Profile, "profile", route)
        return self._decode(Profile, ("profile", route), route, rows[0][0]) if rows else None

    def spelled(self) -> dict[str, str]:
        """The Chinese words tacref says back as found (the symptom checker's, the
        products' aliases) in ``self.region``'s traditional characters (头发掉得厉害:
        頭髮掉得厲害); empty without a region."""
        return self._hant_data("words", "symptom") if self.region else {}

    def sections_in_region(self, match: Match) -> list[tuple[str, str]] | None:
        """``sections(match)`` in ``self.region``'s traditional characters, or None
        (no region, or the match is English)."""
        if not self.region or match.lang != "zh":
            return None
        return [tuple(s) for s in self._hant_data("sections", str(match.rowid))]

    def _hant_data(self, kind: str, record_id: str) -> Any:
        rows = self._rows(
            "SELECT data FROM hant WHERE kind = ? AND id = ? AND region = ?",
            (kind, record_id, self.region),
        )
        if not rows and kind == "sections":
            converted = self._sections_now(record_id)
            if converted is not None:
                return converted
        if not rows:
            raise self._damaged(f"{kind} {record_id!r} has no {self.region} text")
        return self._unpacked(rows[0][0], kind, ("hant", kind, record_id, self.region))

    def _hant(self, record: Any, kind: str, record_id: str) -> Any:
        """A record with its Chinese also in ``self.region``'s traditional characters."""
        rows = self._rows(
            "SELECT data FROM hant WHERE kind = ? AND id = ? AND region = ?",
            (kind, record_id, self.region),
        )
        if not rows and kind == "body" and self._pending(record_id):
            return self._article_now(record_id)
        if not rows:
            raise self._damaged(f"{kind} {record_id!r} has no {self.region} text")
        key = ("hant", kind, record_id, self.region)
        return self._decode(record, key, record_id, rows[0][0])

    # An update does not convert the articles it read again (OpenCC's start-up, two
    # regions, ~0.5 s, on the first `show` after an edit, in any language): it marks
    # them (``_add_hant_later``), and a read in traditional characters converts the
    # article's simplified text then, as the build would have (``_regional``,
    # ``_converted``): never simplified text shown as traditional. Each such read
    # pays that conversion (one region's start-up) until the next full build.

    def _pending(self, article_id: str) -> bool:
        """Is ``article_id``'s text in ``self.region`` left to be converted when read?"""
        rows = self._rows(
            "SELECT data FROM hant WHERE kind = 'pending' AND id = ? AND region = ?",
            (article_id, self.region),
        )
        key = ("hant", "pending", article_id, self.region)
        return bool(rows) and self._unpacked(rows[0][0], "pending", key) == article_id

    def _article_now(self, article_id: str) -> Article:
        rows = self._rows("SELECT data FROM body WHERE id = ?", (article_id,))
        if not rows:
            raise self._damaged(f"article {article_id!r} is named but missing")
        what = f"Article {article_id!r}"
        mapping = self._unpacked(rows[0][0], what, ("body", article_id))
        try:
            (regional,) = _regional([mapping], self.region, HANT[self.region])
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise CorruptIndex(self.path, f"{what} does not decode") from exc
        return self._checked_record(Article, what, article_id, regional)

    def _sections_now(self, rowid: str) -> list[tuple[str, str]] | None:
        """The sections of the Chinese ``doc`` row ``rowid`` converted now, if its
        article is pending, else None."""
        rows = self._rows("SELECT article, lang, sections FROM doc WHERE rowid = ?", (rowid,))
        if not rows or rows[0][1] != "zh" or not self._pending(rows[0][0]):
            return None
        article, lang, blob = rows[0]
        sections = self._unpacked(blob, "sections", ("doc", article, lang))
        try:
            texts = _converted([text for _, text in sections], HANT[self.region])
            return [(field, text) for (field, _), text in zip(sections, texts, strict=True)]
        except (ValueError, TypeError) as exc:
            raise CorruptIndex(self.path, f"sections {rowid!r} do not decode") from exc

    def _decode(self, kind: Any, key: Sequence[Any], record_id: str, data: bytes) -> Any:
        """The record of class ``kind`` stored under ``key``; ``CorruptIndex`` unless
        it decodes, and is the one asked for (its id is ``record_id``)."""
        what = f"{kind.__name__} {record_id!r}"
        mapping = self._unpacked(data, what, key)
        return self._checked_record(kind, what, record_id, mapping)

    def _checked_record(self, kind: Any, what: str, record_id: str, mapping: Any) -> Any:
        try:
            found = kind.from_mapping(mapping)
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise CorruptIndex(self.path, f"{what} does not decode") from exc
        if found.id != record_id:
            raise self._damaged(f"{what} holds {found.id!r}")
        return found

    # Names (item_name: kind, key, id, label), symptom words and the rest are rows
    # with a crc column: each is checked as it is read (_checked), so a changed byte
    # in a label is damage, never printed.

    def item_ids_for_key(self, kind: str, key: str) -> set[str]:
        sql = "SELECT * FROM item_name WHERE kind = ? AND key = ?"
        return {r[2] for r in self._checked(sql, (kind, key))}

    def item_names_with_prefix(self, kind: str, key: str, limit: int = 50) -> list[tuple[str, str]]:
        """(id, label) of the names of items of ``kind`` whose key starts with ``key``."""
        rows = self._checked(
            "SELECT * FROM item_name WHERE kind = ? AND key >= ? AND key < ?"
            " ORDER BY length(key) LIMIT ?",
            (kind, key, key + "\U0010ffff", limit),
        )
        return [(i, label) for _, _, i, label in rows]

    def all_item_names(self, kind: str) -> list[tuple[str, str, str]]:
        rows = self._checked("SELECT * FROM item_name WHERE kind = ?", (kind,))
        self._count(f"item_name:{kind}", len(rows))
        return [(k, i, label) for _, k, i, label in rows]

    def symptom_words(self) -> Lexicon:
        """Every word the symptom checker knows (``_lexicon``)."""
        blobs = self._rows("SELECT data FROM vocabulary")
        # One blob, like the listing: unpacking it costs less than checking 1,500 rows.
        what = "the symptom words"
        data = self._unpacked(blobs[0][0] if blobs else None, what, ("vocabulary",))
        if not (
            type(data) is tuple
            and len(data) == 3
            and [type(d) for d in data] == [frozenset, frozenset, tuple]
        ):
            raise self._damaged(f"{what} do not decode")
        return Lexicon(*data)

    def symptom_extras(self) -> Vocabulary:
        """The vocabulary's concerns (a missed dose), readings (a blood pressure) and
        words that count together (eczema ... blisters): its other parts are tables."""
        rows = self._rows("SELECT data FROM symptom_extra ORDER BY rowid")
        self._count("symptom_extra", len(rows))
        blobs = [
            self._unpacked(data, "vocabulary", ("symptom_extra", n))
            for n, (data,) in enumerate(rows)
        ]
        if self.region:  # their titles and actions in traditional characters too
            for n, b in enumerate(blobs):
                hant = self._hant_data("concerns", str(n))
                b["concerns"], b["keys"] = hant["concerns"], b["keys"] | hant["keys"]
        try:
            return Vocabulary(
                "vocabulary",
                "",
                {},
                concerns=tuple(Concern.from_mapping(c) for b in blobs for c in b["concerns"]),
                readings=tuple(Reading.from_mapping(r) for b in blobs for r in b["readings"]),
                together=tuple(Together.from_mapping(t) for b in blobs for t in b["together"]),
                lasting=tuple(Lasting.from_mapping(d) for b in blobs for d in b["lasting"]),
                level_signs=tuple(r for b in blobs for r in b["level_signs"]),
                fold={k: v for b in blobs for k, v in b["fold"].items()},
                keys={k: v for b in blobs for k, v in b["keys"].items()},
            )
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise CorruptIndex(self.path, f"vocabulary: {exc}") from exc

    def symptom_pairs(self) -> list[tuple[str, str, str, str, str]]:
        """(route/row, route/row, tier, a_words, b_words) of the symptoms more urgent
        together; the words that count for a side, one per line, '' for any."""
        rows = self._checked("SELECT * FROM symptom_pair")
        self._count("symptom_pair", len(rows))
        return rows

    def lead_articles(self, route: str, row: str) -> list[str]:
        """The adverse-effect articles about one profile row. The table is small:
        read whole (once), so that a deleted row is seen (counted)."""
        if self._leads is None:
            rows = self._checked("SELECT * FROM lead_effect ORDER BY article")
            self._count("lead_effect", len(rows))
            leads: dict[tuple[str, str], list[str]] = {}
            for r, w, article in rows:
                leads.setdefault((r, w), []).append(article)
            self._leads = leads
        return list(self._leads.get((route, row), ()))

    def summaries(self, ids: Sequence[str] | None = None) -> list[Summary]:
        # One blob, written at build time (see _listing) and checksummed like every
        # blob: names and statuses printed by search and related come from it too.
        blobs = self._rows("SELECT data FROM listing")
        rows = self._unpacked(blobs[0][0] if blobs else None, "the list of articles", ("listing",))
        if ids is not None:
            wanted = set(ids)
            rows = [r for r in rows if r[0] in wanted]
        try:
            if self.region is None:  # the regional names only where they are read
                return [Summary(i, {"en": en, "zh": zh}, *rest) for i, en, zh, _, _, *rest in rows]
            at = 3 + list(HANT).index(self.region)
            return [
                Summary(row[0], {"en": row[1], "zh": row[2], self.region: row[at]}, *row[5:])
                for row in rows
            ]
        except (TypeError, ValueError) as exc:
            raise CorruptIndex(self.path, "a summary does not decode") from exc

    def key(self, text: str) -> str:
        """The lookup key of what a person typed: ``names.normalize``, then
        traditional characters folded to the simplified ones names use (a table
        built with the index: nothing is converted here)."""
        key = normalize(text)
        if key.isascii():
            return key
        if self._fold is None:
            blobs = self._rows("SELECT data FROM fold")
            self._fold = self._unpacked(blobs[0][0] if blobs else None, "the fold", ("fold",))
        return key.translate(self._fold)

    def alt_ids_for_key(self, kind: str, key: str) -> set[str]:
        """Ids whose pinyin or traditional spelling is ``key`` (kind '' conditions)."""
        sql = "SELECT * FROM alt_name WHERE kind = ? AND key = ?"
        return {r[2] for r in self._checked(sql, (kind, key))}

    def alt_names_with_prefix(self, kind: str, key: str, limit: int = 50) -> list[tuple[str, str]]:
        """(id, label) of names whose pinyin or traditional spelling starts with
        ``key``; the label is the name itself (白癜风 for "baidian")."""
        rows = self._checked(
            "SELECT * FROM alt_name WHERE kind = ? AND key >= ? AND key < ?"
            " ORDER BY length(key) LIMIT ?",
            (kind, key, key + "\U0010ffff", limit),
        )
        return [(i, label) for _, _, i, label in rows]

    def ids_for_key(self, key: str) -> set[str]:
        return {r[1] for r in self._checked("SELECT * FROM name WHERE key = ?", (key,))}

    def names_with_prefix(self, key: str, limit: int = 50) -> list[tuple[str, str]]:
        """(id, label) of names whose key starts with ``key``, shortest first."""
        rows = self._checked(
            "SELECT * FROM name WHERE key >= ? AND key < ? ORDER BY length(key) LIMIT ?",
            (key, key + "\U0010ffff", limit),
        )
        return [(i, label) for _, i, label in rows]

    def all_names(self) -> list[tuple[str, str, str]]:
        """(key, id, label) of every name, id and alias."""
        rows = self._checked("SELECT * FROM name")
        self._count("name", len(rows))
        return rows

    def labels_containing(self, fragment: str) -> list[tuple[str, str, str]]:
        """(kind, id, label) of every name of a condition (kind ''), product or
        interaction card whose label holds ``fragment`` (ASCII letters in any case)."""
        like = "%" + fragment.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        return self._rows(
            "SELECT '', id, label FROM name WHERE label LIKE ? ESCAPE '\\'"
            " UNION ALL SELECT kind, id, label FROM item_name WHERE label LIKE ? ESCAPE '\\'",
            (like, like),
        )

    def knows(self, word: str) -> bool:
        """Whether some article holds ``word`` (stemmed as the full-text index stems)."""
        query = fts_query([word])
        if query is None:
            return False
        return bool(self._rows("SELECT 1 FROM doc_fts WHERE doc_fts MATCH ? LIMIT 1", (query,)))

    def doc_count(self, phrase: str, most: int = 200) -> int:
        """In how many rows (an article in a language) ``phrase`` stands, up to
        ``most`` (a bound on the work, whatever the number of articles)."""
        query = fts_query([phrase])
        if query is None:
            return 0
        return self._rows(
            "SELECT count(*) FROM (SELECT 1 FROM doc_fts WHERE doc_fts MATCH ? LIMIT ?)",
            (query, most),
        )[0][0]

    def matches(self, terms: list[str], limit: int = 20, any_term: bool = False) -> list[Match]:
        """Articles (per language) containing every term (``any_term``: any of them;
        bm25 ranks the more of them and the rarer higher), best first."""
        query = fts_query(terms, any_term=any_term)
        if query is None:
            return []
        rows = self._checked(  # rank in the full-text index alone, then join only the best
            "SELECT d.rowid, d.article, d.lang, d.crc FROM ("
            " SELECT rowid, bm25(doc_fts) AS score FROM doc_fts"
            " WHERE doc_fts MATCH ? ORDER BY score LIMIT ?"
            ") m JOIN doc d ON d.rowid = m.rowid ORDER BY m.score",
            (query, limit),
        )
        return [Match(*row) for row in rows]

    def holding(self, terms: list[str], rowids: Sequence[int]) -> dict[int, set[str]]:
        """Which of ``terms`` each of the rows ``rowids`` holds (as the full-text
        index matches them: by stem)."""
        held: dict[int, set[str]] = {}
        marks = ",".join("?" * len(rowids))
        for term in terms:
            query = fts_query([term])
            if query is None:
                continue
            rows = self._rows(
                f"SELECT rowid FROM doc_fts WHERE doc_fts MATCH ? AND rowid IN ({marks})",
                (query, *rowids),
            )
            for (rowid,) in rows:
                held.setdefault(rowid, set()).add(term)
        return held

    def count_articles(self, terms: list[str], any_term: bool, besides: Sequence[str]) -> int:
        """How many articles hold every term (or any), not counting ``besides``.

        An article's rows are numbered one after the other, one per language
        (``_Batch``): its number is ``(rowid - 1) // len(LANGS)``, so no row of
        ``doc`` is read (a join cost 70 ms for a common word at 10,000 articles)."""
        query = fts_query(terms, any_term)
        if query is None:
            return 0
        per = len(LANGS)
        sql = f"SELECT count(DISTINCT (rowid - 1) / {per}) FROM doc_fts WHERE doc_fts MATCH ?"
        found = self._rows(sql, (query,))[0][0]
        theirs = [m.rowid for a in besides for m in self.docs_of(a)]
        if theirs:
            marks = ",".join("?" * len(theirs))
            found -= self._rows(f"{sql} AND rowid IN ({marks})", (query, *theirs))[0][0]
        return found

    def docs_of(self, article_id: str) -> list[Match]:
        """The full-text rows (one per language) of an article."""
        rows = self._checked(
            "SELECT rowid, article, lang, crc FROM doc WHERE article = ?", (article_id,)
        )
        return [Match(*row) for row in rows]

    def known_words(self, candidates: Collection[str]) -> set[str]:
        """Which of ``candidates`` are words an unspaced Chinese query is cut into."""
        self._whole("search_word")
        found: set[str] = set()
        wanted = list(candidates)
        for i in range(0, len(wanted), 500):
            chunk = wanted[i : i + 500]
            marks = ",".join("?" * len(chunk))
            rows = self._checked(f"SELECT * FROM search_word WHERE key IN ({marks})", chunk)
            found.update(k for (k,) in rows)
        return found

    def simplified(self, text: str) -> str:
        """``text`` with its traditional characters folded to the simplified ones
        the data are written in (白癜風: 白癜风)."""
        chars = sorted({c for c in text if is_cjk(c)})
        if not chars:
            return text
        if has_kana(text):  # Japanese: its kanji are not traditional Chinese
            return " ".join(w if has_kana(w) else self.simplified(w) for w in text.split(" "))
        self._whole("search_fold")
        marks = ",".join("?" * len(chars))
        rows = self._checked(f"SELECT * FROM search_fold WHERE char IN ({marks})", chars)
        return text.translate(str.maketrans(dict(rows))) if rows else text

    def names_for_keys(self, keys: Collection[str]) -> list[tuple[str, str, str]]:
        """(key, id, label) of the names (of conditions) whose key is one of ``keys``."""
        marks = ",".join("?" * len(keys))
        return self._checked(f"SELECT * FROM name WHERE key IN ({marks})", list(keys))

    def item_names_for_keys(self, keys: Collection[str]) -> list[tuple[str, str, str, str]]:
        """(kind, key, id, label) of the names of products and interaction cards
        whose key is one of ``keys``."""
        marks = ",".join("?" * len(keys))
        return self._checked(f"SELECT * FROM item_name WHERE key IN ({marks})", list(keys))

    def sections(self, match: Match) -> list[tuple[str, str]]:
        """(field, text) of each section search looks in, of the matched article."""
        self._fresh(match.article)
        rows = self._rows("SELECT sections FROM doc WHERE rowid = ?", (match.rowid,))
        blob = rows[0][0] if rows else None
        return self._unpacked(
            blob, f"the sections of {match.article!r}", ("doc", match.article, match.lang)
        )

    def problem_count(self) -> int:
        """How many problems the data has (a file's first few are listed, then one
        line stands for the rest: see ``errors.first_problems``)."""
        listed = self._rows("SELECT count(*) FROM problem")[0][0]
        self._count("problem", listed)
        if not listed:
            return 0
        summaries = self._checked("SELECT * FROM problem WHERE message LIKE '... %'")
        return listed - len(summaries) + count(Problem(Path(p), n, m) for p, n, m in summaries)

    def problems(self) -> list[Problem]:
        rows = self._checked("SELECT * FROM problem ORDER BY rowid")
        self._count("problem", len(rows))
        return [Problem(Path(p), line, m) for p, line, m in rows]


_SUMMARY_SQL = (
    "SELECT id, name_en, name_zh, category, status, evidence, forms, approved_by FROM article"
)


def _summary_fields(rows: Iterable[tuple[str, ...]]) -> list[tuple[Any, ...]]:
    """Summary fields from article rows. Equal values become one object, which
    marshal then writes once: 10,000 rows have few distinct statuses or forms."""
    words: dict[str, str] = {}
    lists: dict[str, tuple[str, ...]] = {}

    def split(text: str, sep: str) -> tuple[str, ...]:
        return lists.setdefault(sep + text, tuple(text.split(sep)) if text else ())

    return [
        (
            i,
            en,
            zh,
            *(words.setdefault(v, v) for v in (category, status, evidence)),
            split(forms, " "),
            split(by, "|"),
        )
        for i, en, zh, category, status, evidence, forms, by in rows
    ]


class CorruptIndex(Exception):
    """The cached index is damaged; ``discard`` it and build again."""

    def __init__(self, path: Path | None, detail: str) -> None:
        super().__init__(f"the index is damaged: {detail}")
        self.path = path

    def discard(self) -> None:
        if self.path is not None and _state(self.path) in ("ours", "loose"):
            _remove(self.path)


class StaleIndex(CorruptIndex):
    """An article's file changed since the index was read (see ``Index._fresh``):
    ``discard`` brings the index up to date (or removes it); then run again."""

    def __init__(self, path: Path, source: tuple[Sequence[DataDir], Path]) -> None:
        super().__init__(path, "an article changed since it was read")
        self.source = source

    def discard(self) -> None:
        dirs, schema_path = self.source
        if self.path is None:
            return
        try:
            updated = _update_file(dirs, schema_path, self.path, self.path)
        except OSError:
            updated = False
        if not updated:
            super().discard()


_RAW, _ZLIB = 0x6D, 0x7A  # "m": marshal bytes as they are; "z": zlib-compressed marshal


def _pack(obj: Any, compress: bool = True, key: Sequence[Any] = (), salt: int = 0) -> bytes:
    """``obj`` (plain data) as a blob: every blob the index stores is made here.

    Layout: kind (1 byte, "z" or "m"), size of the marshal bytes (4 bytes, little
    endian), their CRC-32 (4 bytes), then the bytes, zlib-compressed for "z".
    The CRC-32 also covers ``key`` (where the blob is stored: its table and id)
    and starts from the index's ``salt``: a blob moved to another row, or copied
    from another index, no longer matches.
    Read it back with ``_unpack`` (inside ``Index``: ``Index._unpacked``, which
    names the file to discard; ``Index._decode`` for a record's ``from_mapping``).
    """
    raw = marshal.dumps(obj)
    kind = _ZLIB if compress else _RAW
    crc = zlib.crc32(raw, _seed(key, salt))
    head = bytes((kind,)) + len(raw).to_bytes(4, "little") + crc.to_bytes(4, "little")
    return head + (zlib.compress(raw, 1) if compress else raw)


def _seed(key: Sequence[Any], salt: int) -> int:
    """Where a blob's CRC-32 starts: the salt, then its key (a CRC of key + bytes)."""
    return zlib.crc32("\x1f".join(map(str, key)).encode("utf-8", "surrogatepass"), salt)


def _unpack(blob: Any, what: str, key: Sequence[Any] = (), salt: int = 0) -> Any:
    """What ``_pack`` stored under ``key`` with ``salt``, or ``CorruptIndex``
    ("``what`` does not decode").

    Safe on any input: the size is bounded (MAX_BLOB) before anything is
    allocated, decompression stops one byte past it, and marshal (which can
    crash the interpreter on crafted input) only sees bytes whose size and CRC-32
    match the header. The caller checks the shape of what comes back.
    """
    try:
        if type(blob) is not bytes or len(blob) < 9:
            raise ValueError("too short")
        kind, size = blob[0], int.from_bytes(blob[1:5], "little")
        if size > MAX_BLOB:
            raise ValueError("too large")
        body = memoryview(blob)[9:]
        if kind == _ZLIB:
            inflate = zlib.decompressobj()
            raw = inflate.decompress(body, size + 1)
            if not inflate.eof or inflate.unused_data:
                raise ValueError("not one complete zlib stream")
        elif kind == _RAW:
            raw = body
        else:
            raise ValueError("unknown kind")
        crc = int.from_bytes(blob[5:9], "little")
        if len(raw) != size or zlib.crc32(raw, _seed(key, salt)) != crc:
            raise ValueError("checksum")
        return marshal.loads(raw)
    except (zlib.error, ValueError, EOFError, TypeError) as exc:
        raise CorruptIndex(None, f"{what} does not decode") from exc


def index_name(dirs: Sequence[DataDir], schema_path: Path) -> str:
    """``index-<set>-<fingerprint>.sqlite``: <set> names the data set (the package,
    its format and the data directories' paths), so a build replaces the set's own
    older index and leaves other sets' indexes cached (``keep_recent``)."""
    # The real paths: `--data-dir data` in two projects is two data sets.
    head = f"{__version__}\0{FORMAT}\0" + "\0".join(os.path.realpath(d.path) for d in dirs)
    data_set = zlib.crc32(head.encode("utf-8", "surrogateescape"))
    return f"index-{data_set:08x}-{fingerprint(dirs, schema_path)}.sqlite"


def fingerprint(dirs: Iterable[DataDir], schema_path: Path) -> str:
    """The index's name: changes with the package, the format, the schema, and
    any file added to, removed from or renamed in a data directory (its mtime).

    One stat per directory, whatever its size; edits in place are caught after
    opening, by ``_stale``. zlib's checksums keep hashlib's OpenSSL start-up off
    every run.
    """
    parts = [
        f"{__version__}\0{FORMAT}\0{sys.version_info[:2]}\0{marshal.version}",
        _stamp(schema_path),
    ]
    parts += [_stamp(d.path) for d in dirs]
    blob = "\n".join(parts).encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(blob):08x}{zlib.adler32(blob):08x}"


def _stamp(path: str | Path) -> str:
    try:
        st = os.stat(path)
    except OSError:
        return f"{path}\0-"
    return f"{path}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_mode}"  # mode: a chmod'd folder


def open_index(
    dirs: Sequence[DataDir],
    schema_path: Path,
    cache_dir: Path | None,
    progress: Progress | None = None,
) -> Index:
    """A fresh index for ``dirs``: the cached one if it matches, else a new build
    (told to ``progress`` as it goes: articles read, articles in all).

    ``cache_dir`` None: no cache (see ``paths.cache_dir``), an index in memory.
    """
    if cache_dir is None:
        return build_in_memory(dirs, schema_path, progress)
    if (folder := _data_folder(cache_dir, dirs)) is not None:
        index = build_in_memory(dirs, schema_path, progress)
        index.warning = (
            f"not using the cache directory {folder}: it is a data folder, which each index"
            " written there would change; the index is built in memory on every run"
        )
        return index
    path = cache_dir / index_name(dirs, schema_path)
    state = _state(path)
    if state == "foreign":  # not ours: neither read nor replaced (see the module's docstring)
        index = build_in_memory(dirs, schema_path, progress)
        index.warning = (
            f"not using the cache file {path} (not a regular file of yours; remove it)"
            "; the index is built in memory on every run"
        )
        return index
    if state == "ours":
        conn = _open_checked(path)
        if conn is not None and not _stale(conn, path.name):
            index = Index(conn, path)
            with contextlib.suppress(CorruptIndex):
                index.verify()
                _mark_used(path)
                index.source = (dirs, schema_path)
                return index
        if conn is not None:  # stale, or a row is missing: built again
            conn.close()
    previous = _previous(path) if state in ("ours", "missing") else None
    if previous is not None and _update_file(dirs, schema_path, path, previous):
        conn = _open_checked(path) if _state(path) == "ours" else None
        if conn is not None:
            index = Index(conn, path)
            index.source = (dirs, schema_path)
            return index
    if _state(path) != "missing":  # ours, but stale, damaged or writable by others
        _remove(path)
    try:
        _build_file(dirs, schema_path, path, progress)
    except OSError:
        return build_in_memory(dirs, schema_path, progress)
    conn = _open_checked(path) if _state(path) == "ours" else None
    if conn is None:
        return build_in_memory(dirs, schema_path)
    index = Index(conn, path)
    index.source = (dirs, schema_path)
    return index


def _previous(path: Path) -> Path | None:
    """The index to update into ``path``: ``path`` itself (stale), or the most recent
    other index of the same data set (same ``index-<set>-`` prefix), if one is there."""
    if _state(path) == "ours":
        return path
    prefix = path.name[: len("index-00000000-")]
    found: list[tuple[float, Path]] = []
    with contextlib.suppress(OSError), os.scandir(path.parent) as entries:
        for entry in entries:
            if entry.name.startswith(prefix) and entry.name.endswith(".sqlite"):
                with contextlib.suppress(OSError):
                    found.append((entry.stat(follow_symlinks=False).st_mtime, Path(entry.path)))
    for _, candidate in sorted(found, reverse=True):
        if _state(candidate) == "ours" and _written_by_us(candidate):
            return candidate
    return None


def _data_folder(cache_dir: Path, dirs: Sequence[DataDir]) -> Path | None:
    """The data folder that ``cache_dir`` is, if it is one: its stamp (see
    ``fingerprint``) would change with every index written, and so the name of
    the index to read (a rebuild on every run)."""
    try:
        cache = os.stat(cache_dir)
    except OSError:  # not made yet: no data folder either
        return None
    for d in dirs:
        with contextlib.suppress(OSError):
            st = os.stat(d.path)
            if (st.st_dev, st.st_ino) == (cache.st_dev, cache.st_ino):
                return d.path
    return None


def _state(path: Path) -> str:
    """What is at ``path``, by ``os.lstat`` alone (nothing is opened): "missing";
    "foreign" (not a regular file, or another user's: not ours to read or delete);
    "loose" (ours, but others may write it: replace it); or "ours"."""
    try:
        st = os.lstat(path)
    except OSError:  # missing, or an unusable cache directory: building will tell
        return "missing"
    if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid():
        return "foreign"
    return "loose" if st.st_mode & 0o022 else "ours"


def _stale(conn: sqlite3.Connection, name: str) -> bool:
    """Has a file of a watched directory changed in place since the build, or
    was the index not built as ``name`` (its file name: its data set and
    fingerprint), or has a ``source`` row gone (see ``_built_as``)?

    Directories of up to WATCH_LIMIT files are watched file by file; a larger
    one only through its own mtime (a stat per file would cost more than the
    rest of a run: ~70 ms for 10,000 files under load); there an article edited
    in place is seen when it is read (``Index._fresh``: show, a search hit).
    """
    try:
        sources = conn.execute("SELECT path, size, mtime FROM source").fetchall()
        meta = conn.execute(
            "SELECT key, value, crc FROM meta WHERE key IN ('salt', 'built as', 'rows:source')"
        ).fetchall()
    except (sqlite3.Error, ValueError):  # ValueError: text that is not UTF-8
        return True
    if not _built_as(meta, name, len(sources)):
        return True
    return any(_changed(path, size, mtime) for path, size, mtime in sources)


def _built_as(meta: Sequence[Sequence[Any]], name: str, sources: int) -> bool:
    """Do the checked ``meta`` rows say this index was built under the file name
    ``name``, with ``sources`` rows in ``source``? An index of other data copied
    to this data set's name is not this data's; without its source rows no edit
    would ever make it stale."""
    rows = {row[0]: row for row in meta}
    try:
        salt = rows["salt"]
        if _crc(salt[:-1], 0) != salt[-1]:
            return False
        expected = {"built as": name, "rows:source": str(sources)}
        return all(
            rows[k][1] == v and _crc((k, v), int(salt[1])) == rows[k][2]
            for k, v in expected.items()
        )
    except (KeyError, TypeError, ValueError, IndexError):
        return False


def _changed(path: str, size: int, mtime: int) -> bool:
    try:
        st = os.stat(path)
    except (OSError, TypeError, ValueError):  # TypeError, ValueError: a damaged row
        return True
    return st.st_size != size or st.st_mtime_ns != mtime


def build_in_memory(
    dirs: Sequence[DataDir], schema_path: Path, progress: Progress | None = None
) -> Index:
    """An index that lives only in this process: when the cache cannot be written."""
    return Index(_build(sqlite3.connect(":memory:"), dirs, schema_path, progress))


def _open_checked(path: Path) -> sqlite3.Connection | None:
    """A read-only connection to the index at ``path`` (checked by ``_trust``), or
    None if its schema or format is not exactly what this version builds."""
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return None
    try:
        if hasattr(conn, "setlimit"):  # Python 3.11+
            conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_BLOB)
        (stored,) = conn.execute("PRAGMA user_version").fetchone()
        if stored == _schema_sum(conn):  # before any query of a table: no view can run
            ok = conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
            if ok and ok[0] == str(FORMAT):
                return conn
    except (sqlite3.Error, ValueError):  # ValueError: text that is not UTF-8
        pass
    conn.close()
    return None


def _schema_sum(conn: sqlite3.Connection) -> int:
    """A checksum of every object in the schema (31 bits: PRAGMA user_version is signed)."""
    rows = conn.execute("SELECT type, name, tbl_name, rootpage, sql FROM sqlite_master")
    text = "\0".join(f"{t}\0{n}\0{tbl}\0{page}\0{sql}" for t, n, tbl, page, sql in rows)
    return zlib.crc32(text.encode("utf-8", "surrogatepass")) & 0x7FFFFFFF


def _mark_used(path: Path) -> None:
    """Keep the file's mtime within _USE_GRAIN of its last use: the age by which
    ``keep_recent`` removes the least recently used index (one stat a run, and a
    write only when the mark is old)."""
    import time

    with contextlib.suppress(OSError):
        if time.time() - os.stat(path).st_mtime > _USE_GRAIN:
            os.utime(path)


_USE_GRAIN = 600  # s
KEEP_SETS = 4  # indexes of different data sets kept in the cache
KEEP_BYTES = 256 * 1024 * 1024  # and all of them together at most this size


def _build_file(
    dirs: Sequence[DataDir], schema_path: Path, path: Path, progress: Progress | None = None
) -> None:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    _sweep_leftovers(path.parent)
    with _terminable(), _temporary(path.parent) as tmp:  # to after it is renamed
        try:
            conn = sqlite3.connect(tmp)
            try:
                _build(conn, dirs, schema_path, progress, path.name)
            finally:
                conn.close()
            os.replace(tmp, path)
        except sqlite3.Error as exc:  # e.g. disk full: callers treat it like any write failure
            _remove(Path(tmp))
            raise OSError(str(exc)) from exc
        except BaseException:
            _remove(Path(tmp))
            raise
    keep_recent(path)


class _Stopped(BaseException):
    """A signal during a build: a BaseException, so that no ``except Exception``
    on the way (a file's "could not be checked" guard) can swallow it and keep an
    index that lacks that file."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextlib.contextmanager
def _terminable() -> Iterator[None]:
    """SIGTERM or SIGHUP while this block runs raises ``Terminated`` (the caller
    removes its temporary file; the CLI exits 128+signal with one line) instead
    of killing the process where it stands. A second signal kills as usual.
    Forked workers (catalog's pool) inherit the handler: they die as by default.
    """
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers
        return
    owner = os.getpid()

    def handler(signum: int, frame: object) -> None:
        signal.signal(signum, signal.SIG_DFL)
        if os.getpid() != owner:
            os.kill(os.getpid(), signum)
            return
        raise _Stopped(signum)

    signals = [signal.SIGTERM, signal.SIGHUP]
    previous = [signal.signal(s, handler) for s in signals]
    try:
        yield
    except _Stopped as stop:
        from tacref.errors import Terminated

        raise Terminated(stop.signum) from None
    finally:
        for s, old in zip(signals, previous, strict=True):
            signal.signal(s, old if old is not None else signal.SIG_DFL)


_LEFTOVER_AGE = 24 * 3600  # s: a temporary file this old is a leftover whatever its pid


@contextlib.contextmanager
def _temporary(directory: Path) -> Iterator[str]:
    """A new temporary file in ``directory``, locked (``flock``) until the block ends.

    A later run sweeps a temporary file only when it can take that lock
    (``_sweep_leftovers``): a pid says nothing about a process in another pid
    namespace (a container sharing the cache) or on another host (an NFS home), but
    the lock is held by the kernel (or the NFS lock manager) for whoever holds it.
    flock, not fcntl's record locks: those go when any descriptor of the file is
    closed, and SQLite opens and closes its own. The writer's pid stays in the name
    for the sweeps of where locks do not work, and of older versions."""
    import fcntl
    import tempfile

    prefix = f".index-{os.getpid()}-"
    for _ in range(3):
        fd, tmp = tempfile.mkstemp(prefix=prefix, suffix=".tmp", dir=directory)
        try:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                locked = True
            except BlockingIOError:  # a sweep holds it, about to remove it: make another
                locked = False
            except OSError:  # no locks here: the sweep goes by age
                locked = True
            try:  # swept between its making and its locking: make another
                kept = locked and os.path.samestat(os.fstat(fd), os.stat(tmp))
            except FileNotFoundError:
                kept = False
            if kept:
                yield tmp
                return
        finally:
            os.close(fd)
    raise OSError(f"{directory}: a temporary file was removed as it was made")


def _sweep_leftovers(cache_dir: Path) -> None:
    """Remove temporary files of builds that no live process is writing: ours (a
    regular file of this user) whose writer's lock can be taken (``_temporary``) and
    whose pid is gone or that are older than _LEFTOVER_AGE (a pid can be reused);
    where files cannot be locked, only those older than _LEFTOVER_AGE; names without
    a pid (written before index FORMAT 15) once older than an hour."""
    import re
    import time

    pattern = re.compile(r"\.index-(?:([0-9]+)-)?[a-z0-9_]+\.tmp")
    now = time.time()
    try:
        entries = list(os.scandir(cache_dir))
    except OSError:
        return
    for entry in entries:
        found = pattern.fullmatch(entry.name)
        if found is None:
            continue
        try:
            st = entry.stat(follow_symlinks=False)
        except OSError:
            continue
        if not stat.S_ISREG(st.st_mode) or st.st_uid != os.geteuid():
            continue
        age = now - st.st_mtime
        pid = found.group(1)
        if pid is None:
            if age > 3600:
                _remove(Path(entry.path))
            continue
        _sweep_unlocked(Path(entry.path), st, age > _LEFTOVER_AGE or not _alive(int(pid)), age)


def _sweep_unlocked(path: Path, st: os.stat_result, gone: bool, age: float) -> None:
    """Remove ``path`` (a temporary file whose writer seems ``gone``) if no one holds
    its lock; where it cannot be locked, only when it is older than _LEFTOVER_AGE."""
    import errno
    import fcntl

    try:  # O_NONBLOCK: even if it became a FIFO since the lstat, do not wait on it
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return
    try:
        if not os.path.samestat(os.fstat(fd), st):
            return  # replaced since: look again next time
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES, errno.EINTR):
                return  # a build is writing it, wherever it runs
            gone = age > _LEFTOVER_AGE  # locks do not work here: only age tells
        if gone:
            _remove(path)
    finally:
        os.close(fd)


def _alive(pid: int) -> bool:
    if pid <= 0:  # kill(0) would signal our own process group
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    except (OverflowError, OSError):
        return False
    return True


# Since format 25 the name holds the data set; before, the fingerprint alone.
_INDEX_NAME = r"index-(?:([0-9a-f]{8})-)?[0-9a-f]{16}\.sqlite"


def keep_recent(built: Path) -> None:
    """After ``built`` is written: remove every other index of its data set (they
    are stale) and of older formats, then the least recently used of the other
    sets beyond KEEP_SETS indexes or KEEP_BYTES in all. Switching between the
    bundled data and a ``--data-dir`` then rebuilds nothing after the first time."""
    import re

    pattern = re.compile(_INDEX_NAME)
    own = pattern.fullmatch(built.name)
    try:
        entries = list(os.scandir(built.parent))
    except OSError:
        return
    kept: list[tuple[float, int, Path]] = []
    for entry in entries:
        found = pattern.fullmatch(entry.name)
        path = Path(entry.path)
        if found is None or path == built or not _written_by_us(path):
            continue
        if found.group(1) is None or (own is not None and found.group(1) == own.group(1)):
            _remove(path)
            continue
        with contextlib.suppress(OSError):
            st = path.stat()
            kept.append((st.st_mtime, st.st_size, path))
    total = _size(built)
    kept.sort(reverse=True)  # the most recently used first
    for n, (_, size, path) in enumerate(kept, start=2):
        total += size
        if n > KEEP_SETS or total > KEEP_BYTES:
            _remove(path)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def discard_indexes(cache_dir: Path, keep: Path | None = None) -> None:
    """Remove every index file in ``cache_dir`` (but ``keep``) that tacref wrote.

    Recognised by all of: the exact name (``_INDEX_NAME``), a regular file
    (not a link) of the current user, and SQLite with tacref's application id
    (or, from before it was set, tacref's ``meta`` table). Anything else, a file
    of another program or another user, is left alone.
    """
    import re

    pattern = re.compile(_INDEX_NAME)
    try:
        entries = list(os.scandir(cache_dir))
    except OSError:
        return
    for entry in entries:
        path = Path(entry.path)
        if pattern.fullmatch(entry.name) and path != keep and _written_by_us(path):
            _remove(path)


def _written_by_us(path: Path) -> bool:
    if _state(path) not in ("ours", "loose"):
        return False
    try:  # O_NONBLOCK: even if it became a FIFO since the lstat, do not wait on it
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
        try:
            header = os.read(fd, 100)
        finally:
            os.close(fd)
    except OSError:
        return False
    if len(header) < 100 or not header.startswith(b"SQLite format 3\0"):
        return False
    app_id = int.from_bytes(header[68:72], "big")
    if app_id == APPLICATION_ID:
        return True
    return app_id == 0 and _has_legacy_meta(path)


def _has_legacy_meta(path: Path) -> bool:
    """An index from before the application id: tacref's meta table, read from the
    schema alone (no query of a table or view runs)."""
    try:
        conn = sqlite3.connect(f"{path.absolute().as_uri()}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        return False
    try:
        row = conn.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'meta'"
        ).fetchone()
    except sqlite3.Error:
        row = None
    finally:
        conn.close()
    return row is not None and row[0] == _LEGACY_META


# The meta table as indexes from before the application id (format < 10) wrote it.
_LEGACY_META = "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)"


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


# --- Updating an index in place (issue 22): only the article files that changed are
# read again; everything derived from all of them is made again from the tables.

UPDATE_SHARE = 4  # more than 1 in this many article files changed: a full build instead
_KEPT = "kept"  # what ``_Units.before`` answers for an article read before, unchanged


class _TooMany(Exception):
    """Too many files changed for an update in place to pay: build afresh."""


class _Units:
    """Each article file's stamp and what reading it gave (``catalog.Reuse``): the
    ``unit`` table. ``old``: the rows of the index being updated (path -> id, size,
    mtime, hash, problems, chars); ``limit``: how many may be read again."""

    def __init__(self, old: dict[str, tuple[Any, ...]], limit: int | None = None) -> None:
        self._old = old
        self._limit = limit
        self.rows: dict[str, list[Any]] = {}  # path -> its new row, without the path
        self.read: set[str] = set()  # the files read again

    def before(self, paths: list[Path]) -> list[Any]:
        from tacref.catalog import Loaded

        answers: list[Any] = []
        for path in paths:
            key = str(path)
            size, mtime = _file_stat(path)
            old = self._old.get(key)
            same = old is not None and (old[1], old[2]) == (size, mtime)
            digest = old[3] if same else _file_hash(path)  # read only when the stamp differs
            self.rows[key] = [None, size, mtime, digest, b"", ""]
            unchanged = old is not None and (same or (digest is not None and digest == old[3]))
            problems = _reusable(old) if unchanged else None
            if old is not None and problems is not None:
                self.rows[key] = [old[0], size, mtime, digest, old[4], old[5]]
                answers.append(Loaded(path, old[0], _KEPT if old[0] else None, problems))
            else:
                self.read.add(key)
                answers.append(None)
        if self._limit is not None and len(self.read) > self._limit:
            raise _TooMany
        return answers

    def after(self, loaded: Any) -> None:
        row = self.rows[str(loaded.path)]
        if str(loaded.path) not in self.read:
            return
        row[0] = loaded.id
        row[4] = marshal.dumps([(str(p.path), p.line, p.message) for p in loaded.problems])
        if isinstance(loaded.article, Prepared):
            row[5] = _chinese_chars(loaded.article)

    def write(self, conn: sqlite3.Connection) -> None:
        conn.execute("DELETE FROM unit")
        conn.executemany(
            "INSERT INTO unit VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(path, *row) for path, row in self.rows.items()],
        )


# A file's problems that say nothing about its text (a read that failed, tacref's own
# fault): the file is read again, not answered from its old row.
_PASSING = ("cannot read:", "could not be checked")


def _reusable(old: tuple[Any, ...]) -> list[Problem] | None:
    """The problems an unchanged file's ``unit`` row gave, or None when it must be read
    again: its read failed for a passing reason, or the row says neither what it is
    nor what is wrong with it (an invalid file always has a problem)."""
    problems = [Problem(Path(p), n, m) for p, n, m in marshal.loads(old[4])]
    if any(p.message.startswith(_PASSING) for p in problems) or not (old[0] or problems):
        return None
    return problems


def _chinese_chars(item: "Prepared") -> str:
    """The Chinese characters of an article's full-text rows (``search_fold``)."""
    found = set().union(*(d[2] for d in item.docs if d[1] == "zh"))  # each character once
    return "".join(sorted(c for c in found if is_cjk(c)))


def _file_stat(path: Path) -> tuple[int, int]:
    try:
        st = os.stat(path)
    except OSError:
        return -1, -1
    return st.st_size, st.st_mtime_ns


def _file_hash(path: Path) -> int | None:
    """A checksum of what the loader would read of a file: its first MAX_FILE_BYTES + 1
    bytes, opened as the loader opens it (None if it cannot be read as a regular file
    in its folder). A file past the limit is refused whatever the rest holds."""
    from tacref import loader

    try:
        fd = loader._open_regular(path)
    except (OSError, loader.LoadError):
        return None
    try:
        crc, adler, left = 0, 1, loader.MAX_FILE_BYTES + 1
        while left > 0 and (chunk := os.read(fd, min(left, 1 << 20))):
            crc, adler, left = zlib.crc32(chunk, crc), zlib.adler32(chunk, adler), left - len(chunk)
        return (crc << 32 | adler) - (1 << 63)  # a signed 64-bit SQLite integer
    except OSError:
        return None
    finally:
        os.close(fd)


def _inputs(dirs: Sequence[DataDir], schema_path: Path) -> bytes:
    """Everything an index is made from but the article files themselves: the code's
    version, the schemas, the folders, and every other file (products, profiles,
    the symptom vocabulary, interaction cards, notes) by its stamp. An update in
    place is made only when these are unchanged."""
    from tacref.catalog import NOTES

    parts: list[Any] = [__version__, FORMAT, sys.version_info[:2], marshal.version]
    with contextlib.suppress(OSError):
        parts += [(str(f), *_file_stat(f)) for f in sorted(schema_path.parent.glob("*.json"))]
    for d in dirs:
        parts.append((str(d.path), d.kind, d.refused, d.problem() or ""))
        if d.path.is_file():
            continue
        found, links = d.scan()
        parts += [str(f) for f in links]
        for f in found:
            if d.kind != "conditions" or f.name.endswith(NOTES):
                parts.append((path_text(f), *_file_stat(f)))
    return marshal.dumps(parts)


def _update_file(dirs: Sequence[DataDir], schema_path: Path, path: Path, previous: Path) -> bool:
    """Write the index of ``dirs`` at ``path`` by updating a copy of ``previous`` (an
    index of the same data set) with only the article files that changed; False,
    with nothing written, when that cannot be done (too many changes, other files
    changed, ``previous`` unusable): then build afresh.

    The copy is a temporary file, updated in one transaction, verified, and renamed
    into place: a crash or Ctrl-C midway leaves ``previous`` as it was."""
    old = _open_checked(previous) if _state(previous) == "ours" else None
    if old is None:
        return False
    try:
        Index(old, previous).verify()
    except CorruptIndex:
        return False
    finally:
        old.close()
    _sweep_leftovers(path.parent)
    with _terminable(), _temporary(path.parent) as tmp:
        try:
            _copy(previous, Path(tmp))
            os.chmod(tmp, 0o600)
            conn = sqlite3.connect(tmp)
            if hasattr(conn, "setlimit"):  # a planted huge value fails, as when answering
                conn.setlimit(sqlite3.SQLITE_LIMIT_LENGTH, MAX_BLOB)
            try:
                done = _update(conn, dirs, schema_path, path.name)
                if done:
                    index = Index(conn, Path(tmp))
                    index.verify()
            finally:
                conn.close()
            if not done:
                _remove(Path(tmp))
                return False
            os.replace(tmp, path)
        except (sqlite3.Error, CorruptIndex, _TooMany, OSError, KeyError, ValueError, EOFError):
            _remove(Path(tmp))  # a build-only row missing or damaged, too: build afresh
            return False
        except BaseException:
            _remove(Path(tmp))
            raise
    keep_recent(path)
    return True


def _copy(source: Path, target: Path) -> None:
    """``source``'s bytes into ``target`` (an empty file): shared, not copied, where
    the file system can (a reflink: btrfs, XFS, bcachefs; instant at any size), else
    copied by the kernel (``copy_file_range``: server-side on NFS, never through this
    process). Readers open an index ``immutable=1`` (no locks, no change check), so
    an update cannot write the file they read: it writes a copy and renames it."""
    import shutil

    with open(source, "rb") as src, open(target, "r+b") as dst:
        try:
            import fcntl

            fcntl.ioctl(dst.fileno(), _FICLONE, src.fileno())
            return
        except (ImportError, OSError):  # not this file system (ext4, tmpfs): copy
            pass
        size, done = os.fstat(src.fileno()).st_size, 0
        try:
            while done < size:
                n = os.copy_file_range(src.fileno(), dst.fileno(), size - done, done, done)
                if n == 0:
                    break
                done += n
        except (AttributeError, OSError):  # no copy_file_range here (or across devices)
            done = 0
        if done != size:
            dst.seek(0)
            dst.truncate()
            src.seek(0)
            shutil.copyfileobj(src, dst, 1 << 20)


_FICLONE = 0x40049409  # linux/fs.h: _IOW(0x94, 9, int)


def _update(
    conn: sqlite3.Connection, dirs: Sequence[DataDir], schema_path: Path, built_as: str
) -> bool:
    """Bring the index in ``conn`` (a copy of an older index of the same data set) up
    to date with ``dirs``, in one transaction; False if it cannot be done."""
    for pragma in ("journal_mode = OFF", "synchronous = OFF", "cache_size = -32768"):
        conn.execute(f"PRAGMA {pragma}")
    meta = Index(conn)._metadata()
    salt = int(meta["salt"])
    for table, summed in _built_sums(conn, salt):  # before any of them is decoded
        if meta.get(table) != summed:
            return False
    stored = dict(conn.execute("SELECT key, value FROM build"))
    watched = list(_watched(dirs))  # before reading, as a build does
    if marshal.loads(stored.get("inputs", b"N")) != marshal.loads(_inputs(dirs, schema_path)):
        return False
    old = {row[0]: row[1:] for row in conn.execute("SELECT * FROM unit")}
    units = _Units(old, max(1, len(old) // UPDATE_SHARE))
    with conn:
        _apply(conn, dirs, schema_path, salt, units)
        conn.execute("DELETE FROM source")
        conn.executemany("INSERT INTO source VALUES (?, ?, ?)", watched)
        conn.execute("DELETE FROM meta")
        _add_meta(conn, salt, built_as)
    return True


def _apply(
    conn: sqlite3.Connection,
    dirs: Sequence[DataDir],
    schema_path: Path,
    salt: int,
    units: _Units,
) -> None:
    """Replace the rows of the articles whose files changed, then make again what is
    derived from all of them, as ``_build`` makes it."""
    from tacref import catalog

    stored = dict(conn.execute("SELECT key, value FROM build"))
    profiles = {
        route: [
            side_effect_mapping(r)
            for r in Profile.from_mapping(_unpack(data, route, ("profile", route), salt)).effects
        ]
        for route, data in conn.execute("SELECT id, data FROM profile")
    }
    local = {
        one.id: (one.article, one.path)
        for one in catalog.notes(dirs, schema_path)
        if one.article is not None
    }
    make_rows = partial(
        prepare,
        product_names=marshal.loads(stored["product names"]),
        salt=salt,
        notes={k: text for k, (text, _) in local.items()},
    )
    old_paths = dict(conn.execute("SELECT id, path FROM article"))
    problems: list[Problem] = []
    homes: dict[str, int] = {}
    fresh: dict[str, Prepared] = {}
    chars: dict[str, str] = {}
    for loaded in catalog.articles(dirs, schema_path, make_rows, profiles, units):
        problems += loaded.problems
        if loaded.article is None:
            continue
        item, row = loaded.article, units.rows[str(loaded.path)]
        if item == _KEPT and old_paths.get(loaded.id) != str(loaded.path):  # was overridden
            item = catalog.load_file(loaded.path, schema_path, make_rows, profiles).article
            if not isinstance(item, Prepared):
                raise _TooMany
            row[5] = _chinese_chars(item)
        if isinstance(item, Prepared):
            fresh[loaded.id] = item
        homes[loaded.id] = loaded.dir
        chars[loaded.id] = row[5]
    nh = len(HANT)
    listed = _unpack(_one(conn, "SELECT data FROM listing"), "listing", ("listing",), salt)
    known = {(*r[:3], *r[3 + nh : -1]): r for r in listed}
    gone = [i for i in old_paths if i not in homes]
    claims = _replace_articles(conn, salt, [*gone, *(i for i in fresh if i in old_paths)], fresh)
    touched = sorted({key for key, _, _ in claims})
    changed = {*gone, *(i for _, i, _ in claims)}  # whose names, and so spellings, may change
    for start in range(0, len(touched), 500):
        chunk = touched[start : start + 500]
        keys = ",".join("?" * len(chunk))
        claimants = conn.execute(f"SELECT id FROM claim WHERE key IN ({keys})", chunk)
        changed.update(i for (i,) in claimants)
    articles = {r[0]: r for r in conn.execute("SELECT * FROM article")}
    articles.update((i, item.article) for i, item in fresh.items())
    conn.execute("DELETE FROM article")
    marks = ", ".join("?" * 10)
    conn.executemany(f"INSERT INTO article VALUES ({marks})", [articles[i] for i in homes])
    for start in range(0, len(touched), 500):  # every claim to a name whose claimants changed
        chunk = touched[start : start + 500]
        keys = ",".join("?" * len(chunk))
        conn.execute(f"INSERT OR IGNORE INTO name SELECT * FROM claim WHERE key IN ({keys})", chunk)
    # The problems of the other files first, as a build writes them: from ``build``,
    # summed with it, so that no problem row can stay from before by its place.
    conn.execute("DELETE FROM problem")
    rows = marshal.loads(stored["problems"])
    conn.executemany("INSERT INTO problem VALUES (?, ?, ?, ?)", _summed(rows, salt))
    _add_problems(conn, salt, problems)
    orphans = [(path, k) for k, (_, path) in local.items() if k not in homes]
    _add_problems(conn, salt, (Problem(p, 1, _NO_ARTICLE.format(k)) for p, k in orphans))
    conn.execute("DELETE FROM listing")
    chinese = set().union(*chars.values())  # in C: a character loop took ~0.3 s at 1,000
    same = "".join(sorted(chinese)) == stored.get("chinese")
    if touched and same:  # the words come from names: only a changed claim changes them
        same = {w for (w,) in conn.execute("SELECT key FROM search_word")} == _search_words(
            conn, profiles
        )
    if not same:  # else OpenCC is not needed
        conn.execute("DELETE FROM search_word")
        conn.execute("DELETE FROM search_fold")
        _add_search_words(conn, salt, chinese, profiles)
    _add_problems(conn, salt, _cross_checks(conn, dirs, homes))
    conn.execute("DELETE FROM item_name")
    conn.execute("INSERT INTO item_name SELECT * FROM item_claim")
    owners = marshal.loads(stored["owners"])
    _add_problems(conn, salt, _item_checks(conn, dirs, owners))
    conn.execute("INSERT INTO listing VALUES (?)", (_listing(conn, salt, known),))
    _update_alt_names(conn, salt, changed, stored)
    _add_hant_later(conn, salt, list(fresh))
    _write_units(conn, units)


def _add_hant_later(conn: sqlite3.Connection, salt: int, articles: Sequence[str]) -> None:
    """Mark ``articles`` (read again by an update) to be converted to each region's
    traditional characters when read (see ``Index._pending``): OpenCC's start-up
    stays off the update, which answers a command in any language."""
    conn.executemany(
        "INSERT INTO hant VALUES ('pending', ?, ?, ?)",
        [
            (i, region, _pack(i, key=("hant", "pending", i, region), salt=salt))
            for i in articles
            for region in HANT
        ],
    )


def _write_units(conn: sqlite3.Connection, units: _Units) -> None:
    old = {row[0]: list(row[1:]) for row in conn.execute("SELECT * FROM unit")}
    gone = [(p,) for p in old if p not in units.rows]
    conn.executemany("DELETE FROM unit WHERE path = ?", gone)
    changed = [(p, *row) for p, row in units.rows.items() if old.get(p) != row]
    conn.executemany("INSERT OR REPLACE INTO unit VALUES (?, ?, ?, ?, ?, ?, ?)", changed)


def _replace_articles(
    conn: sqlite3.Connection, salt: int, old: list[str], fresh: dict[str, "Prepared"]
) -> set[tuple[str, str, str]]:
    """Remove the rows of the articles ``old`` (gone, or read again), write those of
    ``fresh``; the claims (key, id, label) they made and no longer make, or make anew.

    An article read again keeps its full-text row numbers (an edit changes no
    ranking order); a new one takes the next free numbers."""
    top = _one(conn, "SELECT coalesce(max(rowid), 0) FROM doc")
    numbers: dict[str, list[int]] = {}
    claimed: set[tuple[str, str, str]] = set()  # (key, id, label) before, then changed
    for i in old:
        docs = conn.execute(
            "SELECT rowid, lang, sections FROM doc WHERE article = ? ORDER BY rowid", (i,)
        ).fetchall()
        for rowid, lang, blob in docs:  # a contentless full-text row is deleted by its tokens
            sections = _unpack(blob, "sections", ("doc", i, lang), salt)
            tokens = f"\n{BREAK}\n".join(index_tokens(text) for _, text in sections)
            conn.execute(
                "INSERT INTO doc_fts(doc_fts, rowid, tokens) VALUES ('delete', ?, ?)",
                (rowid, tokens),
            )
        numbers[i] = [rowid for rowid, _, _ in docs]
        conn.executemany(
            "DELETE FROM hant WHERE kind = 'sections' AND id = ?", [(str(n),) for n in numbers[i]]
        )
        claims = conn.execute("SELECT key, id, label FROM claim WHERE id = ?", (i,)).fetchall()
        claimed.update(claims)
        conn.executemany("DELETE FROM name WHERE key = ? AND id = ?", [c[:2] for c in claims])
        for table, column in _ARTICLE_ROWS:
            conn.execute(f"DELETE FROM {table} WHERE {column} = ?", (i,))
        conn.execute("DELETE FROM hant WHERE kind IN ('body', 'pending') AND id = ?", (i,))
    for i, item in fresh.items():
        rowids = numbers.get(i, [])
        if len(rowids) != len(item.docs):
            rowids = list(range(top + 1, top + 1 + len(item.docs)))
            top += len(item.docs)
        conn.execute("INSERT INTO body VALUES (?, ?)", (i, item.body))
        conn.executemany("INSERT INTO related VALUES (?, ?)", item.related)
        names = _summed(item.names, salt)
        conn.executemany("INSERT OR IGNORE INTO name VALUES (?, ?, ?, ?)", names)
        conn.executemany("INSERT OR IGNORE INTO claim VALUES (?, ?, ?, ?)", names)
        claimed ^= set(item.names)
        numbered = list(zip(rowids, item.docs, strict=True))
        conn.executemany(
            "INSERT INTO doc VALUES (?, ?, ?, ?, ?)",
            [(n, d[0], d[1], _crc((n, d[0], d[1]), salt), d[3]) for n, d in numbered],
        )
        conn.executemany(
            "INSERT INTO doc_fts(rowid, tokens) VALUES (?, ?)", [(n, d[2]) for n, d in numbered]
        )
        conn.executemany("INSERT INTO lead_effect VALUES (?, ?, ?, ?)", _summed(item.lead, salt))
    return claimed


_ARTICLE_ROWS = (
    ("doc", "article"),
    ("claim", "id"),
    ("body", "id"),
    ("related", "article"),
    ("lead_effect", "article"),
)


def _update_alt_names(
    conn: sqlite3.Connection, salt: int, ids: set[str], stored: dict[str, Any]
) -> None:
    """``alt_name`` and ``fold`` as ``_add_alt_names`` makes them: again only for the
    conditions ``ids`` (whose names changed), unless the characters the names use
    changed (the fold then changes): then for every name."""
    if _label_chars(conn) != stored.get("label chars"):
        conn.execute("DELETE FROM fold")
        conn.execute("DELETE FROM alt_name")
        _add_alt_names(conn, salt)
        return
    fold = _unpack(_one(conn, "SELECT data FROM fold"), "the fold", ("fold",), salt)
    wanted = sorted(ids)
    labels: list[tuple[str, str, str]] = []
    for start in range(0, len(wanted), 500):
        chunk = wanted[start : start + 500]
        marks = ",".join("?" * len(chunk))
        conn.execute(f"DELETE FROM alt_name WHERE kind = '' AND id IN ({marks})", chunk)
        labels += conn.execute(f"SELECT '', id, label FROM name WHERE id IN ({marks})", chunk)
    rows = _alt_rows(labels, fold)
    conn.executemany("INSERT OR IGNORE INTO alt_name VALUES (?, ?, ?, ?, ?)", _summed(rows, salt))


def _build(
    conn: sqlite3.Connection,
    dirs: Sequence[DataDir],
    schema_path: Path,
    progress: Progress | None = None,
    built_as: str = "",
) -> sqlite3.Connection:
    """The index of ``dirs``, written to ``conn``; ``built_as``: its file name."""
    from tacref import catalog

    # A fresh file renamed into place only when complete: no journal needed. Larger
    # pages and cache, and larger full-text pages, cut the merging a big build does.
    for pragma in ("journal_mode = OFF", "synchronous = OFF", "page_size = 8192"):
        conn.execute(f"PRAGMA {pragma}")
    conn.execute("PRAGMA cache_size = -32768")  # KiB
    watched = list(_watched(dirs))  # before reading: a later edit makes it stale
    inputs = _inputs(dirs, schema_path)
    with conn:
        conn.executescript(_SCHEMA)
        # The header says what wrote the file (discard_indexes) and which schema it
        # has (_open_checked): a view, trigger or table added later changes the sum.
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
        conn.execute(f"PRAGMA user_version = {_schema_sum(conn)}")
        conn.execute("INSERT INTO doc_fts(doc_fts, rank) VALUES ('pgsz', 8000)")
        # Every checksum starts from this index's own salt: rows or blobs copied
        # from another index (or an older build) do not match here.
        salt = int.from_bytes(os.urandom(4), "little")
        others = partial(catalog.others, dirs, schema_path)
        profiles = _add_profiles(conn, salt, others("side-effects"))
        _add_vocabulary(conn, salt, others("symptoms"), profiles)
        owners: dict[tuple[str, str], int] = {}  # each item's directory
        products = _add_items(conn, salt, "product", others("forms"), owners)
        _add_items(conn, salt, "agent", others("interactions"), owners)
        conn.execute("INSERT INTO item_claim SELECT * FROM item_name")
        batch = _Batch(conn, salt)
        homes: dict[str, int] = {}  # each article's directory (its position in dirs)
        local = _local_notes(conn, salt, catalog.notes(dirs, schema_path))
        make_rows = partial(
            prepare,
            product_names=_product_names(products),
            salt=salt,
            notes={k: text for k, (text, _) in local.items()},
        )
        first = conn.execute("SELECT path, line, message FROM problem ORDER BY rowid").fetchall()
        conn.executemany(
            "INSERT INTO build VALUES (?, ?)",
            [
                ("inputs", inputs),
                ("problems", marshal.dumps(first, 2)),  # of the files other than articles
                ("product names", marshal.dumps(_product_names(products))),
                ("owners", marshal.dumps(owners)),
            ],
        )
        total = sum(len(d.files()) for d in dirs if d.kind == "conditions")
        units = _Units({})
        loaded_all = catalog.articles(dirs, schema_path, make_rows, profiles, units)
        for done, loaded in enumerate(loaded_all):
            if progress is not None:
                progress(done, total)
            _add_problems(conn, salt, loaded.problems)
            if loaded.article is not None:
                batch.add(loaded.article)
                homes[loaded.id] = loaded.dir
        batch.flush()
        units.write(conn)
        orphans = [(path, k) for k, (_, path) in local.items() if k not in homes]
        _add_problems(conn, salt, (Problem(p, 1, _NO_ARTICLE.format(k)) for p, k in orphans))
        _add_search_words(conn, salt, batch.chinese, profiles)
        _add_problems(conn, salt, _cross_checks(conn, dirs, homes))
        _add_problems(conn, salt, _item_checks(conn, dirs, owners))
        conn.execute("INSERT INTO listing VALUES (?)", (_listing(conn, salt),))
        _add_alt_names(conn, salt)
        _add_hant(conn, salt, _hant_records(conn))
        _add_hant_symptoms(conn, salt)
        _add_hant_sections(conn, salt)
        words = conn.execute("SELECT * FROM symptom_word ORDER BY rowid").fetchall()
        vocabulary = _pack(_lexicon(words), compress=False, key=("vocabulary",), salt=salt)
        conn.execute("INSERT INTO vocabulary VALUES (?)", (vocabulary,))
        conn.executemany("INSERT INTO source VALUES (?, ?, ?)", watched)
        _add_meta(conn, salt, built_as)
    return conn


def _lexicon(rows: list[tuple[str, str, str | None, str | None]]) -> tuple[Any, ...]:
    """``Lexicon``'s fields from the rows of ``symptom_word`` (key, kind, route, row):
    the lay words and red flags that name a row, with a red flag's tier (its kind);
    their keys; the intensifiers ('more')."""
    same: dict[Any, Any] = {}  # one object per value: marshal writes it once (~2x faster)
    rows = [tuple(same.setdefault(v, v) for v in row) for row in rows]
    lay = frozenset(
        (k, route, row, "" if kind == "lay" else kind)
        for k, kind, route, row in rows
        if kind != "more" and route and row
    )
    more = tuple(k for k, kind, _, _ in rows if kind == "more")
    return lay, frozenset(k for k, _, _, _ in lay), more


def _add_meta(conn: sqlite3.Connection, salt: int, built_as: str) -> None:
    meta = [
        ("format", str(FORMAT)),
        ("version", __version__),
        ("reviewed", _one(conn, "SELECT coalesce(max(reviewed), '') FROM article")),
        ("articles", str(_one(conn, "SELECT count(*) FROM article"))),
        ("built as", built_as),  # the data set it is for (see _built_as)
        *_row_counts(conn),
        *_built_sums(conn, salt),
    ]
    meta.append(("rows:meta", str(len(meta) + 2)))  # with itself and the salt's row
    conn.executemany("INSERT INTO meta VALUES (?, ?, ?)", _summed(meta, salt))
    conn.execute("INSERT INTO meta VALUES (?, ?, ?)", (*_summed([("salt", str(salt))], 0)[0],))


# Every table a run reads, counted at build (meta "rows:<table>") and checked on
# every open (Index.verify; tables read whole check again with their rows: Index._count).
_COUNTED = {
    **{
        table: f"SELECT count(*) FROM {table}"
        for table in (
            "name",
            "doc",
            "body",
            "listing",
            "profile",
            "vocabulary",
            "symptom_pair",
            "symptom_extra",
            "lead_effect",
            "problem",
            "source",
            "search_word",
            "search_fold",
            "alt_name",
            "fold",
            "hant",
        )
    },
    **{f"item:{k}": f"SELECT count(*) FROM item WHERE kind = '{k}'" for k in ITEM_KINDS},
    **{f"item_name:{k}": f"SELECT count(*) FROM item_name WHERE kind = '{k}'" for k in ITEM_KINDS},
}


# Tables read only to update an index in place: summed whole at build (meta
# "built:<table>": rows and a checksum of every value), checked before an update
# decodes or copies anything from them (not on every open).
_BUILT = ("article", "related", "unit", "claim", "item_claim", "build", "symptom_word")


def _built_sums(conn: sqlite3.Connection, salt: int) -> list[tuple[str, str]]:
    """Each table's rows and the sum of their checksums: the same rows in any order
    (an update writes them in another order than a build) give the same sum."""
    sums = []
    for table in _BUILT:
        rows, total = 0, 0
        cursor = conn.execute(f"SELECT * FROM {table}")
        while chunk := cursor.fetchmany(4096):
            rows += len(chunk)
            total += sum(zlib.crc32(marshal.dumps(row, 2), salt) for row in chunk)  # 2: no refs
        sums.append((f"built:{table}", f"{rows} {total}"))
    return sums


def _row_counts(conn: sqlite3.Connection) -> list[tuple[str, str]]:
    return [(f"rows:{table}", str(_one(conn, sql))) for table, sql in _COUNTED.items()]


def _add_profiles(
    conn: sqlite3.Connection, salt: int, loaded: Iterable[Any]
) -> dict[str, list[dict[str, Any]]]:
    """Store each valid side-effect profile; return its rows by route, for articles."""
    rows: dict[str, list[dict[str, Any]]] = {}
    for item in loaded:
        _add_problems(conn, salt, item.problems)
        profile: Profile | None = item.article
        if profile is not None:
            blob = _pack(profile.to_mapping(), key=("profile", profile.id), salt=salt)
            conn.execute("INSERT INTO profile VALUES (?, ?)", (profile.id, blob))
            rows[profile.id] = [side_effect_mapping(r) for r in profile.effects]
            conn.executemany(
                "INSERT INTO symptom_word VALUES (?, 'lay', ?, ?)",
                [
                    (symptom_key(word), profile.id, r.id)
                    for r in profile.effects
                    for words in r.lay.values()
                    for word in words
                ],
            )
    return rows


def _add_vocabulary(
    conn: sqlite3.Connection,
    salt: int,
    loaded: Iterable[Any],
    profiles: dict[str, list[dict[str, Any]]],
) -> None:
    """Store the intensifiers ('more'), each red flag's words (kind: its tier) and
    the combinations."""
    rows = {(route, r["id"]) for route, effects in profiles.items() for r in effects}
    for item in loaded:
        _add_problems(conn, salt, item.problems)
        if item.article is None:
            continue
        words = [w for ws in item.article.intensifiers.values() for w in ws]
        conn.executemany(
            "INSERT INTO symptom_word VALUES (?, 'more', NULL, NULL)",
            [(symptom_key(w),) for w in words],
        )
        for pair in item.article.combinations:
            unknown = [side for side in pair.rows if tuple(side.split("/", 1)) not in rows]
            if unknown:
                message = f"combination names {', '.join(unknown)}, which no profile has"
                _add_problems(conn, salt, [Problem(item.path, 0, message)])
                continue
            counted = ["\n".join(map(symptom_key, pair.words.get(s, ()))) for s in pair.rows]
            (row,) = _summed([(*pair.rows, pair.tier, *counted)], salt)
            conn.execute("INSERT INTO symptom_pair VALUES (?, ?, ?, ?, ?, ?)", row)
        for flag in item.article.red_flags:
            if (flag.route, flag.row) not in rows:
                message = f"red flag names {flag.route}/{flag.row}, which no profile has"
                _add_problems(conn, salt, [Problem(item.path, 0, message)])
                continue
            conn.executemany(
                "INSERT INTO symptom_word VALUES (?, ?, ?, ?)",
                [
                    (symptom_key(w), flag.tier, flag.route, flag.row)
                    for ws in flag.words.values()
                    for w in ws
                ],
            )
        signs = [r for r in item.article.level_signs if tuple(r.split("/", 1)) in rows]
        for sign in sorted(set(item.article.level_signs) - set(signs)):
            message = f"level sign names {sign}, which no profile has"
            _add_problems(conn, salt, [Problem(item.path, 0, message)])
        _add_extras(conn, salt, item.path, item.article, signs)


def _add_extras(
    conn: sqlite3.Connection, salt: int, path: Path, vocabulary: Vocabulary, signs: list[str]
) -> None:
    """Store the concerns, the level signs, and the readings, words-together and
    durations whose every meaning is words the checker knows (a row's lay word, a
    red flag or a concern)."""
    known = {k for (k,) in conn.execute("SELECT key FROM symptom_word WHERE route IS NOT NULL")}
    known |= {symptom_key(w) for c in vocabulary.concerns for ws in c.words.values() for w in ws}
    kept: dict[str, list[dict[str, Any]]] = {"readings": [], "together": [], "lasting": []}
    for kind, name, means, item in [
        *(
            ("readings", f"reading {r.id!r}", [v.means for v in r.levels], r)
            for r in vocabulary.readings
        ),
        *(("together", f"together {t.groups[0][0]!r}", [t.means], t) for t in vocabulary.together),
        *(("lasting", f"lasting {d.means['en']!r}", [d.means], d) for d in vocabulary.lasting),
    ]:
        unknown = [m for ms in means for m in ms.values() if symptom_key(m) not in known]
        if unknown:
            message = f"{name} means {', '.join(unknown)}, which no row, red flag or concern has"
            _add_problems(conn, salt, [Problem(path, 0, message)])
        else:
            kept[kind].append(item.to_mapping())
    concerns = [c.to_mapping() for c in vocabulary.concerns]
    said = [w for r in vocabulary.readings for ws in r.words.values() for w in ws]
    said += [w for t in vocabulary.together for g in t.groups for w in g]
    said += [w for d in vocabulary.lasting for ws in d.words.values() for w in ws]
    more = [k for (k,) in conn.execute("SELECT key FROM symptom_word WHERE kind = 'more'")]
    fold = _traditional({*known, *map(symptom_key, said), *more})
    n = _one(conn, "SELECT count(*) FROM symptom_extra")  # its place: read in rowid order
    extra = {"concerns": concerns, **kept, "level_signs": signs, "fold": fold}
    extra["keys"] = _keys({"concerns": concerns, **kept})
    blob = _pack(extra, key=("symptom_extra", n), salt=salt)
    conn.execute("INSERT INTO symptom_extra VALUES (?)", (blob,))


def _keys(extras: dict[str, Any]) -> dict[str, str]:
    """Each word of ``extras`` (concerns, readings, words together, durations: their
    words, units and meanings; not ids, titles or actions) with its ``symptom_key``:
    keyed here, once, instead of on every question (``Vocabulary.keys``)."""
    texts: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            texts.append(value)
        elif isinstance(value, dict):
            for k, v in value.items():
                if k not in _NOT_WORDS:
                    walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    walk(extras)
    return {t: symptom_key(t) for t in texts}


_NOT_WORDS = frozenset(("id", "tier", "title", "action"))


MAX_WORD = 12  # characters of the longest word an unspaced Chinese query is cut into


def _add_search_words(
    conn: sqlite3.Connection,
    salt: int,
    chinese: set[str],
    profiles: dict[str, list[dict[str, Any]]],
) -> None:
    """The words (``search_word``) and the traditional characters (``search_fold``)
    search reads a Chinese query by: every Chinese name, alias and brand, the
    symptom checker's words, the side effects' names, the interface's Chinese
    labels (headings: 副作用, 注意事项). Taken from the data and the catalogue, so
    a word the articles share with a query is found whatever the data hold."""
    words = _search_words(conn, profiles)
    conn.executemany("INSERT INTO search_word VALUES (?, ?)", _summed(((w,) for w in words), salt))
    chars = sorted(c for c in chinese if is_cjk(c))
    conn.execute("INSERT OR REPLACE INTO build VALUES ('chinese', ?)", ("".join(chars),))
    fold = _traditional([*sorted(w for w in words if not has_kana(w)), *chars])
    conn.executemany("INSERT INTO search_fold VALUES (?, ?, ?)", _summed(fold.items(), salt))


def _search_words(conn: sqlite3.Connection, profiles: dict[str, list[dict[str, Any]]]) -> set[str]:
    from tacref.i18n import chinese_labels

    keys = [k for (k,) in conn.execute("SELECT key FROM name UNION SELECT key FROM item_name")]
    keys += [k for (k,) in conn.execute("SELECT key FROM symptom_word")]
    keys += [row["effect"].get("zh", "") for rows in profiles.values() for row in rows]
    keys += [*chinese_labels(), *OWN_WORDS]
    words = {normalize(k) for k in keys if 2 <= len(k) <= 3 * MAX_WORD}
    words = {
        w
        for w in words
        if 2 <= len(w) <= MAX_WORD
        and all(map(is_cjk, w))
        and not any(q in w for q in QUESTION_MARKS)
    }
    return words


@functools.cache
def _opencc(config: str) -> Any:
    """One OpenCC converter per configuration per build: loading its dictionaries
    costs more than converting every text of the data. ImportError if missing."""
    import opencc

    return opencc.OpenCC(config)


def _traditional(words: Iterable[str]) -> dict[str, str]:
    """Traditional characters (Taiwan, Hong Kong and general) -> the simplified ones
    ``words`` are written in, as OpenCC converts the words; never a character the
    words themselves use, so folding a question cannot change what they match."""
    try:
        import opencc  # noqa: F401  (is it installed?)
    except ImportError:  # a broken install: traditional questions go unread
        return {}
    chinese = [w for w in words if any(is_cjk(c) for c in w)]
    used = {c for w in chinese for c in w}
    text = "\n".join(chinese)
    fold: dict[str, str] = {}
    for config in ("s2t", "s2tw", "s2hk"):
        for old, new in zip(_opencc(config).convert(text).split("\n"), chinese, strict=True):
            if len(old) == len(new):
                fold.update(
                    (a, b) for a, b in zip(old, new, strict=True) if a != b and a not in used
                )
    return fold


def _add_items(
    conn: sqlite3.Connection,
    salt: int,
    kind: str,
    loaded: Iterable[Any],
    homes: dict[tuple[str, str], int],
) -> list[Any]:
    """Store each valid item of ``kind`` and its names; return the items. ``homes``
    gets each item's directory (its position in dirs)."""
    items = []
    for item in loaded:
        _add_problems(conn, salt, item.problems)
        record = item.article
        if record is None:
            continue
        items.append(record)
        homes[kind, record.id] = item.dir
        blob = _pack(record.to_mapping(), key=("item", kind, record.id), salt=salt)
        row = (kind, record.id, str(item.path), blob)
        conn.execute("INSERT INTO item VALUES (?, ?, ?, ?)", row)
        keys = ((normalize(label), label) for label in record.labels)
        conn.executemany(
            "INSERT OR IGNORE INTO item_name VALUES (?, ?, ?, ?, ?)",
            _summed(((kind, key, record.id, label) for key, label in keys if key), salt),
        )
    return items


def _product_names(products: Sequence[Product]) -> dict[str, tuple[str, ...]]:
    """Form id -> the names and brands of the products of that form: an article
    about a form is found by its products' names (``search Protopic``)."""
    names: dict[str, tuple[str, ...]] = {}
    for p in products:
        for form in p.forms:
            names[form] = (*names.get(form, ()), *p.names.values(), *p.brands)
    return names


def _item_checks(
    conn: sqlite3.Connection, dirs: Sequence[DataDir], homes: dict[tuple[str, str], int]
) -> list[Problem]:
    """A name of a product or an interaction card names one thing, and no condition:
    ``show X`` must never have to choose between a condition and a product, and
    ``interactions X`` between two agents.

    As for articles (``_cross_checks``), a name that items of one kind from
    different directories claim stays with the item of the first directory (a
    bundled product keeps its names): the other claims are removed and reported.
    Claims are grouped by name, never paired: linear however many share one.
    """
    from itertools import groupby, pairwise

    found: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
    shared = conn.execute(  # as claimed: an update in place has pruned item_name before
        "SELECT n.key, n.kind, n.id, min(n.label), i.path FROM item_claim n"
        " JOIN item i ON i.kind = n.kind AND i.id = n.id WHERE n.key IN ("
        "  SELECT key FROM item_claim GROUP BY key HAVING count(DISTINCT kind || ' ' || id) > 1)"
        " GROUP BY n.key, n.kind, n.id ORDER BY n.key, n.kind, n.id"
    )
    removed = []
    for key, group in groupby(shared, key=lambda row: row[0]):
        claims = [(kind, i, label, path) for _, kind, i, label, path in group]
        first: dict[str, tuple[int, str]] = {}  # kind -> the first directory, its item
        for kind, i, *_ in claims:
            first[kind] = min(first.get(kind, (homes[kind, i], i)), (homes[kind, i], i))
        kept = []
        for kind, i, label, path in claims:
            home, owner = first[kind]
            if homes[kind, i] == home:
                kept.append((kind, i, label, path))
                continue
            removed.append((kind, key, i))
            message = (
                f"name {_shown(label)} is also used by {_item_word(kind)} {owner}"
                f" ({dirs[home].origin}), which keeps it"
            )
            found.setdefault(path, []).append((_ITEM_NAMES, label, message))
        for (_, _, label, path), (kind, other, _, _) in pairwise(kept):
            message = f"name {_shown(label)} is also used by {_item_word(kind)} {other}"
            found.setdefault(path, []).append((_ITEM_NAMES, label, message))
    conn.executemany("DELETE FROM item_name WHERE kind = ? AND key = ? AND id = ?", removed)
    conditions = conn.execute(
        "SELECT i.path, min(n.label), min(c.id) FROM item_name n JOIN name c ON c.key = n.key"
        " JOIN item i ON i.kind = n.kind AND i.id = n.id GROUP BY n.kind, n.id, n.key"
    )
    for path, label, condition in conditions:
        message = f"name {_shown(label)} is also used by the condition {condition}"
        found.setdefault(path, []).append((_ITEM_NAMES, label, message))
    return _located(found)


_ITEM_NAMES = ("names", "brands", "aliases", "id")


def _item_word(kind: str) -> str:
    return "interaction" if kind == "agent" else kind


def _listing(
    conn: sqlite3.Connection, salt: int, known: dict[tuple[Any, ...], tuple[Any, ...]] | None = None
) -> bytes:
    """Every summary in one blob: ``list`` reads 10,000 of them faster so than as
    table rows (fewer objects to make: shared values are written once); each with
    the pinyin of its Chinese name, the order of ``list --lang zh``. ``known``:
    rows made before (by their fields), taken as they are."""
    fields = _summary_fields(conn.execute(f"{_SUMMARY_SQL} ORDER BY rowid"))
    known = known or {}
    todo = [row for row in fields if row not in known]
    keys: list[str] = pinyin_keys([row[2] for row in todo]) if todo else []
    hant = [_converted([row[2] for row in todo], config) for config in HANT.values() if todo]
    made = {
        row: (i, en, zh, *regional, *rest, key)
        for row, key, *regional in zip(todo, keys, *hant, strict=True)
        for i, en, zh, *rest in [row]
    }
    rows = [known.get(row) or made[row] for row in fields]
    return _pack(rows, False, ("listing",), salt)  # read whole by every `list`: not worth inflating


def pinyin_keys(names: Sequence[str]) -> list[str]:
    """A sort key for each Chinese name: its syllables without tones, then with
    them ("gan yan" before "gan yi zhi"; 白癜风 "bai dian feng" before 斑秃 "ban
    tu"). Empty (code-point order) if pypinyin is not installed."""
    try:
        from pypinyin import Style, lazy_pinyin
    except ImportError:
        return [""] * len(names)
    return [
        " ".join(lazy_pinyin(name)) + "\x01" + " ".join(lazy_pinyin(name, style=Style.TONE3))
        for name in names
    ]


def _converted(texts: Sequence[str], config: str) -> list[str]:
    """``texts`` converted by OpenCC's ``config`` in one call (texts as they are
    if OpenCC is missing: a broken install still answers, in simplified)."""
    try:
        import opencc  # noqa: F401  (is it installed?)
    except ImportError:
        return list(texts)
    joined = _SEPARATOR.join(texts)
    region = next((r for r, c in HANT.items() if c == config), "")
    out = fix_hant(_opencc(config).convert(joined), region).split(_SEPARATOR)
    return out if len(out) == len(texts) else list(texts)


_SEPARATOR = "\ue001"  # a private-use character: OpenCC leaves it, no text has it


def _hant_records(conn: sqlite3.Connection) -> Iterator[tuple[str, str, tuple[str, ...], bytes]]:
    """(kind, id, blob key, blob) of every article, item and profile, read as
    they are used: at 10,000 articles the bodies together are hundreds of MB."""
    for i, data in conn.execute("SELECT id, data FROM body"):
        yield "body", i, ("body", i), data
    for kind, i, data in conn.execute("SELECT kind, id, data FROM item"):
        yield kind, i, ("item", kind, i), data
    for i, data in conn.execute("SELECT id, data FROM profile"):
        yield "profile", i, ("profile", i), data


_HANT_BATCH = 64  # records per OpenCC call: fewer calls, but each batch is held unpacked


def _add_hant(conn: sqlite3.Connection, salt: int, records: Iterable[Any]) -> None:
    """Each of ``records`` (``_hant_records``) with its Chinese converted for each
    region of ``HANT`` (a key "zh-TW" beside each "zh"): the hot path converts nothing."""
    for batch in _batched(records, _HANT_BATCH):  # one OpenCC call per region per batch
        mappings = [_unpack(data, kind, key, salt) for kind, _, key, data in batch]
        for region, config in HANT.items():
            converted = _regional(mappings, region, config)
            _regional_brands(
                [m for (kind, *_), m in zip(batch, converted, strict=True) if kind == "product"],
                config,
            )
            conn.executemany(
                "INSERT INTO hant VALUES (?, ?, ?, ?)",
                [
                    (kind, i, region, _pack(m, key=("hant", kind, i, region), salt=salt))
                    for (kind, i, _, _), m in zip(batch, converted, strict=True)
                ],
            )


def _batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def _regional_brands(products: list[Any], config: str) -> None:
    """The Chinese brands of ``products`` (mappings) spelled as the region spells
    them (普乐可复: 普樂可復), in place; Japanese ones (with kana) as they are."""
    brands = [b for m in products for b in m.get("brands", ()) if _chinese_brand(b)]
    spelled = dict(zip(brands, _converted(brands, config), strict=True)) if brands else {}
    for m in products:
        if "brands" in m:
            m["brands"] = [spelled.get(b, b) for b in m["brands"]]


def _chinese_brand(name: str) -> bool:
    return any(map(is_cjk, name)) and not any("\u3040" <= c <= "\u30ff" for c in name)


def _add_hant_symptoms(conn: sqlite3.Connection, salt: int) -> None:
    """The symptom checker's concerns (title, action), and the Chinese words tacref
    says back as they were found (the symptom checker's "匹配词：头发掉得厉害", a
    product's alias in search) in each region's traditional characters."""
    rows = conn.execute("SELECT data FROM symptom_extra ORDER BY rowid").fetchall()
    blobs = [
        _unpack(data, "vocabulary", ("symptom_extra", n), salt) for n, (data,) in enumerate(rows)
    ]
    words = {k for (k,) in conn.execute("SELECT key FROM symptom_word") if not k.isascii()}
    _each_localized(blobs, lambda d: words.update(_strings(d["zh"])))
    for kind, i, data in conn.execute("SELECT kind, id, data FROM item"):  # names search shows
        item = _unpack(data, kind, ("item", kind, i), salt)
        words.update(_strings([item.get("aliases", []), item.get("brands", [])]))
    spelling = sorted(w for w in words if any(map(is_cjk, w)))
    for region, config in HANT.items():
        concerns = _regional([{"concerns": b["concerns"]} for b in blobs], region, config)
        keyed = [m | {"keys": _keys(m)} for m in concerns]  # their words in its characters
        out = [(m, ("concerns", str(n), region)) for n, m in enumerate(keyed)]
        out.append(
            (
                dict(zip(spelling, _converted(spelling, config), strict=True)),
                ("words", "symptom", region),
            )
        )
        conn.executemany(
            "INSERT INTO hant VALUES (?, ?, ?, ?)",
            [(*key, _pack(m, key=("hant", *key), salt=salt)) for m, key in out],
        )


def _add_hant_sections(
    conn: sqlite3.Connection, salt: int, articles: Sequence[str] | None = None
) -> None:
    """The sections search cuts its snippets from, of every Chinese article (or of
    ``articles``), in each region's traditional characters (by the rowid of its
    ``doc`` row)."""
    rows = conn.execute("SELECT rowid, article, lang, sections FROM doc WHERE lang = 'zh'")
    wanted = None if articles is None else set(articles)
    docs = (
        (n, _unpack(data, "sections", ("doc", a, lang), salt))
        for n, a, lang, data in rows
        if wanted is None or a in wanted
    )
    for batch in _batched(docs, _HANT_BATCH):  # one OpenCC call per region per batch
        texts = [text for _, sections in batch for _, text in sections]
        for region, config in HANT.items():
            spelled = iter(_converted(texts, config))
            out = [
                (str(n), [(field, next(spelled)) for field, _ in sections]) for n, sections in batch
            ]
            conn.executemany(
                "INSERT INTO hant VALUES ('sections', ?, ?, ?)",
                [
                    (n, region, _pack(m, key=("hant", "sections", n, region), salt=salt))
                    for n, m in out
                ],
            )


def _strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        value = list(value.values())
    return [s for v in value for s in _strings(v)] if isinstance(value, list) else []


def _regional(mappings: list[Any], region: str, config: str) -> list[Any]:
    """Copies of ``mappings`` where every {"en": ..., "zh": ...} also has
    ``region``: the "zh" value with each string converted."""

    def walk(value: Any, take: Any) -> None:
        if isinstance(value, str):
            take(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v, take)
        elif isinstance(value, list):
            for v in value:
                walk(v, take)

    zh_texts: list[str] = []
    for m in mappings:
        _each_localized(m, lambda d: walk(d["zh"], zh_texts.append))
    out = iter(_converted(zh_texts, config))

    def rebuilt(value: Any) -> Any:
        if isinstance(value, str):
            return next(out)
        if isinstance(value, dict):
            return {k: rebuilt(v) for k, v in value.items()}
        if isinstance(value, list):
            return [rebuilt(v) for v in value]
        return value

    def copy(value: Any) -> Any:
        if isinstance(value, dict):
            regional = rebuilt(value["zh"]) if _localized(value) else None  # outermost first
            new = {k: copy(v) for k, v in value.items()}
            if regional is not None:
                new[region] = regional
            return new
        if isinstance(value, list):
            return [copy(v) for v in value]
        return value

    copies = [copy(m) for m in mappings]
    if next(out, None) is not None:
        raise ValueError("the converted texts do not fit their places")
    return copies


def _localized(value: dict[str, Any]) -> bool:
    """A mapping of language to text: {"en": ..., "zh": ...}."""
    return "zh" in value and "en" in value and set(value) <= set(LANGS)


def _each_localized(value: Any, visit: Any) -> None:
    """``visit`` each localized mapping in ``value``, outermost first, in the order
    ``_regional``'s copy meets them."""
    if isinstance(value, dict):
        if _localized(value):
            visit(value)
        for v in value.values():
            _each_localized(v, visit)
    elif isinstance(value, list):
        for v in value:
            _each_localized(v, visit)


def _add_alt_names(conn: sqlite3.Connection, salt: int) -> None:
    """The fold table and the other spellings of every name (``alt_name``)."""
    labels = conn.execute(
        "SELECT '', id, label FROM name UNION SELECT kind, id, label FROM item_name"
    ).fetchall()
    used = _label_chars(conn)
    conn.execute("INSERT OR REPLACE INTO build VALUES ('label chars', ?)", (used,))
    fold = _fold_table(set(used))
    conn.execute("INSERT INTO fold VALUES (?)", (_pack(fold, key=("fold",), salt=salt),))
    rows = _alt_rows(labels, fold)
    conn.executemany("INSERT OR IGNORE INTO alt_name VALUES (?, ?, ?, ?, ?)", _summed(rows, salt))


def _label_chars(conn: sqlite3.Connection) -> str:
    """Every character of the Chinese names (conditions, products, interaction cards)."""
    labels = conn.execute("SELECT label FROM name UNION SELECT label FROM item_name")
    chinese = [label for (label,) in labels if not label.isascii() and any(map(is_cjk, label))]
    return "".join(sorted({c for label in chinese for c in label}))


def _alt_rows(
    labels: Sequence[tuple[str, str, str]], fold: dict[int, str]
) -> list[tuple[str, str, str, str]]:
    """(kind, key, id, label): the other spellings of each (kind, id, label)."""
    chinese = sorted({label for _, _, label in labels if any(map(is_cjk, label))})
    spelled = dict(zip(chinese, _spellings(chinese, fold), strict=True)) if chinese else {}
    return [
        (kind, key, i, label)
        for kind, i, label in labels
        for key in spelled.get(label, ())
        if key and key != normalize(label)
    ]


def _fold_table(used: set[str]) -> dict[int, str]:
    """Traditional (and Taiwan and Hong Kong variant) characters -> simplified, as
    OpenCC converts each character; never one the names use (乾癣 keeps its 乾)."""
    try:
        import opencc  # noqa: F401  (is it installed?)
    except ImportError:  # a broken install: traditional names go unread
        return {}
    chars = [
        chr(c)
        for a, b in ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00))
        for c in range(a, b)
    ]
    fold: dict[int, str] = {}
    for config in ("t2s",):  # Taiwan's and Hong Kong's variants fold the same but ~6
        converted = _opencc(config).convert("\n".join(chars)).split("\n")
        if len(converted) != len(chars):
            continue
        fold.update(
            (ord(a), b)
            for a, b in zip(chars, converted, strict=True)
            if a != b and len(b) == 1 and a not in used
        )
    return fold


def _spellings(names: Sequence[str], fold: dict[int, str]) -> list[set[str]]:
    """The other keys each Chinese name is typed as: its pinyin (without tones, with
    ü as v or u, with tone numbers; spaces and tone marks are folded by
    ``normalize``) and its traditional spellings with Taiwan's and Hong Kong's
    vocabulary (OpenCC), folded as a query is."""
    found: list[set[str]] = [set() for _ in names]
    try:
        from pypinyin import Style, lazy_pinyin
    except ImportError:
        pass
    else:
        for keys, name in zip(found, names, strict=True):
            # one call: "lv4" gives lv4, lv and lu (ü typed as v or u; tone marks are
            # folded by normalize, so bái diàn fēng needs no key of its own)
            toned = "".join(lazy_pinyin(name, style=Style.TONE3, neutral_tone_with_five=True))
            plain = toned.translate(_DIGITS)
            keys.update(normalize(k) for k in (toned, plain, plain.replace("v", "u")))
    try:
        import opencc  # noqa: F401  (is it installed?)
    except ImportError:
        return found
    text = "\n".join(names)
    for config in ("s2twp", "s2hk"):  # s2t's spellings fold back character by character
        converted = _opencc(config).convert(text).split("\n")
        shown = _converted(names, config)  # as put right: 乾燥症候群 finds 干燥综合征
        if len(converted) == len(names) == len(shown):
            for keys, spelled, fixed in zip(found, converted, shown, strict=True):
                keys.update(normalize(k).translate(fold) for k in (spelled, fixed))
    return found


_DIGITS = dict.fromkeys(map(ord, "0123456789"))


def _watched(dirs: Sequence[DataDir]) -> Iterator[tuple[str, int, int]]:
    for d in dirs:
        files = d.files()
        if len(files) > WATCH_LIMIT:
            continue
        for f in files:
            if path_text(f) != str(f):  # refused unread (see catalog.articles)
                continue
            with contextlib.suppress(OSError):
                st = f.stat()
                yield str(f), st.st_size, st.st_mtime_ns


def _crc(values: Sequence[Any], salt: int) -> int:
    """The checksum of a row's values (its ``crc`` column; see ``Index._checked``),
    starting from the index's salt: a row copied from another index does not match.
    Every row holds its own key (id, route, ...), so a row moved to another key
    changes what is summed."""
    return zlib.crc32("\x1f".join(map(str, values)).encode("utf-8", "surrogatepass"), salt)


def _summed(rows: Iterable[Sequence[Any]], salt: int) -> list[tuple[Any, ...]]:
    """``rows`` with each one's checksum appended, to insert into a table with a crc column."""
    return [(*row, _crc(row, salt)) for row in rows]


def _one(conn: sqlite3.Connection, sql: str) -> Any:
    return conn.execute(sql).fetchone()[0]


def _add_problems(conn: sqlite3.Connection, salt: int, problems: Iterable[Problem]) -> None:
    conn.executemany(
        "INSERT INTO problem VALUES (?, ?, ?, ?)",
        _summed(((path_text(p.path), p.line, p.message) for p in problems), salt),
    )


def _cross_checks(
    conn: sqlite3.Connection, dirs: Sequence[DataDir], homes: dict[str, int]
) -> list[Problem]:
    """What no single file can show: names claimed twice, links to nothing.

    A name that articles of different directories claim stays with the article
    of the first directory (``homes``: each article's position in ``dirs``): the
    bundled article keeps its names, a user's article may add new names but not
    take one (its claim is removed, with a problem on its file). Within one
    directory a shared name stays with every claimant (a lookup lists them all)
    and is blamed on each but the one read last.

    Claims are grouped by name, never paired, and each file is read once for
    the lines of its first few problems: thousands of them stay fast.
    """
    from itertools import accumulate, groupby

    found: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}  # path -> where, what, message
    shared = conn.execute(  # from every claim: an update in place has pruned name before
        "SELECT n.key, n.id, min(n.label), a.path FROM claim n JOIN article a ON a.id = n.id "
        "WHERE n.key IN (SELECT key FROM claim GROUP BY key HAVING count(DISTINCT id) > 1) "
        "GROUP BY n.key, n.id ORDER BY n.key, a.rowid"
    )
    removed = []
    for key, group in groupby(shared, key=lambda row: row[0]):
        claims = [(homes[i], i, label, path) for _, i, label, path in group]  # in reading order
        first = min(home for home, *_ in claims)
        owner = next(i for home, i, *_ in claims if home == first)
        for home, i, label, path in claims:
            if home != first:
                removed.append((key, i))
                message = (
                    f"name or alias {_shown(label)} is also used by {owner!r}"
                    f" ({dirs[first].origin}), which keeps it"
                )
                found.setdefault(path, []).append((_NAMES, label, message))
        kept = [claim for claim in claims if claim[0] == first]
        # each is blamed with the smallest id of those read after it
        later = list(accumulate(reversed([i for _, i, *_ in kept[1:]]), min))[::-1]
        for (_, _, label, path), other in zip(kept[:-1], later, strict=True):
            message = f"name or alias {_shown(label)} is also used by {other!r}"
            found.setdefault(path, []).append((_NAMES, label, message))
    conn.executemany("DELETE FROM name WHERE key = ? AND id = ?", removed)
    dangling = conn.execute(
        "SELECT a.path, r.target FROM related r JOIN article a ON a.id = r.article "
        "WHERE r.target NOT IN (SELECT id FROM article) ORDER BY a.path, r.target"
    )
    for path, target in dangling:
        message = f"related id {_shown(target)} does not exist"
        found.setdefault(path, []).append((("related",), target, message))
    return _located(found)


_NAMES = ("aliases", "names", "id")


def _located(found: dict[str, list[tuple[tuple[str, ...], str, str]]]) -> list[Problem]:
    """Problems (path -> where to look, the value, the message) with their lines,
    each file read once; the first of each file, then one line for the rest."""
    problems = []
    for path in sorted(found):
        items = found[path]
        lines = _lines_of(path, [(fields, value) for fields, value, _ in items])
        located = [Problem(Path(path), n, m) for n, (_, _, m) in zip(lines, items, strict=True)]
        problems += first_problems(located)
    return problems


def _shown(value: str, limit: int = 80) -> str:
    """A value from a file in a message: its repr, cut to ``limit``."""
    from tacref.sanitize import quoted

    return quoted(value, limit)


def _lines_of(path: str, wanted: list[tuple[tuple[str, ...], str]]) -> list[int]:
    """The line where each value stands in the first of its fields that holds it
    (an item of a list or mapping, or a related entry's id; 0 if not found).

    Only for reports: the file is parsed again, once, and each field walked once.
    """
    from tacref import loader

    try:
        doc = loader.load(Path(path))
    except loader.LoadError:
        return [0] * len(wanted)
    places: dict[tuple[tuple[str, ...], str], tuple[str | int, ...]] = {}
    for fields in dict.fromkeys(f for f, _ in wanted):
        for field in reversed(fields):  # the first field, and item, holding a value wins
            items = doc.data.get(field)
            if isinstance(items, str):
                places[fields, items] = (field,)
            elif isinstance(items, (dict, list)):
                pairs = list(items.items() if isinstance(items, dict) else enumerate(items))
                for key, item in reversed(pairs):
                    value = item.get("id") if isinstance(item, dict) else item
                    if isinstance(value, str):
                        places[fields, value] = (field, key)
    return [doc.line_of(places[w]) if w in places else 0 for w in wanted]


class Prepared(Record):
    """An article as rows of the index, made where its file was parsed."""

    body: bytes
    article: tuple[Any, ...]
    related: list[tuple[str, str]]
    names: list[tuple[str, str, str]]
    docs: list[tuple[str, str, str, bytes]]  # article, lang, full-text tokens, sections
    lead: list[tuple[str, str, str]]  # (route, row, article) of an adverse-effect article


def _local_notes(
    conn: sqlite3.Connection, salt: int, loaded: Iterable[Any]
) -> dict[str, tuple[dict[str, str], Path]]:
    """The users' notes files by article id (a later directory's win), their
    problems recorded."""
    found: dict[str, tuple[dict[str, str], Path]] = {}
    for one in loaded:
        _add_problems(conn, salt, one.problems)
        if one.article is not None:
            found[one.id] = (one.article, one.path)
    return found


_NO_ARTICLE = "no article has the id {!r}: name a notes file <article id>.notes.yaml"


def prepare(
    a: Article,
    path: Path,
    product_names: dict[str, tuple[str, ...]] | None = None,
    salt: int = 0,
    notes: dict[str, dict[str, str]] | None = None,
) -> Prepared:
    if notes and a.id in notes:
        a = a._replace(local_notes=notes[a.id])
    labels = {a.id, *a.names.values(), *a.aliases}
    keys = ((normalize(label), label) for label in labels)
    products = () if a.status == "adverse-effect" else _products_of(a, product_names or {})
    return Prepared(
        # Bodies live apart so that the article rows (related, search) stay small.
        _pack(a.to_mapping(), key=("body", a.id), salt=salt),
        (
            a.id,
            a.names["en"],
            a.names["zh"],
            a.category,
            a.status,
            a.evidence,
            " ".join(a.forms),
            "|".join(dict.fromkeys(ap.regulator for ap in a.approvals)),
            a.reviewed,
            str(path),
        ),
        [(a.id, r.id) for r in a.related],
        [(key, a.id, label) for key, label in keys if key],
        [_doc(a, lang, products, salt) for lang in LANGS],
        _lead(a),
    )


def _lead(a: Article) -> list[tuple[str, str, str]]:
    """(route, row, article) of the effect an adverse-effect article is about: its
    first row, of every route that has it (acne: the ointment's and the capsules'),
    when the row's lay words name the article. Thrush shows infections first, but
    is not what a person with a fever should read."""
    if a.status != "adverse-effect" or not a.side_effects:
        return []
    first = a.side_effects[0].id
    names = {symptom_key(n) for n in (*a.names.values(), *a.aliases, a.id.replace("-", " "))}
    return [
        (s.form, s.id, a.id)
        for s in a.side_effects
        if s.id == first and names & {symptom_key(w) for ws in s.lay.values() for w in ws}
    ]


def _products_of(a: Article, product_names: dict[str, tuple[str, ...]]) -> str:
    return " · ".join(dict.fromkeys(n for f in a.forms for n in product_names.get(f, ())))


def _doc(a: Article, lang: str, products: str = "", salt: int = 0) -> tuple[str, str, str, bytes]:
    """The full-text row of one language of an article (no phrase spans two
    sections), and its sections' text (a snippet is cut from one of them)."""
    sections = list(_sections(a, lang))
    if products:
        sections.append(("products", products))
    tokens = f"\n{BREAK}\n".join(index_tokens(text) for _, text in sections)
    return a.id, lang, tokens, _pack(sections, key=("doc", a.id, lang), salt=salt)


class _Batch:
    """Prepared articles written a few hundred at a time: one statement per table
    per batch, full-text rows numbered here (the index refers to them by number):
    an article's rows, one per language, one after the other (count_articles)."""

    SIZE = 256

    def __init__(self, conn: sqlite3.Connection, salt: int) -> None:
        self._conn = conn
        self._salt = salt
        self._items: list[Prepared] = []
        self._rowid = 0
        self.chinese: set[str] = set()  # every character of the Chinese text (search_fold)

    def add(self, item: Prepared) -> None:
        self._items.append(item)
        if len(self._items) >= self.SIZE:
            self.flush()

    def flush(self) -> None:
        items, self._items = self._items, []
        docs = [d for item in items for d in item.docs]
        first, self._rowid = self._rowid + 1, self._rowid + len(docs)
        numbered = list(enumerate(docs, first))
        for d in docs:
            if d[1] == "zh":
                self.chinese.update(d[2])
        run = self._conn.executemany
        run("INSERT INTO body VALUES (?, ?)", [(i.article[0], i.body) for i in items])
        run("INSERT INTO article VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [i.article for i in items])
        run("INSERT INTO related VALUES (?, ?)", [r for i in items for r in i.related])
        names = _summed((n for i in items for n in i.names), self._salt)
        run("INSERT OR IGNORE INTO name VALUES (?, ?, ?, ?)", names)
        run("INSERT OR IGNORE INTO claim VALUES (?, ?, ?, ?)", names)
        rows = [(n, d[0], d[1], _crc((n, d[0], d[1]), self._salt), d[3]) for n, d in numbered]
        run("INSERT INTO doc VALUES (?, ?, ?, ?, ?)", rows)
        run("INSERT INTO doc_fts(rowid, tokens) VALUES (?, ?)", [(n, d[2]) for n, d in numbered])
        leads = _summed((x for i in items for x in i.lead), self._salt)
        run("INSERT INTO lead_effect VALUES (?, ?, ?, ?)", leads)


def _sections(a: Article, lang: str) -> Iterator[tuple[str, str]]:
    """(field, text) of every section search looks in, in one language."""
    yield "names", " · ".join([a.names[lang], *a.aliases])
    text = a.text[lang]
    yield from text.sections.items()
    space = "" if lang != "en" else " "  # 能喝酒吗？可以……, not "？ 可以"
    yield "faq", "\n".join(f"{f.q}{space}{f.a}" for f in text.faq)
    rows = (joined(lang, s.effect[lang], "period", s.action[lang]) for s in a.side_effects)
    yield "side_effects", "\n".join(rows)  # a snippet shows them: 痤疮（痘痘）。复诊时……
    yield "approvals", "\n".join(ap.note[lang] for ap in a.approvals)
    yield "related", "\n".join(r.why[lang] for r in a.related)
