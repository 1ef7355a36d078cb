"""tacref symptom: Chinese read 9 (docs/reviews/chinese-9-2026-11-28.md) and the Chinese and
Cantonese questions of clinical review 8 (docs/reviews/symptom-clinical-8-2026-11-28.md), in
simplified, zh-TW and zh-HK: the tier, the card and the words the reader sees."""

import json

import pytest

from conftest import run
from tacref.i18n import resolve_language

HEADLINE = {
    ("zh", "emergency"): "紧急：",
    ("zh-TW", "emergency"): "緊急：",
    ("zh-HK", "emergency"): "緊急：",
    ("zh", "today"): "今天：",
    ("zh-TW", "today"): "今天：",
    ("zh-HK", "today"): "今天：",
}


def _json(question: str, lang: str) -> dict:
    r = run("symptom", question, "--lang", lang, "--json")
    assert r.code == 0, r.err
    return json.loads(r.out)


def _text(question: str, lang: str) -> str:
    r = run("symptom", question, "--lang", lang, "--color", "never", "--no-pager")
    assert r.code == 0, r.err
    return r.out


def _ids(data: dict) -> set[str]:
    return {c["id"] for c in data["concerns"]} | {s["side_effect"]["id"] for s in data["symptoms"]}


# A1 (review 8, X2): another medicine's overdose: the neutral card, which names no tacrolimus
OTHER_MEDICINE = [
    ("我老公吃了30粒安眠药", "zh"),
    ("我老公食咗30粒安眠藥", "zh-HK"),
    ("食咗20粒必理痛", "zh-HK"),
    ("我吃了20顆普拿疼", "zh-TW"),
    ("我女儿吃了10片退烧药", "zh"),
    ("吃了一整瓶泰诺", "zh"),
    ("食咗成樽安眠藥", "zh-HK"),
    ("我食咗成排必理痛", "zh-HK"),
    ("吃了一整盒安眠药", "zh"),
    ("吃了好多安眠药", "zh"),
    ("吞了一瓶安眠药", "zh"),
    ("吞了一瓶安眠藥", "zh-TW"),
    ("安眠药吃多了", "zh"),
]
SAY_WHICH = {
    "zh": "告诉对方吃的是什么药",
    "zh-TW": "告訴對方吃的是什麼藥",
    "zh-HK": "告訴對方吃的是什麼藥",
}


@pytest.mark.parametrize(("question", "lang"), OTHER_MEDICINE)
def test_another_medicines_overdose_gets_the_neutral_card(question: str, lang: str) -> None:
    data = _json(question, lang)
    assert data["tier"] == "emergency", data["read_as"]
    assert "medicine-overdose" in _ids(data)
    assert not {"whole-supply", "extra-dose"} & _ids(data)
    out = _text(question, lang)
    assert out.splitlines()[3].startswith(HEADLINE[lang, "emergency"])
    assert SAY_WHICH[lang] in out
    assert "吃的是他克莫司" not in out


@pytest.mark.parametrize(
    ("question", "lang", "card"),
    [
        ("我不小心吃了三粒他克莫司", "zh", "whole-supply"),  # tacrolimus named: its card
        ("吞了一瓶药", "zh", "whole-supply"),  # nothing else named: tacrolimus
        ("我食咗成樽藥", "zh-HK", "whole-supply"),
    ],
)
def test_tacrolimus_or_no_name_keeps_the_tacrolimus_card(
    question: str, lang: str, card: str
) -> None:
    data = _json(question, lang)
    assert data["tier"] == "emergency"
    assert card in _ids(data)
    assert "medicine-overdose" not in _ids(data)


def test_two_tacrolimus_capsules_by_mistake_stay_the_extra_dose_call() -> None:
    data = _json("我不小心吃了两粒他克莫司", "zh")
    assert (data["tier"], _ids(data)) == ("today", {"extra-dose"})


@pytest.mark.parametrize(
    ("question", "lang", "tier", "card"),
    [
        # A2: a child who took pills by mistake: the child's emergency, not the parent's extra dose
        ("我家小孩误吃了两颗药", "zh", "emergency", "child-took-tacrolimus"),
        ("我家小孩误食了两颗药", "zh", "emergency", "child-took-tacrolimus"),
        ("小孩誤吃了一粒藥", "zh-TW", "emergency", "child-took-tacrolimus"),
        ("小孩误吃了一粒药", "zh", "emergency", "child-took-tacrolimus"),
        # A3: a child's fit of any length
        ("孩子抽了3分钟", "zh", "emergency", "seizures"),
        ("孩子抽了两分钟", "zh", "emergency", "seizures"),
        ("孩子抽了30秒", "zh", "emergency", "seizures"),
        ("孩子抽咗兩分鐘", "zh-HK", "emergency", "seizures"),
        # A4: feeding less, in everyday and Cantonese words: the midwife's today
        ("宝宝吃奶比以前少", "zh", "today", "baby-feeding-less"),
        ("宝宝喝奶量变少", "zh", "today", "baby-feeding-less"),
        ("寶寶喝奶變少", "zh-TW", "today", "baby-feeding-less"),
        ("宝宝只吃一边的奶", "zh", "today", "baby-feeding-less"),
        ("BB食奶少咗", "zh-HK", "today", "baby-feeding-less"),
        ("BB飲奶少咗", "zh-HK", "today", "baby-feeding-less"),
        # A4: and with its own danger signs: the baby's emergency
        ("宝宝最近吃奶少了，尿布也少了", "zh", "emergency", "baby-unwell"),
        ("BB飲奶少咗，尿片少咗", "zh-HK", "emergency", "baby-unwell"),
        ("宝宝尿布很少湿", "zh", "emergency", "baby-unwell"),
        ("宝宝身体发软", "zh", "emergency", "baby-unwell"),
        ("BB軟晒", "zh-HK", "emergency", "baby-unwell"),
        ("宝宝吃奶少了，一直睡", "zh", "emergency", "baby-unwell"),
        ("BB食奶少咗，好眼瞓", "zh-HK", "emergency", "baby-unwell"),
        # A5: Cantonese extra dose with a warning sign
        ("多食咗一次藥，手震", "zh-HK", "emergency", "extra-dose-warning-sign"),
        ("我唔小心食多咗兩粒他克莫司，手震", "zh-HK", "emergency", "extra-dose-warning-sign"),
        ("食多咗藥，頭暈，好眼瞓", "zh-HK", "emergency", "extra-dose-warning-sign"),
        ("食多咗他克莫司，成個人好混亂", "zh-HK", "emergency", "extra-dose-warning-sign"),
        # A6, review 8 T10: pregnancy in Cantonese
        ("有咗BB，BB唔郁", "zh-HK", "emergency", "maternity-warning-sign"),
        ("有咗BB，BB冇乜郁", "zh-HK", "emergency", "maternity-warning-sign"),
        ("有咗BB，頭好痛", "zh-HK", "emergency", "pregnancy"),
        ("有咗，頭痛得好犀利", "zh-HK", "emergency", "pregnancy"),
        ("我有咗，見紅", "zh-HK", "emergency", "maternity-warning-sign"),
        ("孕早期见红", "zh", "emergency", "maternity-warning-sign"),
        # T3, A9: the traditional 後 reads as the simplified 后
        ("產後大出血", "zh-TW", "emergency", "maternity-warning-sign"),
        ("产後大出血", "zh", "emergency", "maternity-warning-sign"),
        ("產後頭很痛", "zh-TW", "emergency", "maternity-warning-sign"),
        ("產後頭痛", "zh-TW", "today", "after-birth-headache"),
        ("生咗BB之後頭痛", "zh-HK", "today", "headache"),
        ("生完BB三日，頭痛到爆", "zh-HK", "emergency", "maternity-warning-sign"),
        # A7: bleeding after birth said plainly; a red swollen leg after birth (a clot)
        ("生完孩子，流了好多血", "zh", "emergency", "maternity-warning-sign"),
        ("生完小朋友，出好多血", "zh-HK", "emergency", "maternity-warning-sign"),
        ("产后一周，腿又红又肿", "zh", "today", "deep-vein-thrombosis"),
        # A8, T21: headache degree words
        ("头痛得要死", "zh", "emergency", "pres"),
        ("头剧痛", "zh", "emergency", "pres"),
        ("头痛到炸", "zh", "emergency", "pres"),
        ("头痛得不得了", "zh", "today", "headache"),
        ("头超级痛", "zh", "today", "headache"),
        ("頭痛得好犀利", "zh-HK", "today", "headache"),
        ("頭痛得好緊要", "zh-HK", "today", "headache"),
        ("頭痛到想嘔", "zh-HK", "today", "headache"),
        # A10: rigors
        ("移植后发烧，发冷打颤", "zh", "emergency", "infections"),
        ("發燒，打冷震", "zh-HK", "emergency", "infections"),
        ("發高燒，畏寒發抖", "zh-TW", "emergency", "infections"),
        # A11, A12
        ("一整天没有小便", "zh", "emergency", "nephrotoxicity"),
        ("屙黑屎", "zh-HK", "today", "gi-bleeding"),
        ("大便出血", "zh", "today", "gi-bleeding"),
        # review 8 T5: stroke, confusion and weakness in Cantonese
        ("老公突然講嘢唔清楚", "zh-HK", "emergency", "stroke"),
        ("塊面歪咗", "zh-HK", "emergency", "stroke"),
        ("阿媽成日亂講嘢", "zh-HK", "emergency", "muddled-thinking"),
        ("我阿爸成個人好混亂", "zh-HK", "emergency", "muddled-thinking"),
        ("他说话颠三倒四", "zh", "emergency", "muddled-thinking"),
        ("手腳冇晒力", "zh-HK", "emergency", "hyperkalaemia"),
        # T8: breathlessness
        ("我好似透唔切氣", "zh-HK", "emergency", "breathing-lung-problems"),
        ("我呼吸好辛苦", "zh-HK", "emergency", "breathing-lung-problems"),
        ("呼吸很喘", "zh-TW", "emergency", "breathing-lung-problems"),
        # T14: a rash all over with a broken-down mouth (SJS)
        ("全身起紅疹，嘴巴破", "zh-TW", "emergency", "severe-skin-reactions"),
        # T17, T19, T20
        ("尿是茶色的", "zh", "today", "hepatitis-jaundice"),
        ("晚上出汗，体重下降", "zh", "today", "lymphoma-ptld"),
        ("脖子有个包越来越大", "zh", "today", "lymphoma-ptld"),
        ("皮肤出现很多小红点", "zh", "today", "low-blood-counts"),
        # A13: a rash after a new medicine (出疹)
        ("食咗新藥之後出疹", "zh-HK", "today", "itching-rash"),
    ],
)
def test_the_reads_questions_get_the_tier_and_card_they_need(
    question: str, lang: str, tier: str, card: str
) -> None:
    data = _json(question, lang)
    assert data["tier"] == tier, data["read_as"]
    assert card in _ids(data), _ids(data)
    assert _text(question, lang).splitlines()[3].startswith(HEADLINE[lang, tier])


def test_a_child_who_took_pills_is_not_also_the_parents_extra_dose() -> None:
    data = _json("我家小孩误吃了两颗药", "zh")
    assert "extra-dose" not in _ids(data)
    assert "他克莫司服用过量" not in _text("我家小孩误吃了两颗药", "zh")


def test_a_leg_cramp_in_pregnancy_is_a_cramp_and_a_fit_word_stays_a_fit() -> None:
    """B3: 小腿抽筋 is a cramp; 抽筋 alone in pregnancy stays the fit (eclampsia: the urgent
    reading), as 抽筋 after a double dose is a warning sign."""
    cramp = _json("怀孕，小腿抽筋", "zh")
    assert "seizures" not in _ids(cramp)
    assert "joint-muscle-pain" in _ids(cramp)
    assert _json("懷孕期間抽筋", "zh-TW")["tier"] == "emergency"
    assert "extra-dose-warning-sign" in _ids(_json("吃了双倍剂量，抽筋", "zh"))


@pytest.mark.parametrize(
    ("lang", "shown", "not_shown"),
    [
        ("zh-TW", "公衛護理師", "社群"),
        ("zh-HK", "母嬰健康院護士", "社群"),
        ("zh-HK", "濕尿片", "尿布"),
        ("zh", "社区保健护士", "社群"),
    ],
)
def test_the_feeding_less_text_uses_each_regions_words(
    lang: str, shown: str, not_shown: str
) -> None:
    """B1, C1: s2twp's 社群 (an online community) is put right; each region's own words."""
    out = _text("我的宝宝吃奶少了", lang)
    assert shown in out
    assert not_shown not in out


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("我唔小心食咗五粒他克莫司", "zh-HK"),  # simplified characters, Cantonese words
        ("有咗BB，BB唔郁", "zh-HK"),
        ("係咪要停藥", "zh-HK"),
        ("BB好眼瞓", "zh-HK"),
        ("頭痛得好犀利", "zh-HK"),
        ("沒有關係", "zh-TW"),  # 關係 is Mandarin
        ("皮肤晒太阳后很痛", "zh"),  # 晒 in simplified is Mandarin
        ("头痛", "zh"),
    ],
)
def test_a_cantonese_question_is_answered_in_hong_kong_words(question: str, expected: str) -> None:
    """C3 (read 8, still open in read 9)."""
    assert resolve_language(None, {"LANG": "C.UTF-8"}, question) == expected


def test_a_cantonese_question_in_simplified_prints_hong_kong_words() -> None:
    r = run("symptom", "我唔小心食咗五粒他克莫司", "--color", "never", "--no-pager")
    assert r.code == 0, r.err
    assert "按「食咗五粒：大量過量」理解。" in r.out.splitlines()


@pytest.mark.parametrize(
    ("question", "lang", "label"),
    [
        ("全身脱皮，嘴里溃烂", "zh", "脱皮伴眼睛或口腔症状"),  # the mouth, not only the eyes
        ("脫皮，眼睛紅", "zh-TW", "脫皮伴眼睛或口腔症狀"),
        ("擦了新药膏后起疹子", "zh", "用新药后起疹子"),  # an ointment is not 吃
        ("食咗新藥之後出疹", "zh-HK", "用新藥後起疹子"),
    ],
)
def test_the_label_says_only_what_the_question_said(question: str, lang: str, label: str) -> None:
    """B4: 按“脱皮伴眼睛痛”理解 for a mouth, 吃新药 for an ointment."""
    assert _json(question, lang)["read_as"] == label


def test_smoking_for_three_minutes_is_no_fit() -> None:
    """A3's any-length fit is 抽了 + a time, not 抽了三分钟烟."""
    r = run("symptom", "他抽了三分钟烟", "--json")
    assert r.code != 0 or "seizures" not in _ids(json.loads(r.out))


@pytest.mark.parametrize(
    ("question", "lang", "tier", "card"),
    [
        ("胎动好少", "zh", "emergency", "maternity-warning-sign"),  # review 8 T1
        ("我食多咗藥", "zh-HK", "today", "extra-dose"),  # review 8 T15
    ],
)
def test_review_8_short_forms(question: str, lang: str, tier: str, card: str) -> None:
    data = _json(question, lang)
    assert (data["tier"], card in _ids(data)) == (tier, True)


def test_a_small_extra_dose_of_another_medicine_is_a_pharmacist_question_today() -> None:
    # two ibuprofen by mistake: not tacrolimus's card, and not an emergency; the card
    # says when to call emergency services (a large amount, a child, warning signs)
    data = _json("我不小心吃了两颗布洛芬", "zh")
    assert data["tier"] == "today"
    assert _ids(data) >= {"medicine-extra-dose"}
    assert not {"whole-supply", "extra-dose"} & _ids(data)
    assert "吃的是他克莫司" not in _text("我不小心吃了两颗布洛芬", "zh")
