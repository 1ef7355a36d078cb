"""The installed console script as a real process: what a shell user gets."""

import json
import os
import subprocess
import sys
from unittest import mock

import pytest

from conftest import run_real, run_shell


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["list"], "vitiligo"),
        (["show", "melasma"], "Melasma"),
        (["side-effects", "lupus"], "This table covers"),
        (["related", "vitiligo"], "Atopic dermatitis"),
        (["search", "白驳风"], "vitiligo"),
        (["forms", "prograf"], "not interchangeable"),
        (["show", "白癜风"], "Vitiligo"),
    ],
)
def test_each_command_runs_as_a_process(args: list[str], expected: str) -> None:
    p = run_real(*args)
    assert p.returncode == 0, p.stderr
    assert expected in p.stdout
    assert "\x1b" not in p.stdout  # a pipe gets plain text
    assert p.stderr == ""


def test_json_from_a_process_parses() -> None:
    p = run_real("side-effects", "lupus", "--json")
    assert json.loads(p.stdout)["id"] == "lupus"


def test_python_dash_m() -> None:
    p = subprocess.run(
        [sys.executable, "-m", "tacref", "--help"], capture_output=True, text=True, timeout=60
    )
    assert p.returncode == 0
    assert "side-effects" in p.stdout


def test_errors_go_to_stderr_with_exit_codes() -> None:
    p = run_real("show", "vitilgo")
    assert (p.returncode, p.stdout) == (1, "")
    assert p.stderr == "tacref: no condition matches 'vitilgo'; did you mean: vitiligo?\n"
    p = run_real("show")
    assert p.returncode == 2 and p.stderr.startswith("tacref: Missing argument")


def test_chinese_output_under_the_c_locale() -> None:
    p = run_real("show", "白癜风", "--lang", "zh", env={"LC_ALL": "C", "LANG": "C"})
    assert p.returncode == 0, p.stderr
    assert "白癜风" in p.stdout


def test_closed_pipe_is_quiet() -> None:
    p = run_shell("| head -1", "show", "kidney-transplant")
    assert p.stdout.startswith("Kidney")
    assert "Traceback" not in p.stderr and "BrokenPipe" not in p.stderr


def test_index_is_built_once_and_reused(isolated) -> None:
    run_real("list")
    built = sorted(isolated.glob("index-*.sqlite"))
    assert len(built) == 1
    mtime = built[0].stat().st_mtime_ns
    run_real("show", "lupus")
    assert sorted(isolated.glob("index-*.sqlite")) == built
    assert built[0].stat().st_mtime_ns == mtime


def test_a_run_builds_only_its_command_and_behaves_the_same() -> None:
    from tacref.cli import _completed_words, app, app_for

    for args in (
        ["show", "lupus"],
        ["list"],
        ["side-effects", "x"],
        ["related", "x"],
        ["search", "x"],
        ["categories"],
        ["validate"],
    ):
        single = app_for(args)
        assert single is not app and len(single.registered_commands) == 1
    for args in ([], ["--help"], ["--version"], ["nosuch"]):
        assert app_for(args) is app
    completing = {"_TACREF_COMPLETE": "complete_bash", "COMP_WORDS": "tacref show vit"}
    for cword, words in (("2", ["show"]), ("1", [])):
        with mock.patch.dict(os.environ, {**completing, "COMP_CWORD": cword}):
            assert _completed_words() == words
    with mock.patch.dict(os.environ, {"_TACREF_COMPLETE": "complete_zsh"}):
        os.environ["_TYPER_COMPLETE_ARGS"] = "tacref related SL"
        assert _completed_words() == ["related"]
        os.environ["_TYPER_COMPLETE_ARGS"] = "tacref related "
        assert _completed_words() == ["related"]
        os.environ["_TYPER_COMPLETE_ARGS"] = "tacref rel"
        assert _completed_words() == []
    p = run_real("show", "--help")
    assert p.returncode == 0 and "--section" in p.stdout
    assert run_real("related", "vitiligo").stdout.startswith("Vitiligo: Related conditions")
