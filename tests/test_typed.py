"""Issue 20 §4: what a person types works. Names without quotes, a name where a
command goes, options before the command, filters as the tables print them,
``--color never`` on a terminal, categories that have articles, coloured statuses."""

import json
import os
import pty
import subprocess
from pathlib import Path

import pytest

from conftest import run, run_real, tacref_exe
from tacref import queries, terminal
from tacref.argv import hoisted
from tacref.model import Summary

# -- Several words without quotes -------------------------------------------------------


@pytest.mark.parametrize(
    ("command", "first_line"),
    [
        ("show", "Lupus nephritis (狼疮性肾炎)"),
        ("side-effects", "Lupus nephritis: Side effects"),
        ("related", "Lupus nephritis: Related conditions"),
    ],
)
def test_a_name_of_several_words_needs_no_quotes(command: str, first_line: str) -> None:
    r = run(command, "lupus", "nephritis")
    assert r.code == 0, r.err
    assert r.out.splitlines()[0] == first_line
    assert r.out == run(command, "lupus nephritis").out


def test_options_still_follow_an_unquoted_name() -> None:
    r = run("show", "kidney", "transplant", "--section", "urgent", "--json")
    assert r.code == 0
    data = json.loads(r.out)
    assert (data["id"], data["section"]) == ("kidney-transplant", "urgent")


def test_the_next_word_of_a_name_completes() -> None:
    env = {"_TACREF_COMPLETE": "complete_bash", "COMP_WORDS": "tacref show lupus ne"}
    p = run_real(env={**env, "COMP_CWORD": "3"})
    assert p.stdout.split() == ["nephritis"]


# -- A name where a command goes ----------------------------------------------------


@pytest.mark.parametrize(
    ("args", "hint"),
    [
        (["vitiligo"], "tacref show vitiligo"),
        (["vitilgo"], "tacref show vitiligo"),  # a misspelling: the name it is one of
        (["lupus", "nephritis"], "tacref show lupus nephritis"),
        (["Prograf"], "tacref forms Prograf"),
        (["fluconazole"], "tacref interactions fluconazole"),
    ],
)
def test_a_name_typed_as_a_command_says_which_command(args: list[str], hint: str) -> None:
    r = run(*args)
    assert (r.code, r.out) == (2, "")
    assert r.err == f"tacref: {args[0]!r} is not a command; did you mean: {hint}?\n"


def test_a_word_that_names_nothing_is_still_no_such_command() -> None:
    r = run("nosuchcommand")
    assert r.code == 2
    assert r.err == "tacref: No such command 'nosuchcommand'; see 'tacref --help'\n"


def test_a_real_process_says_it_too() -> None:
    p = run_real("白癜风")  # a Chinese word is answered in Chinese (issue 21)
    assert p.returncode == 2
    assert p.stderr == "tacref: “白癜风”不是命令；是不是想输入“tacref show 白癜风”？\n"


# -- Options before the command -----------------------------------------------------


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--lang", "zh", "list"], ["list", "--lang", "zh"]),
        (["--lang=zh", "--json", "show", "x"], ["show", "--lang=zh", "--json", "x"]),
        (
            ["-l", "zh", "--no-pager", "related", "SLE"],
            ["related", "-l", "zh", "--no-pager", "SLE"],
        ),
        (["--data-dir", "d", "list", "--json"], ["list", "--data-dir", "d", "--json"]),
        (["list", "--lang", "zh"], ["list", "--lang", "zh"]),
        (["--version"], ["--version"]),
        (["--help", "list"], ["--help", "list"]),
        (["--lang", "zh"], ["--lang", "zh"]),  # no command: Typer says what is wrong
        (["--lang"], ["--lang"]),
    ],
)
def test_shared_options_move_after_the_command(args: list[str], expected: list[str]) -> None:
    assert hoisted(args) == expected


def test_options_before_the_command_work() -> None:
    zh = run("--lang", "zh", "list")
    assert zh.code == 0 and zh.out == run("list", "--lang", "zh").out
    assert zh.out.startswith("id\t疾病\t")
    data = json.loads(run("--json", "show", "vitiligo").out)
    assert data["article"]["id"] == "vitiligo"


def test_options_before_the_command_in_a_real_process() -> None:
    p = run_real("--lang", "zh", "--json", "show", "vitiligo")
    assert p.returncode == 0, p.stderr
    assert json.loads(p.stdout)["article"]["id"] == "vitiligo"
    assert run_real("--color", "never", "list").stdout == run_real("list").stdout


def test_completion_after_options_before_the_command() -> None:
    env = {"_TACREF_COMPLETE": "complete_bash", "COMP_WORDS": "tacref --lang zh show vit"}
    p = run_real(env={**env, "COMP_CWORD": "4"})
    assert "vitiligo" in p.stdout.split()


# -- Filters as the tables print them -----------------------------------------------


def ids(*args: str) -> set[str]:
    r = run("list", *args, "--json")
    assert r.code in (0, 1), r.err
    return {c["id"] for c in json.loads(r.out)["conditions"]}


@pytest.mark.parametrize(
    ("typed", "same_as"),
    [
        (["--form", "ointment"], ["--form", "topical"]),
        (["--form", "Ointment 0.1%"], ["--form", "ointment-0.1"]),
        (["--form", "oral/IV"], ["--form", "systemic"]),
        (["--form", "软膏"], ["--form", "topical"]),
        (["--category", "Dermatology"], ["--category", "dermatology"]),
        (["--category", "皮肤科"], ["--category", "dermatology"]),
        (["--status", "a known side effect"], ["--status", "adverse-effect"]),
        (["--status", "No Established Role"], ["--status", "no-established-role"]),
        (["--status", "OFF-LABEL"], ["--status", "off-label"]),
    ],
)
def test_a_filter_takes_what_the_tables_print_in_any_case(
    typed: list[str], same_as: list[str]
) -> None:
    found = ids(*typed)
    assert found and found == ids(*same_as)


def test_oral_means_the_forms_taken_by_mouth() -> None:
    oral = ids("--form", "oral")
    assert "kidney-transplant" in oral and "vitiligo" not in oral
    assert oral == ids("--form", "capsule", "--form", "extended-release", "--form", "granules")


def test_repeated_values_of_a_filter_combine() -> None:
    both = ids("--status", "approved", "--status", "off-label")
    assert both == ids("--status", "approved") | ids("--status", "off-label")
    assert ids("--status", "approved") < both


def test_side_effects_and_interactions_filters_too() -> None:
    ointment = json.loads(run("side-effects", "vitiligo", "--form", "Ointment", "--json").out)
    topical = json.loads(run("side-effects", "vitiligo", "--form", "topical", "--json").out)
    assert ointment == topical
    avoid = run("interactions", "--severity", "AVOID", "--json")
    assert avoid.code == 0
    assert {i["severity"] for i in json.loads(avoid.out)["interactions"]} == {"avoid"}


def test_a_value_that_names_nothing_lists_the_choices() -> None:
    r = run("list", "--status", "cured")
    assert r.code == 2
    assert "'cured' is not a status; choose from approved, off-label" in r.err
    assert r.err.count("\n") == 1


@pytest.mark.parametrize(
    ("typed", "heading"),
    [
        ("side effects", "Side effects"),
        ("urgent", "When to get urgent help"),
        ("紧急", "When to get urgent help"),
        ("When to get urgent help", "When to get urgent help"),
        ("Questions people ask", "Questions people ask"),
        ("常见问题", "Questions people ask"),
        ("daily care", "Daily care"),
    ],
)
def test_a_section_by_the_heading_people_see(typed: str, heading: str) -> None:
    r = run("show", "vitiligo", "--section", typed)
    assert r.code == 0, r.err
    first = r.out.splitlines()[0]  # the urgent heading is marked: "⚠ URGENT: When ..."
    assert first == heading or first == f"⚠ URGENT: {heading}"


def test_show_help_lists_the_sections() -> None:
    out = " ".join(run("show", "--help").out.split())
    for name in ("summary", "daily-care", "urgent", "side-effects", "sources", "紧急"):
        assert name in out


# -- --color never on a terminal ----------------------------------------------------


class FakeTerminal:
    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        raise OSError


def test_color_never_keeps_the_terminal_layout_and_pager() -> None:
    env = {"PAGER": "less", "COLUMNS": "80"}
    never = terminal.detect(FakeTerminal(), "never", True, env)  # type: ignore[arg-type]
    no_color = terminal.detect(FakeTerminal(), "auto", True, {**env, "NO_COLOR": "1"})  # type: ignore[arg-type]
    assert never == no_color
    assert never.pretty and not never.color and never.width == 80
    assert never.pager == terminal.choose_pager(env)


def test_color_never_in_a_real_terminal_has_the_layout_and_no_colour(tmp_path: Path) -> None:
    main, child = pty.openpty()
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm-256color"}
    with subprocess.Popen(
        [tacref_exe(), "side-effects", "lupus", "--color", "never", "--no-pager"],
        stdout=child,
        stderr=subprocess.DEVNULL,
        env=env,
    ) as proc:
        os.close(child)
        out = b""
        while True:
            try:
                chunk = os.read(main, 65536)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        proc.wait(timeout=60)
    os.close(main)
    text = out.decode()
    # the terminal's layout (a table, or a card per row where the table would be
    # taller), not the piped tab-separated one
    assert "\t" not in text and ("─" in text or "  Frequency: " in text)
    assert "\x1b[" not in text


# -- categories and list -------------------------------------------------------------


class FewArticles:
    def summaries(self) -> list[Summary]:
        return [
            Summary("a", {"en": "A"}, "dermatology", "approved", "high", ()),
            Summary("b", {"en": "B"}, "eye", "approved", "high", ()),
        ]


def test_categories_lists_only_what_has_articles() -> None:
    by_category, by_status = queries.counts(FewArticles())  # type: ignore[arg-type]
    assert by_category == {"dermatology": 1, "eye": 1}
    assert by_status == {"approved": 2}


def test_list_colours_statuses_as_show_does() -> None:
    out = run("list", "--color", "always", env={"COLUMNS": "200"}).out
    assert "\x1b[1;32mapproved" in out  # bold green, as show's status line
    assert "\x1b[1;31ma known side effect" in out
    assert "\x1b[1;33moff-label" in out
    shown = run("show", "vitiligo", "--color", "always").out
    assert "\x1b[1;33moff-label" in shown
