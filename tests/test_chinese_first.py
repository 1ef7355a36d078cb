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
    # the reader's own language matched: one name
    assert run("search", "vitiligo").out.splitlines()[0].startswith("Vitiligo (vitiligo)")


@pytest.mark.parametrize("lang", ["C.UTF-8", "zh_CN.UTF-8"])
def test_a_real_process_answers_a_chinese_question_in_chinese(lang) -> None:
    env = {"LANG": lang, "LC_ALL": "", "LANGUAGE": "", "TACREF_LANG": ""}
    p = run_real("show", "白癜风", env=env)
    assert p.returncode == 0, p.stderr
    assert p.stdout.startswith("白癜风（Vitiligo）")
    p = run_real("side-effects", "白癜风", env=env)
    assert p.stdout.startswith("白癜风：不良反应")
