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
_IGNORED = dict.fromkeys(
    map(
        ord,
        _SPACES + "".join(map(chr, range(0x2000, 0x200B))) + "-\u2010\u2011\u2012\u2013"
        "\u2014\u2015_'\u2018\u2019\u02bc`.\u00b7\u30fb",
    )
)


def normalize(name: str) -> str:
    """The lookup key of ``name``: NFKC, case-folded, separators removed.

    Repeated until stable: removing a separator can leave a combining mark
    that composes with the letter before it ("A" + "¯").
    """
    if name.isascii():  # already NFKC; case folding is lower()
        return name.lower().translate(_IGNORED)
    import unicodedata

    key = without_ignorable(name)
    for _ in range(4):
        folded = unicodedata.normalize("NFKC", key).casefold().translate(_IGNORED)
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
    return " ".join(_cjk_or_other().findall(text))


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


def fts_query(terms: list[str]) -> str | None:
    """An FTS5 query matching documents that contain every term.

    Each term becomes a quoted phrase, so no user text is read as query syntax;
    English words match by stem (the index uses Porter stemming: "burn" finds
    "burning"), Chinese as a phrase of its characters; punctuation inside a term
    separates phrases ("烧灼、刺痛" is "烧灼" and "刺痛").
    """
    phrases = []
    for term in terms:
        for part in _punctuation().split(term) if not term.isascii() else [term]:
            tokens = re.findall(r"\w+", part if part.isascii() else _split_cjk(part))
            if tokens:
                phrases.append('"' + " ".join(tokens).replace('"', '""') + '"')
    return " AND ".join(phrases) or None


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
        out += [part for part in _cjk_or_other().findall(key) if part]
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
