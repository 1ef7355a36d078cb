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


# -- 20 §1: another organ's cancer ---------------------------------------------------

RISK_EN = (
    "about cancer risk with tacrolimus see: Immunosuppression with tacrolimus, Lymphoma and"
    " post-transplant lymphoproliferative disorder, Skin cancer, Squamous cell carcinoma of"
    " the skin ('tacref show NAME')"
)
RISK_ZH = (
    "关于用他克莫司时的癌症风险，见：他克莫司免疫抑制治疗、淋巴瘤和移植后淋巴组织增生性疾病、"
    "皮肤癌、皮肤鳞状细胞癌（用“tacref show 名称”查看）"
)


@pytest.mark.parametrize(
    "query",
    ["liver cancer", "stomach cancer", "breast cancer", "lung cancer", "cancer of the liver"],
)
def test_another_organs_cancer_is_pointed_to_cancer_risk_not_to_skin_cancer(query: str) -> None:
    """It was "articles near it: Skin cancer": a patient with another cancer
    was sent to the skin-cancer article as if it were near theirs."""
    r = run("show", *query.split())
    assert (r.code, r.out) == (1, "")
    assert r.err == f"tacref: tacref has no article on '{query}' (yet); {RISK_EN}\n"
    assert "near it" not in r.err


@pytest.mark.parametrize(
    ("query", "env"),
    [
        ("肝癌", {}),  # was "提到它的文章：肝移植"
        ("胃癌", {}),  # was a plain "没有与…相符"
        ("乳腺癌", {}),
        ("肺癌", {}),
        ("乳癌", {}),  # Taiwan's word for breast cancer
        ("肝癌", {"LANG": "zh_CN.UTF-8"}),
    ],
)
def test_the_same_question_in_chinese_gets_the_same_answer(query: str, env: dict) -> None:
    r = run("show", query, env=env)
    assert (r.code, r.out) == (1, "")
    assert r.err == f"tacref: tacref 还没有关于“{query}”的文章；{RISK_ZH}\n"


def test_in_traditional_characters_too() -> None:
    r = run("show", "肝腫瘤", env={"LANG": "zh_TW.UTF-8"})
    assert r.code == 1
    assert r.err.startswith(
        "tacref: tacref 還沒有關於「肝腫瘤」的文章；關於用他克莫司時的癌症風險，見："
    )
    assert "皮膚癌" in r.err and "相近" not in r.err


def test_an_english_reader_of_a_chinese_name_gets_the_english_pointer() -> None:
    r = run("show", "胃癌", "--lang", "en")
    assert r.err == f"tacref: tacref has no article on '胃癌' (yet); {RISK_EN}\n"


@pytest.mark.parametrize(
    ("query", "said"),
    [
        ("lung infection", "about infection risk with tacrolimus see: Immunosuppression with"),
        ("肺部感染", "关于用他克莫司时的感染风险，见：他克莫司免疫抑制治疗（"),
    ],
)
def test_another_organs_infection_is_not_near_a_yeast_infection(query: str, said: str) -> None:
    """It was "near it: Vaginal yeast infection" (English) and 新型冠状病毒感染 (Chinese)."""
    r = run("show", query)
    assert r.code == 1 and said in r.err
    assert "Vaginal" not in r.err and "霉菌性阴道炎" not in r.err and "新型冠状病毒" not in r.err


@pytest.mark.parametrize(
    ("query", "other"),
    [
        ("liver damage", "Kidney damage ("),
        ("低钾血症", "高钙血症"),
        ("low potassium", "High potassium ("),
    ],
)
def test_a_side_effect_of_another_organ_or_the_opposite_one_is_not_near(
    query: str, other: str
) -> None:
    r = run("show", query)
    assert r.code == 1
    assert "near it" not in r.err and "相近的文章" not in r.err, r.err
    assert other not in r.err.split("articles that mention it")[0]


def test_a_name_holding_an_articles_name_still_lists_it_as_near() -> None:
    r = run("show", "melanoma skin cancer")
    assert "articles near it: Skin cancer ('tacref show NAME'); about cancer risk" in r.err
    assert r.err.count("Skin cancer") == 1  # not listed twice


# -- 20 §1: the same words in both languages for a disease tacref has no article on ---


@pytest.mark.parametrize(
    ("en", "zh"),
    [
        ("multiple sclerosis", "多发性硬化"),
        ("ankylosing spondylitis", "强直性脊柱炎"),
        ("pemphigus", "天疱疮"),
    ],
)
def test_a_real_disease_tacref_has_no_article_on_is_said_alike_in_both_languages(
    en: str, zh: str
) -> None:
    """English said "no condition matches 'multiple sclerosis'" where Chinese said
    "tacref 还没有关于“多发性硬化”的文章"."""
    r_en, r_zh = run("show", en), run("show", zh)
    assert r_en.err == (
        f"tacref: tacref has no article on '{en}' (yet); "
        "try 'tacref list' or 'tacref search TEXT'\n"
    )
    assert r_zh.err == (
        f"tacref: tacref 还没有关于“{zh}”的文章；可试试“tacref list”或“tacref search 关键词”。\n"
    )


@pytest.mark.parametrize(("en", "zh"), [("asthma", "哮喘"), ("crohn's disease", "克罗恩病")])
def test_other_disease_names_agree_in_kind(en: str, zh: str) -> None:
    r_en, r_zh = run("show", en), run("show", zh)
    assert r_en.code == r_zh.code
    if r_en.code == 0:  # an article in both
        assert r_zh.out.splitlines()[0].endswith(f"（{r_en.out.splitlines()[0].split(' (')[0]}）")
    else:
        assert "has no article on" in r_en.err and "还没有关于" in r_zh.err


@pytest.mark.parametrize("query", ["qqqqqq", "xkcd", "zzz"])
def test_what_is_no_word_is_still_no_match(query: str) -> None:
    r = run("show", query)
    assert (
        r.err
        == f"tacref: no condition matches '{query}'; try 'tacref list' or 'tacref search TEXT'\n"
    )


# -- 20 §1 in search: the same rule ---------------------------------------------------


@pytest.mark.parametrize(
    ("words", "first"),
    [
        (
            ["pancreas", "transplant"],
            "tacref has no article on 'pancreas transplant' (yet); articles near it: Blood stem"
            " cell transplant, Bone marrow transplant, Heart transplant, Kidney transplant,",
        ),
        (
            ["胰腺移植"],
            "tacref 还没有关于“胰腺移植”的文章；"
            "相近的文章：造血干细胞移植、骨髓移植、心脏移植、肾移植、",
        ),
        (["liver", "cancer"], f"tacref has no article on 'liver cancer' (yet); {RISK_EN}"),
        (["肝癌"], f"tacref 还没有关于“肝癌”的文章；{RISK_ZH}"),
        (
            ["psoriatic", "arthritis"],
            "tacref has no article on 'psoriatic arthritis' (yet); articles near it: Psoriasis,",
        ),
        (
            ["银屑病关节炎"],
            "tacref 还没有关于“银屑病关节炎”的文章；相近的文章：银屑病、类风湿关节炎",
        ),
    ],
)
def test_search_says_first_that_tacref_has_no_article_on_it(words: list[str], first: str) -> None:
    """`search pancreas transplant` put Pancreatitis first with nothing said."""
    r = run("search", *words)
    assert r.code == 0
    assert r.out.splitlines()[0].startswith(first), r.out.splitlines()[0]
    assert len(r.out.splitlines()) > 3  # the results follow


def test_search_says_it_of_the_name_as_typed() -> None:
    """胰臟 (Taiwan's word) and a name with "of the" in it."""
    zh = run("search", "胰臟移植", "--limit", "1", env={"LANG": "zh_TW.UTF-8"}).out
    assert zh.startswith("tacref 還沒有關於「胰臟移植」的文章；相近的文章：造血幹細胞移植、")
    en = run("search", "cancer", "of", "the", "liver", "--limit", "1").out
    assert en.startswith(f"tacref has no article on 'cancer of the liver' (yet); {RISK_EN}\n")


def test_search_with_no_result_says_it_as_show_does() -> None:
    r = run("search", "胃癌")
    assert (r.code, r.out) == (1, "")
    assert r.err == f"tacref: tacref 还没有关于“胃癌”的文章；{RISK_ZH}\n"


@pytest.mark.parametrize(
    "words",
    [
        ["burning", "skin"],
        ["can", "I", "drink", "alcohol"],
        ["psoriasis", "cream"],
        ["kidney", "transplant"],
        ["vitiligo", "treatment"],
        ["白癜风怎么治疗"],
        ["白癜风治疗"],
        ["肾移植排斥"],
        ["what", "is", "pancreas", "transplant"],
        ["肝癌是什么"],
    ],
)
def test_search_says_nothing_of_the_kind_for_words_about_an_article(words: list[str]) -> None:
    r = run("search", *words)
    assert r.code == 0
    assert "no article on" not in r.out and "还没有关于" not in r.out
