"""Issue 21: a question in Chinese gets a Chinese answer, whatever the locale; names
are found however they are typed (traditional, full-width, accented, zero-width,
pinyin); traditional output; the interface in the reader's language."""

import pytest

from conftest import run, run_real
from tacref.i18n import resolve_language


@pytest.fixture(scope="module")
def _cache(tmp_path_factory: pytest.TempPathFactory):
    return tmp_path_factory.mktemp("cache")


@pytest.fixture(autouse=True)
def shared_cache(isolated, _cache, monkeypatch: pytest.MonkeyPatch) -> None:
    """One index for the module (built once): these tests read, never change, the data."""
    monkeypatch.setenv("TACREF_CACHE_DIR", str(_cache))


@pytest.fixture(scope="module")
def index(_cache):
    import os

    from tacref import context

    os.environ["TACREF_CACHE_DIR"] = str(_cache)
    try:
        return context.load()
    finally:
        del os.environ["TACREF_CACHE_DIR"]


NOT_CHINESE = ({"LANG": "C.UTF-8"}, {"LANG": "en_US.UTF-8"}, {})
CHINESE = ({"LANG": "zh_CN.UTF-8"},)


@pytest.mark.parametrize(
    ("flag", "env", "query", "expected"),
    [
        (None, {"LANG": "C.UTF-8"}, "白癜风", "zh"),
        (None, {"LANG": "en_US.UTF-8"}, "白癜风", "zh"),
        (None, {}, "白癜风", "zh"),
        (None, {"LANG": "en_US.UTF-8"}, "vitiligo", "en"),
        (None, {"LANG": "zh_CN.UTF-8"}, "vitiligo", "zh"),
        ("en", {"LANG": "C.UTF-8"}, "白癜风", "en"),  # an explicit --lang always wins
        (None, {"TACREF_LANG": "en"}, "白癜风", "en"),  # and so does TACREF_LANG
        (None, {"LANG": "en_US.UTF-8"}, "ｖｉｔｉｌｉｇｏ", "en"),  # not Chinese
    ],
)
def test_the_query_language_answers(flag, env, query, expected) -> None:
    assert resolve_language(flag, env, query) == expected


COMMANDS = [
    (("show", "白癜风"), "白癜风（Vitiligo）"),
    (("side-effects", "白癜风"), "白癜风：不良反应"),
    (("related", "白癜风"), "白癜风：相关疾病"),
    (("interactions", "西柚"), "西柚"),
    (("symptom", "手抖"), "是不是他克莫司引起的？手抖"),
    (("search", "白癜风"), "白癜风（vitiligo）"),
    (("forms", "普乐可复"), "每日两次的普通胶囊"),
]


@pytest.mark.parametrize("env", [NOT_CHINESE[0], NOT_CHINESE[1], CHINESE[0]])
@pytest.mark.parametrize(("args", "first"), COMMANDS)
def test_a_chinese_question_is_answered_in_chinese(env, args, first) -> None:
    result = run(*args, env=env)
    assert result.code == 0, result.err
    assert result.out.splitlines()[0].startswith(first)
    assert "Side effects" not in result.out and "Disclaimer" not in result.out
    assert "General information, not medical advice" not in result.out


@pytest.mark.parametrize("env", NOT_CHINESE)
def test_a_latin_question_outside_a_chinese_locale_stays_english(env) -> None:
    assert run("show", "vitiligo", env=env).out.startswith("Vitiligo (白癜风)")


def test_a_latin_question_under_a_chinese_locale_stays_chinese() -> None:
    assert run("show", "vitiligo", env={"LANG": "zh_CN.UTF-8"}).out.startswith("白癜风（Vitiligo）")


@pytest.mark.parametrize("env", NOT_CHINESE + CHINESE)
def test_an_explicit_lang_wins(env) -> None:
    assert run("show", "白癜风", "--lang", "en", env=env).out.startswith("Vitiligo (白癜风)")
    assert run("show", "vitiligo", "--lang", "zh", env=env).out.startswith("白癜风（Vitiligo）")


def test_a_match_in_the_other_language_shows_both_names() -> None:
    out = run("search", "白癜风", "--lang", "en").out
    assert out.splitlines()[0].startswith("Vitiligo 白癜风 (vitiligo)")
    out = run("search", "vitiligo", "--lang", "zh").out
    assert out.splitlines()[0].startswith("白癜风 Vitiligo（vitiligo）")
    # the reader's own language matched: one name, not repeated as its id
    assert run("search", "vitiligo").out.splitlines()[0].startswith("Vitiligo · ")


@pytest.mark.parametrize("lang", ["C.UTF-8", "zh_CN.UTF-8"])
def test_a_real_process_answers_a_chinese_question_in_chinese(lang) -> None:
    env = {"LANG": lang, "LC_ALL": "", "LANGUAGE": "", "TACREF_LANG": ""}
    p = run_real("show", "白癜风", env=env)
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("白癜风（Vitiligo）")
    p = run_real("side-effects", "白癜风", env=env)
    assert p.stdout.startswith("白癜风：不良反应")


# --- names however they are typed -------------------------------------------------

SPELLINGS = [
    ("白癜风", ["白癜風", "baidianfeng", "bai dian feng", "bái diàn fēng", "Bai2dian4feng1"]),
    (
        "vitiligo",
        ["vitíligo", "VITILIGO", "ｖｉｔｉｌｉｇｏ", "vitiligo\u200b", "vi\u200dtiligo\ufeff"],
    ),
    ("肾移植", ["腎移植", "shenyizhi"]),
    ("系统性红斑狼疮", ["系統性紅斑狼瘡", "红斑狼疮", "紅斑狼瘡"]),
    ("湿疹", ["濕疹", "溼疹"]),
]


@pytest.mark.parametrize(("name", "variants"), SPELLINGS)
def test_a_name_is_found_however_it_is_typed(index, name, variants) -> None:
    from tacref import queries

    meant = queries.resolve(index, name)
    for variant in variants:
        assert queries.resolve(index, variant) == meant, variant


@pytest.mark.parametrize(
    ("args", "first"),
    [
        (("show", "白癜風"), "白癜風（Vitiligo）"),
        (("show", "腎移植"), "腎移植"),
        (("show", "紅斑狼瘡"), "系統性紅斑狼瘡"),
        (("show", "濕疹"), "特應性皮炎"),
        (("show", "baidianfeng"), "Vitiligo (白癜风)"),
        (("show", "bai", "dian", "feng"), "Vitiligo (白癜风)"),
        (("show", "bái diàn fēng"), "Vitiligo (白癜风)"),
        (("show", "vitíligo"), "Vitiligo (白癜风)"),
        (("show", "vitiligo\u200b"), "Vitiligo (白癜风)"),
        (("side-effects", "白癜風"), "白癜風：不良反應"),
        (("related", "紅斑狼瘡"), "系統性紅斑狼瘡"),
        (("interactions", "葡萄柚"), "西柚"),
        (("interactions", "xiyou"), "Grapefruit"),
        (("forms", "普樂可復"), "每日兩次的普通膠囊"),
        (("forms", "puleke fu"), "Twice-daily"),
    ],
)
@pytest.mark.parametrize("env", [{"LANG": "C.UTF-8"}, {"LANG": "zh_CN.UTF-8"}])
def test_every_command_reads_every_spelling(args, first, env) -> None:
    result = run(*args, env=env)
    assert result.code == 0, result.err
    if env["LANG"].startswith("zh"):  # the locale's language; the name is the same
        return
    assert result.out.splitlines()[0].startswith(first)


def test_a_real_process_reads_traditional_and_pinyin() -> None:
    env = {"LANG": "C.UTF-8", "LC_ALL": "", "LANGUAGE": "", "TACREF_LANG": ""}
    # a question in traditional characters is answered in them (issue 21)
    assert run_real("show", "白癜風", env=env).stdout.startswith("白癜風（Vitiligo）")
    assert run_real("show", "bai dian feng", env=env).stdout.startswith("Vitiligo (白癜风)")


def _complete(line: str) -> list[str]:
    words = line.split()
    env = {
        "_TACREF_COMPLETE": "complete_bash",
        "COMP_WORDS": line,
        "COMP_CWORD": str(len(words) - 1),
    }
    return run_real(env=env).stdout.split()


def test_completion_offers_the_chinese_name_for_its_pinyin() -> None:
    assert _complete("tacref show baidian") == ["白癜风"]
    assert _complete("tacref show 白癜") == ["白癜风"]
    assert "西柚" in _complete("tacref interactions xiyou")
    assert _complete("tacref show vit") == ["vitiligo"]  # as before


# Hypothesis: every name, written the ways people type it, finds the same article.
_FULL_WIDTH = {c: chr(ord(c) + 0xFEE0) for c in map(chr, range(0x21, 0x7F))}


def _variants():
    from hypothesis import strategies as st

    return st.lists(st.sampled_from(["full-width", "accent", "zero-width", "upper"]), max_size=4)


def test_hypothesis_every_name_and_its_variants_resolve_alike(index) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from tacref import queries
    from tacref.errors import Ambiguous
    from tacref.index import _fold_table, _spellings

    names = sorted({label for _, _, label in index.all_names()})
    chinese = [n for n in names if any("\u4e00" <= c <= "\u9fff" for c in n)]
    fold = _fold_table(set())  # every traditional character (none kept)
    import opencc

    to_traditional = opencc.OpenCC("s2t")
    pinyin = dict(zip(chinese, _spellings(chinese, {}), strict=True))

    @settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.sampled_from(names), _variants(), st.integers(0, 100), st.data())
    def check(name: str, how: list[str], where: int, data) -> None:
        try:
            meant = queries.resolve(index, name)
        except Exception:  # a name two articles share is ambiguous as typed, too
            return
        text = name
        if name in chinese and data.draw(st.booleans()):
            text = to_traditional.convert(name)
        for h in how:
            if h == "full-width":
                text = "".join(_FULL_WIDTH.get(c, c) for c in text)
            elif h == "accent" and text[where % len(text)].isascii():
                i = where % len(text)
                if text[i].isalpha():
                    text = text[: i + 1] + "\u0301" + text[i + 1 :]
            elif h == "zero-width":
                i = where % (len(text) + 1)
                text = text[:i] + "\u200b" + text[i:]
            elif h == "upper":
                text = text.upper()
        assert queries.resolve(index, text) == meant, (name, text)
        if name in chinese:
            spelled = sorted(k for k in pinyin[name] if k.isascii())
            if spelled:
                typed = data.draw(st.sampled_from(spelled))
                try:
                    assert queries.resolve(index, typed) == meant, (name, typed)
                except Ambiguous:  # homophones: both are offered
                    assert meant in index.alt_ids_for_key("", typed)

    assert fold  # OpenCC is installed: the table is not empty
    check()


# --- traditional characters out ---------------------------------------------------


@pytest.mark.parametrize(
    ("flag", "env", "words"),
    [
        ("zh-Hant", {}, ["白癜風", "證據", "本文由簡體中文原文自動轉換"]),
        ("zh-TW", {}, ["白癜風", "證據"]),
        (None, {"LANG": "zh_TW.UTF-8"}, ["白癜風", "證據"]),
        (None, {"LANG": "zh_HK.UTF-8"}, ["白癜風", "證據"]),
        (None, {"LC_ALL": "zh_MO.UTF-8"}, ["白癜風"]),
    ],
)
def test_traditional_output(flag, env, words) -> None:
    args = ("show", "vitiligo", *(("--lang", flag) if flag else ()))
    out = run(*args, env=env).out
    for word in words:
        assert word in out
    assert out.startswith("白癜風（Vitiligo）")
    before_sources = out.split("資料來源")[0]  # a source keeps its published title
    assert "白癜风" not in before_sources and "证据" not in before_sources
    assert "本文由簡體中文原文自動轉換（OpenCC）" in out  # converted, and says so


def test_regional_vocabulary_and_the_zh_hant_region() -> None:
    from tacref.i18n import resolve_language

    assert resolve_language("zh-Hant", {"LANG": "zh_HK.UTF-8"}) == "zh-HK"
    assert resolve_language("zh-Hant", {"LANG": "en_US.UTF-8"}) == "zh-TW"
    assert resolve_language("zh-Hans", {"LANG": "zh_TW.UTF-8"}) == "zh"
    assert resolve_language(None, {"LANG": "zh_TW.UTF-8"}) == "zh-TW"
    tw = run("show", "vitiligo", "--lang", "zh-TW").out
    hk = run("show", "vitiligo", "--lang", "zh-HK").out
    assert tw != hk  # Taiwan's words are not Hong Kong's (s2twp, s2hk)


@pytest.mark.parametrize(
    "args",
    [
        ("side-effects", "vitiligo"),
        ("related", "vitiligo"),
        ("list",),
        ("forms", "prograf"),
        ("interactions", "grapefruit"),
    ],
)
def test_every_article_command_speaks_traditional(args) -> None:
    result = run(*args, "--lang", "zh-Hant")
    assert result.code == 0, result.err
    assert "本文由簡體中文原文自動轉換" in result.out


@pytest.mark.parametrize("env", [{"LANG": "zh_TW.UTF-8"}, {"LANG": "zh_HK.UTF-8"}])
def test_an_english_articles_names_line_spells_its_chinese_names_as_the_region(env) -> None:
    """A search that finds the English article's names line (its aliases are of both
    languages) showed 红斑狼疮 · 狼疮 in simplified characters under zh-TW/zh-HK."""
    result = run("search", "lupus", "狼疮", env=env)
    assert result.code == 0, result.err
    lines = [line for line in result.out.splitlines() if "Names：" in line]
    assert lines and all("狼瘡" in line and "狼疮" not in line for line in lines), lines
    assert any("紅斑狼瘡" in line for line in lines)
    simplified = run("search", "lupus", "狼疮", env={"LANG": "zh_CN.UTF-8"}).out
    assert "红斑狼疮 · 狼疮" in simplified  # a simplified reader sees them as written


def test_the_hot_path_converts_nothing() -> None:
    import subprocess
    import sys

    probe = (
        "import sys; sys.argv=['tacref','show','vitiligo','--lang','zh-Hant']\n"
        "from tacref.cli import main\n"
        "try: main()\nexcept SystemExit: pass\n"
        "sys.__stderr__.write(' '.join(sorted(m.split('.')[0] for m in sys.modules)))"
    )
    run_real("show", "vitiligo", "--lang", "zh-Hant")  # the index is built
    p = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=60)
    loaded = p.stderr.split()
    assert "opencc" not in loaded and "pypinyin" not in loaded and "yaml" not in loaded


def test_the_traditional_interface_words_are_current() -> None:
    from tacref.i18n import HANT, hant_words
    from tacref.i18n_hant import WORDS

    for lang in HANT:
        assert WORDS[lang] == hant_words(lang), "run scripts/hant_words.py"


# --- the interface in the reader's language ---------------------------------------


@pytest.mark.parametrize(
    ("args", "env", "said"),
    [
        (
            ("show", "狼"),
            {"LANG": "C.UTF-8"},
            "对应不止一种疾病：系统性红斑狼疮（lupus）、狼疮性肾炎",
        ),
        (("show", "lu"), {"LANG": "zh_CN.UTF-8"}, "“lu”对应不止一种疾病：肺移植"),
        (
            ("forms", "xyzzy"),
            {"LANG": "zh_CN.UTF-8"},
            "没有与“xyzzy”相符的产品；可试试",
        ),
        (("interactions", "不存在的药"), {}, "不在 tacref 的列表中并不代表与他克莫司同用是安全的"),
        (("show", "普乐可复"), {}, "“普乐可复”是产品，不是疾病"),
        (("forms", "白癜风"), {}, "“白癜风”是疾病，不是产品；请用“tacref show vitiligo”查看"),
        (
            ("list", "--status", "adverse-effect", "--category", "eye", "--lang", "zh"),
            {},
            "没有符合",
        ),
        (("show", "lu"), {"LANG": "zh_TW.UTF-8"}, "「lu」對應不止一種疾病"),
    ],
)
def test_errors_in_the_readers_language(args, env, said) -> None:
    result = run(*args, env=env)
    assert result.code != 0
    assert said in result.err, result.err


def test_errors_in_english_stay_as_they_were() -> None:
    err = run("show", "lu", env={"LANG": "en_US.UTF-8"}).err
    assert err == (
        "tacref: 'lu' matches more than one condition: Lung transplant, Lupus, "
        "Lupus nephritis; type more of the name\n"
    )


def test_the_banner_in_the_readers_language() -> None:
    zh = run(env={"LANG": "zh_CN.UTF-8"}).out
    assert "他克莫司能治什么、不能治什么" in zh and "tacref show 白癜风" in zh
    assert "他克莫司能治什麼" in run(env={"LANG": "zh_TW.UTF-8"}).out
    assert run(env={"LANG": "C.UTF-8"}).out.startswith("tacref 0.1.0: what tacrolimus is")


def test_help_in_chinese_under_a_chinese_locale() -> None:
    zh = run("--help", env={"LANG": "zh_CN.UTF-8"}).out
    assert "他克莫司（tacrolimus）离线患者参考" in zh and "命令" in zh and "选项" in zh
    assert "Commands" not in zh
    show = run("show", "--help", env={"LANG": "zh_CN.UTF-8"}).out
    assert "条目全文" in show and "参数" in show and "示例：" in show
    tw = run("show", "--help", env={"LANG": "zh_TW.UTF-8"}).out
    assert "條目全文" in tw
    assert "条目全文" in run("show", "--help", "--lang", "zh").out  # --lang says it too


def test_help_in_english_is_as_typer_makes_it_and_titles_come_back() -> None:
    run("show", "--help", env={"LANG": "zh_CN.UTF-8"})  # must not leave Chinese titles behind
    en = run("show", "--help", env={"LANG": "en_US.UTF-8"}).out
    assert "Arguments" in en and "Options" in en and "The article: status, summary" in en
    assert "参数" not in en and "条目" not in en


def test_json_names_keep_their_shape_unless_traditional_is_asked_for() -> None:
    import json

    rows = json.loads(run("list", "--json").out)["conditions"]
    assert all(set(r["names"]) == {"en", "zh"} for r in rows)
    rows = json.loads(run("list", "--json", "--lang", "zh-TW").out)["conditions"]
    vitiligo = next(r for r in rows if r["id"] == "vitiligo")
    assert vitiligo["names"]["zh-TW"] == "白癜風"
