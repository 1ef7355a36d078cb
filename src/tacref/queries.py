"""What each command asks of the index, returning model objects."""

import re
from collections.abc import Collection, Sequence

from tacref.errors import Ambiguous, IsCondition, IsProduct, NotFound, UsageError
from tacref.index import Index, Match
from tacref.model import (
    EFFECTS,
    FORMS,
    SEVERITIES,
    Article,
    Interaction,
    Product,
    Related,
    SideEffect,
    Summary,
)
from tacref.names import is_cjk, normalize, words
from tacref.record import Record
from tacref.sanitize import user_text

MAX_QUERY = 200  # characters of a name or search query that are looked at
Wanted = str | Collection[str] | None  # a filter: one value, several, or none (all pass)


def _wanted(value: Wanted) -> frozenset[str] | None:
    if value is None:
        return None
    return frozenset([value] if isinstance(value, str) else value)


def _form_ids(value: Wanted) -> frozenset[str] | None:
    """Form ids, a route standing for its forms."""
    wanted = _wanted(value)
    if wanted is None:
        return None
    return frozenset(f for f, route in FORMS.items() if f in wanted or route in wanted)


def resolve(index: Index, query: str) -> str:
    """The id of the one condition ``query`` names: exact beats prefix, and a name
    as written beats its pinyin or traditional spelling."""
    query = user_text(query, MAX_QUERY)
    key = index.key(query)
    if not key:
        raise UsageError("the condition name is empty", "try 'tacref list'")
    exact = index.ids_for_key(key)
    if len(exact) > 1:
        by_id = [i for i in exact if normalize(i) == key]  # an id beats another's alias
        if len(by_id) == 1:
            return by_id[0]
        raise _ambiguous(index, query, exact)
    for found in (
        exact,
        index.alt_ids_for_key("", key),
        {i for i, _ in index.names_with_prefix(key)},
        {i for i, _ in index.alt_names_with_prefix("", key)},
    ):
        if len(found) == 1:
            return found.pop()
        if found:
            raise _ambiguous(index, query, found)
    product = index.item_ids_for_key("product", key) or index.alt_ids_for_key("product", key)
    if len(product) == 1:
        raise IsProduct(query, product.pop())
    raise not_found(index, query)


def _ambiguous(index: Index, query: str, ids: Collection[str], kind: str = "") -> Ambiguous:
    """Several conditions (or items of ``kind``) match: each with its names, so the
    error can list them in the reader's language (系统性红斑狼疮, 狼疮性肾炎)."""
    ordered = tuple(sorted(ids))
    records = index.items(kind, list(ordered)) if kind else index.summaries(ordered)
    return Ambiguous(query, ordered, {r.id: dict(r.names) for r in records})


def command_for(index: Index, words: Sequence[str]) -> str | None:
    """The command that shows what ``words`` name, with the name: "show
    vitiligo" (a condition, or a misspelling of one), "forms prograf" (a
    product), "interactions fluconazole" (a drug, herb or food); else None."""
    typed = " ".join(words)
    if not normalize(typed):
        return None
    try:
        resolve(index, typed)
        return f"show {typed}"
    except IsProduct:
        return f"forms {typed}"
    except NotFound as exc:
        if exc.suggestions:
            return f"show {exc.suggestions[0]}"
    except (Ambiguous, UsageError):
        return None
    key = index.key(typed)
    if len(index.item_ids_for_key("agent", key) or index.alt_ids_for_key("agent", key)) == 1:
        return f"interactions {typed}"
    return None


def not_found(index: Index, query: str) -> NotFound:
    """A condition name that matched nothing: its misspelling's corrections, or,
    when it is not a misspelling, what tacref has near it."""
    from tacref import unknown

    known = unknown.Known(index)
    suggestions = unknown.typo_suggestions(query, _names(index), known)
    if suggestions:
        return NotFound(query, suggestions)
    return NotFound(query, coverage=unknown.coverage(index, query, known))


def resolve_item(index: Index, kind: str, query: str) -> str:
    """The id of the one item of ``kind`` ("product", "agent") that ``query`` names
    (a name, brand or alias): exact beats prefix; a condition's name says where to
    look instead."""
    what = {"product": "product", "agent": "agent"}[kind]
    query = user_text(query, MAX_QUERY)
    key = index.key(query)
    if not key:
        raise UsageError(f"the {what} name is empty", f"try 'tacref {_COMMAND[kind]}'")
    for found in (
        index.item_ids_for_key(kind, key),
        index.alt_ids_for_key(kind, key),
        {i for i, _ in index.item_names_with_prefix(kind, key)},
        {i for i, _ in index.alt_names_with_prefix(kind, key)},
    ):
        if len(found) == 1:
            return found.pop()
        if found:
            raise _ambiguous(index, query, found, kind)
    condition = index.ids_for_key(key)
    if kind == "product" and len(condition) == 1:
        raise IsCondition(query, condition.pop())
    from tacref import unknown

    names = {k: (i, label) for k, i, label in index.all_item_names(kind)}
    suggestions = unknown.typo_suggestions(query, names, unknown.Known(index))
    raise NotFound(query, suggestions, what=what)


_COMMAND = {"product": "forms", "agent": "interactions"}


def product(index: Index, query: str) -> Product:
    found = index.items("product", [resolve_item(index, "product", query)])
    if not found:
        raise NotFound(query, what="product")
    return found[0]


def interactions(index: Index, effect: Wanted = None, severity: Wanted = None) -> list[Interaction]:
    """Every interaction card that passes the filters (each: one value or
    several, any of which passes): grouped by effect, the most serious first,
    then by name."""
    effects, severities = _wanted(effect), _wanted(severity)
    rows = [
        i
        for i in index.items("agent")
        if (effects is None or i.effect in effects)
        and (severities is None or i.severity in severities)
    ]
    return sorted(
        rows,
        key=lambda i: (EFFECTS.index(i.effect), SEVERITIES.index(i.severity), i.id),
    )


def agents(index: Index, words: Sequence[str]) -> list[Interaction]:
    """The cards for ``words``: each agent named by one word or by several in a
    row (``st johns wort``, unquoted, is one agent); each once."""
    ids: dict[str, None] = {}
    i = 0
    while i < len(words):
        for j in range(min(len(words), i + 6), i + 1, -1):  # the longest name first
            key = index.key(" ".join(words[i:j]))
            found = index.item_ids_for_key("agent", key) or index.alt_ids_for_key("agent", key)
            if len(found) == 1:
                ids[found.pop()] = None
                i = j
                break
        else:
            ids[resolve_item(index, "agent", words[i])] = None
            i += 1
    by_id = {a.id: a for a in index.items("agent", list(ids))}
    return [by_id[i] for i in ids if i in by_id]


def products(index: Index) -> list[Product]:
    """Every product: those taken by mouth or infusion first (in the order of their
    forms), then the ointment, then eye preparations."""
    order = list(FORMS)
    return sorted(
        index.items("product"), key=lambda p: (min(order.index(f) for f in p.forms), p.id)
    )


def side_effects(
    index: Index, query: str, form: Wanted = None
) -> tuple[Article | Product, list[SideEffect]]:
    """The side-effect rows for a condition (its merged table) or a product (its
    route's profile), keeping only rows of the routes of ``form`` (form ids or routes)."""
    forms = _form_ids(form)
    routes = None if forms is None else {FORMS[f] for f in forms}
    try:
        subject: Article | Product = article(index, query)
        rows = list(subject.side_effects)
    except IsProduct:
        subject = product(index, query)
        profiles = (index.profile(r) for r in subject.routes)
        rows = [row for p in profiles if p is not None for row in p.effects]
    return subject, [r for r in rows if routes is None or r.form in routes]


def suggest(index: Index, query: str, n: int = 3) -> tuple[str, ...]:
    """Names ``query`` (which matched nothing) is a misspelling of, one per condition."""
    from tacref import unknown

    return unknown.typo_suggestions(query, _names(index), unknown.Known(index), n)


def suggest_for_search(index: Index, text: str) -> tuple[str, ...]:
    """For a search that found nothing: the names it, or a word of it, is a
    misspelling of."""
    from tacref import unknown

    terms = words(user_text(text, MAX_QUERY))
    if not terms:
        return ()
    names, known = _names(index), unknown.Known(index)
    found = dict.fromkeys(unknown.typo_suggestions(" ".join(terms), names, known))
    for word in terms[:5]:
        if len(normalize(word)) >= 3:
            found.update(dict.fromkeys(unknown.typo_suggestions(word, names, known)))
    return tuple(found)[:3]


def _names(index: Index) -> dict[str, tuple[str, str]]:
    """Every name's key, with its (id, label)."""
    return {k: (article_id, label) for k, article_id, label in index.all_names()}


def article(index: Index, query: str) -> Article:
    return index.article(resolve(index, query))  # CorruptIndex if the names and bodies disagree


def related(index: Index, query: str) -> tuple[Article, list[tuple[Related, Summary]]]:
    """The article and each related condition that exists, with the reason."""
    a = article(index, query)
    by_id = {s.id: s for s in index.summaries([r.id for r in a.related])}
    return a, [(r, by_id[r.id]) for r in a.related if r.id in by_id]


def list_conditions(
    index: Index,
    lang: str,
    category: Wanted = None,
    status: Wanted = None,
    form: Wanted = None,
) -> list[Summary]:
    """Every condition that passes the filters, sorted by name in ``lang``. Each
    filter is one value or several (any of them passes); ``form``: form ids
    (``ointment-0.1``) or routes (``topical``, ``systemic``)."""
    categories, statuses, forms = _wanted(category), _wanted(status), _form_ids(form)
    rows = [
        s
        for s in index.summaries()
        if (categories is None or s.category in categories)
        and (statuses is None or s.status in statuses)
        and (forms is None or not forms.isdisjoint(s.forms))
    ]
    if lang.startswith("zh"):  # by pinyin, as a Chinese reader looks a name up
        return sorted(rows, key=lambda s: (s.pinyin or s.name(lang), s.name(lang), s.id))
    return sorted(rows, key=lambda s: (s.name(lang).casefold(), s.id))


class Hit(Record):
    """One search result: the condition (or product) and where the query was found."""

    summary: Summary | Product | Interaction
    lang: str
    field: str
    snippet: tuple[str, str, str]  # before, match, after


def search(index: Index, text: str, limit: int = 20) -> list[Hit]:
    """Products and interaction cards named by ``text``, then conditions matching it:
    names and aliases first, then article text."""
    terms = words(user_text(text, MAX_QUERY))
    if not terms:
        raise UsageError("the search text is empty", "try 'tacref search \"burning skin\"'")
    by_name: dict[str, str] = {}
    by_item: dict[tuple[str, str], str] = {}  # products and interaction cards, by name
    key = normalize("".join(terms))
    if key:
        for article_id, label in index.names_with_prefix(key):
            by_name.setdefault(article_id, label)
        for kind in ("product", "agent"):
            for item_id, label in index.item_names_with_prefix(kind, key):
                by_item.setdefault((kind, item_id), label)
    best: dict[str, Match] = {}  # the best language of each article, best article first
    for m in index.matches(terms, 2 * limit):
        if m.article not in by_name:
            best.setdefault(m.article, m)
    if not (by_name or by_item or best) and _is_cjk(key):
        by_name, by_item = _names_within(index, key)
    chosen = [*list(by_name)[:limit], *list(best)[: max(0, limit - len(by_name))]]
    summaries = {s.id: s for s in index.summaries(chosen)}
    hits = [
        Hit(item, "", "names", ("", by_item[kind, item.id], ""))
        for kind in ("product", "agent")
        for item in index.items(kind, [i for k, i in by_item if k == kind])
    ][:limit]
    for article_id in chosen[: limit - len(hits)]:
        if article_id not in summaries:
            continue
        if article_id in by_name:
            hits.append(Hit(summaries[article_id], "", "names", ("", by_name[article_id], "")))
        else:
            m = best[article_id]
            field, text = _best_section(index.sections(m), terms)
            hits.append(Hit(summaries[article_id], m.lang, field, _snippet(text, terms)))
    return hits


def _names_within(index: Index, key: str) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Names (of conditions, products and interaction cards) that stand inside an
    unspaced Chinese question ("他克莫司能和西柚一起吃吗" holds 西柚); a name inside a
    longer one found too is left out. Only when nothing else matched."""
    rows = [("condition", *r) for r in index.all_names()]
    rows += [(kind, *r) for kind in ("product", "agent") for r in index.all_item_names(kind)]
    inside = [(k, kind, i, label) for kind, k, i, label in rows if len(k) >= 2 and k in key]
    keys = {k for k, *_ in inside}
    kept = [r for r in inside if not any(r[0] != o and r[0] in o for o in keys)]
    kept.sort(key=lambda r: -len(r[0]))
    names = {i: label for _, kind, i, label in kept if kind == "condition"}
    items = {(kind, i): label for _, kind, i, label in kept if kind != "condition"}
    return names, items


def _best_section(sections: Sequence[tuple[str, str]], terms: Sequence[str]) -> tuple[str, str]:
    """The section holding the most terms as whole words, then as word starts, then
    by stem (the index matched the whole article, by stem, and its terms may be
    spread over several sections); the first of equals. Substring tests first: a
    regex only where they pass."""
    words = {w.lower() for term in terms for w in re.findall(r"\w+", term)}
    best, best_score = sections[0], (0, 0, 0)
    for section in sections:
        text = section[1].lower()
        present = [w for w in words if w in text]
        whole = sum(_has(text, w, whole=True) for w in present)
        if whole == len(words):  # nothing can do better
            return section
        stems = sum(_has(text, s) for s in map(_stem, words) if s in text)
        if (whole, len(present), stems) > best_score:
            best, best_score = section, (whole, len(present), stems)
    if best_score == (0, 0, 0):  # matched in a form the tests above miss: show text
        return next((s for s in sections if s[0] != "names"), best)
    return best


def _stem(word: str) -> str:
    """A crude English stem, only to see where the index's Porter stem matched
    ("burned" is found as "burn", in "burning")."""
    if word.isascii() and word.isalpha():
        for suffix in ("ing", "ed", "es", "s", "ly", "er"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                return word[: -len(suffix)]
    return word


def _has(text: str, word: str, whole: bool = False) -> bool:
    return _word_at(text, word, whole) is not None


def _word_at(text: str, word: str, whole: bool, flags: int = 0) -> re.Match[str] | None:
    """``word`` at the start of a word of ``text`` (the whole word if ``whole``);
    Chinese anywhere, as it has no spaces."""
    if _is_cjk(word):
        return re.search(re.escape(word), text, flags)
    return re.search(rf"(?<!\w){re.escape(word)}" + (r"(?!\w)" if whole else ""), text, flags)


def _find(text: str, terms: Sequence[str]) -> re.Match[str] | None:
    """The first query term found in ``text``, in query order: whole words, then
    word starts ("PRES" itself before the "pres" of "pressure"), then stems."""
    words = [w for term in terms for w in (term, *re.findall(r"\w+", term))]
    for candidates, whole in ((words, True), (words, False), (map(_stem, words), False)):
        for word in candidates:
            found = _word_at(text, word, whole, re.IGNORECASE)
            if found:
                return found
    return None


def _snippet(text: str, terms: Sequence[str], width: int = 40) -> tuple[str, str, str]:
    """The text around the first query term found; the window is widened to whole words."""
    found = _find(text, terms)
    pos, end = (found.start(), found.end()) if found else (0, 0)
    start = pos - width
    while start > 0 and not text[start - 1].isspace() and not _is_cjk(text[start - 1]):
        start -= 1  # do not cut a word in two
    stop = end + width
    while stop < len(text) and not text[stop].isspace() and not _is_cjk(text[stop]):
        stop += 1
    start = max(0, start)
    return (
        ("…" if start > 0 else "") + " ".join(text[start:pos].split(" ")).replace("\n", " "),
        text[pos:end],
        text[end:stop].replace("\n", " ") + ("…" if stop < len(text) else ""),
    )


def _is_cjk(text: str) -> bool:
    return bool(text) and is_cjk(text[0])


def counts(index: Index) -> tuple[dict[str, int], dict[str, int]]:
    """How many conditions each category and each status has: only those that
    have some, in the order of their definition."""
    from tacref.model import CATEGORIES, STATUSES

    rows = index.summaries()
    by_category = {c: sum(s.category == c for s in rows) for c in CATEGORIES}
    by_status = {st: sum(s.status == st for s in rows) for st in STATUSES}
    return {c: n for c, n in by_category.items() if n}, {st: n for st, n in by_status.items() if n}
