"""The compiled index is a cache: rebuilt when data change, repaired when broken."""

import os
import shutil
from pathlib import Path

import pytest

from conftest import run
from tacref import context
from tacref.index import open_index
from tacref.paths import DataDir

SCHEMA = context.schema_path()
BUNDLED = context.data_dirs(None)[0].path


@pytest.fixture
def data(tmp_path: Path) -> Path:
    copy = tmp_path / "data"
    shutil.copytree(BUNDLED, copy)
    return copy


def names(data: Path, cache: Path) -> set[str]:
    index = open_index([DataDir(data, "test")], SCHEMA, cache)
    return {s.id for s in index.summaries()}


def test_rebuilt_when_a_file_changes(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "c"
    assert "melasma" in names(data, cache)
    (data / "melasma.yaml").unlink()
    assert "melasma" not in names(data, cache)
    assert len(list(cache.glob("index-*.sqlite"))) == 1  # the stale one is gone


def test_rebuilt_when_a_file_is_edited_in_place(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "c"
    index = open_index([DataDir(data, "test")], SCHEMA, cache)
    assert index.article("vitiligo").names["en"] == "Vitiligo"
    path = data / "vitiligo.yaml"
    text = path.read_text(encoding="utf-8")
    assert 'en: "Vitiligo"' in text
    path.write_text(text.replace('en: "Vitiligo"', 'en: "Vitiligo X"', 1), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    index = open_index([DataDir(data, "test")], SCHEMA, cache)
    assert index.article("vitiligo").names["en"] == "Vitiligo X"


@pytest.mark.parametrize("damage", [b"", b"not a database at all" * 100, None])
def test_corrupt_index_is_rebuilt(data: Path, tmp_path: Path, damage: bytes | None) -> None:
    cache = tmp_path / "c"
    names(data, cache)
    (built,) = cache.glob("index-*.sqlite")
    content = built.read_bytes()
    built.write_bytes(content[: len(content) // 3] if damage is None else damage)
    assert "vitiligo" in names(data, cache)


def test_read_only_cache_still_answers(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tempfile

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)  # root can write anywhere else
    cache = tmp_path / "ro"
    cache.mkdir()
    assert "vitiligo" in names(data, cache)
    assert list(cache.iterdir()) == []


def test_cache_path_that_cannot_be_a_directory(data: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("I am a file")
    assert "vitiligo" in names(data, blocker / "cache")  # mkdir fails: built in memory


def test_cli_answers_when_the_cache_is_unusable(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    r = run("show", "lupus", "-s", "summary", env={"TACREF_CACHE_DIR": str(blocker)})
    assert r.code == 0 and r.out.startswith("Summary")


def test_index_from_another_format_is_replaced(data: Path, tmp_path: Path) -> None:
    import sqlite3

    cache = tmp_path / "c"
    names(data, cache)
    (built,) = cache.glob("index-*.sqlite")
    with sqlite3.connect(built) as conn:
        conn.execute("UPDATE meta SET value = '-1' WHERE key = 'format'")
    conn.close()
    assert "vitiligo" in names(data, cache)


def test_large_directories_are_watched_through_their_mtime(
    data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tacref import index as index_module

    monkeypatch.setattr(index_module, "WATCH_LIMIT", 2)
    cache = tmp_path / "c"
    assert (
        open_index([DataDir(data, "t")], SCHEMA, cache).article("vitiligo").names["en"]
        == "Vitiligo"
    )
    path = data / "vitiligo.yaml"
    stat = data.stat()
    path.write_text(
        path.read_text(encoding="utf-8").replace('en: "Vitiligo"', 'en: "Vitiligo X"', 1),
        encoding="utf-8",
    )
    os.utime(data, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # an edit in place: dir unchanged
    assert (
        open_index([DataDir(data, "t")], SCHEMA, cache).article("vitiligo").names["en"]
        == "Vitiligo"
    )
    os.utime(data)  # touch the directory, as documented
    assert (
        open_index([DataDir(data, "t")], SCHEMA, cache).article("vitiligo").names["en"]
        == "Vitiligo X"
    )


@pytest.mark.parametrize(
    ("damage", "args", "expected"),
    [
        ("UPDATE body SET data = x'00112233' WHERE id = 'lupus'", ("show", "lupus"), "Lupus"),
        ("UPDATE doc SET sections = x'00112233'", ("search", "shaking", "hands"), "Tremor"),
    ],
)
def test_damage_found_mid_query_is_repaired_by_running_again(
    isolated: Path, damage: str, args: tuple[str, ...], expected: str
) -> None:
    import sqlite3

    before = run(*args)
    assert before.code == 0 and expected in before.out
    (built,) = isolated.glob("index-*.sqlite")
    with sqlite3.connect(built) as conn:
        conn.execute(damage)
    conn.close()
    r = run(*args)
    assert (r.code, r.err, r.out) == (0, "", before.out)
