"""Bad input, hostile data and odd environments: a clean answer, never a traceback."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from conftest import run, run_real, run_shell
from tacref import context

VITILIGO = context.data_dirs(None)[0].path / "vitiligo.yaml"


def one_clean_line(err: str) -> None:
    assert err.startswith("tacref: ") and err.count("\n") == 1, err
    assert "\x1b" not in err and "Traceback" not in err


@pytest.mark.parametrize(
    "query",
    [
        "\x1b[2J\x1b[31mred",
        "\x1b]8;;http://evil.example\x1b\\click\x1b]8;;\x1b\\",
        "[bold red]lupus[/]",
        "[link=http://evil.example]x[/link]",
        "\u202eetilitiv",  # right-to-left override
        "ع" * 30,  # right-to-left text
        "🧴💊",
        "lupus\x00nephritis",
        "x" * 100_000,
    ],
)
def test_hostile_queries_get_one_clean_line(query: str) -> None:
    r = run("show", query)
    assert r.code == 1
    one_clean_line(r.err)
    assert len(r.err) < 500


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_empty_queries_are_usage_errors(query: str) -> None:
    for command in ("show", "side-effects", "related", "search"):
        r = run(command, query)
        assert r.code == 2, command
        one_clean_line(r.err)


def test_mixed_chinese_and_english_in_mixed_case() -> None:
    assert run("show", "白癜风", "-s", "summary").code == 0
    assert run("show", "sle", "-s", "summary").code == 0
    assert run("search", "TaCrOlImUs", "--json").code == 0
    assert run("search", "他克莫司 软膏", "--json").code == 0


def test_markup_in_a_query_is_not_interpreted() -> None:
    r = run("show", "[red]vitiligo[/red]")
    assert "[red]vitiligo[/red]" in r.err


def test_invalid_utf8_in_argv() -> None:
    p = subprocess.run(
        [sys.executable, "-m", "tacref", "show", os.fsdecode(b"vit\xff\xfe")],
        capture_output=True,
        timeout=60,
    )
    assert p.returncode == 1
    err = p.stderr.decode("utf-8")
    one_clean_line(err)
    assert "\ufffd" in err


def test_two_conditions_claiming_the_same_name_say_which(tmp_path: Path) -> None:
    data = yaml.safe_load(VITILIGO.read_text(encoding="utf-8"))
    data["id"] = "vitiligo-copy"
    data["related"] = []
    (tmp_path / "vitiligo-copy.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )
    r = run("show", "leucoderma", "-s", "summary", "--data-dir", str(tmp_path))
    assert r.code == 0 and r.out.startswith("Summary")  # the bundled article keeps its names
    v = run("validate", str(tmp_path))
    assert v.code == 1
    assert (
        f"{tmp_path / 'vitiligo-copy.yaml'}:2: name or alias 'leucoderma' is also used by"
        " 'vitiligo' (bundled), which keeps it\n" in v.out
    )


def article_with(tmp_path: Path, **changes: object) -> Path:
    data = yaml.safe_load(VITILIGO.read_text(encoding="utf-8"))
    data.update(changes)
    path = tmp_path / f"{data['id']}.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_user_articles_add_to_and_override_the_bundled_ones(tmp_path: Path) -> None:
    article_with(tmp_path, names={"en": "Vitiligo (my notes)", "zh": "白癜风（笔记）"})
    data = yaml.safe_load(VITILIGO.read_text(encoding="utf-8"))
    data.update(
        id="my-condition", names={"en": "My condition", "zh": "我的疾病"}, aliases=[], related=[]
    )
    (tmp_path / "my-condition.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )
    r = run("list", "--json", "--data-dir", str(tmp_path))
    ids = {c["id"]: c["name"] for c in __import__("json").loads(r.out)["conditions"]}
    assert ids["vitiligo"] == "Vitiligo (my notes)"
    assert "my-condition" in ids and "melasma" in ids
    env_run = run("show", "my condition", "-s", "summary", env={"TACREF_DATA_DIR": str(tmp_path)})
    assert env_run.code == 0


def test_invalid_user_files_are_reported_and_skipped(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    article_with(
        tmp_path,
        id="dangling",
        names={"en": "Dangling", "zh": "悬空"},
        aliases=[],
        related=[{"id": "nowhere", "why": {"en": "x", "zh": "x"}}],
    )
    r = run("show", "melasma", "-s", "summary", "--data-dir", str(tmp_path))
    assert r.code == 0 and r.out.startswith("Summary")
    assert (
        r.err == f"tacref: warning: 2 data problem(s) skipped; run 'tacref validate {tmp_path}'\n"
    )
    v = run("validate", str(tmp_path))
    assert v.code == 1
    assert f"{tmp_path / 'broken.yaml'}:2: YAML:" in v.out
    assert "related id 'nowhere' does not exist" in v.out


def test_validate_the_bundled_data_and_one_file(tmp_path: Path) -> None:
    r = run("validate")
    count = len(list((Path(__file__).parents[1] / "data" / "conditions").glob("*.yaml")))
    assert (r.code, r.out) == (0, f"ok: {count} articles, no problems\n")
    bad = article_with(tmp_path, status="cured")
    r = run("validate", str(bad))
    assert r.code == 1
    assert r.out.startswith(f"{bad}:")
    assert "status: must be one of: approved, off-label" in r.out
    assert run("validate", str(tmp_path / "missing")).code == 2


def test_validate_json(tmp_path: Path) -> None:
    import json

    bad = article_with(tmp_path, evidence="strong")
    data = json.loads(run("validate", str(bad), "--json").out)
    (problem,) = data["problems"]
    assert problem["path"] == str(bad) and problem["line"] > 0 and "evidence" in problem["message"]


@pytest.mark.parametrize("evil", ["[red]not markup[/red]", "[link=http://x]y[/link]"])
def test_markup_in_data_prints_literally(tmp_path: Path, evil: str) -> None:
    data = yaml.safe_load(VITILIGO.read_text(encoding="utf-8"))
    data["text"]["en"]["summary"] = f"Before {evil} after."
    (tmp_path / "vitiligo.yaml").write_text(
        yaml.safe_dump(data, allow_unicode=True), encoding="utf-8"
    )
    import re

    for color in ("never", "always"):
        r = run("show", "vitiligo", "-s", "summary", "--color", color, "--data-dir", str(tmp_path))
        assert evil in re.sub(r"\x1b\[[0-9;]*m", "", r.out), color


def test_renderers_neutralise_control_characters() -> None:
    from tacref import render_plain, views

    doc = [
        views.Title("T\x1b[2J"),
        views.Prose("a\x1b]8;;http://x\x07b"),
        views.Table(("h",), (("\x9b31m",),)),
    ]
    out = render_plain.render(doc)
    assert "\x1b" not in out and "\x07" not in out and "\x9b" not in out
    assert "\\x1b[2J" in out

    from rich.console import Console

    from tacref import render_rich

    console = Console(record=True, width=60, force_terminal=True)
    console.print(render_rich.render(doc))
    text = console.export_text()
    assert "\x1b[2J" not in text and "\x07" not in text


@pytest.mark.parametrize(
    "env",
    [
        {"LANG": "C", "LC_ALL": "C"},
        {"LC_ALL": "POSIX"},
        {"TERM": "dumb"},
        {"COLUMNS": "20"},
        {"COLUMNS": "300"},
    ],
)
def test_odd_environments(env: dict[str, str]) -> None:
    for args in (
        ["show", "白癜风", "--lang", "zh"],
        ["list"],
        ["side-effects", "lupus", "--color", "always"],
    ):
        p = run_real(*args, env=env)
        assert p.returncode == 0, (args, p.stderr)
        assert "Traceback" not in p.stderr


def test_stdout_closed_and_stdin_not_a_terminal() -> None:
    closed = run_shell(">&-", "list")
    assert closed.returncode == 1
    assert closed.stderr == "tacref: cannot write output: standard output is closed\n"
    p = run_real("list", stdin=subprocess.DEVNULL)
    assert p.returncode == 0


def test_the_completion_script_with_stdout_closed_is_an_error() -> None:
    p = run_shell(">&-", "--show-completion", "zsh")
    assert p.returncode == 1
    assert p.stderr == "tacref: cannot write output: standard output is closed\n"


def test_parallel_first_runs_share_the_cache(tmp_path: Path) -> None:
    env = {**os.environ, "TACREF_CACHE_DIR": str(tmp_path / "cache")}
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "tacref", "show", "lupus", "--json"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        for _ in range(4)
    ]
    results = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), [e for _, e in results]
    assert all(b'"id": "lupus"' in out for out, _ in results)
    assert len(list((tmp_path / "cache").glob("index-*.sqlite"))) == 1
    assert not list((tmp_path / "cache").glob(".index-*"))


def test_a_full_disk_while_building_still_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    import sqlite3

    from tacref import index

    real_build = index._build

    def full(conn: sqlite3.Connection, *args: object) -> sqlite3.Connection:
        if conn.execute("PRAGMA database_list").fetchone()[2]:  # a file, not :memory:
            raise sqlite3.OperationalError("database or disk is full")
        return real_build(conn, *args)

    monkeypatch.setattr(index, "_build", full)
    r = run("show", "lupus", "-s", "summary")
    assert r.code == 0 and r.out.startswith("Summary")


def test_a_duplicate_id_in_one_directory_is_reported(tmp_path: Path) -> None:
    first = article_with(
        tmp_path, id="twin", names={"en": "Twin", "zh": "双"}, aliases=[], related=[]
    )
    (tmp_path / "twin-copy.yaml").write_text(first.read_text(encoding="utf-8"), encoding="utf-8")
    r = run("validate", str(tmp_path))
    assert r.code == 1
    assert "id 'twin' must match the file name 'twin-copy'" in r.out
    assert run("show", "twin", "-s", "summary", "--data-dir", str(tmp_path)).code == 0


def test_a_damaged_value_in_the_index_is_repaired(isolated: Path) -> None:
    import sqlite3

    assert run("list").code == 0
    (built,) = isolated.glob("index-*.sqlite")
    with sqlite3.connect(built) as conn:
        conn.execute("UPDATE article SET category = 'xx', status = 'rovedhig' WHERE id = 'lupus'")
    conn.close()
    r = run("list")
    assert (r.code, r.err) == (0, "")
    assert "\nlupus\tLupus (systemic lupus erythematosus)\trheumatology\toff-label\t" in r.out


def test_a_missing_data_directory_is_a_usage_error(tmp_path: Path) -> None:
    r = run("list", "--data-dir", str(tmp_path / "nope"))
    assert r.code == 2 and "does not exist" in r.err
    r = run("show", "vitiligo", env={"TACREF_DATA_DIR": str(tmp_path / "nope")})
    assert r.code == 2
    empty = run("validate", str(tmp_path))
    assert empty.code == 1 and "no articles here" in empty.out


@pytest.mark.parametrize("how", ["option", "env"])
@pytest.mark.parametrize("special", ["fifo", "device", "link to a fifo"])
def test_a_data_directory_that_is_a_fifo_or_device_is_a_usage_error(
    tmp_path: Path, how: str, special: str
) -> None:
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    target = {"fifo": fifo, "device": Path(os.devnull), "link to a fifo": tmp_path / "link"}
    if special == "link to a fifo":
        target[special].symlink_to(fifo)
    path = str(target[special])
    args, env = (["--data-dir", path], None) if how == "option" else ([], {"TACREF_DATA_DIR": path})
    r = run_real("list", *args, env=env)  # a real process: opening the FIFO would block
    assert (r.returncode, r.stdout) == (2, "")
    assert r.stderr.count("\n") == 1 and f"{path!r} is not a directory" in r.stderr


def test_yml_files_are_articles_too(tmp_path: Path) -> None:
    path = article_with(
        tmp_path, id="my-yml", names={"en": "My yml", "zh": "我的"}, aliases=[], related=[]
    )
    path.rename(tmp_path / "my-yml.yml")
    assert run("show", "my-yml", "-s", "summary", "--data-dir", str(tmp_path)).code == 0


def test_an_ascii_only_output_gets_replacement_characters() -> None:
    p = run_real("side-effects", "vitiligo", "--lang", "zh", env={"PYTHONIOENCODING": "ascii"})
    assert p.returncode == 0 and "Traceback" not in p.stderr
    assert "?" in p.stdout


def test_an_id_beats_another_articles_alias_and_the_clash_is_blamed_on_the_newcomer(
    tmp_path: Path,
) -> None:
    path = article_with(
        tmp_path, id="mynew", names={"en": "My new", "zh": "新"}, aliases=["lupus"], related=[]
    )
    data = json.loads(run("show", "lupus", "--json", "--data-dir", str(tmp_path)).out)
    assert data["article"]["id"] == "lupus"
    v = run("validate", str(tmp_path))
    line = next(
        i
        for i, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "lupus" in text
    )
    assert f"{path}:{line}: name or alias 'lupus' is also used by 'lupus'" in v.out
    assert "data/conditions" not in v.out  # the bundled file is not blamed


# -- invisible characters in what a person types (attack review round 4, C5-d) ----------

# Unicode's default-ignorable code points, of every sort: soft hyphen, combining
# grapheme joiner, Arabic letter mark, Hangul fillers, Khmer vowels, Mongolian
# selectors, zero-width space/joiners, bidi marks and controls, word joiner and
# invisible operators, variation selectors, byte-order mark, shorthand format
# controls, musical formatting, tags.
IGNORABLE = [
    *"\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b\u180e\u200b\u200c\u200d\u200e\u200f",
    *"\u202a\u202e\u2060\u2061\u2064\u2065\u2066\u206f\u3164\ufe00\ufe0f\ufeff\uffa0\ufff0",
    *"\U0001bca0\U0001bca3\U0001d173\U0001d17a\U000e0001\U000e0041\U000e007f\U000e0100",
]


@pytest.mark.parametrize("ch", IGNORABLE)
def test_every_lookup_key_ignores_invisible_characters(ch: str) -> None:
    from tacref.names import normalize, symptom_key
    from tacref.sanitize import user_text

    for word in ("grapefruit", "chest pain", "胸痛", "Vitiligo"):
        for at in range(1, len(word)):
            typed = word[:at] + ch + word[at:]
            assert normalize(typed) == normalize(word)
            assert symptom_key(typed) == symptom_key(word)
            assert user_text(typed, 100) == word


@pytest.mark.parametrize(
    ("question", "tier"),
    [
        ("ches\u00adt pain", "emergency"),
        ("vom\u200citing blood", "emergency"),
        ("lips are bl\u2060ue", "emergency"),
        ("抽\u00ad搐", "emergency"),
        ("胸\u200b痛", "emergency"),
        ("\ufeffchest pa\U000e0041in", "emergency"),
    ],
)
def test_an_invisible_character_inside_a_symptom_hides_nothing(question: str, tier: str) -> None:
    r = run("symptom", question, "--json")
    assert r.code == 0, r.err
    assert json.loads(r.out)["tier"] == tier


@pytest.mark.parametrize("ch", ["\u00ad", "\u200b", "\u2060", "\ufeff", "\u200d"])
def test_an_invisible_character_inside_a_name_finds_the_card_or_article(ch: str) -> None:
    r = run("interactions", f"grape{ch}fruit", "--json")
    assert r.code == 0, r.err
    assert [c["id"] for c in json.loads(r.out)["interactions"]] == ["grapefruit"]
    s = run("show", f"vit{ch}iligo", "--json")
    assert s.code == 0 and json.loads(s.out)["article"]["id"] == "vitiligo", s.err
    f = run("search", f"vit{ch}iligo", "--json")
    assert f.code == 0 and json.loads(f.out)["results"][0]["id"] == "vitiligo", f.err


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize(
    ("redirect", "said"),
    [
        (">&-", "standard output is closed"),
        (">/dev/full", "No space left on device"),
    ],
)
def test_installing_completion_without_a_usable_stdout_is_an_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shell: str, redirect: str, said: str
) -> None:
    """As --show-completion does (attack review round 4, C5-c): it said nothing
    and exited 0, or worded a full disk differently."""
    if redirect == ">/dev/full" and not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    monkeypatch.setenv("HOME", str(tmp_path))  # where the shell's start-up files are
    p = run_shell(redirect, "--install-completion", shell)
    assert (p.returncode, p.stderr) == (1, f"tacref: cannot write output: {said}\n")
