"""Chinese typesetting: where lines break (避头尾), as a reader sees it on a terminal."""

import re
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len

from conftest import run
from tacref import render_rich, views
from tacref.typeset import NO_END, NO_START, breaks

WIDTHS = (40, 60, 80, 100)


def lines_of(text: str, width: int) -> list[str]:
    cuts = [0, *breaks(text, width, cell_len), len(text)]
    return [text[a:b] for a, b in pairwise(cuts)]


def test_a_line_never_starts_with_a_closing_mark_nor_ends_with_an_opening_one() -> None:
    text = "请勿自行开始、停用或调整他克莫司（Prograf，普乐可复）。"
    for width in range(8, 40):
        for line in lines_of(text, width):
            assert line[:1] not in NO_START and line.rstrip()[-1:] not in NO_END, (width, line)


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        # the comma moves down with the character before it (push-down)
        ("一二三四五，六七八", 10, ["一二三四", "五，六七八"]),
        # an opening bracket moves down with what it opens
        ("一二三四（五六）", 10, ["一二三四", "（五六）"]),
        # a Latin word stays whole; a line breaks at its space
        ("用0.1% 软膏 tacref show vitiligo", 14, ["用0.1% 软膏 ", "tacref show ", "vitiligo"]),
        # a word wider than the line is folded, but never before its closing bracket
        ("(high-blood-pressure)", 10, ["(high-bloo", "d-pressur", "e)"]),
        # "——" and "……" are one mark each; a dash may start a line, an ellipsis may not
        ("一二三四——五六", 9, ["一二三四", "——五六"]),
        ("一二三四……五六", 9, ["一二三", "四……五六"]),
    ],
)
def test_breaks(text: str, width: int, expected: list[str]) -> None:
    assert lines_of(text, width) == expected


_HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5)
_WORD = st.one_of(
    st.text(_HAN, min_size=1, max_size=8),
    st.sampled_from(["Prograf", "0.1%", "tacref show vitiligo", "NB-UVB", "T细胞", "2至15岁"]),
)


@st.composite
def chinese_text(draw: st.DrawFn) -> str:
    """Sentences of words, each followed by a mark, some in brackets or quotes."""
    parts = []
    for _ in range(draw(st.integers(1, 30))):
        word = draw(_WORD)
        wrap = draw(st.sampled_from(["", "（）", "《》", "“”", "「」"]))
        parts.append(f"{wrap[0]}{word}{wrap[1]}" if wrap else word)
        parts.append(draw(st.sampled_from(["", " ", *"，。、；：！？", "……", "——"])))
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(chinese_text(), st.integers(20, 100))
def test_wrapped_chinese_keeps_the_rules_and_the_width(text: str, width: int) -> None:
    lines = lines_of(text, width)
    assert "".join(lines) == text  # nothing lost, nothing added
    for line in lines:
        assert cell_len(line.rstrip()) <= width
    for before, after in pairwise(lines):
        assert after[:1] not in NO_START, (before, after)
        assert before.rstrip()[-1:] not in NO_END, (before, after)


@settings(max_examples=100, deadline=None)
@given(chinese_text(), st.sampled_from(WIDTHS))
def test_rich_wraps_chinese_prose_by_the_rules(text: str, width: int) -> None:
    from rich.console import Console

    console = Console(width=width, record=True, file=open("/dev/null", "w"))  # noqa: SIM115
    console.print(render_rich.render([views.Prose(text, lang="zh")]))
    out = console.export_text(styles=False)
    _assert_typeset(out, width)


def _segments(line: str) -> list[str]:
    """The pieces of text on a screen line: table cells, bullet items, grid columns."""
    parts = re.split(r"\s{2,}|[│┃╭╮╰╯─━]|• ", line)
    return [p.strip() for p in parts if p.strip()]


def _assert_typeset(out: str, width: int) -> None:
    for line in out.splitlines():
        assert cell_len(line.rstrip()) <= width, line
        for seg in _segments(line):
            assert seg[0] not in NO_START, f"line starts with {seg[0]!r}: {line!r}"
            assert seg[-1] not in NO_END, f"line ends with {seg[-1]!r}: {line!r}"


COMMANDS = [
    ("show", "vitiligo"),
    ("show", "vitiligo", "--section", "urgent"),
    ("show", "kidney-transplant"),
    ("show", "atopic-dermatitis"),
    ("side-effects", "vitiligo"),
    ("side-effects", "kidney-transplant"),
    ("symptom", "手抖"),
    ("interactions", "西柚"),
    ("interactions",),
    ("forms", "ointment"),
    ("related", "lupus"),
    ("list",),
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_chinese_output_on_a_terminal_keeps_the_rules(args: tuple[str, ...], width: int) -> None:
    r = run(
        *args, "--lang", "zh", "--color", "always", env={"COLUMNS": str(width), "NO_COLOR": "1"}
    )
    assert r.code == 0, r.err
    assert "\x1b[" not in r.out  # NO_COLOR: what is checked is what is seen
    _assert_typeset(r.out, width)


def test_english_never_goes_through_the_chinese_line_breaker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """English prose is exactly rich's, even where it quotes a Chinese name or source
    (table cells, in either language, break by ``layout``'s measure: ``_CellText``)."""
    wrap = render_rich._ChineseText.wrap

    def refuse(self: render_rich._ChineseText, *args: object, **kw: object) -> object:
        if not isinstance(self, render_rich._CellText):
            raise AssertionError("English text broken as Chinese")
        return wrap(self, *args, **kw)

    monkeypatch.setattr(render_rich._ChineseText, "wrap", refuse)
    for args in (("show", "atopic-dermatitis"), ("forms",), ("side-effects", "acne")):
        r = run(*args, "--color", "always", env={"COLUMNS": "60"})
        assert r.code == 0, r.err
    assert (
        "普特彼" in r.out or "普特彼" in run("show", "atopic-dermatitis", "--color", "always").out
    )
