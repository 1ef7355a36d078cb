"""Nothing outside tacref's own files is read, written or deleted: links out of a
data directory, foreign files in the cache directory, odd cache locations, and
builds that are stopped half way."""

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import run, run_real, tacref_exe
from tacref import context, paths, validate
from tacref.index import APPLICATION_ID, discard_indexes, open_index

BUNDLED = context.data_dirs(None)[0].path
SECRET = (
    "aws_secret_access_key: x\nhunter2-SECRET-do-not-print: 1\n"  # the old code echoed this key
)
REFUSED = "refused: a link to a file outside the data directory"


# ---------------------------------------------------------------- links in data directories


@pytest.fixture
def secret(tmp_path: Path) -> Path:
    outside = tmp_path / "home" / ".aws"
    outside.mkdir(parents=True)
    path = outside / "credentials.yaml"
    path.write_text(SECRET, encoding="utf-8")
    return path


def _data_dir(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "vitiligo.yaml").write_bytes((BUNDLED / "vitiligo.yaml").read_bytes())
    return data


def _opened(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every path the loader reads from now on (validate and small builds run here)."""
    from tacref import loader

    seen: list[Path] = []
    real = loader._read_bytes

    def spy(path: Path) -> bytes:
        seen.append(path)
        return real(path)

    monkeypatch.setattr(loader, "_read_bytes", spy)
    return seen


@pytest.mark.parametrize("target", ["absolute", "relative"])
def test_a_link_out_of_the_data_directory_is_refused_unread(
    tmp_path: Path, secret: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    data = _data_dir(tmp_path)
    link = data / "credentials.yaml"
    link.symlink_to(secret if target == "absolute" else os.path.relpath(secret, data))
    opened = _opened(monkeypatch)
    v = run("validate", str(data))
    assert v.code == 1
    assert v.out == f"{link}: {REFUSED}\n"
    assert "SECRET" not in v.out + v.err
    assert link not in opened and secret not in opened
    j = run("validate", str(data), "--json")
    assert "SECRET" not in j.out and REFUSED in j.out
    r = run("show", "vitiligo", "-s", "summary", "--data-dir", str(data))
    assert r.code == 0 and "SECRET" not in r.out + r.err
    assert "1 data problem(s) skipped" in r.err


@pytest.mark.parametrize("kind", ["forms", "side-effects"])
def test_links_out_of_every_kind_of_folder_are_refused(
    tmp_path: Path, secret: Path, kind: str
) -> None:
    folder = tmp_path / "data" / kind
    folder.mkdir(parents=True)
    (folder / "x.yaml").symlink_to(secret)
    v = run("validate", str(tmp_path / "data"))
    assert v.code == 1 and f"{folder / 'x.yaml'}: {REFUSED}\n" in v.out
    assert "SECRET" not in v.out + v.err


def test_a_kind_folder_that_links_out_is_not_read(
    tmp_path: Path, secret: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "conditions").symlink_to(secret.parent, target_is_directory=True)
    opened = _opened(monkeypatch)
    v = run("validate", str(data))
    assert v.code == 1 and "no articles here" in v.out
    assert "SECRET" not in v.out + v.err
    assert not [p for p in opened if data in p.parents or secret.parent in p.parents]


def test_links_that_stay_inside_are_followed(tmp_path: Path) -> None:
    data = _data_dir(tmp_path)
    kept = data / "kept"
    kept.mkdir()
    (data / "vitiligo.yaml").rename(kept / "vitiligo-notes.txt")
    (data / "vitiligo.yaml").symlink_to(Path("kept") / "vitiligo-notes.txt")
    link_to_dir = tmp_path / "my-articles"
    link_to_dir.symlink_to(data, target_is_directory=True)  # the directory itself: fine
    for where in (data, link_to_dir):
        v = run("validate", str(where))
        assert (v.code, v.err) == (0, ""), v.out


def test_a_link_to_itself_is_one_problem_and_the_rest_is_read(tmp_path: Path) -> None:
    """ELOOP on one entry used to make the whole folder look empty, silently."""
    data = _data_dir(tmp_path)
    (data / "loop.yaml").symlink_to("loop.yaml")
    v = run("validate", str(data))
    assert v.code == 1
    assert "loop.yaml" in v.out and "no articles here" not in v.out
    r = run("show", "vitiligo", "--data-dir", str(data), "--section", "summary")
    assert r.code == 0 and "1 data problem(s) skipped" in r.err


# ---------------------------------------------------------------- the cache directory


def _sqlite(path: Path, *statements: str) -> None:
    conn = sqlite3.connect(path)
    for statement in statements:
        conn.execute(statement)
    conn.commit()
    conn.close()


def _fill_cache(cache: Path, tmp_path: Path) -> tuple[set[str], set[str]]:
    """(names that are not tacref's to delete, names of stale indexes tacref wrote)."""
    cache.mkdir(parents=True, exist_ok=True)
    stale = tmp_path / "stale"
    open_index([paths.DataDir(BUNDLED, "t")], context.schema_path(), stale)
    (ours,) = stale.glob("index-*.sqlite")
    foreign = {
        "notes.txt": b"someone's notes",
        "index-0123456789abcdef.sqlite": b"not SQLite at all",  # tacref's name, not its file
        "index-backup.sqlite": ours.read_bytes(),  # tacref's file, not its name
        "index-0123456789ABCDEF.sqlite": ours.read_bytes(),  # upper case: not tacref's name
    }
    for name, content in foreign.items():
        (cache / name).write_bytes(content)
    _sqlite(cache / "index-fedcba9876543210.sqlite", "CREATE TABLE t(x)")  # SQLite, not ours
    (cache / "index-1111111111111111.sqlite").write_bytes(ours.read_bytes())
    os.chown(cache / "index-1111111111111111.sqlite", 4242, 4242)  # another user's
    (cache / "index-2222222222222222.sqlite").symlink_to(ours)  # a link, even to an index
    os.mkfifo(cache / "index-3333333333333333.sqlite")
    mine = {"index-4444444444444444.sqlite"}
    (cache / "index-4444444444444444.sqlite").write_bytes(ours.read_bytes())
    legacy = cache / "index-5555555555555555.sqlite"  # before the application id
    _sqlite(legacy, "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    mine.add(legacy.name)
    others = {f"index-{d * 16}.sqlite" for d in "123"} | {"index-fedcba9876543210.sqlite"}
    return {*foreign, *others}, mine


@pytest.mark.cold_cache
def test_a_build_removes_only_indexes_tacref_wrote(isolated: Path, tmp_path: Path) -> None:
    keep, stale = _fill_cache(isolated, tmp_path)
    r = run("show", "vitiligo", "-s", "summary")  # builds, then sweeps the stale ones
    assert r.code == 0
    left = {p.name for p in isolated.iterdir()}
    assert keep <= left
    assert not stale & left
    assert (isolated / "index-1111111111111111.sqlite").stat().st_uid == 4242
    assert os.readlink(isolated / "index-2222222222222222.sqlite")
    (built,) = left - keep
    header = (isolated / built).read_bytes()[:100]
    assert int.from_bytes(header[68:72], "big") == APPLICATION_ID


def test_discarding_the_cache_removes_only_indexes_tacref_wrote(
    isolated: Path, tmp_path: Path
) -> None:
    keep, _ = _fill_cache(isolated, tmp_path)
    context.discard_cache()  # what the CLI does after an unexpected error
    left = {p.name for p in isolated.iterdir()}
    assert left == keep
    discard_indexes(tmp_path / "no such directory")  # nothing to do, no error


def test_cache_locations() -> None:
    home = "/home/u"
    cases = [
        ({"TACREF_CACHE_DIR": "rel/cache", "HOME": home}, Path("rel/cache")),  # chosen: kept
        ({"XDG_CACHE_HOME": "/x", "HOME": home}, Path("/x/tacref")),
        ({"XDG_CACHE_HOME": "relative", "HOME": home}, Path("/home/u/.cache/tacref")),
        ({"XDG_CACHE_HOME": "", "HOME": home}, Path("/home/u/.cache/tacref")),
        ({"HOME": ""}, None),
        ({"HOME": "relative/home"}, None),
        ({"HOME": "/"}, Path("/.cache/tacref")),  # said so: the root's cache
    ]
    for env, expected in cases:
        assert paths.cache_dir(env).path == expected, env
    import pwd

    unset = paths.cache_dir({})  # HOME not set at all: the account's home, as ~ gives
    assert unset.path == Path(pwd.getpwuid(os.getuid()).pw_dir) / ".cache" / "tacref"


def _run_in(cwd: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch):
    monkeypatch.delenv("TACREF_CACHE_DIR")
    monkeypatch.delenv("HOME", raising=False)
    return run_real("show", "melasma", "-s", "summary", env=env, cwd=cwd)


def test_a_relative_xdg_cache_home_is_ignored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work, home = tmp_path / "work", tmp_path / "home"
    work.mkdir()
    r = _run_in(work, {"XDG_CACHE_HOME": "cache", "HOME": str(home)}, monkeypatch)
    assert (r.returncode, r.stderr) == (0, "") and r.stdout.startswith("Summary")
    assert list(work.iterdir()) == []  # not ./cache/tacref
    assert len(list((home / ".cache" / "tacref").glob("index-*.sqlite"))) == 1


@pytest.mark.parametrize("home", ["", "home"])
def test_an_empty_or_relative_home_writes_no_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, home: str
) -> None:
    work = tmp_path / "work"
    work.mkdir()
    root_cache = Path("/.cache/tacref")
    before = set(root_cache.iterdir()) if root_cache.is_dir() else set()
    r = _run_in(work, {"HOME": home}, monkeypatch)
    assert (r.returncode, r.stderr) == (0, "") and r.stdout.startswith("Summary")
    assert list(work.iterdir()) == []
    after = set(root_cache.iterdir()) if root_cache.is_dir() else set()
    assert after == before


# ---------------------------------------------------------------- builds stopped half way


def _dead_pid() -> int:
    p = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True)
    return int(p.stdout)


@pytest.mark.cold_cache
def test_temporary_files_of_dead_builds_are_removed(isolated: Path) -> None:
    isolated.mkdir()
    dead, old = _dead_pid(), time.time() - 2 * 86400
    files = {
        f".index-{dead}-abcd1234.tmp": "removed",  # its writer is gone
        f".index-{os.getpid()}-abcd1234.tmp": "kept",  # a live writer
        ".index-1-abcd1234.tmp": "removed",  # pid 1 lives, but two days: a reused pid
        f".index-{dead}-other123.tmp": "kept",  # another user's
        ".index-legacy12.tmp": "removed",  # no pid in the name, and old
        ".index-legacy34.tmp": "kept",  # no pid, and fresh: maybe an old version building
        f"index-{dead}.tmp": "kept",  # not tacref's name
    }
    for name in files:
        (isolated / name).write_bytes(b"partial")
    for name in (".index-1-abcd1234.tmp", ".index-legacy12.tmp"):
        os.utime(isolated / name, (old, old))
    os.chown(isolated / f".index-{dead}-other123.tmp", 4242, 4242)
    assert run("list").code == 0  # a build
    left = {p.name for p in isolated.iterdir() if p.name.endswith(".tmp")}
    assert left == {name for name, fate in files.items() if fate == "kept"}


_HOLD = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDWR | os.O_CREAT, 0o600)
fcntl.flock(fd, fcntl.LOCK_EX)
print("locked", flush=True)
sys.stdin.read()  # held until the test closes our stdin
"""


@pytest.mark.cold_cache
def test_a_temporary_file_another_namespace_is_writing_is_kept(isolated: Path) -> None:
    # a build in a container sharing the cache, or on another host of an NFS home:
    # its pid is not alive from here, but it holds the lock on its temporary file
    isolated.mkdir()
    live = isolated / f".index-{_dead_pid()}-abcd1234.tmp"
    holder = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(live)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        assert run("list").code == 0  # a build sweeps the cache
        assert live.exists()
    finally:
        holder.communicate("", timeout=30)
    discard_indexes(isolated)
    assert run("list").code == 0  # its writer gone: the next build sweeps it
    assert not live.exists()


def test_where_files_cannot_be_locked_only_old_temporary_files_are_swept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import fcntl

    from tacref import index

    def unsupported(fd: int, operation: int) -> None:
        raise OSError(errno.ENOLCK, "no locks available")

    monkeypatch.setattr(fcntl, "flock", unsupported)
    dead, old = _dead_pid(), time.time() - 2 * 86400
    fresh, stale = (
        tmp_path / f".index-{dead}-fresh123.tmp",
        tmp_path / f".index-{dead}-old12345.tmp",
    )
    for path in (fresh, stale):
        path.write_bytes(b"partial")
    os.utime(stale, (old, old))
    index._sweep_leftovers(tmp_path)
    assert (fresh.exists(), stale.exists()) == (True, False)


def test_a_temporary_file_whose_lock_another_run_holds_is_not_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a sweep holding the new file's lock is about to remove it: a build that went on
    # without the lock could lose its file to a sweep from another container
    import fcntl

    from tacref import index

    real, calls = fcntl.flock, []

    def held_once(fd: int, operation: int) -> None:
        calls.append(fd)
        if len(calls) == 1:
            raise BlockingIOError("held by another process")
        real(fd, operation)

    monkeypatch.setattr(fcntl, "flock", held_once)
    with index._temporary(tmp_path) as tmp:
        written = Path(tmp)
    assert len(calls) == 2  # the first file was given up, a second one made and locked
    assert written.exists()


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Enough articles for a build that takes a while (and uses the process pool)."""
    out = tmp_path_factory.mktemp("big") / "data"
    script = Path(__file__).resolve().parent.parent / "benchmarks" / "make_dataset.py"
    subprocess.run([sys.executable, str(script), "160", str(out)], check=True, timeout=120)
    return out


def _start_build(big: Path, cache: Path) -> subprocess.Popen:
    env = {**os.environ, "TACREF_DATA_DIR": str(big), "TACREF_CACHE_DIR": str(cache)}
    proc = subprocess.Popen(
        [tacref_exe(), "list"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + 60
    while not list(cache.glob(".index-*.tmp")):
        assert proc.poll() is None and time.monotonic() < deadline, "the build never started"
        time.sleep(0.01)
    return proc


@pytest.mark.cold_cache
def test_sigterm_during_a_build_removes_its_temporary_file(big: Path, isolated: Path) -> None:
    proc = _start_build(big, isolated)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 128 + signal.SIGTERM
    assert err == "tacref: stopped by SIGTERM while building the index; nothing was written\n"
    assert list(isolated.iterdir()) == []


def test_a_killed_builds_temporary_file_is_removed_by_the_next_build(
    big: Path, isolated: Path
) -> None:
    proc = _start_build(big, isolated)
    proc.kill()
    proc.communicate(timeout=60)
    assert list(isolated.glob(".index-*.tmp"))  # SIGKILL: nothing could clean up
    env = {"TACREF_DATA_DIR": str(big)}
    r = run_real("show", "vitiligo", "-s", "summary", env=env)
    assert r.returncode == 0
    assert not list(isolated.glob(".index-*.tmp"))


@pytest.mark.parametrize("inside", ["", "conditions"])
def test_the_bundled_data_as_the_users_data_is_read_once(inside: str) -> None:
    bundled = str(paths.bundled_data_dir() / inside)
    r = run("show", "vitiligo", env={"TACREF_DATA_DIR": bundled})
    assert (r.code, r.err) == (0, "")
    assert r.out.startswith("Vitiligo")
    checked = run("validate", bundled, env={"TACREF_DATA_DIR": bundled})
    assert checked.code == 0 and "no problems" in checked.out


def test_an_id_with_a_newline_is_refused(tmp_path: Path) -> None:
    # the schema's "$" also matches before a final newline
    text = (paths.bundled_data_dir() / "conditions" / "acne.yaml").read_text()
    text = text.replace("id: acne\n", 'id: "qnl\\n"\n', 1)
    (tmp_path / "qnl\n.yaml").write_text(text)
    r = run("validate", str(tmp_path))
    assert r.code != 0
    assert "must be lowercase letters and digits joined by '-'" in r.out + r.err


def test_a_lay_word_with_a_line_break_is_refused(tmp_path: Path) -> None:
    text = (paths.bundled_data_dir() / "side-effects" / "topical.yaml").read_text()
    first = text.index("lay:")
    text = text[:first] + text[first:].replace('en: ["', 'en: ["two\\nlines", "', 1)
    (tmp_path / "side-effects").mkdir()
    (tmp_path / "side-effects" / "topical.yaml").write_text(text)
    r = run("validate", str(tmp_path))
    assert r.code != 0
    assert "U+000A (a line break) is not allowed here" in r.out + r.err


@pytest.mark.parametrize("invisible", ["\u3164", "\u115f", "\u034f", "\u180b", "\ufe0f"])
def test_a_name_with_an_invisible_letter_is_refused(tmp_path: Path, invisible: str) -> None:
    """Two names that look the same must not both be shown (attack review round 3, F6)."""
    data = tmp_path / "data"
    data.mkdir()
    text = (BUNDLED / "vitiligo.yaml").read_text("utf-8")
    text = text.replace("id: vitiligo", "id: vitiligo-x").replace(
        '"Vitiligo"', f'"Vitiligo{invisible}"', 1
    )
    (data / "vitiligo-x.yaml").write_text(text, "utf-8")
    v = run("validate", str(data))
    assert v.code == 1
    assert "must be one line of visible text" in v.out


# ---------------------------------------------------------------- what validate repeats of a file
#
# A hard link into a data directory passes the check above (it has no "elsewhere"), so
# a file that is not tacref's may be read. Refusing st_nlink > 1 would also refuse the
# copies `cp -al`, rsnapshot, uv or a dedup tool make, and a link whose other name is
# outside cannot be told from one whose other name is inside without searching the
# disk. The rule instead: a file that is not this kind of data is one problem that
# names the shape of its top level, and no schema problem repeats a value of the file.

TOKENS = ("ghp_SECRETTOKEN123", "SuperSecret789", "4242424242", "hunter2-x")
FOREIGN = {  # file name -> (its text, what its top level is)
    "git-credentials": (
        "https://alice:ghp_SECRETTOKEN123@github.com\n",
        "the top level is a string, not a mapping",
    ),
    "env": ("DB_PASSWORD=SuperSecret789\n", "the top level is a string, not a mapping"),
    "pin": ("4242424242\n", "the top level is a number, not a mapping"),
    "list": ("- ghp_SECRETTOKEN123\n- hunter2-x\n", "the top level is a list, not a mapping"),
    "empty": ("{}\n", "the top level is an empty mapping"),
    "netrc-like": (
        "password: hunter2-x\ntoken: ghp_SECRETTOKEN123\n",
        "none of its 2 keys is one {a} has",
    ),
    "docker-config": (
        '{"auths": {"https://index.docker.io/v1/": {"auth": "SuperSecret789"}}}\n',
        "its only key is not one {a} has",
    ),
    "service-account": (
        '{"type": "service_account", "private_key": "SuperSecret789"}\n',
        "none of its 2 keys is one {a} has",
    ),
}
NOUNS = {  # folder -> what the schema calls its files
    "conditions": "an article",
    "forms": "a product",
    "side-effects": "a side-effect profile",
    "interactions": "an interaction card",
    "symptoms": "a symptom vocabulary",
}


@pytest.fixture
def foreign_files(tmp_path: Path) -> dict[str, Path]:
    """Every foreign file once, outside any data directory (their one other name)."""
    outside = tmp_path / "home"
    outside.mkdir()
    files = {}
    for name, (text, _) in FOREIGN.items():
        files[name] = outside / name
        files[name].write_text(text, encoding="utf-8")
    return files


def test_hard_linked_files_that_are_no_data_say_what_they_are_and_repeat_nothing(
    tmp_path: Path, foreign_files: dict[str, Path]
) -> None:
    data = tmp_path / "data"
    for folder in NOUNS:
        (data / folder).mkdir(parents=True)
        for name, target in foreign_files.items():
            os.link(target, data / folder / f"{name}.yaml")
    assert foreign_files["env"].stat().st_nlink == 1 + len(NOUNS)
    v = run("validate", str(data))
    assert v.code == 1
    expected = {
        f"{data / folder / name}.yaml:1: not {a}: {shape.format(a=a)}"
        for folder, a in NOUNS.items()
        for name, (_, shape) in FOREIGN.items()
    }
    lines = v.out.splitlines()
    assert {line.split(" (", 1)[0] for line in lines} == expected  # one line each
    assert v.err == f"tacref: {len(expected)} problem(s) in {len(expected)} file(s)\n"
    j = run("validate", str(data), "--json")
    s = run("show", "vitiligo", "-s", "summary", "--data-dir", str(data))
    assert s.code == 0 and f"{len(expected)} data problem(s) skipped" in s.err
    for token in TOKENS:
        assert token not in v.out + v.err + j.out + j.err + s.out + s.err


def test_hard_linked_copies_of_data_are_read(tmp_path: Path) -> None:
    """``cp -al`` of a data directory (every file a second name of the same inode)
    is a data directory like any other: st_nlink > 1 is not refused."""
    data = tmp_path / "data"
    data.mkdir()
    original = tmp_path / "original"
    original.mkdir()
    text = (BUNDLED / "vitiligo.yaml").read_text("utf-8")
    (original / "vitiligo.yaml").write_text(text.replace('"Vitiligo"', '"My vitiligo"', 1))
    os.link(original / "vitiligo.yaml", data / "vitiligo.yaml")
    assert (data / "vitiligo.yaml").stat().st_nlink == 2
    v = run("validate", str(data))
    assert (v.code, v.err) == (0, ""), v.out
    r = run("show", "vitiligo", "--data-dir", str(data))
    assert (r.code, r.err) == (0, "") and r.out.startswith("My vitiligo")


# Every kind of data, and a file of it as the bundled data has it.
SAMPLES = {
    "conditions": (validate.check, BUNDLED / "vitiligo.yaml"),
    "forms": (validate.check_product, BUNDLED.parent / "forms" / "ointment.yaml"),
    "side-effects": (validate.check_profile, BUNDLED.parent / "side-effects" / "topical.yaml"),
    "interactions": (
        validate.check_interaction,
        BUNDLED.parent / "interactions" / "grapefruit.yaml",
    ),
    "symptoms": (validate.check_vocabulary, BUNDLED.parent / "symptoms" / "vocabulary.yaml"),
}
# Values that break whatever rule a field has: text no id, date or listed word can be
# (upper case, '_'), a number, and each inside a list and a mapping.
HOSTILE = [
    "ghp_SECRETTOKEN123",
    4242424242,
    ["ghp_SECRETTOKEN123", "ghp_SECRETTOKEN123"],
    {"k": "ghp_SECRETTOKEN123"},
    "",
    ["hunter2-x", "hunter2-x"],  # a slug: only a repeated item breaks a rule
]


def _places(value: object, where: tuple = ()) -> list[tuple]:
    """Every place in ``value`` (mapping keys and list items), each list's first item
    only: a place of each field the schema has."""
    places = [where]
    if isinstance(value, dict):
        for key, child in value.items():
            places += _places(child, (*where, key))
    elif isinstance(value, list) and value:
        places += _places(value[0], (*where, 0))
    return places


def _short(value: object) -> object:
    """``value`` with each list cut to two items: every field is still there (and
    valid), and jsonschema lists a file's problems in a fraction of the time."""
    if isinstance(value, dict):
        return {key: _short(child) for key, child in value.items()}
    if isinstance(value, list):
        return [_short(child) for child in value[:2]]
    return value


def _with(data: object, where: tuple, value: object) -> object:
    import copy

    changed = copy.deepcopy(data)
    if not where:
        return value
    *parent, last = where
    node = changed
    for step in parent:
        node = node[step]
    node[last] = value
    return changed


@pytest.mark.parametrize("kind", list(SAMPLES))
def test_no_problem_repeats_a_value_of_the_file(kind: str, tmp_path: Path) -> None:
    """Each field of each kind of file, given each hostile value: the problems name
    the file, its line and the field, never the value."""
    from tacref import loader

    check, sample = SAMPLES[kind]
    schema = paths.bundled_data_dir() / paths.KINDS[kind]
    data = _short(loader.load(sample).data)
    reported = 0
    for where in _places(data)[1:]:
        for value in HOSTILE:
            path = tmp_path / sample.name
            # JSON is YAML, and written ten times faster than PyYAML's block style
            path.write_text(json.dumps(_with(data, where, value), indent=1), "utf-8")
            problems = [str(p) for p in check(loader.load(path), schema)[1]]
            reported += bool(problems)
            for line in problems:
                assert line.startswith(f"{path}:"), line
                assert "ghp_" not in line and "4242" not in line and "hunter2" not in line, line
    assert reported > len(_places(data))  # most changes break a rule: the test tests


# What an author gets instead of the value: the rule, what is there, at its line
# (the last line that reads like the second column).
STILL_SAID = [
    (
        {"id": "Vitiligo_2"},
        "id: Vitiligo_2",
        "id: must be lowercase letters and digits joined by '-'"
        " (this one: 10 characters, with upper-case letters and '_')",
    ),
    (
        {"id": "vitiligo-"},
        "id: vitiligo-",
        "id: must be lowercase letters and digits joined by '-'"
        " (this one: 9 characters, with '-' at an end, or two together)",
    ),
    (
        {"status": "aproved"},
        "status: aproved",
        "status: must be one of: approved, off-label, investigational,"
        " no-established-role, adverse-effect (did you mean 'approved'?)",
    ),
    (
        {"reviewed": "27.11.2026"},
        "reviewed: 27.11.2026",
        "reviewed: must be a date written YYYY-MM-DD (this one: 10 characters, with '.')",
    ),
    (
        {"aliases": ["vitiligo a", "vitiligo b", "vitiligo a"]},
        "- vitiligo a",
        "aliases[2]: the same as item [0]",
    ),
    ({"names": "Vitiligo"}, "names: Vitiligo", "names: a string, not a mapping"),
    ({"forms": []}, "forms: []", "forms: is an empty list"),
]


@pytest.mark.parametrize(("change", "at", "said"), STILL_SAID)
def test_problems_still_say_what_to_fix(tmp_path: Path, change: dict, at: str, said: str) -> None:
    import yaml

    from tacref import loader

    data = {**loader.load(BUNDLED / "vitiligo.yaml").data, **change}
    path = tmp_path / "vitiligo.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    problems = [str(p) for p in validate.check(loader.load(path), context.schema_path())[1]]
    lines = path.read_text("utf-8").splitlines()
    line = max(n for n, text in enumerate(lines, 1) if text.strip() == at)
    assert f"{path}:{line}: {said}" in problems, problems


# Every sort of character a name must not hold (attack review round 4, C5-a): by
# category (unassigned, private use, format, surrogate, separators, controls), the
# default-ignorable letters, and symbols drawn blank.
NOT_IN_A_NAME = [
    "\u2065",  # unassigned, default-ignorable
    "\U000e0080",  # unassigned, in the tag block
    "\ufff0",  # unassigned specials
    "\U0003ffff",  # unassigned noncharacter
    "\ue123",  # private use
    "\U000f0001",  # supplementary private use
    "\u200b",  # format: zero-width space
    "\u200e",  # format: left-to-right mark
    "\U000e0041",  # format: tag letter
    "\ufeff",  # format: byte-order mark
    "\ud800",  # lone surrogate
    "\u2028",  # line separator
    "\x85",  # C1 control
    "\u3164",  # Hangul filler (a letter)
    "\uffa0",  # halfwidth Hangul filler
    "\U000e01f0",  # unassigned, after the variation selectors
    "\u2800",  # braille pattern blank
    "\U0001d159",  # musical symbol null notehead
]


@pytest.mark.parametrize("ch", NOT_IN_A_NAME)
def test_no_name_holds_a_character_that_is_not_visible_text(ch: str) -> None:
    from tacref.validate import single_line

    for name in (f"Vitiligo{ch}", f"Vit{ch}iligo", f"白癜风{ch}"):
        assert [w for w, _ in single_line({"en": name}, ("names",))] == [("names", "en")]


def test_visible_names_in_any_script_pass() -> None:
    from tacref.validate import single_line

    names = ["Vitiligo", "白癜风", "Crohn’s disease", "Sjögren", "Ａ　Ｂ", "狼疮（SLE）", "𝐚𝐛"]
    assert list(single_line(names, ("aliases",))) == []


def test_user_articles_with_names_that_only_look_like_a_bundled_one_are_refused(
    tmp_path: Path,
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    text = (BUNDLED / "vitiligo.yaml").read_text("utf-8")
    for n, ch in enumerate(
        ["\u2065", "\U000e0080", "\ufff0", "\u2800", "\U000e01f0", "\U0001d159"]
    ):
        named = text.replace("id: vitiligo", f"id: vitiligo-{n}").replace(
            '"Vitiligo"', f'"Vitiligo{ch}"', 1
        )
        (data / f"vitiligo-{n}.yaml").write_text(named, "utf-8")
    v = run("validate", str(data))
    assert v.code == 1
    for n in range(6):
        assert f"vitiligo-{n}.yaml:" in v.out
    assert v.out.count("must be one line of visible text") == 6


HIDDEN_IN_TEXT = [
    *("\u200f", "\u061c", "\u200b", "\u2060", "\ufeff", "\u200d", "\u200c", "\ue000"),
    # fillers and blanks drawn as nothing (attack round 8, R8-3)
    *("\u3164", "\u115f", "\u034f", "\u2800", "\u17b4"),
]


@pytest.mark.parametrize("ch", HIDDEN_IN_TEXT)
def test_article_text_with_an_invisible_character_is_refused(tmp_path: Path, ch: str) -> None:
    """Bidi marks, zero-width characters, tags, private use: none shows, none is
    needed in English or Chinese text (attack review round 4, C5-b)."""
    from tacref import loader, validate

    text = (BUNDLED / "vitiligo.yaml").read_text("utf-8")
    at = text.index("Tacrolimus ointment can help colour")
    hidden = text[:at] + f"Dose 0.1{ch}% twice daily. " + text[at:]
    (tmp_path / "vitiligo.yaml").write_text(hidden, "utf-8")
    article, problems = validate.check(
        loader.load(tmp_path / "vitiligo.yaml"), context.schema_path()
    )
    assert article is None
    assert any(f"U+{ord(ch):04X}" in p.message and "no one can see" in p.message for p in problems)


def test_tag_characters_in_text_are_refused_and_never_printed_raw(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    tag = "".join(chr(0xE0000 + ord(c)) for c in "IGNORE PREVIOUS")
    text = (BUNDLED / "vitiligo.yaml").read_text("utf-8")
    text = text.replace(
        "Tacrolimus ointment can help colour", tag + "Tacrolimus ointment can help colour", 1
    )
    (data / "vitiligo.yaml").write_text(text, "utf-8")
    v = run("validate", str(data))
    assert v.code == 1 and "U+E0049 (tag latin capital letter i), which no one can see" in v.out
    from tacref.sanitize import json_safe, printable

    assert not any(0xE0000 <= ord(c) <= 0xE007F for c in printable(tag) + json_safe(tag))


# ------------------------------------------- kind folders that cannot be used (round 4, C2-a)


def _kind_folder_case(tmp_path: Path, secret: Path, case: str) -> Path:
    data = tmp_path / "data"
    (data / "forms").mkdir(parents=True)
    (data / "forms" / "ointment.yaml").write_bytes(
        (BUNDLED.parent / "forms" / "ointment.yaml").read_bytes()
    )
    folder = data / "conditions"
    if case == "link to itself":
        folder.symlink_to("conditions")
    elif case == "link outside":
        folder.symlink_to(secret.parent, target_is_directory=True)
    elif case == "dangling link":
        folder.symlink_to(tmp_path / "nowhere")
    elif case == "a file":
        folder.write_text("id: x\n")
    return data


@pytest.mark.parametrize(
    ("case", "said"),
    [
        ("link to itself", "cannot read this folder: Too many levels of symbolic links"),
        ("link outside", "refused: a link to a folder outside the data directory"),
        ("dangling link", "refused: a link to a folder outside the data directory"),
        ("a file", "refused: not a folder"),
    ],
)
def test_a_kind_folder_that_cannot_be_used_is_a_problem_not_silence(
    tmp_path: Path, secret: Path, case: str, said: str
) -> None:
    data = _kind_folder_case(tmp_path, secret, case)
    v = run("validate", str(data))
    assert v.code == 1
    assert f"{data / 'conditions'}: {said}\n" in v.out
    assert "SECRET" not in v.out + v.err
    r = run("list", "--data-dir", str(data))
    assert r.code == 0 and "1 data problem(s) skipped" in r.err


def test_an_unreadable_kind_folder_is_a_problem(
    tmp_path: Path, secret: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """No permission (tests may run as root, who reads anything: the error is made)."""
    data = _kind_folder_case(tmp_path, secret, "readable")
    (data / "conditions").mkdir()
    real = os.scandir

    def scandir(path: object) -> object:
        if Path(str(path)) == data / "conditions":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)  # type: ignore[arg-type]

    monkeypatch.setattr(paths.os, "scandir", scandir)
    v = run("validate", str(data))
    assert v.code == 1
    assert f"{data / 'conditions'}: cannot read this folder: Permission denied\n" in v.out


# ------------------------------ a file swapped between the scan and the read (round 4, C2-b)


@pytest.mark.parametrize("swap", ["fifo", "link outside", "directory"])
def test_a_file_swapped_after_the_scan_is_judged_as_opened(
    tmp_path: Path, secret: Path, monkeypatch: pytest.MonkeyPatch, swap: str
) -> None:
    data = _data_dir(tmp_path)
    target = data / "vitiligo.yaml"
    real_scan = paths.DataDir.scan

    def scan_then_swap(self: paths.DataDir) -> tuple[list[Path], list[Path]]:
        found = real_scan(self)
        build = sys._getframe(1).f_code.co_name == "_unique"  # the scan the build reads by
        if build and self.path == data and target.is_file() and not target.is_symlink():
            target.unlink()
            if swap == "fifo":
                os.mkfifo(target)
            elif swap == "link outside":
                target.symlink_to(secret)
            else:
                target.mkdir()
        return found

    monkeypatch.setattr(paths.DataDir, "scan", scan_then_swap)
    signal.alarm(60)  # a blocking open() of the FIFO would wait for ever
    try:
        v = run("validate", str(data))
    finally:
        signal.alarm(0)
    assert v.code == 1
    assert "SECRET" not in v.out + v.err
    said = {
        "fifo": "not a regular file; refused",
        "link outside": REFUSED,
        "directory": "not a regular file; refused",
    }[swap]
    assert f"{target}: {said}\n" in v.out


@pytest.mark.parametrize("layout", ["kind folders", "flat"])
def test_a_cache_directory_that_is_a_data_folder_is_not_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, layout: str
) -> None:
    """Each index written there changed the folder's stamp, and so the index's
    name: a rebuild on every run, in silence (attack review round 4, C4-b)."""
    data = tmp_path / "data"
    folder = data / "conditions" if layout == "kind folders" else data
    folder.mkdir(parents=True)
    (folder / "vitiligo.yaml").write_bytes((BUNDLED / "vitiligo.yaml").read_bytes())
    monkeypatch.setenv("TACREF_CACHE_DIR", str(folder))
    for _ in range(2):
        r = run("show", "vitiligo", "-s", "summary", "--data-dir", str(data))
        assert r.code == 0
        assert r.err == (
            f"tacref: warning: not using the cache directory {folder}: it is a data folder,"
            " which each index written there would change; the index is built in memory on"
            " every run\n"
        )
    assert sorted(p.name for p in folder.iterdir()) == ["vitiligo.yaml"]


@pytest.mark.cold_cache
def test_sigterm_while_an_article_is_read_stops_the_build(
    monkeypatch: pytest.MonkeyPatch, isolated: Path
) -> None:
    # The signal lands inside one file's read, whose "could not be checked" guard
    # once caught it: the build went on and kept an index without that article.
    from tacref import loader

    read = loader.load
    seen: list[Path] = []

    def load(path: Path):
        seen.append(path)
        if len(seen) == 5:
            os.kill(os.getpid(), signal.SIGTERM)
        return read(path)

    monkeypatch.setattr(loader, "load", load)
    r = run("list")
    assert (r.code, r.err) == (
        128 + signal.SIGTERM,
        "tacref: stopped by SIGTERM while building the index; nothing was written\n",
    )
    assert not list(isolated.glob("*index-*"))
    monkeypatch.setattr(loader, "load", read)
    assert run("show", "vitiligo", "-s", "summary").code == 0
