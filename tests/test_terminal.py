"""tacref in a real terminal (tmux): what a person sees, including the pager."""

import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


class Terminal:
    def __init__(self, socket: str) -> None:
        self.socket = socket

    def tmux(self, *args: str) -> str:
        return subprocess.run(
            ["tmux", "-L", self.socket, *args],
            capture_output=True,
            text=True,
            check=True,
            timeout=20,
        ).stdout

    def type(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "t", *keys)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-t", "t", "-p")

    def wait_for(self, pattern: str, timeout: float = 15) -> str:
        """The screen, once ``pattern`` (a regular expression) is on it."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if re.search(pattern, screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"{pattern!r} never appeared on the screen:\n{self.screen()}")

    def run(self, command: str) -> str:
        """Type a command; return the screen once its exit status has been printed."""
        self.type("clear", "Enter")
        self.type(f"{command}; echo EXIT=$?", "Enter")
        return self.wait_for(r"EXIT=\d")


@pytest.fixture
def term(tmp_path: Path) -> Iterator[Terminal]:
    socket = f"tacref-test-{os.getpid()}-{time.monotonic_ns()}"
    t = Terminal(socket)
    env = {
        "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}",
        "TACREF_CACHE_DIR": str(tmp_path / "cache"),
        "LANG": "C.UTF-8",
        "PS1": "$ ",
    }
    exports = " ".join(f"{k}='{v}'" for k, v in env.items())
    t.tmux(
        "new-session",
        "-d",
        "-s",
        "t",
        "-x",
        "100",
        "-y",
        "30",
        f"env -i HOME='{tmp_path}' TERM=xterm-256color {exports} bash --norc --noprofile",
    )
    t.wait_for(r"(?m)^\$")
    try:
        yield t
    finally:
        subprocess.run(["tmux", "-L", socket, "kill-server"], capture_output=True, check=False)


def test_long_article_opens_in_the_pager_and_pages(term: Terminal) -> None:
    term.type("clear", "Enter")
    term.type("tacref show vitiligo", "Enter")
    first = term.wait_for("Status")
    assert "Vitiligo" in first and "off-label" in first
    assert "EXIT=" not in first
    term.type("G")  # to the end, as in less
    end = term.wait_for("not medical advice")
    assert "(END)" in end or end.rstrip().endswith(":")
    term.type("q")
    term.type("echo EXIT=$?", "Enter")
    assert "EXIT=0" in term.wait_for(r"EXIT=\d")


def test_short_output_is_not_paged(term: Terminal) -> None:
    screen = term.run("tacref related vitiligo")
    assert "EXIT=0" in screen and "Atopic dermatitis" in screen


def test_no_pager_and_a_narrow_window(term: Terminal) -> None:
    term.tmux("resize-window", "-t", "t", "-x", "40", "-y", "30")
    screen = term.run(
        "tacref side-effects lupus --no-pager | tail -5; tacref side-effects lupus --no-pager"
    )
    assert "EXIT=0" in screen and "Traceback" not in screen
    joined = term.tmux(
        "capture-pane", "-t", "t", "-p", "-J"
    )  # lines the terminal had to wrap, whole
    table = [line for line in joined.splitlines() if "─" in line or "very common" in line]
    assert table and all(len(line.rstrip()) <= 40 for line in table)


def test_colour_on_a_terminal_and_not_with_no_color(term: Terminal) -> None:
    # a short list: the whole of it stays on the screen that is captured
    term.run("tacref list --category eye --no-pager")
    coloured = term.tmux("capture-pane", "-t", "t", "-p", "-e")
    assert "\x1b[" in coloured and "approved" in coloured
    term.run("NO_COLOR=1 tacref list --category eye --no-pager")
    plain = term.tmux("capture-pane", "-t", "t", "-p", "-e")
    assert "approved" in plain
    assert "\x1b[1;32m" not in plain and "\x1b[32m" not in plain


def test_chinese_in_the_pager_without_a_utf8_locale(term: Terminal) -> None:
    """A locale that is not generated (servers, containers): less must still be told
    the text is UTF-8, or it shows <E7><99><BD> for every character."""
    term.type("clear", "Enter")
    term.type("LANG=zh_CN.UTF-8 tacref show 白癜风 --lang zh", "Enter")
    screen = term.wait_for("定位")
    assert "白癜风" in screen and "<E7>" not in screen
    term.type("q")
    term.type("echo EXIT=$?", "Enter")
    assert "EXIT=0" in term.wait_for(r"EXIT=\d")


@pytest.mark.parametrize(
    ("env", "encoding", "expected"),
    [
        ({}, "utf-8", "utf-8"),
        ({}, "UTF8", "utf-8"),
        ({"LESSCHARSET": "latin1"}, "utf-8", "latin1"),  # the user's choice stays
        ({"LESSCHARDEF": "8bcccbcc18b95.b"}, "utf-8", None),
        ({}, "latin-1", None),
        ({}, "no-such-codec", None),
    ],
)
def test_pager_is_told_the_charset(
    env: dict[str, str], encoding: str, expected: str | None
) -> None:
    from tacref.terminal import pager_env

    got = pager_env(env, encoding)
    assert got.get("LESSCHARSET") == expected
    assert got["LESS"] == "FRX"


@pytest.mark.parametrize("width", [60, 80, 100, 200])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_tables_fit_a_real_terminal(term: Terminal, lang: str, width: int) -> None:
    """What a person sees in a real terminal is the layout the table tests check (no
    word broken across lines), and no line is wider than the window (tmux would wrap
    it: -J joins such lines back)."""
    from rich.cells import cell_len

    from conftest import run
    from test_tables import cell_breaks, split_words
    from test_typeset import _assert_typeset

    term.tmux("resize-window", "-t", "t", "-x", str(width), "-y", "50")
    for command in ("list --category dermatology", "categories", "related lupus", "forms"):
        args = [*command.split(), "--lang", lang]
        screen = term.run(f"tacref {' '.join(args)} --no-pager")
        assert "EXIT=0" in screen, screen
        joined = term.tmux("capture-pane", "-t", "t", "-p", "-J", "-S", "-300")
        body = joined.rsplit("echo EXIT=$?", 1)[1].split("\nEXIT=", 1)[0]
        for line in body.splitlines():
            assert cell_len(line.rstrip()) <= width, (command, line)
        if lang == "zh":
            _assert_typeset(body, width)
        with cell_breaks() as seen:
            expected = run(
                *args, "--color", "always", env={"COLUMNS": str(width), "NO_COLOR": "1"}
            ).out
        assert split_words(seen) == []
        assert _visible(body) == _visible(expected), command


def _visible(text: str) -> list[str]:
    return [line.rstrip() for line in text.splitlines() if line.strip()]


FIRST_SCREEN = {
    "en": ("lupus nephritis", "Status", "approved (Japan); off-label elsewhere (US, EU, China)"),
    "zh": (
        "狼疮性肾炎 --lang zh",
        "定位",
        "已获批（日本）；其他地区属超说明书用药（美国、欧盟、中国）",
    ),
}


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_first_screen_at_80x24_answers_the_question(term: Terminal, lang: str) -> None:
    """In the pager of a terminal of the size most open at: the name, the status with
    where it holds, the whole summary and the pointer to the urgent signs; the
    prompt says how to quit."""
    from tacref import context

    article = context.load().article("lupus-nephritis")
    term.tmux("resize-window", "-t", "t", "-x", "80", "-y", "24")
    command, label, status = FIRST_SCREEN[lang]
    term.type("clear", "Enter")
    term.type(f"tacref show {command}", "Enter")
    screen = term.wait_for(label)
    time.sleep(0.5)  # the pager has drawn the whole screen
    screen = term.screen()
    lines = screen.rstrip("\n").split("\n")
    assert len(lines) <= 24
    assert article.name(lang) in lines[0]
    assert any(line.split(None, 1)[-1].strip() == status for line in lines if label in line)

    def flat(text: str) -> str:
        return re.sub(r"\s+", "", text)

    assert flat(article.text[lang].sections["summary"]) in flat(screen)
    pointer = {"en": "⚠ URGENT: signs that need help at once", "zh": "⚠ 紧急：需要立即就医的征兆"}
    assert pointer[lang] in screen
    prompt = lines[-1]
    assert "press q to quit" in prompt or (lang == "zh" and "按 q 退出" in prompt)
    assert "<U+" not in screen and "^@" not in screen
    term.type("q")
    term.type("echo EXIT=$?", "Enter")
    assert "EXIT=0" in term.wait_for(r"EXIT=\d")


def test_the_urgent_section_is_framed_in_a_real_terminal(term: Terminal) -> None:
    term.tmux("resize-window", "-t", "t", "-x", "80", "-y", "24")
    for lang, words in (("en", "┃ ⚠ URGENT: When to get urgent help"), ("zh", "┃ ⚠ 紧急：")):
        screen = term.run(f"NO_COLOR=1 tacref show covid-19 -s urgent --no-pager --lang {lang}")
        assert "┏━━" in screen and words in screen and "┗━━" in screen


def _shown(term: Terminal, command: str, width: int) -> list[str]:
    """The lines ``command`` printed in a window ``width`` columns wide."""
    term.tmux("resize-window", "-t", "t", "-x", str(width), "-y", "50")
    term.tmux("clear-history", "-t", "t")
    screen = term.run(f"{command} --no-pager")
    assert "EXIT=0" in screen, screen
    joined = term.tmux("capture-pane", "-t", "t", "-p", "-J", "-S", "-5000")
    body = joined.rsplit("echo EXIT=$?", 1)[1].split("\nEXIT=", 1)[0]
    return [line.rstrip() for line in body.splitlines()]


def test_chinese_list_and_help_in_a_real_terminal(term: Terminal) -> None:
    """Issue 20/21's last gaps as a person sees them: at 80 columns a status kept
    whole where it fits (已获批（日本、中国）) and broken once where it must be; at
    60 a card titled by its Chinese name; at 40 --help with every option's name."""
    at80 = _shown(term, "tacref list --lang zh", 80)
    assert any("已获批（日本、中国）" in line for line in at80), at80
    four = next(i for i, line in enumerate(at80) if "已获批（美国、欧盟、" in line)
    assert "日本、中国）" in at80[four + 1]
    at60 = [line for line in _shown(term, "tacref list --lang zh", 60) if line.strip()]
    assert at60[0] == "白癜风（vitiligo）" and at60[1].strip() == "类别：皮肤科", at60[:3]
    at40 = [line.strip("│ ") for line in _shown(term, "tacref show --help --lang zh", 40)]
    for names in ("--section -s <str>", "--bilingual -b", "--pager --no-pager"):
        assert names in at40, at40
    assert not any("…" in line for line in at40)
