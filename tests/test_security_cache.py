"""The cached index is verified before it is trusted: damage or a planted file is
discarded and rebuilt (or, if it is not ours, left alone), never decoded blindly.

Runs that read a damaged index are real processes: a crash in marshal would kill
the test runner itself, and a hang needs a timeout.
"""

import os
import shutil
import sqlite3
import time
import zlib
from pathlib import Path

import pytest

from conftest import run, run_real
from tacref.index import CorruptIndex, _pack, _unpack

# marshal.loads of these 12 bytes dereferences NULL (a set holding a reference to
# the tuple that is still being built): it kills the interpreter with SIGSEGV.
SEGFAULT = b"\xa9\x01\xbc\x01\x00\x00\x00r\x00\x00\x00\x00"


def _index_file(cache: Path) -> Path:
    (built,) = cache.glob("index-*.sqlite")
    return built


def _sql(path: Path, *statements: str, params: tuple = ()) -> None:
    conn = sqlite3.connect(path)
    with conn:
        for statement in statements:
            conn.execute(statement, params if "?" in statement else ())
    conn.close()


def _blob(path: Path, sql: str) -> bytes:
    conn = sqlite3.connect(path)
    (blob,) = conn.execute(sql).fetchone()
    conn.close()
    return blob


def _salt(path: Path) -> int:
    """The salt of the index at ``path``: where every checksum in it starts."""
    return int(_blob(path, "SELECT value FROM meta WHERE key = 'salt'"))


# ---------------------------------------------------------------- _pack/_unpack


def test_unpack_returns_what_pack_stored() -> None:
    value = {"id": "x", "text": ["白癜风", 1, 2.5, None, True, ("a", "b")]}
    assert _unpack(_pack(value), "it") == value
    assert _unpack(_pack(value, compress=False), "it") == value


def _flipped(blob: bytes, at: int) -> bytes:
    return blob[:at] + bytes((blob[at] ^ 0x5A,)) + blob[at + 1 :]


@pytest.mark.parametrize("compress", [True, False])
def test_every_flipped_byte_is_refused(compress: bool) -> None:
    blob = _pack({"summary": "Tacrolimus ointment " * 20, "n": list(range(30))}, compress)
    for at in range(len(blob)):
        with pytest.raises(CorruptIndex, match="the test blob does not decode"):
            _unpack(_flipped(blob, at), "the test blob")


@pytest.mark.parametrize(
    "blob",
    [
        SEGFAULT,  # a bare marshal blob (the old format, or a planted one)
        b"m" + len(SEGFAULT).to_bytes(4, "little") + b"\0\0\0\0" + SEGFAULT,  # bad checksum
        b"",
        b"z",
        b"z" + b"\xff" * 8 + b"x" * 100,  # a size past MAX_BLOB: refused before allocating
        _pack([1, 2, 3])[:-3],  # truncated stream
        _pack([1, 2, 3]) + b"tail",  # data after the stream
        b"q" + _pack([1, 2, 3])[1:],  # an unknown kind (another format)
        None,
        "text, not bytes",
    ],
)
def test_unpack_refuses_anything_it_did_not_write(blob: object) -> None:
    with pytest.raises(CorruptIndex):
        _unpack(blob, "x")


def test_a_decompression_bomb_stops_at_the_declared_size() -> None:
    bomb = zlib.compress(b"\0" * 20_000_000, 9)  # ~20 KB that inflate to 20 MB
    blob = b"z" + (10).to_bytes(4, "little") + b"\0\0\0\0" + bomb
    start = time.perf_counter()
    with pytest.raises(CorruptIndex):
        _unpack(blob, "x")
    assert time.perf_counter() - start < 0.02  # it inflated 11 bytes, not 20 MB


# ---------------------------------------------------------------- damage, end to end


def _build(*args: str) -> str:
    """The answer of ``args`` from the (copied) index, before any damage."""
    first = run(*args)
    assert first.code == 0, first.err
    return first.out


def _packed_with_one_changed_byte(blob: bytes) -> bytes:
    return _flipped(blob, len(blob) // 2)


@pytest.mark.parametrize(
    ("table", "args"),
    [
        ("body WHERE id = 'lupus'", ("show", "lupus")),
        ("listing", ("list",)),
        ("doc", ("search", "tremor")),  # the sections blob of each article-language row
        ("item WHERE kind = 'product' AND id = 'ointment'", ("forms", "ointment")),
        ("profile WHERE id = 'topical'", ("side-effects", "vitiligo")),
        ("vocabulary", ("symptom", "shaky", "hands")),
    ],
)
@pytest.mark.parametrize("damage", ["segfault", "flipped", "kind"])
def test_a_damaged_blob_is_rebuilt_and_answered(
    isolated: Path, table: str, args: tuple[str, ...], damage: str
) -> None:
    real = damage == "segfault"  # a crash would take the test runner with it
    before = run_real(*args).stdout if real else _build(*args)
    built = _index_file(isolated)
    column = "sections" if table == "doc" else "data"
    name, _, where = table.partition(" ")
    blob = _blob(built, f"SELECT {column} FROM {name} {where} LIMIT 1")
    new = {
        "segfault": SEGFAULT,  # the old format's listing was bare marshal: every `list` crashed
        "flipped": _packed_with_one_changed_byte(blob),
        "kind": b"Q" + blob[1:],  # a blob of another (future or past) layout
    }[damage]
    _sql(built, f"UPDATE {name} SET {column} = ? {where}", params=(new,))
    if real:
        p = run_real(*args)
        assert (p.returncode, p.stderr, p.stdout) == (0, "", before)
    else:
        assert run(*args) == (0, before, "")


def test_a_changed_length_in_the_listing_allocates_nothing_large(isolated: Path) -> None:
    import tracemalloc

    from tacref import context

    before = _build("list")
    built = _index_file(isolated)
    blob = _blob(built, "SELECT data FROM listing")
    start = next(i for i, b in enumerate(blob) if b in (0x5B, 0xDB))  # marshal's list
    huge = blob[: start + 4] + b"\x7f" + blob[start + 5 :]  # ~2**31 items: a 16 GB list
    _sql(built, "UPDATE listing SET data = ?", params=(huge,))
    damaged = context.load()
    tracemalloc.start()
    try:
        with pytest.raises(CorruptIndex):
            damaged.summaries()
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 20 * 1024 * 1024  # the listing itself, not what its bytes claim
    assert run("list") == (0, before, "")


def test_a_fifo_at_the_index_path_is_neither_opened_nor_removed(isolated: Path) -> None:
    _build("show", "melasma", "-s", "summary")
    built = _index_file(isolated)
    built.unlink()
    os.mkfifo(built)
    r = run_real("show", "melasma", "-s", "summary")  # opening it would block (60 s timeout)
    assert (r.returncode, r.stdout) == (0, run("show", "melasma", "-s", "summary").out)
    assert r.stderr.count("\n") == 1 and "not using the cache file" in r.stderr
    assert built.is_fifo()  # not ours to delete
    assert not list(isolated.glob(".index-*"))


@pytest.mark.parametrize(
    "change",
    [
        # A recursive view where the meta table was: looking for the format never ends.
        (
            "ALTER TABLE meta RENAME TO meta_old",
            "CREATE VIEW meta(key, value) AS WITH RECURSIVE r(n) AS "
            "(SELECT 1 UNION ALL SELECT n + 1 FROM r) SELECT 'x' || n, n FROM r",
        ),
        ("CREATE TRIGGER t AFTER INSERT ON meta BEGIN SELECT 1; END",),
        ("CREATE VIEW v AS SELECT 1",),
        ("CREATE TABLE extra(x)",),
        ("CREATE INDEX byname ON article(name_en)",),
        ("PRAGMA user_version = 1",),  # the schema's checksum itself
        ("UPDATE meta SET value = '14' WHERE key = 'format'",),  # another format
    ],
)
def test_a_changed_schema_or_format_is_rebuilt(isolated: Path, change: tuple[str, ...]) -> None:
    real = "VIEW meta" in change[-1]  # a hang needs a timeout (60 s): another process
    before = run_real("list").stdout if real else _build("list")
    built = _index_file(isolated)
    _sql(built, *change)
    if real:
        r = run_real("list")
        assert (r.returncode, r.stderr, r.stdout) == (0, "", before)
    else:
        assert run("list") == (0, before, "")
    conn = sqlite3.connect(_index_file(isolated))
    kinds = {k for (k,) in conn.execute("SELECT type FROM sqlite_master")}
    conn.close()
    assert kinds == {"table", "index"}  # rebuilt: the view or trigger is gone


PLANTED = "PLANTED: stop taking your medicine"


def _plant(built: Path) -> None:
    """A valid body for melasma (checksum and all) whose summary is not in the data."""
    # a forger: the checksum recomputed, with the salt and the key
    key, salt = ("body", "melasma"), _salt(built)
    article = _unpack(_blob(built, "SELECT data FROM body WHERE id = 'melasma'"), "body", key, salt)
    article["text"]["en"]["summary"] = PLANTED
    forged = _pack(article, key=key, salt=salt)
    _sql(built, "UPDATE body SET data = ? WHERE id = 'melasma'", params=(forged,))


def test_an_index_owned_by_another_user_is_not_read_nor_removed(isolated: Path) -> None:
    before = _build("show", "melasma", "-s", "summary")
    built = _index_file(isolated)
    _plant(built)
    assert PLANTED in run("show", "melasma").out  # a file of ours is trusted: it works...
    os.chown(built, 4242, 4242)  # ...until the file is someone else's (shared cache dir)
    r = run("show", "melasma", "-s", "summary")
    assert (r.code, r.out) == (0, before)
    assert PLANTED not in r.out + r.err
    assert r.err.startswith("tacref: warning: not using the cache file")
    assert "not a regular file of yours" in r.err and r.err.count("\n") == 1
    assert built.stat().st_uid == 4242  # still there: not ours to delete


def test_planted_text_with_a_wrong_checksum_is_never_printed(isolated: Path) -> None:
    import marshal

    before = _build("show", "melasma", "-s", "summary")
    built = _index_file(isolated)
    blob = _blob(built, "SELECT data FROM body WHERE id = 'melasma'")
    article = _unpack(blob, "body", ("body", "melasma"), _salt(built))
    article["text"]["en"]["summary"] = PLANTED
    raw = marshal.dumps(article)
    forged = b"m" + len(raw).to_bytes(4, "little") + blob[5:9] + raw  # the old checksum
    _sql(built, "UPDATE body SET data = ? WHERE id = 'melasma'", params=(forged,))
    assert run("show", "melasma", "-s", "summary") == (0, before, "")


def test_a_world_writable_index_of_ours_is_replaced(isolated: Path) -> None:
    before = _build("show", "melasma", "-s", "summary")
    built = _index_file(isolated)
    _plant(built)
    built.chmod(0o666)  # anyone could have written it
    assert run("show", "melasma", "-s", "summary") == (0, before, "")
    assert _index_file(isolated).stat().st_mode & 0o077 == 0


def test_labels_read_back_from_the_index_are_printable(isolated: Path) -> None:
    from tacref.index import _crc

    run("list")
    built = _index_file(isolated)
    # planted with the checksum recomputed (a forger, not damage): still escaped
    conn = sqlite3.connect(built)
    salt = _salt(built)
    conn.create_function("crc", -1, lambda *row: _crc(row, salt))
    with conn:
        conn.execute(
            "UPDATE name SET label = label || char(27) || '[2J' WHERE id = 'vitiligo'",
        )
        conn.execute("UPDATE name SET crc = crc(key, id, label) WHERE id = 'vitiligo'")
        conn.execute(
            "UPDATE meta SET value = char(27) || ']0;pwned' || char(7) WHERE key = 'reviewed'"
        )
        conn.execute("UPDATE meta SET crc = crc(key, value) WHERE key = 'reviewed'")
    conn.close()
    r = run("show", "vitiligp 2J")  # a misspelling of the planted label: the hint names it
    assert r.code == 1 and "did you mean" in r.err
    assert "\x1b" not in r.err and "\\x1b[2J" in r.err
    v = run("--version")
    assert v.code == 0 and "\x1b" not in v.out and "\x07" not in v.out
    assert "\\x1b]0;pwned\\x07" in v.out


def test_text_that_is_not_utf8_is_damage_like_any_other(isolated: Path) -> None:
    from tacref import context

    built = _index_file(isolated)
    _sql(built, "UPDATE name SET id = CAST(x'ff' AS TEXT) WHERE key = 'vitiligo'")
    with pytest.raises(CorruptIndex):  # the CLI discards this one file and runs again
        context.load().ids_for_key("vitiligo")
    _sql(built, "UPDATE meta SET value = CAST(x'ff' AS TEXT) WHERE key = 'format'")
    rebuilt = context.load()  # refused at open (it raised UnicodeDecodeError), then built
    assert rebuilt.ids_for_key("vitiligo") == {"vitiligo"}


def test_names_and_statuses_in_results_come_from_checksummed_data(isolated: Path) -> None:
    # an edit that keeps the schema (so the index still opens) must not reach the output
    search = _build("search", "burning skin")
    related = _build("related", "lichen-planus")
    _sql(
        _index_file(isolated),
        "UPDATE article SET name_en = 'Forged name', approved_by = 'US FDA'",
    )
    assert run("search", "burning skin") == (0, search, "")
    assert run("related", "lichen-planus") == (0, related, "")


@pytest.mark.parametrize(
    ("columns", "where", "args"),
    [
        ("key, id, label FROM name", "label = 'BXO'", ("search", "BXO")),  # printed as the match
        ("key, id, label FROM name", "label = 'vitiligo'", ("show", "vitiligp")),  # did-you-mean
        ("kind, key, id, label FROM item_name", "label = 'Protopic'", ("forms", "protopik")),
        ("kind, key, id, label FROM item_name", "label = 'Protopic'", ("search", "protopic")),
        ("key, value FROM meta", "key = 'reviewed'", ("--version",)),
    ],
)
def test_a_changed_byte_in_a_label_is_damage_and_never_printed(
    isolated: Path, columns: str, where: str, args: tuple[str, ...]
) -> None:
    # One byte of the file changed, as damage would (or a forger who leaves the
    # checksum): a row's text columns lie side by side in the file.
    before = run(*args)
    built = _index_file(isolated)
    conn = sqlite3.connect(built)
    text = conn.execute(f"SELECT {columns} WHERE {where}").fetchone()
    conn.close()
    label = text[-1]
    forged = label[:-1] + chr(ord(label[-1]) ^ 1)  # "Protopic" -> "Protopib"
    assert label in before.out + before.err
    data = built.read_bytes()
    row = "".join(text).encode()
    assert row in data
    built.write_bytes(data.replace(row, row[: -len(label)] + forged.encode()))
    after = run(*args)
    assert after == before
    assert forged not in after.out + after.err


# ---------------------------------------------------------------- moved, deleted, replayed (F2)


def test_a_blob_is_bound_to_its_key_and_its_index() -> None:
    blob = _pack({"id": "acne"}, key=("body", "acne"), salt=7)
    assert _unpack(blob, "it", ("body", "acne"), 7) == {"id": "acne"}
    for key, salt in [(("body", "vitiligo"), 7), (("profile", "acne"), 7), (("body", "acne"), 8)]:
        with pytest.raises(CorruptIndex):  # another row, another table, another index
            _unpack(blob, "it", key, salt)


def _rebuilt(isolated: Path, salt: int) -> bool:
    """A new index stands where the damaged one was (a build draws a new salt)."""
    return _salt(_index_file(isolated)) != salt


# Each edit keeps every checksum as tacref wrote it: rows and blobs moved to another
# key, or deleted (attack review 13, round 3, F2).
MOVED_OR_DELETED = [
    (
        "UPDATE body SET data = (SELECT data FROM body WHERE id = 'acne') WHERE id = 'vitiligo'",
        ("show", "vitiligo"),
    ),
    ("DELETE FROM symptom_pair", ("symptom", "fever", "and", "headache")),
    ("DELETE FROM symptom_extra", ("symptom", "blood pressure 200/130")),
    ("DELETE FROM symptom_extra", ("symptom", "missed my dose")),
    (
        "UPDATE profile SET data = (SELECT data FROM profile WHERE id = 'eye')"
        " WHERE id = 'systemic'",
        ("symptom", "chest pain"),
    ),
    ("DELETE FROM profile WHERE id = 'systemic'", ("symptom", "chest pain")),
    (
        "UPDATE item SET data = (SELECT data FROM item WHERE kind = 'agent' AND id = 'paracetamol')"
        " WHERE kind = 'agent' AND id = 'grapefruit'",
        ("interactions", "grapefruit", "--json"),
    ),
    ("DELETE FROM item WHERE kind = 'agent' AND id = 'grapefruit'", ("interactions", "grapefruit")),
    ("DELETE FROM item WHERE kind = 'agent' AND id = 'grapefruit'", ("interactions",)),
    ("DELETE FROM name WHERE id = 'vitiligo'", ("show", "vitiligo")),
    ("DELETE FROM item_name WHERE id = 'grapefruit'", ("interactions", "grapefruit")),
    ("DELETE FROM lead_effect", ("symptom", "acne")),
    ("DELETE FROM body WHERE id = 'vitiligo'", ("show", "vitiligo")),
    (
        "UPDATE doc SET sections = (SELECT sections FROM doc d WHERE d.rowid = doc.rowid + 1)",
        ("search", "tremor"),
    ),
    ("DELETE FROM meta WHERE key = 'rows:name'", ("show", "vitiligp")),
    # A deleted full-text row silently dropped a search hit; a deleted name row that a
    # lookup does not miss was never seen.
    ("DELETE FROM doc WHERE article = 'vitiligo'", ("search", "vitiligo")),
    ("DELETE FROM name WHERE id = 'vitiligo' AND key != 'vitiligo'", ("show", "vitiligo")),
]


@pytest.mark.parametrize(("sql", "args"), MOVED_OR_DELETED)
def test_a_moved_or_deleted_row_is_rebuilt_and_answered(
    isolated: Path, sql: str, args: tuple[str, ...]
) -> None:
    before = run(*args)
    built = _index_file(isolated)
    salt = _salt(built)
    _sql(built, sql)
    assert run(*args) == before
    assert _rebuilt(isolated, salt)  # the edit is gone


def test_deleted_problems_are_rebuilt_and_still_counted(isolated: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "broken.yaml").write_text("id: Not An Id\n")
    env = {"TACREF_DATA_DIR": str(data)}
    _index_file(isolated).unlink()  # the bundled data's: this test's is the only one
    before = run("list", env=env)
    assert "data problem" in before.err
    built = _index_file(isolated)
    salt = _salt(built)
    _sql(built, "DELETE FROM problem")
    assert run("list", env=env) == before
    assert _rebuilt(isolated, salt)


def test_rows_replayed_from_another_index_are_rebuilt(isolated: Path, tmp_path: Path) -> None:
    from tacref import context
    from tacref.index import open_index

    # another index, built by tacref from other data: a user's "Vitiligo REPLAYED"
    data = tmp_path / "data" / "conditions"
    data.mkdir(parents=True)
    bundled = context.data_dirs(None)[0].path / "vitiligo.yaml"
    text = bundled.read_text(encoding="utf-8").replace(
        '{en: "Vitiligo",', '{en: "Vitiligo REPLAYED",'
    )
    assert "REPLAYED" in text
    (data / "vitiligo.yaml").write_text(text, encoding="utf-8")
    other_cache = tmp_path / "other"
    other = open_index(context.data_dirs(data.parent), context.schema_path(), other_cache).path
    assert other is not None
    replayed = {
        "listing": _blob(other, "SELECT data FROM listing"),
        "body": _blob(other, "SELECT data FROM body WHERE id = 'vitiligo'"),
    }
    assert b"Vitiligo REPLAYED" in replayed["listing"]  # the listing is not compressed
    shown, listed = run("show", "vitiligo"), run("list")
    for table, where in [("listing", ""), ("body", "WHERE id = 'vitiligo'")]:
        built = _index_file(isolated)
        salt = _salt(built)
        _sql(built, f"UPDATE {table} SET data = ? {where}", params=(replayed[table],))
        assert (run("show", "vitiligo"), run("list")) == (shown, listed)
        assert "REPLAYED" not in shown.out + listed.out
        assert _rebuilt(isolated, salt)


def test_a_meta_row_of_another_index_is_damage(isolated: Path, tmp_path: Path) -> None:
    from tacref import context
    from tacref.index import open_index

    other = open_index(context.data_dirs(None), context.schema_path(), tmp_path / "o").path
    assert other is not None
    before = run("--version")
    built = _index_file(isolated)
    salt = _salt(built)
    row = sqlite3.connect(other).execute("SELECT * FROM meta WHERE key = 'reviewed'").fetchone()
    _sql(
        built,
        "DELETE FROM meta WHERE key = 'reviewed'",
        "INSERT INTO meta VALUES (?, ?, ?)",
        params=row,
    )
    assert run("--version") == before
    assert _rebuilt(isolated, salt)


# ---------------------------------------------------------------- a deleted row of any kind

# Read while building or updating (summed as "built:<table>", checked before an
# update decodes or copies anything from them), never to answer; unit's stamps are also compared with an
# article's file when it is read (a damaged one can only cause an update).
BUILD_ONLY = {"article", "related", "symptom_word", "unit", "claim", "item_claim", "build"}


def _tables(path: Path) -> set[str]:
    conn = sqlite3.connect(path)
    names = {n for (n,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    conn.close()
    return names


def test_every_table_a_run_reads_is_counted(isolated: Path) -> None:
    """A table added later is counted, or said here why not."""
    from tacref.index import _COUNTED

    assert run("list").code == 0
    tables = _tables(_index_file(isolated))
    fts = {t for t in tables if t.startswith("doc_fts")}  # FTS5 checks its own pages
    assert tables == {t.split(":")[0] for t in _COUNTED} | BUILD_ONLY | fts | {"meta"}


def test_counting_walks_narrow_trees_only(isolated: Path) -> None:
    """Counting is on every open: tables whose rows hold blobs are counted through
    an index of their keys alone, not by reading every blob's page."""
    from tacref.index import _COUNTED

    assert run("list").code == 0
    conn = sqlite3.connect(_index_file(isolated))
    for table in ("doc", "body", "hant"):
        (plan,) = conn.execute(f"EXPLAIN QUERY PLAN {_COUNTED[table]}").fetchall()
        assert "COVERING INDEX" in plan[-1], (table, plan)
    conn.close()


def _delete_one(path: Path, table: str) -> None:
    """Delete one row of ``table`` ("item:agent": of that kind), whatever its key."""
    name, _, kind = table.partition(":")
    conn = sqlite3.connect(path)
    columns = [c[1] for c in conn.execute(f"PRAGMA table_info({name})")]
    where = f" WHERE kind = '{kind}'" if kind else ""
    row = conn.execute(f"SELECT * FROM {name}{where} LIMIT 1").fetchone()
    assert row is not None, f"{table} is empty: nothing to delete"
    match = " AND ".join(f"{c} IS ?" for c in columns)
    with conn:
        assert conn.execute(f"DELETE FROM {name} WHERE {match}", row).rowcount == 1
    conn.close()


@pytest.fixture(scope="module")
def counted_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An index of the bundled data and a user directory with one broken file (so
    that every counted table has a row to delete)."""
    from tacref import context
    from tacref.index import open_index

    data = tmp_path_factory.mktemp("data")
    (data / "broken.yaml").write_text("id: broken\n")
    cache = tmp_path_factory.mktemp("cache")
    built = open_index(context.data_dirs(data), context.schema_path(), cache).path
    assert built is not None
    return built


def _verified(path: Path) -> None:
    """What ``open_index`` asks of a cached file before it answers from it:
    ``CorruptIndex``, or AssertionError if it is refused even earlier (at open)."""
    from tacref.index import Index, _open_checked

    conn = _open_checked(path)
    assert conn is not None, "refused at open"
    try:
        Index(conn, path).verify()
    finally:
        conn.close()


def _counted() -> list[str]:
    from tacref.index import _COUNTED

    return list(_COUNTED)


def test_an_intact_index_is_verified(counted_index: Path) -> None:
    _verified(counted_index)


@pytest.mark.parametrize("table", _counted())
def test_a_deleted_row_of_any_table_is_found_when_the_index_is_opened(
    counted_index: Path, tmp_path: Path, table: str
) -> None:
    damaged = tmp_path / counted_index.name
    shutil.copy(counted_index, damaged)
    _delete_one(damaged, table)
    with pytest.raises(CorruptIndex, match="not what was written"):
        _verified(damaged)


def _meta_keys() -> list[str]:
    """Every key the build writes into meta (the test below checks the list too)."""
    from tacref.index import _BUILT, _COUNTED

    counts = [f"rows:{table}" for table in [*_COUNTED, "meta"]]
    counts += [f"built:{table}" for table in _BUILT]
    return ["format", "version", "reviewed", "articles", "built as", "salt", *counts]


@pytest.mark.parametrize("key", _meta_keys())
def test_a_deleted_meta_row_is_found_when_the_index_is_opened(
    counted_index: Path, tmp_path: Path, key: str
) -> None:
    keys = {k for (k,) in _rows(counted_index, "SELECT key FROM meta")}
    assert keys == set(_meta_keys())
    damaged = tmp_path / counted_index.name
    shutil.copy(counted_index, damaged)
    _sql(damaged, "DELETE FROM meta WHERE key = ?", params=(key,))
    with pytest.raises((CorruptIndex, AssertionError)):  # "format": refused at open
        _verified(damaged)


def _rows(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    rows = conn.execute(sql).fetchall()
    conn.close()
    return rows


@pytest.mark.parametrize("table", ["doc", "name", "source"])
def test_a_run_that_reads_no_such_row_rebuilds_the_index(isolated: Path, table: str) -> None:
    """``--version`` reads only meta: the index is rebuilt because it was opened."""
    before = run("--version")
    assert before.code == 0 and "articles" in before.out
    built = _index_file(isolated)
    salt = _salt(built)
    _delete_one(built, table)
    assert run("--version") == before
    assert _rebuilt(isolated, salt)


# What the open checks against the file name and counts (attack review round 4,
# C3-c, C3-d): the source rows that say when the index is stale, and which data
# set the index was built for.
@pytest.mark.parametrize(
    "sql",
    [
        "DELETE FROM source",
        "DELETE FROM source WHERE rowid = (SELECT max(rowid) FROM source)",
        "INSERT INTO source SELECT path || 'x', size, mtime FROM source LIMIT 1",
        "DELETE FROM meta WHERE key = 'built as'",
        "UPDATE meta SET value = 'index-00000000-0000000000000000.sqlite' WHERE key = 'built as'",
        "DELETE FROM meta WHERE key = 'rows:source'",
    ],
)
def test_edited_source_rows_or_identity_are_rebuilt(isolated: Path, sql: str) -> None:
    before = run("show", "vitiligo", "-s", "summary")
    built = _index_file(isolated)
    salt = _salt(built)
    _sql(built, sql)
    assert run("show", "vitiligo", "-s", "summary") == before
    assert _rebuilt(isolated, salt)


def test_an_in_place_edit_is_seen_after_the_source_rows_are_deleted(
    isolated: Path, tmp_path: Path
) -> None:
    from tacref import context

    data = tmp_path / "data" / "conditions"
    data.mkdir(parents=True)
    bundled = context.data_dirs(None)[0].path / "acne.yaml"
    text = bundled.read_text("utf-8").replace("id: acne", "id: myacne")
    text = text.replace('{en: "Acne",', '{en: "Myacne EDITED",', 1)
    assert "EDITED" in text
    (data / "myacne.yaml").write_text(text, "utf-8")
    env = {"TACREF_DATA_DIR": str(data.parent)}
    _index_file(isolated).unlink()
    assert "Myacne EDITED" in run("list", env=env).out
    _sql(_index_file(isolated), "DELETE FROM source")
    with open(data / "myacne.yaml", "r+", encoding="utf-8") as f:  # in place: the folder's
        f.write(text.replace("Myacne EDITED", "Myacne INPLACE"))  # mtime stays
    assert "Myacne INPLACE" in run("list", env=env).out


@pytest.mark.parametrize("direction", ["user data at the bundled name", "bundled at the user's"])
def test_an_index_of_other_data_at_this_data_sets_name_is_rebuilt(
    isolated: Path, tmp_path: Path, direction: str
) -> None:
    from tacref import context

    data = tmp_path / "data" / "conditions"
    data.mkdir(parents=True)
    bundled = context.data_dirs(None)[0].path / "vitiligo.yaml"
    text = bundled.read_text("utf-8").replace('{en: "Vitiligo",', '{en: "Vitiligo OVERRIDE",')
    assert "OVERRIDE" in text
    (data / "vitiligo.yaml").write_text(text, "utf-8")
    env = {"TACREF_DATA_DIR": str(data.parent)}
    ours = _index_file(isolated)
    bundled_answer = run("list")
    moved = tmp_path / "bundled.sqlite"
    ours.rename(moved)
    user_answer = run("list", env=env)
    assert "OVERRIDE" in user_answer.out
    user_index = _index_file(isolated)
    if direction == "user data at the bundled name":
        shutil.copy2(user_index, ours)
        assert run("list") == bundled_answer
    else:
        shutil.copy2(moved, user_index)
        assert run("list", env=env) == user_answer
