"""``tacref symptom``: is this symptom a known effect of tacrolimus, and how urgent is it?

A symptom is found through the lay words of the side-effect profiles: every word
(or phrase) of the vocabulary that stands in the question counts, the longest where
two overlap, so "fever and much less urine" names two symptoms. Each takes the
urgency of its profile row, or of the vocabulary's red flag ("no urine at all": the
kidney row, but an emergency), whichever is more urgent; an intensifier ("sudden",
"剧烈") elsewhere in the question makes every symptom one tier more urgent; the
answer is the most urgent, and two symptoms the vocabulary pairs (fever with a
headache) are answered at least at the pair's tier. Nothing found: the phrases
that hold the question ("bruising" is in "bruising easily"), else the words it may
be a typo of, else ``UnknownSymptom``.
"""

import math
import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Container, Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import accumulate, islice, product

from tacref import names
from tacref.errors import TacrefError, UsageError
from tacref.index import CorruptIndex, Index
from tacref.lazy_re import Lazy
from tacref.model import Concern, Interaction, Lasting, Reading, SideEffect, Together
from tacref.names import close_matches, is_cjk, normalize
from tacref.record import Record
from tacref.sanitize import quoted, user_text

TIERS = ("next-visit", "today", "emergency")  # least to most urgent
UNKNOWN = "not-known"
MAX_QUERY = 2000  # characters: a longer question is refused, never cut
SEVERITY_CHARS = "剧猛狂急暴烈重厉极突骤"  # a typo reading that drops one must not sound milder
# Degree words inside a phrase (尿很少, 血糖特别高, "red and very painful"): read as
# if absent too.
DEGREE_WORDS = (
    "非常",
    "特别",
    "十分",
    "有点",
    "有些",
    "比较",
    "一直",
    "总是",
    "老是",
    "还在",
    "很",
    "太",
    "好",
    "超",
    "挺",
)

Span = tuple[int, int, str]  # start, end (in the question) and the vocabulary's words
Measured = tuple[int, int, str, str]  # a reading: span, words ("" if no level) and note


class Finding(Record):
    """One symptom found in the question: the words that named it and its row."""

    words: str  # as the vocabulary has them
    row: SideEffect
    tier: str  # the row's urgency, maybe raised
    raised_by: str  # the intensifier, or the other symptom's words, that raised it, or ""
    articles: tuple[str, ...]  # adverse-effect articles about it


class Asked(Record):
    """A concern found in the question (a missed dose): not a side effect."""

    words: str
    concern: Concern


class Answer(Record):
    query: str
    tier: str  # the most urgent of the findings and concerns
    findings: tuple[Finding, ...]
    read_as: str = ""  # a typo's correction or a reading's words, when there was one
    concerns: tuple[Asked, ...] = ()
    raisers: tuple[tuple[str, str], ...] = ()  # (card id, name as asked): raise the level
    agents: tuple[tuple[str, str], ...] = ()  # (card id, name as asked): named, no symptom
    also: tuple[str, ...] = ()  # more urgent phrases that hold the word asked: not assumed
    denied: tuple[str, ...] = ()  # every symptom named is said not to be there


def spelled(answer: Answer, spelling: Mapping[str, str]) -> Answer:
    """``answer`` with the vocabulary's Chinese words it says back (what matched,
    how the question was read) as ``spelling`` writes them: traditional
    characters for a traditional reader (``Index.spelled``)."""
    if not spelling:
        return answer

    def say(words: str) -> str:
        return spelling.get(words, words)

    def say_each(read_as: str) -> str:  # 吃了五粒：大量过量；孕期危险信号: each part
        if read_as in spelling:
            return spelling[read_as]
        parts = re.split(r"([；：、])", read_as)
        return "".join(spelling.get(p) or LABELS_HANT.get(p, p) for p in parts)

    return answer._replace(
        findings=tuple(
            f._replace(words=say(f.words), raised_by=say(f.raised_by)) for f in answer.findings
        ),
        concerns=tuple(q._replace(words=say(q.words)) for q in answer.concerns),
        read_as=say_each(answer.read_as),
    )


class UnknownSymptom(TacrefError):
    def __init__(self, query: str, suggestions: Sequence[str]) -> None:
        hint = f"did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(
            f"tacref does not know {quoted(query)} as a side effect of tacrolimus",
            (hint + " " if hint else "")
            + "ask your doctor or pharmacist; if you feel very unwell, get urgent help",
        )
        self.query = query
        self.suggestions = tuple(suggestions)


# The vocabulary's words as the index keyed them at build (Vocabulary.keys): keying
# them again on every question took more time than reading the question.
_KEYS: dict[str, str] = {}


def symptom_key(text: str) -> str:
    """``names.symptom_key``: looked up first among the words the index keyed."""
    key = _KEYS.get(text)
    return names.symptom_key(text) if key is None else key


def check(index: Index, text: str) -> Answer:
    if len(text) > MAX_QUERY:  # a red flag at the end must not be lost to a cut
        raise UsageError(
            f"the question is longer than {MAX_QUERY:,} characters",
            "ask about the symptoms that worry you most, in a sentence or two",
        )
    query = user_text(text, MAX_QUERY)
    key = symptom_key(query)
    if not key:
        raise UsageError("the symptom is empty", "try 'tacref symptom tremor'")
    vocabulary = index.symptom_words()
    extras = index.symptom_extras()
    _KEYS.update(extras.keys)
    folded = key.translate(str.maketrans(dict(extras.fold)))  # 發燒: 发烧
    key, at = _cantonese(folded)  # 冇: 没
    shown = at if len(query) == len(folded) else None  # where the question's words stand
    if _PREGNANT_WEEKS.search(key):  # 孕32周: 怀孕32周 (the places no longer hold)
        key, shown = _PREGNANT_WEEKS.sub(r"怀孕\1周", key), None
    if "有了" in key:  # 我有咗三個月: pregnant (as long: places hold)
        key = _HAVE_MONTHS.sub("怀孕", key)
    if _WEEKS_GONE.search(key):  # "I'm 34 weeks": pregnant (the places no longer hold)
        key, shown = _WEEKS_GONE.sub(_weeks_pregnant, key), None
    lay = set(vocabulary.lay)  # (key, route, row, a red flag's tier or "")
    asked = {symptom_key(w): c for c in extras.concerns for ws in c.words.values() for w in ws}
    keys = {*vocabulary.keys, *asked}
    more = list(vocabulary.more)
    measured = _readings(key, extras.readings, keys)
    read = [r for r in measured if r[2]]
    away = [(a, b) for a, b, _, note in measured if note == ELSEWHERE]
    brands = [k for k, _, _ in index.all_item_names("product") if k != "tacrolimus"]
    found = _longest(_spans_read(key, keys, brands) + [(a, b, k) for a, b, k, _ in read])
    gapped = _gapped(key, keys)
    found = _few_of_each(_with_gapped(found, gapped))
    found = [s for s in found if not any(a <= s[0] and s[1] <= b for a, b in away)]
    # a phrase that names every group of words together (发烧脖子硬) is heeded as they
    # are: denied (没发烧，脖子硬), it names no symptom
    found = [s for s in found if not (_denied(key, s[0]) and _compound(s[2], extras.together))]
    # words together may stand far apart: they add a symptom, never hide one
    together = _together_words(key, extras.together, keys, measured)
    if _went_down(key):  # "my creatinine went from 180 to 120": not "creatinine up"
        together = [t for t in together if t[2] not in CREATININE_UP]
    if _not_just_after_birth(key):  # "had my baby 2 years ago", "our cat gave birth"
        together = [t for t in together if t[2] not in AFTER_BIRTH]
    together += _lasting_words(key, extras.lasting, keys)
    if _LEG_CRAMP.search(key) and not _A_FIT.search(key):  # 怀孕，小腿抽筋: a cramp
        together = [t for t in together if t[2] != symptom_key(SEIZURE_ZH)]
    together = _counted_overdose(key, together, asked, keys, lambda: _medicine_names(index))
    apart = [t for t in together if t[:3] not in found]
    read += apart
    read = [
        (*r[:3], _as_asked(query, key, shown, r)) for r in read if not _read_inside(r, read, asked)
    ]
    found = sorted({*found, *((a, b, k) for a, b, k, _ in apart)})
    found = _not_the_patients(found, apart, asked)
    found = _usual_round(key, found, asked)
    guessed = _misspelt(key, keys, found, more, lambda: _medicines(index))
    guessed = _not_raising(index, lay, asked, found, guessed, key, keys, more)
    found = _concerns_going_on(key, sorted(found + guessed), asked, {t[:3] for t in apart})
    found = _feeding_less(key, _own_medicine(key, found, asked), asked)
    found = _other_medicine(key, found, asked, lambda: _agent_words(index), brands)
    found = _not_a_collapse(key, _superseded(found, asked), asked)
    found = _childs_not_mine(_other_medicines(key, found, asked), asked)
    notes = list(dict.fromkeys(note for a, b, k, note in read if (a, b, k) in found))
    read_as = "; ".join([*notes, ", ".join(k for _, _, k in guessed)] if guessed else notes)
    also: list[str] = []
    if found:  # an intensifier inside a matched phrase is part of it ("vision getting worse")
        # a phrase read across other words holds only its own words ("sores spreading
        # quickly in my mouth": 'spreading' still raises)
        hits = _intensifiers(key, more, _own_words(key, found, set(gapped)))
        raiser = _NearRaiser(key, hits, found)
        raised_by = {k: r for a, b, k in found if (r := raiser(a, b))}
        found = _worst_headache(found, raised_by, lay)
    else:  # a word of a phrase ("bruising": "bruising easily"), or a typo
        wider, also, ask = _containing(index, key, keys, asked, lay)
        wider = wider or ([] if ask else _typos_kept(index, key, keys, lay, asked))
        if not wider:
            if ask:  # "heart": heart racing, heart attack or an enlarged heart?
                return _agents_only(index, query, key) or _asked_which(query, ask)
            return _agents_only(index, query, key) or _unknown(index, query, key, keys)
        # the whole question was read as each (我吃多了两粒他克莫司: 吃多了他克莫司), not
        # its first len(k) characters (Chinese read 8, D1: 匹配词：我吃多了两粒他)
        found = _other_medicines(key, [(0, max(len(k), len(key)), k) for k in wider], asked)
        read_as = ", ".join(k for _, _, k in found)
        raised_by = _intensifier(key, [m for m in more if not any(_span(w, m) for w in wider)])
        raised_by = raised_by or _dropped_severity(key, wider)
    said = {
        k: asked[k]
        for a, _, k in found
        if k in asked
        and not _anti(key, a)
        and not _concern_denied(key, a, asked[k])
        and not _someone_elses(key, a, asked[k])
    }
    # 没有胸口痛和气短 denies both; 没有发烧和抽搐 does not deny the fit (when unsure, urgent)
    urgent = (
        frozenset(k for _, _, k in found if _tier_of(index, lay, asked, k) == 2)
        if re.search("[和跟及]", key)
        else frozenset()
    )
    denied = [s for s in found if _denied_outright(key, s[0], found, urgent)]
    # "no severe chest pain": a milder one is there (review 7, X7)
    milder = [s for s in found if s[2] not in asked and _milder(key, s, found)]
    denied = [s for s in denied if s not in milder]
    # a red flag denied ("not breathless at rest") still names its row, at the row's tier,
    # unless it is only its symptom, plainly denied ("no breathing difficulty")
    flags = {k for _, _, k in denied if any(w == k and floor for w, _, _, floor in lay)}
    qualified = [k for k in flags if _qualified(k, lay, more)]
    if found and not said and not qualified and len(denied) == len(found):
        if not _nothing_else(key, found):  # "no rash but my tongue is swollen"
            return _agents_only(index, query, key) or _unknown(index, query, key, keys)
        # "no chest pain", "dont have any chest pain or breathlessness"
        return Answer(query, TIERS[0], (), denied=tuple(dict.fromkeys(k for _, _, k in found)))
    unflagged = {(w, r, row, "" if w in flags else f) for w, r, row, f in lay} if flags else lay
    # a row named by words denied and words not ("not chest pain, more like crushing
    # pressure") shows the words not denied
    named = sorted((s for s in found if s[2] not in said), key=lambda s: s in denied)
    findings = _findings(index, named, unflagged, raised_by)
    if len(findings) > 1:
        undenied = _said(key, found, lay, urgent)
        findings = _undenied(_together(findings, index.symptom_pairs(), undenied), undenied)
    if milder:
        findings = _capped(findings, milder, [s for s in found if s not in denied], lay)
    raisers: list[tuple[str, str]] = []
    rest = _uncovered(key, found)
    if len(rest.replace(" ", "")) > 1 and any(  # room for a medicine's name
        f"{f.row.form}/{f.row.id}" in extras.level_signs for f in findings
    ):
        cards = _cards_named(index, query, key)
        raisers = [(c.id, name) for c, name in cards if c.effect == "raises-level"]
        findings = _raised_level(findings, extras.level_signs, raisers)
    questions = tuple(
        {c.id: Asked(_words(query, key, found, k, shown), c) for k, c in said.items()}.values()
    )
    # Not damage: a profile row missing for a word is CorruptIndex in _findings. Only
    # concern words read as part of a medicine's name ("anti missed my dose") get here.
    if not findings and not questions:
        raise UnknownSymptom(query, ())
    tiers = [f.tier for f in findings] + [q.concern.tier for q in questions]
    tier = max(tiers, key=TIERS.index)
    if guessed and len(guessed) == len(found) and tier == TIERS[0]:
        # a guess alone must not answer "next visit": ask instead
        raise UnknownSymptom(query, [k for _, _, k in guessed])
    return Answer(
        query,
        tier,
        tuple(findings),
        _punctuated(read_as),
        questions,
        tuple(raisers),
        also=tuple(also),
    )


# Issue 19, sixth review (T5, X1, T2, T9). A count of capsules or tablets taken
# ("took 10 capsules", 吃了十粒): at least MANY_AT_ONCE, or SEVERAL with a word of a
# mistake, or SEVERAL times the usual number ("6 instead of 1", "10mg instead of
# 1mg"), is a large overdose: the whole-supply emergency, not "took my dose twice".
# Many patients take 3 to 8 capsules a dose, so a bare count below 10 is not read.
MANY_AT_ONCE = 10
SEVERAL = 3
WHOLE_SUPPLY = "whole-supply"
EXTRA_DOSE = "extra-dose"
OVERDOSE_MEANS = {
    "en": ("took all of them at once", "a large overdose"),
    "zh": ("把药全吃了", "大量过量"),
}
DOUBLE_MEANS = ("double dose", "more than the usual dose")
# Issue 19, seventh review (T1): a count of another medicine ("took 10 paracetamol"):
# the same amounts, a neutral overdose text (no tacrolimus in it).
MEDICINE_OVERDOSE = ("an overdose of a medicine", "药物过量")
_EN_NUMBERS = {
    w: n
    for n, w in enumerate(
        (
            "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
            "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
            "eighteen", "nineteen", "twenty",
        ),
        start=1,
    )
}  # fmt: skip
_PILLS = frozenset(("capsule", "capsules", "tablet", "tablets", "pill", "pills", "caps", "tabs"))
# words before "capsules" that leave them the patient's own ("3 extra capsules")
_PILL_WORDS = frozenset(("extra", "more", "small", "big", "white", "yellow", "orange", "red"))
TACROLIMUS_NAMES = frozenset(("tacrolimus", "tacro", "tac", "prograf", "advagraf", "envarsus"))
_COUNT_EN = Lazy(
    r"\b(?:took|taken|swallowed|ate|had)\s+(\d+|" + "|".join(_EN_NUMBERS) + r")\s+"
    r"(?:(?:of\s+)?(?:my|the|his|her|their)\s+)?([a-z][\w'-]*)(?:\s+([a-z][\w'-]*))?"
)
_COUNT_ZH = Lazy(r"(?:吃了|服了|吞了|吃掉了)(\d+|[一二两三四五六七八九十]+)(?:粒|颗|片)")
# "5 mg capsules instead of the 0.5 mg ones": up to three words between (T4)
# and counts in words ("eight of my prograf capsules instead of two": review 8, T7)
_INSTEAD = Lazy(
    r"(?<![\d.\w])(\d+(?:\.\d+)?|(?:" + "|".join(_EN_NUMBERS) + r")\b)\s*(mg\b)?"
    r"((?:\s+[a-z]+){0,4}?)\s+instead of\s*"
    r"(?:the\s+|my\s+)?(\d+(?:\.\d+)?|(?:" + "|".join(_EN_NUMBERS) + r")\b)(\s*mg\b)?"
)
# 吃了6粒，应该吃1粒 (T3)
_INSTEAD_ZH = Lazy(
    r"(\d+(?:\.\d+)?)(?:粒|颗|片|mg)[^\d]{0,8}?应该(?:吃|服)?(\d+(?:\.\d+)?)(?:粒|颗|片|mg)"
)
# Not "at once" or 一次: a usual dose of several capsules is taken at once.
_MISTAKE = Lazy(r"by mistake|accidentally|by accident|too many|不小心|误|多吃|吃错|搞错")
_PER_DAY = Lazy(
    r"\ba day\b|per day|each day|every day|daily|in 24 hours|in 24 hrs|每天|一天|每日"
)  # a daily total
# Review 8 (T7): another medicine named: 8 at once is an overdose (8 co-codamol: 4 g of
# paracetamol), unless it is a day's total
OTHER_AT_ONCE = 8


def _amount(said: str) -> float:
    return float(_EN_NUMBERS[said]) if said in _EN_NUMBERS else float(said)


_ANY_NUMBER = Lazy(r"\d|[一二两三四五六七八九十]|\b(?:" + "|".join(_EN_NUMBERS) + r")\b")


def _what_counted(first: str, then: str | None, medicines: frozenset[str]) -> str | None:
    """What a count was of: "tacrolimus" (capsules, tablets, a tacrolimus name),
    "other" (another medicine named: "10 paracetamol", "3 vitamin tablets"), or None
    (days, times, hours...)."""
    if first in _PILLS or first in TACROLIMUS_NAMES:
        return "tacrolimus"
    if first in medicines or (then in _PILLS and first not in _PILL_WORDS):
        return "other"
    if first in _other_words() or f"{first} {then}" in _other_words():  # "30 sertraline"
        return "other"
    return "tacrolimus" if then in _PILLS else None


# Review 7 (X1): "today", 今天 say a day's total (12 capsules a day is a usual early
# dose), up to twice MANY_AT_ONCE; a mistake of time ("by mistake an hour early", "at
# 7pm instead of 9pm") is no mistake of amount.
_TODAY = Lazy(r"\b(?:today|this morning|tonight|this evening|so far)\b|今天|今日|今早|今晚")
_TIMING = Lazy(
    r"\b(?:early|late|too soon)\b|\bat \d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|o'clock)\b"
    r"|\binstead of (?:at )?\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|o'clock)\b|早了|晚了|提前"
)
_MORE_TAKEN = Lazy(r"\bextra\b|\btoo many\b|\bmore\b|\btwice\b|多吃|吃多")


def _large(n: int, key: str, at_once: int = MANY_AT_ONCE) -> bool:
    daily = _PER_DAY.search(key) or (_TODAY.search(key) and n < 2 * MANY_AT_ONCE)
    mistake = _MISTAKE.search(key) is not None and (
        not _TIMING.search(key) or _MORE_TAKEN.search(key) is not None
    )
    return (n >= at_once and not daily) or (n >= SEVERAL and mistake)


def _counted_overdose(
    key: str,
    together: list[Measured],
    asked: Mapping[str, Concern],
    keys: set[str],
    medicines: Callable[[], frozenset[str]],
) -> list[Measured]:
    """``together`` with a large count taken read as the whole-supply emergency (or,
    for another medicine, the neutral overdose one); a "took my dose twice" read of
    the same words is dropped (X8)."""
    counted = []
    if not _ANY_NUMBER.search(key) and not _AMOUNT_ZH.search(key):  # no count: none is needed
        return together
    for m in _COUNT_EN.finditer(key):
        number = m.group(1)
        n = int(number) if number.isdigit() else _EN_NUMBERS[number]
        what = (
            _what_counted(m.group(2), m.group(3), medicines())
            if _large(n, key, OTHER_AT_ONCE)
            else None
        )
        if what == "tacrolimus" and not _large(n, key):
            what = None
        if what is not None:  # "took 10 paracetamol by mistake": not "by"
            two = m.group(3) in _PILLS or f"{m.group(2)} {m.group(3)}" in _other_words()
            end = m.end(3) if two else m.end(2)
            counted.append((m.start(), end, "en", what))
    for m in _COUNT_ZH.finditer(key):
        number = m.group(1) if m.group(1).isdigit() else _cn_value(m.group(1))
        if _large(int(number) if number else 0, key):  # 吃了10片扑热息痛: another medicine
            after = key[m.end() : m.end() + 12]
            other = _other_medicine_zh(after) or any(
                w in after for w in medicines() if is_cjk(w[0]) and "他克莫司" not in w
            )
            counted.append((m.start(), m.end(), "zh", "other" if other else "tacrolimus"))
    for m in _AMOUNT_ZH.finditer(key):  # 吃了好多安眠药, 吞了一瓶药 (Chinese read 9, A1)
        other = _other_medicine_zh(m.group(1))
        counted.append((m.start(), m.end(), "zh", "other" if other else "tacrolimus"))
    for m in _INSTEAD.finditer(key):
        taken, usual, mg = _amount(m.group(1)), _amount(m.group(4)), bool(m.group(2) or m.group(5))
        # a strength mix-up (5 mg for 0.5 mg) is its ratio; a count is three at least
        if usual > 0 and taken >= SEVERAL * usual and (mg or taken >= SEVERAL):
            counted.append((m.start(), m.end(), "en", "tacrolimus"))
        elif taken > usual and symptom_key(DOUBLE_MEANS[0]) in keys:  # "2 instead of 1"
            note = f"{key[m.start() : m.end()]}: {DOUBLE_MEANS[1]}"
            together = [*together, (m.start(), m.end(), symptom_key(DOUBLE_MEANS[0]), note)]
    for m in _INSTEAD_ZH.finditer(key):
        taken, usual = float(m.group(1)), float(m.group(2))
        if usual > 0 and taken >= SEVERAL * usual:
            counted.append((m.start(), m.end(), "zh", "tacrolimus"))
    spans = [_overdose_span(key, a, b, lang, what) for a, b, lang, what in counted]
    spans = [s for s in spans if s[2] in keys]
    if not spans:
        return together
    extra = [t for t in together if (c := asked.get(t[2])) is not None and c.id == EXTRA_DOSE]
    return [t for t in together if t not in extra] + spans


# Chinese read 9 (A1), clinical review 8 (X2): a medicine other than tacrolimus named
# after a count or an amount (30粒安眠药, 20粒必理痛, 一整瓶泰诺): the neutral overdose
# card, never "告诉对方吃的是他克莫司". A class word (安眠药, 退烧药) or a Hong Kong or
# Taiwan brand; 药, 药丸, 胶囊 and the tacrolimus names alone stay tacrolimus.
_OTHER_ZH = Lazy(
    r"(?:安眠|退烧|退热|止痛|镇痛|感冒|降压|血压|降糖|糖尿病|消炎|止咳|抗抑郁|抑郁|镇静|睡眠|头痛"
    r"|胃|避孕|心脏|抗过敏|过敏|减肥|泻|精神科?|癫痫|抗癫痫|止吐|止泻|利尿|安神)(?:药|藥|片|丸)"
    r"|必理痛|普拿疼|泰诺|泰諾|布洛芬|扑热息痛|撲热息痛|对乙酰氨基酚|對乙醯氨基酚|阿司匹林|安定"
    r"|抗生素|散利痛|百服宁|芬必得|感冒灵|安眠|扑尔敏|地西泮|阿普唑仑|佐匹克隆|唑吡坦",
    needs=(  # the class words end in one of the first four; each name after them
        *("药", "藥", "片", "丸", "必理痛", "普拿疼", "泰诺", "泰諾", "布洛芬", "扑热息痛"),
        *("撲热息痛", "对乙酰氨基酚", "對乙醯氨基酚", "阿司匹林", "安定", "抗生素", "散利痛"),
        *(
            "百服宁",
            "芬必得",
            "感冒灵",
            "安眠",
            "扑尔敏",
            "地西泮",
            "阿普唑仑",
            "佐匹克隆",
            "唑吡坦",
        ),
    ),
)
# Tacrolimus named in Chinese (or by a brand in Latin letters): one list for both rules
# that tell tacrolimus from another medicine.
_TACROLIMUS_ZH_NAMES = ("他克莫司", "普乐可复", "普樂可復", "新普乐可复")
_TACROLIMUS_ZH = Lazy("|".join((*_TACROLIMUS_ZH_NAMES, "fk506", "prograf", "advagraf", "envarsus")))
_AMOUNT_ZH = Lazy(
    r"(?:吃了|吞了|服了|吃掉了|吃咗|吞咗)(?:好多|很多|一大堆|一堆|一大把|一瓶|一大瓶|一樽|成樽|大量"
    r"|一整瓶|一整盒|一盒|成盒|成排|一排|一整排|一整板|成板|整瓶|整盒)(?:的|粒|颗|片)?"
    r"((?:[\u4e00-\u9fff]{0,5}?)(?:药|藥|片|丸|胶囊)|必理痛|普拿疼|泰诺|泰諾|布洛芬|扑热息痛|阿司匹林)",
    needs=("吃了", "吞了", "服了", "吃掉了", "吃咗", "吞咗"),
)


def _other_medicine_zh(text: str) -> bool:
    """Whether ``text`` names a medicine other than tacrolimus (and no tacrolimus)."""
    return _OTHER_ZH.search(text) is not None and _TACROLIMUS_ZH.search(text) is None


# A whole supply or an extra dose said of another medicine (一整瓶泰诺, 安眠药吃多了,
# 不小心吃了两颗布洛芬): the neutral overdose card, in the part of the question that
# names it. When unsure, the more urgent: an emergency, as any other overdose.
_PART = Lazy(r"[。！？!?；;\n]")


def _other_medicines(key: str, found: list[Span], asked: Mapping[str, Concern]) -> list[Span]:
    overdose = symptom_key(MEDICINE_OVERDOSE[1])
    if overdose not in asked or not _OTHER_ZH.search(key):
        return found
    out = []
    for a, b, k in found:
        c = asked.get(k)
        if c is not None and c.id in (WHOLE_SUPPLY, EXTRA_DOSE) and any(map(is_cjk, key[a:b])):
            start = max((m.end() for m in _PART.finditer(key, 0, a)), default=0)
            end = m.start() if (m := _PART.search(key, b)) else len(key)
            if _other_medicine_zh(key[start:end]):
                k = overdose
        out.append((a, b, k))
    return sorted(set(out))


# Chinese read 9 (A2): a child who took pills (我家小孩误吃了两颗药) is the child's
# emergency, not also the parent's own extra dose read from 误 + 吃了两颗.
def _childs_not_mine(found: list[Span], asked: Mapping[str, Concern]) -> list[Span]:
    ids = {c.id for s in found if (c := asked.get(s[2])) is not None}
    if CHILD_TOOK not in ids:
        return found
    return [s for s in found if (c := asked.get(s[2])) is None or c.id not in (EXTRA_DOSE,)]


# Chinese read 9 (B3): 抽筋 of a leg or foot is a cramp (very common in pregnancy), not
# the fit the words together read (怀孕 + 抽筋); 抽筋 alone in pregnancy stays a fit
# (eclampsia: when unsure, the more urgent), as after an overdose.
SEIZURE_ZH = "抽搐"
_LEG_CRAMP = Lazy(
    r"(?:腿|脚|小腿|大腿|脚趾|脚板|脚底|足|腳|髀)(?:部)?(?:经常|又|都|会|有时|晚上)?抽筋",
    needs=("抽筋",),
)
_A_FIT = Lazy(r"抽搐|抽风|羊癫疯|羊痫风|癫痫|全身抽|浑身抽|手脚抽|翻白眼|不省人事|fit|seizure")


# The counts' Chinese label in traditional characters (Taiwan and Hong Kong write it
# alike), for ``spelled``: stored, as nothing on a question's path runs OpenCC (a test
# checks it against OpenCC). The other labels are vocabulary words, converted at build.
LABELS_HANT = {OVERDOSE_MEANS["zh"][1]: "大量過量"}


def _read_inside(read: Measured, reads: Sequence[Measured], asked: Mapping[str, Concern]) -> bool:
    """Whether ``read`` names a concern that a longer reading around it names too:
    咳嗽没力，吞咽困难 is read as a weak cough with trouble swallowing, not also as
    "weakness spreading" (both the weakness-breathing concern)."""
    a, b, k, _ = read
    if (mine := asked.get(k)) is None:
        return False
    return any(
        x <= a and b <= y and y - x > b - a and (c := asked.get(w)) is not None and c.id == mine.id
        for x, y, w, _ in reads
    )


def _as_asked(query: str, key: str, at: Sequence[tuple[int, int]] | None, read: Measured) -> str:
    """A Chinese note that quotes the question (a count, a reading) with its own words
    (食咗五粒, 發燒39), not the words as read (吃了五粒, 发烧39): Chinese read 8, C2.
    ``spelled`` then puts the rest in the reader's characters. English as it is."""
    a, b, _, note = read
    said = key[a:b]
    if at is None or not note.startswith(said + ": ") or not any(map(is_cjk, said)):
        return note
    return query[at[a][0] : at[b - 1][1]] + note[len(said) :]


def _overdose_span(key: str, a: int, b: int, lang: str, what: str) -> Measured:
    if what == "other":
        means = MEDICINE_OVERDOSE[0 if lang == "en" else 1]
        return (a, b, symptom_key(means), f"{key[a:b]}: {means}")
    means, note = OVERDOSE_MEANS[lang]
    return (a, b, symptom_key(means), f"{key[a:b]}: {note}")


# Concerns about someone else (a child who took the capsules, a baby who is not
# feeding): the symptoms said among their words are that person's, not side effects.
NOT_THE_PATIENT = frozenset(("child-took-tacrolimus", "baby-unwell"))


# Bleeding read with a pregnancy as its warning sign is the maternity unit's: not
# also a low blood count (Chinese read 8, B7; English reads "pregnant and bleeding"
# as one phrase, which holds the row's "bleeding").
MATERNITY = "maternity-warning-sign"
PREGNANCY_BLEEDING = frozenset(
    (
        "bleeding",
        "阴道出血",
        "阴道流血",
        "下面出血",
        "下面流血",
        "下身出血",
        "下身流血",
        "出血",
        "流血",
    )
)


def _not_the_patients(
    found: list[Span], apart: list[Measured], asked: Mapping[str, Concern]
) -> list[Span]:
    theirs = [(a, b) for a, b, k, _ in apart if k in asked and asked[k].id in NOT_THE_PATIENT]
    maternity = [(a, b) for a, b, k, _ in apart if k in asked and asked[k].id == MATERNITY]
    return [
        (a, b, k)
        for a, b, k in found
        if k in asked
        or not (
            any(x <= a and b <= y for x, y in theirs)
            or (k in PREGNANCY_BLEEDING and any(x <= a and b <= y for x, y in maternity))
        )
    ]


# "took all my tablets this morning as usual" is the morning round, not an overdose
# (X1): said with the usual, and without a word of a large amount, it is not read.
_AS_USUAL = Lazy(
    r"\bas (?:usual|normal|always|prescribed)\b|\blike (?:always|usual|normal|every day)\b"
    r"|\b(?:like|as) (?:the|my) (?:doctor|team|pharmacist|nurse) (?:said|told me|told us)\b"
    r"|\bas (?:directed|told|instructed)\b"
    r"|\b(?:morning|evening|night|usual) (?:tablets|pills|capsules|meds|medicines|dose)\b"
    r"|照常|和平时一样|跟平时一样|像平时一样|按医嘱|按时"
)
_LARGE = Lazy(
    r"at once|in one go|by mistake|accidentally|by accident|whole|handful|week|too many"
    r"|一次|一把|一整|一下子|不小心"
)


def _usual_round(key: str, found: list[Span], asked: Mapping[str, Concern]) -> list[Span]:
    whole = any((c := asked.get(s[2])) is not None and c.id == WHOLE_SUPPLY for s in found)
    if not whole:
        return found
    if _AS_USUAL.search(key) is None or _LARGE.search(key) is not None:
        # a large overdose read: not also "took my dose twice", which says less (X9)
        return [s for s in found if (c := asked.get(s[2])) is None or c.id != EXTRA_DOSE]
    return [s for s in found if (c := asked.get(s[2])) is None or c.id != WHOLE_SUPPLY]


# Review 7 (X4): a baby feeding less, from one side, sleepy after a feed or not waking
# for night feeds is the midwife's today, not the baby-unwell emergency; never with a
# danger sign in the question.
BABY_UNWELL = "baby-unwell"
FEEDING_LESS = "baby feeding less"
_FEEDING_LESS = Lazy(
    r"\s*(?:from (?:the |my |one |his |her )?(?:left|right|one|other|a|the)\b"
    r"|on (?:the |my |one )?(?:left|right|one|other) side|as (?:well|much|often|long)\b"
    r"|after (?:a|his|her|each|every|the) feeds?\b|for (?:his |her )?(?:night|night-time"
    r"|nighttime|the night) feeds?\b|at night\b)"
)
_BABY_DANGER = Lazy(
    r"\b(?:at all|floppy|hard to wake|won't wake|can't wake|blue|grey|not breathing|fever"
    r"|temperature|hot|no wet|dry nappy|dry diaper|vomit\w*|rash|fitting|seizure|limp)\b"
)


def _feeding_less(key: str, found: list[Span], asked: Mapping[str, Concern]) -> list[Span]:
    if symptom_key(FEEDING_LESS) not in asked or _BABY_DANGER.search(key):
        return found
    return [
        (a, b, symptom_key(FEEDING_LESS))
        if (c := asked.get(k)) is not None and c.id == BABY_UNWELL and _FEEDING_LESS.match(key, b)
        else (a, b, k)
        for a, b, k in found
    ]


# Review 8 (X2): an overdose of another medicine ("a whole box of paracetamol", "took
# 20 tablets of ibuprofen", "too many sleeping pills") is told to say which medicine,
# never "say the medicine is tacrolimus". Tacrolimus, its brands, or "my pills" with
# no other name keep the tacrolimus texts. The words besides the interaction cards'
# medicine names (English; Chinese ones are in _OTHER_ZH).
OTHER_MEDICINES_EN = frozenset(
    (
        "paracetamol", "acetaminophen", "calpol", "co-codamol", "cocodamol", "co-dydramol",
        "codeine", "tramadol", "morphine", "oxycodone", "ibuprofen", "naproxen", "aspirin",
        "diclofenac", "sertraline", "citalopram", "escitalopram", "fluoxetine", "mirtazapine",
        "amitriptyline", "venlafaxine", "antidepressant", "antidepressants", "diazepam",
        "zopiclone", "zolpidem", "temazepam", "lorazepam", "sleeping pills", "sleeping tablets",
        "sleeping pill", "sleeping tablet", "sleeping meds", "painkiller", "painkillers",
        "pain killers", "vitamin", "vitamins", "iron tablets", "blood pressure tablets",
        "blood pressure pills", "metformin", "insulin", "antibiotics", "antibiotic",
        "amoxicillin", "quetiapine", "olanzapine", "lithium", "pregabalin", "gabapentin",
        "warfarin", "allopurinol", "prednisolone", "prednisone", "mycophenolate", "cellcept",
        "myfortic", "sirolimus", "everolimus", "ciclosporin", "cyclosporine", "neoral",
    )
)  # fmt: skip


@lru_cache(maxsize=1)
def _other_words() -> frozenset[str]:
    return frozenset(symptom_key(w) for w in OTHER_MEDICINES_EN)


MEDICINE_EXTRA = ("too much of another medicine", "别的药吃多了")
TACROLIMUS_OVERDOSES = frozenset(("whole-supply", "extra-dose", "extra-dose-warning-sign"))
_OVERDOSE_WORD = Lazy(r"\boverdos|\bhandful\b|\bwhole\b|\bbottle of\b|\ball\b|过量|一整|全吃")


def _named(key: str, words: Iterable[str]) -> bool:
    return any(
        (w in key) if is_cjk(w[0]) else re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", key)
        for w in words
    )


def _other_medicine(
    key: str,
    found: list[Span],
    asked: Mapping[str, Concern],
    agents: Callable[[], frozenset[str]],
    brands: Sequence[str],
) -> list[Span]:
    """``found`` with a tacrolimus overdose read as another medicine's when only another
    medicine is named: a large one (or any with a warning sign) the neutral overdose
    card, an extra dose the neutral extra-dose one."""
    ours = [s for s in found if (c := asked.get(s[2])) is not None and c.id in TACROLIMUS_OVERDOSES]
    if not ours:
        return found
    tacrolimus = (*TACROLIMUS_NAMES, *_TACROLIMUS_ZH_NAMES, *(b for b in brands if b.isascii()))
    others = _other_words() | agents()
    if _named(key, tacrolimus) or not _named(key, others - set(tacrolimus)):
        return found
    chinese = any(is_cjk(ch) for ch in key)
    large = symptom_key(MEDICINE_OVERDOSE[1 if chinese else 0])
    extra = symptom_key(MEDICINE_EXTRA[1 if chinese else 0])
    swapped = []
    for a, b, k in found:
        if (a, b, k) in ours:
            small = asked[k].id == "extra-dose" and not _OVERDOSE_WORD.search(key)
            k = extra if small and extra in asked else large
        swapped.append((a, b, k))
    return swapped


# Review 8 (X1): trouble swallowing alone is a same-day question; with a weakness sign
# it is the weakness emergency, whose text says it all (no second card below it).
SWALLOWING = "swallowing-trouble"
# Concerns whose action names someone other than the transplant team (the midwife, the
# baby's doctor, a pharmacist, a poison centre): a today answer of only these has a
# neutral headline, and their "Is it the drug?" does not say "your team" (review 8, X3).
ADVICE_ELSEWHERE = frozenset(
    (
        "baby-feeding-less", "medicine-extra-dose", "medicine-overdose", SWALLOWING,
        "after-birth-headache", "rash-new-medicine", "partner-pregnant-on-tacrolimus",
    )
)  # fmt: skip
WEAKNESS_BREATHING = "weakness-breathing"


# A concern that says more than another found with it: the other is not shown (a
# partner who takes tacrolimus herself: her team today, not "at your next visit").
SUPERSEDES = {
    WEAKNESS_BREATHING: (SWALLOWING,),
    "partner-pregnant-on-tacrolimus": ("someone-else-pregnant", "pregnancy"),
    MATERNITY: ("someone-else-pregnant",),  # review 8, X8: a danger sign, not "next visit"
}
# the pregnancy danger signs' label (a profile row's words, not a concern)
_DANGER_SIGNS = ("pregnant with danger signs", "怀孕伴头痛、视力改变或水肿")


# "not responding to antibiotics" is a treatment that does not work, not a collapse
_RESPONDING_TO = Lazy(
    r"\brespond(?:ing|ed)?(?: well)? to (?:the |his |her |their |my )?(?:antibiotics|treatment"
    r"|medicine|medication|tablets|drugs|therapy|steroids|antivirals)\b"
)


def _not_a_collapse(key: str, found: list[Span], asked: Mapping[str, Concern]) -> list[Span]:
    if key.count("respond") != 1 or not _RESPONDING_TO.search(key):
        return found
    return [s for s in found if (c := asked.get(s[2])) is None or c.id != "collapse"]


def _superseded(found: list[Span], asked: Mapping[str, Concern]) -> list[Span]:
    ids = {c.id for _, _, k in found if (c := asked.get(k)) is not None}
    if any(k in map(symptom_key, _DANGER_SIGNS) for _, _, k in found):
        ids.add(MATERNITY)
    gone = {g for i in ids for g in SUPERSEDES.get(i, ())}
    return [s for s in found if (c := asked.get(s[2])) is None or c.id not in gone]


# Review 7 (X6): a child who took their own medicine ("my child took his medicine") is
# not a child who took someone's tacrolimus.
CHILD_TOOK = "child-took-tacrolimus"
_OWN_MEDICINE = Lazy(
    r"\btook (?:his|her|their) (?:own )?(?:medicine|medicines|meds|medication|tablets|pills"
    r"|capsules|dose|tacrolimus|prograf|advagraf|envarsus)\b",
    needs=("took",),
)
_SOMEONE_ELSES = Lazy(
    r"\b(?:my|your|our|\w+'s) (?:\w+ )?(?:tablets|pills|capsules|medicine|medicines|meds"
    r"|medication|tacrolimus|prograf|advagraf|envarsus)\b|\bmine\b"
)


def _own_medicine(key: str, found: list[Span], asked: Mapping[str, Concern]) -> list[Span]:
    if not _OWN_MEDICINE.search(key) or _SOMEONE_ELSES.search(key):
        return found
    return [s for s in found if (c := asked.get(s[2])) is None or c.id != CHILD_TOOK]


CREATININE_UP = ("creatinine up", "肌酐升高")
_FROM_TO = Lazy(
    r"from (\d+(?:\.\d+)?)\D{0,12}? to (\d+(?:\.\d+)?)"
    r"|从(\d+(?:\.\d+)?)\D{0,4}?(?:到|至)(\d+(?:\.\d+)?)"
)
_PREGNANT_WEEKS = Lazy(
    r"(?<!怀)孕(\d+|[一二三四五六七八九十]+)周",
    needs=("孕",),
)
# Cantonese 有咗 (read 有了) after a person, with how long or alone: pregnant
# (我有咗三個月, 老婆有咗); not 头痛有了三个月.
_HAVE_MONTHS = Lazy(
    r"(?<![^\s我她他婆太子妇，,。])有了"
    r"(?=\s*(?:\d+|[一二两三四五六七八九十半]+)\s*个?\s*(?:月|周|星期|礼拜|禮拜)|\s*[喇啦呀]?\s*(?:$|[，,。]))",
    needs=("有了",),
)
# A partner said to be pregnant ("my wife is pregnant", 我老婆怀孕了): the pregnancy
# concern speaks to the person on tacrolimus. Her danger signs still count (the
# together words); "my partner and I are trying for a baby" is the speaker's.
# Review 8 (T10): "I'm 34 weeks", "at 33 weeks", "she is 30 weeks": weeks of a pregnancy,
# unless they are weeks of something else ("6 weeks out from my transplant", "weeks old").
_WEEKS_GONE = Lazy(
    r"\b(?:i'm|im|i am|she's|shes|she is|is|at|now)\s+(\d{1,2})\s+weeks\b"
    r"(?!\s*(?:pregnant|old|ago|after|since|out|from|into|post|postpartum|of|in|on)\b|-)",
    needs=("weeks",),
)


def _weeks_pregnant(m: "re.Match[str]") -> str:
    return m.group(0) + " pregnant" if 4 <= int(m.group(1)) <= 42 else m.group(0)


PARTNER_CONCERNS = frozenset(("pregnancy",))
_PARTNER_BEFORE = Lazy(
    r"\b(?:wife|partner|girlfriend|gf|fianc[ée]e|missus|sister|friend|cousin|colleague"
    r"|neighbou?r)(?:'s)?((?: [\w']+){0,3}) ?$"
    r"|(?:老婆|太太|妻子|媳妇|女朋友|爱人|姐姐|妹妹|朋友|同事|邻居)(?:已经|刚刚|刚|又|也)?$"
)
_WE = frozenset(("and", "i", "we", "me", "i'm", "im", "us"))


# Self-harm words are never read as denied: "I don't want to die" may still be a cry.
NEVER_DENIED = frozenset((("systemic", "mood-changes"),))
# Words that make a red flag more than its symptom ("not breathless at rest" may
# still be breathless): with them, a denied red flag is no plain denial.
_QUALIFIERS = Lazy(
    r"\b(?:at rest|at all|all (?:day|over)|and|with|very|since|both|keep|constant|whole"
    r"|widespread|fast|quickly|rapid|twice|much|really|so|bad)\b"
    r"|静息|明显|伴|还|很|非常|特别|全身|大片|迅速|蔓延|持续|一直|整天|完全|一点|几乎|都|又|太|极|好|得很|不退"
)


def _qualified(flag: str, lay: set[tuple[str, str, str, str]], more: Sequence[str]) -> bool:
    """Whether a red flag's words say more than its symptom: a qualifier or an
    intensifier ("sudden breathlessness"), another word of its row ("headache is
    bad"), or a row never read as denied. Denied, such a flag is no plain denial."""
    rows = {(route, row) for w, route, row, _ in lay if w == flag}
    if rows & NEVER_DENIED or _QUALIFIERS.search(flag) or any(_span(flag, m) for m in more):
        return True
    return any(w != flag and (route, row) in rows and _span(flag, w) for w, route, row, _ in lay)


# Review 7 (X3): the after-birth signs are those of the first weeks after a birth, and
# of the person's own: not "had my baby 2 years ago", not "our cat gave birth".
AFTER_BIRTH = frozenset(
    ("after-birth warning sign", "产后危险信号", "headache after giving birth", "产后头痛")
)
_LONG_AGO = Lazy(
    r"\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|many|few)"
    r"\s+years?\s+(?:ago|back)\b|\blast year\b"
    r"|\b(?:[2-9]|1\d|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many)"
    r"\s+months?\s+(?:ago|back)\b"
    r"|年前|去年|前年|(?:\d+|[一两二三四五六七八九十几])\s*年(?:了|多)|(?:[2-9]|1\d|两|二|三|四|五|六|七|八|九|十|几)\s*个多?月(?:以)?前"
)
_ANIMAL_BIRTH = Lazy(
    r"\b(?:cat|dog|bitch|puppy|kitten|cow|ewe|sheep|goat|mare|horse|pet|rabbit|hamster|pig)"
    r"(?:'s)?\b[^.!?]{0,20}?\b(?:gave birth|had (?:her |its )?(?:kittens|puppies|babies|litter))"
    r"|(?:猫|狗|母狗|母猫|宠物)[^。！？]{0,6}?(?:生了|生完|产仔|下崽)",
    needs=("gave birth", "had ", "生了", "生完", "产仔", "下崽"),
)


def _not_just_after_birth(key: str) -> bool:
    return bool(_LONG_AGO.search(key) or _ANIMAL_BIRTH.search(key))


def _went_down(key: str) -> bool:
    """Whether the question says a value went from a number to a smaller one."""
    for m in _FROM_TO.finditer(key):
        first, second = (float(v) for v in m.groups() if v is not None)
        if second < first:
            return True
    return False


def _someone_elses(key: str, start: int, concern: Concern) -> bool:
    """Whether a partner, not the person asking, is said to be pregnant."""
    if concern.id not in PARTNER_CONCERNS:
        return False
    before = re.split(r"[.。!！?？;；]", key[:start])[-1]
    m = _PARTNER_BEFORE.search(before)
    return m is not None and not set((m.group(1) or "").split()) & _WE


def _concern_denied(key: str, start: int, concern: Concern) -> bool:
    """A concern said not to be there ("I'm not pregnant but"): never an emergency's,
    where a misread denial would hide it."""
    return concern.tier != TIERS[-1] and _denied(key, start)


# Words that, right after a concern's words, make them name something else: "no
# breathing problems" is not "no breathing", 没有心跳加速 not 没有心跳.
_GOES_ON = Lazy(
    r"\s*(?:problems?|difficult(?:y|ies)|troubles?|issues?|pain|changes?|faster|fast|hard"
    r"|heavily|rate)\b"
    r"|\s*to (?:the |his |her |my )?(?:treatment|antibiotics?|cream|ointment|medicines?|medication"
    r"|steroids|drugs?|tablets)\b"  # "not responding to antibiotics" (review 7, T11)
    r"|困难|加速|加快|急促|不畅|不顺|问题|不适|过快|过速|很快|快|不规律|不齐"
)


def _concerns_going_on(
    key: str, found: list[Span], asked: Mapping[str, Concern], apart: Container[Span] = ()
) -> list[Span]:
    """Without a concern's words that go on as other words: a symptom's words begin
    inside them (没有呼吸困难 is no breathing difficulty, not 没有呼吸), or a word
    right after them names something else ("no breathing problems", 没有心跳加速).
    Not a concern read from words ``apart`` (words together, a count): each of its
    words was found as it stands, and its last may begin a longer phrase
    (生完孩子，头痛得厉害; 咳嗽没力，吞东西困难: Chinese read 8, A4, B2)."""
    return [
        (a, b, k)
        for a, b, k in found
        if k not in asked
        or (a, b, k) in apart
        or not (
            _GOES_ON.match(key, b) or any(a < c < b < d and w not in asked for c, d, w in found)
        )
    ]


_FULL_WIDTH = str.maketrans({",": "、", ";": "；", ":": "："})


def _punctuated(read_as: str) -> str:
    """A Chinese reading's words with Chinese punctuation between them
    (发烧39：发烧；39度：发烧), not the English ", ", "; " and ": "."""
    if not any(is_cjk(c) for c in read_as):
        return read_as
    return re.sub(r"[,;:] ", lambda m: m.group()[0].translate(_FULL_WIDTH), read_as)


def _asked_which(query: str, phrases: list[str]) -> Answer:
    raise UnknownSymptom(query, phrases)


# Cantonese as Hong Kong writes it, read as the Mandarin the vocabulary has (after the
# traditional characters are folded): words first, then single characters. 食 (eat)
# only where it is Cantonese for taking a medicine: 误食药膏 stays. The dose words
# (食多咗: took an extra) come before 咗.
CANTONESE = (
    ("唔记得", "忘记"), ("唔记住", "忘记"), ("唔系", "不是"), ("唔係", "不是"),
    ("郁唔到", "动不了"), ("肚泻", "腹泻"), ("肚屙", "拉肚子"),
    ("个仔", "儿子"), ("个女", "女儿"), ("成日", "整天"), ("今朝", "今天早上"),
    ("睇嘢", "看东西"), ("看东西矇", "看东西模糊"), ("看东西蒙", "看东西模糊"),
    ("烧烧地", "烧灼感"), ("食多咗", "多吃了"), ("食多次", "多吃一次"), ("食多", "多吃"),
    ("食错", "吃错"), ("食重", "重复吃"), ("食漏", "漏吃"), ("漏咗食", "漏吃"),
    ("漏食", "漏吃"), ("食完", "吃完"), ("食咗", "吃了"), ("食药", "吃药"), ("食唔落", "吃不下"),
    ("食唔", "吃不"), ("好攰", "很累"), ("攰", "累"),
    ("头先", "刚才"), ("今日", "今天"), ("一次过", "一次"), ("晕低", "晕倒"), ("晕咗", "晕倒了"),
    ("食晒啲", "全吃了"), ("甩皮", "脱皮"), ("食晒", "全吃了"), ("屙尿", "小便"),
    ("肚痛", "肚子痛"),
    ("肚好痛", "肚子好痛"), ("想呕", "想吐"), ("呕", "呕吐"),
    ("叫极都唔醒", "叫不醒"), ("叫极唔醒", "叫不醒"),
    ("冇", "没"), ("咗", "了"), ("唔", "不"), ("啲", "的"), ("屙", "拉"), ("睇", "看"),
    ("嘢", "东西"), ("佢", "他"), ("瞓", "睡"),
)  # fmt: skip
# Where a word is Cantonese only in its place: 个仔 (my son) after a possessive or at
# the start of a part, never inside Mandarin (一个女同事, 一个仔细检查); 食药 not
# after 误/进/饮 (误食药膏: swallowed the ointment).
_MINE = r"(?<![^\s我你佢他她，,。.!！?？;；、])"
_NOT_A_WORD = r"(?![细人孩的生同朋医性])"
_CANTONESE_AT = {
    "个仔": _MINE + "个仔" + _NOT_A_WORD,
    "个女": _MINE + "个女" + _NOT_A_WORD,
    "食药": r"(?<![误进饮])食药",
    "晕咗": r"(?<![头啲好点少有])晕咗",  # fainted; 頭暈咗, 有啲暈 are dizzy
    "晕低": r"(?<!头)晕低(?!血)",  # not 头晕低血压
    "一次过": r"一次过(?=[食吃服])",  # not 一次过敏, 一次过量
    "呕": r"(?<![干作])呕(?![吐心血出])",  # 嘔 alone is vomiting; 呕吐, 呕血, 呕出 stay
}
_CANTONESE = tuple(
    (Lazy(_CANTONESE_AT.get(said, re.escape(said))), meant) for said, meant in CANTONESE
)
_CANTONESE_CHARS = frozenset("".join(c for c, _ in CANTONESE))


def _cantonese(key: str) -> tuple[str, list[tuple[int, int]]]:
    """``key`` read as Mandarin, and where each of its characters came from in
    ``key`` (a replaced word's span): the words matched are shown as written."""
    at = [(n, n + 1) for n in range(len(key))]
    if not any(c in _CANTONESE_CHARS for c in key):  # most questions: no Cantonese
        return key, at
    for (word, _), (said, meant) in zip(CANTONESE, _CANTONESE, strict=True):
        if word not in key or said.search(key) is None:  # each pattern holds its word
            continue
        text: list[str] = []
        where: list[tuple[int, int]] = []
        last = 0
        for m in said.finditer(key):
            text += [key[last : m.start()], meant]
            where += at[last : m.start()]
            where += [(at[m.start()][0], at[m.end() - 1][1])] * len(meant)
            last = m.end()
        key, at = "".join([*text, key[last:]]), where + at[last:]
    return key, at


def _unknown(index: Index, query: str, key: str, keys: set[str]) -> Answer:
    if key.isascii() and (key in _medicines(index) or key.rstrip("s") in _medicines(index)):
        raise UnknownSymptom(query, ())  # "pred": no "did you mean: pres?"
    raise UnknownSymptom(query, _close_words(index, key, keys))


def _agents_only(index: Index, query: str, key: str) -> Answer | None:
    """A question that names a medicine, food or vaccine with an interaction card and
    no symptom ("started fluconazole yesterday", 能吃布洛芬吗): the card's command, at
    today when it changes the level, adds harm or is to be avoided, else next visit."""
    cards = _cards_named(index, query, key)
    if not cards:
        return None
    urgent = any(
        c.severity in ("adjust", "avoid")
        or c.effect in ("raises-level", "lowers-level", "adds-toxicity")
        for c, _ in cards
    )
    agents = tuple((c.id, name) for c, name in cards)
    return Answer(query, TIERS[1] if urgent else TIERS[0], (), agents=agents)


def _cards_named(index: Index, query: str, key: str) -> list[tuple[Interaction, str]]:
    """The interaction cards whose names stand in the question ("started
    clarithromycin", 吃了西柚), each with its name as the question has it."""
    named: dict[str, str] = {}
    compact = normalize(key)
    for name, card, label in index.all_item_names("agent"):
        if name not in compact:  # cheap first: most names are nowhere in the question
            continue
        word = symptom_key(label)
        if len(word) >= (2 if is_cjk(word[0]) else 3) and word in key:  # MMF, CBD
            hit = _pattern(word).search(key)
            if hit and len(hit.group()) > len(named.get(card, "")):
                named[card] = query[hit.start() : hit.end()] if len(query) == len(key) else word
    if not named:
        return []
    return [(c, named[c.id]) for c in index.items("agent", sorted(named))]


def _raised_level(
    findings: list[Finding], signs: Sequence[str], raisers: list[tuple[str, str]]
) -> list[Finding]:
    """A sign of a high level (shaking, a headache) with a medicine named that raises
    the level: at least today, raised by the medicine."""
    if not raisers:
        return findings
    names = ", ".join(name for _, name in raisers)
    raised = [
        Finding(f.words, f.row, "today", names, f.articles)
        if f"{f.row.form}/{f.row.id}" in signs and f.tier == TIERS[0]
        else f
        for f in findings
    ]
    return sorted(raised, key=lambda f: -TIERS.index(f.tier))


def _words(
    query: str, key: str, found: list[Span], words: str, at: Sequence[tuple[int, int]] | None
) -> str:
    """The words of the question that named ``words`` (a brand read as "tacrolimus"
    shows as the brand), as the question has them when ``at`` says where each
    character of ``key`` stands in it (唔記得食藥: the Cantonese as written)."""
    start, end = next((a, b) for a, b, k in found if k == words)
    return query[at[start][0] : at[end - 1][1]] if at is not None else key[start:end]


def _anti(text: str, start: int) -> bool:
    """Whether the words at ``start`` are part of a medicine's name: "anti-rejection
    tablets", 抗排斥药 (tacrolimus, to many of those who take it)."""
    return text[:start].endswith(("anti ", "anti", "抗"))


def _undenied(findings: list[Finding], said: dict[str, set[str]]) -> list[Finding]:
    """The findings not denied ("no chest pain, just a headache"), unless all are:
    a denial misread must not leave a symptom unanswered."""
    kept = [f for f in findings if f"{f.row.form}/{f.row.id}" in said]
    return kept or findings


def _spans_read(key: str, keys: set[str], brands: Sequence[str]) -> list[Span]:
    """The vocabulary's words in the question as written, and as read without the
    punctuation between Chinese phrases (发烧、浑身难受) or the degree words inside
    them (尿很少), or with a product's name as "tacrolimus" ("missed my Prograf"):
    each span is where it stands in the question."""
    spans = set(_spans(key, keys))
    named = [m for b in brands if b in key for m in _pattern(b).finditer(key)]
    if named:
        text, at = _replaced(key, [(m, "tacrolimus") for m in _outermost(named)])
        spans.update((at[a], at[b - 1] + 1, k) for a, b, k in _spans(text, keys))
    for text, at in _readings_of(key):
        spans.update((at[a], at[b - 1] + 1, k) for a, b, k in _spans(text, keys))
    return list(spans)


def _readings_of(key: str) -> Iterable[tuple[str, tuple[int, ...]]]:
    """``key`` without CJK punctuation, without degree words, and without both:
    each with the position in ``key`` of each of its characters."""
    punctuation = _joined(key)
    degree = _degrees(key)
    for cut in (punctuation, degree, punctuation + degree):
        if cut:
            kept, text = _without(key, tuple(cut))
            yield text, kept


def _degrees(key: str) -> list[tuple[int, int]]:
    return [*_degree(key), *(m.span() for m in _DEGREE_EN.finditer(key))]


@lru_cache(maxsize=8)  # asked again for each group of words of a question
def _without(key: str, cut: tuple[tuple[int, int], ...]) -> tuple[tuple[int, ...], str]:
    """The positions in ``key`` outside the spans ``cut``, and their characters."""
    covered = {n for a, b in cut for n in range(a, b)}
    kept = tuple(i for i in range(len(key)) if i not in covered)
    return kept, "".join(key[i] for i in kept)


# Punctuation between two Chinese characters, and degree words between two: as the
# patterns (?<=[\u3400-\u9fff])[\s，、,。；;]+(?=[\u3400-\u9fff]) and the same around
# (?:非常|特别|...) would find them, without compiling that class (~3 ms each).
_SEPARATORS = Lazy(r"[\s，、,。；;]+")


def _cjk(text: str, at: int) -> bool:
    return 0 <= at < len(text) and "\u3400" <= text[at] <= "\u9fff"


def _joined(key: str) -> list[tuple[int, int]]:
    """Where runs of punctuation and spaces stand between two Chinese characters."""
    if key.isascii():
        return []
    return [
        m.span()
        for m in _SEPARATORS.finditer(key)
        if _cjk(key, m.start() - 1) and _cjk(key, m.end())
    ]


@lru_cache(maxsize=1)
def _degree_words_from() -> dict[str, tuple[str, ...]]:
    """DEGREE_WORDS by their first character, each list in DEGREE_WORDS' order."""
    out: dict[str, list[str]] = {}
    for w in DEGREE_WORDS:
        out.setdefault(w[0], []).append(w)
    return {c: tuple(ws) for c, ws in out.items()}


def _degree(key: str) -> list[tuple[int, int]]:
    """Where degree words stand between two Chinese characters: at each place the
    first of DEGREE_WORDS (in their order) followed by one, left to right."""
    if key.isascii():
        return []
    spans, at = [], 1
    while at < len(key):
        word = None
        if _cjk(key, at - 1):
            word = next(
                (
                    w
                    for w in _degree_words_from().get(key[at], ())
                    if key.startswith(w, at) and _cjk(key, at + len(w))
                ),
                None,
            )
        if word:
            spans.append((at, at + len(word)))
        at += len(word) if word else 1
    return spans


_DEGREE_EN = Lazy(
    r"(?<=\w )(?:very|really|so|quite|extremely|slightly|a bit of|a bit|a little|much|a lot|some)"
    r" (?=\w)"
)


GAP = 3  # other words a phrase's words may have between them


def _gapped(key: str, keys: set[str]) -> list[Span]:
    """English phrases whose words all stand in the question in order, with up to
    ``GAP`` other words between each two ("coughing up lots of blood": coughing up
    blood; "can't get my words out"), in one part of the question and with no denial
    between them. Every word must be there: no word is read as a close one."""
    tokens = list(re.finditer(r"[a-z0-9']+", key))
    present = {t.group() for t in tokens}
    spans = []
    for k in keys:
        space = k.find(" ")  # cheap first: one word, not English, or its first word absent
        if space < 0 or not k[0].isascii() or k[:space] not in present:
            continue
        words = k.split(" ")
        if not present.issuperset(words):
            continue
        for first in (n for n, t in enumerate(tokens) if t.group() == words[0]):
            at = _in_order(tokens, first, words[1:])
            if at and at[-1] - first > len(words) - 1:  # contiguous ones are found already
                between = key[tokens[first].start() : tokens[at[-1]].end()]
                gaps = {t.group() for t in tokens[first : at[-1] + 1]} - set(words)
                # "no chest pain just tight chest": "just" starts another statement
                if not _CLAUSE.search(between) and not gaps & _NEGATORS and "just" not in gaps:
                    if words[0] in _NEGATORS and any(_GOES_ON.fullmatch(g) for g in gaps):
                        continue  # "no difficulty breathing" is not "no breathing"
                    spans.append((tokens[first].start(), tokens[at[-1]].end(), k))
    return spans


def _own_words(key: str, found: list[Span], gapped: set[Span]) -> list[Span]:
    """``found`` with each phrase read across other words as its own words' places."""
    spans = []
    for a, b, k in found:
        if (a, b, k) not in gapped:
            spans.append((a, b, k))
            continue
        for w in k.split(" "):
            spans += [(a + m.start(), a + m.end(), w) for m in _pattern(w).finditer(key[a:b])]
    return spans


def _in_order(tokens: list[re.Match[str]], first: int, rest: list[str]) -> list[int]:
    """Where each of ``rest`` stands after token ``first``, each within ``GAP`` words
    of the one before; [] if one does not."""
    at, last = [], first
    for word in rest:
        nxt = next(
            (
                n
                for n in range(last + 1, min(last + 2 + GAP, len(tokens)))
                if tokens[n].group() == word
            ),
            None,
        )
        if nxt is None:
            return []
        at.append(nxt)
        last = nxt
    return at


def _with_gapped(found: list[Span], gapped: list[Span]) -> list[Span]:
    """``found`` with the phrases read across other words: such a phrase hides what
    it holds only when that is one of its own words ("coughing" in "coughing up lots
    of blood"), never another symptom between them ("pain in my chest and arm")."""
    kept = list(found)
    for g in _longest(list(gapped)):
        if any(a <= g[0] and g[1] <= b for a, b, _ in found):
            continue
        own = set(g[2].split(" "))
        kept = [
            s for s in kept if not (g[0] <= s[0] and s[1] <= g[1] and set(s[2].split(" ")) <= own)
        ]
        kept.append(g)
    return sorted(kept)


def _outermost(matches: list[re.Match[str]]) -> list[re.Match[str]]:
    """The matches not inside or overlapping an earlier, longer one."""
    kept: list[re.Match[str]] = []
    for m in sorted(matches, key=lambda m: m.start() - m.end()):
        if not any(m.start() < k.end() and k.start() < m.end() for k in kept):
            kept.append(m)
    return kept


def _misspelt(
    key: str,
    keys: set[str],
    found: list[Span],
    more: list[str],
    medicines: Callable[[], frozenset[str]] = frozenset,
    edits: int = 2,
) -> list[Span]:
    """Phrases the question holds once a misspelt English word is read as the
    vocabulary words close to it ("chest pian": chest pain); every reading counts,
    so that the answer is the most urgent. Only words the vocabulary does not know
    are read again: "swollen throat" never becomes "sore throat". A medicine's name
    ("pred": prednisolone) is no typo, and an acronym (PRES) is read only as written."""
    loose = [
        m
        for m in re.finditer(r"[a-z']{4,}", key)
        if not any(a <= m.start() < b for a, b, _ in found)
    ]
    if not loose:
        return []
    known = set(re.findall(r"[a-z']+", "\n".join((*keys, *more, *_FILLERS, *_NEGATORS))))
    odd = [m for m in loose if m.group() not in known]
    if odd:
        names = medicines()
        odd = [m for m in odd if m.group() not in names and m.group().rstrip("s") not in names]
    targets = [w for w in known if len(w) >= 4 and w not in ACRONYMS]
    options = []
    for m in odd[:4]:
        cutoff = 0.75 if len(m.group()) < 6 else 0.8
        near = [
            w
            for w in close_matches(m.group(), targets, n=3, cutoff=cutoff)
            if _edits(m.group(), w) <= min(edits, 1 if len(m.group()) < 8 else 2)
        ]
        if near:
            options.append([(m, w) for w in near] + [(m, m.group())])
    guessed = set()
    for choice in islice(product(*options), 64):
        text, at = _replaced(key, [(m, w) for m, w in choice if w != m.group()])
        narrow = {k for k in keys if any(w in k for _, w in choice)}
        for a, b, k in _spans(text, narrow):
            start, end = at[a], at[b - 1] + 1
            if any(start <= m.start() < end for m, w in choice if w != m.group()):
                guessed.add((start, end, k))
    return [
        g for g in _longest(list(guessed)) if not any(a <= g[0] and g[1] <= b for a, b, _ in found)
    ]


# Acronyms among the vocabulary's words: read only as written, never as a typo's reading
# ("pred" is prednisolone, not PRES).
ACRONYMS = frozenset(("pres", "sjs", "ptld", "qt", "cmv", "bk", "ebv", "dvt", "uti", "aki", "ten"))
# Short names transplant patients use for their medicines: no typo of a symptom.
MEDICINE_SHORT = frozenset(
    (
        "pred", "mmf", "aza", "tac", "tacro", "cyclo", "siro", "evero", "valgan", "septrin",
        "myfortic", "cellcept", "neoral", "pred's", "prednisolone", "prednisone", "tacrolimus",
    )
)  # fmt: skip


def _medicine_names(index: Index) -> frozenset[str]:
    """``_medicines`` and the Chinese names of the interaction cards' medicines."""
    names = {symptom_key(label) for _, _, label in index.all_item_names("agent")}
    return _medicines(index) | {w for w in names if len(w) >= 2 and is_cjk(w[0])}


def _agent_words(index: Index) -> frozenset[str]:
    """The interaction cards' medicine names, as a question says them."""
    names = {symptom_key(label) for _, _, label in index.all_item_names("agent")}
    return frozenset(w for w in names if len(w) >= 3)


def _medicines(index: Index) -> frozenset[str]:
    """One-word names of medicines: the interaction cards' and the products', and the
    short names patients use."""
    names = set(MEDICINE_SHORT)
    for kind in ("agent", "product"):
        for _, _, label in index.all_item_names(kind):
            word = symptom_key(label)
            if word.isascii() and " " not in word:
                names.add(word)
    return frozenset(names)


def _tier_of(
    index: Index, lay: set[tuple[str, str, str, str]], asked: dict[str, Concern], words: str
) -> int:
    """How urgent the vocabulary's ``words`` are on their own (a TIERS index)."""
    tiers = [f.tier for f in _findings(index, [(0, len(words), words)], lay, "")]
    if words in asked:
        tiers.append(asked[words].tier)
    return max((TIERS.index(t) for t in tiers), default=0)


def _not_raising(
    index: Index,
    lay: set[tuple[str, str, str, str]],
    asked: dict[str, Concern],
    found: list[Span],
    guessed: list[Span],
    key: str,
    keys: set[str],
    more: list[str],
) -> list[Span]:
    """The typo readings kept: one that would make the answer more urgent than the
    words as written must be one letter away ("chest pian": chest pain), else it is
    dropped ("blotches" is not "blotchy", a sign of sepsis)."""
    if not guessed:
        return guessed
    close = set(_misspelt(key, keys, found, more, lambda: _medicines(index), edits=1))
    base = max((_tier_of(index, lay, asked, k) for _, _, k in found), default=0)
    return [g for g in guessed if g in close or _tier_of(index, lay, asked, g[2]) <= base]


def _edits(a: str, b: str) -> int:
    """Letters to insert, delete, change or swap with a neighbour to make ``a`` into
    ``b`` (the optimal string alignment distance): "pian" is one from "pain", but
    "beating" two from "bloating", which is then no typo of it."""
    before, row = None, list(range(len(b) + 1))
    for i, x in enumerate(a, 1):
        now = [i]
        for j, y in enumerate(b, 1):
            cost = min(row[j] + 1, now[j - 1] + 1, row[j - 1] + (x != y))
            if before and i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                cost = min(cost, before[j - 2] + 1)
            now.append(cost)
        before, row = row, now
    return row[-1]


def _replaced(key: str, swaps: list[tuple[re.Match[str], str]]) -> tuple[str, list[int]]:
    """``key`` with each match replaced by its word; each character's position in
    ``key`` (a replacement's characters: its match's first)."""
    text, at, done = [], [], 0
    for m, word in sorted(swaps, key=lambda s: s[0].start()):
        text.append(key[done : m.start()])
        at += range(done, m.start())
        text.append(word)
        at += [m.start()] * (len(word) - 1) + [m.end() - 1]
        done = m.end()
    text.append(key[done:])
    at += range(done, len(key))
    return "".join(text), at


_NUMBER = Lazy(r"(\d+(?:[.,]\d+)?)(?:\s*(?:/|／|over)\s*(\d+(?:[.,]\d+)?))?")
_AFTER = Lazy(r"[^\d,，;；.。!！?？]{0,14}?(?=\d)")  # "blood pressure is 190": " is "
_BEFORE = Lazy(
    r"(\d+(?:[.,]\d+)?)\s*(?:度|°c|°|c|degrees?|kgs?|kilos?|lbs?|pounds?|斤|公斤)?\s*(?:of\s+)?$"
)


def _word(key: str) -> re.Pattern[str]:
    """A reading's word: as ``_pattern``, but a number may stand next to it
    ("bp190/120", "38.5°c")."""
    start = "" if is_cjk(key[0]) else r"(?<![^\W\d_])"
    return re.compile(start + re.escape(key) + ("" if is_cjk(key[-1]) else r"(?![^\W\d_])"))


def _together_words(
    key: str, together: Sequence[Together], keys: set[str], read: Sequence[Measured]
) -> list[tuple[int, int, str, str]]:
    """Words that name a symptom when all stand in the question ("my eczema has
    weepy blisters": blisters on eczema), as (start, end, words, note). A reading
    counts as its words (39.2°C: fever); a word denied (没发烧), said to be normal
    (体温正常) or measured below every level (temperature 36.8) does not."""
    spans = []
    for t in together:
        hits = [_group_hits(key, group, read) for group in t.groups]
        if all(hits):
            first = min(a for hs in hits for a, _, _ in hs)
            lang = "zh" if any(is_cjk(w[0]) for hs in hits for _, _, w in hs) else "en"
            means = symptom_key(t.means[lang])
            if means in keys:
                last = max(b for hs in hits for _, b, _ in hs)
                spans.append((first, last, means, f"{t.means[lang]}"))
    return spans


def _compound(words: str, together: Sequence[Together]) -> bool:
    """Whether ``words`` hold a word of each group of one words-together entry."""
    return any(all(any(w in words for w in _keyed(g)) for g in t.groups) for t in together)


@lru_cache(maxsize=512)
def _keyed(words: tuple[str, ...]) -> frozenset[str]:
    """``words`` as the checker compares them (symptom_key: NFKC is not free)."""
    return frozenset(map(symptom_key, words))


def _group_hits(key: str, group: Sequence[str], read: Sequence[Measured]) -> list[Span]:
    """Where a word of ``group``, or a reading that means one, stands in the question
    and counts (not denied, not normal)."""
    words = _keyed(tuple(group))
    hits = [(a, b, k) for a, b, k, _ in read if k in words]
    measured = [(a, b) for a, b, k, _ in read if not k]  # a number below every level
    for w in words:
        for h in _pattern(w).finditer(key) if w in key else ():
            if any(a <= h.start() and h.end() <= b for a, b in measured):
                continue
            hits.append((h.start(), h.end(), h.group()))
    hits += _degree_hits(key, words)
    return [(a, b, w) for a, b, w in hits if not _denied(key, a) and not _NORMAL.match(key, b)]


def _degree_hits(key: str, words: frozenset[str]) -> list[Span]:
    """Where a word of ``words`` stands once the degree words inside it are read as
    absent (脖子很僵硬, "neck is very stiff"): places in ``key``."""
    kept, text = _without(key, tuple(_degrees(key)))
    if len(kept) == len(key):
        return []
    spans = [
        (kept[h.start()], kept[h.end() - 1] + 1)
        for w in words
        if w in text
        for h in _pattern(w).finditer(text)
    ]
    return [(a, b, key[a:b]) for a, b in spans]


# After a word, that it is normal: 体温正常, "temperature is normal", "temp was fine".
_NORMAL = Lazy(
    r"\s*(?:(?:is|was|has been|'s|are|were)\s+)?(?:normal|fine|ok|okay|down|back to normal)\b"
    r"|\s*(?:正常|不高|退了|降了|没事)"
)


_DURATION = Lazy(
    r"(\d+(?:\.\d+)?|half an?|an?|半)\s*(?:个\s*)?"
    r"(minutes?|mins?|hours?|hrs?|seconds?|secs?|分钟|分鐘|小时|小時|钟头|秒钟|秒)(?![a-z])"
)


# Chinese read 9 (A3): a child's or someone's fit (孩子抽了3分钟) is the seizure row at
# any length: the 5 minutes only raise; 抽了有, 一直抽 say no one and wait for them.
_A_FIT_ITSELF = frozenset(("孩子抽了", "宝宝抽了", "他抽了", "她抽了"))
_NOT_A_FIT = Lazy(r"\s*(?:的)?(?:烟|香烟|血|根|支|口|管)")  # 他抽了三分钟烟: smoking


def _a_fit_itself(word: str, text: str, end: int) -> bool:
    return word in _A_FIT_ITSELF and not _NOT_A_FIT.match(text, end)


def _lasting_words(key: str, lasting: Sequence[Lasting], keys: set[str]) -> list[Measured]:
    """Words that name a symptom when a long enough duration stands next to them, in
    the same part of the question ("fitting for 10 minutes", 抽了五分钟, 持续半小时)."""
    text, at = _digits(key)
    durations = [(m.start(), m.end(), _minutes(m)) for m in _DURATION.finditer(text)]
    spans = []
    for d in lasting:
        for lang, words in d.words.items():
            means = symptom_key(d.means[lang])
            for w in map(symptom_key, words):
                for h in _pattern(w).finditer(text) if w in text and means in keys else ():
                    for a, b, minutes in durations:
                        start, end = min(a, h.start()), max(b, h.end())
                        between = text[min(b, h.end()) : max(a, h.start())]
                        if (
                            (minutes >= d.minutes or _a_fit_itself(w, text, max(b, h.end())))
                            and len(between) <= 12
                            and not _CLAUSE.search(between)
                        ):
                            note = f"{text[start:end]}: {d.means[lang]}"
                            spans.append((at[start], at[end - 1] + 1, means, note))
    return spans


def _minutes(m: re.Match[str]) -> float:
    number, unit = m.groups()
    value = 0.5 if number.startswith(("half", "半")) else 1.0 if number[0] == "a" else float(number)
    return value * 60 if unit[0] in "h小钟" else value / 60 if unit[0] in "s秒" else value


def _readings(
    key: str, readings: Sequence[Reading], keys: set[str]
) -> list[tuple[int, int, str, str]]:
    """Measured values in the question, each as the symptom words of its level:
    (start, end, words, "blood pressure 190/115: very high blood pressure"). Numbers
    in Chinese characters (三十九度) and 38度5 (38.5) are read as digits first."""
    text, at = _digits(key)
    spans = []
    # Words that name a measure ("gained" does not: its unit does), and how many
    # readings name each: one pass over every reading, whatever their number.
    own = [_measure_words(r) for r in readings]
    named = Counter(w for words in own for w in words)
    for reading, mine in zip(readings, own, strict=True):
        seconds = frozenset(_keyed(tuple(w for ws in reading.second.values() for w in ws)))
        for second, words_of in [(False, reading.words), (True, reading.second)]:
            others = _OtherMeasures(named, mine, frozenset() if second else seconds)
            for lang, words in words_of.items():
                for word in words:
                    w = symptom_key(word)
                    for hit in _word(w).finditer(text) if w in text else ():
                        if not _not_a_measure(text, w, hit.end()):
                            got = _read(text, reading, hit, lang, keys, others, second)
                            spans += _decimal_only(text, w, got)
    away = [(a, b) for a, b, _, note in spans if note == ELSEWHERE]
    spans = [  # "room temperature 38 degrees": both words read the weather's 38
        (a, b, "" if any(a < y and x < b for x, y in away) else k, note) for a, b, k, note in spans
    ]
    return [(at[a], at[b - 1] + 1, k, note) for a, b, k, note in spans]


ELSEWHERE = "elsewhere"  # a reading's note when the number is not the person's
# "my level of pain is 9" is no tacrolimus level; "bm 3 times" (a bowel movement, in
# the US) is no blood sugar: "bm" counts only with a decimal ("bm 2.8").
_OF_SOMETHING = {"my level": Lazy(r" of\b")}
_DECIMAL_ONLY = {"bm"}


def _not_a_measure(text: str, word: str, end: int) -> bool:
    after = _OF_SOMETHING.get(word)
    return after is not None and after.match(text, end) is not None


def _decimal_only(text: str, word: str, spans: list[Measured]) -> list[Measured]:
    if word not in _DECIMAL_ONLY:
        return spans
    return [s for s in spans if re.search(r"\d[.,]\d", text[s[0] : s[1]])]


def _measure_words(reading: Reading) -> frozenset[str]:
    if reading.unit_required:
        return frozenset()
    words = {symptom_key(w) for ws in reading.words.values() for w in ws}
    return frozenset(words - UNIT_WORDS - {""})


class _OtherMeasures:
    """Does a short stretch of the question hold a word of another reading? Looks
    up the stretch's substrings (it is at most _AFTER's 14 characters) instead of
    going through every word of every reading for each reading."""

    def __init__(
        self, named: Counter[str], mine: frozenset[str], extra: frozenset[str] = frozenset()
    ) -> None:
        self._named, self._mine, self._extra = named, mine, extra

    def named_in(self, text: str) -> bool:
        """``extra``: words that also count (a reading's own words for its second
        number: "血压180低压" is not the systolic's 180 followed by its unit)."""
        parts = (text[i:j] for i in range(len(text)) for j in range(i + 1, len(text) + 1))
        return any(
            self._named.get(part, 0) > (part in self._mine) or part in self._extra for part in parts
        )


def _read(
    key: str,
    reading: Reading,
    hit: re.Match[str],
    lang: str,
    keys: set[str],
    others: _OtherMeasures,
    second: bool = False,
) -> list[tuple[int, int, str, str]]:
    gap = None if hit.group() in UNIT_WORDS else _AFTER.match(key, hit.end())
    if gap and others.named_in(key[hit.end() : gap.end()]):
        gap = None  # 血氧仪测心率88: the number is the pulse's (another reading's word)
    number = _NUMBER.match(key, gap.end()) if gap else None
    if number is None and hit.group() in UNIT_WORDS:  # 39度: only a number right before
        before = _BEFORE.search(key[max(0, hit.start() - 12) : hit.start()])
        if before is None or before.end() != hit.start() - max(0, hit.start() - 12):
            return []
        number = _NUMBER.match(key, max(0, hit.start() - 12) + before.start())
    if number is None:
        before = _BEFORE.search(key[max(0, hit.start() - 12) : hit.start()])
        if before is None:
            return []
        offset = max(0, hit.start() - 12)
        number = _NUMBER.match(key, offset + before.start())
        if number is None:
            return []
    if _TIME.match(key, number.end()):  # 吃药前12小时抽: a time, not the value
        return []
    values, unit_end = _in_main_unit(key, reading, number)
    if second:  # 低压120, "diastolic 120": the second number of 190/120
        low, high = reading.second_plausible or reading.plausible
        values = [math.nan, values[0]] if values and low <= values[0] <= high else []
    elif not values or not reading.plausible[0] <= values[0] <= reading.plausible[1]:
        return []
    start, end = min(hit.start(), number.start()), max(hit.end(), unit_end)
    if not values:
        return [(start, end, "", "")]
    if _not_theirs(key, start, end, reading):
        return [(start, end, "", ELSEWHERE)]  # the weather's: it hides its words
    for level in reading.levels:
        if level.reached(values):
            means = symptom_key(level.means[lang])
            if means not in keys:
                return []
            return [(start, end, means, f"{key[start:end]}: {level.means[lang]}")]
    return [(start, end, "", "")]


# After a number, that it is a time or a date: 12小时, 8点抽血 (not 2点多, 2点5: 2.5),
# 3号, "12 hours", "8am".
_TIME = Lazy(
    r"\s*(?:个)?(?:小时|钟头|点钟|分钟|天|号|岁|周|个月|点(?![\d多几半零一二三四五六七八九])"
    r"|(?:hours?|hrs?|days?|am|pm|o'clock)(?![a-z]))"
)


def _not_theirs(key: str, start: int, end: int, reading: Reading) -> bool:
    """Whether words next to the number, in its part of the question, say it is not
    the person's: 外面38度, "it's 38 degrees outside", 室温, 天气."""
    near = 12  # characters either side: "the weather is 38", "38 degrees outside"
    before = _CLAUSE.split(key[max(0, start - near) : start])[-1]
    after = _CLAUSE.split(key[end : end + near])[0]
    words = _keyed(tuple(w for ws in reading.not_with.values() for w in ws))
    return any(_span(before, w) or _span(key[start:end], w) or _span(after, w) for w in words)


# Numbers written in Chinese characters: 三十九, 一百八十, 三十八点五, 两 (two).
_CN_DIGIT = dict(zip("零〇一二两三四五六七八九", (0, 0, 1, 2, 2, 3, 4, 5, 6, 7, 8, 9), strict=True))
_CN_NUMBER = Lazy(r"[零〇一二两三四五六七八九十百]+(?:点[零〇一二三四五六七八九]+)?")
_CN_UNIT = Lazy(r"\s*(?:度|斤|公斤|千克|磅|分钟|分鐘|个小时|小时|mmol|kg)")
_DEGREE_DECIMAL = Lazy(r"(\d+)度(\d)(?![\d.]|\s*(?:个|小时|天|次|分|点|岁|年|月|周|号))")


def _digits(key: str) -> tuple[str, list[int]]:
    """``key`` with numbers in Chinese characters as digits (三十九度: 39度) and a
    degree's decimal after 度 (38度5: 38.5度); each character's position in ``key``."""
    swaps = []
    for m in () if key.isascii() else _CN_NUMBER.finditer(key):  # Chinese characters only
        value = _cn_value(m.group())
        spelled = any(c in m.group() for c in "十百点")
        decimal = key[m.start() - 1 : m.start()] == "度" and len(m.group()) == 1  # 三十八度五
        unit = _CN_UNIT.match(key, m.end()) is not None
        alone = m.group() in ("十", "百")  # 十分: "very"
        if value is not None and ((spelled and not alone) or decimal or unit):
            swaps.append((m, value))
    text, at = _replaced(key, swaps)
    found = _DEGREE_DECIMAL.finditer(text) if "度" in text else ()
    decimals = [(m, f"{m.group(1)}.{m.group(2)}度") for m in found]
    if decimals:
        again, at_again = _replaced(text, decimals)
        text, at = again, [at[i] for i in at_again]
    return text, at


def _cn_value(word: str) -> str | None:
    """三十九: "39", 一百八十 and 一百八: "180", 一百零五: "105", 三十八点五: "38.5";
    None for what is no number (a lone 点)."""
    whole, _, tenths = word.partition("点")
    if tenths and not all(c in _CN_DIGIT for c in tenths):
        return None
    total, rest = 0, whole
    if "百" in rest:
        hundreds, _, rest = rest.partition("百")
        if len(hundreds) > 1 or "百" in rest or "十" in hundreds:
            return None
        total += _CN_DIGIT.get(hundreds, 1) * 100 if hundreds else 100
        if len(rest) == 1 and rest in _CN_DIGIT and rest not in "零〇":
            rest = rest + "十"  # 一百八: 180, as people say it
        rest = rest.lstrip("零〇")
    if "十" in rest:
        tens, _, ones = rest.partition("十")
        if len(tens) > 1 or len(ones) > 1 or "十" in ones:
            return None
        total += (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[ones] if ones else 0)
    elif rest:
        if len(rest) > 1:
            return None  # 三四 (three or four) is no number
        total += _CN_DIGIT[rest]
    if not whole and not tenths:
        return None
    digits = "".join(str(_CN_DIGIT[c]) for c in tenths)
    return f"{total}.{digits}" if digits else str(total)


UNIT_WORDS = frozenset(("度", "°c", "℃", "degrees", "deg", "°f", "℉", "f", "fahrenheit"))


def _in_main_unit(key: str, reading: Reading, number: re.Match[str]) -> tuple[list[float], int]:
    """The number(s) in the reading's main unit, and where the unit word ends."""
    values = [float(v.replace(",", ".")) for v in number.groups() if v is not None]
    rest = key[number.end() :]
    stripped = rest.lstrip(" °度")
    named, end = None, number.end()
    for unit in reading.units:
        for word in sorted(unit.words, key=len, reverse=True):
            w = symptom_key(word)
            if stripped.startswith(w) and not stripped[len(w) : len(w) + 1].isalpha():
                named, end = unit, number.end() + len(rest) - len(stripped) + len(w)
                break
        if named:
            break
    if named is None and reading.unit_required:
        return [], end
    unit = named or next(
        (u for u in reading.units if u.above is not None and values[0] > u.above), None
    )
    if unit is not None:
        values = [(v - unit.minus) * unit.times for v in values]
    return values, end


def _intensifier(text: str, more: list[str], inside: Sequence[tuple[int, int, str]] = ()) -> str:
    """The longest intensifier in ``text`` that is not wholly inside a span of ``inside``."""
    found = [
        m
        for m in more
        if m in text
        and any(
            not any(a <= hit.start() and hit.end() <= b for a, b, _ in inside)
            for hit in _pattern(m).finditer(text)
        )
    ]
    return max(found, key=len) if found else ""


def _intensifiers(text: str, more: list[str], inside: Sequence[Span]) -> list[Span]:
    """Where each intensifier stands in ``text``, but not wholly inside a span of ``inside``."""
    return [
        (hit.start(), hit.end(), m)
        for m in more
        if m in text
        for hit in _pattern(m).finditer(text)
        if not any(a <= hit.start() and hit.end() <= b for a, b, _ in inside)
    ]


# Across a comma, an intensifier still raises a symptom this close: "shivering, feel
# awful", 疼死了，头疼; not "a tremor for years, and a sudden fever".
NEAR, NEAR_WORDS = 4, 2  # CJK characters, other words


class _NearRaiser:
    """The longest intensifier that raises the phrase at ``start:end``: in its part of
    the question, just across a comma ("I've had a tremor for years, and a sudden
    fever": the tremor is not sudden; 头痛，很厉害 is), or anywhere when no other
    symptom stands nearer ("headache, it started an hour ago and it is unbearable").

    Made once per question: each intensifier's distance to the nearest of ``found``
    (sorted starts, bisect) and the Chinese characters before each place are found
    once, and a phrase tries the intensifiers longest first, stopping at the first
    that raises it (a question of 2,000 characters of distinct symptoms: seconds)."""

    def __init__(self, text: str, hits: Sequence[Span], found: Sequence[Span] = ()) -> None:
        self._text = text
        self._hits = hits
        self._order = sorted(range(len(hits)), key=lambda i: -len(hits[i][2]))  # ties: in order
        spans = sorted((c, d) for c, d, _ in found)
        starts, reach = [c for c, _ in spans], list(accumulate((d for _, d in spans), max))
        self._nearest = [_nearest(a, b, starts, reach) for a, b, _ in hits] if spans else None
        self._cjk = list(accumulate((is_cjk(c) for c in text), initial=0))

    def __call__(self, start: int, end: int) -> str:
        for i in self._order:
            a, b, word = self._hits[i]
            nearest = self._nearest[i] if self._nearest is not None else _distance(a, b, start, end)
            if _distance(a, b, start, end) <= nearest or self._same_clause(a, b, start, end):
                return word
        return ""

    def _same_clause(self, a: int, b: int, start: int, end: int) -> bool:
        """No clause break between the hit ``a:b`` and the phrase, or only just."""
        left, right = min(b, end), max(a, start)
        between = self._text[left:right]
        words = re.findall(r"[a-z0-9']+", between)
        if words:
            close = len(words) <= NEAR_WORDS and "but" not in words
        else:
            chinese = max(self._cjk[right] - self._cjk[left], 0) if right > left else 0
            close = chinese <= NEAR and "但" not in between
        return not _CLAUSE.search(between) or close


def _nearest(a: int, b: int, starts: Sequence[int], reach: Sequence[int]) -> float:
    """``min(_distance(a, b, c, d) for c, d in spans)`` in log time, for spans sorted
    by start (``starts``; ``reach``: the furthest end of each and those before it):
    the first span starting at or after ``b``, and the furthest end of those before."""
    i = bisect_left(starts, b)
    best: float = starts[i] - b if i < len(starts) else math.inf
    if i:
        best = min(best, max(a - reach[i - 1], 0))
    return best


def _distance(a: int, b: int, c: int, d: int) -> int:
    return max(c - b, a - d, 0)


WORST = ("worst", "最痛", "最疼")  # said of a headache: the worst-headache emergency words
HEADACHE_ROW = ("systemic", "headache")
WORST_HEADACHE = "worst headache"


def _worst_headache(
    found: list[Span], raised_by: Mapping[str, str], lay: set[tuple[str, str, str, str]]
) -> list[Span]:
    """A headache called the worst ("headache, it's the worst I have ever had") read
    as the worst-headache words ("worst headache ever": an emergency), not one tier up."""
    if not any(raised_by.get(k) in WORST for _, _, k in found):  # the usual case
        return found
    headache = {k for k, route, row, _ in lay if (route, row) == HEADACHE_ROW}
    if not any(w == WORST_HEADACHE for w, _, _, _ in lay):
        return found
    return [
        (a, b, WORST_HEADACHE) if k in headache and raised_by.get(k) in WORST else (a, b, k)
        for a, b, k in found
    ]


def _dropped_severity(key: str, readings: list[str]) -> str:
    """The characters a typo reading left out when one of them says how severe
    (肚子剧痛 read as 肚子痛 drops 剧): the reading must not sound milder."""
    dropped = "".join(c for c in key if is_cjk(c) and all(c not in r for r in readings))
    return dropped if any(c in SEVERITY_CHARS for c in dropped) else ""


# Issue 19, seventh review (X5): palpitations alone are a same-day call (an ECG and
# blood salts), not an emergency; with a faint, dizziness, chest pain or breathlessness
# they stay one (the vocabulary's combinations, the fainting words of the row).
HEART_RHYTHM = ("systemic", "qt-prolongation")
PALPITATIONS = (
    "palpitations", "heart racing", "heart is racing", "racing heart", "heart pounding",
    "pounding heart", "heart beating fast", "heart is beating fast", "racing heartbeat",
    "fast heartbeat", "pounding heartbeat", "heart thumping", "heart hammering",
    "heart going like", "heart fluttering", "fluttering heartbeat", "心慌", "心跳快", "心悸",
    "心跳过快", "心跳加速", "心跳加快", "心跳过速", "心动过速",
)  # fmt: skip


@lru_cache(maxsize=1)
def _palpitations() -> frozenset[str]:
    return frozenset(map(symptom_key, PALPITATIONS))


def _palpitations_only(words: set[str], lay: set[tuple[str, str, str, str]]) -> bool:
    """Whether the heart-rhythm row was named only by palpitations, or by words whose
    floor is today ("my pulse is irregular": review 7, T21), never by a faint."""
    today = {
        w for w, route, row, floor in lay if (route, row) == HEART_RHYTHM and floor == TIERS[1]
    }
    return words <= _palpitations() | today


def _findings(
    index: Index,
    found: list[tuple[int, int, str]],
    lay: set[tuple[str, str, str, str]],
    raised_by: str | Mapping[str, str],
) -> list[Finding]:
    """``raised_by``: the intensifier that raises every finding, or each phrase's own."""
    rows: dict[tuple[str, str], tuple[str, str]] = {}  # (route, row) -> (words, least tier)
    raisers: dict[tuple[str, str], str] = {}
    said: dict[tuple[str, str], set[str]] = {}
    for _, _, words in found:
        for k, route, row, floor in sorted(r for r in lay if r[0] == words):
            if k == words:
                said.setdefault((route, row), set()).add(words)
                named, least = rows.get((route, row), (words, ""))
                if _more_urgent(least, floor) != least:  # name what set the tier
                    named, least = words, floor
                rows[(route, row)] = (named, least)
                mine = raised_by if isinstance(raised_by, str) else raised_by.get(words, "")
                if len(mine) > len(raisers.get((route, row), "")):
                    raisers[(route, row)] = mine
    profiles = {route: index.profile(route) for route, _ in rows}
    findings = []
    for (route, row_id), (words, least) in rows.items():
        raiser = raisers.get((route, row_id), "")
        profile = profiles[route]
        row = next((r for r in profile.effects if r.id == row_id), None) if profile else None
        if row is None:  # the vocabulary and the profiles disagree: a broken index, rebuilt
            raise CorruptIndex(index.path, f"the words name {route}/{row_id}, which is missing")
        own = _more_urgent(row.urgency, least)
        if (
            (route, row_id) == HEART_RHYTHM
            and least != TIERS[2]
            and _palpitations_only(said[route, row_id], lay)
        ):
            own = TIERS[1]  # the row's action: an ambulance with a faint, dizziness, chest pain
        tier = _raised(own) if raiser else own
        articles = tuple(index.lead_articles(route, row_id))
        findings.append(Finding(words, row, tier, raiser if tier != own else "", articles))
    findings.sort(key=lambda f: -TIERS.index(f.tier))
    return findings


def _together(
    findings: list[Finding], pairs: list[tuple[str, str, str, str, str]], said: dict[str, set[str]]
) -> list[Finding]:
    """Raise two findings that are more urgent together (fever with a headache) to
    the pair's tier; each says the other's words raised it."""
    at = {f"{f.row.form}/{f.row.id}": n for n, f in enumerate(findings)}
    for a, b, tier, a_words, b_words in pairs:
        if a in at and b in at and _counts(said, a, a_words) and _counts(said, b, b_words):
            for me, other in ((at[a], at[b]), (at[b], at[a])):
                f = findings[me]
                if _more_urgent(f.tier, tier) != f.tier:
                    words = findings[other].words
                    findings[me] = Finding(f.words, f.row, tier, words, f.articles)
    return sorted(findings, key=lambda f: -TIERS.index(f.tier))


def _said(
    text: str,
    found: list[tuple[int, int, str]],
    lay: set[tuple[str, str, str, str]],
    urgent: frozenset[str] = frozenset(),
) -> dict[str, set[str]]:
    """'route/row' -> the words that named it and were not denied ("no fever")."""
    said: dict[str, set[str]] = {}
    for start, _, k in found:
        if not _denied(text, start) and not _denied_outright(text, start, found, urgent):
            for word, route, row, _ in lay:
                if word == k:
                    said.setdefault(f"{route}/{row}", set()).add(k)
    return said


def _counts(said: dict[str, set[str]], side: str, words: str) -> bool:
    named = said.get(side, set())
    return bool(named and (not words or named & set(words.split("\n"))))


_CLAUSE = Lazy(r"[,，;；.。!！?？、]|\bbut\b|但")
_NEGATORS = {"no", "not", "without", "never", "don't", "dont", "doesn't", "didn't", "haven't"}
_FILLERS = {"a", "an", "any", "have", "having", "had", "got", "get", "feel", "feeling"}


# "no chest pain or breathlessness": both denied; not "and" ("no fever and chest pain")
_CARRIED = {"or", "nor", "any"}
_BEFORE_DENIAL = {"i", "i'm", "im", "there", "there's", "is", "are", "he", "she", "has"}
# 不是发烧，是头痛: "not a fever" denies it too
_CJK_DENIAL = Lazy(r"(?:我|他|她|孩子)?(?:也|都|还|并|从来)?(?:没有|没|无|不|未)(?:有|再|是)?")


def _few_of_each(found: list[Span], most: int = 3) -> list[Span]:
    """The first ``most`` places of each phrase: every phrase still counts, and the
    work stays linear for a question that repeats one a thousand times."""
    seen: dict[str, int] = {}
    kept = []
    for span in found:
        seen[span[2]] = seen.get(span[2], 0) + 1
        if seen[span[2]] <= most:
            kept.append(span)
    return kept


def _uncovered(text: str, found: Sequence[Span], begin: int = 0, end: int | None = None) -> str:
    """``text[begin:end]`` without the characters of the spans ``found`` (linear in
    both: a question may repeat one symptom a thousand times)."""
    end = len(text) if end is None else end
    covered = {
        n for a, b, _ in found if a < end and b > begin for n in range(max(a, begin), min(b, end))
    }
    return "".join(c for n, c in enumerate(text[begin:end], begin) if n not in covered)


def _denied_outright(
    text: str, start: int, found: Sequence[Span], urgent: frozenset[str] = frozenset()
) -> bool:
    """Whether the words at ``start`` are denied by the whole of their part of the
    question before them: "no chest pain", "I don't have a headache", "no fever or
    cough", 没有胸痛, 也没发烧. Stricter than ``_denied``: "can't walk without pain"
    is no denial of pain."""
    end, words = next(((b, k) for a, b, k in found if a == start), (start, ""))
    if _ANSWERED_NO.match(text, end):  # "chest pain? no."
        return True
    begin = max((m.end() for m in _CLAUSE.finditer(text, 0, start)), default=0)
    clause = _uncovered(text, found, begin, start).strip()
    if not clause or _there_after(text, end):
        return False
    if is_cjk(clause[-1]):  # 没有胸口痛和气短: both denied (not so in English, see _CARRIED)
        also = "或也还、" if words in urgent else "或也还、和跟及"
        clause = _rstripped(re.sub(r"^[或和跟及]", "", clause), also)
        return _CJK_DENIAL.fullmatch(clause) is not None
    words = [w for w in re.findall(r"[\w']+", clause) if w not in _CARRIED]
    if not words or not any(w in _NEGATORS for w in words):
        return False
    return all(w in _NEGATORS or w in _FILLERS or w in _BEFORE_DENIAL for w in words)


def _rstripped(text: str, chars: str) -> str:
    """``text`` without the ``chars`` and spaces at its end, in any mix (linear: an
    anchored pattern retries from every position, and a question may hold a
    thousand 和)."""
    end = len(text)
    while end and (text[end - 1] in chars or text[end - 1].isspace()):
        end -= 1
    return text[:end]


# After a denied symptom, words that say it is or was there: "never had chest pain
# like this", "no seizure before but just had one", "no chest pain now but had it",
# "no chest pain any more", 没有胸痛了 (it was there and went: still worth a call).
_THERE_AFTER = Lazy(
    r"\s*(?:like (?:this|that|it)\b|before\b.*\b(?:but|now|today)\b|now\b.*\bbut\b"
    r"|any ?more\b|了|(?:up )?(?:until|till)\b|直到"
    r"|since\b(?!\s+(?:the|my|our)\s+last\s+(?:visit|appointment|clinic|check|review|check ?up)\b))"
)


# A symptom asked and answered no (review 7, X7): "chest pain? no. breathing? fine."
_ANSWERED_NO = Lazy(r"\s*[?？]\s*(?:no|nope|none|never|not really)\b|\s*[?？]\s*(?:没有|没|无)")
# "no seizures since my last visit": a time, not more to say
_SINCE_LAST = Lazy(
    r"\bsince (?:the|my|our) last (?:visit|appointment|clinic|check|review|check ?up)\b"
)


# A degree denied, not the symptom: "no severe chest pain", "I don't have crushing
# chest pain", 没有剧烈胸痛 (review 7, X7): some milder one is there, a same-day call.
_DEGREE_DENIED = Lazy(
    r"\b(?:severe|severely|crushing|bad|really bad|very bad|terrible|sharp|sudden|heavy|awful"
    r"|excruciating|extreme|intense|much)\b|剧烈|严重|很|特别|非常"
)


def _milder(text: str, span: Span, found: Sequence[Span]) -> bool:
    """Whether only the degree of the symptom at ``span`` is denied."""
    start, _, words = span
    if _denied_outright(text, start, found):
        return _DEGREE_DENIED.search(words) is not None
    begin = max((m.end() for m in _CLAUSE.finditer(text, 0, start)), default=0)
    clause = _uncovered(text, found, begin, start).strip()
    if not clause or not _DEGREE_DENIED.search(clause):
        return False
    plain = _DEGREE_DENIED.sub(" ", clause).strip()
    if plain and is_cjk(plain[-1]):
        return _CJK_DENIAL.fullmatch(plain.replace(" ", "")) is not None
    said = [w for w in re.findall(r"[\w']+", plain) if w not in _CARRIED]
    return any(w in _NEGATORS for w in said) and all(
        w in _NEGATORS or w in _FILLERS or w in _BEFORE_DENIAL for w in said
    )


def _capped(
    findings: list[Finding],
    milder: list[Span],
    present: list[Span],
    lay: set[tuple[str, str, str, str]],
) -> list[Finding]:
    """``findings`` with a row named only by a milder symptom at today at most."""

    def rows(spans: list[Span]) -> set[str]:
        keys = {k for _, _, k in spans}
        return {f"{route}/{row}" for w, route, row, _ in lay if w in keys}

    only = rows(milder) - rows([s for s in present if s not in milder])
    capped = [
        Finding(f.words, f.row, TIERS[1], "", f.articles)
        if f"{f.row.form}/{f.row.id}" in only and f.tier == TIERS[2]
        else f
        for f in findings
    ]
    return sorted(capped, key=lambda f: -TIERS.index(f.tier))


def _there_after(text: str, end: int) -> bool:
    return _THERE_AFTER.match(text, end) is not None


_BUT = Lazy(r"\bbut\b|但|可是|不过|\bjust\b|就是")


def _nothing_else(text: str, found: Sequence[Span]) -> bool:
    """Whether the question says nothing but its denied symptoms: no other words
    than negators and fillers, and no "but" (the denied-only answer, "no chest
    pain"). Else it may say something tacref cannot read, and must not answer
    "next visit" ("not chest pain, more like crushing pressure")."""
    if _BUT.search(text):
        return False
    rest = _SINCE_LAST.sub(" ", _uncovered(text, found))
    rest = _CJK_DENIAL.sub("", re.sub(r"[或和也还、了\s]", " ", rest))
    words = re.findall(r"[\w']+", rest)
    allowed = _NEGATORS | _FILLERS | _BEFORE_DENIAL | _CARRIED | {"and", "my", "at", "all"}
    return all(w in allowed for w in words)


def _denied(text: str, start: int) -> bool:
    """Whether the words at ``start`` are denied in their clause: "no fever",
    "without a headache", 没发烧, 没有头痛, 不发烧. Only pairs heed it: a denial
    misread costs a less urgent answer, so a match alone still counts."""
    clause = _CLAUSE.split(text[:start])[-1].rstrip()
    if clause.endswith(("没", "没有", "无", "不")):
        return True
    if clause.endswith("不是") and not clause.endswith("是不是"):  # 是不是发烧: a question
        return True
    for word in reversed(re.findall(r"[\w']+", clause)):
        if word not in _FILLERS:
            return word in _NEGATORS
    return False


def _more_urgent(a: str, b: str) -> str:
    return max(a, b, key=lambda tier: TIERS.index(tier) if tier in TIERS else -1)


def _raised(tier: str) -> str:
    return TIERS[min(TIERS.index(tier) + 1, len(TIERS) - 1)]


def _spans(text: str, keys: set[str]) -> list[tuple[int, int, str]]:
    spans = []
    for k in keys:
        if k in text:  # cheap test first; a regex only for the few that pass
            spans += [(m.start(), m.end(), k) for m in _pattern(k).finditer(text)]
    return spans


def _span(text: str, key: str) -> bool:
    return key in text and _pattern(key).search(text) is not None


# A letter or digit of a word that is not Chinese: a Latin word next to Chinese
# characters stands alone (我个bb, 吃了fluconazole).
_LATIN = r"[^\W_\u3400-\u9fff\uf900-\ufaff]"
_HAN = Lazy(r"[\u3400-\u9fff\uf900-\ufaff]+")
_NOT_BEFORE = {"意识": "(?!到)"}  # 没有意识 (unconscious) is not 没有意识到 (did not realise)


def _pattern(key: str) -> "re.Pattern[str] | _Phrase":
    """``key`` as a whole phrase: Latin words not inside longer words, maybe with
    a plural's s or es ("chest pains", "seizures"); CJK anywhere."""
    body = re.escape(key)
    plural = r"(?:e?s)?" if key[-1].isalpha() else ""
    if not any(is_cjk(c) for c in key):  # compiled without the costly CJK class
        return _Phrase(re.compile(rf"(?<![^\W_]){body}{plural}(?![^\W_])"))
    start = "" if is_cjk(key[0]) else rf"(?<!{_LATIN})"
    end = "" if is_cjk(key[-1]) else rf"{plural}(?!{_LATIN})"
    end = _NOT_BEFORE.get(key[-2:], end)
    return re.compile(start + body + end)


class _Phrase:
    """A phrase without Chinese, matched in its text with each Chinese character
    seen as a character of no word (NUL, which no phrase holds): the places
    ``_LATIN``'s boundaries give, with a pattern that compiles ~30 times faster
    (no class of 27,000 characters)."""

    __slots__ = ("_re",)

    def __init__(self, compiled: re.Pattern[str]) -> None:
        self._re = compiled

    def search(self, text: str) -> re.Match[str] | None:
        return self._re.search(_latin_view(text))

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self._re.finditer(_latin_view(text))


@lru_cache(maxsize=16)
def _latin_view(text: str) -> str:
    if text.isascii():
        return text
    return _HAN.sub(lambda m: "\0" * len(m.group()), text)


def _longest(spans: list[Span]) -> list[Span]:
    """Drop a match that lies inside a longer one ("headache" in "sudden severe
    headache"); two words read at the same place both stay (diarrhea, diarrhoea)."""
    spans.sort(key=lambda s: (s[0] - s[1], s[0], s[2]))  # longest first
    kept: list[Span] = []
    for start, end, k in spans:
        if not any(a <= start and end <= b and b - a > end - start for a, b, _ in kept):
            kept.append((start, end, k))
    return sorted(kept)


def _containing(
    index: Index,
    key: str,
    keys: set[str],
    asked: dict[str, Concern],
    lay: set[tuple[str, str, str, str]],
    limit: int = 6,
) -> tuple[list[str], list[str], list[str]]:
    """Phrases that hold the whole question as a word or words (CJK: two characters
    or more), shortest first: the least urgent of them, the more urgent ones (named,
    not assumed: "heart" is not "heart attack") and, when none is kept, the phrases to
    ask about. A phrase is never read into words the person did not write that change
    what they said: a concern ("took my tacrolimus" is not "child took my
    tacrolimus"), a denial ("cramps that won't let go", 没吃药), a person, or another
    symptom ("fever and stiff neck")."""
    if len(key) < (2 if is_cjk(key[0]) else 4):
        return [], [], []
    pattern = _pattern(key)
    # by length, then by letter: a set's order changes with PYTHONHASHSEED
    wider = sorted((k for k in keys if key in k and pattern.search(k)), key=lambda k: (len(k), k))
    kept = [k for k in wider if k not in asked and not _adds_meaning(key, k, keys)]
    if not kept:
        return [], [], [k for k in wider if k not in asked][:limit]
    tiers = {k: _tier_of(index, lay, asked, k) for k in kept}
    least = min(tiers.values())
    also = [k for k in kept if tiers[k] > least]
    return [k for k in kept if tiers[k] == least][:limit], also[:limit], []


_PERSONS = frozenset(
    (
        "child",
        "children",
        "kid",
        "son",
        "daughter",
        "baby",
        "bb",
        "toddler",
        "he",
        "she",
        "his",
        "her",
    )
)
_DENYING = frozenset((*("won't", "isn't", "can't", "cannot", "wont", "cant", "nor"),))


def _adds_meaning(key: str, phrase: str, keys: set[str]) -> bool:
    """Whether ``phrase`` adds to ``key`` a denial, a person or another symptom's word."""
    if is_cjk(key[0]):
        added = "".join(c for c in phrase if c not in key)
        return any(c in added for c in DENIALS) or any(
            p in added for p in ("孩子", "小孩", "宝宝", "儿子", "女儿")
        )
    added = set(re.findall(r"[a-z0-9']+", phrase)) - set(re.findall(r"[a-z0-9']+", key))
    return bool(added & (_NEGATORS | _PERSONS | _DENYING) or added & keys)


def _typos_kept(
    index: Index,
    key: str,
    keys: set[str],
    lay: set[tuple[str, str, str, str]],
    asked: dict[str, Concern],
) -> list[str]:
    """``_typos``, but never for a medicine's name ("pred") nor into an acronym, and
    a reading more urgent than the next visit only when one letter away."""
    if key.isascii() and (key in _medicines(index) or key.rstrip("s") in _medicines(index)):
        return []
    typos = [
        k
        for k in _typos(key, keys)
        if not set(k.split(" ")) & ACRONYMS - {key}
        and not (_inside(key, k) and (k in asked or _adds_meaning(key, k, keys)))
        and not (k in asked and _concerns_going_on(key, [_at(key, k)], asked) == [])
    ]
    return [
        k
        for k in typos
        if not key.isascii() or _near(key, k) or _tier_of(index, lay, asked, k) == 0
    ]


def _at(key: str, words: str) -> Span:
    """Where ``words`` first stand in ``key`` (nowhere: an empty span at its end)."""
    start = key.find(words)
    return (start, start + len(words), words) if start >= 0 else (len(key), len(key), words)


def _near(typed: str, word: str) -> bool:
    """One letter away, or the same long stem with another ending (hallucinating,
    hallucinations); "blotches" is not "blotchy", nor "pred" "pres"."""
    stem = next(
        (n for n, (a, b) in enumerate(zip(typed, word, strict=False)) if a != b),
        min(len(typed), len(word)),
    )
    return _edits(typed, word) <= 1 or (stem >= 7 and stem >= min(len(typed), len(word)) - 4)


def _typos(key: str, keys: set[str]) -> list[str]:
    """The vocabulary words a one-word question may be a misspelling of: all of
    them, so that the answer is the most urgent ("diarrea": diarrhea, diarrhoea).

    Never for several English words: "swollen throat" is close to "sore throat",
    and a guess must not make a symptom sound less urgent than it is. In Chinese,
    only a reading that leaves characters out or adds them (肚子剧痛: 肚子痛): one
    character changed is another word (又吃了一顿 is not 少吃了一顿)."""
    if len(key) < 4 or len(key) > 40 or " " in key:
        return []
    found = close_matches(key, keys, n=3, cutoff=0.8)
    return [
        k
        for k in found
        if not is_cjk(key[0])
        or (_inside(k, key) and not any(c in DENIALS and c not in k for c in key))
        or _inside(key, k)
    ]


DENIALS = "没不无未"  # a reading that leaves one out says the opposite (没发烧: 发烧)


def _inside(short: str, text: str) -> bool:
    """Whether ``short``'s characters all stand in ``text``, in order."""
    rest = iter(text)
    return all(c in rest for c in short)


def _close_words(index: Index, key: str, keys: set[str]) -> list[str]:
    """Did-you-mean: the words the question is a misspelling of, never another
    symptom ("liver pain" is not a misspelling of "leg pain")."""
    from tacref.unknown import Known, typo_suggestions

    if len(key) > 40:
        key = key[:40]
    candidates = {k: (k, k) for k in keys if abs(len(k) - len(key)) <= 6}
    return list(typo_suggestions(key, candidates, Known(index, keys)))
