"""tacref symptom, clinical review 8 (issue 19): X1-X4 and the English too-low groups.

Each question is asked through the CLI; the tests assert the headline the user reads
(plain output), the JSON tier (which must agree) and the text shown.
"""

import json
from functools import cache

import pytest

from conftest import run

HEADLINE = {
    "emergency": ("EMERGENCY:", "紧急：", "緊急："),
    "today": ("TODAY:", "今天："),
    "next-visit": ("NEXT VISIT:", "下次复诊：", "下次覆診：", "下次複診："),
}
TEAM_TODAY = "TODAY: contact your transplant team or the doctor who prescribes tacrolimus today."
ADVICE_TODAY = "TODAY: get advice today, as below."


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
    assert code == 0, (question, plain)
    tier = json.loads(out)["tier"]
    assert plain.splitlines()[3].startswith(HEADLINE[tier]), (question, plain)
    return tier


def concern_ids(question: str) -> set[str]:
    code, out, _ = asked(question)
    assert code == 0, question
    return {c["id"] for c in json.loads(out)["concerns"]}


def shown(question: str) -> str:
    return asked(question)[2]


# X2: another medicine's overdose never says the medicine is tacrolimus
@pytest.mark.parametrize(
    "question",
    [
        "he swallowed a whole box of paracetamol",
        "a whole box of paracetamol",
        "took a whole packet of ibuprofen",
        "took 20 tablets of ibuprofen",
        "took a whole box of sleeping pills",
        "took too many sleeping pills",
        "she took a whole bottle of antidepressants",
        "my daughter drank a bottle of calpol",
        "took a handful of paracetamol",
        "took a whole box of co-codamol",
        "took a whole packet of sertraline",
        "overdosed on paracetamol",
    ],
)
def test_another_medicines_overdose_is_the_neutral_emergency(question: str) -> None:
    assert answered(question) == "emergency"
    assert concern_ids(question) == {"medicine-overdose"}
    assert "Say which medicine was taken" in shown(question)
    assert "tacrolimus" not in shown(question).split("\n", 3)[3].split("Emergency numbers")[0]


@pytest.mark.parametrize(
    "question", ["took too much paracetamol", "took a double dose of sertraline"]
)
def test_an_extra_dose_of_another_medicine_is_today_without_tacrolimus(question: str) -> None:
    assert answered(question) == "today"
    assert concern_ids(question) == {"medicine-extra-dose"}
    text = shown(question)
    assert "say which medicine was taken" in text
    assert "Say the medicine is tacrolimus" not in text
    assert ADVICE_TODAY in text and TEAM_TODAY not in text


@pytest.mark.parametrize(
    ("question", "concern"),
    [
        ("took all my pills", "whole-supply"),
        ("took a whole box of my tablets", "whole-supply"),
        ("took 10 prograf", "whole-supply"),
        ("dad swallowed a month's supply of advagraf", "whole-supply"),
        ("took a handful of my capsules", "whole-supply"),
    ],
)
def test_tacrolimus_or_my_pills_keep_the_tacrolimus_card(question: str, concern: str) -> None:
    assert answered(question) == "emergency"
    assert concern in concern_ids(question)
    assert "Say the medicine is tacrolimus" in shown(question)


def test_an_extra_dose_of_tacrolimus_with_a_sign_is_still_tacrolimus() -> None:
    question = "took a double dose and now my hands are shaking"
    assert answered(question) == "emergency"
    assert "extra-dose-warning-sign" in concern_ids(question)


# X1: trouble swallowing alone is today; with a weakness sign, the emergency
@pytest.mark.parametrize(
    "question",
    [
        "the capsules are hard to swallow",
        "I find it hard to swallow my tablets, can I open the capsules",
        "my child has difficulty swallowing the capsules",
        "tonsillitis and trouble swallowing",
        "trouble swallowing",
        "胶囊太大，吞不下",
    ],
)
def test_trouble_swallowing_alone_is_today(question: str) -> None:
    assert answered(question) == "today"
    assert concern_ids(question) == {"swallowing-trouble"}
    text = shown(question)
    assert "do not eat or drink" not in text and "不要吃东西或喝水" not in text
    assert "do not open or crush capsules" in text or "不要拆开或压碎胶囊" in text


@pytest.mark.parametrize(
    "question",
    [
        "my eyelids are drooping and I'm seeing double and it's hard to swallow",
        "I have trouble swallowing and my speech is slurred",
        "weak cough and trouble swallowing",
        "trouble swallowing and I feel short of breath",
        "咳嗽没力，吞咽困难",
    ],
)
def test_trouble_swallowing_with_weakness_is_the_emergency(question: str) -> None:
    assert answered(question) == "emergency"
    ids = concern_ids(question)
    assert "weakness-breathing" in ids and "swallowing-trouble" not in ids


# X3: a today card that names someone else has a neutral headline
@pytest.mark.parametrize(
    ("question", "headline"),
    [
        ("baby won't feed from the left breast", ADVICE_TODAY),
        ("postpartum headache", ADVICE_TODAY),
        ("gave birth 3 weeks ago and have a headache", ADVICE_TODAY),
        ("宝宝吃奶少了，只吃一边", "今天：请按下面的建议，今天就咨询。"),
        ("产后头痛", "今天：请按下面的建议，今天就咨询。"),
    ],
)
def test_the_midwifes_today_is_not_the_transplant_teams(question: str, headline: str) -> None:
    assert answered(question) == "today"
    text = shown(question)
    assert text.splitlines()[3] == headline
    assert "a question for your team" not in text and "需要问您的医疗团队" not in text


def test_after_birth_headache_says_midwife_and_blood_pressure() -> None:
    text = shown("postpartum headache")
    assert "Call your midwife, maternity unit or GP today" in text
    assert "after-birth-headache" in concern_ids("postpartum headache")


def test_traditional_headline_is_converted() -> None:
    r = run("symptom", "寶寶吃奶少了", "--lang", "zh-TW")
    assert r.code == 0
    assert r.out.splitlines()[3] == "今天：請按下面的建議，今天就諮詢。"


def test_a_today_card_of_the_team_keeps_the_team_headline() -> None:
    assert shown("I missed a dose").splitlines()[3] == TEAM_TODAY


# X4: the text shown agrees with the tier
@pytest.mark.parametrize(
    "question",
    ["rash all over after starting a new antibiotic", "I got a rash since starting a new medicine"],
)
def test_a_rash_after_a_new_medicine_says_today(question: str) -> None:
    assert answered(question) == "today"
    assert "rash-new-medicine" in concern_ids(question)
    text = shown(question)
    assert "Contact whoever prescribed the new medicine, or a pharmacist, today" in text
    # a rash row raised to today says so before its own "Mention it at your next visit"
    for block in text.split("\n\n"):
        if "How urgent: today" in block and "What to do: Mention it" in block:
            raise AssertionError(block)


def test_a_raised_row_says_today_before_its_own_text() -> None:
    text = shown("numb lips and tingling fingers")
    assert answered("numb lips and tingling fingers") == "today"
    assert "What to do: Because of what you describe, do not wait for your next visit" in text
    zh = shown("嘴唇发麻")
    assert "根据您描述的情况，不要等到下次复诊：请今天就联系您的医疗团队。" in zh


# The English too-low groups of review 8: the tier the user reads
@pytest.mark.parametrize(
    ("question", "tier"),
    [
        # T1: fetal movements
        ("the baby isn't moving", "emergency"),
        ("baby stopped moving", "emergency"),
        ("I haven't felt kicks today", "emergency"),
        ("haven't felt the baby move since yesterday", "emergency"),
        ("no movements from the baby since this morning", "emergency"),
        ("I'm 30 weeks and the baby is quieter than usual", "emergency"),
        # T2: chest tight
        ("chest tight", "emergency"),
        ("heart skipping and chest tight", "emergency"),
        # T4: anaphylaxis on the drip or an injection
        ("my chest went tight during the drip", "emergency"),
        ("I came out in hives and my tongue feels thick after the IV", "emergency"),
        ("I feel faint and itchy during the IV tacrolimus", "emergency"),
        # T6: a headache with sight going dark
        ("my vision is going dark at the edges and I have a headache", "emergency"),
        ("my eyesight is fading", "today"),
        # T7: other medicines counted or in amounts
        ("took 30 sertraline", "emergency"),
        ("she took 40 of her antidepressants", "emergency"),
        ("took 8 co-codamol", "emergency"),
        ("my toddler drank some calpol", "emergency"),
        ("I took eight of my prograf capsules instead of two", "emergency"),
        # T9: babies
        ("my baby is feeding less and has fewer wet nappies", "emergency"),
        ("my 6 week old baby is vomiting everything", "emergency"),
        ("my 5 week old feels hot, 38.2", "emergency"),
        ("baby only feeds for a few minutes", "today"),
        ("my baby won't take the bottle", "today"),
        # T10: weeks of a pregnancy
        ("I'm 38 weeks and have a bad headache", "emergency"),
        ("I'm 34 weeks and I have a headache that won't go away", "emergency"),
        ("I'm 38 weeks and having contractions every 5 minutes", "emergency"),
        ("leaking fluid at 33 weeks", "emergency"),
        ("having period-like pains at 32 weeks pregnant", "emergency"),
        ("bleeding from down below at 20 weeks pregnant", "emergency"),
        ("12 weeks pregnant, bleeding and cramping", "emergency"),
        ("10 days after delivery, big clots coming out", "emergency"),
        ("pregnant and pain under my ribs on the right", "emergency"),
        # T11: self-harm, harming the baby, voices
        ("gave birth 4 days ago and I have thoughts of harming my baby", "emergency"),
        ("I've been thinking about ending my life", "emergency"),
        ("I've been cutting myself", "emergency"),
        ("I hear voices since the higher dose", "today"),
        ("I feel paranoid and scared", "today"),
        # T12: belly emergencies in words
        ("worst stomach pain of my life", "emergency"),
        ("stomach pain so bad I can't move", "emergency"),
        (
            "I've had no bowel movement for 5 days and my belly is swollen and I'm vomiting",
            "emergency",
        ),
        # T13: thirst with drowsiness
        ("I'm very thirsty, drowsy and breathing fast", "emergency"),
        # T15: extra dose with a sign, and in other words
        ("I doubled up on my prograf and now I'm trembling", "emergency"),
        ("took an extra dose this morning and I'm not peeing much", "emergency"),
        ("took 3 extra by accident", "today"),
        ("I took tomorrow's dose as well", "today"),
        # T16, T17, T19
        ("red streak going up my arm", "today"),
        ("my PD exit site is red and oozing", "today"),
        ("it burns when I wee", "today"),
        ("I was near someone with measles", "today"),
        ("my transplant kidney is tender and swollen", "today"),
        ("my urine is very dark", "today"),
        ("creatinine doubled", "today"),
        ("lumps in my armpit", "today"),
        ("I sweat a lot at night", "today"),
        # T22: a pregnant partner on tacrolimus herself
        ("my wife is pregnant and takes tacrolimus", "today"),
        ("my partner is pregnant and has a kidney transplant", "today"),
    ],
)
def test_review8_english_too_low(question: str, tier: str) -> None:
    assert answered(question) == tier


@pytest.mark.parametrize(
    "question",
    [
        "I'm 6 weeks out from my transplant and have a headache",
        "I'm 12 weeks post transplant and have a headache",
        "I had a headache for 3 weeks",
    ],
)
def test_weeks_of_something_else_are_not_a_pregnancy(question: str) -> None:
    assert answered(question) == "next-visit"


def test_a_days_total_of_another_medicine_is_not_an_overdose() -> None:
    assert "medicine-overdose" not in concern_ids("I took 8 paracetamol in 24 hours")


def test_fewer_is_not_read_as_fever() -> None:
    text = shown("my baby is feeding less and has fewer wet nappies")
    assert "Read as 'fever'" not in text
    assert "baby-unwell" in concern_ids("my baby is feeding less and has fewer wet nappies")


def test_a_pregnant_partner_on_tacrolimus_is_told_her_team_today() -> None:
    question = "my wife is pregnant and takes tacrolimus"
    assert concern_ids(question) == {"partner-pregnant-on-tacrolimus"}
    text = shown(question)
    assert "She should tell her own transplant team today" in text
    assert text.splitlines()[3] == ADVICE_TODAY


# T18: a long QT or a chaotic heartbeat alone is today; with a faint, the emergency
@pytest.mark.parametrize(
    ("question", "tier"),
    [
        ("my ECG showed a long QT", "today"),
        ("my heart is beating all over the place", "today"),
        ("my heart is beating all over the place and I feel dizzy", "emergency"),
    ],
)
def test_review8_heart_rhythm_words(question: str, tier: str) -> None:
    assert answered(question) == tier
