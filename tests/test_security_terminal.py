"""The terminal and the exit code tell the truth (security review, part 5).

- Paths and data reach the terminal only through the sanitiser: file names with
  escape sequences, OSC 52 or newlines in `validate` (text and JSON), a data
  directory's name in the warning line, C1 controls and bidi overrides in JSON.
- Markdown and HTML exports never carry an article's text as raw HTML.
- The layout width is clamped, whatever COLUMNS or the terminal says.
- Output that cannot be written is one stderr line and exit 1, for every command;
  an empty path is a usage error; Ctrl-C at any moment from tacref's first line
  (``tacref.main``; Python's own start-up and pip's launcher come before it) is
  `tacref: interrupted` and exit 130.
"""

import json
import os
import pty
import re
import shlex
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml

from conftest import run, tacref_exe
from tacref import context, terminal

VITILIGO = context.data_dirs(None)[0].path / "vitiligo.yaml"
# What may never reach a terminal raw: C0 controls but newline/tab, DEL, C1, bidi controls.
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
ANSI = re.compile(r"\x1b\[[0-9;]*m")

HOSTILE_NAMES = [
    "osc52\x1b]52;c;SGVsbG8=\x07.yaml",  # writes the clipboard
    "clear\x1b[2J\x1b[31m.yaml",
    "two\nlines.yaml",  # would print a line of its own
    "c1\x9b31m.yaml",  # CSI as one C1 character
    "bidi\u202eLMTH.yaml",  # right-to-left override
]


def broken_files(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for name in HOSTILE_NAMES:
        (directory / name).write_text("id: [unclosed\n", encoding="utf-8")
    return directory


def an_article(directory: Path, **changes: object) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    data = yaml.safe_load(VITILIGO.read_text(encoding="utf-8"))
    data.update(changes)
    path = directory / f"{data['id']}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


# --- paths and data through the sanitiser -------------------------------------------


def test_validate_prints_hostile_file_names_escaped_one_problem_a_line(tmp_path: Path) -> None:
    r = run("validate", str(broken_files(tmp_path / "d")))
    assert r.code == 1
    assert not UNSAFE.search(r.out), r.out
    lines = r.out.splitlines()
    assert len(lines) == len(HOSTILE_NAMES)  # the newline in a name did not split a line
    assert all(line.startswith(str(tmp_path / "d") + "/") for line in lines)
    shown = "\n".join(lines)
    assert "osc52\\x1b]52;c;SGVsbG8=\\x07.yaml:2: YAML" in shown
    assert "two\\nlines.yaml:2:" in shown
    assert "c1\\x9b31m.yaml" in shown and "bidi\\u202eLMTH.yaml" in shown
    assert r.err == "tacref: 5 problem(s) in 5 file(s)\n"


def test_validate_json_escapes_c1_and_bidi_and_keeps_the_names(tmp_path: Path) -> None:
    r = run("validate", str(broken_files(tmp_path / "d")), "--json")
    assert r.code == 1
    assert not UNSAFE.search(r.out), r.out
    paths = {Path(p["path"]).name for p in json.loads(r.out)["problems"]}
    assert paths == set(HOSTILE_NAMES)  # escaped for the terminal, exact for a script
    assert "\\u009b" in r.out and "\\u202e" in r.out


def test_json_keeps_chinese_and_escapes_what_the_user_typed() -> None:
    r = run("search", "\u202eetilitiv\x85\x7f", "--json")
    assert r.code == 1
    assert not UNSAFE.search(r.out), r.out
    assert json.loads(r.out)["query"] == "\u202eetilitiv\x85\x7f"
    zh = run("show", "白癜风", "--json")
    assert "白癜风" in zh.out  # not \\u767d...


def test_a_data_directory_name_cannot_drive_the_terminal(tmp_path: Path) -> None:
    data = broken_files(tmp_path / "mine\x1b]52;c;SGVsbG8=\x07\nx")
    r = run("list", "--data-dir", str(data))
    assert r.code == 0
    assert r.err.count("\n") == 1 and not UNSAFE.search(r.err), r.err
    assert r.err.startswith("tacref: warning: 5 data problem(s) skipped; run 'tacref validate ")
    assert "mine\\x1b]52;c;SGVsbG8=\\x07\\nx'" in r.err


def test_the_ok_line_and_error_lines_escape_paths(tmp_path: Path) -> None:
    good = tmp_path / "ok\x1b[2J\u202e"
    an_article(good)
    r = run("validate", str(good))
    assert r.code == 0 and r.out.endswith("ok\\x1b[2J\\u202e), no problems\n"), r.out
    missing = run("validate", str(tmp_path / "no\x1b[31m\nsuch"))
    assert missing.code == 2
    assert missing.err.count("\n") == 1 and not UNSAFE.search(missing.err), missing.err


# --- Markdown and HTML: no raw HTML from the data -----------------------------------


def test_exports_escape_an_articles_name_in_every_block(tmp_path: Path) -> None:
    evil = "<img src=x onerror=alert(1)>"
    an_article(
        tmp_path,
        id="evil",
        names={"en": f"{evil} # *x*", "zh": "<b>粗</b>"},
        aliases=[],
        related=[],
    )
    for args in ([], ["-s", "summary"], ["--bilingual"]):
        md = run("show", "evil", "--format", "markdown", "--data-dir", str(tmp_path), *args)
        assert md.code == 0, md.err
        assert "<img" not in md.out and "<b>" not in md.out, args
        assert md.out.startswith("# &lt;img src=x onerror=alert(1)&gt; \\# \\*x\\*"), md.out[:80]
        page = run("show", "evil", "--format", "html", "--data-dir", str(tmp_path), *args)
        assert page.code == 0, page.err
        assert "<img" not in page.out and "<b>" not in page.out, args
        assert "&lt;img src=x onerror=alert(1)&gt;" in page.out


# --- the width is clamped -----------------------------------------------------------


def widest(text: str) -> int:
    return max(len(line) for line in ANSI.sub("", text).splitlines())


@pytest.mark.parametrize(
    ("columns", "low", "high"),
    [
        ("0", 80, 80),  # 0: not a width; no terminal here, so 80
        ("1", 15, 20),
        ("-3", 80, 80),
        ("abc", 80, 80),
        ("1000000000", 400, 500),
        ("9" * 5000, 400, 500),  # int() would raise
    ],
)
def test_pretty_output_width_is_clamped(columns: str, low: int, high: int) -> None:
    r = run("show", "vitiligo", "--color", "always", env={"COLUMNS": columns, "LINES": columns})
    assert r.code == 0, r.err
    assert "Vitiligo" in r.out and len(r.out) < 200_000
    assert low <= widest(r.out) <= high


@pytest.mark.parametrize(("size", "expected"), [(0, 80), (5, 20), (120, 120), (3000, 500)])
def test_a_real_terminals_size_is_clamped_too(size: int, expected: int) -> None:
    import fcntl
    import termios

    leader, follower = pty.openpty()
    try:
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 40, size, 0, 0))
        with open(follower, "w", closefd=False) as tty:
            style = terminal.detect(tty, "auto", env={})
        assert style.pretty and style.width == expected
    finally:
        os.close(leader)
        os.close(follower)


# --- output that cannot be written: one line, exit 1 -----------------------------------

EVERY_OUTPUT = [
    "",  # the overview
    "--version",
    "--help",
    "list --help",
    "list",
    "list --json",
    "list --color always",
    "show vitiligo",
    "show vitiligo --json",
    "show vitiligo --format markdown",
    "show vitiligo --format html",
    "show vitiligo -b --color always",
    "side-effects lupus",
    "related vitiligo --json",
    "search skin",
    "search skin --json",
    "categories",
    "validate",
    "validate --json",
]


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One index for the module's processes (each would otherwise build its own)."""
    cache = str(tmp_path_factory.mktemp("cache"))
    subprocess.run(
        [tacref_exe(), "list"], env=env_for(cache), capture_output=True, timeout=60, check=True
    )
    return cache


def env_for(cache: str, **extra: str) -> dict[str, str]:
    env = {**os.environ, "TACREF_CACHE_DIR": cache, **extra}
    env.pop("TACREF_DATA_DIR", None)
    # Buffered output, as a user has it: with PYTHONUNBUFFERED=1 a full disk showed
    # no "Exception ignored" at exit (see test_unbuffered_output_fails_the_same_way).
    if "PYTHONUNBUFFERED" not in extra:
        env.pop("PYTHONUNBUFFERED", None)
    return env


def shell(command: str, cache: str, **extra: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        command, shell=True, capture_output=True, text=True, env=env_for(cache, **extra), timeout=60
    )


@pytest.mark.parametrize("args", EVERY_OUTPUT)
def test_a_full_disk_is_one_line_and_exit_1(args: str, shared_cache: str) -> None:
    p = shell(f"{shlex.quote(tacref_exe())} {args} > /dev/full", shared_cache)
    assert (p.returncode, p.stderr) == (1, "tacref: cannot write output: No space left on device\n")


@pytest.mark.parametrize("args", ["", "--version", "--help", "show --help", "list --json"])
def test_closed_stdout_is_one_line_and_exit_1(args: str, shared_cache: str) -> None:
    p = shell(f"{shlex.quote(tacref_exe())} {args} >&-", shared_cache)
    assert (p.returncode, p.stderr) == (
        1,
        "tacref: cannot write output: standard output is closed\n",
    )


def test_unbuffered_output_fails_the_same_way(shared_cache: str) -> None:
    p = shell(f"{shlex.quote(tacref_exe())} list > /dev/full", shared_cache, PYTHONUNBUFFERED="1")
    assert (p.returncode, p.stderr) == (1, "tacref: cannot write output: No space left on device\n")


def test_python_dash_m_reports_a_full_disk_too(shared_cache: str) -> None:
    p = shell(f"{shlex.quote(sys.executable)} -m tacref show melasma > /dev/full", shared_cache)
    assert (p.returncode, p.stderr) == (1, "tacref: cannot write output: No space left on device\n")


def test_a_full_stderr_changes_no_exit_code(shared_cache: str) -> None:
    exe = shlex.quote(tacref_exe())
    assert shell(f"{exe} show nosuchthing 2> /dev/full", shared_cache).returncode == 1
    assert shell(f"{exe} list > /dev/full 2> /dev/full", shared_cache).returncode == 1
    assert shell(f"{exe} --bogus 2> /dev/full", shared_cache).returncode == 2


def test_an_empty_path_is_a_usage_error(tmp_path: Path) -> None:
    an_article(tmp_path)  # the working directory holds articles: '' must not mean it
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        for args in (["validate", ""], ["validate", "", "--json"], ["list", "--data-dir", ""]):
            r = run(*args)
            assert r.code == 2 and r.out == "", args
            assert r.err.startswith("tacref: Invalid value for ") and "''" in r.err, r.err
    finally:
        os.chdir(cwd)


LONG = [f"blorf{i}" for i in range(3000)]  # a 3,000-word question, ~26,000 characters


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["show"], 1),
        (["search"], 1),
        (["interactions"], 1),
        (["related"], 1),
        (["forms"], 1),
        (["side-effects"], 1),
        (["show", "vitiligo", "--section"], 2),
    ],
)
@pytest.mark.parametrize("split", [False, True])
def test_a_long_question_is_echoed_back_short(args: list[str], code: int, split: bool) -> None:
    words = LONG if split and args[0] in ("symptom", "search", "interactions") else [" ".join(LONG)]
    r = run(*args, *words)
    assert (r.code, r.out) == (code, "")
    assert r.err.count("\n") == 1 and len(r.err) < 1000, r.err
    assert "blorf0" in r.err  # (split, interactions says which agent it does not know)
    assert "blorf8" not in r.err  # ~60 characters of it, not the 200 that are looked up


# --- Ctrl-C ----------------------------------------------------------------------------


def interrupt(args: list[str], cache: str, when: str | float) -> tuple[int, str, str]:
    """Start tacref, send SIGINT when stderr reports the import of module ``when``
    (``-X importtime`` lines) or after ``when`` seconds; exit status and output."""
    extra = {"PYTHONPROFILEIMPORTTIME": "1"} if isinstance(when, str) else {}
    env = env_for(cache, **extra)
    p = subprocess.Popen(
        [tacref_exe(), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    seen: list[str] = []
    try:
        if isinstance(when, str):
            assert p.stderr is not None
            for line in p.stderr:
                seen.append(line)
                if line.rsplit("|", 1)[-1].strip() == when:
                    break
            else:
                raise AssertionError(f"{when} was never imported")
        else:
            time.sleep(when)
        p.send_signal(signal.SIGINT)
        out, err = p.communicate(timeout=30)
    finally:
        p.kill()
        p.wait()
    err = "".join(line for line in [*seen, *err.splitlines(True)] if "import time:" not in line)
    return p.returncode, out, err


# Modules imported in order: inside Typer's import, after it, the CLI imported but its
# boundary not yet entered, and inside the command (imported lazily there).
@pytest.mark.parametrize(
    "module", ["typer._click.core", "typer.main", "tacref.model", "tacref.cli", "tacref.views"]
)
def test_ctrl_c_at_any_point_of_start_up_is_interrupted_130(module: str, shared_cache: str) -> None:
    code, out, err = interrupt(["show", "vitiligo"], shared_cache, module)
    assert (code, out, err) == (130, "", "tacref: interrupted\n")


def test_ctrl_c_after_a_delay_never_gives_a_traceback(shared_cache: str) -> None:
    # How long until Python runs tacref's first line; before that only Python can answer.
    env = env_for(shared_cache)
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import re, sys, tacref"], env=env, timeout=60)
    ready = time.perf_counter() - start
    full = subprocess.run(
        [tacref_exe(), "show", "vitiligo"], env=env, capture_output=True, timeout=60
    ).stdout.decode()
    for extra in (0.01, 0.05, 0.1, 0.2):
        code, out, err = interrupt(["show", "vitiligo"], shared_cache, 2 * ready + extra)
        # interrupted, or finished before the signal came: never a traceback or -2
        assert (code, out, err) in ((130, "", "tacref: interrupted\n"), (0, full, "")), extra


@pytest.mark.parametrize("lang", ["en", "zh"])
@pytest.mark.parametrize("split", [False, True])
def test_a_too_long_symptom_question_is_refused_in_one_line(lang: str, split: bool) -> None:
    """Read whole or not at all: a cut could lose the red flag at its end."""
    r = run("symptom", "--lang", lang, *(LONG if split else [" ".join(LONG)]))
    assert (r.code, r.out) == (2, "")
    assert r.err.count("\n") == 1 and "longer than 2,000 characters" in r.err
    assert "blorf" not in r.err
