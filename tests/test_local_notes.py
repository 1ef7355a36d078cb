"""A clinic's or carer's own lines on an article (``<id>.notes.yaml``), and
``show ./draft.yaml`` for people writing articles."""

import json
import os
from pathlib import Path

import pytest

from conftest import run, run_real

BUNDLED = Path(__file__).parent.parent / "data" / "conditions"
CLINIC = "Dermatology clinic: 020 7946 0000 (weekdays 9-5)."
CLINIC_ZH = "皮肤科门诊电话：020 7946 0000（工作日 9-5 点）。"


@pytest.fixture
def mine(tmp_path: Path) -> Path:
    folder = tmp_path / "mine"
    folder.mkdir()
    return folder


def _notes(folder: Path, name: str, text: str) -> Path:
    path = folder / f"{name}.notes.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_notes_show_in_each_language_and_say_they_are_local(mine: Path) -> None:
    _notes(mine, "vitiligo", f"en: '{CLINIC}'\nzh: '{CLINIC_ZH}'\n")
    en = run("--data-dir", str(mine), "show", "vitiligo")
    zh = run("--data-dir", str(mine), "show", "vitiligo", "--lang", "zh")
    assert (en.code, en.err, zh.code) == (0, "", 0)
    assert "Local notes" in en.out and CLINIC in en.out and "not reviewed by tacref" in en.out
    assert "本地备注" in zh.out and CLINIC_ZH in zh.out and "未经 tacref 审核" in zh.out
    assert en.out.index("Summary") < en.out.index(CLINIC) < en.out.index("Forms")
    both = run("--data-dir", str(mine), "show", "vitiligo", "--bilingual").out
    assert CLINIC in both and CLINIC_ZH in both
    data = json.loads(run("--data-dir", str(mine), "show", "vitiligo", "--json").out)
    assert data["article"]["local_notes"] == {"en": CLINIC, "zh": CLINIC_ZH}
    assert "local_notes" not in json.loads(run("show", "vitiligo", "--json").out)["article"]


def test_notes_in_one_language_are_shown_as_written(mine: Path) -> None:
    _notes(mine, "melasma", f"zh: '{CLINIC_ZH}'\n")
    assert CLINIC_ZH in run("--data-dir", str(mine), "show", "melasma").out


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("en: 1\n", "vitiligo.notes.yaml:1: en"),
        ("en: fine\nfr: non\n", "vitiligo.notes.yaml:1: unknown key 'fr'"),
        ("en: [unclosed\n", "vitiligo.notes.yaml:"),
        ("en: 'ring \\x1b[31m red'\n", "control character"),
        ("{}\n", "vitiligo.notes.yaml:1:"),
    ],
)
def test_a_broken_notes_file_is_a_clear_problem_and_the_article_still_shows(
    mine: Path, text: str, message: str
) -> None:
    _notes(mine, "vitiligo", text.replace("\\x1b", "\x1b") if "\\x1b" in text else text)
    checked = run("validate", str(mine))
    assert checked.code == 1 and message in checked.out
    shown = run("--data-dir", str(mine), "show", "vitiligo")
    assert shown.code == 0 and "Vitiligo" in shown.out and "Local notes" not in shown.out
    assert "data problem" in shown.err


def test_notes_for_no_article_say_so(mine: Path) -> None:
    _notes(mine, "vitiligoo", f"en: '{CLINIC}'\n")
    checked = run("validate", str(mine))
    assert checked.code == 1 and "no article has the id 'vitiligoo'" in checked.out


def test_edited_notes_show_at_once(mine: Path) -> None:
    path = _notes(mine, "vitiligo", "en: first\n")
    assert "first" in run("--data-dir", str(mine), "show", "vitiligo").out
    path.write_text("en: second\n", encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert "second" in run("--data-dir", str(mine), "show", "vitiligo").out


def _draft(mine: Path) -> Path:
    source = (BUNDLED / "melasma.yaml").read_text(encoding="utf-8").splitlines()
    source[0:3] = [
        "id: my-draft",
        'names: {en: "My draft", zh: "我的草稿"}',
        'aliases: ["draft condition"]',
    ]
    assert source[3:] and not source[3].startswith(("names", "aliases"))
    (mine / "my-draft.yaml").write_text("\n".join(source) + "\n", encoding="utf-8")
    return mine / "my-draft.yaml"


def test_show_a_draft_file_directly(mine: Path, monkeypatch) -> None:
    _draft(mine)
    monkeypatch.chdir(mine)
    shown = run("show", "./my-draft.yaml")
    assert (shown.code, shown.err) == (0, "") and shown.out.startswith("My draft (我的草稿)")
    assert run("show", "./my-draft.yaml", "--lang", "zh").out.startswith("我的草稿")


def test_a_draft_with_problems_lists_them_and_exits_1(mine: Path) -> None:
    bad = mine / "bad.yaml"
    bad.write_text("id: Bad Id\n", encoding="utf-8")
    shown = run("show", str(bad))
    assert shown.code == 1
    assert "bad.yaml:1: 'status' is a required property" in shown.out
    assert "it cannot be shown yet" in shown.err


def test_a_draft_leaves_the_cache_as_it_was(mine: Path, isolated: Path) -> None:
    # a draft changes with every save: cached, four drafts pushed out the indexes in use
    before = sorted(p.name for p in isolated.glob("index-*"))
    (mine / "bad.yaml").write_text("id: Bad Id\n", encoding="utf-8")
    assert run("show", str(mine / "bad.yaml")).code == 1
    assert run("show", str(_draft(mine))).code == 0
    assert sorted(p.name for p in isolated.glob("index-*")) == before


def test_a_draft_whose_name_is_not_utf8_says_so(tmp_path: Path) -> None:
    # it used to answer "'x' matches more than one condition", hiding the real problem
    name = os.fsdecode(b"\xff.yaml")
    (tmp_path / name).write_text("id: x\nfoo: 1\n", encoding="utf-8")
    shown = run_real("show", name, cwd=tmp_path)
    assert shown.returncode == 1
    assert shown.stdout == "\\xff.yaml: the file name is not valid UTF-8; rename it\n"
    assert shown.stderr == "tacref: 1 problem(s) in \\xff.yaml: it cannot be shown yet\n"
