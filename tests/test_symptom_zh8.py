"""tacref symptom: the Chinese read 8's wrong-meaning answers (docs/reviews/chinese-8-2026-11-28.md)
and clinical review 7's T14/T16, in simplified, traditional and Cantonese: what the reader sees."""

import json

import pytest

from conftest import run
from tacref import symptoms
from tacref.i18n import HANT, fix_hant

# The headline's first words, as each language prints them.
HEADLINE = {
    ("zh", "emergency"): "紧急：",
    ("zh-TW", "emergency"): "緊急：",
    ("zh-HK", "emergency"): "緊急：",
    ("zh", "today"): "今天：",
    ("zh-TW", "today"): "今天：",
    ("zh-HK", "today"): "今天：",
    ("en", "emergency"): "EMERGENCY:",
    ("en", "today"): "TODAY:",
}


def _json(question: str, lang: str) -> dict:
    r = run("symptom", question, "--lang", lang, "--json")
    assert r.code == 0, r.err
    return json.loads(r.out)


def _headline(question: str, lang: str) -> str:
    r = run("symptom", question, "--lang", lang)
    assert r.code == 0, r.err
    return r.out.splitlines()[3]


def _ids(data: dict) -> set[str]:
    """The concerns' and the symptoms' ids the answer shows."""
    return {c["id"] for c in data["concerns"]} | {s["side_effect"]["id"] for s in data["symptoms"]}


@pytest.mark.parametrize(
    ("question", "lang", "tier", "card"),
    [
        # A1: bleeding in late pregnancy, as 流血 and in Cantonese (有咗 / 懷咗孕, N個禮拜)
        ("怀孕32周，流血了", "zh", "emergency", "maternity-warning-sign"),
        ("懷孕32週，流血了", "zh-TW", "emergency", "maternity-warning-sign"),
        ("懷咗孕32個禮拜，見紅", "zh-HK", "emergency", "maternity-warning-sign"),
        ("有咗32個禮拜，見紅", "zh-HK", "emergency", "maternity-warning-sign"),
        ("有咗32個禮拜，出血", "zh-HK", "emergency", "maternity-warning-sign"),
        # A2, T14: a child who ate one pill
        ("我個仔食咗我粒藥", "zh", "emergency", "child-took-tacrolimus"),
        ("我個仔食咗我粒藥", "zh-TW", "emergency", "child-took-tacrolimus"),
        ("我個仔食咗我粒藥", "zh-HK", "emergency", "child-took-tacrolimus"),
        ("我儿子吃了我一粒药", "zh", "emergency", "child-took-tacrolimus"),
        ("我兒子吃了我一粒藥", "zh-TW", "emergency", "child-took-tacrolimus"),
        ("個仔食咗我粒藥，點算", "zh-HK", "emergency", "child-took-tacrolimus"),
        ("我個仔食咗粒藥丸", "zh-HK", "emergency", "child-took-tacrolimus"),
        ("我女兒食咗兩粒藥", "zh-HK", "emergency", "child-took-tacrolimus"),
        ("我個囡食咗粒藥", "zh-HK", "emergency", "child-took-tacrolimus"),
        ("BB食咗我粒藥", "zh-HK", "emergency", "child-took-tacrolimus"),
        ("小朋友食咗粒他克莫司", "zh", "emergency", "child-took-tacrolimus"),
        ("小朋友食咗我粒藥", "zh-HK", "emergency", "child-took-tacrolimus"),
        ("我个女吃了我粒药", "zh", "emergency", "child-took-tacrolimus"),
        # A3: a baby who will not wake or feed, in Cantonese
        ("BB瞓唔醒", "zh-HK", "emergency", "baby-unwell"),
        ("寶寶瞓唔醒", "zh-HK", "emergency", "baby-unwell"),
        ("BB成日瞓，唔肯食奶", "zh-HK", "emergency", "baby-unwell"),
        # A4: weakness reaching coughing and swallowing (没力, 冇力, 吞嘢)
        ("咳嗽没力，吞咽困难", "zh", "emergency", "weakness-breathing"),
        ("咳嗽沒力，吞嚥困難", "zh-TW", "emergency", "weakness-breathing"),
        ("咳嗽冇力，吞嘢困難", "zh-HK", "emergency", "weakness-breathing"),
        ("吞嘢困難", "zh-HK", "today", "swallowing-trouble"),  # alone: review 8, X1
        ("喝水呛咳", "zh", "emergency", "weakness-breathing"),
        # A5: the whole bottle, in Cantonese
        ("我食咗成樽藥", "zh-HK", "emergency", "whole-supply"),
        ("佢食晒成樽藥", "zh-HK", "emergency", "whole-supply"),
        # B3: can't wake him however hard I call: not breathing / not responding
        ("佢叫極都唔醒", "zh-HK", "emergency", "collapse"),
        # B2: a severe headache after birth: the maternity unit's card, not only PRES
        ("生完孩子一周，头痛得厉害", "zh", "emergency", "maternity-warning-sign"),
        ("產後一週，頭痛得很厲害", "zh-TW", "emergency", "maternity-warning-sign"),
        ("坐月子，头痛得厉害", "zh", "emergency", "maternity-warning-sign"),
        # T16: 要命 and 到爆 count like 厉害 (the severe-headache reading)
        ("头痛得要命", "zh", "emergency", "pres"),
        ("头疼得要命", "zh", "emergency", "pres"),
        ("頭痛得要命", "zh-TW", "emergency", "pres"),
        ("頭痛到爆", "zh-HK", "emergency", "pres"),
        ("頭好痛到爆", "zh-HK", "emergency", "pres"),
        # B1: an extra tablet or two, counted in words, is the extra-dose call
        ("我不小心吃了两粒他克莫司", "zh", "today", "extra-dose"),
        ("我唔小心食咗兩粒他克莫司", "zh-HK", "today", "extra-dose"),
        ("took two extra tablets", "en", "today", "extra-dose"),
        ("I took three extra tablets", "en", "today", "extra-dose"),
        ("accidentally took three capsules", "en", "emergency", "whole-supply"),
    ],
)
def test_the_reads_questions_get_the_tier_and_card_they_need(
    question: str, lang: str, tier: str, card: str
) -> None:
    data = _json(question, lang)
    assert data["tier"] == tier, data["read_as"]
    assert card in _ids(data)
    assert _headline(question, lang).startswith(HEADLINE[lang, tier])


@pytest.mark.parametrize(
    "question",
    [
        "我吃了一粒药，儿子感冒了",  # the child did not take it
        "我儿子吃了药以后发烧",  # his own medicine: no pill of mine
        "我个仔吃了一粒退烧药",
    ],
)
def test_a_child_and_a_pill_in_one_question_are_not_always_a_child_who_took_one(
    question: str,
) -> None:
    r = run("symptom", question, "--json")
    assert r.code != 0 or "child-took-tacrolimus" not in _ids(json.loads(r.out))


def test_choking_once_on_a_drink_is_not_the_weakness_emergency() -> None:
    r = run("symptom", "喝水呛到了", "--json")
    assert r.code != 0 or json.loads(r.out)["tier"] != "emergency"


@pytest.mark.parametrize(
    ("question", "lang"), [("怀孕32周，阴道出血", "zh"), ("懷孕32週，陰道出血", "zh-TW")]
)
def test_bleeding_read_as_a_pregnancy_warning_sign_is_not_a_blood_count_card(
    question: str, lang: str
) -> None:
    data = _json(question, lang)
    assert data["tier"] == "emergency"
    assert "maternity-warning-sign" in _ids(data)
    assert "low-blood-counts" not in _ids(data)


@pytest.mark.parametrize(
    ("question", "lang", "shown"),
    [
        ("我不小心吃了五粒他克莫司", "zh", "按“吃了五粒：大量过量”理解。"),
        ("我不小心吃了五粒他克莫司", "zh-TW", "按「吃了五粒：大量過量」理解。"),
        ("我不小心吃了五顆他克莫司", "zh-TW", "按「吃了五顆：大量過量」理解。"),
        ("我唔小心食咗五粒他克莫司", "zh-HK", "按「食咗五粒：大量過量」理解。"),
        ("我唔小心食咗五粒他克莫司", "zh", "按“食咗五粒：大量过量”理解。"),
    ],
)
def test_the_overdose_label_is_in_the_readers_characters_with_their_own_words(
    question: str, lang: str, shown: str
) -> None:
    r = run("symptom", question, "--lang", lang)
    assert r.code == 0, r.err
    assert shown in r.out.splitlines()
    assert _json(question, lang)["read_as"] == shown[2:-4]


def test_the_english_count_label_is_unchanged() -> None:
    data = _json("took 10 capsules", "en")
    assert data["read_as"] == "took 10 capsules: a large overdose"


@pytest.mark.parametrize("region", sorted(HANT))
def test_the_stored_traditional_labels_are_what_opencc_gives(region: str) -> None:
    opencc = pytest.importorskip("opencc")
    for simplified, traditional in symptoms.LABELS_HANT.items():
        converted = fix_hant(opencc.OpenCC(HANT[region]).convert(simplified), region)
        assert converted == traditional, (region, simplified)


def test_a_weak_cough_with_swallowing_is_read_once_as_what_was_said() -> None:
    """Not also as "weakness spreading" (the same concern, read from a shorter span)."""
    assert _json("咳嗽没力，吞咽困难", "zh")["read_as"] == "咳嗽无力伴吞咽困难"
    assert _json("咳嗽冇力，吞嘢困難", "zh-HK")["read_as"] == "咳嗽無力伴吞嚥困難"


def test_a_question_read_as_a_whole_shows_its_words_whole() -> None:
    """D1: 匹配词 was the question's first characters, cut inside the medicine's name."""
    r = run("symptom", "我吃多了两粒他克莫司")
    assert r.code == 0, r.err
    assert "匹配词：我吃多了两粒他克莫司" in r.out.splitlines()
    assert _json("我吃多了两粒他克莫司", "zh")["tier"] == "today"
