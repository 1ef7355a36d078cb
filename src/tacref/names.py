"""How a name typed by a person is compared with the names in the data."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

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

    key = name
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
    return any(a <= ord(char) < b for a, b in _CJK_RANGES)


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
