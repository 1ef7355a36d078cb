"""The last reproductions of issues 20 §1 and 21 (new-user recheck of 2026-11-28):
a cancer of another organ is never "near" skin cancer, and English and Chinese
say the same of it; a real disease name tacref has no article on is said the same
way in both languages; search says it too; a Chinese snippet's cut leaves no
punctuation mark beside its ellipsis."""

import re

import pytest

from conftest import run

# -- 21: a Chinese snippet's cuts ------------------------------------------------------

MARK_AT_CUT = re.compile(r"[，。；：、！？]\s*…|…\s*[，。；：、！？]|\s…|…\s")


@pytest.mark.parametrize(
    "query",
    ["可以喝酒吗", "孕妇能用吗", "小孩可以用吗", "软膏副作用", "怀孕", "疫苗 感染", "血药浓度"],
)
def test_a_chinese_snippet_cut_leaves_no_mark_beside_its_ellipsis(query: str) -> None:
    """ "，2岁以下…", "与饮酒有关，…", "…。通常无害", "有1 … 至于" were printed."""
    r = run("search", *query.split(), "--limit", "40")
    assert r.code == 0
    cut = 0
    for line in r.out.splitlines():
        body = line.split("：", 1)[1] if "：" in line else line  # after the section's name
        if "…" in body:
            cut += 1
            assert not MARK_AT_CUT.search(body), line
    assert cut >= 3  # the searches do cut their snippets


def test_an_english_snippet_keeps_its_spaced_ellipsis() -> None:
    r = run("search", "burning", "skin", "--limit", "40")
    inner = [
        line.split(": ", 1)[1].strip("…") for line in r.out.splitlines() if line.startswith("  ")
    ]
    gaps = [body for body in inner if "…" in body]
    assert gaps, r.out
    for body in gaps:
        assert body.count("…") == body.count(" … "), body
