"""What each command asks of the index, returning model objects."""

from collections.abc import Collection, Sequence
from itertools import accumulate, pairwise
from typing import Any

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
from tacref.names import (
    ENDINGS,
    NEAR_WORDS,
    OPENINGS,
    OWN_WORDS,
    PARTICLES,
    SAME_WORDS,
    STOP_WORDS,
    cjk_runs,
    clean_query,
    has_kana,
    is_cjk,
    normalize,
    words,
)
from tacref.record import Record
from tacref.sanitize import user_text

MAX_QUERY = 200  # characters of a name or search query that are looked at
Wanted = str | Collection[str] | None  # a filter: one value, several, or none (all pass)
# Articles an ambiguity lists (the likeliest first); more are counted and left to
# search: every transplant article and the side effects that name a transplant fit.
MAX_OFFERED = 12


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
    for found in (exact, index.alt_ids_for_key("", key)):
        if len(found) == 1:
            return found.pop()
        if found:
            raise _ambiguous(index, query, found)
    if (by_word := _by_word(index, query)) is not None:
        return by_word
    for found in (
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


def _by_word(index: Index, query: str) -> str | None:
    """The article a word (or words) of ``query`` names: a word several articles'
    names hold offers them all, those that are that kind of thing first ("transplant",
    移植: the kidney, liver, heart... transplant articles, before post-transplant
    diabetes); a word one article's own name holds opens it ("diabetes", 糖尿病)."""
    from tacref import heads

    words = heads.Query(query)
    if not words.usable:
        return None
    if words.cjk:
        words.cjk = index.key(words.cjk)  # traditional characters fold to the names'
    ranked = heads.carriers(index, words)
    if len(ranked) > 1:
        raise _ambiguous(index, query, [i for _, i in ranked], ordered=True)
    if ranked and any(heads.named_by(s, words) for s in index.summaries([ranked[0][1]])):
        return ranked[0][1]
    return None


def _ambiguous(
    index: Index, query: str, ids: Collection[str], kind: str = "", ordered: bool = False
) -> Ambiguous:
    """Several conditions (or items of ``kind``) match: each with its names, so the
    error can list them in the reader's language (系统性红斑狼疮, 狼疮性肾炎);
    ``ordered``: in the order given (the likeliest first), else by id; at most
    MAX_OFFERED of them, with how many more there are."""
    every = tuple(ids) if ordered else tuple(sorted(ids))
    shown = every[:MAX_OFFERED]
    records = index.items(kind, list(shown)) if kind else index.summaries(shown)
    names = {r.id: dict(r.names) for r in records}
    return Ambiguous(query, shown, names, more=len(every) - len(shown))


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
    # A form's word alone (软膏, 胶囊, capsules) names the product "tacrolimus <word>".
    generic = index.key(("他克莫司" if any(map(is_cjk, key)) else "tacrolimus ") + query)
    for found in (
        index.item_ids_for_key(kind, key),
        index.alt_ids_for_key(kind, key),
        index.item_ids_for_key(kind, generic) if kind == "product" else set(),
        {i for i, _ in index.item_names_with_prefix(kind, key)},
        {i for i, _ in index.alt_names_with_prefix(kind, key)},
        _ending_with(index, kind, key),
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


def _ending_with(index: Index, kind: str, key: str) -> set[str]:
    """Items of ``kind`` a Chinese or Japanese name of which ends with ``key``
    (軟膏: タクロリムス軟膏): the form's word ends the name, as 'ointment' does."""
    if not any(map(is_cjk, key)):
        return set()
    return {i for k, i, _ in index.all_item_names(kind) if k.endswith(key)}


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
            ids.update(dict.fromkeys(_agents_asked(index, words[i])))
            i += 1
    by_id = {a.id: a for a in index.items("agent", list(ids))}
    return [by_id[i] for i in ids if i in by_id]


def _agents_asked(index: Index, word: str) -> list[str]:
    """The agent ``word`` names, or, for a Chinese question (西柚汁能喝吗), the
    agents its words name once its particles are left out as search leaves them;
    else NotFound (what is not in the list is not safe)."""
    try:
        return [resolve_item(index, "agent", word)]
    except NotFound:
        typed = clean_query(user_text(word, MAX_QUERY))
        if not any(map(is_cjk, typed)):
            raise
        found: list[str] = []
        for term in query_words(index, index.simplified(typed)):
            key = index.key(term)
            named = index.item_ids_for_key("agent", key) or index.alt_ids_for_key("agent", key)
            if len(named) == 1:
                found += named
        if not found:
            raise
        return found


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


def suggest_for_search(
    index: Index, text: str, results: "Results | None" = None
) -> tuple[str, ...]:
    """For a search that found nothing, or a word no article holds: the names
    it, or a word of it, is a misspelling of. With ``results``, a name the query
    already holds as typed corrects nothing (vitiligo xylophone: ranked by the
    most words, not "did you mean: vitiligo")."""
    from tacref import unknown

    terms = words(user_text(text, MAX_QUERY))
    if not terms:
        return ()
    names, known = _names(index), unknown.Known(index)
    found = dict.fromkeys(unknown.typo_suggestions(" ".join(terms), names, known))
    for word in terms[:5]:
        if len(normalize(word)) >= 3:
            found.update(dict.fromkeys(unknown.typo_suggestions(word, names, known)))
    if results is not None and results.hits:
        typed = {normalize(w) for w in results.words if w not in results.missing}
        found = {s: None for s in found if normalize(s.replace("-", " ")) not in typed}
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
    snippet: tuple[str, ...]  # text and the query's words in it, alternating: text first
    found: tuple[str, ...] = ()  # the query's words this result holds


class Results(Record):
    """What a search found: the first hits, and how many there are."""

    hits: tuple[Hit, ...]
    total: int  # results there are; ``hits`` holds at most --limit of them
    words: tuple[str, ...]  # the words looked for (stop words and particles left out)
    every_word: bool  # each hit holds every word (else: ranked by how many it holds)
    missing: tuple[str, ...] = ()  # words no article holds
    uncovered: NotFound | None = None  # the words name something tacref has no article on


MAX_NGRAM = 5  # words of a query looked up together as one name ("lupus nephritis")
MAX_NAME = 40  # letters of a name, half as many Chinese characters (造血干细胞移植前的预处理: 12)
RANKED = 40  # articles bm25 finds first, ranked again by where their words meet


def search(index: Index, text: str, limit: int = 20) -> Results:
    """Products and interaction cards named by ``text``, then conditions: those
    named by it (or by some of its words) first, then those whose text holds
    every word; when none holds every word, those holding the most of them."""
    typed = clean_query(user_text(text, MAX_QUERY))
    if not words(typed):
        raise UsageError("the search text is empty", "try 'tacref search \"burning skin\"'")
    asked = typed  # as typed: said so when tacref has no article on it
    if any(map(is_cjk, typed)):
        typed = index.simplified(typed)
    terms = query_words(index, typed)
    by_name, by_item = _named(index, typed, terms)
    every, missing = True, ()
    pool = max(2 * limit, RANKED)  # the first of --limit 5 are those of --limit 20
    found = index.matches(terms, pool) if terms else []
    if terms and not found and len(terms) > 1:
        every = False
        found = index.matches(terms, pool, any_term=True)
    best: dict[str, Match] = {}  # the best language of each article, best article first
    for m in found:
        if m.article not in by_name:
            best.setdefault(m.article, m)
    read: dict[str, list[tuple[str, str]]] = {}
    lowered: dict[str, list[str]] = {}  # each section's text in lower case
    chinese = all(_is_cjk(t) for t in terms)

    def sections_of(article_id: str) -> list[tuple[str, str]]:
        if article_id not in read:
            read[article_id] = index.sections(best[article_id])
            lowered[article_id] = [  # Chinese words need no lower case: skip the work
                text if chinese else _lower(text) for _, text in read[article_id]
            ]
        return read[article_id]

    summaries = {s.id: s for s in index.summaries([*by_name, *best])}
    holding = index.holding(terms, [m.rowid for m in best.values()]) if not every else {}
    placed = _Where(terms)
    meets: dict[str, int] = {}  # the section where an article's words meet best

    def rank(kv: tuple[str, Match]) -> tuple[int, ...]:
        """Most words first (when not every one is held), then where they meet
        (``_where``); bm25 (the rarer words) among equals."""
        article_id, m = kv
        where, meets[article_id] = placed(
            summaries.get(article_id), m.lang, sections_of(article_id), lowered[article_id]
        )
        status = summaries[article_id].status if article_id in summaries else ""
        approved = status != "approved"  # an approved use first among equals
        return (-len(holding.get(m.rowid, ())), *where, approved)

    if best and terms:
        best = dict(sorted(best.items(), key=rank))
    if not every:
        seen = {w for ws in holding.values() for w in ws}
        missing = tuple(w for w in terms if w not in seen and not index.knows(w))
    spelled = index.spelled() if by_item else {}  # a name in the reader's characters
    hits = [
        Hit(item, "", "names", _marked(label, [label]), ())
        for kind in ("product", "agent")
        for item in index.items(kind, [i for k, i in by_item if k == kind])
        for label in [spelled.get(by_item[kind, item.id], by_item[kind, item.id])]
    ]
    chosen = [*by_name, *best][: max(0, limit - len(hits))]
    for article_id in chosen:
        if article_id not in summaries:
            continue
        if article_id in by_name:
            hits.append(_name_hit(index, summaries[article_id], by_name[article_id], terms))
        else:
            sections = sections_of(article_id)
            found_in = _found(sections, terms, lowered[article_id])
            shown, shown_found = _in_region(index, best[article_id], sections, found_in, terms)
            field, snippet = _snippet(shown, terms, found=shown_found)
            k = meets.get(article_id, -1)  # where they meet best, if it shows as many
            if (
                k >= 0
                and sections[k][0] != "names"  # the title shows the name already
                and len(found_in[k][2]) >= max(len(f[2]) for f in found_in)
            ):
                field, snippet = _snippet([shown[k]], terms, found=[shown_found[k]])
                head = _headings(summaries[article_id], best[article_id].lang, field)
                if field == "side_effects" and set(terms) <= placed.said(head):
                    row = _first_row(lowered[article_id][k], terms)
                    snippet = _opening(shown[k][1], shown_found[k][2], row)
            held_here = _held(found_in)
            hits.append(
                Hit(summaries[article_id], best[article_id].lang, field, snippet, held_here)
            )
    hits = hits[:limit]
    total = len(hits)
    if len(hits) == limit or len(found) >= pool:
        besides = list(by_name)
        counted = index.count_articles(terms, not every, besides) if terms else 0
        total = max(total, len(by_item) + len(by_name) + counted)
    uncovered = None if by_item else _uncovered(index, typed, asked)
    return Results(tuple(hits), total, tuple(terms), every, missing, uncovered)


def _uncovered(index: Index, typed: str, asked: str) -> NotFound | None:
    """What `show` says of ``typed`` when it is a name of something tacref has
    no article on (of a kind tacref has others of: "pancreas transplant"; "liver
    cancer"): search says it too, before the articles that hold the words. Not
    for a question ("白癜风怎么治疗", "can I drink alcohol": ``_asks``)."""
    key = normalize(typed)
    longest = MAX_NAME // 2 if any(map(is_cjk, key)) else MAX_NAME
    if len(typed.split()) > MAX_NGRAM or len(key) > longest or _asks(index, typed):
        return None
    from tacref import unknown

    if not unknown.names_an_uncovered_kind(index, typed):
        return None
    try:
        resolve(index, typed)
    except NotFound as exc:
        if exc.coverage is not None and exc.coverage.said:
            return NotFound(asked, coverage=exc.coverage)
    except (Ambiguous, IsProduct, UsageError):
        return None
    return None


_IN_NAMES = frozenset({"of", "the", "a", "an", "and", "after", "before", "with", "in"})


def _asks(index: Index, text: str) -> bool:
    """Whether ``text`` holds a question's words (a stop word that is no part of
    a name, such as "can", "how"; a Chinese particle, such as 怎么, 吗)."""
    for token in words(text):
        for run, chinese in cjk_runs(token):
            if not chinese:
                word = _trimmed(run).lower().replace("'", "").replace("\u2019", "")
                if word in STOP_WORDS and word not in _IN_NAMES:
                    return True
                continue
            for same, word in SAME_WORDS:
                run = run.replace(same, word)
            if any(particle for _, particle in _segment(index, run)):
                return True
    return False


def query_words(index: Index, text: str) -> list[str]:
    """The words of a query that a search looks for: Latin words as typed (a
    hyphenated one is one word), each run of Chinese characters cut into the
    words the index knows; stop words and question particles left out, unless
    nothing else is left."""
    kept: list[str] = []
    every: list[str] = []
    for token in words(text):
        for run, chinese in cjk_runs(token):
            if not chinese:
                word = _trimmed(run)
                if word:
                    every.append(word)
                    if word.lower().replace("'", "").replace("\u2019", "") not in STOP_WORDS:
                        kept.append(word)
                continue
            for same, word in SAME_WORDS:
                run = run.replace(same, word)
            for piece, particle in _segment(index, run):
                every.append(piece)
                if particle:
                    continue
                own = next((w for w in OWN_WORDS if piece.startswith(w) and piece != w), "")
                if own:  # 他克莫司软膏 as 他克莫司 软膏: every article is tacrolimus's
                    kept += [own, *_held_pieces(index, piece[len(own) :])]
                else:
                    kept += _held_pieces(index, piece)
    return list(dict.fromkeys(kept or every))


def _held_pieces(index: Index, word: str) -> list[str]:
    """A Chinese word no article holds (胰腺移植), cut into pieces the articles
    do hold (胰腺, 移植), so a search ranks by how many of them an article holds:
    the cut leaving the fewest characters out, then the fewest pieces (胰腺孕妇血压:
    胰腺, 孕妇, 血压, not 孕妇血 and a lone 压); ``word`` itself when it is held or
    no piece is."""
    n = len(word)
    if not 3 <= n <= MAX_CUT or index.knows(word):
        return [word]
    # best[j]: (characters left out, pieces, start of the last piece or -1) for word[:j]
    best: list[tuple[int, int, int]] = [(0, 0, -1)] + [(n + 1, 0, -1)] * n
    for i in range(n):
        left, count, _ = best[i]
        if (left + 1, count) < best[i + 1][:2]:  # word[i] left out
            best[i + 1] = (left + 1, count, -1)
        for j in range(i + 2, min(n, i + MAX_PIECE) + 1):
            if (left, count + 1) < best[j][:2] and (i, j) != (0, n) and index.knows(word[i:j]):
                best[j] = (left, count + 1, i)
    pieces: list[str] = []
    j = n
    while j > 0:
        i = best[j][2]
        if i < 0:
            j -= 1
        else:
            pieces.append(word[i:j])
            j = i
    return pieces[::-1] or [word]


MAX_PIECE = 6  # characters of the longest piece a word no article holds is cut into
MAX_CUT = 24  # characters of the longest such word cut (a bound on the lookups)


def _trimmed(word: str) -> str:
    """``word`` without the punctuation around it ("spreading," is "spreading")."""
    ends = [i for i, c in enumerate(word) if c.isalnum()]
    return word[ends[0] : ends[-1] + 1] if ends else ""


def _segment(index: Index, run: str) -> list[tuple[str, bool]]:
    """A run of Chinese characters cut into words, each with whether it is a
    question particle: first the cut leaving the fewest characters outside the
    words the index knows (``_left_out``), then the fewest pieces; what is left
    between known words is read by ``_stretch``. One lookup of every piece of the
    run up to MAX_WORD long."""
    from tacref.index import MAX_WORD

    n = len(run)
    pieces = {run[i:j] for i in range(n) for j in range(i + 2, min(n, i + MAX_WORD) + 1)}
    known = index.known_words(pieces - PARTICLES) | (pieces & PARTICLES)
    # best[j]: (cost, pieces, start of the last piece) of the best cut of run[:j]
    best: list[tuple[int, int, int]] = [(0, 0, 0)] + [(n * 4 + 1, n + 1, 0)] * n
    for i in range(n):
        cost, count, _ = best[i]
        for j in range(i + 1, n + 1):
            word = run[i:j]
            extra = _left_out(word, word in known)
            if (cost + extra, count + 1) < best[j][:2]:
                best[j] = (cost + extra, count + 1, i)
    cuts = []
    j = n
    while j > 0:
        i = best[j][2]
        cuts.append(run[i:j])
        j = i
    out: list[tuple[str, bool]] = []
    left = ""  # characters between known words
    for piece in reversed(cuts):
        if piece in known:
            out += _stretch(index, left, not out, False)
            out.append((piece, piece in PARTICLES))
            left = ""
        else:
            left += piece
    return out + _stretch(index, left, not out, True)


def _left_out(piece: str, known: bool) -> int:
    """What leaving ``piece`` out of the known words costs a cut: a character
    each, and three more when one character of it is no particle (that one is
    most often part of a word beside it: 副作用 is not 副 + 作用)."""
    if known:
        return 0
    alone = sum(c not in PARTICLES for c in piece) == 1
    return len(piece) + 3 * alone


def _stretch(index: Index, text: str, opens: bool, ends: bool) -> list[tuple[str, bool]]:
    """Characters no known word covers, as words and particles: a question's
    ending (吗, 了) cut from its end, its opening (我) from its start; each other
    particle is part of the word before (or after) it when the articles nearly
    always write the two together (副作用, 功能: 用 and 能 belong to the word;
    副作用的: 的 does not), else a particle."""
    start, end = 0, len(text)
    while opens and start < end and text[start] in OPENINGS:
        start += 1
    while ends and end > start and text[end - 1] in ENDINGS:
        end -= 1
    parts: list[list[str]] = []  # [text, "word" or "particle"]
    for char in text[start:end]:
        kind = "particle" if char in PARTICLES else "word"
        if parts and kind == "word" and parts[-1][1] == "word":
            parts[-1][0] += char
        else:
            parts.append([char, kind])
    for k, part in enumerate(parts):
        if part[1] != "particle":
            continue
        before = parts[k - 1] if k and parts[k - 1][1] == "word" else None
        after = parts[k + 1] if k + 1 < len(parts) and parts[k + 1][1] == "word" else None
        if before and _glued(index, before[0], before[0] + part[0]):
            before[0] += part[0]
            part[1] = ""
        elif after and _glued(index, after[0], part[0] + after[0]):
            after[0] = part[0] + after[0]
            part[1] = ""
    out = [(text[:start], True)] if start else []
    out += [(t, kind == "particle") for t, kind in parts if kind]
    return out + ([(text[end:], True)] if end < len(text) else [])


def _glued(index: Index, word: str, wider: str) -> bool:
    """Do the articles write ``word`` as ``wider`` (nearly) always, or, for one
    character, ever?"""
    held = index.doc_count(word)
    together = index.doc_count(wider) if held else 0
    return together > 0 and (len(word) == 1 or together * 5 >= held * 4)


def _named(
    index: Index, typed: str, terms: Sequence[str]
) -> tuple[dict[str, str], dict[tuple[str, str], str]]:
    """Conditions, and products and interaction cards, that the query names: the
    whole query (or the start of a name: "kid"), or some of its words in a row
    ("...help my vitiligo"); (id: the name that matched), in that order."""
    key = normalize(typed)
    keys = {key: 0} if key else {}
    for n in range(min(MAX_NGRAM, len(terms)), 0, -1):
        for i in range(len(terms) - n + 1):
            keys.setdefault(normalize("".join(terms[i : i + n])), len(keys))
    for k in [k for k in keys if k and is_cjk(k[0])]:  # 软膏: 他克莫司软膏, as ointment is
        keys.setdefault(OWN_WORDS[0] + k, keys[k])
    keys.pop("", None)
    by_name: dict[str, str] = {}
    by_item: dict[tuple[str, str], str] = {}
    if not keys:
        return by_name, by_item
    ranked = sorted(index.names_for_keys(keys), key=lambda r: (keys[r[0]], len(r[2])))
    inside = {k for k, _, _ in ranked}  # a name inside a longer one found is left out
    for k, article_id, label in ranked:
        if not any(k != o and k in o for o in inside):
            by_name.setdefault(article_id, label)
    items = sorted(index.item_names_for_keys(keys), key=lambda r: (keys[r[1]], len(r[3])))
    for kind, _, item_id, label in items:
        by_item.setdefault((kind, item_id), label)
    # The start of a name ("kid", 白癜), unless the query is a name itself or two
    # letters: an abbreviation (SLE, AD) is a whole word, not the start of
    # "sleeplessness" or of a brand (Adoport).
    whole = key in inside or any(k == key for _, k, _, _ in items)
    if len(key) >= (3 if key.isascii() else 2) and not whole:
        for article_id, label in index.names_with_prefix(key):
            by_name.setdefault(article_id, label)
        for kind in ("product", "agent"):
            for item_id, label in index.item_names_with_prefix(kind, key):
                by_item.setdefault((kind, item_id), label)
    return by_name, by_item


class _Where:
    """Where a result's words meet, to sort by (smaller first): the most query
    words in one field (its names; a section with its heading; one question of
    its FAQ with its answer), then the most of those in the heading itself,
    then in the text under it (the table that lists the effects). A
    word in a heading names what the field is about (软膏 and 副作用: the
    ointment's side-effect table); a word only in the text may be incidental
    (副作用 in "the ointment's label does not list this side effect"). Headings
    are few: each is read once per search."""

    def __init__(self, terms: Sequence[str]) -> None:
        self._forms = [  # each term with its near words, lower case, and their stems
            (t, [_forms(w) for w in (t, *NEAR_WORDS.get(t.lower(), ()))]) for t in terms
        ]
        self._said: dict[str, frozenset[str]] = {}  # heading: the terms it says
        self._heads: dict[Any, frozenset[str]] = {}  # (lang, field, ...): terms said

    def __call__(
        self,
        summary: Summary | None,
        lang: str,
        sections: Sequence[tuple[str, str]],
        lowered_texts: Sequence[str] | None = None,
    ) -> tuple[tuple[int, int, int], int]:
        best, at = (0, 0, 0), -1  # at: the section where they meet best
        status, forms = (summary.status, summary.forms) if summary else ("", ())
        for k, (field, text) in enumerate(sections):
            if not text:
                continue
            lowered = lowered_texts[k] if lowered_texts is not None else text.lower()
            if field == "faq":  # a question is part of its line: no word, no question
                for line in lowered.split("\n"):
                    held = self._holds(line)
                    if held:
                        said = self.said(_question(line))
                        met = (len(said | held), len(said), len(held))
                        best, at = (met, k) if met > best else (best, at)
            elif field == "names":  # every word of a name is a heading's
                said = self._holds(lowered)
                met = (len(said), len(said), len(said))
                best, at = (met, k) if met > best else (best, at)
            else:
                key = (lang, field, status, forms if field == "side_effects" else ())
                if key not in self._heads:
                    self._heads[key] = self.said(_headings(summary, lang, field))
                met = self._met(lowered, self._heads[key])
                best, at = (met, k) if met > best else (best, at)
        return (-best[0], -best[1], -best[2]), at

    def _met(self, text: str, said: frozenset[str]) -> tuple[int, int, int]:
        """(terms ``text`` holds or its heading says (``said``), those in the
        heading, those in the text)."""
        held = self._holds(text)
        return len(said | held), len(said), len(held)

    def said(self, heading: str) -> frozenset[str]:
        """The terms ``heading`` says (or a near word of them: NEAR_WORDS)."""
        if heading not in self._said:
            self._said[heading] = frozenset(
                term
                for term, forms in self._forms
                if any(stem in heading and _places(heading, w, stem) for w, stem in forms)
            )
        return self._said[heading]

    def _holds(self, text: str) -> set[str]:
        """The terms ``text`` (lower case) holds, roughly: the start of each (its
        stem) anywhere; enough to rank by, cheaper than finding each place."""
        return {term for term, forms in self._forms if any(stem in text for _, stem in forms)}


def _question(line: str) -> str:
    """The question of a FAQ line ("question answer"): up to its question mark."""
    ends = [i for i in (line.find("？"), line.find("?")) if i >= 0]
    return line[: min(ends) + 1] if ends else ""


def _headings(summary: Summary | None, lang: str, field: str) -> str:
    """A section's heading in ``lang`` (a side-effect table's: with its forms'
    routes, the table's first column: 软膏, oral/IV), lower case."""
    from tacref.i18n import heading, t

    if summary is None or field not in _SECTION_FIELDS:
        return ""
    head = heading(lang, field, summary.status)
    if field == "side_effects":
        routes = dict.fromkeys(FORMS.get(f, "") for f in summary.forms)
        head += " " + " ".join(t(lang, f"short:{r}") for r in routes if r)
    return head.lower()


_SECTION_FIELDS = frozenset(
    (
        *("summary", "condition", "mechanism", "usage", "expectations", "alternatives"),
        *("precautions", "daily_care", "urgent", "side_effects", "related", "approvals"),
    )
)


def _name_hit(index: Index, summary: Summary, label: str, terms: Sequence[str]) -> Hit:
    """A condition found by a name: its names line when the name that matched is
    not in the result's title (an alias, the other language's name), else the
    text that best shows the query's words."""
    lang = "zh" if any(map(is_cjk, label)) else "en"
    docs = {m.lang: m for m in index.docs_of(summary.id)}
    m = docs.get(lang) or next(iter(docs.values()), None)
    if m is None:
        return Hit(summary, "", "names", _marked(label, [label]), ())
    sections = index.sections(m)
    shown = {normalize(n) for n in (*summary.names.values(), summary.id)}
    found = _found(sections, terms)
    sections_shown, found_shown = _in_region(index, m, sections, found, terms)
    if normalize(label) not in shown:
        line = next((text for field, text in sections if field == "names"), label)
        spelled = next(
            (t for (f, _, _), (_, t, _) in zip(found, found_shown, strict=True) if f == "names"), ""
        )
        line, spelled = _names_line(line, spelled, label)
        marked = _marked(line, [label, *terms])
        if len(spelled) == len(line):  # the same places, in traditional characters
            ends = list(accumulate(map(len, marked)))
            marked = tuple(spelled[a:b] for a, b in pairwise([0, *ends]))
        return Hit(summary, m.lang, "names", marked, (label,))
    field, snippet = _snippet(sections_shown, terms, found=found_shown)
    return Hit(summary, m.lang, field, snippet, _held(found))


def _names_line(line: str, spelled: str, label: str) -> tuple[str, str]:
    """The names of the language ``label`` (the name that matched) is in, each once:
    no Japanese name (全身性エリテマトーデス) and no other language's names among them;
    and the same names of ``spelled`` (the line in the reader's characters)."""
    chinese = any(map(is_cjk, label))
    names, names_spelled = line.split(" · "), spelled.split(" · ")
    kept: dict[str, int] = {}
    for i, name in enumerate(names):
        same = normalize(name) == normalize(label)
        if same or (not has_kana(name) and any(map(is_cjk, name)) == chinese):
            kept.setdefault(normalize(name), i)
    if not kept:
        return label, ""
    shown = " · ".join(names[i] for i in kept.values())
    if len(names_spelled) != len(names):
        return shown, ""
    return shown, " · ".join(names_spelled[i] for i in kept.values())


Found = tuple[str, str, dict[str, list[tuple[int, int]]]]  # field, text, where each word is


def _held(found: Sequence[Found]) -> tuple[str, ...]:
    """The words some section holds, in the query's order."""
    held: dict[str, None] = {}
    for *_, spans in found:
        held.update(dict.fromkeys(spans))
    return tuple(held)


def _in_region(
    index: Index,
    match: Match,
    sections: list[tuple[str, str]],
    found: list[Found],
    terms: Sequence[str],
) -> tuple[list[tuple[str, str]], list[Found]]:
    """``sections`` and ``found`` (the words' places in them) with each text in the
    index's region's traditional characters. OpenCC converts nearly every medical
    text character for character: the places hold; where a text's length changed
    (a phrase converted to a longer one), the words are found again in it, its
    characters folded back to simplified ones one by one."""
    spelled = index.sections_in_region(match)
    if spelled is None and index.region and match.lang == "en":
        spelled = _english_in_region(index, match, sections)
    if spelled is None or len(spelled) != len(sections):
        return sections, found
    out = []
    for (field, text, spans), (_, hant) in zip(found, spelled, strict=True):
        if len(hant) != len(text):
            folded = index.simplified(hant)
            spans = _found([(field, folded)], terms)[0][2] if len(folded) == len(hant) else {}
        out.append((field, hant, spans))
    return [(f, text) for f, text, _ in out], out


def _english_in_region(
    index: Index, match: Match, sections: list[tuple[str, str]]
) -> list[tuple[str, str]] | None:
    """An English article's sections with the Chinese names on its names line (its
    aliases are both languages') in the region's characters: as its Chinese
    article's names line spells them, converted when the index was built."""
    zh = next((m for m in index.docs_of(match.article) if m.lang == "zh"), None)
    if zh is None:
        return None
    simplified = next((text for f, text in index.sections(zh) if f == "names"), "")
    spelled = next((text for f, text in index.sections_in_region(zh) or () if f == "names"), "")
    pairs = list(zip(simplified.split(" · "), spelled.split(" · "), strict=False))
    if not spelled or len(pairs) != len(simplified.split(" · ")):
        return None
    hant = dict(pairs)
    return [
        (f, " · ".join(hant.get(n, n) for n in text.split(" · ")) if f == "names" else text)
        for f, text in sections
    ]


def _found(
    sections: Sequence[tuple[str, str]],
    terms: Sequence[str],
    lowered_texts: Sequence[str] | None = None,
) -> list[Found]:
    """Each section, with where each of the query's words stands in it
    (``lowered_texts``: the sections' texts through ``_lower``, when at hand)."""
    forms = [(w, *_forms(s)) for w in terms for s in (w, *NEAR_WORDS.get(w.lower(), ()))]
    out = []
    for k, (field, text) in enumerate(sections):
        lowered = lowered_texts[k] if lowered_texts is not None else _lower(text)
        spans: dict[str, list[tuple[int, int]]] = {}
        for term, word, stem in forms:
            if stem in lowered:  # the stem is the word's start: no search where neither is
                found = _places(lowered, word, stem)
                if found:  # a near word (怀孕 for 孕妇) counts, and is marked, as the term
                    spans[term] = sorted({*spans.get(term, ()), *found})[:MAX_PLACES]
        out.append((field, text, spans))
    return out


def _lower(text: str) -> str:
    """``text`` in lower case, place for place (as typed when a letter's lower
    case is longer: İ)."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else text


def _forms(term: str) -> tuple[str, str]:
    """``term`` in lower case, and its stem (itself for Chinese)."""
    word = term.lower()
    return word, word if _is_cjk(word) else _stem(word)


def _occurrences(lowered: str, term: str) -> list[tuple[int, int]]:
    """Where ``term`` stands in ``lowered`` (a text in lower case)."""
    return _places(lowered, *_forms(term))


def _places(lowered: str, word: str, stem: str) -> list[tuple[int, int]]:
    """Where ``word`` stands in ``lowered``: whole words, else word starts, else
    its stem's (each widened to its whole word); Chinese anywhere. By str.find:
    a regex that starts with a look-behind scans slowly."""
    if _is_cjk(word):
        return _all(lowered, word, "")
    if len(word) <= 2:  # the index matches "e" or "uv" as the whole word only
        return _all(lowered, word, "whole")
    for part, mode in ((word, "whole"), (word, "start"), (stem, "start")):
        found = _all(lowered, part, mode)
        if found:
            return found
    return []


MAX_PLACES = 30  # places of one word in one section: enough to choose a snippet


def _all(text: str, word: str, mode: str) -> list[tuple[int, int]]:
    """Each place of ``word`` in ``text``: anywhere (mode ""), as a whole word
    ("whole"), or at a word's start, widened to the word's end ("start")."""
    if mode == "whole" and len(word) <= 2:  # "e" stands everywhere: let sre skip it
        import re

        found = re.finditer(rf"\b{re.escape(word)}\b", text)
        return [m.span() for m, _ in zip(found, range(MAX_PLACES), strict=False)]
    out: list[tuple[int, int]] = []
    i, n = text.find(word), len(text)
    while i >= 0 and word and len(out) < MAX_PLACES:
        j = i + len(word)
        if not mode:
            out.append((i, j))
        elif i == 0 or not _wordy(text[i - 1]):
            if mode == "start":
                while j < n and _wordy(text[j]):
                    j += 1
                out.append((i, j))
            elif j == n or not _wordy(text[j]):
                out.append((i, j))
        i = text.find(word, j if not mode else i + 1)
    return out


def _wordy(char: str) -> bool:
    return char.isalnum() or char == "_"


def _snippet(
    sections: Sequence[tuple[str, str]],
    terms: Sequence[str],
    width: int = 90,
    found: list[Found] | None = None,
) -> tuple[str, tuple[str, ...]]:
    """(field, marked text) of the section holding the most query words, the
    rarest first (those the article says least often: "burning", not "skin"), the
    first of equals, names last; cut around where most of them stand together."""
    found = found if found is not None else _found(sections, terms)
    times = {w: sum(len(spans.get(w, ())) for *_, spans in found) for w in terms}
    scored = [
        (-len(spans), -sum(1 / times[w] for w in spans), field == "names", order)
        for order, (field, _, spans) in enumerate(found)
    ]
    if not scored:
        return "", ()
    field, text, spans = found[min(scored)[3]]
    if not spans:  # matched in a form the tests above miss: the start of the text
        field, text = next(((f, t) for f, t in sections if f != "names"), sections[0])
        return field, _window(text, [], width)
    rare = {w: 1 / times[w] for w in spans}
    if any(map(is_cjk, text[:40])):  # a Chinese character takes two columns
        width //= 2
    return field, _window(text, [(a, b, w) for w, s in spans.items() for a, b in s], width, rare)


def _window(
    text: str,
    spans: list[tuple[int, int, str]],
    width: int,
    weight: dict[str, float] | None = None,
) -> tuple[str, ...]:
    """The part of ``text`` (about ``width`` characters, whole words) that holds
    the most different words of ``spans`` (start, end, word), the rarest (highest
    ``weight``) first, marked; when some are left out, a second part holding them
    ("… burning … skin …")."""
    spans = sorted(spans)
    weight = weight or {}
    cuts: list[tuple[int, int]] = []
    left = {w for *_, w in spans}
    while left and len(cuts) < 2:
        size = width if not cuts else width * 2 // 3
        best = max(
            (_gain(spans, i, size, left, weight), -i)
            for i in range(len(spans))
            if spans[i][2] in left
        )
        first = spans[-best[1]]
        inside = [s for s in spans if first[0] <= s[0] and s[1] <= first[0] + size] or [first]
        left -= {w for *_, w in inside}
        start, end = first[0], max(e for _, e, _ in inside)
        spare = max(0, size - (end - start)) // 2
        cuts.append(_whole_words(text, start - spare, end + spare))
    if not cuts:
        cuts.append(_whole_words(text, 0, width))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(cuts):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    merged = [_bare_cut(text, start, end) for start, end in merged]
    parts: list[str] = [""]
    for start, end in merged:
        if start > 0:
            parts[-1] += "…" if not parts[-1] else _gap(parts[-1][-1:], text[start : start + 1])
        at = start
        for a, b, _ in spans:
            if a < at or b > end:
                continue
            parts[-1] += text[at:a]
            parts += [text[a:b], ""]
            at = b
        parts[-1] += text[at:end]
    parts[-1] += "…" if merged[-1][1] < len(text) else ""
    return tuple(_one_line(p) for p in parts)


def _bare_cut(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``..``end`` without a Chinese clause mark, a list's dash or a space
    where the text is cut, as the ellipsis stands there instead ("…通常无害", not
    "…。通常无害"; "如果您的肝病与饮酒有关…", not "有关，…")."""
    while 0 < start < end and _cut_mark(text, start):
        start += 1
    while start < end < len(text) and _cut_mark(text, end - 1):
        end -= 1
    return start, end


def _cut_mark(text: str, i: int) -> bool:
    """Whether ``text[i]`` is a clause mark, a space or a list item's dash."""
    c = text[i]
    return c in CUT_MARKS or c.isspace() or (c == "-" and (i == 0 or text[i - 1].isspace()))


def _gap(before: str, after: str) -> str:
    """The ellipsis between two parts of a snippet: spaced in English, not in
    Chinese ("…可以把药带在身边…肝移植后", "有1…至于")."""
    return "…" if any(c and is_cjk(c) for c in (before, after)) else " … "


CUT_MARKS = "，。；：、！？"  # marks a cut drops, next to its ellipsis


# A side-effect table asked for with the ointment's word starts at the ointment's
# rows (where it is put on: 涂药处), its most common first, not at the capsules'.
ROUTE_ROWS = {"软膏": ("软膏", "涂药"), "ointment": ("ointment",)}


def _first_row(lowered: str, terms: Sequence[str]) -> int:
    """The row of a side-effect table (a line of ``lowered``) its snippet starts
    at: the first of the ointment's when a term names the ointment, else the first."""
    marks = [m for t in terms for m in ROUTE_ROWS.get(t.lower(), ())]
    rows = lowered.split("\n")
    return next((n for n, row in enumerate(rows) if any(m in row for m in marks)), 0)


def _opening(
    text: str, spans: dict[str, list[tuple[int, int]]], row: int = 0, width: int = 90
) -> tuple[str, ...]:
    """``text`` (a side-effect table asked for by its heading's words) from its
    line ``row`` on: its first rows, the most common effects; the words of
    ``spans`` in it marked."""
    start = sum(len(line) + 1 for line in text.split("\n")[:row])
    if any(map(is_cjk, text[start : start + 40])):  # a Chinese character takes two columns
        width //= 2
    _, end = _whole_words(text, start, start + width)
    start, end = _bare_cut(text, start, end)
    parts, at = ["…" if start else ""], start
    for a, b in sorted(x for places in spans.values() for x in places):
        if a >= at and b <= end:
            parts[-1] += text[at:a]
            parts += [text[a:b], ""]
            at = b
    parts[-1] += text[at:end] + ("…" if end < len(text) else "")
    return tuple(_one_line(part) for part in parts)


def _one_line(text: str) -> str:
    """``text``'s lines as one: a space between two lines of English, none where
    Chinese meets the break ("能喝酒吗？可以", not "吗？ 可以")."""
    if "\n" not in text:
        return text
    from unicodedata import east_asian_width

    lines = text.split("\n")
    out = lines[0]
    for line in lines[1:]:
        ends = (out[-1:], line[:1])
        out += "" if any(c and east_asian_width(c) in "WF" for c in ends) else " "
        out += line
    return out


def _gain(
    spans: list[tuple[int, int, str]], i: int, size: int, left: set[str], weight: dict[str, float]
) -> tuple[int, float]:
    """How many of the words ``left`` (and how rare) a window starting at span ``i`` holds."""
    start = spans[i][0]
    words = {w for a, b, w in spans[i:] if b <= start + size and w in left}
    return len(words), sum(weight.get(w, 0.0) for w in words)


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``start``..``end`` widened so as not to cut a word in two, within ``text``."""
    start, end = max(0, start), min(len(text), end)
    while start > 0 and not text[start - 1].isspace() and not _is_cjk(text[start - 1]):
        start -= 1
    while end < len(text) and not text[end].isspace() and not _is_cjk(text[end]):
        end += 1
    # Chinese has no spaces: a cut between two characters may fall inside a word
    # (他克莫|司); move it to the clause's edge when one is near
    if 0 < start < len(text) and _is_cjk(text[start - 1]) and _is_cjk(text[start]):
        edge = max(text.rfind(c, max(0, start - CLAUSE_REACH), start) for c in CLAUSE_MARKS)
        start = edge + 1 if edge >= 0 else 0 if start <= CLAUSE_REACH else start
    if 0 < end < len(text) and _is_cjk(text[end - 1]) and _is_cjk(text[end]):
        found = [i for c in CLAUSE_MARKS if (i := text.find(c, end, end + CLAUSE_REACH)) >= 0]
        end = min(found) + 1 if found else end
    return start, end


CLAUSE_MARKS = "，。；：、！？\n"
CLAUSE_REACH = 8  # characters a Chinese cut moves to reach a clause's edge


def _marked(text: str, labels: Sequence[str]) -> tuple[str, ...]:
    """All of ``text`` (a names line), with every one of ``labels`` in it marked."""
    lowered = text.lower() if len(text.lower()) == len(text) else text
    spans = sorted({(a, b) for w in labels for a, b in _occurrences(lowered, w)})
    parts, at = [""], 0
    for a, b in spans:
        if a >= at:
            parts[-1] += text[at:a]
            parts += [text[a:b], ""]
            at = b
    parts[-1] += text[at:]
    return tuple(parts)


def _stem(word: str) -> str:
    """A crude English stem, only to see where the index's Porter stem matched
    ("burned" is found as "burn", in "burning")."""
    if word.isascii() and word.isalpha():
        for suffix in ("ing", "ed", "es", "s", "ly", "er"):
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                return word[: -len(suffix)]
    return word


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
