"""Issue 20: how a result names an article. A name that is its own id is not
repeated ("Melasma", not "Melasma (melasma)"); a names line shows the reader's
language once each, never a Japanese name."""

import pytest

from conftest import run


def test_a_name_that_is_its_id_is_not_repeated_as_the_id() -> None:
    out = run("related", "vitiligo").out
    rows = {line.split("\t")[0] for line in out.splitlines()[4:]}
    assert "Melasma" in rows and "Atopic dermatitis (atopic eczema)" in rows
    assert not any("(melasma)" in r or "(atopic-dermatitis)" in r for r in rows)


def test_a_name_that_is_not_its_id_keeps_it() -> None:
    out = run("forms").out  # "tacref forms capsules" takes the id, not the name
    assert "Twice-daily immediate-release capsules (capsules)" in out


@pytest.mark.parametrize(
    ("query", "shown", "absent"),
    [
        ("SLE", "Names: ", ("全身性エリテマトーデス", "系统性红斑狼疮")),
        ("肝移植", "名称：", ("hepatic transplant", "liver transplantation")),
    ],
)
def test_a_names_line_holds_the_readers_language_only(
    query: str, shown: str, absent: tuple[str, ...]
) -> None:
    lines = [line for line in run("search", query).out.splitlines() if shown in line]
    assert lines
    for line in lines:
        for name in absent:
            assert name not in line, line
        names = line.split(shown, 1)[1].split(" · ")
        assert len(names) == len({n.lower() for n in names}), line  # each once


@pytest.mark.parametrize("columns", ["80", "200"])
def test_categories_print_a_name_that_is_its_id_once(columns: str) -> None:
    out = run("categories", env={"COLUMNS": columns}).out
    lines = out.splitlines()
    assert lines[0] == "Category\tArticles"
    assert any(line.startswith("dermatology\t") for line in lines)
    assert not any(line.split("\t").count(line.split("\t")[0]) > 1 for line in lines if line)
    assert "no established role\tno-established-role\t" in out  # a name that is not its id


def test_categories_keep_the_id_beside_a_chinese_name() -> None:
    assert "皮肤科\tdermatology\t" in run("categories", "--lang", "zh").out
