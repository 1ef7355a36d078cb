"""The compiled index: an SQLite file derived from the YAML, rebuilt when they differ.

The file name carries a fingerprint of the package version, the index format and
the name, size and modification time of every data file, so a fresh index is
found with one directory scan and no YAML parsing. It is written to a temporary
file and renamed into place (readers never see half an index), opened read-only,
rebuilt if it turns out to be corrupt, and built in memory when the cache
directory cannot be written.
"""

import contextlib
import json
import os
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from tacref import __version__
from tacref.catalog import DataDir
from tacref.errors import Problem
from tacref.model import LANGS, Article, Summary
from tacref.names import normalize

FORMAT = 1  # bump when the tables below change

_SCHEMA = """
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE article(
    id TEXT PRIMARY KEY, name_en TEXT, name_zh TEXT, category TEXT, status TEXT,
    evidence TEXT, forms TEXT, body TEXT NOT NULL);
CREATE TABLE name(key TEXT NOT NULL, id TEXT NOT NULL, label TEXT NOT NULL,
    PRIMARY KEY(key, id, label)) WITHOUT ROWID;
CREATE VIRTUAL TABLE passage USING fts5(
    text, article UNINDEXED, lang UNINDEXED, field UNINDEXED, tokenize='trigram');
CREATE TABLE problem(path TEXT, line INTEGER, message TEXT);
"""


class Passage(NamedTuple):
    """A stretch of article text that matched a search."""

    article: str
    lang: str
    field: str
    text: str
    score: float


class Index:
    """Read access to a compiled index; every query the rest of tacref needs."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def meta(self, key: str) -> str | None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def article(self, article_id: str) -> Article | None:
        row = self._conn.execute("SELECT body FROM article WHERE id = ?", (article_id,)).fetchone()
        return Article.from_mapping(json.loads(row[0])) if row else None

    def summaries(self, ids: Sequence[str] | None = None) -> list[Summary]:
        sql = "SELECT id, name_en, name_zh, category, status, evidence, forms FROM article"
        if ids is None:
            rows = self._conn.execute(sql)
        else:
            marks = ",".join("?" * len(ids))
            rows = self._conn.execute(f"{sql} WHERE id IN ({marks})", tuple(ids))
        return [
            Summary(r[0], {"en": r[1], "zh": r[2]}, r[3], r[4], r[5], tuple(r[6].split()))
            for r in rows
        ]

    def ids_for_key(self, key: str) -> set[str]:
        rows = self._conn.execute("SELECT id FROM name WHERE key = ?", (key,))
        return {r[0] for r in rows}

    def names_with_prefix(self, key: str, limit: int = 50) -> list[tuple[str, str]]:
        """(id, label) of names whose key starts with ``key``, shortest first."""
        rows = self._conn.execute(
            "SELECT id, label FROM name WHERE key >= ? AND key < ? ORDER BY length(key) LIMIT ?",
            (key, key + "\U0010ffff", limit),
        )
        return list(rows)

    def names_containing(self, key: str, limit: int = 50) -> list[tuple[str, str]]:
        rows = self._conn.execute(
            "SELECT id, label FROM name WHERE instr(key, ?) > 0 ORDER BY length(key) LIMIT ?",
            (key, limit),
        )
        return list(rows)

    def all_names(self) -> list[tuple[str, str, str]]:
        """(key, id, label) of every name, id and alias."""
        return list(self._conn.execute("SELECT key, id, label FROM name"))

    def passages(self, terms: Sequence[str], limit: int = 200) -> list[Passage]:
        """Passages containing every term (case-insensitively), best first."""
        long_terms = [t for t in terms if len(t) >= 3]
        clauses, params = [], []
        if long_terms:
            clauses.append("passage MATCH ?")
            params.append(" ".join('"' + t.replace('"', '""') + '"' for t in long_terms))
        for t in terms:
            if len(t) < 3:  # the trigram index cannot match these: scan
                clauses.append("text LIKE ? ESCAPE '\\'")
                params.append("%" + _like_escape(t) + "%")
        score = "bm25(passage)" if long_terms else "0.0"
        sql = (
            f"SELECT article, lang, field, text, {score} FROM passage "
            f"WHERE {' AND '.join(clauses)} ORDER BY 5 LIMIT ?"
        )
        return [Passage(*row) for row in self._conn.execute(sql, (*params, limit))]

    def problems(self) -> list[Problem]:
        rows = self._conn.execute("SELECT path, line, message FROM problem ORDER BY rowid")
        return [Problem(Path(p), line, m) for p, line, m in rows]


def _like_escape(term: str) -> str:
    return term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def fingerprint(dirs: Iterable[DataDir], schema_path: Path) -> str:
    """A key that changes when the package, the format or any data file changes.

    Built from file names, sizes and modification times (a stat per file, no
    reading); zlib's checksums keep hashlib's OpenSSL start-up off every run.
    """
    parts = [f"{__version__}\0{FORMAT}"]
    for path in (str(schema_path), *(f for d in dirs for f in _yaml_files(d.path))):
        try:
            st = os.stat(path)
        except OSError:
            continue
        parts.append(f"{path}\0{st.st_size}\0{st.st_mtime_ns}")
    blob = "\n".join(parts).encode("utf-8", "surrogateescape")
    return f"{zlib.crc32(blob):08x}{zlib.adler32(blob):08x}{len(parts):x}"


def _yaml_files(directory: Path) -> Iterator[str]:
    try:
        with os.scandir(directory) as entries:
            yield from sorted(e.path for e in entries if e.name.endswith(".yaml"))
    except OSError:
        return


def open_index(dirs: Sequence[DataDir], schema_path: Path, cache_dir: Path) -> Index:
    """A fresh index for ``dirs``: the cached one if it matches, else a new build."""
    path = cache_dir / f"index-{fingerprint(dirs, schema_path)}.sqlite"
    if path.exists():
        conn = _open_readonly(path)
        if conn is not None:
            return Index(conn)
        _remove(path)
    try:
        _build_file(dirs, schema_path, path)
    except OSError:
        return Index(_build(sqlite3.connect(":memory:"), dirs, schema_path))
    conn = _open_readonly(path)
    return (
        Index(conn)
        if conn is not None
        else Index(_build(sqlite3.connect(":memory:"), dirs, schema_path))
    )


def _open_readonly(path: Path) -> sqlite3.Connection | None:
    try:
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        ok = conn.execute("SELECT value FROM meta WHERE key = 'format'").fetchone()
        if ok and ok[0] == str(FORMAT):
            return conn
        conn.close()
    except sqlite3.DatabaseError:
        pass
    return None


def _build_file(dirs: Sequence[DataDir], schema_path: Path, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    import tempfile

    fd, tmp = tempfile.mkstemp(prefix=".index-", suffix=".tmp", dir=path.parent)
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp)
        try:
            _build(conn, dirs, schema_path)
        finally:
            conn.close()
        os.replace(tmp, path)
    except sqlite3.Error as exc:  # e.g. disk full: callers treat it like any write failure
        _remove(Path(tmp))
        raise OSError(str(exc)) from exc
    except BaseException:
        _remove(Path(tmp))
        raise
    for stale in path.parent.glob("index-*.sqlite"):
        if stale != path:
            _remove(stale)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def _build(
    conn: sqlite3.Connection, dirs: Sequence[DataDir], schema_path: Path
) -> sqlite3.Connection:
    from tacref import catalog

    cat = catalog.build(dirs, schema_path)
    with conn:
        conn.executescript(_SCHEMA)
        for a in cat.articles.values():
            _insert(conn, a)
        conn.executemany(
            "INSERT INTO problem VALUES (?, ?, ?)",
            [(str(p.path), p.line, p.message) for p in cat.problems],
        )
        reviewed = max((a.reviewed for a in cat.articles.values()), default="")
        conn.executemany(
            "INSERT INTO meta VALUES (?, ?)",
            [
                ("format", str(FORMAT)),
                ("version", __version__),
                ("reviewed", reviewed),
                ("articles", str(len(cat.articles))),
            ],
        )
    return conn


def _insert(conn: sqlite3.Connection, a: Article) -> None:
    body = json.dumps(a.to_mapping(), ensure_ascii=False, separators=(",", ":"))
    conn.execute(
        "INSERT INTO article VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            a.id,
            a.names["en"],
            a.names["zh"],
            a.category,
            a.status,
            a.evidence,
            " ".join(a.forms),
            body,
        ),
    )
    labels = {a.id, *a.names.values(), *a.aliases}
    conn.executemany(
        "INSERT OR IGNORE INTO name VALUES (?, ?, ?)",
        [(normalize(label), a.id, label) for label in labels if normalize(label)],
    )
    conn.executemany("INSERT INTO passage VALUES (?, ?, ?, ?)", list(_passages(a)))


def _passages(a: Article) -> Iterator[tuple[str, str, str, str]]:
    for lang in LANGS:
        yield " · ".join([a.names[lang], *a.aliases]), a.id, lang, "names"
        text = a.text[lang]
        for field, value in text.sections.items():
            yield value, a.id, lang, field
        for faq in text.faq:
            yield f"{faq.q} {faq.a}", a.id, lang, "faq"
        for s in a.side_effects:
            yield f"{s.effect[lang]}. {s.action[lang]}", a.id, lang, "side_effects"
        for r in a.related:
            yield r.why[lang], a.id, lang, "related"
