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

import re
from collections.abc import Sequence

from tacref.errors import TacrefError, UsageError
from tacref.index import Index
from tacref.model import SideEffect
from tacref.names import close_matches, is_cjk, symptom_key
from tacref.record import Record
from tacref.sanitize import user_text

TIERS = ("next-visit", "today", "emergency")  # least to most urgent
UNKNOWN = "not-known"
MAX_QUERY = 200
SEVERITY_CHARS = "剧猛狂急暴烈重厉极突骤"  # a typo reading that drops one must not sound milder


class Finding(Record):
    """One symptom found in the question: the words that named it and its row."""

    words: str  # as the vocabulary has them
    row: SideEffect
    tier: str  # the row's urgency, maybe raised
    raised_by: str  # the intensifier, or the other symptom's words, that raised it, or ""
    articles: tuple[str, ...]  # adverse-effect articles about it


class Answer(Record):
    query: str
    tier: str  # the most urgent of the findings
    findings: tuple[Finding, ...]
    read_as: str = ""  # a typo's correction, when the question was read as another word


class UnknownSymptom(TacrefError):
    def __init__(self, query: str, suggestions: Sequence[str]) -> None:
        hint = f"did you mean: {', '.join(suggestions)}?" if suggestions else ""
        super().__init__(
            f"tacref does not know {query!r} as a side effect of tacrolimus",
            (hint + " " if hint else "")
            + "ask your doctor or pharmacist; if you feel very unwell, get urgent help",
        )
        self.query = query
        self.suggestions = tuple(suggestions)


def check(index: Index, text: str) -> Answer:
    query = user_text(text, MAX_QUERY)
    key = symptom_key(query)
    if not key:
        raise UsageError("the symptom is empty", "try 'tacref symptom tremor'")
    vocabulary = index.symptom_words()
    lay = {
        (k, route, row, "" if kind == "lay" else kind)
        for k, kind, route, row in vocabulary
        if kind != "more" and route and row
    }
    keys = {k for k, _, _, _ in lay}
    more = [k for k, kind, _, _ in vocabulary if kind == "more"]
    found = _longest(_spans(key, keys))
    read_as = ""
    if found:  # an intensifier inside a matched phrase is part of it ("vision getting worse")
        raised_by = _intensifier(key, more, found)
    else:  # a word of a phrase ("bruising": "bruising easily"), or a typo
        wider = _containing(key, keys) or _typos(key, keys)
        if not wider:
            raise UnknownSymptom(query, _close_words(index, key, keys))
        found = [(0, len(k), k) for k in wider]
        read_as = ", ".join(wider)
        raised_by = _intensifier(key, [m for m in more if not any(_span(w, m) for w in wider)])
        raised_by = raised_by or _dropped_severity(key, wider)
    findings = _findings(index, found, lay, raised_by)
    if len(findings) > 1:
        findings = _together(findings, index.symptom_pairs(), _said(key, found, lay))
    if not findings:  # the vocabulary and the profiles disagree: a broken index
        raise UnknownSymptom(query, ())
    tier = max((f.tier for f in findings), key=TIERS.index)
    return Answer(query, tier, tuple(findings), read_as)


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


def _dropped_severity(key: str, readings: list[str]) -> str:
    """The characters a typo reading left out when one of them says how severe
    (肚子剧痛 read as 肚子痛 drops 剧): the reading must not sound milder."""
    dropped = "".join(c for c in key if is_cjk(c) and all(c not in r for r in readings))
    return dropped if any(c in SEVERITY_CHARS for c in dropped) else ""


def _findings(
    index: Index,
    found: list[tuple[int, int, str]],
    lay: set[tuple[str, str, str, str]],
    raised_by: str,
) -> list[Finding]:
    rows: dict[tuple[str, str], tuple[str, str]] = {}  # (route, row) -> (words, least tier)
    for _, _, words in found:
        for k, route, row, floor in sorted(lay):
            if k == words:
                named, least = rows.get((route, row), (words, ""))
                if _more_urgent(least, floor) != least:  # name what set the tier
                    named, least = words, floor
                rows[(route, row)] = (named, least)
    profiles = {route: index.profile(route) for route, _ in rows}
    findings = []
    for (route, row_id), (words, least) in rows.items():
        profile = profiles[route]
        row = next((r for r in profile.effects if r.id == row_id), None) if profile else None
        if row is None:  # the vocabulary and the profile disagree: a broken index
            continue
        own = _more_urgent(row.urgency, least)
        tier = _raised(own) if raised_by else own
        articles = tuple(index.lead_articles(route, row_id))
        findings.append(Finding(words, row, tier, raised_by if tier != own else "", articles))
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
    text: str, found: list[tuple[int, int, str]], lay: set[tuple[str, str, str, str]]
) -> dict[str, set[str]]:
    """'route/row' -> the words that named it and were not denied ("no fever")."""
    said: dict[str, set[str]] = {}
    for start, _, k in found:
        if not _denied(text, start):
            for word, route, row, _ in lay:
                if word == k:
                    said.setdefault(f"{route}/{row}", set()).add(k)
    return said


def _counts(said: dict[str, set[str]], side: str, words: str) -> bool:
    named = said.get(side, set())
    return bool(named and (not words or named & set(words.split("\n"))))


_CLAUSE = re.compile(r"[,，;；.。!！?？、]|\bbut\b|但")
_NEGATORS = {"no", "not", "without", "never", "don't", "dont", "doesn't", "didn't", "haven't"}
_FILLERS = {"a", "an", "any", "have", "had", "got", "get", "feel", "feeling"}


def _denied(text: str, start: int) -> bool:
    """Whether the words at ``start`` are denied in their clause: "no fever",
    "without a headache", 没发烧, 没有头痛, 不发烧. Only pairs heed it: a denial
    misread costs a less urgent answer, so a match alone still counts."""
    clause = _CLAUSE.split(text[:start])[-1].rstrip()
    if clause.endswith(("没", "没有", "无", "不")):
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


def _pattern(key: str) -> re.Pattern[str]:
    """``key`` as a whole phrase: Latin words not inside longer words; CJK anywhere."""
    body = re.escape(key)
    start = "" if is_cjk(key[0]) else r"(?<![^\W_])"
    end = "" if is_cjk(key[-1]) else r"(?![^\W_])"
    return re.compile(start + body + end)


def _longest(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Drop a match that lies inside a longer one ("headache" in "sudden severe headache")."""
    spans.sort(key=lambda s: (s[0] - s[1], s[0]))  # longest first
    kept: list[tuple[int, int, str]] = []
    for start, end, k in spans:
        if not any(a <= start and end <= b for a, b, _ in kept):
            kept.append((start, end, k))
    return sorted(kept)


def _containing(key: str, keys: set[str], limit: int = 6) -> list[str]:
    """Phrases that hold the whole question as a word or words (CJK: two characters
    or more), shortest first."""
    if len(key) < (2 if is_cjk(key[0]) else 4):
        return []
    pattern = _pattern(key)
    return sorted((k for k in keys if key in k and pattern.search(k)), key=len)[:limit]


def _typos(key: str, keys: set[str]) -> list[str]:
    """The vocabulary words a one-word question may be a misspelling of: all of
    them, so that the answer is the most urgent ("diarrea": diarrhea, diarrhoea).

    Never for several English words: "swollen throat" is close to "sore throat",
    and a guess must not make a symptom sound less urgent than it is."""
    if len(key) < 4 or len(key) > 40 or " " in key:
        return []
    return close_matches(key, keys, n=3, cutoff=0.8)


def _close_words(index: Index, key: str, keys: set[str]) -> list[str]:
    """Did-you-mean: the words the question is a misspelling of, never another
    symptom ("liver pain" is not a misspelling of "leg pain")."""
    from tacref.unknown import Known, typo_suggestions

    if len(key) > 40:
        key = key[:40]
    candidates = {k: (k, k) for k in keys if abs(len(k) - len(key)) <= 6}
    return list(typo_suggestions(key, candidates, Known(index, keys)))
