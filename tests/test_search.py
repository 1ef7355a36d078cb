"""`tacref search`: why each result matched (issue 20 §5) and unspaced, traditional
and full-width queries (issue 21), as a user sees them."""

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import run, run_real
from tacref import context, names, queries


@pytest.fixture(scope="module")
def shared_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("search-cache")


@pytest.fixture(autouse=True)
def one_index(isolated: Path, shared_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """One index for the module: these tests only read it (each build takes seconds)."""
    monkeypatch.setenv("TACREF_CACHE_DIR", str(shared_cache))


@pytest.fixture(scope="module")
def index(shared_cache: Path):
    from tacref.index import open_index

    return open_index(context.data_dirs(None), context.schema_path(), shared_cache)


def found(*query: str, limit: int = 20) -> dict:
    r = run("search", *query, "--json", "--limit", str(limit))
    assert r.code in (0, 1), r.err
    return json.loads(r.out)


def ids(*query: str, limit: int = 20) -> list[str]:
    return [h["id"] for h in found(*query, limit=limit)["results"]]


# -- Issue 20 §5: the snippet shows why a result matched --------------------------


def test_can_i_drink_alcohol_answers_with_alcohol_and_shows_it() -> None:
    data = found("can", "I", "drink", "alcohol")
    assert data["words"] == ["drink", "alcohol"]  # "can" and "I" tell nothing apart
    assert data["results"][0]["id"] == "alcohol"
    for hit in data["results"]:
        assert {h.lower() for h in hit["highlights"]} & {"alcohol", "drink"}, hit
        assert "alcohol" in hit["snippet"].lower() or "drink" in hit["snippet"].lower()


def test_burning_skin_marks_both_words() -> None:
    results = found("burning skin")["results"]
    assert results
    for hit in results[:5]:
        marked = {h.lower() for h in hit["highlights"]}
        assert any(m.startswith("burn") for m in marked) and "skin" in marked, hit


def test_the_terminal_shows_both_words_highlighted() -> None:
    out = run("search", "burning skin", "--limit", "1", "--color", "always").out
    assert out.count("\x1b[1;7m") >= 2  # bold reverse: each marked word


def test_kidney_shows_text_not_an_id() -> None:
    results = found("kidney")["results"]
    assert {"kidney-damage", "kidney-transplant"} <= {h["id"] for h in results}
    for hit in results:
        assert hit["snippet"] != hit["id"]
        assert "kidney" in hit["snippet"].lower()
        assert hit["matched_in"]["field"] != "names"  # its name is in the title already


def test_a_long_question_about_vitiligo_finds_vitiligo_first() -> None:
    question = (
        "I have white patches on my skin that are spreading, can tacrolimus ointment help"
        " my vitiligo"
    )
    conditions = [h["id"] for h in found(question)["results"] if h["kind"] == "condition"]
    assert conditions[0] == "vitiligo"
    assert "melasma" not in conditions[:2]


def test_an_alias_shows_the_names_line() -> None:
    for query, other in (("白驳风", "白癜风"), ("leukoderma", "Vitiligo")):
        hit = found(query)["results"][0]
        assert hit["id"] == "vitiligo"
        assert hit["matched_in"]["field"] == "names"
        assert other in hit["snippet"]  # the article's name, beside the alias
        assert [h.lower() for h in hit["highlights"]] == [query.lower()]
    line = run("search", "白驳风").out.splitlines()[3]
    assert line.startswith("  名称：白癜风 · ")  # a Chinese line, with a Chinese colon


def test_when_no_article_holds_every_word_it_says_so_and_ranks_by_how_many() -> None:
    data = found("burning", "qqqzzz")
    assert not data["every_word"]
    assert data["missing"] == ["qqqzzz"]
    assert data["results"] and all(h["words"] == ["burning"] for h in data["results"])
    r = run("search", "burning", "qqqzzz")
    assert r.code == 0
    first = r.out.splitlines()[:3]
    assert (
        first[0]
        == "No article holds every word (burning, qqqzzz): those holding the most come first."
    )
    assert first[2] == "No article holds: qqqzzz."


def test_ranked_by_how_many_words_each_holds() -> None:
    results = found("pregnancy", "grapefruit", "shingles", "zzqqxx")["results"]
    counts = [len(h["words"]) for h in results if h["kind"] == "condition"]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 2


def test_the_count_and_how_to_see_more() -> None:
    data = found("skin", limit=3)
    assert len(data["results"]) == 3 and data["total"] > 3
    last = run("search", "skin", "--limit", "3").out.splitlines()[-1]
    assert last == f"3 of {data['total']} results; --limit to see more"
    assert run("search", "白驳风", "--lang", "en").out.splitlines()[-1] == "1 result"
    assert run("search", "白驳风").out.splitlines()[-1] == "共1条结果"  # asked in Chinese
    zh = run("search", "skin", "--limit", "3", "--lang", "zh").out.splitlines()[-1]
    assert zh == f"共{data['total']}条结果，显示前3条；用 --limit 查看更多"


def test_every_result_counted_is_one_a_larger_limit_shows() -> None:
    small, large = found("skin", limit=3), found("skin", limit=500)
    assert small["total"] == large["total"] == len(large["results"])


# -- Issue 21: unspaced Chinese, traditional and full-width queries ----------------


@pytest.mark.parametrize(
    ("query", "words", "first"),
    [
        ("白癜风怎么治疗", ["白癜风", "治疗"], "vitiligo"),
        ("他克莫司西柚", ["他克莫司", "西柚"], "grapefruit"),
        ("可以喝酒吗", ["喝酒"], "alcohol"),
        ("他克莫司能和西柚一起吃吗", ["他克莫司", "西柚"], "grapefruit"),
    ],
)
def test_unspaced_chinese_questions(query: str, words: list[str], first: str) -> None:
    data = found(query)
    assert data["words"] == words
    assert data["results"][0]["id"] == first
    assert data["every_word"]


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ("软膏副作用", ["软膏", "副作用"]),  # not 副作 and the particle 用
        ("孕妇能用吗", ["孕妇"]),
        ("我过敏了", ["过敏"]),  # 我 opens, 了 ends the question; 过 is no particle here
        ("副作用的", ["副作用"]),
        ("小孩可以用吗", ["儿童"]),  # the articles' word for it
        ("小朋友能用吗", ["儿童"]),
    ],
)
def test_unspaced_chinese_finds_articles_holding_its_words(query: str, words: list[str]) -> None:
    data = found(query)
    assert data["words"] == words
    assert data["results"] and data["every_word"]
    for hit in data["results"]:
        if hit["matched_in"]["field"] == "names":  # a name that starts with the query
            continue
        assert set(hit["words"]) == set(words)
        said = [s for w in words for s in (w, *names.NEAR_WORDS.get(w, ()))]  # 孕妇: 怀孕
        heading = {
            "副作用",
            "软膏",
        }  # 不良反应 (软膏): the words a side-effect table's heading says
        if hit["matched_in"]["field"] == "side_effects" and set(words) <= heading:
            snippet = hit["snippet"]  # the table's first rows: the ointment's, if asked for
            assert (
                snippet.lstrip("…").startswith("涂药处") if "软膏" in words else snippet[0] != "…"
            )
            continue
        assert any(s in hit["snippet"] for s in said)


def test_unknown_words_between_particles_are_read_whole(index) -> None:
    assert not index.known_words(["副作用", "孕妇"])  # words of the articles, not names
    for query in ("孕妇能用吗", "软膏副作用", "副作用的", "能副作用吗"):
        spaced = queries.search(index, " ".join(queries.query_words(index, query)))
        assert queries.search(index, query).words == spaced.words


def test_unspaced_is_spaced() -> None:
    for unspaced, spaced in (("白癜风怎么治疗", "白癜风 怎么 治疗"), ("软膏副作用", "软膏 副作用")):
        assert ids(unspaced) == ids(*spaced.split())


@pytest.mark.parametrize(
    ("variant", "plain"),
    [
        ("ｐｒｅｇｎａｎｃｙ", "pregnancy"),  # a Chinese input method in full-width mode
        ("白癜風", "白癜风"),  # traditional
        ("白癜風怎麼治療", "白癜风怎么治疗"),
        ("vitiligo\u200b", "vitiligo"),  # a zero-width space pasted with it
        ("vit\u00adiligo", "vitiligo"),  # a soft hyphen
        ("濕疹", "湿疹"),
    ],
)
def test_variants_find_the_same_articles(variant: str, plain: str) -> None:
    assert ids(plain)
    assert ids(variant) == ids(plain)


def test_a_chinese_search_compiles_no_character_class() -> None:
    run("list")  # the index is built (that compiles them, once)
    names._punctuation.cache_clear()
    names._cjk_or_other.cache_clear()
    r = run("search", "白癜风怎么治疗")
    assert r.code == 0
    assert names._punctuation.cache_info().currsize == 0
    assert names._cjk_or_other.cache_info().currsize == 0


def test_chinese_search_as_a_process() -> None:
    p = run_real("search", "白癜风怎么治疗", "--limit", "2")
    assert p.returncode == 0, p.stderr
    lines = p.stdout.splitlines()
    assert lines[0].startswith("白癜风（vitiligo）")  # asked in Chinese, answered in Chinese
    assert "白癜风" in lines[3] and "治疗" in lines[3]
    assert lines[-1].endswith("用 --limit 查看更多")


def test_json_of_a_search() -> None:
    data = found("白癜风怎么治疗")
    assert set(data) >= {"query", "words", "every_word", "missing", "total", "results"}
    hit = data["results"][0]
    assert hit["snippet"] and set(hit["highlights"]) <= {"白癜风", "治疗"}
    assert hit["words"] == ["白癜风", "治疗"]


# -- Properties: a query and its variants find the same articles ------------------

# Words the index knows (names, aliases, brands, headings): a query of them, with or
# without spaces, is read the same. (Two words it does not know, side by side with
# no particle between, may be cut elsewhere: 孕妇副作用 is read as 孕妇副 + 作用.)
PIECES = [
    "白癜风",
    "湿疹",
    "软膏",
    "西柚",
    "他克莫司",
    "喝酒",
    "狼疮",
    "不良反应",
    "斑秃",
    "肝移植",
]
PARTICLES = ["吗", "怎么", "可以", "能", "的", "呢"]


def _full_width(text: str) -> str:
    return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in text)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.sampled_from(PIECES + PARTICLES), min_size=1, max_size=4, unique=True).filter(
        lambda ws: any(w in PIECES for w in ws)
    ),
    st.sampled_from(["spaced", "traditional", "full-width"]),
)
def test_a_query_and_its_variants_find_the_same_articles(index, pieces, variant) -> None:
    import opencc

    query = "".join(pieces)
    if variant == "spaced":
        other = " ".join(pieces)
    elif variant == "traditional":
        other = opencc.OpenCC("s2t").convert(query)
    else:
        other = _full_width(query) + " ＳＫＩＮ"
        query += " skin"
    a, b = queries.search(index, query, 50), queries.search(index, other, 50)
    assert [h.summary.id for h in a.hits] == [h.summary.id for h in b.hits], (query, other)
    assert [w.lower() for w in a.words] == [w.lower() for w in b.words]


@settings(
    max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.text(
        alphabet=st.sampled_from("白癜风湿疹软膏副作用吗怎么可以能的呢 xs\u200b，"), max_size=30
    )
)
def test_any_chinese_text_searches_cleanly(index, text: str) -> None:
    from tacref.errors import UsageError

    try:
        result = queries.search(index, text)
    except UsageError:
        assert not names.clean_query(text).split()
    else:
        assert len({h.summary.id for h in result.hits}) == len(result.hits)
        assert result.total >= len(result.hits)
        for hit in result.hits:
            assert len(hit.snippet) % 2 == 1  # text, word, text, ..., text


@pytest.mark.parametrize(
    ("sql", "query", "row"),
    [
        (
            "DELETE FROM search_fold WHERE char = '風'",
            "白癜風",
            "SELECT 1 FROM search_fold WHERE char = '風'",
        ),
        (
            "DELETE FROM search_word WHERE key = '白癜风'",
            "白癜风怎么治疗",
            "SELECT 1 FROM search_word WHERE key = '白癜风'",
        ),
        (
            "UPDATE search_word SET key = '白癜' WHERE key = '白癜风'",
            "白癜风怎么治疗",
            "SELECT 1 FROM search_word WHERE key = '白癜风'",
        ),
    ],
)
def test_a_deleted_or_changed_search_row_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, sql: str, query: str, row: str
) -> None:
    import sqlite3

    monkeypatch.setenv("TACREF_CACHE_DIR", str(tmp_path))  # its own index, to damage
    before = run("search", query, "--json").out
    (built,) = tmp_path.glob("index-*.sqlite")
    with sqlite3.connect(built) as conn:
        conn.execute(sql)
    assert run("search", query, "--json").out == before
    (rebuilt,) = tmp_path.glob("index-*.sqlite")
    with sqlite3.connect(rebuilt) as conn:
        assert conn.execute(row).fetchall() == [(1,)]  # the damaged index was rebuilt


def test_an_articles_rows_are_numbered_together(index) -> None:
    """count_articles counts an article's rows as one by their numbers."""
    rows = index._rows("SELECT rowid, article FROM doc ORDER BY rowid")
    by_number: dict[int, set[str]] = {}
    for rowid, article in rows:
        by_number.setdefault((rowid - 1) // 2, set()).add(article)
    assert all(len(a) == 1 for a in by_number.values())
    assert len(by_number) == len({a for _, a in rows})


# -- Session 6: ranking and fallback (review newuser-20-21, 20 §5 and 21 item 3) ------


@pytest.mark.parametrize("query", ["SLE", "sle", "ＳＬＥ"])
def test_an_abbreviation_is_a_whole_name_not_the_start_of_a_longer_word(query: str) -> None:
    found_ids = ids(query)
    assert found_ids[0] == "lupus"
    assert "insomnia" not in found_ids  # "sle" is not the start of "sleeplessness" here


def test_the_start_of_a_name_still_finds_it() -> None:
    assert {"kidney-damage", "kidney-transplant"} <= set(ids("kid"))
    assert ids("白癜")[0] == "vitiligo"


def test_two_letters_are_no_start_of_a_brand() -> None:
    kinds = {h["kind"] for h in found("ad")["results"]}
    assert kinds <= {"condition"}  # not Adoport (capsules), Adalat, Advil


def test_a_name_and_a_word_no_article_holds_fall_back_like_chinese() -> None:
    for query, first in (
        ("vitiligo xylophone", "No article holds every word"),
        ("白癜风 xylophone", "没有文章包含全部词语"),
    ):
        r = run("search", *query.split())
        assert r.code == 0, r.err
        assert r.out.startswith(first)
        assert "vitiligo" in r.out
    r = run("search", "vitilgo", "burning")  # a misspelt word still asks what was meant
    assert r.code == 1 and "did you mean: vitiligo?" in r.err


@pytest.mark.parametrize("question", ["西柚汁能喝吗", "西柚能吃吗", "他克莫司和西柚汁可以一起吃吗"])
def test_an_interactions_question_drops_its_particles(question: str) -> None:
    r = run("interactions", question)
    assert r.code == 0, r.err
    assert r.out.startswith("西柚（葡萄柚）及西柚汁")


def test_an_unknown_agent_asked_as_a_question_is_still_not_called_safe() -> None:
    r = run("interactions", "木琴能吃吗")
    assert r.code == 1
    assert "不在 tacref 的列表中并不代表与他克莫司同用是安全的" in r.err


def test_an_unspaced_chinese_query_of_held_pieces_finds_what_english_does() -> None:
    data = found("胰腺移植")
    assert data["words"] == ["胰腺", "移植"]
    assert ids("胰腺移植")[0] == ids("pancreas transplant")[0] == "pancreatitis"
    assert run("search", "胰腺移植").code == 0


SYSTEMIC_ONLY = {"hirsutism", "tremor", "headache", "hypomagnesemia", "insomnia", "seizures"}


@pytest.mark.parametrize("query", ["软膏副作用", "ointment side effects"])
def test_the_ointments_side_effects_come_before_articles_that_only_mention_it(
    query: str,
) -> None:
    results = found(query)["results"]
    assert (results[0]["kind"], results[0]["id"]) == ("product", "ointment")
    top = [h["id"] for h in results[1:11]]
    assert not SYSTEMIC_ONLY & set(top), top  # "the ointment's label does not list it"


def test_a_heading_that_says_the_words_ranks_above_text_that_mentions_them(index) -> None:
    summary = {s.id: s for s in index.summaries(["vitiligo", "hirsutism"])}
    placed = queries._Where(["软膏", "副作用"])
    where = {}
    for article_id in summary:
        (m,) = [m for m in index.docs_of(article_id) if m.lang == "zh"]
        where[article_id] = placed(summary[article_id], "zh", index.sections(m))[0]
    assert where["vitiligo"] < where["hirsutism"]  # its side-effect table is the ointment's


@pytest.mark.parametrize("query", ["孕妇能用吗", "怀孕可以用吗", "pregnant can I use it"])
def test_a_pregnancy_question_finds_pregnancy_content_first(query: str) -> None:
    results = found(query)["results"]
    assert results[0]["id"] in {"lupus", "lupus-nephritis", "melasma"}, results[0]
    assert results[0]["id"] != "high-blood-pressure"
    marked = "".join(results[0]["highlights"])
    assert "孕" in marked or "pregnan" in marked.lower()


def test_the_names_line_shows_no_japanese_name_unless_asked_by_it() -> None:
    assert "エ" not in run("search", "SLE").out
    assert "全身性エリテマトーデス" in run("search", "全身性エリテマトーデス").out


def test_where_the_words_meet_costs_one_reading_per_candidate(index, monkeypatch) -> None:
    """Ranking reads each candidate's sections once (the snippet reuses them)."""
    reads: list[str] = []
    real = index.sections
    monkeypatch.setattr(index, "sections", lambda m: reads.append(m.article) or real(m))
    queries.search(index, "软膏副作用", limit=20)
    assert reads and len(reads) == len(set(reads))


def test_a_name_the_query_holds_is_no_correction_but_a_misspelt_one_is() -> None:
    r = run("search", "liver", "transplnt")
    assert (r.code, r.err) == (
        1,
        "tacref: nothing matches 'liver transplnt'; did you mean: liver-transplant?\n",
    )
    r = run("search", "vitiligo", "xylophone", "--json")
    assert r.code == 0 and json.loads(r.out)["missing"] == ["xylophone"]
    assert run("search", "vitiligo", "xylophone").err == ""


@pytest.mark.parametrize("query", ["软膏副作用", "ointment side effects", "孕妇能用吗"])
def test_a_smaller_limit_shows_the_first_of_a_larger_one(query: str) -> None:
    assert ids(query, limit=5) == ids(query, limit=20)[:5]


def test_the_snippet_shows_where_the_words_meet() -> None:
    results = found("ointment side effects", limit=5)["results"]
    fields = [h["matched_in"]["field"] for h in results if h["kind"] == "condition"]
    assert fields and all(f == "side_effects" for f in fields), fields


@pytest.mark.parametrize("query", ["小孩可以用吗", "can my child use it"])
def test_a_question_about_children_finds_what_the_articles_say_of_children(query: str) -> None:
    top = found(query, limit=5)["results"]
    assert all(
        {"儿童", "孩子", "child", "children"} & {w.lower() for w in hit["highlights"]}
        for hit in top
    ), top


HELD = ["胰腺", "移植", "肝脏", "皮肤", "头发", "血压", "孕妇"]


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(HELD), min_size=2, max_size=3, unique=True))
def test_words_the_articles_hold_run_together_are_cut_into_held_pieces(index, pieces) -> None:
    """胰腺移植 as 胰腺 移植: when the run is no word of its own, it is cut into
    pieces each held by some article, which together are the whole run."""
    run_together = "".join(pieces)
    if index.knows(run_together) or index.known_words([run_together]):
        return
    result = queries.search(index, run_together, 50)
    assert "".join(result.words) == run_together
    assert len(result.words) >= 2 and all(index.knows(w) for w in result.words)
    assert result.hits  # the most words, if not every one
