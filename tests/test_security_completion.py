"""Shell completion never hands a shell a word it would expand or evaluate, and
names and aliases are one line of visible text.

An article `tacref validate` accepts may carry aliases such as "q\\" and
"q);true>FILE;ws=(": Typer's zsh completion output is evaluated twice with an
escape that misses the backslash, and bash word-splits and globs the candidates.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import time
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated

import pytest
import typer
from hypothesis import given
from hypothesis import strategies as st

from conftest import run, run_real, tacref_exe
from tacref import shellsafe, validate
from test_terminal import Terminal

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "conditions"
SAFE_ASCII = re.compile(r"[A-Za-z0-9_.+-]+")


def is_allowed(word: str) -> bool:
    """The allow-list, said independently of the code: letters, digits and marks
    of any script, and - _ . +; in ASCII nothing but [A-Za-z0-9_.+-]."""
    return bool(word) and all(
        SAFE_ASCII.fullmatch(ch)
        if ch.isascii()
        else unicodedata.category(ch)[0] in "LMN" and ch.isprintable()
        for ch in word
    )


def write_article(directory: Path, aliases: list[str], names: dict[str, str] | None = None) -> Path:
    """A bundled article, renamed (id quokka-rash), with these names and aliases
    written as double-quoted YAML (JSON's escapes: what a file can hide)."""
    directory.mkdir(parents=True, exist_ok=True)
    lines = (BUNDLED / "vitiligo.yaml").read_text(encoding="utf-8").splitlines(keepends=True)
    assert [line.split(":")[0] for line in lines[:3]] == ["id", "names", "aliases"]
    names = names or {"en": "Quokka rash", "zh": "短尾矮袋鼠疹"}
    lines[:3] = [
        "id: quokka-rash\n",
        f"names: {json.dumps(names)}\n",
        f"aliases: {json.dumps(aliases)}\n",
    ]
    path = directory / "quokka-rash.yaml"
    path.write_text("".join(lines), encoding="utf-8")
    return path


def hostile_aliases(marker: Path) -> list[str]:
    # 'q\' flips zsh's quoting so the next candidate's text runs as code, closed
    # by a longer one sorted after it; 'q*' is a glob to bash; "Quokka's" has a
    # quote, "quokkä;x" a non-ASCII letter with a semicolon.
    return [
        "q\\",
        "quokka-one",
        "quokka-two",
        f"q);true>{marker};ws=(",
        "q*",
        "Quokka's",
        "quokkä;x",
        "袋鼠疹",
        "q" + "z" * 200 + "\\",
    ]


@pytest.fixture(scope="module")
def hostile_built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One valid article whose aliases are hostile, its index built once (before any TAB)."""
    root = tmp_path_factory.mktemp("hostile")
    data = root / "data"
    write_article(data, hostile_aliases(root / "PWNED"))
    checked = run_real("validate", str(data), env={"TACREF_CACHE_DIR": str(root / "cache")})
    assert checked.returncode == 0, checked.stdout + checked.stderr  # the aliases are allowed
    env = {"TACREF_CACHE_DIR": str(root / "cache"), "TACREF_DATA_DIR": str(data)}
    assert run_real("list", env=env).returncode == 0
    return data


@pytest.fixture
def hostile(hostile_built: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """TACREF_DATA_DIR (and the cache) of ``hostile_built``; the marker must never appear."""
    monkeypatch.setenv("TACREF_DATA_DIR", str(hostile_built))
    monkeypatch.setenv("TACREF_CACHE_DIR", str(hostile_built.parent / "cache"))
    assert not (hostile_built.parent / "PWNED").exists()
    return hostile_built


def complete(shell: str, line: str) -> list[str]:
    """The candidates the console script hands ``shell`` for the command line ``line``."""
    word = "" if line.endswith(" ") else line.split()[-1]
    env = {**os.environ, "_TACREF_COMPLETE": f"complete_{shell}", "_TYPER_COMPLETE_ARGS": line}
    if shell == "bash":
        env |= {"COMP_WORDS": line, "COMP_CWORD": str(len(line.split()) - (word != ""))}
    elif shell == "fish":
        env["_TYPER_COMPLETE_FISH_ACTION"] = "get-args"
    elif shell == "powershell":
        env["_TYPER_COMPLETE_WORD_TO_COMPLETE"] = word
    p = subprocess.run([tacref_exe()], capture_output=True, text=True, env=env, timeout=60)
    assert p.returncode == 0, p.stderr
    return candidates(shell, p.stdout)


def candidates(shell: str, out: str) -> list[str]:
    """The words in a completion answer, as the shell's script reads them."""
    out = out.strip("\n")
    if shell == "zsh":
        if out == "_files":
            return []
        body = re.fullmatch(r"_arguments '\*: :\(\((.*)\)\)'", out, re.S)
        assert body, out
        items = body[1].split("\n")
        return [re.match(r'"((?:[^"\\]|\\.)*)"', item).group(1) for item in items]
    if shell == "fish":
        return [line.split("\t")[0] for line in out.splitlines()]
    if shell == "powershell":
        return [line.split(":::")[0] for line in out.splitlines()]
    return out.splitlines()


# --- what the shells are handed -------------------------------------------------------


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish", "powershell"])
def test_hostile_aliases_never_reach_any_shell(hostile: Path, shell: str) -> None:
    offered = complete(shell, "tacref show q")
    assert set(offered) == {"quokka-one", "quokka-two", "quokka-rash"}
    assert complete(shell, "tacref show 袋") == ["袋鼠疹"]  # a Chinese alias is a safe word
    # "Quokka's" and "quokkä;x" are not words a shell leaves alone: their article's id instead
    assert set(complete(shell, "tacref show quokk")) == {"quokka-rash", "quokka-one", "quokka-two"}


def test_a_name_that_is_not_a_safe_word_is_offered_only_as_an_id_that_fits(
    hostile: Path,
) -> None:
    # "Quokka's" matches the key 'quokkas', but its id does not start with "Quokka":
    # a completion that replaced what was typed with another word would surprise
    assert complete("bash", "tacref show Quokka") == []
    assert complete("bash", "tacref show quokka-r") == ["quokka-rash"]


def test_a_character_the_terminal_cannot_show_is_not_offered_as_a_question_mark(
    hostile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Latin-1 output cannot hold Chinese: Python writes "??", which bash globs
    monkeypatch.setenv("PYTHONIOENCODING", "latin-1")
    offered = complete("bash", "tacref show v")  # bundled names: past 100, "" stops short
    assert offered and "vitiligo" in offered
    assert all(is_allowed(word) and word.isascii() for word in offered)


def test_every_completion_passes_the_shell_guard_even_a_callback_that_forgets() -> None:
    """A future completion (product names...) that returns raw data still cannot
    hand the shell an unsafe word: the shells' completion classes drop it."""
    from typer.testing import CliRunner

    from tacref.cli import _new_app

    app = _new_app()

    def careless(incomplete: str) -> list[str]:
        return ["p-ok", "p\\", "p;touch", "p*", "p$(x)", "p`x`", "p'x", 'p"x', "p:x", "p x"]

    @app.command()
    def product(name: Annotated[str, typer.Argument(autocompletion=careless)]) -> None:
        pass

    @app.command()
    def other() -> None:
        pass

    line = {"_TYPER_COMPLETE_ARGS": "tacref product p"}
    for shell, env in (
        ("bash", {"COMP_WORDS": "tacref product p", "COMP_CWORD": "2"}),
        ("zsh", line),
        ("fish", {**line, "_TYPER_COMPLETE_FISH_ACTION": "get-args"}),
        ("powershell", {**line, "_TYPER_COMPLETE_WORD_TO_COMPLETE": "p"}),
    ):
        result = CliRunner().invoke(
            app, [], prog_name="tacref", env={"_TACREF_COMPLETE": f"complete_{shell}", **env}
        )
        assert result.exit_code == 0, result.output
        assert candidates(shell, result.stdout) == ["p-ok"], (shell, result.stdout)


def test_help_text_next_to_a_candidate_cannot_break_out_of_zsh_quotes() -> None:
    from typer._click.shell_completion import CompletionItem

    items = shellsafe.safe_items([CompletionItem("ok", help='a\\" $(x) `y` done')], "utf-8")
    assert [(i.value, i.help) for i in items] == [("ok", "a    (x)  y  done")]


def test_section_names_still_complete_through_the_filter(hostile: Path) -> None:
    offered = complete("bash", "tacref show lupus --section ")
    assert "daily-care" in offered and all(is_allowed(word) for word in offered)


# --- the filter itself ----------------------------------------------------------------


@given(st.lists(st.text()))
def test_whatever_goes_in_only_allowed_words_come_out(texts: list[str]) -> None:
    for encoding in ("utf-8", "gbk", "latin-1"):
        out = shellsafe.safe_candidates(texts, encoding)
        assert all(is_allowed(word) for word in out)
        assert len(out) == len(set(out)) and set(out) <= set(texts)
        for word in out:  # in GBK a Chinese character may end in the byte of "\" or "`"
            encoded = word.encode(encoding)
            assert sum(b < 0x80 for b in encoded) == sum(ch.isascii() for ch in word)


letters_and_digits = st.characters(categories=["Lu", "Ll", "Lo", "Nd"])


@given(st.text(alphabet=letters_and_digits, min_size=1), st.sampled_from(["", "-", "_", ".", "+"]))
def test_names_in_any_script_are_kept(word: str, punct: str) -> None:
    assert shellsafe.safe_candidates([word + punct + word], "utf-8") == [word + punct + word]


@pytest.mark.parametrize(
    "word",
    ["q\\", "a b", "a\tb", "a\nb", "*", "a?", "[ab]", "~root", "$HOME", "`id`", "a;b", "a|b",
     "a&b", "a>b", "a<b", "(a)", "{a,b}", "a'b", 'a"b', "a:b", "a=b", "a#b", "a!b", "a^b",
     "a%b", "a@b", "a,b", "a/b", "a\u200bb", "a\u202eb", "a\u2028b", "a\u3000b", "a\u2019b",
     "a\u201cb", "a\u2013b", "a\uff04b", ""],
)  # fmt: skip
def test_words_a_shell_treats_specially_are_dropped(word: str) -> None:
    assert shellsafe.safe_candidates([word], "utf-8") == []


# --- names and aliases are one line ---------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "char"),
    [
        ("names.en", "Quokka\nrash", "U+000A"),
        ("names.en", "Quokka\trash", "U+0009"),
        ("names.zh", "短尾\u2028矮袋鼠疹", "U+2028"),
        ("names.zh", "短尾\u2029矮袋鼠疹", "U+2029"),
        ("aliases[0]", "quokka\u200bitch", "U+200B"),
        ("aliases[0]", "quokka\u200ditch", "U+200D"),
        ("aliases[0]", "quokka\u202eitch", "U+202E"),
        ("aliases[0]", "quokka\u2066itch", "U+2066"),
        ("aliases[0]", "quokka\x85itch", "U+0085"),
        ("aliases[0]", "quokka\x1b[31mitch", "U+001B"),
        ("aliases[0]", "quokka\ufeffitch", "U+FEFF"),
        ("aliases[0]", "quokka\ritch", "U+000D"),
    ],
)
def test_names_and_aliases_must_be_one_line_of_visible_text(
    tmp_path: Path, field: str, value: str, char: str
) -> None:
    names = {"en": "Quokka rash", "zh": "短尾矮袋鼠疹"}
    aliases = ["quokka-itch"]
    if field.startswith("names."):
        names[field[6:]] = value
    else:
        aliases = [value]
    path = write_article(tmp_path / "data", aliases, names)
    r = run("validate", str(path.parent))
    assert r.code == 1
    lines = r.out.splitlines()
    assert len(lines) == 1, r.out  # one problem, said once (not also "control character")
    assert re.fullmatch(
        rf"{re.escape(str(path))}:\d+: {re.escape(field)}: must be one line of visible text: "
        rf"{re.escape(char)} \(.+\) is not allowed here",
        lines[0],
    ), lines[0]


def test_visible_names_in_any_script_stay_valid(tmp_path: Path) -> None:
    names = {"en": "Quokka rash (Behçet\u2019s type)", "zh": "短尾矮袋鼠疹\u3000甲型"}
    path = write_article(tmp_path / "data", ["q-rash", "Ψ-rash", "क्वोका"], names)
    assert run("validate", str(path.parent)).code == 0


def test_the_rule_is_a_helper_other_kinds_of_data_can_call() -> None:
    brands = {"en": ["Protopic", "Pro\ntopic"], "zh": "普特彼"}
    found = list(validate.single_line(brands, ("brands",)))
    assert [where for where, _ in found] == [("brands", "en", 1)]
    assert "U+000A" in found[0][1]


def test_a_name_from_the_data_cannot_add_a_line_to_stderr(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # suggestions name aliases: one with a newline used to write a second stderr line
    write_article(tmp_path / "data", ["Quokkas\nFAKE: run this"])
    monkeypatch.setenv("TACREF_DATA_DIR", str(tmp_path / "data"))
    r = run("show", "quokkasfake:runthi")
    assert r.code == 1
    assert r.err.splitlines() and all(line.startswith("tacref: ") for line in r.err.splitlines())


# --- in a real shell (tmux) -----------------------------------------------------------

needs_tmux = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def start_shell(tmp_path: Path, shell: str) -> Iterator[Terminal]:
    """``shell`` in tmux, in a directory holding a file the glob 'q*' would find,
    with tacref's completion script for it loaded; ends when the test does."""
    script = tmp_path / f"completion.{shell}"
    source = run_real(env={"_TACREF_COMPLETE": f"source_{shell}"})
    assert source.returncode == 0, source.stderr
    script.write_text(source.stdout)
    work = tmp_path / "work"
    work.mkdir()
    (work / "qglob-expanded").touch()
    env = {
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "TACREF_CACHE_DIR": os.environ["TACREF_CACHE_DIR"],
        "TACREF_DATA_DIR": os.environ["TACREF_DATA_DIR"],
        "LANG": "C.UTF-8",
    }
    exports = " ".join(f"{k}='{v}'" for k, v in env.items())
    start = "bash --norc --noprofile" if shell == "bash" else "zsh -f"
    t = Terminal(f"tacref-sec-{os.getpid()}-{time.monotonic_ns()}")
    t.tmux(
        "new-session", "-d", "-s", "t", "-x", "120", "-y", "30", "-c", str(work),
        f"env -i HOME='{tmp_path}' TERM=xterm-256color {exports} {start}",
    )  # fmt: skip
    setup = f"PS1='$ '; source '{script}'"
    if shell == "zsh":
        setup = f"PS1='$ '; autoload -U compinit && compinit -u -D; source '{script}'"
    try:
        t.type(setup, "Enter")
        t.type("clear; echo READY-$((40+2))", "Enter")
        t.wait_for(r"(?m)^READY-42")
        yield t
    finally:
        subprocess.run(["tmux", "-L", t.socket, "kill-server"], capture_output=True, check=False)


@pytest.fixture
def bash_term(tmp_path: Path, hostile: Path) -> Iterator[Terminal]:
    yield from start_shell(tmp_path, "bash")


@pytest.fixture
def zsh_term(tmp_path: Path, hostile: Path) -> Iterator[Terminal]:
    if shutil.which("zsh") is None:
        pytest.skip("zsh is not installed")
    yield from start_shell(tmp_path, "zsh")


def press_tab_on_hostile_names(t: Terminal, marker: Path) -> None:
    t.type("tacref show q", "Tab")
    t.wait_for(r"\$ tacref show quokka-")  # the safe candidates' common prefix
    t.type("Tab", "Tab")
    listing = t.wait_for(r"quokka-two")  # TAB TAB lists them
    assert "quokka-one" in listing and "quokka-rash" in listing
    for hostile in ("qglob-expanded", "zzz", "true>", "q\\", "q*", "Quokka's"):
        assert hostile not in listing, listing
    assert not marker.exists(), "a command in an alias ran"
    t.type("C-c")
    t.type("clear; echo ALIVE-$((6*7))", "Enter")  # the shell still answers
    t.wait_for(r"(?m)^ALIVE-42")
    t.type("tacref show quokka-r", "Tab")
    t.wait_for(r"\$ tacref show quokka-rash")
    t.type("C-c")
    assert not marker.exists()


@needs_tmux
def test_tab_in_bash_offers_only_safe_names(bash_term: Terminal, hostile: Path) -> None:
    press_tab_on_hostile_names(bash_term, hostile.parent / "PWNED")


@needs_tmux
def test_tab_in_zsh_runs_nothing_from_the_data(zsh_term: Terminal, hostile: Path) -> None:
    press_tab_on_hostile_names(zsh_term, hostile.parent / "PWNED")
