"""A name that matched nothing: a misspelling to correct, or something tacref has
no article on, said plainly with what tacref has near it.

Only runs that found nothing come here; nothing here is on the path of a run
that finds what it was asked for.
"""

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from tacref.names import close_matches, has_cjk, is_cjk, name_words, normalize, typo_distance
from tacref.record import Record

if TYPE_CHECKING:
    from tacref.index import Index
    from tacref.model import Product, Summary

Names = dict[str, tuple[str, str]]  # key -> (id, label)

MAX_NEARBY = 6  # articles listed as near a name tacref has no article on
MAX_MENTIONED = 5
MAX_WORD = 30  # letters: a longer "word" is no word of a name
MAX_CANDIDATES = 20  # names close by their characters, then judged word by word
# Words too general to say two names are about the same area.
_GENERAL = frozenset(
    {
        *("a", "an", "and", "of", "the", "with", "for", "in", "on", "to", "by", "or"),
        *("after", "before", "from", "not", "chronic", "acute"),
        *("disease", "diseases", "syndrome", "disorder", "condition", "conditions"),
        *("疾病", "综合", "合征"),
    }
)


class Known:
    """Whether a word is one tacref knows: a word of a name (of a condition,
    product or interaction card, or one of ``more``) or of an article's text. A
    CJK character is known when a name holds it: nearly every character stands
    in some article, but one that no name uses rarely names another thing."""

    def __init__(self, index: "Index", more: Iterable[str] = ()) -> None:
        self._index = index
        self._more = more  # more names: the symptom checker's words
        self._seen: dict[str, bool] = {}

    def __call__(self, word: str) -> bool:
        found = self._seen.get(word)
        if found is None:
            found = self._seen[word] = self._knows(word)
        return found

    def _knows(self, word: str) -> bool:
        labels = [label for _, _, label in self._index.labels_containing(word)]
        labels += [m for m in self._more if word in m]
        if any(word in name_words(label) for label in labels):
            return True
        return not is_cjk(word[:1]) and self._index.knows(word)


def typo_suggestions(
    query: str, names: Names, known: Callable[[str], bool], n: int = 3
) -> tuple[str, ...]:
    """Labels of ``names`` that ``query`` reads as a misspelling of (see
    ``names.typo_distance``), the fewest edits first, one per id."""
    key = normalize(query)
    ranked = []
    for rank, k in enumerate(close_matches(key, names, MAX_CANDIDATES)):
        item_id, label = names[k]
        distance = typo_distance(query, label, known)
        if distance is not None:
            ranked.append((distance, rank, item_id, label))
    by_id: dict[str, str] = {}
    for _, _, item_id, label in sorted(ranked):
        by_id.setdefault(item_id, label)
    return tuple(list(by_id.values())[:n])


class Coverage(Record):
    """What tacref has near a name it has no article on."""

    nearby: tuple["Summary", ...]  # articles whose names share a word with it
    mentioned: tuple["Summary", ...]  # else: articles whose text holds all its words
    facts: tuple[tuple["Product", str], ...]  # products (and regulator) whose approvals name it
    real: bool  # every word of it is a word tacref knows
    side_effect: bool = False  # the symptom checker knows it as a side effect ("hair loss")

    @property
    def said(self) -> bool:
        """Whether there is more to say than "no match": it is a real name, or
        something near it exists."""
        return bool(self.real or self.nearby or self.mentioned or self.facts or self.side_effect)


def coverage(index: "Index", query: str, known: Callable[[str], bool]) -> Coverage:
    words = content_words(query)
    nearby = _nearby(index, query)
    side_effect = _side_effect(index, query)
    mentioned: tuple[Summary, ...] = ()
    if not nearby and not side_effect and words:
        terms = query.split()
        found = dict.fromkeys(m.article for m in index.matches(terms, 2 * MAX_MENTIONED))
        mentioned = tuple(index.summaries(list(found)[:MAX_MENTIONED]))
    typed = name_words(query)
    real = bool(typed) and all(known(w) for w in typed)
    return Coverage(nearby, mentioned, _facts(index, query), real, side_effect)


def _side_effect(index: "Index", query: str) -> bool:
    """Whether the symptom checker knows ``query`` as a side effect, as typed."""
    from tacref.names import symptom_key

    key = symptom_key(query)
    return key in index.symptom_words().keys


def content_words(text: str) -> set[str]:
    """The words that say what a name is about: Latin words of three letters or
    more, not general ones ("disease"); in CJK text, each pair of neighbouring
    characters (移植 in 胰腺移植), as Chinese names have no spaces."""
    words = name_words(text)
    latin = {w for w in words if not is_cjk(w[:1]) and 3 <= len(w) <= MAX_WORD}
    cjk = "".join(w if is_cjk(w[:1]) else " " for w in words).split()
    pairs = {run[i : i + 2] for run in cjk for i in range(len(run) - 1)}
    return (latin | pairs) - _GENERAL


def _akin(a: str, b: str) -> bool:
    """One word, or two forms of one: a start of the other ("transplant",
    "transplantation"), or the same first six letters ("psoriatic", "psoriasis")."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    return (len(short) >= 5 and long.startswith(short.rstrip("s"))) or (
        len(short) >= 6 and long[:6] == short[:6]
    )


def _nearby(index: "Index", query: str) -> tuple["Summary", ...]:
    """Articles near in meaning (``heads.near``): of the same kind (another
    transplant for "pancreas transplant"), or named inside it; none for a name
    that only shares letters or a character with theirs ("multiple sclerosis" and
    lichen sclerosus)."""
    from tacref import heads

    words = heads.Query(query)
    if not words.usable:
        return ()
    if words.cjk:
        words.cjk = index.key(words.cjk)
    return tuple(heads.near(index.summaries(), words, MAX_NEARBY))


def _facts(index: "Index", query: str) -> tuple[tuple["Product", str], ...]:
    """Products whose approval notes name ``query`` in one sentence: every word
    of it there (a CJK name: covered by pieces of two characters or more)."""
    lang = "zh" if has_cjk(query) else "en"
    words = content_words(query) if lang == "en" else set()
    key = "".join(w for w in name_words(query) if is_cjk(w[:1]))
    if not (words or len(key) >= 2):
        return ()
    found = []
    for product in index.items("product"):
        for approval in product.approvals:
            sentences = _sentences(approval.note.get(lang, ""))
            if any(_names_it(s, words, key) for s in sentences):
                found.append((product, approval.regulator))
    return tuple(found)


def _sentences(text: str) -> list[str]:
    for mark in ("。", "；", "; ", ". "):
        text = text.replace(mark, "\n")
    return text.splitlines()


def _names_it(sentence: str, words: set[str], key: str) -> bool:
    if words:
        others = name_words(sentence)
        return all(any(_akin(w, o) for o in others) for w in words)
    return _covered(key, sentence)


def _covered(key: str, text: str) -> bool:
    """Whether ``key`` is made of pieces of two characters or more that each
    stand in ``text`` (胰腺移植 in 肾、肝、心、肺、胰腺和小肠移植)."""
    start = 0
    while start < len(key):
        end = next((e for e in range(len(key), start + 1, -1) if key[start:e] in text), None)
        if end is None:
            return False
        start = end
    return True
