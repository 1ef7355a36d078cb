"""Issue 21, what a Chinese reader still met in English or simplified after session 5
(docs/reviews/newuser-20-21-2026-11-28.md, "do NOT hold" 2, 2b, 4, 5): Typer's and
click's own words, option help cut with "…", traditional output outside show, and
spellings some commands did not fold."""

import re

import pytest

from conftest import run

ZH = {"LANG": "zh_CN.UTF-8"}
TW = {"LANG": "zh_TW.UTF-8"}
COMMANDS = (
    (),
    ("list",),
    ("show",),
    ("side-effects",),
    ("interactions",),
    ("symptom",),
    ("forms",),
    ("related",),
    ("search",),
    ("categories",),
    ("validate",),
)

# --- --help --------------------------------------------------------------------


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("columns", ["40", "60", "80", "120"])
def test_chinese_help_is_all_chinese_and_nothing_is_cut(command, columns) -> None:
    out = run(*command, "--help", env={**ZH, "COLUMNS": columns}).out
    assert out.count("…") == out.count("……") * 2  # only the text's own ellipsis (DE……)
    for english in ("Usage:", "Show this message", "Options", "Commands", "Arguments"):
        assert english not in out
    for english in ("[default:", "[env var:", "[required]", "A mistake in an article"):
        assert english not in out
    assert "用法：tacref" in out and "显示此帮助并退出。" in re.sub(r"[\s│]+", "", out)
    assert not re.search("[，。；：、）] +[^ │\n]", out), "a space after a full-width mark"


@pytest.mark.parametrize("env", [ZH, TW])
@pytest.mark.parametrize("columns", ["40", "60"])
def test_narrow_chinese_help_keeps_every_option_name_whole(env, columns) -> None:
    """At 40 columns Typer cut the names ("--sect…", "--bili…", "--no-…") to give
    the help a column; a name on its own line, its help below it, fits instead."""
    out = run("show", "--help", env={**env, "COLUMNS": columns}).out
    lines = [line.strip("│ ") for line in out.splitlines()]
    for names in ("--section -s <str>", "--bilingual -b", "--pager --no-pager", "--help -h"):
        assert names in lines, (names, out)
    assert "--data-dir <directory>" in lines
    assert all(len(line) <= int(columns) for line in out.splitlines())
    flat = re.sub(r"[\s│]+", "", out)
    said = {"ZH": "方便语言不通的患者与医生一起看。", "TW": "方便語言不通的患者與醫師一起看。"}
    assert said["ZH" if env is ZH else "TW"] in flat  # 醫師: Taiwan's word


def test_chinese_help_at_80_columns_keeps_typers_table() -> None:
    out = run("show", "--help", env={**ZH, "COLUMNS": "80"}).out
    assert re.search(r"│ --bilingual +-b +中英文并排显示", out), out


def test_chinese_help_says_the_whole_option_help() -> None:
    out = run("show", "--help", env=ZH).out
    flat = re.sub(r"[\s│]+", "", out)
    assert "也可用显示出来的标题，不分大小写，中英文均可（如“不良反应”“紧急”）。" in flat
    assert "方便语言不通的患者与医生一起看。" in flat
    assert "[环境变量：TACREF_DATA_DIR]" in flat and "[默认：text]" in flat


def test_traditional_help() -> None:
    out = run("validate", "--help", env=TW).out
    assert "用法：tacref validate" in out and "顯示此幫助並退出。" in out
    assert "檢查條目：每個問題按「檔案:行號: 說明」輸出" in out
    assert "發現條目有誤" in run("--help", env=TW).out
    assert "條目全文" in run("show", "--help", "--lang", "zh-Hant").out


def test_english_help_keeps_typers_words() -> None:
    run("--help", env=ZH)  # a Chinese run before must leave nothing behind
    out = run("show", "--help", env={"LANG": "C.UTF-8", "COLUMNS": "120"}).out
    assert "Usage: tacref show" in out and "Show this message and exit." in out
    assert "[default: text]" in out and "[env var: TACREF_DATA_DIR]" in out
    assert "用法" not in out and "选项" not in out and "默认" not in out
    assert 'A mistake in an article? Tell the maintainers (README: "Reporting a problem").' in (
        run("--help", env={"LANG": "en_US.UTF-8", "COLUMNS": "120"}).out
    )


# --- click's usage errors ----------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "env", "said"),
    [
        (("--bogus",), ZH, "tacref: 没有这个选项：“--bogus”；用法见“tacref --help”\n"),
        (("show",), ZH, "tacref: 缺少参数“condition”；用法见“tacref show --help”\n"),
        (("frobnicate",), ZH, "tacref: 没有这个命令：“frobnicate”；用法见“tacref --help”\n"),
        (
            ("list", "--category", "foo"),
            ZH,
            "tacref: “--category”的值无效：“foo”不是可用的类别；可选：dermatology、eye、",
        ),
        (("show", "vitiligo", "-f", "x"), ZH, "“x”不是可选值之一：text、markdown、html、json"),
        (("search", "x", "--limit", "abc"), ZH, "“--limit”的值无效：“abc”不是有效的整数"),
        (("show", "--sectio", "x"), ZH, "没有这个选项：“--sectio”（可用的选项：--section）"),
        (("show", "--section"), ZH, "选项“--section”后面需要一个值"),
        (("show", "--bogus", "--lang", "zh"), {}, "没有这个选项：“--bogus”"),
        (("show", "--bogus"), TW, "沒有這個選項：「--bogus」；用法見「tacref show --help」\n"),
        (("show", "--bogus", "--lang", "zh-Hant"), {}, "沒有這個選項：「--bogus」"),
        (("vitiligo",), ZH, "tacref: “vitiligo”不是命令；是不是想输入“tacref show vitiligo”？\n"),
        (("白癜风",), {}, "“白癜风”不是命令；是不是想输入“tacref show 白癜风”？"),
        (("show", "x", "--brief", "-s", "urgent"), TW, "--brief 和 --section 要的是兩個不同的部分"),
        (("list", "--data-dir", "/etc/passwd"), ZH, "（环境变量 TACREF_DATA_DIR）的值无效"),
    ],
)
def test_usage_errors_in_the_readers_language(args, env, said) -> None:
    result = run(*args, env=env)
    assert result.code == 2
    assert said in result.err, result.err


def test_usage_errors_in_english_as_click_says_them() -> None:
    assert run("--bogus").err == "tacref: No such option: --bogus; see 'tacref --help'\n"
    assert run("show").err == "tacref: Missing argument 'condition'; see 'tacref show --help'\n"
    err = run("list", "--category", "foo", env={"LANG": "en_US.UTF-8"}).err
    assert err.startswith("tacref: Invalid value for '--category': 'foo' is not a category; ")


# --- traditional output everywhere -------------------------------------------------

SIMPLIFIED_ONLY = re.compile("[这说发复诊们过个时间关问题药颗剂应胶帮为称]")


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (("symptom", "手抖"), TW),
        (("symptom", "手抖", "--lang", "zh-Hant"), {}),
        (("symptom", "頭髮掉"), {"LANG": "zh_HK.UTF-8"}),
        (("symptom", "忘了吃药", "--lang", "zh-TW"), {}),
        (("search", "白癜風怎麼治療"), TW),
        (("search", "紅斑"), TW),
        (("search", "他克莫司", "--lang", "zh-Hant"), {}),
        (("search", "肝移植", "--lang", "zh-Hant"), {}),
    ],
)
def test_traditional_output_outside_show(args, env) -> None:
    result = run(*args, env=env)
    assert result.code == 0, result.err
    query = args[1]
    said = result.out.replace(query, "")  # the question as typed is echoed
    assert not SIMPLIFIED_ONLY.findall(said), said


def test_traditional_symptom_words_and_concerns() -> None:
    out = run("symptom", "頭髮掉", "--lang", "zh-TW").out
    assert "匹配詞：頭髮掉得厲害" in out and "按「頭髮掉得厲害」理解" in out
    out = run("symptom", "忘了吃药", "--lang", "zh-TW").out
    assert "漏服、延遲服藥或服藥後吐藥" in out and "匹配詞：忘了吃藥" in out


def test_traditional_search_snippets_and_names() -> None:
    out = run("search", "白癜風怎麼治療", env=TW).out
    assert "摘要：他克莫司軟膏可以幫助白癜風白斑復色" in out
    assert "名稱：系統性紅斑狼瘡 · 紅斑狼瘡" in run("search", "紅斑", env=TW).out
    assert "他克莫司膠囊" in run("search", "他克莫司", "--lang", "zh-Hant").out
    assert "名稱：肝移植：預防移植排斥" in run("search", "肝移植", "--lang", "zh-Hant").out


def test_simplified_search_is_unchanged() -> None:
    out = run("search", "他克莫司").out
    assert "他克莫司胶囊" in out and "膠囊" not in out
    assert "名称：系统性红斑狼疮" in run("search", "红斑").out


def test_a_chinese_snippet_has_no_space_after_its_marks() -> None:
    out = run("search", "超说明书").out
    assert not re.search("[。？！；] ", out)
    assert run("search", "ointment", "burning").out.count(" ") > 10  # English keeps its spaces


def test_a_question_in_traditional_characters_is_answered_in_them() -> None:
    from tacref.i18n import resolve_language

    assert resolve_language(None, {"LANG": "C.UTF-8"}, "白癜風") == "zh-TW"
    assert resolve_language(None, {"LANG": "C.UTF-8"}, "白癜风") == "zh"
    assert resolve_language(None, {"LANG": "C.UTF-8"}, "乾癣") == "zh"  # simplified writes 乾
    assert resolve_language(None, {"LANG": "zh_CN.UTF-8"}, "白癜風") == "zh"  # the locale's
    out = run("show", "白癜風", env={"LANG": "C.UTF-8"}).out
    assert out.startswith("白癜風（Vitiligo）") and "本文由簡體中文自動轉換" in out


def test_the_traditional_characters_are_current() -> None:
    from tacref.i18n import traditional_chars
    from tacref.i18n_trad import TRADITIONAL

    assert frozenset(traditional_chars()) == TRADITIONAL, "run scripts/hant_words.py"


# --- normalisation everywhere ------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "first"),
    [
        ("软膏", "0.03%和0.1%皮肤外用软膏"),
        ("胶囊", "每日两次的普通胶囊"),
        ("颗粒", "口服混悬颗粒"),
        ("軟膏", "0.03%和0.1%皮膚外用軟膏"),
        ("膠囊", "每日兩次的普通膠囊"),
        ("ointment", "Ointment 0.03% and 0.1%"),
    ],
)
def test_a_form_word_names_its_product(word, first) -> None:
    result = run("forms", word, env={"LANG": "C.UTF-8"})
    assert result.code == 0, result.err
    assert result.out.startswith(first)


@pytest.mark.parametrize(
    ("category", "first_row"),
    [("皮膚科", "acne"), ("皮肤科", "acne"), ("眼科", "blepharitis")],
)
def test_a_filter_reads_traditional_labels(category, first_row) -> None:
    result = run("list", "--category", category)
    assert result.code == 0, result.err
    assert result.out.splitlines()[1].startswith(first_row)
    assert run("list", "--status", "已獲批").code == 0
    assert "緊急" in run("show", "vitiligo", "-s", "緊急", "--lang", "zh-TW").out


def _complete(line: str) -> list[str]:
    from conftest import run_real

    env = {"_TACREF_COMPLETE": "complete_bash", "COMP_WORDS": line}
    env["COMP_CWORD"] = str(len(line.split()) - 1)
    return run_real(env=env).stdout.split()


@pytest.mark.parametrize(
    ("typed", "offered"),
    [
        ("紅", ["红斑狼疮"]),
        ("濕", ["湿疹"]),
        ("ｖｉｔ", ["Vitiligo"]),
        ("vití", ["Vitiligo"]),
        ("vit", ["vitiligo"]),
    ],
)
def test_completion_folds_as_lookup_does(typed, offered) -> None:
    assert _complete(f"tacref show {typed}") == offered


def test_completion_of_a_japanese_product_name_completes_folds_and_is_typed_back() -> None:
    """Japanese brand and product names (タリムス, プログラフ) are offered like the
    others: by their first characters, half-width katakana folded as lookup folds
    it, and every one offered opens its product when typed back."""
    assert "タリムス" in _complete("tacref forms タ")
    assert _complete("tacref forms ﾀﾘ") == ["タリムス"]
    offered = _complete("tacref forms プロ")
    assert "プログラフ" in offered
    for name in [*offered, "タリムス"]:
        r = run("forms", name)
        assert r.code == 0 and r.out.strip(), (name, r.err)


def test_completion_of_a_traditional_prefix_offers_every_name() -> None:
    offered = _complete("tacref show 腎")
    assert {"肾移植", "肾毒性", "肾病综合征"} <= set(offered)


# --- small things --------------------------------------------------------------------


def test_a_title_never_nests_one_kind_of_parentheses_in_the_other() -> None:
    zh = run("show", "lupus", env=ZH).out.splitlines()[0]
    assert zh == "系统性红斑狼疮——Lupus (systemic lupus erythematosus)"
    en = run("show", "eczema").out.splitlines()[0]
    assert en == "Atopic dermatitis (atopic eczema) — 特应性皮炎（特应性湿疹）"
    assert run("show", "vitiligo").out.startswith("Vitiligo (白癜风)\n")
    assert run("show", "vitiligo", env=ZH).out.startswith("白癜风（Vitiligo）\n")


def test_chinese_messages_name_products_in_chinese_after_a_full_width_semicolon() -> None:
    err = run("show", "胰腺移植").err
    assert "tacref 还没有关于“胰腺移植”的文章；相近的文章" in err
    assert "每日两次的普通胶囊（日本）" in err and "capsules（" not in err
    assert "提到它的產品批准資訊：每日兩次的普通膠囊（日本）" in run("show", "胰腺移植", env=TW).err
    err = run("show", "pancreas", "transplant").err  # English keeps the ids a reader types
    assert "(yet); articles near it" in err and "capsules (Japan)" in err
