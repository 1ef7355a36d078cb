"""How a name typed by a person is compared with the names in the data."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache

from tacref.sanitize import without_ignorable

# Spaces, hyphens and dashes, underscores, apostrophes and dots do not tell names apart:
# "Alopecia-Areata", "alopecia areata" and "alopeciaareata" are one key. (A translate
# table, not a regex: compiling one would cost more start-up than the lookup.)
_SPACES = "\t\n\v\f\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"
# Invisible characters (zero-width spaces and joiners, word joiner, BOM, soft
# hyphen, direction marks, variation selectors) arrive with pasted text: ignored.
_INVISIBLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180e\u3164\ufeff\uffa0"
    + "".join(map(chr, [*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2070)]))
    + "".join(map(chr, range(0xFE00, 0xFE10)))
)
_IGNORED = dict.fromkeys(
    map(
        ord,
        _SPACES + "".join(map(chr, range(0x2000, 0x200B))) + "-\u2010\u2011\u2012\u2013"
        "\u2014\u2015_'\u2018\u2019\u02bc`.\u00b7\u30fb" + _INVISIBLE,
    )
)
# Accents do not tell names apart either ("vitíligo", "Sjögren", pinyin with tones
# "bái diàn fēng"): the combining marks of Latin, Greek and Cyrillic letters.
_ACCENTS = dict.fromkeys(range(0x300, 0x370))


def normalize(name: str) -> str:
    """The lookup key of ``name``: NFKC, case-folded, accents, separators and
    invisible characters removed.

    Repeated until stable: removing a separator can leave a combining mark
    that composes with the letter before it ("A" + "¯").
    """
    if name.isascii():  # already NFKC; case folding is lower()
        return name.lower().translate(_IGNORED)
    import unicodedata

    key = without_ignorable(name)
    for _ in range(4):
        folded = unicodedata.normalize("NFKC", key).casefold().translate(_IGNORED)
        if not folded.isascii():
            bare = unicodedata.normalize("NFD", folded).translate(_ACCENTS)
            folded = unicodedata.normalize("NFC", bare)
        if folded == key:
            break
        key = folded
    return key


_CONTROL_AS_SPACE = dict.fromkeys([*range(0x20), *range(0x7F, 0xA0)], " ")


def words(text: str) -> list[str]:
    """The words of a search query; control characters count as spaces."""
    return text.translate(_CONTROL_AS_SPACE).split()


# CJK ideographs (and kana/hangul) are written without spaces. The full-text index
# stores each of them as a token of its own, so any run of them is found as a phrase
# of one-character tokens: a substring search, whatever its length.
_CJK_RANGES = (
    (0x3040, 0x3100),
    (0x3400, 0x4DC0),
    (0x4E00, 0xA000),
    (0xAC00, 0xD7B0),
    (0xF900, 0xFB00),
)


def is_cjk(char: str) -> bool:
    code = ord(char)
    return code >= 0x3040 and any(a <= code < b for a, b in _CJK_RANGES)


def _cjk_ranges() -> str:  # for a regex character class
    return "".join(f"{chr(a)}-{chr(b - 1)}" for a, b in _CJK_RANGES)


@cache
def _cjk_or_other() -> re.Pattern[str]:  # compiled on first use: 2 ms most runs never need
    """One CJK character, or a stretch of anything else."""
    return re.compile(f"[{_cjk_ranges()}]|[^{_cjk_ranges()}]+")


def _split_cjk(text: str) -> str:
    """Spaces around every CJK character, by splitting around them: the way for
    text with few of them, and for queries (no table to build)."""
    return " ".join(_cjk_parts(text))


def _cjk_parts(text: str) -> list[str]:
    """Each CJK character of ``text``, and each stretch of anything else, in order.
    A short text (a query, a name) is walked: compiling the pattern's large
    character class costs more than a run's whole answer."""
    if len(text) > 200:
        return _cjk_or_other().findall(text)
    parts: list[str] = []
    start = 0
    for i, char in enumerate(text):
        if is_cjk(char):
            if start < i:
                parts.append(text[start:i])
            parts.append(char)
            start = i + 1
    if start < len(text):
        parts.append(text[start:])
    return parts


@cache
def _spaced_cjk() -> dict[int, str]:
    """A translate table putting spaces around every CJK character (mostly CJK text)."""
    return {c: f" {chr(c)} " for a, b in _CJK_RANGES for c in range(a, b)}


# Punctuation breaks a phrase: "红、发" is not "红发". Each mark, and each boundary
# between sections, is indexed as BREAK, a private-use character that unicode61
# keeps as a token and no query can contain (``\w`` does not match it).
BREAK = "\ue000"
_PUNCTUATION_RANGES = (
    (0xA1, 0xC0),
    (0x2000, 0x2070),
    (0x3000, 0x3040),
    (0xFE30, 0xFE50),
    (0xFF00, 0xFF66),
)


@cache
def _punctuation() -> re.Pattern[str]:
    """Non-ASCII punctuation: Chinese marks, dashes, quotes, the middle dot."""
    import unicodedata

    marks = (chr(c) for a, b in _PUNCTUATION_RANGES for c in range(a, b))
    return re.compile(
        "[" + re.escape("".join(m for m in marks if unicodedata.category(m)[0] == "P")) + "]"
    )


def index_tokens(text: str) -> str:
    """``text`` as the full-text index sees it: every CJK character a word of its
    own, every non-ASCII punctuation mark a BREAK."""
    if text.isascii():
        return text
    return _spaced(_punctuation().sub(f" {BREAK} ", text))


def _spaced(text: str) -> str:
    """Spaces around every CJK character. Two ways to the same result, the faster
    for the text (an index build does this to all of it): Chinese, whose characters
    take 3 bytes in UTF-8, by a translate table; mostly Latin text by splitting
    around its few CJK characters."""
    if len(text.encode("utf-8", "surrogatepass")) > 2 * len(text):
        return text.translate(_spaced_cjk())
    return _split_cjk(text)


def fts_query(terms: list[str], any_term: bool = False) -> str | None:
    """An FTS5 query matching documents that contain every term (or, with
    ``any_term``, any of them).

    Each term becomes a quoted phrase, so no user text is read as query syntax;
    English words match by stem (the index uses Porter stemming: "burn" finds
    "burning"), Chinese as a phrase of its characters; punctuation inside a term
    separates phrases ("烧灼、刺痛" is "烧灼" and "刺痛"). No regular expression:
    this runs on every search, and the character classes it would need cost more
    to compile than the whole lookup.
    """
    phrases = []
    for term in terms:
        said = [_fts_term(w) for w in (term, *NEAR_WORDS.get(term.lower(), ()))]
        said = [w for w in said if w]
        if len(said) > 1:  # 孕妇 or what an article may say instead (怀孕)
            phrases.append("(" + " OR ".join(said) + ")")
        elif said:
            phrases.append(said[0])
    return (" OR " if any_term else " AND ").join(phrases) or None


def _fts_term(term: str) -> str:
    """One term as an FTS5 expression: its phrases, all of them."""
    parts = ['"' + " ".join(tokens).replace('"', '""') + '"' for tokens in _phrases(term) if tokens]
    if len(parts) > 1:
        return "(" + " AND ".join(parts) + ")"
    return parts[0] if parts else ""


def _phrases(term: str) -> list[list[str]]:
    """The tokens of ``term`` as the index has them (Latin words, each CJK
    character), a new phrase after each non-ASCII punctuation mark (where the
    index has a BREAK)."""
    phrases: list[list[str]] = [[]]
    word: list[str] = []
    for char in term:
        if char.isalnum() and not is_cjk(char):
            word.append(char)
            continue
        if word:
            phrases[-1].append("".join(word))
            word = []
        if is_cjk(char):
            phrases[-1].append(char)
        elif not char.isascii() and _is_mark(char):
            phrases.append([])
    if word:
        phrases[-1].append("".join(word))
    return phrases


def _is_mark(char: str) -> bool:
    """Is ``char`` a mark ``index_tokens`` stores as a BREAK?"""
    import unicodedata

    code = ord(char)
    in_ranges = any(a <= code < b for a, b in _PUNCTUATION_RANGES)
    return in_ranges and unicodedata.category(char)[0] == "P"


# Characters that draw nothing and part no words: a zero-width space pasted from a
# web page, joiners, a soft hyphen, a byte-order mark.
_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u180e\u200b\u200c\u200d\u2060\ufeff"))


def clean_query(text: str) -> str:
    """Typed text as tacref looks it up: NFKC (full-width ｐｒｅｇｎａｎｃｙ is
    pregnancy, a ligature its letters), invisible characters removed. Case is left
    to the lookup; traditional characters to the index (``Index.simplified``)."""
    if text.isascii():
        return text
    import unicodedata

    return unicodedata.normalize("NFKC", text.translate(_INVISIBLE))


def has_kana(text: str) -> bool:
    """Does ``text`` hold Japanese kana (a Japanese name: its kanji are not
    traditional Chinese to fold)?"""
    return any("\u3040" <= c <= "\u30ff" for c in text)


def cjk_runs(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into runs of CJK characters and of anything else, each with
    whether it is CJK."""
    runs: list[tuple[str, bool]] = []
    start = 0
    for i in range(1, len(text) + 1):
        if i == len(text) or is_cjk(text[i]) != is_cjk(text[start]):
            runs.append((text[start:i], is_cjk(text[start])))
            start = i
    return runs


def symptom_key(text: str) -> str:
    """A symptom phrase as the symptom checker compares it: NFKC, case-folded,
    hyphens as spaces, runs of spaces as one, apostrophes put back ("Can't  SLEEP",
    "cant sleep" and "can't sleep", "punched-out" and "punched out", are one key)."""
    import unicodedata

    text = without_ignorable(text)
    folded = unicodedata.normalize("NFKC", text).casefold().replace("\u2019", "'")
    words = folded.replace("-", " ").split()
    return " ".join(_APOSTROPHES.get(w, w) for w in words)


# Words typed without their apostrophe (texting style), read with it.
_APOSTROPHES = {
    w.replace("'", ""): w
    for w in [
        *("can't", "don't", "didn't", "won't", "isn't", "aren't", "haven't", "hasn't"),
        *("doesn't", "wasn't", "couldn't", "wouldn't", "shouldn't", "it's", "i'm", "he's", "she's"),
    ]
} | {"dosent": "doesn't", "dosn't": "doesn't", "cannot": "can't"}


MAX_SUGGESTED = 60  # characters of a key: a longer one is no misspelled name
MAX_ROUGH = 300  # names compared by their characters alone: those sharing the most
MAX_COMPARED = 30  # names compared in full: those closest by their characters


def close_matches(key: str, keys: Iterable[str], n: int, cutoff: float = 0.6) -> list[str]:
    """``difflib.get_close_matches(key, keys, n, cutoff)``, with bounded work:
    did-you-mean for any text a person may type, against any names a data
    directory may hold.

    That compares in full (up to len(key) x len(name) steps) every name that
    passes two cheap tests, and its second test is a Python loop over both
    strings: one long misspelling against thousands of long aliases took 35 s.
    Here keys and names of up to MAX_SUGGESTED characters are compared; a name
    must pass its length test and a bound on shared characters computed in C;
    of those, the MAX_ROUGH with the highest bound get difflib's second test,
    and its best MAX_COMPARED the full comparison.
    """
    if not 0 < len(key) <= MAX_SUGGESTED:
        return []
    import difflib
    import heapq
    import math

    size = len(key)
    # Whole lengths, with room for rounding: 6 * 0.8 / 1.2 is 4.000000000000001,
    # and a 4-character name at exactly the cutoff must pass.
    shortest = math.ceil(size * cutoff / (2 - cutoff) - 1e-9)
    longest = min(math.floor(size * (2 - cutoff) / cutoff + 1e-9), MAX_SUGGESTED)
    others = dict.fromkeys(map(ord, key))  # a table deleting the key's characters

    def bound(name: str) -> float:  # at least difflib's ratio: matches / mean length
        length = len(name)
        if not shortest <= length <= longest:
            return 0.0
        return 2 * min(size, length - len(name.translate(others))) / (size + length)

    rough = heapq.nlargest(MAX_ROUGH, ((bound(name), name) for name in keys))
    matcher = difflib.SequenceMatcher()
    matcher.set_seq2(key)
    quick = []
    for score, name in rough:
        if score < cutoff:
            break
        matcher.set_seq1(name)
        quick.append((matcher.quick_ratio(), name))
    close = []
    for score, name in heapq.nlargest(MAX_COMPARED, quick):
        if score < cutoff:
            break
        matcher.set_seq1(name)
        close.append((matcher.ratio(), name))
    return [name for score, name in heapq.nlargest(n, close) if score >= cutoff]


# -- Typo or another thing? --------------------------------------------------------
#
# Did-you-mean is for misspellings. "liver transplant" is not a misspelling of
# "kidney transplant", nor 肝移植 of 肾移植, nor "rifaximin" of "rifampin": each
# is a real name of something else, and pointing a patient to it would be wrong.
# A suggestion is a typo correction only when, word by word, each word of the
# query is the name's word or a near miss of it (see ``typo_distance``), and a
# near miss is not itself a word tacref knows (``known``): a different known word
# is a different thing, however few letters it differs by.

_LATIN_WORD = re.compile(r"[^\W_]+(?:['\u2019\u02bc][^\W_]+)*")


def name_words(text: str) -> list[str]:
    """The words of a name or query as typos are judged: Latin words normalised
    (case-folded, apostrophes dropped: "Crohn's" is "crohns"), each CJK character
    a word of its own (Chinese has no spaces, and one character is one meaning)."""
    if text.isascii():  # the usual case: no NFKC, no CJK
        return [normalize(word) for word in _LATIN_WORD.findall(text)]
    out: list[str] = []
    for word in _LATIN_WORD.findall(text):
        key = normalize(word)
        if key.isascii() or not any(map(is_cjk, key)):
            out.append(key)
            continue
        out += _cjk_parts(key)
    return out


def has_cjk(text: str) -> bool:
    return any(map(is_cjk, text))


def same_word(a: str, b: str) -> bool:
    """One word in two grammatical forms: "crohn"/"crohns", "keratosis"/"keratoses"
    are close enough; "gout"/"gut" is not."""
    return a == b or _plain(a) == _plain(b)


def _plain(word: str) -> str:
    for suffix in ("es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def edit_distance(a: str, b: str, limit: int) -> int:
    """Damerau-Levenshtein distance (a swap of two neighbours is one edit) of
    ``a`` and ``b``, or ``limit + 1`` as soon as it must exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] = []
    row = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            current[j] = min(row[j] + 1, current[j - 1] + 1, row[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], before[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        before, row = row, current
    return min(row[-1], limit + 1)


def _budget(word: str) -> int:
    """How many edits a misspelling of ``word`` may hold: none in a word of one or
    two letters, one up to seven letters, two from eight."""
    return 0 if len(word) <= 2 else 1 if len(word) <= 7 else 2


def _word_typo(typed: str, word: str, known: Callable[[str], bool]) -> int | None:
    """Edits from ``typed`` to the name's ``word`` if ``typed`` reads as a
    misspelling of it, else None. Two edits must keep the first letter: real
    names that differ at the start are usually other things (amlodipine and
    felodipine), and misspellings rarely start with the wrong letter."""
    if same_word(typed, word):
        return 0
    if len(typed) >= 4 and word.startswith(typed):  # cut short: no other word
        return len(word) - len(typed) if len(word) - len(typed) <= _budget(word) else None
    limit = _budget(word)
    distance = edit_distance(typed, word, limit)
    if distance > limit or (distance > 1 and typed[:1] != word[:1]) or known(typed):
        return None
    return distance


def _cjk_typo(typed: str, name: str, known: Callable[[str], bool]) -> int | None:
    """One edit in a CJK name of three characters or more, if no character it
    brings in is one tacref's names use (肝 for 肾 names another organ; 疯 for 风
    is a slip of the pen). A name of two characters takes no edit at all."""
    if len(name) < 3 or edit_distance(typed, name, 1) != 1:
        return None
    if len(typed) < len(name):  # a character left out
        return 1 if len(name) >= 4 else None
    brought = Counter(typed) - Counter(name)
    return None if any(known(c) for c in brought) else 1


def typo_distance(query: str, name: str, known: Callable[[str], bool]) -> int | None:
    """How many edits make ``query`` into ``name``, when ``query`` reads as a
    misspelling of ``name``; None when it reads as a name of something else.

    Words are compared in order when both have as many; otherwise the words run
    together (a missed space, "atopicdermatits"), and every known word of the
    query must be a word of the name.
    """
    typed, words = name_words(query), name_words(name)
    if not typed or not words or has_cjk("".join(typed)) != has_cjk("".join(words)):
        return None
    if has_cjk("".join(typed)):
        return _cjk_typo("".join(typed), "".join(words), known)
    if len(typed) == len(words):
        distances = [_word_typo(a, b, known) for a, b in zip(typed, words, strict=True)]
        return None if None in distances else sum(d or 0 for d in distances)
    if any(known(t) and not any(same_word(t, w) for w in words) for t in typed):
        return None
    return _word_typo("".join(typed), "".join(words), lambda _: False)


# -- Words a search looks past ---------------------------------------------------
#
# A question is searched by its content words: "can I drink alcohol" by drink and
# alcohol; 孕妇能用吗 by 孕妇. Every article is about using tacrolimus, so "use"
# and 用 tell none apart either.

STOP_WORDS = frozenset(
    """a about after am an and any are as at be been before being both but by can
    could did do does doing during each for from get gets getting had has have having
    he her hers him his how i if in into is it its itself just may me might more most
    much must my no nor not of off on once only or other our ours out over own same
    she should so some such than that the their theirs them then there these they
    this those through to too under until up use used using very was we were what
    when where which while who whom why will with would you your yours""".split()  # noqa: SIM905 (a list to read and edit as text)
)

# Question words and particles of Chinese questions, longest first where one holds
# another (a dictionary word that holds one of these wins over it).
PARTICLES = frozenset(
    """吗 呢 吧 啊 呀 嘛 么 的 了 地 得 着 过 能 会 可 要 想 该 应 应该 可以 能否 能不能
    可不可以 会不会 是否 是不是 有没有 怎么 怎么办 怎么样 怎样 如何 什么 为什么 哪些 哪个
    多少 多久 请问 一下 一起 我 我的 你 您 他 她 它 我们 他们 在 和 与 及 或 或者 还是 用
    使用 能用 可用 吃 吃了 服用""".split()  # noqa: SIM905 (a list to read and edit as text)
)

# Words of a question that make it one (a word holding one of them is a phrase, not
# a word to cut a query into: 他克莫司软膏会致癌吗).
QUESTION_MARKS = ("吗", "呢", "吧", "怎么", "如何", "什么", "是否", "能不能", "会不会", "可不可以")

# Words a query is cut into besides the data's names: the drug every article is
# about (no name is it alone).
OWN_WORDS = ("他克莫司",)

# Everyday words for what the articles say in another word (小孩可以用吗: the
# articles write 儿童 or 孩子), longest first: a query's run is read with them replaced.
SAME_WORDS = (("小孩子", "儿童"), ("小朋友", "儿童"), ("小孩", "儿童"))

# Words an article may say for a query's word: searched with it (孕妇能用吗: the
# articles write 怀孕), and a heading or question saying one says the word when
# ranking where the words meet (软膏副作用: the side-effect table's heading is 不良反应).
NEAR_WORDS = {
    "副作用": ("不良反应",),
    "不良反应": ("副作用",),
    "孕妇": ("怀孕", "妊娠", "孕期"),
    "怀孕": ("孕妇", "妊娠", "孕期"),
    "妊娠": ("怀孕", "孕妇", "孕期"),
    "pregnant": ("pregnancy",),
    "pregnancy": ("pregnant",),
    "儿童": ("孩子",),
    "孩子": ("儿童",),
    "child": ("children",),
    "children": ("child",),
    # the words tacref's Taiwan and Hong Kong output prints (i18n.HANT_REGION_FIXES)
    "症候群": ("综合征",),
    "综合症": ("综合征",),
    "覆诊": ("复诊",),
}

# A question's last characters (吗, 呢: a question) and first ones (我: "I ..."),
# cut from a stretch of characters no known word covers.
ENDINGS = frozenset("吗呢吧啊呀嘛么了")
OPENINGS = frozenset("我你您请")
