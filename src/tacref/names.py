"""How a name typed by a person is compared with the names in the data."""

from __future__ import annotations

import re
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
# stores each run of them as overlapping two-character tokens plus the run's last
# character, so any substring of two or more characters is a phrase of tokens and
# a single character is a token prefix.
@cache
def _cjk_run() -> re.Pattern[str]:  # compiled on first use: 2 ms that most runs never need
    return re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]+")


def _bigrams(match: re.Match[str]) -> str:
    run = match.group()
    return f" {' '.join(map(str.__add__, run, run[1:]))} {run[-1]} "


def index_tokens(text: str) -> str:
    """``text`` as the full-text index sees it (Latin words as they are)."""
    return _cjk_run().sub(_bigrams, text)


def fts_query(terms: list[str]) -> str | None:
    """An FTS5 query matching passages that contain every term.

    Each term becomes a quoted phrase, so no user text is read as query syntax;
    English words match by stem (the index uses Porter stemming: "burn" finds
    "burning"), a lone Chinese character by prefix.
    """
    phrases = []
    for term in terms:
        tokens = _query_tokens(term)
        if tokens:
            single_cjk = len(tokens) == 1 and _cjk_run().fullmatch(tokens[0]) is not None
            phrases.append(
                '"' + " ".join(tokens).replace('"', '""') + '"' + ("*" if single_cjk else "")
            )
    return " AND ".join(phrases) or None


def _query_tokens(term: str) -> list[str]:
    tokens: list[str] = []
    for part in re.findall(r"\w+", _cjk_run().sub(lambda m: f" {m.group()} ", term)):
        if _cjk_run().fullmatch(part) and len(part) > 1:
            tokens += [part[i : i + 2] for i in range(len(part) - 1)]
        else:
            tokens.append(part)
    return tokens
