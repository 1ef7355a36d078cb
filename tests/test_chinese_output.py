"""Chinese output as a Chinese reader expects it: Chinese punctuation where tacref
joins text (labels, Q/A, sources, regulators, separators; ASCII marks stay where the
data has them, in numbers, commands and URLs), lists in pinyin order, and Chinese
first in a bilingual article read in Chinese."""

import json
import re
from functools import cache
from pathlib import Path

import pytest
import yaml

from conftest import run

DATA = Path(__file__).parent.parent / "data"
CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
# an ASCII mark with a Chinese character next to it, or one space away
ASCII_NEXT_TO_CJK = re.compile(rf"(?<=[{CJK}]) ?[,.:;!?()\[\]]|[,.:;!?()\[\]](?= ?[{CJK}])")
# commands (tacref show x), URLs, numbers (1.5, 1,000, 10:00) keep their marks
ALLOWED = re.compile(
    r"tacref [a-z-]+(?: [^\s，。；：、）]*[^\s，。；：、）.,;:!?])*|https?://\S+|\d[.,:]\d"
)


def _ids(folder: str) -> list[str]:
    return sorted(p.stem for p in (DATA / folder).glob("*.yaml"))


@cache
def _data_text() -> str:
    """Every string of the bundled data, one a line: marks there are the data's own."""
    strings: list[str] = []

    def walk(value: object) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, dict):
            for v in value.values():
                walk(v)
        elif isinstance(value, list):
            for v in value:
                walk(v)

    for path in DATA.glob("*/*.yaml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return "\n".join(strings)


def tacref_marks(out: str) -> list[str]:
    """ASCII marks next to Chinese text that tacref put there (not the data)."""
    found = []
    for line in out.splitlines():
        masked = ALLOWED.sub(lambda m: "x" * len(m.group()), line)
        for m in ASCII_NEXT_TO_CJK.finditer(masked):
            i = m.start() + (m.group()[0] == " ")  # the mark itself
            # the data's own mark when the mark and the text on one side are the data's
            before, after = line[max(0, i - 4) : i + 1], line[i : i + 5]
            if before not in _data_text() and after not in _data_text():
                found.append(line[max(0, i - 12) : i + 12])
    return found


COMMANDS = [
    *(("show", i) for i in _ids("conditions")),
    *(("side-effects", i) for i in ("vitiligo", "kidney-transplant", "acne", "tremor")),
    *(("side-effects", i) for i in ("ointment", "capsules", "eye-suspension")),
    *(("related", i) for i in ("vitiligo", "lupus", "acne", "kidney-transplant")),
    ("forms",),
    *(("forms", i) for i in _ids("forms")),
    ("interactions",),
    *(("interactions", i) for i in _ids("interactions")),
    ("symptom", "手抖"),
    ("symptom", "发烧", "头痛"),
    ("symptom", "漏服了一次"),
    ("search", "软膏"),
    ("list",),
    ("categories",),
]


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """One index for the module: ~150 runs need not build ~150 indexes."""
    return {"TACREF_CACHE_DIR": str(tmp_path_factory.mktemp("cache"))}


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_chinese_output_has_chinese_punctuation(
    args: tuple[str, ...], cache: dict[str, str]
) -> None:
    r = run(*args, "--lang", "zh", env=cache)
    assert r.code == 0, r.err
    assert tacref_marks(r.out) == []


def test_the_scan_finds_english_marks_in_chinese_text() -> None:
    found = tacref_marks("Q: 可以用吗？\n- 指南. 某某学会, 某某出版社 (guideline)")
    assert len(found) == 4  # "Q:", ". ", ", " and " ("
    assert tacref_marks("用 tacref show 白癜风. 查看") != []
    assert tacref_marks("用“tacref show 白癜风”查看；0.1% 软膏；1,000 人") == []


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (("show", "vitiligo"), "白癜风（Vitiligo）\n"),
        (("show", "vitiligo"), "\n问：他克莫司软膏是激素吗？\n答："),
        (("show", "vitiligo"), "定位：超说明书用药\n"),
        (("show", "kidney-transplant"), "获批情况：美国FDA：普乐可复"),
        (("show", "kidney-transplant"), "获批情况：中国NMPA："),
        (
            ("show", "alopecia-areata"),
            "- 中国斑秃诊疗指南（2019）。中华医学会皮肤性病学分会毛发学组，2020（指南）\n",
        ),
        (("show", "alopecia-areata"), "Eli Lilly and Company, 2022（说明书）\n"),
        (("related", "acne"), "玫瑰痤疮（rosacea）\t"),
        (("interactions",), "柚子（pomelo）\t"),
        (("forms",), "0.03%和0.1%皮肤外用软膏（ointment）\t"),
    ],
)
def test_chinese_labels(args: tuple[str, ...], expected: str, cache: dict[str, str]) -> None:
    assert expected in run(*args, "--lang", "zh", env=cache).out


def test_english_labels_are_unchanged() -> None:
    out = run("show", "vitiligo").out
    assert out.startswith("Vitiligo (白癜风)\n")
    assert "\nQ: " in out and "\nA: " in out and "Status: off-label\n" in out
    assert "Approvals: US FDA: " in run("show", "kidney-transplant").out
    assert "\nRosacea\tinvestigational\t" in run("related", "acne").out  # its name is its id


def test_list_in_chinese_is_in_pinyin_order(cache: dict[str, str]) -> None:
    out = run("list", "--lang", "zh", env=cache).out
    names = [line.split("\t")[1] for line in out.splitlines()[1:]]
    # code-point order was 斑秃, 特应性皮炎, 狼疮性肾炎, 白癜风
    order = [names.index(n) for n in ("白癜风", "斑秃", "狼疮性肾炎", "特应性皮炎（特应性湿疹）")]
    assert order == sorted(order)
    assert names[0] == "白癜风" and names[-1].startswith("周围神经病变")
    assert names.index("干眼") < names.index("肝移植：预防移植排斥")  # gan yan < gan yi
    from tacref.index import pinyin_keys

    keys = pinyin_keys(names)
    assert keys == sorted(keys)
    listed = json.loads(run("list", "--lang", "zh", "--json", env=cache).out)["conditions"]
    ids = [r["id"] for r in listed]
    assert ids == [line.split("\t")[0] for line in out.splitlines()[1:]]


def test_without_pypinyin_the_list_still_builds(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from tacref.index import pinyin_keys

    monkeypatch.setitem(sys.modules, "pypinyin", None)  # import fails
    assert pinyin_keys(["白癜风", "斑秃"]) == ["", ""]


def test_bilingual_puts_the_chosen_language_first(cache: dict[str, str]) -> None:
    zh = run("show", "vitiligo", "--bilingual", "--lang", "zh", env=cache).out
    assert zh.startswith("白癜风（Vitiligo）\n")
    assert zh.index("摘要") < zh.index("Summary") < zh.index("关于这种疾病")
    en = run("show", "vitiligo", "--bilingual", env=cache).out
    assert en.startswith("Vitiligo (白癜风)\n")
    assert en.index("Summary") < en.index("摘要") < en.index("About the condition")


def test_bilingual_on_a_wide_terminal_has_chinese_on_the_left(cache: dict[str, str]) -> None:
    env = {**cache, "COLUMNS": "120", "NO_COLOR": "1"}
    args = ("show", "vitiligo", "--bilingual", "--section", "urgent", "--color", "always")

    def words(out: str) -> list[str]:  # the urgent frames' lines drawn, the words left
        return [w for w in out.split() if not set(w) <= set("┏┓┗┛━┃")]

    first = words(run(*args, "--lang", "zh", env=env).out)
    assert first[:6] == ["⚠", "紧急：何时需要紧急就医", "⚠", "URGENT:", "When", "to"]
    first = words(run(*args, env=env).out)
    assert first[:8] == ["⚠", "URGENT:", "When", "to", "get", "urgent", "help", "⚠"]
    assert first[8] == "紧急：何时需要紧急就医"


def test_bilingual_html_marks_each_column_with_its_language(cache: dict[str, str]) -> None:
    page = run("show", "vitiligo", "--bilingual", "--lang", "zh", "--format", "html", env=cache)
    assert '<div class="bilingual"><div lang="zh-Hans">' in page.out
    assert "<title>白癜风</title>" in page.out


# Taiwan's and Hong Kong's names of conditions (a reader's 白斑症 is vitiligo)
@pytest.mark.parametrize(
    ("query", "lang", "title"),
    [
        ("白斑症", "zh-TW", "白癜風（Vitiligo）\n"),
        ("白蝕", "zh-HK", "白癜風（Vitiligo）\n"),
        ("白蝕症", "zh-HK", "白癜風（Vitiligo）\n"),
        ("異位性皮膚炎", "zh-TW", "特應性皮炎（特應性溼疹）"),
        ("乾癬", "zh-TW", "銀屑病（Psoriasis）\n"),
        ("圓形禿", "zh-TW", "斑禿"),
        ("干癣", "zh", "银屑病（Psoriasis）\n"),
    ],
)
def test_regional_names_find_their_article(
    query: str, lang: str, title: str, cache: dict[str, str]
) -> None:
    r = run("show", query, "--lang", lang, env=cache)
    assert r.code == 0, r.err
    assert r.out.startswith(title)


def test_a_traditional_regional_name_answers_in_traditional(cache: dict[str, str]) -> None:
    r = run("show", "異位性皮膚炎", env={**cache, "LANG": "C.UTF-8"})
    assert r.code == 0, r.err
    assert r.out.startswith("特應性皮炎（特應性溼疹）")


# OpenCC's slips in medical text, put right in every region (HANT_FIXES)
@pytest.mark.parametrize("lang", ["zh-TW", "zh-HK"])
@pytest.mark.parametrize(
    ("args", "wrong", "right"),
    [
        (("side-effects", "vitiligo"), "腫脹擴充套件到嘴唇", "腫脹擴展到嘴唇"),
        (("show", "kidney-transplant"), "「外來物」併發起攻擊", "「外來物」並發起攻擊"),
        (("show", "skin-cancer"), "併為此擔心", "並為此擔心"),
        (("show", "vitiligo"), "這個過程稱為複色", "這個過程稱為復色"),
        (("show", "atopic-dermatitis"), "輕輕拍幹", "輕輕拍乾"),
        (("show", "kidney-transplant"), "1997年起獲準用於", "1997年起獲准用於"),
    ],
)
def test_traditional_output_has_no_conversion_slips(
    args: tuple[str, ...], wrong: str, right: str, lang: str, cache: dict[str, str]
) -> None:
    out = run(*args, "--lang", lang, env=cache).out
    assert wrong not in out
    assert right in out


@pytest.mark.parametrize(
    ("args", "lang", "wrong", "right"),
    [
        (("show", "vitiligo"), "zh-TW", "T細胞啟用所必需", "T細胞活化所必需"),
        (("show", "vitiligo"), "zh-HK", "T細胞啟用所必需", "T細胞激活所必需"),
        (("show", "kidney-transplant"), "zh-TW", "可逆性後部腦病綜合徵", "可逆性後部腦病症候群"),
        (("show", "kidney-transplant"), "zh-HK", "可逆性後部腦病綜合徵", "可逆性後部腦病綜合症"),
        (("show", "vitiligo"), "zh-TW", "醫生通常", "醫師通常"),
        (("symptom", "手抖"), "zh-HK", "下次複診", "下次覆診"),
        (("symptom", "手抖"), "zh-TW", "下次覆診", "下次複診"),
        (("symptom", "不存在的症状"), "zh-HK", "團隊或藥師", "團隊或藥劑師"),
        (("symptom", "不存在的症状"), "zh-TW", "藥劑師", "團隊或藥師"),
        (("show", "lupus-nephritis"), "zh-HK", "聯繫", "聯絡"),
        (("show", "kidney-transplant"), "zh-HK", "請立即去急診", "請立即去急症室"),
    ],
)
def test_each_region_has_its_own_medical_words(
    args: tuple[str, ...], lang: str, wrong: str, right: str, cache: dict[str, str]
) -> None:
    r = run(*args, "--lang", lang, env=cache)
    said = r.out + r.err
    assert wrong not in said
    assert right in said


def test_one_goes_to_see_a_doctor_in_taiwan(cache: dict[str, str]) -> None:
    out = run("show", "acne", "--lang", "zh-TW", env=cache).out
    assert "看醫生" in out and "看醫師" not in out


SLIPS = (
    *("擴充套件", "併發起", "併為", "併發熱", "複色", "拍幹", "擦幹", "獲準", "明瞭", "套件"),
    *("遲髮型", "複髮型", "髮緊", "髮花", "感嘆號樣發", "衝掉"),
)
REGIONAL_SLIPS = {
    "zh-TW": ("啟用", "物件", "程式", "綜合徵"),
    "zh-HK": ("綜合徵", "複診", "藥師", "聯繫", "去急診"),
}


@pytest.mark.parametrize("lang", ["zh-TW", "zh-HK"])
def test_no_article_text_has_a_known_slip(lang: str) -> None:
    """Every Chinese string of the data, converted as the index converts it."""
    from tacref.i18n import HANT
    from tacref.index import _converted

    text = "\n".join(_converted(_data_text().splitlines(), HANT[lang]))
    found = [w for w in (*SLIPS, *REGIONAL_SLIPS[lang]) if w in text]
    assert found == []


def test_brands_are_spelled_in_the_region_characters(cache: dict[str, str]) -> None:
    tw = run("forms", "--lang", "zh-TW", env=cache).out
    assert "Prograf、普樂可復、プログラフ" in tw and "普乐可复" not in tw
    assert "商品名：Prograf、普樂可復" in run("forms", "普樂可復", "--lang", "zh-HK", env=cache).out
    assert "普乐可复" in run("forms", "--lang", "zh", env=cache).out


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        ("zh", "可试试“tacref list”或“tacref search 关键词”。\n"),
        ("zh-TW", "可試試「tacref list」或「tacref search 關鍵字」。\n"),
        ("zh-HK", "可試試「tacref list」或「tacref search 關鍵詞」。\n"),
    ],
)
def test_no_such_condition_hints_at_a_keyword(lang: str, said: str, cache: dict[str, str]) -> None:
    r = run("show", "不存在的病", "--lang", lang, env=cache)
    assert r.code == 1
    assert r.err.endswith(said)


@pytest.mark.parametrize("lang", ["zh-TW", "zh-HK"])
def test_the_traditional_footer_says_only_the_simplified_was_reviewed(
    lang: str, cache: dict[str, str]
) -> None:
    out = run("show", "vitiligo", "--lang", lang, env=cache).out
    assert "本文由簡體中文自動轉換（OpenCC），只有簡體原文經過審核。" in out


@pytest.mark.parametrize(
    ("lang", "oral", "iv"),
    [
        ("en", "oral", "IV infusion"),
        ("zh", "口服", "静脉输注"),
        ("zh-TW", "口服", "靜脈輸注"),
        ("zh-HK", "口服", "靜脈輸注"),
    ],
)
def test_each_product_says_its_own_route(
    lang: str, oral: str, iv: str, cache: dict[str, str]
) -> None:
    out = run("forms", "--lang", lang, env=cache).out
    routes = {
        re.search(r"[(（]([a-z-]+)[)）]$", cells[0]).group(1): cells[2]
        for cells in (line.split("\t") for line in out.splitlines()[1:8])
    }
    assert routes["extended-release-tablets"] == routes["granules"] == routes["capsules"] == oral
    assert routes["infusion"] == iv


@pytest.mark.parametrize(
    ("name", "lang", "line"),
    [
        ("granules", "en", "Route: oral (acts on the whole body)\n"),
        ("infusion", "en", "Route: IV infusion (acts on the whole body)\n"),
        ("granules", "zh-TW", "給藥途徑：口服（作用於全身）\n"),
        ("infusion", "zh-HK", "給藥途徑：靜脈輸注（作用於全身）\n"),
    ],
)
def test_one_product_says_how_it_is_given(
    name: str, lang: str, line: str, cache: dict[str, str]
) -> None:
    assert line in run("forms", name, "--lang", lang, env=cache).out


@pytest.mark.parametrize(
    ("query", "lang", "first", "row"),
    [
        (
            "軟膏副作用",
            "zh-TW",
            "特應性皮炎（特應性溼疹）（atopic-dermatitis）",
            "不良反應：塗藥處燒灼感或刺痛。",
        ),
        (
            "軟膏副作用",
            "zh-HK",
            "特應性皮炎（特應性濕疹）（atopic-dermatitis）",
            "不良反應：塗藥處燒灼感或刺痛。",
        ),
        (
            "软膏副作用",
            "zh",
            "特应性皮炎（特应性湿疹）（atopic-dermatitis）",
            "不良反应：涂药处烧灼感或刺痛。",
        ),
        (
            "ointment side effects",
            "en",
            "Atopic dermatitis (atopic eczema)",
            "Side effects: Burning or stinging where the ointment is put on.",
        ),
    ],
)
def test_ointment_side_effects_show_its_common_rows_approved_use_first(
    query: str, lang: str, first: str, row: str, cache: dict[str, str]
) -> None:
    out = run("search", query, "--lang", lang, env=cache).out
    blocks = [b for b in out.split("\n\n") if "\n---" in b or "\n  " in b]
    titles = [line for line in out.splitlines() if " · " in line]
    assert titles[1].startswith(first)  # after the ointment product itself
    snippets = [line.strip() for line in out.splitlines() if line.startswith("  ")]
    shown = [s for s in snippets if s.startswith(row.split("：")[0].split(":")[0])]
    assert len(shown) >= 3 and all(s.replace("…", "").startswith(row) for s in shown), blocks
    assert "不一定由軟膏引起" not in out and "not list them as side effects" not in out


def test_a_chinese_snippet_is_not_cut_inside_a_word(cache: dict[str, str]) -> None:
    from tacref.queries import _whole_words

    text = "使用不含他克莫司的软膏基质的人也差不多同样多；欧盟说明书也未将其列为软膏的副作用。"
    start, end = _whole_words(text, text.index("司"), text.index("副") + 1)
    assert (
        text[start:end]
        == "使用不含他克莫司的软膏基质的人也差不多同样多；欧盟说明书也未将其列为软膏的副作用。"
    )
    out = run("search", "白癜風怎麼治療", env=cache).out
    assert "摘要：他克莫司軟膏可以幫助白癜風白斑復色" in out


@pytest.mark.parametrize(("lang", "word"), [("zh-TW", "症候群"), ("zh-HK", "綜合症")])
def test_a_regional_word_tacref_prints_can_be_searched(lang: str, word: str) -> None:
    found = run("search", word, "--lang", lang)
    assert found.code == 0 and "nephrotic-syndrome" in found.out


def test_a_chinese_faq_snippet_joins_question_and_answer_without_a_space() -> None:
    out = run("search", "可以喝酒吗").out
    assert "能喝酒吗？可以" in out and "？ " not in out
