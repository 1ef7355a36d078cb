"""Where a line of Chinese text may break, by the rules Chinese typesetting calls 避头尾.

Chinese is not written with spaces, so a line may break between any two characters,
except that no line may start with closing punctuation (，。、：；！？）》」』】… and the
like) and none may end with opening punctuation (（《「『【 ...). A run of Latin letters
and digits (``Prograf``, ``0.1%``, ``tacref show x``'s words) stays whole, as a word
does in English. When a break would leave a mark where it must not be, the last
characters of the line move down with it (push-down, 行尾推出), so that no line is
wider than asked.

Pure functions over strings; the cell width of text is given by the caller (the
renderer knows how its terminal library counts cells).
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Marks that must not start a line: closing brackets and quotes, sentence and
# clause punctuation (full- and half-width), ellipsis and the iteration marks.
NO_START = frozenset("，。、：；！？）》〉」』】〕〗〙〛｝］”’…‥·・ー々〻ゝゞ〜～%‰℃°,.:;!?)]}»›")
# Marks that must not end a line: opening brackets and quotes.
NO_END = frozenset("（《〈「『【〔〖〘〚｛［“‘([{«‹")
# Characters that keep their neighbour: "——" is one dash, two characters wide.
_PAIRED = frozenset("—―")

_WIDE = "\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff"
# Characters a line may break before or after (when the marks allow): every Chinese
# character and mark. Between two other characters (a Latin word, a number) a line
# breaks only at a space, or inside the word when the word is wider than the line.
_SINGLE = re.compile(f"[{_WIDE}“”‘’…—―]")

# A run of katakana is a (brand) name: in a table cell it stays whole, as a Latin word.
_KATAKANA = re.compile("[\u30a1-\u30ff]")

NEVER, FOLD, GOOD = 0, 1, 2  # what a position between two characters allows


def breaks(
    text: str,
    width: int,
    cells: Callable[[str], int],
    fold: bool = True,
    compounds: bool = False,
) -> list[int]:
    """Offsets in ``text`` (one line, no newline) at which to start a new line so that
    no line is wider than ``width`` cells (spaces at its end aside) and none breaks
    避头尾. A line breaks at the last good place that fits; inside a word only when no
    good place fits (and ``fold``); against the marks only where nothing else can.
    ``compounds``: also after the slash of "capsule/tablet" (see ``positions``)."""
    kinds = positions(text, compounds)
    out: list[int] = []
    start = 0
    while True:
        end = _fit(text, start, width, cells)
        if end >= len(text):
            return out
        at = _best(kinds, text, start, end, fold)
        if at is None:  # not folding: the word stays whole, and is cut by the caller
            at = next((p for p in range(end + 1, len(text)) if kinds[p] == GOOD), None)
            if at is None:
                return out
        out.append(at)
        start = at


def positions(text: str, compounds: bool = False) -> list[int]:
    """For each offset ``p`` (0 < p < len), whether a line may start there: GOOD,
    FOLD (inside a word) or NEVER. Offset 0 is NEVER. With ``compounds``, a line may
    also start after a slash between two letters ("capsule/|tablet", "oral/|IV"), as
    in a table cell, where a narrow column must not hold a whole "a/b" pair; never
    after a hyphen (ids such as "atopic-dermatitis" are words a reader types); a run
    of katakana ("プログラフ") stays whole, and so does a run of Chinese between two
    marks ("已获批（日本、中国）" breaks only at its marks; 口服/静脉 is one word)."""
    kinds = [NEVER] * (len(text) + 1)
    ascii_ = text.isascii()  # no Chinese character: the common case, and quick
    wide = [False] * len(text) if ascii_ else [bool(_SINGLE.match(c)) for c in text]
    kana = (
        [False] * len(text) if ascii_ or not compounds else [bool(_KATAKANA.match(c)) for c in text]
    )
    last = ""  # the last character that is not a space
    for p in range(1, len(text)):
        a, b = text[p - 1], text[p]
        if not a.isspace():
            last = a
        if b.isspace() or not last:
            continue
        marks_allow = b not in NO_START and last not in NO_END
        if not marks_allow or (b in _PAIRED and a == b):
            continue
        single = a.isspace() or wide[p - 1] or wide[p]
        if compounds and single and not a.isspace():
            # a table cell keeps a run of Chinese between its marks whole (软膏, 日本,
            # 颗粒剂: a narrow column must not split a word): it breaks after a mark
            # or before an opening one, as at a space
            single = last in NO_START or b in NO_END
        if compounds and a == "/" and b.isascii() and b.isalpha() and p > 1:
            single = single or (text[p - 2].isascii() and text[p - 2].isalpha())
        elif kana[p - 1] and kana[p]:
            continue
        kinds[p] = GOOD if single else FOLD
    return kinds


def _fit(text: str, start: int, width: int, cells: Callable[[str], int]) -> int:
    """The largest offset ``end`` such that ``text[start:end]`` fits in ``width`` cells
    once the spaces at its end are dropped; at least one character."""
    if text.isascii() and text.isprintable():  # a cell per character
        p = start + width
        while p < len(text) and text[p].isspace():
            p += 1
        return min(max(p, start + 1), len(text))
    used = 0
    for p in range(start, len(text)):
        char = text[p]
        used += cells(char)
        if used > width and not char.isspace():
            return max(p, start + 1)
    return len(text)


def _best(kinds: list[int], text: str, start: int, end: int, fold: bool) -> int | None:
    """Where to break a line that starts at ``start`` and fits up to ``end``."""
    for kind in (GOOD, FOLD) if fold else (GOOD,):
        for p in range(end, start, -1):
            if kinds[p] == kind and not text[start:p].isspace():
                return p
    return end if fold else None
