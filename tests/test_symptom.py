"""tacref symptom: is it the drug, and how urgent? Tiers, several symptoms, typos, JSON."""

import json
from pathlib import Path

import pytest

from conftest import run
from tacref import context, symptoms

TIERS = ("next-visit", "today", "emergency")


def tier(*words: str) -> str:
    r = run("symptom", *words, "--json")
    assert r.code == 0, r.err
    return json.loads(r.out)["tier"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("tremor", "next-visit"),
        ("shaky hands", "next-visit"),
        ("手抖", "next-visit"),
        ("can't sleep", "next-visit"),
        ("头疼", "next-visit"),
        ("headache", "next-visit"),
        ("fever", "today"),
        ("less urine", "today"),
        ("yellow skin", "today"),
        ("black stools", "today"),
        ("worst headache ever", "emergency"),
        ("headache with confusion", "emergency"),
        ("a fit", "emergency"),
        ("seizure", "emergency"),
        ("chest pain", "emergency"),
        ("突然看不见", "emergency"),
        ("抽搐", "emergency"),
        ("racing heart", "emergency"),  # the issue's example: a heart-rhythm sign
        ("头痛还糊涂", "emergency"),
    ],
)
def test_each_symptom_gets_its_tier(words: str, expected: str) -> None:
    assert tier(words) == expected


def test_the_issues_red_flags_are_never_less_than_today() -> None:
    """Fever, much less urine, very high sugar, black stools, yellow eyes, bruising:
    today at least; a seizure, chest pain, a severe allergic reaction, sudden
    confusion, sudden loss of sight: emergency."""
    for words in ("fever", "much less urine", "black stools", "yellow eyes", "bruising"):
        assert TIERS.index(tier(words)) >= 1, words
    for words in ("seizure", "chest pain", "swollen throat", "sudden confusion", "went blind"):
        assert tier(words) == "emergency", words


def test_several_symptoms_are_one_question_and_the_most_urgent_tier_wins() -> None:
    data = json.loads(run("symptom", "shaky hands and a fever", "--json").out)
    assert data["tier"] == "today"
    assert {s["side_effect"]["id"] for s in data["symptoms"]} == {"tremor", "infections"}
    assert data["symptoms"][0]["tier"] == "today"  # most urgent first


def test_an_intensifier_makes_it_one_tier_more_urgent_and_says_why() -> None:
    r = run("symptom", "severe", "tremor")
    assert r.code == 0
    assert r.out.splitlines()[3].startswith("TODAY")
    assert "more urgent because of 'severe'" in r.out
    assert tier("手抖得厉害") == "today"


def test_a_severe_or_sudden_headache_is_an_emergency_not_one_tier_up() -> None:
    # on tacrolimus, PRES until shown otherwise (issue 19's clinical review)
    for words in ("severe headache", "worst headache of my life", "剧烈头痛", "头痛得厉害"):
        assert tier(words) == "emergency", words


def test_a_typo_is_read_as_the_word_it_is_close_to() -> None:
    data = json.loads(run("symptom", "tremer", "--json").out)
    assert data["read_as"] == "tremor"
    assert data["symptoms"][0]["side_effect"]["id"] == "tremor"


def test_an_unknown_symptom_is_exit_1_with_advice_never_silence() -> None:
    r = run("symptom", "sore elbow")
    assert r.code == 1
    assert r.out == ""
    assert r.err.startswith("tacref: If this came on suddenly or is severe, get urgent help now.")
    assert "does not know 'sore elbow' as a side effect of tacrolimus" in r.err
    assert "that does not make it harmless" in r.err


def test_an_unknown_symptom_in_chinese_is_told_in_chinese_with_the_numbers() -> None:
    r = run("symptom", "胳膊肘酸", "--lang", "zh", "--country", "CN")
    assert r.code == 1
    assert r.err.startswith("tacref: 如果症状是突然出现的或很严重，请立即求助急救。")
    assert "急救电话（CN）：120（救护车）" in r.err


def test_a_typo_close_to_two_words_takes_both_and_the_more_urgent() -> None:
    data = json.loads(run("symptom", "diarrea", "--json").out)
    assert data["read_as"] == "diarrhea, diarrhoea"
    assert data["symptoms"][0]["side_effect"]["id"] == "diarrhoea"


def test_a_typo_reading_at_exactly_the_cutoff_is_found() -> None:
    # 6 characters against 4 at ratio 0.8: a float bound once dropped these
    assert tier("视力突然下降") == "emergency"
    assert tier("眼睛又红又痛") == "today"


def test_a_chinese_typo_reading_that_drops_a_severity_character_is_raised() -> None:
    data = json.loads(run("symptom", "肚子剧痛", "--json").out)
    assert data["tier"] != "next-visit"


def test_an_intensifier_inside_the_matched_words_does_not_raise_them() -> None:
    # "getting worse" is part of the lay words, not something said about them
    assert tier("memory getting worse") == tier("getting clumsy") == "today"


def test_every_answer_ends_with_the_emergency_numbers_and_not_a_diagnosis() -> None:
    out = run("symptom", "tremor", "--country", "GB").out
    assert "Emergency numbers (GB): 999 (emergency), 111 (urgent advice" in out
    assert out.rstrip().endswith("When unsure, get help sooner rather than later.")
    zh = run("symptom", "手抖", env={"LANG": "zh_CN.UTF-8"}).out
    assert "急救电话（CN）：120（救护车）。" in zh
    assert "这不是诊断" in zh
    assert "'--country CODE' shows yours" in run("symptom", "tremor").out  # no locale
    de = json.loads(run("symptom", "tremor", "--country", "de", "--json").out)
    assert de["emergency_numbers"] == [{"number": "112", "kind": "emergency"}]


def test_chinese_question_chinese_words() -> None:
    out = run("symptom", "发烧", "尿少", "--lang", "zh").out
    assert out.splitlines()[3].startswith("今天")
    assert "匹配词: 尿少" in out and "感染" in out


def test_every_lay_word_of_every_profile_row_is_answered() -> None:
    index = context.load()
    for key, kind, route, row in index.symptom_words():
        if kind != "lay":
            continue
        answer = symptoms.check(index, key)
        found = {(f.row.form, f.row.id) for f in answer.findings}
        assert (route, row) in found or answer.tier == "emergency", (key, route, row)
        assert all(TIERS.index(f.tier) >= TIERS.index(f.row.urgency) for f in answer.findings), key


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("difficulty breathing", "emergency"),  # red flag on a today row
        ("呼吸困难", "emergency"),
        ("没有尿", "emergency"),
        ("suicidal", "emergency"),
        ("胸口刺痛", "emergency"),  # not the ointment's 刺痛 (stinging)
        ("吐了血", "emergency"),  # not 吐了 (threw up)
        ("半身麻木", "emergency"),
        ("拉肚子", "today"),
        ("short of breath", "today"),
        ("左边手脚无力", "emergency"),  # one-sided: stroke, not potassium
        ("发烧但没有尿痛", "today"),  # a denial is not "no urine"
        ("咳出血来", "emergency"),
        ("痰中带血", "today"),  # streaks alone: the same day
        ("把药吐了", "today"),
        ("fever and stomach pain", "emergency"),
        ("头疼死了", "today"),  # an intensifier overlapping the words still counts
    ],
)
def test_red_flags_and_longer_phrases_answer_more_urgently(words: str, expected: str) -> None:
    assert tier(words) == expected


def test_the_answer_names_the_words_that_set_its_tier() -> None:
    data = json.loads(run("symptom", "fever, I feel very unwell", "--json").out)
    assert data["tier"] == "emergency"
    assert data["symptoms"][0]["matched"] == "feel very unwell"  # not "fever" (today)


def test_read_more_names_the_article_about_the_symptom_only() -> None:
    articles = {s["side_effect"]["id"]: s["articles"] for s in _answer("tremor", "fever")}
    assert articles["tremor"] == ["tremor"]
    assert articles["infections"] == []  # not thrush, which shows infections first


def _answer(*words: str) -> list[dict]:
    return json.loads(run("symptom", *words, "--json").out)["symptoms"]


@pytest.mark.parametrize(
    "words",
    ["fever and headache", "发烧，头痛", "头痛，血压很高", "swollen painful leg and breathless"],
)
def test_two_symptoms_more_urgent_together_are_an_emergency(words: str) -> None:
    found = _answer(words)
    assert all(f["tier"] == "emergency" for f in found[:2])
    assert found[0]["raised_by"] == found[1]["matched"]  # each says the other raised it


def test_each_of_a_pair_alone_keeps_its_own_tier() -> None:
    assert (tier("fever"), tier("headache")) == ("today", "next-visit")


@pytest.mark.parametrize(
    "words",
    [
        "no fever, just a headache",  # denied
        "没发烧，就是头疼",
        "cough and headache",  # a cough is not the fever the pair is about
        "I have high blood pressure and sometimes get headaches",  # a diagnosis, not a reading
    ],
)
def test_a_pair_needs_both_of_its_own_symptoms_said(words: str) -> None:
    assert tier(words) != "emergency"


def _questions() -> list[tuple[str, str, bool]]:
    lines = (Path(__file__).parent / "symptom_questions.tsv").read_text("utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    return [(row[0], row[1], len(row) > 2) for row in rows]


def test_no_question_of_the_clinical_review_is_answered_less_urgently() -> None:
    index = context.load()
    low = []
    for question, least, gap in _questions():
        try:
            got = symptoms.check(index, question).tier
        except symptoms.UnknownSymptom:
            got = "not known"
        if not gap and (got not in TIERS or TIERS.index(got) < TIERS.index(least)):
            low.append((question, got, least))
    assert low == []
