"""Behaving like a Unix tool: completion, pager choice, formats, categories."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run, run_real, run_shell
from tacref import terminal


def complete(shell: str, words: str, cword: int | None = None) -> str:
    env = {"_TACREF_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        env |= {
            "COMP_WORDS": words,
            "COMP_CWORD": str(cword if cword is not None else len(words.split()) - 1),
        }
    else:
        env |= {"_TYPER_COMPLETE_ARGS": words, "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    p = subprocess.run(
        [sys.executable, "-m", "tacref"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**__import__("os").environ, **env},
    )
    assert p.returncode == 0, p.stderr
    return p.stdout


def test_bash_completes_condition_names() -> None:
    assert complete("bash", "tacref show vit").split("\n")[0] == "vitiligo"


def test_completion_knows_chinese_names_and_aliases() -> None:
    out = complete("zsh", "tacref show 白")
    assert "白癜风" in out and "白驳风" in out
    assert "SLE" in complete("fish", "tacref side-effects SL")


def test_completion_of_option_values() -> None:
    assert set(complete("bash", "tacref list --status ", 3).split()) == {
        "approved",
        "off-label",
        "investigational",
        "no-established-role",
        "adverse-effect",
    }
    assert "dermatology" in complete("bash", "tacref list --category derm", 3)
    assert set(complete("bash", "tacref show lupus --lang z", 4).split()) == {
        "zh",
        "zh-Hans",
        "zh-Hant",
        "zh-TW",
        "zh-HK",
    }
    assert "daily-care" in complete("bash", "tacref show lupus --section d", 4)


def test_completion_of_command_names_sees_every_command() -> None:
    # completion builds only the typed command; a command name being typed needs all
    assert set(complete("bash", "tacref s", 1).split()) >= {"show", "side-effects", "search"}
    assert "show" in complete("zsh", "tacref sh")
    assert "--section" in complete("bash", "tacref show x --", 3).split()


def test_completion_never_offers_words_with_spaces() -> None:
    assert all(" " not in line for line in complete("bash", "tacref show a").splitlines())


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
def test_completion_script_of_each_shell(shell: str) -> None:
    # what the scripts themselves ask for; --show-completion picks the shell it runs in
    p = subprocess.run(
        [sys.executable, "-m", "tacref"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "_TACREF_COMPLETE": f"source_{shell}"},
    )
    assert p.returncode == 0
    assert f"complete_{shell}" in p.stdout


def test_show_completion_prints_the_script_of_the_shell_it_runs_in() -> None:
    command = subprocess.list2cmdline([sys.executable, "-m", "tacref", "--show-completion"])
    # "; exit": bash stays the parent instead of exec-ing the command
    p = subprocess.run(["bash", "-c", command + "; exit $?"], capture_output=True, text=True)
    assert p.returncode == 0
    assert "complete_bash" in p.stdout


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({}, "less"),
        ({"PAGER": "less -S"}, "less -S"),
        ({"PAGER": "less", "TACREF_PAGER": "sed -n p"}, "sed -n p"),
        ({"PAGER": "no-such-pager-here"}, None),
        ({"PAGER": ""}, None),
        ({"PAGER": "cat"}, None),
        ({"TACREF_PAGER": "", "PAGER": "less"}, None),
        ({"TERM": "dumb"}, None),
    ],
)
def test_pager_choice(env: dict[str, str], expected: str | None) -> None:
    assert terminal.choose_pager(env) == expected


class FakeTTY:
    def __init__(self, tty: bool) -> None:
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_pager_only_for_a_terminal_and_not_with_no_pager() -> None:
    assert terminal.detect(FakeTTY(True), env={}).pager == "less"
    assert terminal.detect(FakeTTY(False), env={}).pager is None
    assert terminal.detect(FakeTTY(True), page=False, env={}).pager is None
    assert terminal.detect(FakeTTY(False), "always", env={}).pager is None
    assert terminal.detect(FakeTTY(True), env={"NO_COLOR": "1", "COLUMNS": "90"}) == (
        terminal.Style(True, False, "less", 90)
    )


def test_markdown_export() -> None:
    r = run("show", "lupus", "--format", "markdown")
    assert r.code == 0
    assert r.out.startswith("# Lupus (systemic lupus erythematosus) (系统性红斑狼疮)\n")
    assert "\n## ⚠ URGENT: When to get urgent help\n" in r.out
    assert "\n> **⚠ URGENT: signs that need help at once: see" in r.out
    assert (
        "\n| Effect | Frequency | Form | Serious | What to do |\n|---|---|---|---|---|\n" in r.out
    )
    assert "> General information, not medical advice." in r.out


def test_html_export_is_one_escaped_standalone_page() -> None:
    r = run("show", "白癜风", "--format", "html", "--lang", "zh")
    assert r.out.startswith('<!DOCTYPE html>\n<html lang="zh-Hans">')
    assert '<h2 class="urgent">⚠ 紧急：何时需要紧急就医</h2>' in r.out and "<script" not in r.out
    assert r.out.rstrip().endswith("</html>")


def test_format_json_equals_json_flag() -> None:
    assert run("show", "melasma", "--format", "json").out == run("show", "melasma", "--json").out


def test_categories_with_counts() -> None:
    data = json.loads(run("categories", "--json").out)
    rows = json.loads(run("list", "--json").out)["conditions"]
    dermatology = sum(c["category"] == "dermatology" for c in rows)
    assert data["categories"]["dermatology"] == dermatology >= 4
    assert data["statuses"] == {
        s: sum(c["status"] == s for c in rows)
        for s in (
            "approved",
            "off-label",
            "investigational",
            "no-established-role",
            "adverse-effect",
        )
    }
    assert sum(data["statuses"].values()) == len(rows)
    assert f"dermatology\t{dermatology}" in run("categories").out


def test_every_help_has_examples() -> None:
    for command in ("list", "show", "side-effects", "related", "search", "categories", "validate"):
        out = run(command, "--help").out
        assert "Examples:" in out and f"tacref {command}" in out, command


def test_chinese_tables_stay_aligned_on_a_terminal() -> None:
    from rich.cells import cell_len
    from rich.console import Console

    from tacref import context, queries, render_rich, views

    index = context.load()
    console = Console(record=True, width=90, force_terminal=True, file=__import__("io").StringIO())
    console.print(
        render_rich.render(views.condition_list(queries.list_conditions(index, "zh"), "zh"))
    )
    lines = [line for line in console.export_text().splitlines() if line.strip()]
    assert len({cell_len(line) for line in lines}) == 1
    assert any("白癜风" in line for line in lines)


def test_dumb_terminal_gets_words_not_colours() -> None:
    from tacref.terminal import detect

    style = detect(FakeTTY(True), env={"TERM": "dumb"})
    assert style.pretty and not style.color and style.pager is None


def test_less_always_gets_raw_colours() -> None:
    assert terminal._less_options({}) == "FRX"
    assert terminal._less_options({"LESS": "-i"}) == "-i -R"
    assert terminal._less_options({"LESS": "FRX"}) == "FRX"


def test_search_snippets_show_the_whole_word_that_matched() -> None:
    r = run("search", "encephalopathy")  # not "PRES": Porter stems it to "pre" ("pre-cancer")
    lines = [line for line in r.out.splitlines() if line.startswith("  ")]
    assert lines and all("encephalopathy" in line.lower() for line in lines)


def test_conflicting_formats_and_sections_that_say_what_they_are_about() -> None:
    assert run("show", "vitiligo", "--json", "--format", "markdown").code == 2
    md = run("show", "lupus", "-s", "urgent", "-f", "markdown").out
    assert md.startswith("# Lupus (systemic lupus erythematosus)\n")
    assert (
        "<title>Lupus nephritis</title>"
        in run("show", "lupus nephritis", "-s", "faq", "-f", "html").out
    )


def test_search_with_no_results_suggests_a_spelling() -> None:
    r = run("search", "vitilgo")
    assert r.code == 1 and r.err == "tacref: nothing matches 'vitilgo'; did you mean: vitiligo?\n"


def test_narrow_terminals_get_one_record_per_row() -> None:
    out = run("side-effects", "vitiligo", "--color", "always", env={"COLUMNS": "40"}).out
    assert "Form: ointment" in out.replace("\x1b[2m", "").replace("\x1b[0m", "")
    wide = run("side-effects", "vitiligo", "--color", "always", env={"COLUMNS": "120"}).out
    assert "─" in wide and "Form: ointment" not in wide


def test_an_empty_list_says_so() -> None:
    r = run("list", "--category", "eye", "--status", "adverse-effect")
    assert (r.code, r.out) == (1, "")
    assert r.err.startswith("tacref: no condition matches these filters")
    empty = run("list", "--category", "eye", "--status", "adverse-effect", "--json")
    assert json.loads(empty.out)["conditions"] == []


def test_chinese_bullets_fold_under_their_bullet_and_lose_nothing() -> None:
    import re

    out = run(
        "show", "白癜风", "--lang", "zh", "-s", "urgent", "--color", "always", env={"COLUMNS": "60"}
    ).out
    text = re.sub(r"\x1b\[[0-9;]*m", "", out)
    text = re.sub(r"(?m)^┃ | *┃ *$", "", text)  # inside the urgent section's frame
    assert "…" not in text
    assert "\n• " in text and "\n- " not in text and not re.search(r"(?m)^-\s*$", text)


def test_bilingual_article_side_by_side() -> None:
    import re

    plain = run("show", "vitiligo", "--bilingual", "-s", "urgent").out
    assert plain.index("When to get urgent help") < plain.index("何时需要紧急就医")
    asked_in_chinese = run("show", "白癜风", "--bilingual", "-s", "urgent").out  # issue 21
    assert asked_in_chinese.index("何时需要紧急就医") < asked_in_chinese.index("When to get")
    assert "not medical advice" in plain and "不能代替医疗建议" in plain
    wide = run("show", "vitiligo", "-b", "--color", "always", env={"COLUMNS": "140"}).out
    line = next(x for x in re.sub(r"\x1b\[[0-9;]*m", "", wide).splitlines() if "Summary" in x)
    assert "摘要" in line  # the two languages share a line
    assert "…" not in re.sub(r"\x1b\[[0-9;]*m", "", wide)
    html = run("show", "vitiligo", "-b", "-f", "html").out
    assert '<div class="bilingual"><div lang="en">' in html and "<title>Vitiligo</title>" in html


def test_a_completion_request_without_the_shells_words_is_quiet_and_keeps_the_cache(
    isolated: Path,
) -> None:
    assert run_real("list").returncode == 0
    built = sorted(isolated.glob("index-*"))
    p = run_real(env={"_TACREF_COMPLETE": "complete_bash"})  # no COMP_WORDS
    assert (p.returncode, p.stdout, p.stderr) == (1, "", "")
    assert sorted(isolated.glob("index-*")) == built


@pytest.mark.cold_cache
@pytest.mark.parametrize("args", [("list",), ("show", "vitiligo"), ("symptom", "blue", "lips")])
def test_a_closed_stderr_still_answers(args: tuple[str, ...]) -> None:
    # a cron job or daemon with fd 2 closed: the build's progress line had nowhere to go
    p = run_shell("2>&-", *args)
    assert p.returncode == 0 and p.stdout
