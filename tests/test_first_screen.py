"""The first screen answers the question; the urgent section stands out; review dates.

What a terminal shows at 80x24 is tested through tmux in test_terminal.py; here every
article is laid out as the terminal path lays it out (terminal.emit at 80 columns)."""

import io
import json
import re
from pathlib import Path

import pytest

from conftest import run
from tacref import context, model, queries, terminal, views

FIRST_SCREEN = 23  # rows of a 24-row terminal above the pager's prompt
POINTER = {"en": "⚠ URGENT: signs that need help at once", "zh": "⚠ 紧急：需要立即就医的征兆"}


def _screen(doc: views.Document) -> list[str]:
    out = io.StringIO()
    terminal.emit(doc, terminal.Style(pretty=True, color=False, pager=None, width=80), out)
    return out.getvalue().splitlines()


def _opening(doc: views.Document) -> views.Document:
    """The blocks up to the pointer to the urgent signs (the first part of a side-by-side
    article): the lines after them cannot move them, and laying out only these is
    twenty times quicker than the whole article."""
    if isinstance(doc[0], views.Bilingual):
        return doc[:1]
    kinds = [getattr(b, "kind", "") for b in doc]
    return doc[: kinds.index("urgent") + 1]


def _words(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(autouse=True)
def one_index(isolated: Path, shared_cache: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """One index for the module (a data directory of a test's own adds to it)."""
    monkeypatch.setenv("TACREF_CACHE_DIR", shared_cache)


def _index():
    return context.load()


@pytest.mark.parametrize("mode", ["en", "zh", "bilingual-en", "bilingual-zh"])
@pytest.mark.parametrize("today", ["2026-12-01", "2099-01-01"], ids=["in-date", "past-due"])
def test_every_first_screen_holds_the_answer(mode: str, today: str) -> None:
    """Name, status with where it holds, the whole summary and the pointer to the
    urgent signs, within 23 lines at 80 columns, for every article; past due too."""
    index = _index()
    lang = mode[-2:]
    for s in index.summaries():
        a, related = queries.related(index, s.id)
        if mode.startswith("bilingual"):
            doc = views.bilingual_article(a, related, None, lang, today=today)
        else:
            doc = views.article(a, lang, related, today=today)
        first = "\n".join(_screen(_opening(doc))[:FIRST_SCREEN])
        where = f"{s.id} {mode}"
        assert a.name(lang) in first, where
        status = views._status_where(a, lang)
        assert _words(status) in _words(first), where
        assert _words(a.text[lang].sections["summary"]) in _words(first), where
        assert POINTER[lang] in first, where
        if today > a.review_due:
            assert ("PAST DUE" if lang == "en" else "已过复审日期") in first, where


def test_status_says_where_it_holds() -> None:
    assert "Status: approved (Japan); off-label elsewhere (US, EU, China)\n" in (
        run("show", "lupus nephritis").out
    )
    zh = run("show", "狼疮性肾炎", "--lang", "zh").out
    assert "定位：已获批（日本）；其他地区属超说明书用药（美国、欧盟、中国）\n" in zh
    # approved by every major regulator: nothing is off-label "elsewhere"
    assert "Status: approved (US, EU, Japan, China)\n" in run("show", "kidney-transplant").out
    assert "Status: off-label\n" in run("show", "vitiligo").out


def test_the_answer_comes_before_the_details() -> None:
    out = run("show", "kidney-transplant").out
    order = [
        "Kidney transplant",
        "Status: approved",
        "Summary",
        POINTER["en"],
        "Forms:",
        "Approvals: US FDA",
        "Next review due: ",
        "About the condition",
        "⚠ URGENT: When to get urgent help\n!!!",
        "Sources",
    ]
    places = [out.index(text) for text in order]
    assert places == sorted(places)


def test_the_urgent_section_is_framed_and_marked_in_words_on_a_terminal() -> None:
    for env in ({}, {"NO_COLOR": "1"}):
        out = run("show", "vitiligo", "-s", "urgent", "--color", "always", env=env).out
        lines = re.sub(r"\x1b\[[0-9;]*m", "", out).splitlines()
        top = next(i for i, line in enumerate(lines) if line.startswith("┏"))
        assert lines[top + 1].startswith("┃ ⚠ URGENT: When to get urgent help")
        assert any(line.startswith("┗") for line in lines[top:])
        assert ("\x1b[" in out) == (not env)  # red where there is colour; the frame always
    zh = run("show", "白癜风", "-s", "urgent", "--lang", "zh", "--color", "always").out
    assert "┃ ⚠ 紧急：何时需要紧急就医" in re.sub(r"\x1b\[[0-9;]*m", "", zh)


def test_urgent_is_marked_in_words_when_piped_and_exported() -> None:
    plain = run("show", "lupus").out
    assert "\n⚠ URGENT: When to get urgent help\n!!!!" in plain
    assert (
        "\n## ⚠ 紧急：何时需要紧急就医\n" in run("show", "lupus", "-f", "markdown", "-l", "zh").out
    )


def test_brief_is_the_first_part_and_the_urgent_signs() -> None:
    r = run("show", "vitiligo", "--brief")
    assert r.code == 0
    for text in ("Vitiligo", "Status: off-label", "Summary", "⚠ URGENT: When to get urgent help"):
        assert text in r.out
    assert "eczema herpeticum" in r.out  # the urgent section itself, not a pointer
    assert "About the condition" not in r.out and "Sources" not in r.out
    assert POINTER["en"] not in r.out
    assert "The whole article: tacref show vitiligo;" in r.out
    assert r.out.rstrip().endswith("do not start, stop or change tacrolimus on your own.")
    zh = run("show", "白癜风", "--brief", "--lang", "zh").out
    assert "⚠ 紧急：何时需要紧急就医" in zh and "完整条目：tacref show vitiligo" in zh
    assert "关于这种疾病" not in zh
    both = run("show", "vitiligo", "--brief", "--bilingual").out
    assert both.index("Summary") < both.index("摘要") < both.index("⚠ URGENT")
    assert "About the condition" not in both


@pytest.mark.parametrize("other", [["--json"], ["-f", "json"], ["-s", "faq"]])
def test_brief_with_json_or_a_section_is_a_usage_error(other: list[str]) -> None:
    r = run("show", "vitiligo", "--brief", *other)
    assert r.code == 2 and "--brief" in r.err


def test_json_keeps_its_shape_and_adds_review_due() -> None:
    article = json.loads(run("show", "vitiligo", "--json").out)["article"]
    assert article["reviewed"] == "2026-11-27" and article["review_due"] == "2027-11-27"
    assert {"id", "name", "names", "status", "approvals", "text", "side_effects"} <= set(article)


def test_every_bundled_article_states_its_review_due() -> None:
    for path in context.data_dirs(None)[0].files():
        text = path.read_text(encoding="utf-8")
        due = re.search(r'(?m)^review_due: "?(\d{4}-\d\d-\d\d)"?$', text)
        reviewed = re.search(r'(?m)^reviewed: "?(\d{4}-\d\d-\d\d)"?$', text)
        assert due and reviewed and due[1] > reviewed[1], path.name


@pytest.mark.parametrize(
    ("reviewed", "due"),
    [
        ("2026-11-27", "2027-11-27"),
        ("2024-02-29", "2025-02-28"),  # no 29 February next year
        ("2026-01-31", "2027-01-31"),
        ("not a date", ""),
    ],
)
def test_review_due_defaults_to_twelve_months_after_the_review(reviewed: str, due: str) -> None:
    assert model.due_date({"reviewed": reviewed}) == due
    assert model.due_date({"reviewed": reviewed, "review_due": "2030-01-01"}) == "2030-01-01"


def _article(tmp_path: Path, **change: str) -> Path:
    """A copy of the vitiligo article in a data directory of its own, changed."""
    source = context.data_dirs(None)[0].path / "vitiligo.yaml"
    text = source.read_text(encoding="utf-8")
    for key, value in change.items():
        if value is None:
            text = re.sub(rf"(?m)^{key}:.*\n", "", text)
        else:
            text = re.sub(rf"(?m)^{key}:.*$", f"{key}: {value}", text)
    folder = tmp_path / "mine"
    folder.mkdir(parents=True)
    (folder / "vitiligo.yaml").write_text(text, encoding="utf-8")
    return folder


def test_a_past_due_article_says_so_and_validate_warns(tmp_path: Path) -> None:
    folder = _article(tmp_path, reviewed='"2020-01-10"', review_due="2021-01-10")
    shown = run("show", "vitiligo", "--data-dir", str(folder))
    assert "Review: ⚠ PAST DUE since 2021-01-10: may be out of date; ask your doctor\n" in shown.out
    assert "Next review due: 2021-01-10 (past due)\n" in shown.out
    zh = run("show", "vitiligo", "--data-dir", str(folder), "--lang", "zh").out
    assert "复审：⚠ 已过复审日期（2021-01-10），内容可能已过时，请咨询医生\n" in zh
    checked = run("validate", str(folder))
    assert checked.code == 0  # a warning, not a problem
    line = next(n for n, x in enumerate(folder.joinpath("vitiligo.yaml").open(), 1) if "due" in x)
    assert f"vitiligo.yaml:{line}: warning: past its review date 2021-01-10" in checked.out
    assert checked.out.endswith("no problems\n")
    assert "1 review date warning(s)" in checked.err
    report = json.loads(run("validate", str(folder), "--json").out)
    assert report["problems"] == [] and len(report["warnings"]) == 1
    assert report["warnings"][0]["line"] == line


def test_a_review_date_after_today_is_a_warning_that_never_hides_the_article(
    tmp_path: Path,
) -> None:
    # refused at build, it stayed refused in the cached index after the clock was right
    folder = _article(tmp_path, reviewed='"2099-01-10"', review_due=None)
    shown = run("show", "vitiligo", "--data-dir", str(folder))
    assert shown.code == 0 and shown.out.startswith("Vitiligo")
    checked = run("validate", str(folder))
    assert checked.code == 0 and checked.out.endswith("no problems\n")
    assert "vitiligo.yaml:9: warning: reviewed 2099-01-10, a date after today (" in checked.out
    assert "1 review date warning(s)" in checked.err


def test_without_review_due_an_article_is_due_a_year_after_its_review(tmp_path: Path) -> None:
    folder = _article(tmp_path, reviewed='"2020-03-05"', review_due=None)
    shown = run("show", "vitiligo", "--data-dir", str(folder)).out
    assert "PAST DUE since 2021-03-05" in shown
    checked = run("validate", str(folder))
    assert checked.code == 0 and "vitiligo.yaml:9: warning: past its review date" in checked.out


def test_review_due_must_come_after_the_review(tmp_path: Path) -> None:
    folder = _article(tmp_path, review_due="2026-11-01")
    r = run("validate", str(folder))
    assert r.code == 1 and "review_due: review_due 2026-11-01 is not after reviewed" in r.out
    bad = _article(tmp_path / "x", review_due='"soon"')
    assert "review_due: must be a date written YYYY-MM-DD" in run("validate", str(bad)).out


def test_help_says_where_to_report_a_problem() -> None:
    for args in (["--help"], []):
        out = run(*args).out
        assert "Tell the maintainers" in out and "Reporting a problem" in out


def test_the_pager_prompt_says_how_to_quit() -> None:
    en = views.article(_index().article("vitiligo"), "en", [])
    zh = views.article(_index().article("vitiligo"), "zh", [])
    assert terminal.prompt(en) == "press q to quit, space for more, / to search"
    assert terminal.prompt(zh, "most") == "按 q 退出，空格键翻页，/ 搜索"
    both = views.bilingual_article(_index().article("vitiligo"), [], lang="zh")
    assert terminal.prompt(both, "more") == (
        "按 q 退出，空格键翻页，/ 搜索 · press q to quit, space for more, / to search"
    )
    env = terminal.pager_env({}, "utf-8", "press q to quit. 100%?")
    assert env["LESS"] == r"FRX -Ps?e(END) .press q to quit\. 100\%\?$"
    assert terminal.pager_env({"LESS": "-R -Psmine$"}, "utf-8", "x")["LESS"] == "-R -Psmine$"
    assert terminal.pager_env({}, "utf-8")["LESS"] == "FRX"


@pytest.mark.parametrize(
    ("version", "chinese"),
    [("590", False), ("591", True), ("643", True), ("661", False), ("668", True)],
)
def test_chinese_prompt_only_where_less_shows_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, version: str, chinese: bool
) -> None:
    """less 590 and older (and 654-667) print a Chinese prompt as <U+0089>^@...:
    there the prompt is in English, which every less shows."""
    fake = tmp_path / "less"
    fake.write_text(f"#!/bin/sh\necho 'less {version} (GNU regular expressions)'\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tmp_path}:/usr/bin:/bin")
    zh = views.article(_index().article("vitiligo"), "zh", [])
    expected = (
        "按 q 退出，空格键翻页，/ 搜索"
        if chinese
        else "press q to quit, space for more, / to search"
    )
    assert terminal.prompt(zh, "less") == expected


@pytest.mark.parametrize(("query", "lang"), [("tremor", "en"), ("震颤", "zh")])
def test_a_side_effects_note_stands_between_title_and_status_with_a_blank_line_each(
    query: str, lang: str
) -> None:
    """``show tremor``: one blank line under the title, the "not a treatment" note,
    one blank line, then the status (not two blank lines, nor the note run into it)."""
    index = _index()
    doc = views.article(queries.article(index, query), lang, [])
    lines = _screen(_opening(doc))
    opens = ("Tacrolimus", "他克莫司")
    note = next(n for n, line in enumerate(lines) if line.strip().startswith(opens))
    status = next(n for n, line in enumerate(lines) if line.startswith(("Status", "定位")))
    assert lines[note - 1].strip() == "" and lines[note - 2].strip() != "", lines[: status + 1]
    assert status > note + 1 and lines[status - 1].strip() == "", lines[: status + 1]
