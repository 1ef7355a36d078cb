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


def test_large_directories_are_watched_through_their_mtime_and_the_article_read(
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
    stale = open_index([DataDir(data, "t")], SCHEMA, cache)
    # The article read checks its own file (issue 22), which the CLI then updates.
    with pytest.raises(index_module.StaleIndex) as raised:
        stale.article("vitiligo")
    raised.value.discard()
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


def _built(cache: Path) -> dict[str, int]:
    return {p.name: p.stat().st_ino for p in cache.glob("index-*.sqlite")}


def test_alternating_data_sets_builds_each_once(tmp_path: Path) -> None:
    cache = tmp_path / "c"
    mine = tmp_path / "mine"
    mine.mkdir()
    text = (BUNDLED / "vitiligo.yaml").read_text(encoding="utf-8")
    (mine / "x.yaml").write_text(text.replace("id: vitiligo", "id: my-vitiligo", 1), "utf-8")
    bundled, user = context.data_dirs(None), context.data_dirs(mine)
    open_index(bundled, SCHEMA, cache)
    open_index(user, SCHEMA, cache)
    both = _built(cache)
    assert len(both) == 2
    for dirs in (bundled, user, bundled, user):  # each a fresh index: nothing is rebuilt
        assert open_index(dirs, SCHEMA, cache).path is not None
        assert _built(cache) == both


def test_a_data_sets_older_index_is_replaced_and_others_kept(data: Path, tmp_path: Path) -> None:
    cache = tmp_path / "c"
    open_index(context.data_dirs(None), SCHEMA, cache)
    bundled = set(_built(cache))
    names(data, cache)
    ours = set(_built(cache)) - bundled
    (data / "melasma.yaml").unlink()  # a new fingerprint of the same data set
    names(data, cache)
    after = set(_built(cache))
    assert bundled <= after and not ours & after and len(after) == 2


def test_the_least_recently_used_data_sets_go_first(tmp_path: Path, monkeypatch) -> None:
    from tacref import index

    monkeypatch.setattr(index, "KEEP_SETS", 3)
    cache = tmp_path / "c"
    sets = []
    for n in range(4):
        d = tmp_path / f"d{n}"
        shutil.copytree(BUNDLED, d, ignore=shutil.ignore_patterns("[b-z]*"))
        sets.append([DataDir(d, "test")])
    paths = [open_index(dirs, SCHEMA, cache).path for dirs in sets[:3]]
    old = 1_000_000_000
    for age, path in zip((1, 3, 2), paths, strict=True):  # set 0 used longest ago
        os.utime(path, (old + age, old + age))
    open_index(sets[3], SCHEMA, cache)
    left = set(_built(cache))
    assert paths[0].name not in left and {paths[1].name, paths[2].name} <= left
    assert len(left) == 3


def test_an_index_of_an_older_format_is_removed_at_the_next_build(tmp_path: Path) -> None:
    cache = tmp_path / "c"
    built = open_index(context.data_dirs(None), SCHEMA, cache).path
    assert built is not None
    legacy = cache / "index-0123456789abcdef.sqlite"  # the name before data sets
    shutil.copy(built, legacy)
    built.unlink()
    open_index(context.data_dirs(None), SCHEMA, cache)
    assert not legacy.exists() and len(_built(cache)) == 1


@pytest.mark.cold_cache
def test_a_large_build_says_so_in_one_line_when_not_on_a_terminal(monkeypatch) -> None:
    from tacref.terminal import BuildProgress

    monkeypatch.setattr(BuildProgress, "LARGE", 40)  # the bundled data has more
    code, out, err = run("list")
    assert code == 0 and "vitiligo" in out
    assert err == f"building the index: {len(list(BUNDLED.glob('*.yaml')))} articles ...\n"
    assert run("list").err == ""  # built: nothing more to say


@pytest.mark.cold_cache
def test_a_small_build_says_nothing() -> None:
    assert run("list").err == ""


class _Terminal:
    def __init__(self) -> None:
        self.text = ""

    def isatty(self) -> bool:
        return True

    def write(self, text: str) -> None:
        self.text += text

    def flush(self) -> None:
        pass


def test_on_a_terminal_a_slow_build_counts_and_then_erases_its_line(monkeypatch) -> None:
    from tacref.terminal import BuildProgress

    now = [0.0]
    screen = _Terminal()
    progress = BuildProgress(screen)  # type: ignore[arg-type]
    monkeypatch.setattr(progress, "_clock", lambda: now[0])
    progress._start = 0.0
    progress(1, 900)  # quick so far: nothing
    assert screen.text == ""
    now[0] = 1.5
    progress(300, 900)
    progress(301, 900)  # within the same tenth of a second: not redrawn
    now[0] = 2.0
    progress(600, 900)
    progress.end()
    assert screen.text == (
        "\r\x1b[Kbuilding the index: 300 of 900 articles"
        "\r\x1b[Kbuilding the index: 600 of 900 articles\r\x1b[K"
    )


def test_the_same_relative_data_dir_in_two_projects_is_two_data_sets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "c"
    built = []
    for project in ("a", "b"):
        (tmp_path / project / "data").mkdir(parents=True)
        shutil.copy(BUNDLED / "melasma.yaml", tmp_path / project / "data")
        monkeypatch.chdir(tmp_path / project)
        built.append(open_index([DataDir(Path("data"), "test")], SCHEMA, cache).path)
    assert built[0] != built[1] and set(_built(cache)) == {p.name for p in built}
