"""Property tests: any input gives an answer or a clean error, never a crash."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tacref import context, queries
from tacref.errors import TacrefError
from tacref.i18n import resolve_language
from tacref.names import normalize, words
from tacref.sanitize import printable, without_ignorable


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory):
    from tacref.index import open_index

    return open_index(context.data_dirs(None), context.schema_path(), tmp_path_factory.mktemp("c"))


@given(st.text())
def test_normalize_is_idempotent(s: str) -> None:
    assert normalize(normalize(s)) == normalize(s)


@given(st.text(), st.sampled_from([" ", "-", "_", "'", "\u2019", "\t", "."]))
def test_separators_and_case_do_not_matter(s: str, sep: str) -> None:
    assert normalize(s.upper()) == normalize(s.lower()) or s.upper().lower() != s.lower()
    assert normalize(sep.join(s)) == normalize(s)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=300))
def test_resolve_answers_or_raises_cleanly(index, query: str) -> None:
    try:
        found = queries.resolve(index, query)
    except TacrefError as exc:
        assert exc.message and "\n" not in exc.message
    else:
        assert index.article(found) is not None


# A query of many short words takes the slower path (ranked by how many words each
# article holds); on a shared two-core machine that passed 200 ms. Speed is the
# benchmark's to judge; this test is about answers.
@settings(
    max_examples=300,
    deadline=1000,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.text(max_size=300))
def test_search_answers_or_raises_cleanly(index, text: str) -> None:
    try:
        hits = queries.search(index, text).hits
    except TacrefError:  # only when nothing visible is asked (a soft hyphen is nothing)
        assert not words(without_ignorable(text))
    else:
        assert len(hits) <= 20
        assert len({h.summary.id for h in hits}) == len(hits)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.sampled_from(["vitiligo", "SLE", "白癜风", "alopecia areata", "eczema"]), st.data())
def test_any_casing_and_spacing_of_a_known_name_resolves(index, name: str, data) -> None:
    variant = "".join(c.upper() if data.draw(st.booleans()) else c for c in name)
    variant = variant.replace(" ", data.draw(st.sampled_from([" ", "-", "  ", "_"])))
    assert queries.resolve(index, variant) == queries.resolve(index, name)


@given(st.text())
def test_printable_leaves_no_terminal_control(s: str) -> None:
    out = printable(s)
    assert not any((ord(c) < 32 and c not in "\n\t") or 0x7F <= ord(c) <= 0x9F for c in out)


@pytest.mark.parametrize(
    ("flag", "env", "expected"),
    [
        ("zh", {"LANG": "en_US.UTF-8"}, "zh"),
        (None, {"TACREF_LANG": "zh", "LANG": "en_US.UTF-8"}, "zh"),
        (None, {"LANGUAGE": "zh_CN:en", "LANG": "en_US.UTF-8"}, "zh"),
        (None, {"LC_ALL": "zh_TW.UTF-8"}, "zh-TW"),  # traditional characters (issue 21)
        (None, {"LANG": "zh_CN.GB18030"}, "zh"),
        (None, {"LC_ALL": "C", "LANG": "zh_CN.UTF-8"}, "zh"),
        (None, {"LANG": "POSIX"}, "en"),
        (None, {"LANG": "fr_FR.UTF-8"}, "en"),
        (None, {}, "en"),
        (None, {"LC_MESSAGES": "zh_CN", "LANG": "en_GB"}, "zh"),
    ],
)
def test_language_resolution(flag: str | None, env: dict[str, str], expected: str) -> None:
    assert resolve_language(flag, env) == expected


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_any_chinese_phrase_from_an_article_finds_it(index, data) -> None:
    import re

    article = index.article(data.draw(st.sampled_from([s.id for s in index.summaries()])))
    text = article.text["zh"].sections[
        data.draw(st.sampled_from(sorted(article.text["zh"].sections)))
    ]
    runs = [r for r in re.findall(r"[\u4e00-\u9fff]{2,}", text)]
    run = data.draw(st.sampled_from(runs))
    start = data.draw(st.integers(0, len(run) - 2))
    phrase = run[start : start + data.draw(st.integers(2, min(6, len(run) - start)))]
    found = {h.summary.id for h in queries.search(index, phrase, limit=500).hits}
    assert article.id in found, phrase


def test_every_unicode_space_separates_nothing() -> None:
    spaces = [chr(c) for c in range(0x110000) if chr(c).isspace()]
    assert all(normalize(f"a{s}b") == "ab" for s in spaces)


@given(st.text(alphabet=st.sampled_from("ab é白癜风皮肤\u3042\uac00\n")))
def test_both_ways_of_spacing_cjk_give_the_same_tokens(s: str) -> None:
    from tacref.names import _spaced_cjk, _split_cjk

    assert _split_cjk(s).split() == s.translate(_spaced_cjk()).split()


@given(st.text(alphabet=st.sampled_from("ab é·，。、“”—白癜风皮肤\u3042\n")))
def test_index_tokens_are_cjk_characters_latin_words_and_a_break_per_mark(s: str) -> None:
    from tacref.names import BREAK, index_tokens

    expected = []
    for word in s.replace("\n", " ").split():
        for part in re.findall(r"[a-zé]+|.", word):
            expected.append(BREAK if part in "·，。、“”—" else part)
    assert index_tokens(s).split() == expected


_MIXED = st.text(
    alphabet=st.sampled_from(
        [*"ab 1-,。（）ｖé白癜风", *map(chr, (0x3040, 0x30FF, 0x4E00, 0x20000, 0xAC00))]
    ),
    max_size=250,
)


@given(_MIXED)
def test_a_short_text_is_cut_into_cjk_characters_as_the_pattern_cuts_it(text: str) -> None:
    # queries and names are walked instead of compiling the large CJK pattern: the
    # same parts either way
    from tacref import names

    assert names._cjk_parts(text) == names._cjk_or_other().findall(text)
