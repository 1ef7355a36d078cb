"""tacref symptom, clinical review 7 (issue 19): T11-T15, T17-T22 and X1, X3, X4, X6-X10.

Each class of question is asked in several wordings; the test asserts the headline
the user reads (plain output) and the JSON tier, which must agree.
"""

import json
import os
import subprocess
import sys
from functools import cache

import pytest

from conftest import run

# a Chinese question is answered in Chinese (a Cantonese one in traditional characters)
HEADLINE = {
    "emergency": ("EMERGENCY:", "紧急：", "緊急："),
    "today": ("TODAY:", "今天："),
    "next-visit": ("NEXT VISIT:", "下次复诊：", "下次覆診：", "下次複診："),
}


@cache  # one question, one answer: asked once for all its checks
def asked(question: str) -> tuple[int, str, str]:
    """(exit code, JSON, plain output) of ``tacref symptom QUESTION``."""
    r = run("symptom", question, "--json")
    plain = run("symptom", question)
    assert r.code == plain.code, (question, r.err, plain.err)
    return r.code, r.out, plain.out


def answered(question: str) -> str:
    """The tier of ``question``, as the JSON says and as the headline shows it."""
    code, out, plain = asked(question)
    assert code == 0, question
    tier = json.loads(out)["tier"]
    assert plain.splitlines()[3].startswith(HEADLINE[tier]), (question, plain)
    return tier


def concern_ids(question: str) -> set[str]:
    code, out, _ = asked(question)
    assert code == 0, question
    return {c["id"] for c in json.loads(out)["concerns"]}


def row_ids(question: str) -> set[str]:
    code, out, _ = asked(question)
    assert code == 0, question
    return {s["side_effect"]["id"] for s in json.loads(out)["symptoms"]}


# T11: someone not responding
@pytest.mark.parametrize(
    "question",
    [
        "she is not responding",
        "he won't respond to me",
        "he is not responding properly",
        "my husband doesn't respond when I shake him",
        "mum stopped responding",
        "叫佢冇反應",
    ],
)
def test_t11_not_responding_is_the_collapse_emergency(question: str) -> None:
    assert answered(question) == "emergency"
    assert "collapse" in concern_ids(question)


# T12: a denied symptom that then began
@pytest.mark.parametrize(
    "question",
    [
        "never had chest pain until today",
        "no chest pain until an hour ago, now crushing",
        "I had no chest pain till this morning",
    ],
)
def test_t12_a_symptom_denied_until_now_is_there(question: str) -> None:
    assert answered(question) == "emergency"


# T13: self-harm intent in other words
@pytest.mark.parametrize(
    "question",
    [
        "I want to swallow all my pills",
        "thinking about swallowing all my tablets",
        "I feel like taking all of my capsules",
        "我想吃掉所有的药",
        "我想一次吃完所有的药",
        "我想把药全吃了",
    ],
)
def test_t13_an_intent_to_take_everything_gets_the_self_harm_answer(question: str) -> None:
    assert answered(question) == "emergency"
    assert "mood-changes" in row_ids(question)


# T14: a child who took tacrolimus, in other words
@pytest.mark.parametrize(
    "question",
    [
        "my granddaughter might have eaten one of my pills",
        "my son may have swallowed one of my capsules",
        "my niece found my pill box and ate some",
        "my nephew got into my tablets",
        "小朋友食咗我粒藥",
        "我个女吃了我粒药",
    ],
)
def test_t14_a_child_who_took_tacrolimus(question: str) -> None:
    assert answered(question) == "emergency"
    assert "child-took-tacrolimus" in concern_ids(question)


# T15: review 6's items still open
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("佢突然講唔到嘢", "emergency"),  # a stroke, in Cantonese
        ("上腹剧痛，痛到背", "emergency"),  # pancreatitis
        ("他全身抽筋", "emergency"),  # a generalised fit
        ("咳嗽有血", "emergency"),
        ("没有发烧但咳嗽有血", "emergency"),
        ("feel like passing out", "today"),
        ("I feel like I'm going to pass out", "today"),
        ("my new kidney hurts", "today"),
        ("小便有血", "today"),
        ("皮肤很黄", "today"),
        ("eye very red painful and discharge after talymus", "today"),
        ("用了他克莫司软膏后脸上起了很多水泡", "today"),
        ("hands shaking so bad I can't hold a cup", "today"),
        ("I can't hold a cup because my hands shake", "today"),
        ("numb lips and tingling fingers", "today"),
        ("my lips are numb", "today"),
        ("burning after applying protopic", "next-visit"),
    ],
)
def test_t15_review_six_items(question: str, expected: str) -> None:
    assert answered(question) == expected


# T17: vomiting that loses the doses
@pytest.mark.parametrize(
    "question",
    [
        "throwing up since last night and can't keep anything down",
        "I can't keep food down",
        "vomited up my tacrolimus dose twice today",
        "I threw up my tablets this morning",
        "can't keep my tablets down",
    ],
)
def test_t17_doses_not_kept_down_are_today(question: str) -> None:
    assert answered(question) == "today"


# T18: skin
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("my skin is peeling and my eyes are sore", "emergency"),
        ("skin peeling and red eyes", "emergency"),
        ("big blisters on my legs", "today"),
        ("rash all over after starting a new antibiotic", "today"),
        ("I got a rash since starting a new medicine", "today"),
    ],
)
def test_t18_skin(question: str, expected: str) -> None:
    assert answered(question) == expected


# T19: belly pain with black stools
@pytest.mark.parametrize(
    "question",
    ["肚子很痛，拉黑色大便", "stomach pain and black poo", "black stools and belly pain"],
)
def test_t19_black_stools_with_belly_pain_is_an_emergency(question: str) -> None:
    assert answered(question) == "emergency"


def test_t19_black_stools_alone_stay_today() -> None:
    assert answered("black stools") == "today"


# T20: rigors after a transplant
@pytest.mark.parametrize(
    "question",
    [
        "fever 39 and shivering uncontrollably after kidney transplant",
        "发烧39度，肾移植后，发冷发抖",
        "fever and rigors",
        "I can't stop shivering and I have a temperature",
    ],
)
def test_t20_rigors_are_an_emergency(question: str) -> None:
    assert answered(question) == "emergency"


def test_t20_fever_with_chills_stays_today() -> None:
    assert answered("fever and chills") == "today"


# T21: an irregular heartbeat in other words
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("my pulse is irregular", "today"),
        ("heart flutters now and then", "today"),
        ("irregular pulse", "today"),
        ("my pulse is irregular and I feel dizzy", "emergency"),
        ("my heart keeps skipping beats", "emergency"),
    ],
)
def test_t21_irregular_pulse(question: str, expected: str) -> None:
    assert answered(question) == expected


# T22: next-visit problems in other words; two today
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("my ankles are a bit swollen", "next-visit"),
        ("I don't have any chest pain or breathing problems but my ankle is swollen", "next-visit"),
        ("腳有啲腫", "next-visit"),
        ("瞓唔着", "next-visit"),
        ("心情好差，成日喊", "next-visit"),
        ("I'm sad and cry a lot", "next-visit"),
        ("my eyes sting after the drops", "next-visit"),
        ("no trouble breathing at rest, only when I climb stairs", "today"),
        ("I got bitten by a dog and the wound is red", "today"),
        ("cat bite that is swollen", "today"),
    ],
)
def test_t22_next_visit_problems(question: str, expected: str) -> None:
    assert answered(question) == expected


# X1: a day's total is no overdose; a mistake of time is no mistake of amount
@pytest.mark.parametrize(
    "question",
    [
        "I took 10 capsules today",
        "今天吃了10粒",
        "I took 12 capsules today like the doctor said",
    ],
)
def test_x1_a_days_total_is_not_an_overdose(question: str) -> None:
    if asked(question)[0] == 0:  # answered: never as an overdose
        assert not concern_ids(question) & {"whole-supply", "medicine-overdose"}
    else:
        assert asked(question)[0] == 1


def test_x1_a_days_total_keeps_its_symptoms_and_no_overdose() -> None:
    question = "today I took 10 capsules and I feel tremor"
    assert answered(question) == "next-visit"
    assert "whole-supply" not in concern_ids(question)


@pytest.mark.parametrize(
    "question", ["I took 4 capsules by mistake an hour early", "took 3 capsules by mistake at 7pm"]
)
def test_x1_a_mistake_of_time_is_today_at_most(question: str) -> None:
    assert answered(question) == "today"
    assert "whole-supply" not in concern_ids(question)


@pytest.mark.parametrize(
    "question",
    [
        "took 10 capsules by mistake today",
        "I took 25 capsules today",
        "took 10 capsules by mistake",
        "took 20 tablets",
        "took 4 extra capsules by mistake this morning",
    ],
)
def test_x1_a_large_count_is_still_the_whole_supply_emergency(question: str) -> None:
    assert answered(question) == "emergency"
    assert "whole-supply" in concern_ids(question)


# X3: the after-birth signs are the first weeks', and the person's own
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("had my baby 2 years ago and now have a headache", "next-visit"),
        ("our cat gave birth and I have a headache", "next-visit"),
        ("两年前生了孩子，现在头痛", "next-visit"),
        ("postpartum headache", "today"),
        ("gave birth 3 weeks ago and have a headache", "today"),
        ("产后头痛", "today"),
        ("had my baby 3 days ago and I have a bad headache", "emergency"),
        ("gave birth last week and now terrible headache", "emergency"),
        ("产后头很痛", "emergency"),
    ],
)
def test_x3_after_birth_headache(question: str, expected: str) -> None:
    assert answered(question) == expected


# X4: a baby feeding less is the midwife's today; not feeding at all stays an emergency
@pytest.mark.parametrize(
    "question",
    [
        "baby won't feed from the left breast",
        "my baby isn't feeding as well from a bottle",
        "my baby is very sleepy after a feed, is that normal",
        "baby is not waking for night feeds, should I wake her",
    ],
)
def test_x4_a_baby_feeding_less_is_today(question: str) -> None:
    assert answered(question) == "today"
    assert concern_ids(question) == {"baby-feeding-less"}


@pytest.mark.parametrize(
    "question",
    [
        "baby won't feed",
        "baby won't feed at all",
        "my baby is very sleepy",
        "my baby won't feed from the left breast and is floppy",
        "baby won't feed from the left breast and has a fever",
    ],
)
def test_x4_a_baby_not_feeding_or_with_a_danger_sign_stays_an_emergency(question: str) -> None:
    assert answered(question) == "emergency"
    assert "baby-unwell" in concern_ids(question)


# X6: a child on their own medicine
def test_x6_a_child_who_took_their_own_medicine_is_not_the_child_took_emergency() -> None:
    question = "my child took his medicine and now has a headache"
    assert answered(question) == "next-visit"
    assert "child-took-tacrolimus" not in concern_ids(question)


@pytest.mark.parametrize(
    "question", ["my child took his medicine and my tablets", "my toddler took my capsules"]
)
def test_x6_a_child_who_took_my_tablets_stays_an_emergency(question: str) -> None:
    assert answered(question) == "emergency"


# X7: denials
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("no seizures since the last visit", "next-visit"),
        ("no seizures since my last appointment", "next-visit"),
        ("chest pain? no. breathing? fine. But my leg is swollen and hot", "today"),
        ("I don't have crushing chest pain", "today"),
        ("no severe chest pain", "today"),
        ("没有剧烈胸痛", "today"),
        ("no chest pain", "next-visit"),
        ("no severe chest pain but my lips are blue", "emergency"),
    ],
)
def test_x7_denials(question: str, expected: str) -> None:
    assert answered(question) == expected


def test_x7_a_chinese_denial_carries_across_he() -> None:
    question = "没有胸口痛和气短，只是咳嗽"
    assert answered(question) == "today"
    assert "breathing-lung-problems" not in row_ids(question)


# X8: someone else's pregnancy
@pytest.mark.parametrize(
    "question",
    [
        "my sister is pregnant",
        "my girlfriend is pregnant and I'm on tacrolimus, is that ok",
        "I got my partner pregnant while on prograf",
        "my wife is pregnant",
        "我姐姐怀孕了",
    ],
)
def test_x8_someone_elses_pregnancy_is_a_next_visit_question(question: str) -> None:
    assert answered(question) == "next-visit"
    assert concern_ids(question) == {"someone-else-pregnant"}


def test_x8_her_danger_signs_still_count() -> None:
    assert answered("my sister is pregnant and bleeding") == "emergency"
    assert answered("my wife is pregnant and has a terrible headache") == "emergency"


def test_x8_the_person_asking_who_is_pregnant_gets_the_pregnancy_text() -> None:
    assert concern_ids("I'm pregnant") == {"pregnancy"}


# X9: a large overdose is not read as "took my dose twice"
@pytest.mark.parametrize(
    "question",
    [
        "took my dose 3 times today by mistake",
        "took too many pills by mistake",
        "accidentally took my 5 mg capsules instead of the 0.5 mg ones",
    ],
)
def test_x9_read_as_never_says_less_than_was_asked(question: str) -> None:
    assert answered(question) == "emergency"
    assert "twice" not in asked(question)[2]
    assert "extra-dose" not in concern_ids(question)


# X10: the weakness text asks for the next dose's time, in both languages
def test_x10_the_weakness_text_says_when_the_next_dose_is_due() -> None:
    concerns = json.loads(asked("too weak to cough")[1])["concerns"]
    (weak,) = [c for c in concerns if c["id"] == "weakness-breathing"]
    assert "next tacrolimus dose is due" in weak["action"]["en"]
    assert "下一次他克莫司" in weak["action"]["zh"]


# i19p: one-word answers do not depend on the hash seed (the wider phrases were a set)
@pytest.mark.parametrize("word", ["heart", "sudden", "说不出话"])
def test_one_word_answers_are_the_same_under_any_hash_seed(word: str) -> None:
    outputs = set()
    for seed in ("1", "2", "3"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-m", "tacref", "symptom", word, "--json"],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        outputs.add((done.returncode, done.stdout, done.stderr))
    assert len(outputs) == 1, outputs


@pytest.mark.parametrize(
    ("question", "concern"),
    [
        ("he is not responding to antibiotics", "collapse"),
        ("I want to take them all at once", "whole-supply"),
    ],
)
def test_t11_t13_everyday_words_are_not_the_emergency(question: str, concern: str) -> None:
    assert asked(question)[0] == 1 or concern not in concern_ids(question)


def test_t13_a_wish_to_eat_all_of_a_meal_is_not_self_harm() -> None:
    assert asked("我想把饭全吃了")[0] == 1 or "mood-changes" not in row_ids("我想把饭全吃了")
