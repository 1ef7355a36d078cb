"""Which articles a word names, and which are the same kind of thing as a name
tacref has no article on, judged by whole words of the articles' own names.

A name is read as phrases: "Kidney transplant: preventing rejection" is the
phrases "kidney transplant" and "preventing rejection"; "Alopecia areata (patchy
hair loss)" is "alopecia areata" and "patchy hair loss". A phrase's head is what
it is a kind of: its last word before a preposition ("transplant" of "kidney
transplant", "diabetes" of "diabetes after a transplant"); in Chinese, where the
head stands last too, its end (移植 of 肾移植, 糖尿病 of 移植后糖尿病).

Only the article's names (en, zh) count, never its text nor its aliases, for what
it is: an alias may name a part or a neighbour ("post-transplant lymphoma" of
lymphoma; 移植后高血压 of high blood pressure).
"""

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from tacref.names import is_cjk, name_words, normalize

if TYPE_CHECKING:
    from tacref.index import Index
    from tacref.model import Summary

# Words a phrase's head never follows: "diabetes after a transplant" is diabetes.
_PREPOSITIONS = frozenset(
    {"after", "before", "of", "with", "including", "in", "for", "from", "on", "by", "around"}
)
# Heads too general to make two names the same kind of thing ("disease"): the word
# before them is read with them ("lung disease").
GENERAL = frozenset(
    {"disease", "diseases", "syndrome", "disorder", "disorders", "condition", "conditions"}
)
GENERAL_CJK = ("综合征", "综合症", "疾病", "病变", "症状", "障碍", "血症", "治疗", "疗法")
_PARENTHESES = re.compile(r"\s*[(（]([^()（）]*)[)）]")
_SEPARATORS = re.compile(r"[:：,，、;；/]|\band\b|\bor\b|[和与及或]")
MIN_CJK = 2  # characters: one Chinese character names nothing on its own
# ... except a kind that Chinese names end with in one character (皮肤癌: 癌, cancer);
# the everyday word for it (癌症) is read as that character, as "cancer" is read in
# "Skin cancer".
ONE_CHARACTER = frozenset("癌")
EVERYDAY = {"癌症": "癌"}


# Kinds of illness tacrolimus raises the risk of whatever the organ (the labels'
# boxed warning: malignancies and serious infections). A name of such a kind that
# tacref has no article on ("liver cancer", 肝癌) is pointed to what tacref says of
# that risk, never to another organ's article as "near" it (skin cancer).
RISKS = {
    "cancer": (
        frozenset(
            {
                *("cancer", "carcinoma", "sarcoma", "tumour", "tumor", "neoplasm"),
                *("malignancy", "malignancies", "leukemia", "leukaemia", "myeloma"),
            }
        ),
        ("癌", "癌症", "肉瘤", "肿瘤", "白血病", "骨髓瘤"),
    ),
    "infection": (frozenset({"infection"}), ("感染",)),
}


class Query:
    """A name as its words: Latin words (normalised), or one run of Chinese."""

    def __init__(self, text: str) -> None:
        # a control character is no separator a person types ("lupus\x00nephritis")
        self.typed = not any(ord(c) < 32 and not c.isspace() for c in text)
        words = name_words(text)
        cjk = "".join(w for w in words if is_cjk(w[:1]))
        self.cjk = EVERYDAY.get(cjk, cjk)
        self.words = tuple(w for w in words if not is_cjk(w[:1]))

    @property
    def usable(self) -> bool:
        """Whether it holds a word that can name something: a Chinese run of two
        characters or more, or a Latin word of three letters that is not general."""
        if not self.typed:
            return False
        if self.cjk:
            return (len(self.cjk) >= MIN_CJK or self.cjk in ONE_CHARACTER) and not self.words
        return any(len(w) >= 3 and w not in GENERAL for w in self.words)

    def fragment(self) -> str:
        """A piece every label that carries the query holds (for a LIKE search)."""
        return self.cjk or max(self.words, key=len)[:4]

    def head(self) -> tuple[str, ...]:
        """The words a phrase must end with to be the same kind of thing."""
        return _head(list(self.words))


def risk(query: Query) -> str:
    """The kind in ``RISKS`` that ``query`` names one of ("cancer" for "liver
    cancer", "cancer of the stomach" and 胃癌), or ""."""
    if query.cjk:
        return next((k for k, (_, ends) in RISKS.items() if query.cjk.endswith(ends)), "")
    head = query.head()
    if not head:
        return ""
    kinds = (k for k, (words, _) in RISKS.items() if any(same_word(head[-1], w) for w in words))
    return next(kinds, "")


def same_word(a: str, b: str) -> bool:
    """One word, or its plural ("transplants"), or the adjective of a "-sis" noun
    ("psoriatic", "psoriasis"); never a longer word that starts alike
    ("pancreatitis" is not "pancreas"; "sclerosus" is not "sclerosis")."""
    if a == b:
        return True
    short, long = sorted((a, b), key=len)
    if long in (short + "s", short + "es"):
        return True
    return len(a) == len(b) > 6 and a[:-3] == b[:-3] and {a[-3:], b[-3:]} == {"sis", "tic"}


def _head(words: list[str]) -> tuple[str, ...]:
    cut = next((n for n, w in enumerate(words) if w in _PREPOSITIONS and n), len(words))
    words = words[:cut]
    if not words:
        return ()
    if words[-1] in GENERAL:
        return tuple(words[-2:]) if len(words) >= 2 else ()
    return (words[-1],)


def proper(name: str) -> str:
    """A name without its explanations: "Kidney transplant" of "Kidney transplant:
    preventing rejection", 造血干细胞移植前的预处理 of 造血干细胞（骨髓）移植前的预处理."""
    bare = _PARENTHESES.sub("", name)
    return re.split(r"[:：]", bare, maxsplit=1)[0].strip()


def phrases(name: str) -> list[str]:
    """The phrases of a name: its proper name's parts, then its explanations'."""
    return _parts(proper(name)) + explanations(name)


def explanations(name: str) -> list[str]:
    """The phrases of what a name says besides its proper name: in parentheses
    ("patchy hair loss"), after a colon ("preventing rejection")."""
    bare = _PARENTHESES.sub(" ", name)
    after = re.split(r"[:：]", bare, maxsplit=1)[1:]
    return [p for part in [*_PARENTHESES.findall(name), *after] for p in _parts(part)]


def _parts(text: str) -> list[str]:
    return [p.strip() for p in _SEPARATORS.split(text) if p.strip()]


def carries(label: str, query: Query) -> bool:
    """Whether ``label`` holds the query as whole words (a Chinese run: as a piece)."""
    if query.cjk:
        return query.cjk in normalize(label)
    return _contains([w for w in name_words(label) if not is_cjk(w[:1])], query.words)


def headed(phrase: str, query: Query) -> bool:
    """Whether ``phrase`` is the same kind of thing as ``query``: it ends with the
    query's head (in Chinese: they end alike in two characters or more, besides a
    general ending such as 综合征)."""
    if query.cjk:
        return _common_end(normalize(phrase), query.cjk)
    head = query.head()
    if not head:
        return False
    theirs = [w for w in name_words(phrase) if not is_cjk(w[:1])]
    cut = next((n for n, w in enumerate(theirs) if w in _PREPOSITIONS and n), len(theirs))
    words = theirs[:cut]
    if len(words) < len(head):
        return False
    return all(same_word(a, b) for a, b in zip(words[-len(head) :], head, strict=True))


def _common_end(a: str, b: str) -> bool:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    end = a[len(a) - n :]
    if n < min(MIN_CJK, len(b)) or not all(map(is_cjk, end)):  # b: the query's
        return False
    return not any(end == g or (g.endswith(end)) for g in GENERAL_CJK)


def names_of(summary: "Summary") -> list[str]:
    """The article's own names, English and Chinese (never its aliases)."""
    return [n for n in (summary.names.get("en"), summary.names.get("zh")) if n]


def carriers(index: "Index", query: Query) -> list[tuple[int, str]]:
    """Articles a name of which holds ``query`` as whole words, each with its
    rank: 0 a phrase of its own name is that kind of thing (肾移植 for 移植), 1 its
    own name holds the word, 2 only an alias does (移植后高血压 of high blood
    pressure). Best first, a side effect after a use, then by id."""
    labels = {
        (article_id, label)
        for kind, article_id, label in index.labels_containing(query.fragment())
        if not kind
    }
    found = {article_id for article_id, label in labels if carries(label, query)}
    if not found:
        return []
    ranked = []
    for summary in index.summaries(sorted(found)):
        names = names_of(summary)
        if any(headed(p, query) and carries(p, query) for n in names for p in phrases(n)):
            rank = 0
        elif any(carries(n, query) for n in names):
            rank = 1
        else:
            rank = 2
        ranked.append((rank, summary.status == "adverse-effect", summary.id))
    return [(rank, article_id) for rank, _, article_id in sorted(ranked)]


def named_by(summary: "Summary", query: Query) -> bool:
    """Whether the article's proper name (en or zh) holds the query: a word that
    only one article's names hold opens it when it is in its name ("diabetes",
    糖尿病), not when an explanation or alias holds it ("hair loss")."""
    return any(carries(proper(n), query) for n in names_of(summary))


def near(
    summaries: Sequence["Summary"], query: Query, most: int, same_kind: bool = True
) -> list["Summary"]:
    """Articles of the same kind as a name tacref has no article on (another
    transplant for "pancreas transplant"; not with ``same_kind`` False), and those
    whose proper name the query holds ("psoriatic arthritis": psoriasis); never an
    article that only shares letters or one Chinese character with it, nor a side
    effect of another organ or the opposite one ("liver damage": kidney damage;
    "low potassium": high potassium)."""
    within, kind = [], []
    for s in summaries:
        names = names_of(s)
        if any(_holds(query, proper(n)) for n in names):
            within.append(s)
        elif same_kind and (_kind_of(s, names, query) or _explained(names, query)):
            kind.append(s)
    return [*within, *kind][:most]


def _kind_of(summary: "Summary", names: list[str], query: Query) -> bool:
    """Whether a phrase of the article's proper name is the query's kind (a use:
    a side effect of another organ, or the opposite one, is not near it)."""
    if summary.status == "adverse-effect":
        return False
    return any(headed(p, query) for n in names for p in _parts(proper(n)))


def _explained(names: list[str], query: Query) -> bool:
    """Whether what the article's name explains ends with the whole query."""
    return any(_ends_with(p, query) for n in names for p in explanations(n))


def _ends_with(phrase: str, query: Query) -> bool:
    """Whether an explanation ends with the whole query ("patchy hair loss" for
    "hair loss"; not "nerve damage" for "liver damage")."""
    if query.cjk:
        return normalize(phrase).endswith(query.cjk)
    words = [w for w in name_words(phrase) if not is_cjk(w[:1])]
    n = len(query.words)
    return n <= len(words) and _contains(words[-n:], query.words)


def _holds(query: Query, name: str) -> bool:
    """Whether the query holds all of ``name`` (a whole name of another article)."""
    if query.cjk:
        key = normalize(name)
        return len(key) >= MIN_CJK and all(map(is_cjk, key)) and key in query.cjk
    words = [w for w in name_words(name) if not is_cjk(w[:1])]
    if not words or not query.words:
        return False
    return _contains(query.words, words)


def _contains(words: Sequence[str], part: Sequence[str]) -> bool:
    n = len(part)
    return any(
        all(same_word(a, b) for a, b in zip(words[i : i + n], part, strict=True))
        for i in range(len(words) - n + 1)
    )
