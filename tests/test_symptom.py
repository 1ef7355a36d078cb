"""tacref symptom: is it the drug, and how urgent? Tiers, several symptoms, typos, JSON."""

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

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
        ("racing heart", "today"),  # review 7 (X5): with a faint or chest pain, emergency
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
    data = json.loads(run("symptom", "seizur", "--json").out)
    assert data["read_as"] == "seizure"
    assert data["tier"] == "emergency"


def test_a_typo_read_as_a_next_visit_symptom_asks_instead_of_answering() -> None:
    """A guess alone must not tell someone to wait ("beating" is no "bloating")."""
    r = run("symptom", "tremer")
    assert r.code == 1
    assert "did you mean: tremor?" in r.err


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


def test_a_typo_takes_the_tier_of_what_it_is_read_as() -> None:
    data = json.loads(run("symptom", "diarrea", "--json").out)
    assert data["read_as"] == "diarrhea"
    assert data["tier"] == "today"  # diarrhoea can change the level: a red flag
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
    out = run("symptom", "发烧", "手抖", "--lang", "zh").out
    assert out.splitlines()[3].startswith("今天")
    assert "匹配词：手抖" in out and "感染" in out


def test_every_lay_word_of_every_profile_row_is_answered() -> None:
    index = context.load()
    for key, route, row, flag in sorted(index.symptom_words().lay):
        if flag:  # a red flag's words: their own tier
            continue
        answer = symptoms.check(index, key)
        found = {(f.row.form, f.row.id) for f in answer.findings}
        assert (route, row) in found or answer.tier == "emergency", (key, route, row)
        assert all(
            TIERS.index(f.tier) >= TIERS.index(f.row.urgency)
            # review 7 (X5): palpitations alone are today, the row's action says so
            or (f.row.id == "qt-prolongation" and key in symptoms._palpitations())
            for f in answer.findings
        ), key


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
    ["fever and headache", "发烧，头痛", "血压很高，头疼", "swollen painful leg and breathless"],
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
        # "not known" asks the team today if worried: no less than next visit (the fifth
        # review, 2d: a denial with words tacref cannot read is no "next visit" answer)
        if got == "not known" and least == TIERS[0]:
            continue
        if not gap and (got not in TIERS or TIERS.index(got) < TIERS.index(least)):
            low.append((question, got, least))
    assert low == []


def answer(*words: str) -> dict:
    r = run("symptom", *words, "--json")
    assert r.code == 0, r.err
    return json.loads(r.out)


@pytest.mark.parametrize(
    ("words", "expected", "read_as"),
    [
        ("blood pressure 190/115", "today", "very high blood pressure"),
        ("my bp is 200 over 120", "today", "very high blood pressure"),
        ("血压180", "today", "血压很高"),
        ("temperature 101.5 F", "today", "fever"),  # Fahrenheit, named
        ("temp 102", "today", "fever"),  # Fahrenheit, by its size
        ("体温38.5度", "today", "发烧"),
        ("blood sugar 22", "today", "high blood sugar"),
        ("sugar 350 mg/dl", "today", "high blood sugar"),
        ("gained 3 kg in two days", "today", "sudden weight gain"),
        ("体重两天涨了4斤", "today", "体重突然增加"),
        ("headache and blood pressure 185/100", "emergency", "very high blood pressure"),
        ("头痛，血压180", "emergency", "血压很高"),
        ("fever 39 and a headache", "emergency", "fever"),
    ],
)
def test_a_reading_is_read_as_the_symptom_its_number_means(
    words: str, expected: str, read_as: str
) -> None:
    got = answer(words)
    assert got["tier"] == expected
    assert read_as in got["read_as"]


@pytest.mark.parametrize(
    "words", ["blood pressure 120/80", "temperature 36.8", "sugar 5.5", "体重70公斤", "gained 1 kg"]
)
def test_a_reading_below_every_level_is_not_read_as_a_symptom(words: str) -> None:
    r = run("symptom", words, "--json")
    read = json.loads(r.out)["read_as"] if r.code == 0 else None
    assert not read or not any(
        w in read for w in ("high", "fever", "weight gain", "发烧", "体重突然增加")
    )


@pytest.mark.parametrize(
    ("words", "concern"),
    [
        ("missed two doses", "missed-dose"),
        ("漏服了两次药", "missed-dose"),
        ("I took a double dose", "extra-dose"),
        ("吃多了药", "extra-dose"),
        ("tacrolimus level too high", "level-out-of-range"),
        ("浓度太低", "level-out-of-range"),
        ("I think I'm rejecting", "rejection"),
        ("排斥反应", "rejection"),
        ("the pharmacy changed my tacrolimus", "product-switch"),
        ("child swallowed the ointment", "swallowed-ointment"),
        ("孩子误吞了药膏", "swallowed-ointment"),
    ],
)
def test_a_question_that_is_not_a_side_effect_is_a_same_day_call(words: str, concern: str) -> None:
    got = answer(words)
    assert got["tier"] == "today"
    assert [c["id"] for c in got["concerns"]] == [concern]
    assert got["symptoms"] == []


def test_a_concern_says_it_is_not_a_side_effect_in_the_readers_language() -> None:
    en = run("symptom", "missed my dose", "--country", "GB")
    assert en.code == 0
    assert "A missed, late or vomited dose" in en.out
    assert "not a side effect" in en.out
    assert "999" in en.out
    zh = run("symptom", "漏服", "--lang", "zh", "--country", "CN")
    assert "漏服、延迟服药或服药后吐药" in zh.out and "不是副作用" in zh.out and "120" in zh.out


def test_a_concern_and_a_symptom_together_take_the_more_urgent_tier() -> None:
    got = answer("missed my dose and now I had a fit")
    assert got["tier"] == "emergency"
    assert [c["id"] for c in got["concerns"]] == ["missed-dose"]
    assert got["symptoms"][0]["tier"] == "emergency"


@pytest.mark.parametrize(
    ("words", "expected", "read_as"),
    [
        ("chest pian", "emergency", "chest pain"),
        ("brething difficulty", "emergency", "breathing difficulty"),
        ("fever and headahce", "emergency", "headache"),
    ],
)
def test_a_misspelt_word_inside_a_phrase_is_read_as_the_words_close_to_it(
    words: str, expected: str, read_as: str
) -> None:
    got = answer(words)
    assert got["tier"] == expected
    assert read_as in got["read_as"]


def test_a_known_word_is_never_read_as_another_one() -> None:
    got = answer("swollen throat")  # not "sore throat"
    assert got["tier"] == "emergency"
    assert got["read_as"] is None


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("发烧，浑身难受", "emergency"),  # a red flag written with a comma inside
        ("尿很少", "today"),  # a degree word inside a phrase
        ("my eye is red and very painful", "today"),
        ("I have chest pains", "emergency"),  # a plural
        ("he had seizures", "emergency"),
    ],
)
def test_a_phrase_is_found_through_punctuation_degree_words_and_plurals(
    words: str, expected: str
) -> None:
    assert tier(words) == expected


def test_a_reading_that_means_words_no_row_has_is_a_problem_and_not_used(tmp_path: Path) -> None:
    data = tmp_path / "mine" / "symptoms"
    data.mkdir(parents=True)
    text = (Path(__file__).parents[1] / "data/symptoms/vocabulary.yaml").read_text("utf-8")
    (data / "vocabulary.yaml").write_text(
        text.replace('means: {en: "fever", zh: "发烧"}', 'means: {en: "hot-ish", zh: "发烧"}'),
        "utf-8",
    )
    r = run("validate", str(tmp_path / "mine"))
    assert r.code == 1
    assert (
        "reading 'temperature' means hot-ish, which no row, red flag or concern has"
        in r.out + r.err
    )
    r = run("symptom", "temperature 39", "--json", "--data-dir", str(tmp_path / "mine"))
    assert r.code == 0, r.err  # "temperature" alone is a fever word; the reading is not used
    assert json.loads(r.out)["read_as"] is None


def test_no_symptom_of_an_articles_urgent_section_is_answered_less_urgently() -> None:
    index = context.load()
    lines = (Path(__file__).parent / "urgent_sections.tsv").read_text("utf-8").splitlines()
    rows = [line.split("\t") for line in lines if line and not line.startswith("#")]
    low = []
    for article, _, least, question, *gap in rows:
        try:
            got = symptoms.check(index, question).tier
        except symptoms.UnknownSymptom:
            got = "not known"
        if not gap and (got not in TIERS or TIERS.index(got) < TIERS.index(least)):
            low.append((article, question, got, least))
    assert low == []
    articles = Path(__file__).parents[1] / "data" / "conditions"
    assert {article for article, *_ in rows} == {p.stem for p in articles.glob("*.yaml")}


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("發燒", "today"),  # traditional characters (Taiwan, Hong Kong)
        ("呼吸困難", "emergency"),
        ("頭痛得厲害", "emergency"),
        ("體溫39度", "today"),  # a reading's word
        ("濕疹起水泡", "emergency"),
    ],
)
def test_a_question_in_traditional_characters_is_read_as_simplified(
    words: str, expected: str
) -> None:
    assert tier(words) == expected


def test_a_long_question_is_read_whole_and_a_too_long_one_refused() -> None:
    """A red flag at the end of a long question must not be lost to a cut."""
    story = "I have had a mild headache for a couple of days and my hands shake a bit, " * 3
    assert len(story) > 200
    assert tier(story + "and now I can't breathe and my lips are blue") == "emergency"
    r = run("symptom", "tremor " * 400)
    assert r.code == 2
    assert "longer than 2,000 characters" in r.err and len(r.err) < 400


@pytest.mark.parametrize("code", ["UK", "gb"])
def test_a_country_people_type_is_understood(code: str) -> None:
    assert "999" in run("symptom", "tremor", "--country", code).out


@pytest.mark.parametrize("code", ["XX", "", "\x1b[31mZZ"])
def test_an_unknown_country_is_a_usage_error_naming_the_known_ones(code: str) -> None:
    r = run("symptom", "tremor", "--country", code)
    assert r.code == 2
    assert "does not know the emergency numbers" in r.err and "GB" in r.err
    assert "\x1b" not in r.err


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("he's not breathing", "emergency"),  # not a denial: a concern of its own
        ("cant breathe", "emergency"),  # texting style, no apostrophe
        ("my baby's eczema has weepy blisters", "emergency"),  # words together, apart
        ("涂完药膏脸肿了，嘴唇也肿了", "emergency"),  # words together never hide a symptom
        ("38.5°C", "today"),  # a temperature by its unit alone
        ("sats 88%", "emergency"),
    ],
)
def test_third_review_wordings(words: str, expected: str) -> None:
    assert tier(words) == expected


def tier_or_unknown(words: str) -> str:
    r = run("symptom", words, "--json")
    assert r.code in (0, 1), r.err
    return json.loads(r.out)["tier"] if r.code == 0 else "not known"


@pytest.mark.parametrize(
    "words",
    [
        "39.2°C and a stiff neck",  # a reading counts as the fever of "fever + stiff neck"
        "体温39.2度，脖子僵硬",
        "temp 102 and my neck is stiff",
        "三十九度，脖子发硬",
    ],
)
def test_words_together_count_a_readings_fever(words: str) -> None:
    assert tier(words) == "emergency"


@pytest.mark.parametrize(
    "words",
    [
        "体温正常，脖子僵硬",  # said to be normal
        "no fever, stiff neck",  # denied
        "没发烧，脖子硬",
        "temperature is normal but my neck is stiff",
        "temperature 36.8 and stiff neck",  # measured below every level
        "体温36.5度，脖子僵硬",
    ],
)
def test_words_together_skip_a_denied_or_normal_word(words: str) -> None:
    assert tier_or_unknown(words) != "emergency"


@pytest.mark.parametrize(
    ("words", "read_as"),
    [
        ("低压120", "血压很高"),
        ("舒张压 115", "血压很高"),
        ("diastolic 120", "very high blood pressure"),
        ("bottom number 120", "very high blood pressure"),
        ("高压150低压120", "血压很高"),  # the bottom number sets the level
    ],
)
def test_a_diastolic_word_reads_its_number_as_the_bottom_one(words: str, read_as: str) -> None:
    got = answer(words)
    assert got["tier"] == "today"
    assert read_as in got["read_as"]


def test_a_normal_bottom_number_is_no_symptom() -> None:
    assert tier_or_unknown("低压80") == "not known"
    assert tier_or_unknown("diastolic 75") == "not known"


@pytest.mark.parametrize(
    ("words", "read_as"),
    [
        ("三十九度", "39度：发烧"),
        ("三十八度五", "38.5度：发烧"),
        ("体温三十八点五", "体温38.5：发烧"),
        ("血压一百八十", "血压180：血压很高"),
        ("高压一百八", "高压180：血压很高"),  # 一百八 is 180, as people say it
        ("体重涨了两公斤", "体重突然增加"),
        ("38度5", "38.5度：发烧"),
        ("39度2", "39.2度：发烧"),
    ],
)
def test_numbers_in_chinese_characters_and_38_du_5_are_read(words: str, read_as: str) -> None:
    got = answer(words)
    assert got["tier"] == "today"
    assert read_as in got["read_as"]


def test_a_degree_and_an_hour_are_not_a_decimal() -> None:
    assert tier_or_unknown("体温37度2小时前量的") == "not known"  # 37 degrees, 2 hours ago
    assert "38.2" not in answer("体温38度2小时前量的")["read_as"]


def _spelled(n: int) -> str:
    """A number under 1,000 as a Chinese speaker writes it (the test's own spelling)."""
    digits = "零一二三四五六七八九"
    hundreds, tens, ones = n // 100, n // 10 % 10, n % 10
    text = (digits[hundreds] + "百") if hundreds else ""
    if tens:
        text += ("" if tens == 1 and not hundreds else digits[tens]) + "十"
    elif hundreds and ones:
        text += "零"
    if ones or not text:
        text += digits[ones]
    return text


@given(st.integers(min_value=0, max_value=999), st.integers(min_value=0, max_value=9))
def test_a_chinese_number_is_read_as_its_value(n: int, tenth: int) -> None:
    assert symptoms._cn_value(_spelled(n)) == str(n)
    assert symptoms._cn_value(f"{_spelled(n)}点{'零一二三四五六七八九'[tenth]}") == f"{n}.{tenth}"


@pytest.mark.parametrize(
    "words",
    [
        "外面38度",
        "it's 38 degrees outside",
        "室温38度",
        "room temperature 38 degrees",
    ],
)
def test_the_weathers_temperature_is_not_a_fever(words: str) -> None:
    assert tier_or_unknown(words) == "not known"


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("天气38度，头痛", "next-visit"),
        ("it's 38 degrees outside and I have a headache", "next-visit"),
        ("38度，头痛", "emergency"),  # the person's own: a fever with a headache
        ("外面很热，体温39度，头痛", "emergency"),
    ],
)
def test_a_weather_temperature_leaves_the_persons_own(words: str, expected: str) -> None:
    assert tier(words) == expected


@pytest.mark.parametrize(
    "words",
    ["fitting for 10 minutes", "jerking for over 5 minutes", "孩子抽了五分钟", "全身抽了半个小时"],
)
def test_a_fit_lasting_five_minutes_or_more_is_an_emergency(words: str) -> None:
    got = answer(words)
    assert got["tier"] == "emergency"
    assert got["symptoms"][0]["side_effect"]["id"] in {"seizures", "neurotoxicity"}


def test_a_duration_in_another_part_of_the_question_is_not_a_fit() -> None:
    assert tier_or_unknown("抽了血，等了半小时") == "not known"  # blood taken, waited


@pytest.mark.parametrize(
    ("words", "card"),
    [
        ("started clarithromycin and now very shaky", "clarithromycin"),
        ("started fluconazole, headache", "fluconazole"),
        ("吃了五酯胶囊以后手抖", "schisandra"),
        ("吃了西柚，头痛", "grapefruit"),
        ("grapefruit juice every morning and a headache", "grapefruit"),
    ],
)
def test_a_medicine_that_raises_the_level_named_with_a_sign_of_a_high_level_is_today(
    words: str, card: str
) -> None:
    got = answer(words)
    assert got["tier"] == "today"
    assert [r["interaction"] for r in got["raises_level"]] == [card]
    assert got["interactions"] == []  # a symptom was found: the card raised it
    assert got["symptoms"][0]["raised_by"]


def test_the_answer_says_an_interaction_may_have_raised_the_level() -> None:
    out = run("symptom", "started clarithromycin and now very shaky").out
    assert "clarithromycin can raise the tacrolimus level" in out
    assert "tacref interactions clarithromycin" in out
    zh = run("symptom", "吃了西柚，头痛", "--lang", "zh").out
    assert "西柚可能使他克莫司血药浓度升高" in zh and "tacref interactions grapefruit" in zh


@pytest.mark.parametrize(
    "words", ["shaky hands", "started paracetamol and now shaky", "started rifampicin, headache"]
)
def test_without_a_medicine_that_raises_the_level_the_tier_stays(words: str) -> None:
    got = answer(words)
    assert got["tier"] == "next-visit"
    assert got["raises_level"] == []


@pytest.mark.parametrize(
    "words",
    [
        "hypo, sugar 2.1, can't swallow",
        "low sugar and very drowsy",
        "血糖2.5，叫不醒",
        "低血糖，意识模糊",
        "血糖二点五，一直想睡",
    ],
)
def test_a_severe_hypo_is_an_emergency(words: str) -> None:
    got = answer(words)
    assert got["tier"] == "emergency"
    assert "severe-hypo" in [c["id"] for c in got["concerns"]]


@pytest.mark.parametrize("words", ["hypo", "低血糖", "sugar 3.2"])
def test_a_low_sugar_alone_is_a_same_day_call(words: str) -> None:
    got = answer(words)
    assert got["tier"] == "today"
    assert [c["id"] for c in got["concerns"]] == ["low-blood-sugar"]


def test_a_level_sign_that_names_no_row_is_a_problem(tmp_path: Path) -> None:
    data = tmp_path / "mine" / "symptoms"
    data.mkdir(parents=True)
    text = (Path(__file__).parents[1] / "data/symptoms/vocabulary.yaml").read_text("utf-8")
    (data / "vocabulary.yaml").write_text(
        text.replace("level_signs: [systemic/tremor,", "level_signs: [systemic/nope,"), "utf-8"
    )
    r = run("validate", str(tmp_path / "mine"))
    assert r.code == 1
    assert "level sign names systemic/nope, which no profile has" in r.out + r.err


@pytest.mark.parametrize(
    ("words", "expected", "card"),
    [
        ("started fluconazole yesterday", "today", "fluconazole"),
        ("医生开了克拉霉素", "today", "clarithromycin"),
        ("吃了西柚", "today", "grapefruit"),
        ("is it ok to take ibuprofen for my back", "today", "nsaids"),  # adds harm
        ("能打流感疫苗吗", "next-visit", "inactivated-vaccines"),
        ("paracetamol", "next-visit", "paracetamol"),  # no meaningful interaction
    ],
)
def test_a_medicine_named_without_a_symptom_answers_with_its_card(
    words: str, expected: str, card: str
) -> None:
    got = answer(words)
    assert (got["tier"], got["symptoms"]) == (expected, [])
    assert [i["interaction"] for i in got["interactions"]] == [card]
    assert f"tacref interactions {card}" in run("symptom", words).out


def test_a_medicine_named_in_chinese_is_told_in_chinese() -> None:
    out = run("symptom", "能吃布洛芬吗", "--lang", "zh").out
    assert "布洛芬可能改变他克莫司血药浓度或加重其副作用" in out


@pytest.mark.parametrize(
    ("words", "expected", "matched"),
    [
        ("coughing up lots of blood", "emergency", "coughing up blood"),
        ("can't get my words out", "emergency", "can't get words out"),
        ("sores spreading quickly in my mouth with fever", "emergency", None),
    ],
)
def test_a_phrase_is_read_across_a_few_other_words(
    words: str, expected: str, matched: str | None
) -> None:
    got = answer(words)
    assert got["tier"] == expected
    if matched:
        assert got["symptoms"][0]["matched"] == matched


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("coughing up no blood", "today"),  # a denial between: only the cough
        ("pain in my chest and arm", "emergency"),  # another symptom between is kept
    ],
)
def test_a_phrase_read_across_words_never_skips_a_denial_or_hides_a_symptom(
    words: str, expected: str
) -> None:
    assert tier(words) == expected


@pytest.mark.parametrize("words", ["headache and throwing up", "头痛还吐"])
def test_a_headache_with_vomiting_is_a_same_day_call(words: str) -> None:
    assert tier(words) == "today"


@pytest.mark.parametrize(
    "words",
    ["pred", "preds", "on tacro and pred, hair thinning", "took my tacrolimus", "tacrolimus",
     "heart", "breathing", "urine", "cramps", "blotches", "stiff neck", "吃他克莫司"],
)  # fmt: skip
def test_a_typo_or_a_wider_phrase_never_invents_an_emergency(words: str) -> None:
    """The fourth review (G3, G4): "pred" is prednisolone, not PRES; "took my
    tacrolimus" is not a child's; "heart" is not a heart attack."""
    r = run("symptom", words, "--json")
    assert r.code in (0, 1), r.err
    assert r.code == 1 or json.loads(r.out)["tier"] != "emergency"
    assert "pres" not in r.err.lower().split("did you mean")[-1] if r.code else True


def test_a_bare_word_answers_its_least_urgent_reading_and_names_the_more_urgent() -> None:
    data = answer("heart")
    assert data["tier"] == "today"
    assert "heart attack" in data["more_urgent_if"]
    r = run("symptom", "heart")
    assert "More urgent if you mean one of these:" in r.out
    assert "heart attack" in r.out


def test_a_close_typo_still_reads_as_the_emergency() -> None:
    assert tier("chest pian") == "emergency"  # one letter
    assert tier("hallucinating") == "emergency"  # the same stem


@pytest.mark.parametrize(
    ("words", "expected", "concern"),
    [
        ("I'm pregnant", "today", "pregnancy"),
        ("我是孕妇", "today", "pregnancy"),
        ("餵緊奶", "next-visit", "breastfeeding"),
        ("宝宝吃母乳", "next-visit", "breastfeeding"),
        ("我怀孕了", "today", "pregnancy"),
        ("breastfeeding on tacrolimus, baby seems fine", "next-visit", "breastfeeding"),
        ("trough 2.1 is that too low", "today", "level-out-of-range"),
        ("bm 2.8 and shaky and sweaty", "today", "low-blood-sugar"),
    ],
)
def test_pregnancy_breastfeeding_and_lab_values_are_concerns(
    words: str, expected: str, concern: str
) -> None:
    data = answer(words)
    assert data["tier"] == expected
    assert concern in {c["id"] for c in data["concerns"]}
    text = " ".join(c["action"]["en"] for c in data["concerns"]).lower()
    assert "do not stop" in text or concern not in ("pregnancy", "breastfeeding")


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("今日成日都冇小便", "emergency"),  # no urine all day
        ("個仔食咗我啲他克莫司", "emergency"),  # my son ate my tacrolimus
        ("唔記得食藥", "today"),  # forgot to take my medicine
        ("肚瀉好多次，食唔落藥", "today"),  # diarrhoea many times
    ],
)
def test_cantonese_is_read_as_the_mandarin_it_means(words: str, expected: str) -> None:
    assert tier(words) == expected


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("no chest pain", "next-visit"),
        ("没有胸痛", "next-visit"),
        ("没有胸痛，也没有发烧", "next-visit"),
        ("I don't have a headache", "next-visit"),
        ("dont have any chest pain or breathlessness", "next-visit"),
        ("not breathless at rest, only when climbing stairs, which is new", "today"),
    ],
)
def test_a_symptom_said_not_to_be_there_is_not_answered_as_if_it_were(
    words: str, expected: str
) -> None:
    """The fourth review (G5): a lone denied finding answered "EMERGENCY"; a denied
    red flag ("not breathless at rest") still names its row at the row's tier."""
    data = answer(words)
    assert data["tier"] == expected
    if expected == "next-visit":
        assert data["symptoms"] == [] and data["denied"]
        out = run("symptom", words).out
        assert "You wrote that you do not have" in out or "您写的是没有" in out


def test_an_intensifier_raises_only_the_symptoms_in_its_part_of_the_question() -> None:
    """The fourth review (G18): "sudden" raised every symptom of the question."""
    data = answer("I've had a tremor for years, and a sudden fever")
    by_row = {s["side_effect"]["id"]: s for s in data["symptoms"]}
    assert by_row["tremor"]["tier"] == "next-visit" and by_row["tremor"]["raised_by"] is None
    assert by_row["infections"]["raised_by"] == "sudden"
    assert tier("头痛，很厉害") == "today"  # just across a comma it still counts
    assert tier("temp 35.2 and shivering, feel awful") == "emergency"


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("took my prograf twice", "today"),
        ("forgot this mornings advagraf, just remembered at 4pm", "today"),
        ("i accidentally took my wife's tacrolimus", "today"),
        ("I've been thinking everyone would be better off without me", "emergency"),
        ("lung transplant, FEV1 dropped 15% on home spirometer", "today"),
        ("脖子上摸到一个肿块越来越大，晚上出汗", "today"),
        ("leg cramps at night", "next-visit"),
    ],
)
def test_words_said_apart_or_the_other_way_round_name_their_row(words: str, expected: str) -> None:
    assert tier(words) == expected


def test_lost_without_trying_is_weight_loss_only_with_a_weight() -> None:
    assert tier("lost 6 kg without trying") == "today"
    assert run("symptom", "lost my keys without trying").code == 1


@pytest.mark.parametrize(
    "words",
    [
        "not chest pain, more like crushing pressure",
        "no chest pain but it feels heavy",
        "no rash but my tongue is swollen",
        "I don't have a headache but my vision went black for a minute",
        "not short of breath but my chest is tight",
        "没有胸痛，就是有点累",
    ],
)
def test_a_denial_with_words_tacref_cannot_read_is_not_answered_next_visit(words: str) -> None:
    """The fifth review (2d): "no rash but my tongue is swollen" answered "next
    visit, no other symptom": what follows the denial may be the emergency."""
    r = run("symptom", words, "--json")
    assert r.code == 1 or json.loads(r.out)["tier"] == "emergency", r.out
    assert "You wrote that you do not have" not in run("symptom", words).out


def test_a_symptom_that_is_or_was_there_is_no_denial() -> None:
    """The fifth review (2a-c): "and", "just", "like this", "any more" and 了."""
    for words in (
        "no fever and chest pain",
        "no fever and vomiting blood",
        "no fever and a seizure",
        "没有发烧和抽搐",
        "no chest pain just tight chest",
        "never had chest pain like this",
        "never had a seizure before but just had one",
        "no chest pain now but had it for an hour",
    ):
        assert tier(words) == "emergency", words
    for words in ("no chest pain any more", "没有胸痛了"):
        assert tier(words) in ("today", "emergency"), words
    assert tier("no chest pain or breathlessness") == "next-visit"  # "or" still carries


@pytest.mark.parametrize(
    "words",
    [
        "没有呼吸",
        "没呼吸",
        "没有呼吸了",
        "no response",
        "no breathing",
        "没有脉搏",
        "没有心跳",
        "没反应",
    ],
)
def test_not_breathing_or_no_response_is_the_collapse_emergency(words: str) -> None:
    """The fifth review (1): 没有呼吸 answered "not known"."""
    data = answer(words)
    assert data["tier"] == "emergency"
    assert (
        "没有呼吸、没有反应或摸不到脉搏" in run("symptom", words).out
        or "Not breathing" in run("symptom", words).out
    )


def test_no_breathing_difficulty_is_not_the_collapse() -> None:
    assert tier("没有呼吸困难") != "emergency"


@pytest.mark.parametrize("words", ["no breathing problems", "no breathing difficulties at all"])
def test_words_going_on_after_no_breathing_are_not_the_collapse(words: str) -> None:
    r = run("symptom", words, "--json")
    assert r.code == 1 or json.loads(r.out)["tier"] != "emergency"
    assert tier("no breathing") == "emergency"


def test_an_intensifier_raises_the_nearest_symptom_at_any_distance() -> None:
    """The fifth review (3): an intensifier two clauses away left a lone symptom
    at next visit; "worst" said of a headache is the worst-headache emergency."""
    data = answer("headache, it started an hour ago and it is unbearable")
    assert data["tier"] == "today"
    assert data["symptoms"][0]["raised_by"] == "unbearable"
    assert tier("stomach pain. it is really really severe") == "today"
    data = answer("tremor for years, headache today is the worst ever")
    by_row = {s["side_effect"]["id"]: s["tier"] for s in data["symptoms"]}
    assert data["tier"] == "emergency" and by_row["tremor"] == "next-visit"
    assert "worst headache" in run("symptom", "headache worst ever").out


def test_taking_the_whole_supply_is_an_overdose_emergency_not_the_self_harm_text() -> None:
    """The fifth review (6): "took all my prograf" was not known; "took all my
    tablets" answered with the mood row's self-harm text."""
    for words in ("took all my prograf", "took a handful of prograf", "swallowed all my capsules"):
        data = answer(words)
        assert data["tier"] == "emergency", words
    out = run("symptom", "I took all my tablets this morning and now I feel sick").out
    assert "poison centre" in out and "self-harm" not in out.lower()
    assert tier("I took all my tablets at once, I want it to be over") == "emergency"
    assert tier("my toddler took all my tablets") == "emergency"


def test_a_stiff_neck_with_a_headache_and_pregnancy_danger_signs_are_emergencies() -> None:
    """The fifth review (4, 5): meningitis without fever; pre-eclampsia."""
    assert tier("stiff neck and headache") == "emergency"
    assert tier("stiff neck") == "today"
    assert tier("pregnant 30 weeks, headache and seeing spots") == "emergency"
    assert tier("孕32周，头痛，眼前冒金星") == "emergency"
    assert tier("我不是孕妇，这周头痛") == "next-visit"
    data = answer("I'm not pregnant but I have a headache")
    assert data["tier"] == "next-visit" and "pregnancy" not in json.dumps(data["concerns"])


def test_words_that_are_no_measure_are_not_read_as_one() -> None:
    """The fifth review (10): "bm" (a bowel movement), "my level of pain", a
    creatinine that went down."""
    for words in ("bm 3 times today", "my level of pain is 9 out of 10 in my chest"):
        r = run("symptom", words, "--json")
        assert r.code == 1 or ("level" not in r.out and "sugar" not in r.out), words
    assert answer("bm 2.8 and shaky and sweaty")["tier"] == "today"
    assert "creatinine up" not in run("symptom", "my creatinine went from 180 to 120").out
    assert "creatinine up" in run("symptom", "my creatinine went from 120 to 180").out


@pytest.mark.parametrize(
    "words",
    [
        "我一个女同事误服了他克莫司",  # 个女 inside Mandarin is no daughter
        "那个女医生说我有点喘",
        "我有一个女朋友，我最近有点喘",
        "做了一个仔细检查，没什么问题，就是有点喘",
        "孩子有哮喘病史",  # asthma, a history: no breathing emergency
        "我儿子有哮喘，能用他克莫司软膏吗",
        "让孩子喘口气再说",
        "孩子跑完步有点喘",
        "孩子手上淤青发紫",  # a purple bruise is not blue lips
        "女儿腿上磕青发紫了",
        "不是发烧，是头痛",  # the fever is denied: no fever-with-headache pair
        "唔係發燒，係頭痛",
    ],
)
def test_chinese_words_that_only_look_like_a_child_or_an_emergency_are_not_one(
    words: str,
) -> None:
    """The Chinese review of i19d (A2, A3, B8): each answered EMERGENCY."""
    r = run("symptom", words, "--json")
    assert r.code in (0, 1), r.err
    assert r.code == 1 or json.loads(r.out)["tier"] != "emergency"


@pytest.mark.parametrize(
    ("words", "shown"),
    [("唔記得食藥，又肚屙", "唔記得食藥"), ("肚屙，唔記得食藥", "唔記得食藥")],
)
def test_the_cantonese_words_matched_are_shown_as_written(words: str, shown: str) -> None:
    """The review (A4): after 唔记得 was read as 忘记 the slice was shifted (記得食藥)."""
    data = answer(words)
    assert [c["matched"] for c in data["concerns"]] == [shown]
    assert shown in run("symptom", words).out


def test_a_chinese_reading_is_said_back_with_chinese_punctuation() -> None:
    out = run("symptom", "發燒39度，頭痛").out  # the question's words, all in traditional
    assert "發燒39：發燒；39度：發燒" in out
    assert "发烧39：发烧；39度：发烧" in run("symptom", "发烧39度，头痛").out
    assert "fever 39: fever" in run("symptom", "fever 39 and a headache").out


def test_a_bite_on_the_neck_and_a_time_are_not_a_lump_or_a_level() -> None:
    """The review (D): 疙瘩 alone is as often a bite; 12小时 is when the blood is taken."""
    assert run("symptom", "脖子上有个蚊子咬的疙瘩").code == 1
    assert tier("脖子上摸到一个疙瘩") == "today"
    data = answer("血药浓度是早上吃药前12小时抽吗")
    assert "12" not in (data["read_as"] or "")
    assert answer("谷值2点多")["read_as"] == "谷值2：他克莫司浓度"


def _tier_and_code(words: str) -> tuple[str, int]:
    r = run("symptom", words, "--json")
    return (json.loads(r.out)["tier"] if r.code == 0 else "unknown"), r.code


def _concerns(words: str) -> set[str]:
    return {c["id"] for c in answer(words)["concerns"]}


def said_in_chinese(words: str) -> str:
    """The tier of a Chinese question, asked with no --lang: answered (exit 0) and
    in Chinese (the labels of the answer, 匹配词 / 匹配詞)."""
    r = run("symptom", words)
    assert r.code == 0, (words, r.err)
    assert "匹配词" in r.out or "匹配詞" in r.out, (words, r.out)
    return tier(words)


@pytest.mark.parametrize(
    "words",
    [
        "my toddler took my capsules",
        "my kid ate some of my pills",
        "my grandson swallowed one of my tacrolimus capsules",
        "孩子吃了一粒他克莫司",
    ],
)
def test_review6_a_child_who_took_it_in_ordinary_words_is_the_emergency(words: str) -> None:
    """The sixth review (T2): a child word, a taking verb and a medicine word."""
    assert _tier_and_code(words) == ("emergency", 0)
    assert "child-took-tacrolimus" in _concerns(words)


@pytest.mark.parametrize(
    "words",
    [
        "took 10 capsules by mistake",
        "took 20 tablets",
        "took 6 capsules instead of 1",
        "I took 10mg instead of 1mg",
        "I took everything in my pill box at once",
        "took a whole strip of envarsus",
        "my mum took all her tablets at once",
        "我不小心吃了五粒他克莫司",
        "I took my whole bottle of advagraf",
        "swallowed the whole packet",
        "我把一整盒他克莫司都吃了",
    ],
)
def test_review6_a_large_overdose_is_the_whole_supply_emergency(words: str) -> None:
    """The sixth review (T5, X2, X8): a count of 10 or more, 3 or more by mistake, or
    3 times the usual number; a whole pack. Never read as 'took my dose twice'."""
    assert _tier_and_code(words) == ("emergency", 0)
    concerns = _concerns(words)
    assert "whole-supply" in concerns and "extra-dose" not in concerns
    out = run("symptom", words).out
    assert "poison centre" in out or "中毒咨询机构" in out


def test_review6_a_usual_count_is_no_overdose_and_two_instead_of_one_is_an_extra_dose() -> None:
    assert _tier_and_code("I took 4 capsules this morning and now I have a headache") == (
        "next-visit",
        0,
    )
    assert _tier_and_code("took 2 capsules instead of 1") == ("today", 0)
    assert _concerns("took 2 capsules instead of 1") == {"extra-dose"}


def test_review6_the_usual_morning_round_and_a_question_are_not_an_overdose_or_self_harm() -> None:
    """The sixth review (X1, X2)."""
    for words in (
        "took all my tablets this morning as usual",
        "I took all my morning tablets together as usual",
    ):
        r = run("symptom", words)
        assert "poison centre" not in r.out and "self-harm" not in r.out.lower(), words
        assert r.code in (0, 1), words
    r = run("symptom", "did I take all my tablets today? I can't remember if I took my dose")
    assert r.code == 0 and "self-harm" not in r.out.lower()
    assert _concerns("did I take all my tablets today? I can't remember if I took my dose") == {
        "missed-dose"
    }
    assert _tier_and_code("I want to take all my tablets") == ("emergency", 0)
    assert _tier_and_code("I took all my tablets this morning and now I feel sick") == (
        "emergency",
        0,
    )


@pytest.mark.parametrize(
    "words",
    [
        "突然一侧手脚没力",
        "不想再活下去",
        "一隻眼睛突然看不到",
        "sudden vision loss in one eye",
        "lost the sight in one eye",
        "I suddenly can't see",
        "I can't find my words suddenly",
        "全身起水泡，皮肤脱皮",
        "发烧，咳嗽，气喘",
        "I'm pregnant and my blood pressure is 160/110",
        "gave birth last week and now terrible headache",
        "weak cough and trouble swallowing",
        "my voice is getting very weak",
        "weakness spreading up my arms and legs",
        "吞咽困难，被口水呛到",
        "headache and can't bend my neck",
        "I can't touch my chin to my chest and I have a headache",
        "headache, neck pain, can't look at the light",
        "stiff neck and rash that doesn't fade under a glass",
        "my child has had diarrhoea and is not peeing",
        "baby has not had a wet nappy since this morning",
        "child vomiting green",
    ],
)
def test_review6_emergencies_said_in_other_words(words: str) -> None:
    """The sixth review (T3, T4, T6, T7, T8, T10)."""
    assert _tier_and_code(words) == ("emergency", 0)


def test_review6_a_word_finding_trouble_not_said_sudden_is_a_same_day_call() -> None:
    assert _tier_and_code("I can't find my words") == ("today", 0)
    assert _tier_and_code("sore neck and headache after sleeping funny") == ("next-visit", 0)


@pytest.mark.parametrize(
    "words",
    [
        "pregnant and waters broke",
        "pregnant and vaginal bleeding with cramps",
        "pregnant and bleeding",
        "pregnant baby not moving as much",
        "怀孕32周，见红了",
        "gave birth last week and now terrible headache",
    ],
)
def test_review6_obstetric_signs_send_to_the_maternity_unit(words: str) -> None:
    """The sixth review (T8): not the tacrolimus-only pregnancy text."""
    assert _tier_and_code(words) == ("emergency", 0)
    assert "maternity-warning-sign" in _concerns(words)


@pytest.mark.parametrize(
    "words",
    ["my breastfed baby is very sleepy and not feeding", "我在喂奶，宝宝一直睡不醒，不吃奶"],
)
def test_review6_a_sleepy_baby_not_feeding_is_the_babys_emergency(words: str) -> None:
    """The sixth review (T9): not the parent's muddled-thinking or heart rows."""
    data = answer(words)
    assert data["tier"] == "emergency"
    assert "baby-unwell" in {c["id"] for c in data["concerns"]}
    assert not {s["side_effect"]["id"] for s in data["symptoms"]}


@pytest.mark.parametrize(
    ("words", "concern"),
    [
        ("I took my capsules and my son has a cold", "child-took-tacrolimus"),
        ("I've been very sleepy since the baby was born", "baby-unwell"),
        ("I'm pregnant and constipated, my bowels are not moving", "maternity-warning-sign"),
        ("I have a weak cough", "weakness-breathing"),
    ],
)
def test_review6_words_that_only_look_like_the_new_emergencies_are_not_them(
    words: str, concern: str
) -> None:
    r = run("symptom", words, "--json")
    assert r.code in (0, 1), r.err
    assert r.code == 1 or concern not in {c["id"] for c in json.loads(r.out)["concerns"]}
    assert r.code == 1 or json.loads(r.out)["tier"] != "emergency"


def test_review6_fewer_movements_said_with_a_negation_and_a_weak_cough_with_swallowing() -> None:
    assert _tier_and_code("pregnant and haven't felt the baby move today") == ("emergency", 0)
    assert _tier_and_code("咳嗽无力，吞咽困难") == ("emergency", 0)


@pytest.mark.parametrize(
    "words", ["took 3 capsules at once", "我每天吃10粒他克莫司", "一次吃了五粒他克莫司，手抖"]
)
def test_review6_a_usual_dose_of_several_capsules_is_no_overdose(words: str) -> None:
    """Many patients take 3 to 8 capsules a dose: a count alone below 10, a daily
    total, or "at once" without a mistake is not the whole-supply emergency."""
    r = run("symptom", words, "--json")
    assert r.code in (0, 1), r.err
    assert r.code == 1 or json.loads(r.out)["tier"] != "emergency"


# After the fifth clinical review: the gaps NOTES "Left > 19" listed (branch i19g).


@pytest.mark.parametrize(
    ("words", "said"),
    [
        ("no breathing difficulty", "You wrote that you do not have breathing difficulty"),
        ("no difficulty breathing", "You wrote that you do not have difficulty breathing"),
        ("no trouble breathing", "You wrote that you do not have trouble breathing"),
        ("not having any trouble breathing", "You wrote that you do not have trouble breathing"),
        ("没有呼吸困难", "您写的是没有呼吸困难"),
    ],
)
def test_a_plain_denial_of_a_red_flag_is_a_denial(words: str, said: str) -> None:
    """ "no breathing difficulty" answered TODAY (a denied red flag kept its row) and
    "no difficulty breathing" the collapse emergency ("no … breathing" read across)."""
    r = run("symptom", words)
    assert r.code == 0
    assert r.out.startswith(("Is it tacrolimus?", "是不是他克莫司引起的？"))
    assert ("NEXT VISIT:" in r.out or "下次复诊：" in r.out) and said in r.out
    assert "Not breathing" not in r.out and "没有呼吸、没有反应" not in r.out
    assert tier(words) == "next-visit"


def test_a_red_flag_denied_with_a_qualifier_or_a_cry_is_no_plain_denial() -> None:
    """ "not breathless at rest" may still be breathless; "I don't want to die" is
    never read as a denial; "no breathing" and "not breathing" stay the collapse."""
    assert tier("not breathless at rest") == "today"
    assert tier("no sudden breathlessness") == "today"
    assert "You wrote that you do not have" not in run("symptom", "I don't want to die").out
    for words in ("no breathing", "not breathing", "he is not breathing"):
        out = run("symptom", words).out
        assert "EMERGENCY:" in out and "Not breathing, not responding or no pulse" in out, words


def test_no_racing_heart_in_chinese_is_denied_not_the_collapse() -> None:
    """没有心跳加速 was read by the typo guesser as 没有心跳 (the collapse emergency)."""
    r = run("symptom", "没有心跳加速")
    assert r.code == 0 and "下次复诊：" in r.out and "您写的是没有心跳加速" in r.out
    assert "没有呼吸、没有反应或摸不到脉搏" not in r.out
    assert tier("没有心跳加速") == "next-visit"
    r = run("symptom", "心跳加速")  # was "not known"
    # review 7 (X5): palpitations alone are today, not the collapse and not an emergency
    assert r.code == 0 and "今天：" in r.out and "心律问题" in r.out and "匹配词：心跳加速" in r.out
    for words in ("没有心跳", "没有心跳了"):
        r = run("symptom", words)
        assert r.code == 0 and "紧急：" in r.out and "没有呼吸、没有反应或摸不到脉搏" in r.out


def test_or_carries_a_denial_and_does_not_hide_a_red_flag_after_but() -> None:
    """ "no fever or chest pain" means neither (correct English); "and" does not
    carry; a red flag after "but" is read."""
    r = run("symptom", "no fever or chest pain")
    assert r.code == 0 and "NEXT VISIT:" in r.out
    assert "You wrote that you do not have fever, chest pain" in r.out
    assert answer("no fever and chest pain")["tier"] == "emergency"
    data = answer("no fever or chest pain but I can't breathe")
    assert data["tier"] == "emergency" and data["symptoms"][0]["matched"] == "can't breathe"


@pytest.mark.parametrize(
    ("words", "matched"),
    [
        ("not chest pain, more like crushing pressure", "Matched: crushing pressure"),
        ("no rash but my tongue is swollen", "Matched: tongue is swollen"),
        (
            "I don't have a headache but my vision went black for a minute",
            "Matched: vision went black",
        ),
        ("not short of breath but my chest is tight", "Matched: chest is tight"),
        ("冇胸口痛，但係透唔到氣", "匹配詞：透不到氣"),
    ],
)
def test_a_red_flag_after_a_denial_is_an_emergency_not_exit_1(words: str, matched: str) -> None:
    """The fifth review (2d): these exited 1 (the words after "but" were unknown)."""
    r = run("symptom", words)
    assert r.code == 0, r.err
    assert "EMERGENCY: call emergency services now." in r.out or "緊急：請立即撥打急救電話" in r.out
    assert matched in r.out
    assert "You wrote that you do not have" not in r.out


def test_a_denial_followed_by_unknown_words_leads_with_urgent_help() -> None:
    """ "no chest pain but it feels heavy": tacref cannot read "it feels heavy";
    the answer is not "next visit", and its first words are to get urgent help."""
    r = run("symptom", "no chest pain but it feels heavy")
    assert r.code == 1 and r.out == ""
    assert r.err.startswith("tacref: If this came on suddenly or is severe, get urgent help now.")
    r = run("symptom", "没有胸痛，但是感觉很沉", "--lang", "zh")
    assert r.code == 1 and r.err.startswith(
        "tacref: 如果症状是突然出现的或很严重，请立即求助急救。"
    )


@pytest.mark.parametrize("words", ["my wife is pregnant", "my wife's pregnant", "我老婆怀孕了"])
def test_a_partner_who_is_pregnant_gets_no_pregnancy_advice_for_the_speaker(words: str) -> None:
    # review 7 (X8): a next-visit question for the team, not the not-covered message
    r = run("symptom", words)
    assert r.code == 0 and r.out.splitlines()[3].startswith(("NEXT VISIT:", "下次复诊："))
    assert "Pregnant, or planning" not in r.out and "怀孕或准备怀孕" not in r.out
    assert [c["id"] for c in answer(words)["concerns"]] == ["someone-else-pregnant"]


def test_a_partners_pregnancy_danger_signs_are_still_an_emergency() -> None:
    data = answer("my wife is pregnant and has a bad headache and blurred vision")
    assert data["tier"] == "emergency" and data["concerns"] == []
    assert (
        "pregnant with danger signs"
        in run("symptom", "my wife is pregnant and has a bad headache and blurred vision").out
    )
    out = run("symptom", "老婆有咗兩個月，頭好痛，眼花").out
    assert "緊急：" in out and "懷孕伴頭痛、視力改變或水腫" in out
    assert "懷孕或準備懷孕" not in out
    # the speaker's own plans stay hers
    data = answer("my partner and I are trying for a baby")
    assert data["tier"] == "today" and [c["id"] for c in data["concerns"]] == ["pregnancy"]
    data = answer("I'm not pregnant but I have a headache")
    assert data["tier"] == "next-visit" and data["concerns"] == []


def test_a_bleeding_mole_is_read_as_the_skin_cancer_rows_words() -> None:
    """痣出血了 was read as 痣变大 (a mole got bigger), a thing never said."""
    for words in ("痣出血了", "我的痣出血了"):
        r = run("symptom", words)
        assert r.code == 0 and "下次复诊：" in r.out, words
        assert "皮肤癌风险升高" in r.out and "匹配词：痣出血" in r.out
        assert "痣变大" not in r.out
    out = run("symptom", "my mole is bleeding").out
    assert "Read as 'skin spot that bleeds'." in out and "changing mole" not in out
    assert "TODAY:" in out  # bleeding is also the blood-count row's word
    assert "Read as 'changing mole'." in run("symptom", "my mole has changed").out
    assert "痣变大" in run("symptom", "我的痣变大了").out


def test_cantonese_having_for_months_is_pregnancy() -> None:
    """我有咗三個月 (I am three months pregnant) was not known."""
    r = run("symptom", "我有咗三個月")
    assert r.code == 0
    assert "今天：" in r.out and "使用他克莫司期間懷孕或準備懷孕" in r.out
    assert "匹配詞：有咗" in r.out
    assert answer("我有咗三個月")["concerns"][0]["id"] == "pregnancy"
    out = run("symptom", "頭痛有咗三個月").out  # a headache for three months
    assert "懷孕" not in out and "頭痛" in out


def test_bb_after_chinese_is_a_child() -> None:
    """我個bb (my baby): "bb" next to Chinese characters was no word at all."""
    r = run("symptom", "我個bb呼吸好快")
    assert r.code == 0 and "緊急：" in r.out and "按「呼吸困難」理解" in r.out
    out = run("symptom", "我個bb食咗我嘅他克莫司").out
    assert "緊急：" in out and "孩子誤服了他克莫司" in out


@pytest.mark.parametrize(
    "words",
    [
        "我一次吃了全部的他克莫司",
        "我把全部的药一次吃了",
        "我一次吃了所有的药",
        "我把一个月的药一次吃完了",
        "食晒啲藥",  # Cantonese: ate all the medicine
        "一次過食晒啲他克莫司",  # all at once
        "我吃了一整瓶他克莫司",
        "我把一整盒药都吃了",
    ],
)
def test_chinese_read_7_the_whole_supply_is_the_overdose_emergency(words: str) -> None:
    """Chinese read 7 (A1): the whole supply said in Mandarin or Cantonese was not
    known (exit 1) or, as a whole bottle, the self-harm row."""
    assert tier("I took all my tacrolimus") == "emergency"
    assert said_in_chinese(words) == "emergency"
    data = answer(words)
    assert [c["id"] for c in data["concerns"]] == ["whole-supply"], words
    assert data["symptoms"] == []


def test_chinese_read_7_a_whole_bottle_is_the_neutral_whole_supply_text() -> None:
    """Chinese read 7 ("what reads well"): a whole bottle is the whole-supply
    concern in both languages; words of self-harm stay the mood row's emergency."""
    data = answer("I took the whole bottle")
    assert data["tier"] == "emergency" and data["symptoms"] == []
    assert [c["id"] for c in data["concerns"]] == ["whole-supply"]
    for words in ("I want to die", "不想活"):
        data = answer(words)
        assert data["tier"] == "emergency", words
        assert [s["side_effect"]["id"] for s in data["symptoms"]] == ["mood-changes"], words
    out = run("symptom", "I took the whole bottle").out
    assert "poison centre" in out and "harming yourself" not in out
    assert "中毒咨询机构" in run("symptom", "我吃了一整瓶他克莫司").out


@pytest.mark.parametrize(
    ("words", "english"),
    [
        ("他失去知觉了", "he is unconscious"),
        ("失去知觉", "he is unconscious"),
        ("没有意识", "he is unconscious"),
        ("佢冇咗知覺", "he is unconscious"),
        ("我頭先暈咗", "I fainted just now"),
        ("暈低咗", "I fainted just now"),
        ("我暈咗", "I fainted just now"),
    ],
)
def test_chinese_read_7_unconscious_and_fainted_are_emergencies(words: str, english: str) -> None:
    """Chinese read 7 (A2, A3): 失去知觉 and Cantonese 暈咗 / 暈低 were not known."""
    assert tier(english) == "emergency"
    assert said_in_chinese(words) == "emergency"


def test_chinese_read_7_words_near_unconscious_are_not_the_emergency() -> None:
    """没有意识到 is "did not realise"; 頭暈咗 is dizzy; a hand without feeling is
    not a person without consciousness."""
    r = run("symptom", "我没有意识到药吃错了", "--json")
    assert r.code == 1 or json.loads(r.out)["tier"] != "emergency"
    assert tier("頭暈咗") == "next-visit"
    data = answer("手失去知觉")
    assert data["tier"] == "today"
    assert [s["side_effect"]["id"] for s in data["symptoms"]] == ["paraesthesia-neuropathy"]
    assert tier("我有一次过敏，头很痛") == "today"  # 一次过 is Cantonese only before 食


@pytest.mark.parametrize(
    ("words", "mandarin"),
    [
        ("透唔到氣", "透不过气"),
        ("唞唔到氣", "透不过气"),
        ("呼吸唔到", "透不过气"),
        ("口唇發紫", "嘴唇发紫"),
        ("今日冇尿", "今天没尿"),
        ("今日冇屙尿", "今天没尿"),
        ("今天都沒有尿尿", "今天没尿"),
    ],
)
def test_chinese_read_7_cantonese_and_taiwan_words_answer_as_mandarin(
    words: str, mandarin: str
) -> None:
    """Chinese read 7 (A4, A5, A6): can't breathe, purple lips, no urine today."""
    assert tier(mandarin) == "emergency"
    assert said_in_chinese(words) == "emergency"


@pytest.mark.parametrize(
    "words",
    [
        "脖子很僵硬，头痛",
        "脖子很僵硬，頭痛，想吐",
        "條頸好硬，頭好痛",
        "頸好硬，好頭痛",
        "my neck is very stiff and I have a headache",
    ],
)
def test_chinese_read_7_a_degree_word_keeps_stiff_neck_and_headache_together(words: str) -> None:
    """Chinese read 7 (A7): 很 between 脖子 and 僵硬 (and "very" in English) broke
    the stiff neck + headache emergency; Hong Kong's 頸 was missing."""
    assert tier("脖子僵硬，头痛") == "emergency"
    if words.isascii():
        assert tier(words) == "emergency"
    else:
        assert said_in_chinese(words) == "emergency"


def test_chinese_read_7_the_reading_label_is_a_natural_phrase() -> None:
    """Chinese read 7 (C9): 按“脖子硬头痛”理解 is no phrase."""
    out = run("symptom", "脖子僵硬，头痛，呕吐").out
    assert "脖子发硬伴头痛" in out and "脖子硬头痛" not in out


@pytest.mark.parametrize(
    ("words", "english"),
    [
        ("好頭痛", "bad headache"),
        ("头很痛", "bad headache"),
        ("頭很痛", "bad headache"),
        ("頭痛到不行", "unbearable headache"),
        ("头非常痛", "very bad headache"),
    ],
)
def test_chinese_read_7_a_headache_said_as_bad_is_as_urgent_as_in_english(
    words: str, english: str
) -> None:
    """Chinese read 7 (B1): 好頭痛 and 頭好痛 answered differently. 很 and 好 are how
    Chinese says a headache is bad (the English "bad headache", today); 非常 is "very"."""
    assert said_in_chinese(words) == tier(english) != "next-visit"
    assert tier("頭好痛") == tier("好頭痛")


@pytest.mark.parametrize(
    ("words", "english"),
    [
        ("吐了好多次", "vomiting many times"),
        ("吐了好幾次", "vomiting many times"),
        ("嘔咗好多次", "vomiting many times"),
        ("成日嘔", "keep vomiting"),
        ("肚好痛", "stomach ache"),
        ("我肚好痛呀", "stomach ache"),
    ],
)
def test_chinese_read_7_vomiting_and_stomach_ache_in_cantonese(words: str, english: str) -> None:
    """Chinese read 7 (B2): 嘔 and 肚痛 are Cantonese's ordinary words; vomiting many
    times can stop the doses staying down (today)."""
    assert said_in_chinese(words) == tier(english)


def test_chinese_read_7_a_red_hot_breast_is_no_ointment_infection() -> None:
    """Chinese read 7 (B6): 红肿热痛 alone pulled in the ointment's skin-infection row."""
    for words in ("喂奶的时候乳房红肿热痛", "breastfeeding and my breast is red, hot and painful"):
        data = answer(words)
        rows = {s["side_effect"]["id"] for s in data["symptoms"]}
        assert rows == {"infections"}, words
        assert [c["id"] for c in data["concerns"]] == ["breastfeeding"], words
    rows = {s["side_effect"]["id"] for s in answer("涂药的地方红肿热痛")["symptoms"]}
    assert "local-skin-infection" in rows


def test_chinese_read_7_a_cantonese_question_is_answered_in_hong_kong_chinese() -> None:
    """Chinese read 7 (C7): 咗 / 啲 / 冇 are Hong Kong's and Macau's, not Taiwan's."""
    for words in ("我食多咗好多粒藥", "食晒啲藥", "我暈咗"):
        r = run("symptom", words)
        assert r.code == 0, words
        assert "這裏" in r.out and "這裡" not in r.out, words  # zh-HK, not zh-TW
        assert r.out == run("symptom", words, "--lang", "zh-HK").out
    assert "這裡" in run("symptom", "頭痛").out  # no Cantonese: Taiwan's
    # Chinese read 9 (C3): Cantonese in simplified characters is Hong Kong's too
    assert "這裏" in run("symptom", "一次过食晒啲药").out
    assert "这里" in run("symptom", "头痛").out  # simplified Mandarin stays simplified


# Issue 19, seventh clinical review (2026-11-28): the highest-risk too-low answers.


@pytest.mark.parametrize(
    "words",
    [
        "took a double dose and now my hands are shaking",
        "took an extra dose and I've barely peed since",
        "took too many tablets and now I feel very sleepy",
    ],
)
def test_review7_too_much_taken_with_the_extra_dose_texts_own_signs_is_an_emergency(
    words: str,
) -> None:
    """T2: the extra-dose text says to call emergency services for these signs."""
    assert _tier_and_code(words) == ("emergency", 0)
    assert "extra-dose-warning-sign" in _concerns(words)
    assert "shaking, confusion, fits, much less urine" in run("symptom", words).out


@pytest.mark.parametrize(
    "words", ["吃多了药，现在很想睡", "吃了双倍剂量，现在手抖", "吃多了药，尿很少"]
)
def test_review7_too_much_taken_with_signs_in_chinese(words: str) -> None:
    assert said_in_chinese(words) == "emergency"
    assert "出现危险信号" in run("symptom", words).out


def test_review7_an_extra_dose_with_a_sign_denied_stays_today() -> None:
    assert _tier_and_code("took a double dose, no shaking") == ("today", 0)
    assert _concerns("took a double dose, no shaking") == {"extra-dose"}


@pytest.mark.parametrize(
    "words",
    [
        "took too many tablets",
        "took ten capsules",
        "took twelve capsules",
        "took a triple dose",
        "accidentally took my 5 mg capsules instead of the 0.5 mg ones",
        "took the 5mg capsule instead of the 1mg",
        "took 10 of my envarsus",
    ],
)
def test_review7_other_words_of_a_large_overdose_are_the_whole_supply_emergency(
    words: str,
) -> None:
    """T3, T4: number words, "too many", a triple dose, a tenfold strength mix-up."""
    assert _tier_and_code(words) == ("emergency", 0)
    concerns = _concerns(words)
    assert "whole-supply" in concerns and "extra-dose" not in concerns
    assert "poison centre" in run("symptom", words).out


@pytest.mark.parametrize("words", ["吃错了，吃了6粒，应该吃1粒", "吃太多药了"])
def test_review7_a_large_overdose_in_chinese(words: str) -> None:
    assert said_in_chinese(words) == "emergency"
    assert "中毒咨询机构" in run("symptom", words).out


def test_review7_smaller_mix_ups_stay_an_extra_dose() -> None:
    """Twice the usual, or a time put instead of another, is no large overdose."""
    for words in ("took 2 capsules instead of 1", "took 6 capsules this morning instead of 3"):
        assert _tier_and_code(words) == ("today", 0), words
        assert _concerns(words) == {"extra-dose"}, words
    assert "whole-supply" not in _concerns("took my 3 capsules by mistake at 7pm instead of 9pm")


@pytest.mark.parametrize(
    "words", ["took 10 paracetamol by mistake", "my son took 10 paracetamol", "I took 20 ibuprofen"]
)
def test_review7_an_overdose_of_another_medicine_is_a_neutral_emergency(words: str) -> None:
    """T1: no longer the interaction card's next visit; the text names no tacrolimus."""
    assert _tier_and_code(words) == ("emergency", 0)
    assert _concerns(words) == {"medicine-overdose"}
    out = run("symptom", words).out
    assert "poison centre" in out and "Say which medicine was taken" in out
    assert "medicine is tacrolimus" not in out


def test_review7_an_overdose_of_another_medicine_in_chinese() -> None:
    assert said_in_chinese("吃了10片扑热息痛") == "emergency"
    out = run("symptom", "吃了10片扑热息痛").out
    assert "告诉对方吃的是什么药" in out and "吃的是他克莫司" not in out


@pytest.mark.parametrize(
    "words",
    [
        "pregnant and fits",
        "my water broke at 34 weeks",
        "I'm in labour",
        "baby not moving as much",
        "2 weeks after birth heavy bleeding and clots",
        "pregnant and severe tummy pain",
    ],
)
def test_review7_maternity_warning_signs_in_everyday_words_are_emergencies(words: str) -> None:
    """T5-T8: eclampsia, waters, labour, fewer movements, bleeding after birth, pain."""
    assert _tier_and_code(words) == ("emergency", 0)
    if words != "pregnant and fits":  # a fit: the seizures row's ambulance
        assert "maternity-warning-sign" in _concerns(words)


def test_review7_bleeding_after_birth_in_cantonese() -> None:
    assert said_in_chinese("生完BB，流好多血") == "emergency"
    assert "maternity-warning-sign" in _concerns("生完BB，流好多血")


@pytest.mark.parametrize(
    "words", ["my newborn won't feed and is very sleepy", "the baby is refusing feeds"]
)
def test_review7_a_newborn_not_feeding_is_the_babys_emergency(words: str) -> None:
    """T9: the baby's signs, not the parent's muddled thinking."""
    data = answer(words)
    assert data["tier"] == "emergency"
    assert [c["id"] for c in data["concerns"]] == ["baby-unwell"]
    assert not data["symptoms"] or "muddled-thinking" not in {
        s["side_effect"]["id"] for s in data["symptoms"] if s["tier"] == "emergency"
    }


@pytest.mark.parametrize("words", ["BB唔食奶", "BB好眼瞓，唔食奶"])
def test_review7_a_baby_not_feeding_in_cantonese(words: str) -> None:
    assert said_in_chinese(words) == "emergency"
    assert "baby-unwell" in _concerns(words)


@pytest.mark.parametrize("words", ["my 2 month old has a temperature of 38.5"])
def test_review7_a_fever_under_three_months_is_an_emergency(words: str) -> None:
    assert _tier_and_code(words) == ("emergency", 0)
    assert _tier_and_code("my 2 year old has a temperature of 38.5") == ("today", 0)


def test_review7_a_fever_under_three_months_in_chinese() -> None:
    assert said_in_chinese("宝宝发烧38度，才2个月大") == "emergency"


@pytest.mark.parametrize(
    "words",
    [
        "can't hold my head up",
        "I have myasthenia and my speech is slurry and I can't swallow",
    ],
)
def test_review7_weakness_with_swallowing_is_the_weakness_breathing_emergency(words: str) -> None:
    """T10: and "slurry" is not read as "blurry" (a stroke word, not the eyes)."""
    data = answer(words)
    assert data["tier"] == "emergency"
    assert "weakness-breathing" in [c["id"] for c in data["concerns"]]
    assert "blurr" not in json.dumps(data).lower()


def test_review7_weakness_getting_worse_in_chinese() -> None:
    assert said_in_chinese("手脚越来越没力") == "emergency"
    assert "weakness-breathing" in _concerns("手脚越来越没力")


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("心跳加速", "today"),
        ("my heart is racing", "today"),
        ("palpitations", "today"),
        ("心跳加速，头晕", "emergency"),
        ("feeling faint and heart racing", "emergency"),
        ("心跳很快，胸口痛", "emergency"),
        ("heart racing and I fainted", "emergency"),
        ("palpitations and short of breath", "emergency"),
        ("no chest pain but my heart is racing and I feel faint", "emergency"),
    ],
)
def test_review7_palpitations_alone_are_today_and_with_a_faint_or_chest_pain_an_emergency(
    words: str, expected: str
) -> None:
    """X5: the heart-rhythm row's own action: an ambulance for fainting, or for
    palpitations with dizziness or chest pain."""
    assert _tier_and_code(words) == (expected, 0)


def test_review7_weakness_getting_worse_with_breathlessness_but_not_weak_and_breathless() -> None:
    assert "weakness-breathing" in _concerns("my arms are getting weaker and I'm short of breath")
    assert _tier_and_code("my arms are getting weaker and I'm short of breath") == ("emergency", 0)
    assert "weakness-breathing" not in _concerns("I feel weak and short of breath")
