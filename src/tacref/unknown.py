"""A name that matched nothing: a misspelling to correct, or something tacref has
no article on, said plainly with what tacref has near it.

Only runs that found nothing come here, and search (``names_an_uncovered_kind``,
which reads only the names that end as its words do); nothing else here is on
the path of a run that finds what it was asked for.
"""

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from tacref.names import close_matches, has_cjk, is_cjk, name_words, normalize, typo_distance
from tacref.record import Record

if TYPE_CHECKING:
    from tacref import heads
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
    real: bool  # it reads as a name: words, not "qqqqqq"
    side_effect: bool = False  # the symptom checker knows it as a side effect ("hair loss")
    risk: str = ""  # a kind of ``heads.RISKS`` it is one of ("cancer" of "liver cancer")
    about_risk: tuple["Summary", ...] = ()  # what tacref says of that risk

    @property
    def said(self) -> bool:
        """Whether there is more to say than "no match": it is a real name, or
        something near it exists."""
        return bool(
            self.real
            or self.nearby
            or self.mentioned
            or self.facts
            or self.side_effect
            or self.about_risk
        )


# What tacref says of a risk of ``heads.RISKS``: the article every tacrolimus
# taker shares (its infection and cancer risks), then, for cancer, the cancers
# tacrolimus is known to raise (skin cancer, lymphoma: the oncology category's
# known side effects).
RISK_ARTICLES = ("immunosuppression",)
RISK_CATEGORY = {"cancer": "oncology"}


def coverage(index: "Index", query: str, known: Callable[[str], bool]) -> Coverage:
    from tacref import heads

    words = content_words(query)
    asked = _keyed(index, heads.Query(query))
    risk = heads.risk(asked) if asked.usable else ""
    nearby = _nearby(index, asked, same_kind=not risk)
    about_risk = _about_risk(index, risk, nearby)
    side_effect = _side_effect(index, query)
    mentioned: tuple[Summary, ...] = ()
    if not nearby and not side_effect and not about_risk and words:
        terms = query.split()
        found = dict.fromkeys(m.article for m in index.matches(terms, 2 * MAX_MENTIONED))
        mentioned = tuple(index.summaries(list(found)[:MAX_MENTIONED]))
    real = _reads_as_name(query, known)
    facts = _facts(index, query)
    return Coverage(nearby, mentioned, facts, real, side_effect, risk, about_risk)


def names_an_uncovered_kind(index: "Index", text: str) -> bool:
    """Whether ``text`` reads as the name of something of a kind tacref has
    articles of ("pancreas transplant": other transplants) or of a risk's kind
    ("liver cancer"), rather than words about an article ("psoriasis cream",
    "burning skin"). Cheap: only articles a name of which holds its last word are read."""
    from tacref import heads

    words = _keyed(index, heads.Query(text))
    if not words.usable:
        return False
    if heads.risk(words):
        return True
    end = words.cjk[-2:] if words.cjk else "".join(words.head()[-1:])
    labels = index.labels_containing(end) if end else []
    ids = {
        i
        for kind, i, label in labels
        if not kind and any(heads.headed(p, words) for p in heads.phrases(label))
    }
    if not ids:  # no name ends alike: no article's names are read
        return False
    found = index.summaries(sorted(ids))
    return len(heads.near(found, words, len(found))) > len(
        heads.near(found, words, len(found), same_kind=False)
    )


def _reads_as_name(query: str, known: Callable[[str], bool]) -> bool:
    """Whether ``query`` reads as a name of something, in either language alike:
    Chinese of two characters or more ("多发性硬化"), Latin words tacref knows or
    shaped like words ("multiple sclerosis", "pemphigus"; not "qqqqqq")."""
    typed = name_words(query)
    cjk = sum(len(w) for w in typed if is_cjk(w[:1]))
    return bool(typed) and all(
        (cjk >= 2 if is_cjk(w[:1]) else _word_shaped(w)) or known(w) for w in typed
    )


_VOWELS = frozenset("aeiouy")


def _word_shaped(word: str) -> bool:
    """A word of letters as words go: a vowel, no letter three times running, no
    more than four consonants together."""
    if not (3 <= len(word) <= MAX_WORD and word.isalpha() and word.isascii()):
        return False
    if any(word[i] == word[i + 1] == word[i + 2] for i in range(len(word) - 2)):
        return False
    run = 0
    for c in word:
        run = 0 if c in _VOWELS else run + 1
        if run > 4:
            return False
    return any(c in _VOWELS for c in word)


def _keyed(index: "Index", words: "heads.Query") -> "heads.Query":
    """``words`` with its Chinese keyed as names are (traditional as simplified)."""
    if words.cjk:
        words.cjk = index.key(words.cjk)
    return words


def _about_risk(index: "Index", risk: str, nearby: tuple["Summary", ...]) -> tuple["Summary", ...]:
    if not risk:
        return ()
    every = index.summaries()
    shared = [s for i in RISK_ARTICLES for s in every if s.id == i]
    category = RISK_CATEGORY.get(risk)
    own = [s for s in every if s.category == category and s.status == "adverse-effect"]
    return tuple(s for s in [*shared, *own] if s not in nearby)


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


def _nearby(index: "Index", words: "heads.Query", same_kind: bool) -> tuple["Summary", ...]:
    """Articles near in meaning (``heads.near``): of the same kind (another
    transplant for "pancreas transplant"; not for a risk's kind), or named inside
    it; none for a name that only shares letters or a character with theirs
    ("multiple sclerosis" and lichen sclerosus)."""
    from tacref import heads

    if not words.usable:
        return ()
    return tuple(heads.near(index.summaries(), words, MAX_NEARBY, same_kind))


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
