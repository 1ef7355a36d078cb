"""What each command shows, as a list of blocks that any renderer can draw.

Views decide content, order and wording (in the chosen language); the plain and
rich renderers only decide how blocks look. Keeping the two apart means the
terminal and the pipe can never disagree about what an article says.
"""

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from tacref.errors import NotFound, TacrefError
from tacref.i18n import heading, joined, said, t
from tacref.model import (
    CATEGORIES,
    EVIDENCE,
    FORMS,
    INTERACTION_SECTIONS,
    PRODUCT_SECTIONS,
    REGULATORS,
    SECTIONS,
    SEVERITIES,
    Approval,
    Article,
    Interaction,
    Product,
    Related,
    SideEffect,
    Source,
    Summary,
)
from tacref.queries import Hit, Results
from tacref.record import Record

if TYPE_CHECKING:
    from tacref.errors import Ambiguous
    from tacref.symptoms import Answer, Asked, Finding, UnknownSymptom

# sections of ``show`` beyond the prose ones, in the order they are shown
EXTRA_SECTIONS = ("faq", "side_effects", "related", "sources")
SHOW_SECTIONS = (*SECTIONS, *EXTRA_SECTIONS)


class Title(Record):
    text: str
    subtitle: str = ""
    lang: str = "en"  # the language of the text: how to break its lines, label it


class Fields(Record):
    """Label/value pairs shown on one line each (status, evidence, ...)."""

    items: tuple[tuple[str, str], ...]
    emphasis: str = ""  # a status, so a renderer can pick a colour; the text says it too
    lang: str = "en"  # the language of the text: how to break its lines, label it


class Heading(Record):
    text: str
    lang: str = "en"  # the language of the text: how to break its lines, label it
    kind: str = ""  # "urgent": framed or marked by the renderer (the text says it too)


class Prose(Record):
    text: str
    lang: str = "en"  # the language of the text: how to break its lines, label it


class QandA(Record):
    pairs: tuple[tuple[str, str], ...]
    lang: str = "en"  # the language of the text: how to break its lines, label it


class Table(Record):
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    marked: frozenset[int] = frozenset()  # rows to emphasise (serious)
    nowrap: frozenset[int] = frozenset()  # columns never to wrap (ids)
    lang: str = "en"  # the language of the text: how to break its lines, label it
    status_column: int = -1  # a column of statuses, coloured as show colours them
    statuses: tuple[str, ...] = ()  # each row's status id, for that column
    # what a narrow terminal may do, one more step at a time: (column, ()) drops the
    # column, (column, texts) prints shorter texts in it (see ``layout.plan``)
    fallbacks: tuple[tuple[int, tuple[str, ...]], ...] = ()
    # a card's title when rows are printed as cards: this column's cell with the
    # first cell (the id) after it, "白癜风（vitiligo）"; -1: the first cell alone
    card_title: int = -1


class Note(Record):
    text: str
    kind: str = "muted"  # "muted", "warning" or "urgent" (a pointer to the urgent signs)
    lang: str = "en"  # the language of the text: how to break its lines, label it


class Snippet(Record):
    """Text around a search hit: ``parts`` alternate text and the words to
    highlight (text first)."""

    where: str
    parts: tuple[str, ...]
    lang: str = "en"  # the language of the text: how to break its lines, label it


class Bilingual(Record):
    """The same content in two languages, to be shown side by side: the reader's
    chosen language first (on the left)."""

    first: tuple  # of blocks
    second: tuple


Block = Title | Fields | Heading | Prose | QandA | Table | Note | Snippet | Bilingual
Document = list[Block]


def language(doc: Document) -> str:
    """The language ``doc`` is written in (of its first block; a side-by-side
    document: its first column's)."""
    for block in doc:
        if isinstance(block, Bilingual):
            return language(list(block.first))
        return getattr(block, "lang", "en")
    return "en"


def in_language(doc: Document, lang: str) -> Document:
    """``doc`` with every block marked as written in ``lang`` (blocks default to
    English), so that renderers break and label Chinese text as Chinese."""
    if lang == "en":
        return doc
    return [b if isinstance(b, Bilingual) else b._replace(lang=lang) for b in doc]


def article(
    a: Article,
    lang: str,
    related: Sequence[tuple[Related, Summary]],
    section: str | None = None,
    brief: bool = False,
    today: str = "",
) -> Document:
    """The article: first what answers the question (its name, status and where it
    holds, the summary, where the urgent signs are), so that it fits a first screen
    of 80x24; then the rest. ``brief``: only that first part, with the urgent
    section itself; ``today`` (ISO; default today) decides whether it is past due."""
    parts = _parts(a, lang, related, section, brief, today or _today())
    return in_language([b for part in parts for b in part(lang)], lang)


def converted(lang: str) -> Document:
    """Under text in traditional characters: that it was converted (by OpenCC,
    when the index was built) from the simplified original, which was reviewed."""
    from tacref.i18n import HANT

    return [Note(t(lang, "converted"))] if lang in HANT else []


def bilingual_article(
    a: Article,
    related: Sequence[tuple[Related, Summary]],
    section: str | None = None,
    lang: str = "en",
    brief: bool = False,
    today: str = "",
) -> Document:
    """The article in English and Chinese side by side, part by part, for a
    patient and a clinician who do not share a language; ``lang`` first."""
    langs = (lang, "zh" if lang == "en" else "en")

    def pair(part: Callable[[str], Document]) -> Bilingual:
        first, second = (tuple(in_language(part(x), x)) for x in langs)
        return Bilingual(first, second)

    return [pair(part) for part in _parts(a, lang, related, section, brief, today or _today())]


Part = Callable[[str], Document]  # one part of an article, in a language


def _parts(
    a: Article,
    lang: str,
    related: Sequence[tuple[Related, Summary]],
    section: str | None,
    brief: bool,
    today: str,
) -> list[Part]:
    def of(name: str) -> Part:
        return lambda x: _section(a, x, name, related)

    def disclaimer(x: str) -> Document:
        return [Note(t(x, "disclaimer"), "warning"), *converted(x)]

    def header(x: str) -> Document:
        return _header(a, x, today)

    def more(x: str) -> Document:
        return [Note(t(x, "more", id=a.id))]

    def pointer(x: str) -> Document:
        return [Note(t(x, "urgent_pointer", heading=heading(x, "urgent", a.status)), "urgent")]

    def about(x: str) -> Document:
        return [_about(a, x, today)]

    def first(x: str) -> Document:  # one part: side by side, each language's whole first screen
        return [*header(x), *of("summary")(x), *([] if brief else pointer(x))]

    def local(x: str) -> Document:
        return _local_notes(a, x)

    if section is not None:
        return [of(section), disclaimer]
    if brief:
        return [first, local, of("urgent"), more, disclaimer]
    rest = [of(name) for name in SHOW_SECTIONS if name != "summary"]
    return [first, local, about, *rest, disclaimer]


def _today() -> str:
    import time

    return time.strftime("%Y-%m-%d")


def _header(a: Article, lang: str, today: str) -> Document:
    """Name, what tacrolimus is to it and where, the evidence; a past-due warning."""
    other = a.names["zh" if lang == "en" else "en"]
    items = (
        (t(lang, "status"), _status_where(a, lang)),
        (t(lang, "evidence"), t(lang, f"evidence:{a.evidence}")),
    )
    doc: Document = [Title(a.name(lang), other)]
    if a.status == "adverse-effect":  # before anything else: this is not a use
        doc.append(Note(t(lang, "not_a_treatment", name=a.name(lang)), "warning"))
    if a.past_due(today):  # one line: the first screen has room for one more
        items += ((t(lang, "review"), t(lang, "past_due", due=a.review_due)),)
    return [*doc, Fields(items, emphasis=a.status)]


def _about(a: Article, lang: str, today: str) -> Fields:
    """The forms, each approval in full, and the review dates."""
    due = a.review_due
    if a.past_due(today):
        due = t(lang, "past_due_mark", due=due)
    items = [
        (t(lang, "forms"), t(lang, "enum").join(t(lang, f"form:{f}") for f in a.forms)),
        *((t(lang, "approvals"), _approval(ap, lang)) for ap in a.approvals),
        (t(lang, "reviewed"), a.reviewed),
        (t(lang, "review_due"), due),
    ]
    return Fields(tuple(items))


# Where an approval makes "approved" true for most readers; where none of these approved
# it, use is off-label (the articles' approvals name each that did).
_MAJOR = ("US FDA", "EMA", "Japan PMDA", "China NMPA")


def _status_where(a: Article, lang: str) -> str:
    """ "approved (Japan); off-label elsewhere (US, EU, China)": where the status holds."""
    regulators = tuple(dict.fromkeys(ap.regulator for ap in a.approvals))
    label = _status(a.status, regulators, lang)
    missing = [r for r in _MAJOR if r not in regulators]
    if a.status != "approved" or not regulators or not missing:
        return label
    elsewhere = t(lang, "off_label_elsewhere", where=_where(missing, lang))
    return label + t(lang, "semicolon") + elsewhere


def _local_notes(a: Article, lang: str) -> Document:
    """A user's notes on this article (a clinic's number), in ``lang`` if written
    in it, else as written; said to be local and not reviewed."""
    if not a.local_notes:
        return []
    text = a.local_notes.get(lang) or next(iter(a.local_notes.values()))
    origin = t(lang, "local_notes_origin", path=f"{a.id}.notes.yaml")
    return [Heading(t(lang, "local_notes")), Prose(text), Note(origin)]


def _section(
    a: Article, lang: str, name: str, related: Sequence[tuple[Related, Summary]]
) -> Document:
    title = Heading(heading(lang, name, a.status))
    text = a.text[lang]
    if name in SECTIONS:
        if name == "urgent":  # stands out wherever it is printed: in words, and framed
            words = joined(lang, t(lang, "urgent_mark"), "colon", title.text)
            return [Heading(words, kind="urgent"), Prose(text.sections[name])]
        if name == "precautions" and "systemic" in a.routes:  # the question asked most
            return [title, Prose(text.sections[name]), Note(t(lang, "interactions_pointer"))]
        return [title, Prose(text.sections[name])]
    if name == "faq":
        return [title, QandA(tuple((f.q, f.a) for f in text.faq))]
    if name == "side_effects":
        return [title, *side_effects_body(a, lang)]
    if name == "related":
        return [title, *related_body(related, lang)]
    return [title, Prose(_sources(a, lang))]


def side_effects(subject: Article | Product, rows: Sequence[SideEffect], lang: str) -> Document:
    """The side-effect table of a condition, or of a product (its route's profile)."""
    doc = [
        Title(subject.name(lang) + t(lang, "colon") + t(lang, "side_effects")),
        *side_effects_body(subject, lang, rows),
        Note(t(lang, "disclaimer"), "warning"),
        *converted(lang),
    ]
    return in_language(doc, lang)


def side_effects_body(
    a: Article | Product, lang: str, rows: Sequence[SideEffect] | None = None
) -> Document:
    rows = a.side_effects if rows is None else rows
    if not rows:
        return [Note(t(lang, "no_side_effects"))]
    routes = dict.fromkeys(s.form for s in rows)
    covered = t(lang, "semicolon").join(_covered(a, route, lang) for route in routes)
    headers = tuple(t(lang, k) for k in ("effect", "frequency", "form", "serious", "action"))
    cells = tuple(
        (
            s.effect[lang],
            t(lang, f"frequency:{s.frequency}") + (" *" if s.why else ""),
            t(lang, f"short:{s.form}"),
            ("⚠ " if s.serious else "") + t(lang, "yes" if s.serious else "no"),
            s.action[lang],
        )
        for s in rows
    )
    marked = frozenset(i for i, s in enumerate(rows) if s.serious)
    doc: Document = [Note(t(lang, "covers", routes=covered))]
    note = getattr(a, "side_effect_note", None)
    if note:
        doc.append(Prose(note[lang]))
    # one form for every row: the line above says which, so a narrow table drops it
    fallbacks = ((2, ()),) if len(routes) == 1 else ()
    doc.append(Table(headers, cells, marked, fallbacks=fallbacks))
    doc += [Note("* " + s.effect[lang] + t(lang, "colon") + s.why[lang]) for s in rows if s.why]
    doc.append(Note(t(lang, "frequency_legend")))
    return doc


def _covered(a: Article | Product, route: str, lang: str) -> str:
    """The article's own forms of one route: "capsule, granules (by mouth or ...)"."""
    forms = [t(lang, f"form:{f}") for f in a.forms if FORMS[f] == route]
    if not forms:
        return t(lang, f"route:{route}")
    return t(lang, "enum").join(forms) + t(lang, "paren").format(t(lang, f"route-where:{route}"))


def status_label(s: Summary, lang: str) -> str:
    """The status in words; "approved" says where, since few approvals are worldwide."""
    return _status(s.status, s.approved_by, lang)


def _status(status: str, regulators: Sequence[str], lang: str) -> str:
    label = t(lang, f"status:{status}")
    if status == "approved" and regulators:
        label += t(lang, "paren").format(_where(regulators, lang))
    return label


def _where(regulators: Sequence[str], lang: str) -> str:
    ordered = sorted(set(regulators), key=lambda r: REGULATORS.index(r) if r in REGULATORS else 99)
    return t(lang, "enum").join(t(lang, f"where:{r}") for r in ordered)


def related(a: Article, items: Sequence[tuple[Related, Summary]], lang: str) -> Document:
    doc = [
        Title(a.name(lang) + t(lang, "colon") + t(lang, "related")),
        *related_body(items, lang),
        *converted(lang),
    ]
    return in_language(doc, lang)


def related_body(items: Sequence[tuple[Related, Summary]], lang: str) -> Document:
    if not items:
        return [Note(t(lang, "no_related"))]
    headers = (t(lang, "name"), t(lang, "status"), t(lang, "why"))
    rows = tuple((_named(s, lang), status_label(s, lang), r.why[lang]) for r, s in items)
    names = tuple(s.name(lang) for _, s in items)  # the name alone finds it too
    statuses = tuple(s.status for _, s in items)
    return [Table(headers, rows, status_column=1, statuses=statuses, fallbacks=((0, names),))]


def condition_list(rows: Sequence[Summary], lang: str) -> Document:
    headers = ("id", *(t(lang, k) for k in ("name", "category", "status", "evidence", "forms")))
    sep = t(lang, "enum")
    category, evidence, form = (_labels(lang, k) for k in ("category", "evidence", "form"))
    statuses: dict[tuple[str, tuple[str, ...]], str] = {}  # many rows share these
    forms: dict[tuple[str, ...], str] = {}
    for s in rows:
        if (s.status, s.approved_by) not in statuses:
            statuses[s.status, s.approved_by] = status_label(s, lang)
        if s.forms not in forms:
            forms[s.forms] = sep.join([form[f] for f in s.forms])
    body = tuple(
        (
            s.id,
            s.names.get(lang) or s.names["en"],
            category[s.category],
            statuses[s.status, s.approved_by],
            evidence[s.evidence],
            forms[s.forms],
        )
        for s in rows
    )
    statuses_of = tuple(s.status for s in rows)
    # narrower: no id (the name finds the article too), the route for the forms
    # ("ointment, oral/IV"), then no category (``tacref categories`` has them)
    routes = tuple(
        sep.join(t(lang, f"short:{r}") for r in dict.fromkeys(FORMS[f] for f in s.forms))
        for s in rows
    )
    table = Table(
        headers,
        body,
        nowrap=frozenset({0}),
        status_column=3,
        statuses=statuses_of,
        fallbacks=((0, ()), (5, routes), (2, ())),
        card_title=-1 if lang == "en" else 1,  # a Chinese reader knows it by its name
    )
    return in_language([table, *converted(lang)], lang)


def _labels(lang: str, kind: str) -> dict[str, str]:
    """Every ``kind:value`` label in ``lang``: a list of 10,000 rows asks often."""
    values = {"category": CATEGORIES, "evidence": EVIDENCE, "form": FORMS}[kind]
    return {v: t(lang, f"{kind}:{v}") for v in values}


def categories(by_category: dict[str, int], by_status: dict[str, int], lang: str) -> Document:
    doc: Document = [
        _named_counts(t(lang, "category"), by_category, "category", lang),
        _named_counts(t(lang, "status"), by_status, "status", lang),
    ]
    return in_language(doc, lang)


def _named_counts(header: str, counts: dict[str, int], what: str, lang: str) -> Table:
    """A name, its id and a count a row; the id only where the name is not it
    ("dermatology" once, not "dermatology dermatology")."""
    named = ((t(lang, f"{what}:{i}"), i, str(n)) for i, n in counts.items())
    rows = tuple((name, "" if name == i else i, n) for name, i, n in named)
    coloured = {"status_column": 0, "statuses": tuple(counts)} if what == "status" else {}
    if not any(i for _, i, _ in rows):
        once = tuple((name, n) for name, _, n in rows)
        return Table((header, t(lang, "count")), once, **coloured)  # type: ignore[arg-type]
    return Table(
        (header, "id", t(lang, "count")),
        rows,
        fallbacks=((1, ()),),  # the filters take the name as printed too
        **coloured,  # type: ignore[arg-type]
    )


def search_results(results: Results, lang: str) -> Document:
    """Each hit with why it matched; first, when no article holds every word, that
    they are ranked by how many they hold; last, how many there are."""
    doc: Document = []
    enum = t(lang, "enum")
    if results.uncovered is not None:  # as `show` says it
        said = not_found(results.uncovered, lang)
        doc.append(Note(said.message + t(lang, "semicolon") + said.hint))
    if not results.every_word:
        doc.append(Note(t(lang, "some_words", words=enum.join(results.words))))
        if results.missing:
            doc.append(Note(t(lang, "missing_words", words=enum.join(results.missing))))
    for h in results.hits:
        found = h.summary
        if isinstance(found, Product):
            what = t(lang, "product_hint", id=found.id)
        elif isinstance(found, Interaction):
            what = t(lang, "agent_hint", id=found.id)
        else:
            what = status_label(found, lang)
        doc.append(Heading(f"{_named(found, lang, _other_matched(h, lang))} · {what}"))
        # the snippet's language; Chinese text is shown in the reader's characters
        said_in = lang if h.lang == "zh" and lang.startswith("zh") else h.lang or lang
        if h.field == "names":
            where = t(said_in, "names") if h.lang else ""
        else:
            where = heading(said_in, h.field, h.summary.status)
        doc.append(Snippet(where, h.snippet, said_in))  # broken as its language
    shown, total = len(results.hits), results.total
    if total > shown:
        doc.append(Note(t(lang, "results_of", shown=shown, total=total)))
    else:
        doc.append(Note(t(lang, "result") if total == 1 else t(lang, "results", total=total)))
    return in_language(doc, lang)


def products(items: Sequence[Product], lang: str) -> Document:
    """``tacref forms``: every product, with its brands, route and where it is approved
    (its release and rhythm are sentences: ``tacref forms NAME``)."""
    headers = tuple(t(lang, k) for k in ("product", "brands", "route", "approved_in"))
    rows = tuple(
        (
            _named(p, lang),
            t(lang, "enum").join(p.brands),
            t(lang, "enum").join(t(lang, f"short:{way}") for way, _ in p.ways),
            _where([a.regulator for a in p.approvals], lang) or "–",
        )
        for p in items
    )
    names = tuple(p.name(lang) for p in items)  # 'tacref forms NAME' takes the name too
    doc: Document = [
        Table(headers, rows, fallbacks=((0, names),)),
        Note(t(lang, "not_interchangeable"), "warning"),
        Note(t(lang, "forms_hint")),
    ]
    return in_language(doc, lang)


def product(p: Product, lang: str) -> Document:
    """``tacref forms NAME``: one product."""
    other = p.names["zh" if lang == "en" else "en"]
    items = [
        (t(lang, "brands"), t(lang, "enum").join(p.brands) or "–"),
        (t(lang, "forms"), t(lang, "enum").join(t(lang, f"form:{f}") for f in p.forms)),
        (t(lang, "route"), t(lang, "enum").join(_route(w, r, lang) for w, r in p.ways)),
        (t(lang, "release"), p.release[lang]),
        (t(lang, "rhythm"), p.rhythm[lang]),
        *((t(lang, "approvals"), _approval(a, lang)) for a in p.approvals),
        (t(lang, "reviewed"), p.reviewed),
    ]
    doc: Document = [Title(p.name(lang), other), Fields(tuple(items))]
    if "systemic" in p.routes:
        doc += [
            Note(t(lang, "not_interchangeable"), "warning"),
            Note(t(lang, "interactions_pointer")),
        ]
    for name in PRODUCT_SECTIONS:
        doc += [Heading(t(lang, name)), Prose(p.text[lang][name])]
    doc += [
        Heading(t(lang, "side_effects")),
        Prose(t(lang, "product_side_effects", id=p.id)),
        Heading(t(lang, "sources")),
        Prose(_sources(p, lang)),
        Note(t(lang, "disclaimer"), "warning"),
        *converted(lang),
    ]
    return in_language(doc, lang)


def _route(way: str, route: str, lang: str) -> str:
    """口服（作用于全身）: how the product is given, and where it acts."""
    return t(lang, f"short:{way}") + t(lang, "paren").format(t(lang, f"route-where:{route}"))


def _sources(subject: Article | Product | Interaction, lang: str) -> str:
    return "\n".join("- " + _source(s, lang) for s in subject.sources)


def _source(s: Source, lang: str) -> str:
    """ "Title. Publisher, year (kind)"; in Chinese, Chinese marks where Chinese text
    meets them ("中国斑秃诊疗指南（2019）。中华医学会皮肤性病学分会，2020（指南）")."""
    text = joined(lang, s.title, "period", s.publisher)
    if s.year:
        text = joined(lang, text, "comma", str(s.year))
    return text + t(lang, "paren").format(t(lang, f"kind:{s.kind}"))


def _named(item: Summary | Product | Interaction, lang: str, both: bool = False) -> str:
    """A name with its id, for the commands that take it: "白癜风（vitiligo）";
    ``both``: with its name in the other language too, "Vitiligo 白癜风 (vitiligo)"."""
    name = item.name(lang)
    other = item.name(other_language(lang))
    if both and other != name:
        name = f"{name} {other}"
    elif _is_id(name, item.id):  # "Melasma", not "Melasma (melasma)"
        return name
    return name + t(lang, "paren").format(item.id)


def _is_id(name: str, item_id: str) -> bool:
    """Whether the name, as typed, is the id ("Atopic dermatitis (atopic eczema)"
    for atopic-dermatitis, "Crohn's disease" for crohns-disease)."""
    typed = _short(name).lower().replace("'", "").replace("’", "")
    return "-".join(typed.split()) == item_id


def other_language(lang: str) -> str:
    return "en" if lang != "en" else "zh"


def _other_matched(h: Hit, lang: str) -> bool:
    """Whether a search found ``h`` in the other language than the one shown: its
    name is then shown in both ("白斑" found Vitiligo: "Vitiligo 白癜风")."""
    if h.field != "names":
        return bool(h.lang) and (h.lang == "en") != (lang == "en")
    from tacref.names import has_cjk

    label = next((part for i, part in enumerate(h.snippet) if i % 2), "")  # what was marked
    return label != h.summary.id and has_cjk(label) != (lang != "en")


def _approval(ap: Approval, lang: str) -> str:
    """ "US FDA: approved for ..."; "美国FDA：已批准……"."""
    return joined(lang, t(lang, f"regulator:{ap.regulator}"), "colon", ap.note[lang])


def symptom(
    answer: "Answer", lang: str, country: str | None, numbers: Sequence[tuple[str, str]]
) -> Document:
    """``tacref symptom``: the tier first, then each symptom or concern found (the
    most urgent first), then whom to call."""
    from tacref.sanitize import shorten

    doc: Document = [
        Title(t(lang, "symptom_title", query=shorten(answer.query, 120))),
        Note(t(lang, _headline(answer)), "warning"),
    ]
    if answer.read_as:
        doc.append(Note(t(lang, "read_as", word=answer.read_as)))
    if answer.denied:
        words = t(lang, "enum").join(answer.denied)
        doc.append(Note(t(lang, "symptom_denied", words=words), "warning"))
    if answer.also:
        words = t(lang, "enum").join(answer.also)
        doc.append(Note(t(lang, "if_you_also_have", words=words), "warning"))
    if answer.raisers:
        names = t(lang, "enum").join(name for _, name in answer.raisers)
        commands = t(lang, "enum").join(f"tacref interactions {card}" for card, _ in answer.raisers)
        doc.append(Note(t(lang, "level_raisers", names=names, commands=commands), "warning"))
    if answer.agents:
        names = t(lang, "enum").join(name for _, name in answer.agents)
        commands = t(lang, "enum").join(f"tacref interactions {card}" for card, _ in answer.agents)
        key = "agents_today" if answer.tier == "today" else "agents_next_visit"
        doc.append(Note(t(lang, key, names=names, commands=commands), "warning"))
    parts = [(q.concern.tier, 0, _concern(q, lang)) for q in answer.concerns]
    parts += [(f.tier, 1, _finding(f, lang)) for f in answer.findings]
    for _, _, part in sorted(parts, key=lambda p: (list(_TIER_EMPHASIS).index(p[0]), p[1])):
        doc += part
    doc.append(Note(_numbers_line(lang, country, numbers), "warning"))
    doc.append(Note(t(lang, "not_a_diagnosis")))
    return in_language(doc, lang)


def _headline(answer: "Answer") -> str:
    """The tier's headline: a today answer whose every today card names someone other
    than the transplant team (the midwife, a pharmacist) does not send the reader to
    the team (review 8, X3)."""
    from tacref.symptoms import ADVICE_ELSEWHERE

    today = [q.concern.id for q in answer.concerns if q.concern.tier == "today"]
    today += ["" for f in answer.findings if f.tier == "today"]
    if answer.tier == "today" and today and all(c in ADVICE_ELSEWHERE for c in today):
        return "tier:today-advice"
    return f"tier:{answer.tier}"


def _finding(f: "Finding", lang: str) -> Document:
    row = f.row
    band = t(lang, f"frequency:{row.frequency}")
    urgency = t(lang, f"urgency:{f.tier}")
    if f.raised_by:
        urgency += t(lang, "raised", word=f.raised_by)
    items = [
        (t(lang, "matched"), f.words),
        (
            t(lang, "is_it_the_drug"),
            t(lang, "known_effect", route=t(lang, f"route:{row.form}"), band=band),
        ),
        (t(lang, "serious"), t(lang, "yes" if row.serious else "no")),
        (t(lang, "urgency"), urgency),
        (t(lang, "action"), _action(f, lang)),
    ]
    if f.articles:
        more = t(lang, "enum").join(f"tacref show {a}" for a in f.articles)
        items.append((t(lang, "read_more"), more))
    return [Heading(row.effect[lang]), Fields(tuple(items), emphasis=_TIER_EMPHASIS[f.tier])]


def _action(f: "Finding", lang: str) -> str:
    """The row's action; raised from the row's own next visit to today, it first says
    today, so that the text agrees with the tier shown (review 8, X4)."""
    if f.tier == "today" and f.row.urgency == "next-visit":
        return t(lang, "raised_action") + (" " if lang == "en" else "") + f.row.action[lang]
    return f.row.action[lang]


def _concern(q: "Asked", lang: str) -> Document:
    """A concern (a missed dose): not a side effect, with its tier and action."""
    from tacref.symptoms import ADVICE_ELSEWHERE

    whose = "not_a_side_effect_advice" if q.concern.id in ADVICE_ELSEWHERE else "not_a_side_effect"
    items = (
        (t(lang, "matched"), q.words),
        (t(lang, "is_it_the_drug"), t(lang, whose)),
        (t(lang, "urgency"), t(lang, f"urgency:{q.concern.tier}")),
        (t(lang, "action"), q.concern.action[lang]),
    )
    return [Heading(q.concern.title[lang]), Fields(items, emphasis=_TIER_EMPHASIS[q.concern.tier])]


def unknown_symptom(
    exc: "UnknownSymptom", lang: str, country: str | None, numbers: Sequence[tuple[str, str]]
) -> TacrefError:
    """The error for a symptom tacref does not know: urgent help first, in the
    reader's language, with the emergency numbers; never a reassurance."""
    hints = []
    if exc.suggestions:
        hints.append(t(lang, "did_you_mean", words=t(lang, "enum").join(exc.suggestions)))
    hints += [t(lang, "symptom_unknown_hint"), _numbers_line(lang, country, numbers)]
    from tacref.sanitize import ECHO, shorten

    query = shorten(exc.query, ECHO)  # quoted by the message itself
    return TacrefError(t(lang, "symptom_unknown", query=query), t(lang, "semicolon").join(hints))


def not_found(exc: NotFound, lang: str) -> TacrefError:
    """A condition name that matched nothing, in the reader's language: its
    misspelling's corrections; or that tacref has no article on it, the articles
    near it and what the products' approvals say of it; or where to look."""
    from tacref.sanitize import ECHO, one_line

    query = one_line(exc.query, ECHO)
    if exc.suggestions:
        words = t(lang, "enum").join(exc.suggestions)
        return TacrefError(t(lang, "no_match", query=query), t(lang, "did_you_mean", words=words))
    found = exc.coverage
    if found is None or not found.said:
        return TacrefError(t(lang, "no_match", query=query), t(lang, "no_match_hint"))
    lines = []
    if found.side_effect:
        lines.append(t(lang, "known_side_effect", query=query))
    if found.nearby:
        lines.append(t(lang, "nearby", names=_short_names(found.nearby, lang)))
    if found.about_risk:
        kind = t(lang, f"risk:{found.risk}")
        lines.append(t(lang, "about_risk", kind=kind, names=_short_names(found.about_risk, lang)))
    elif found.mentioned and not found.nearby:
        names = _short_names(found.mentioned, lang)
        lines.append(t(lang, "mentioned", names=names, query=query))
    if found.facts:
        lines.append(t(lang, "product_fact", products=_approvals_naming(found.facts, lang)))
    if not lines:
        lines.append(t(lang, "no_match_hint"))
    return TacrefError(t(lang, "no_article", query=query), t(lang, "semicolon").join(lines))


def in_reader_language(exc: TacrefError, lang: str) -> TacrefError:
    """``exc`` said in ``lang`` (English as raised): an ambiguity lists the names
    (系统性红斑狼疮（sle）、狼疮性肾炎（lupus-nephritis）), not only the ids."""
    from tacref.errors import Ambiguous, IsCondition, IsProduct, NoResults
    from tacref.sanitize import ECHO, one_line, quoted

    if lang == "en" and not isinstance(exc, Ambiguous):
        return exc
    query = one_line(getattr(exc, "query", ""), ECHO)
    if isinstance(exc, Ambiguous):
        names = t(lang, "enum").join(_choice(exc, i, lang) for i in exc.candidates)
        if exc.more:
            names += t(lang, "ambiguous_more", n=exc.more, query=query)
        said_query = quoted(exc.query) if lang == "en" else query  # as English errors quote
        message = t(lang, "ambiguous", query=said_query, names=names)
        hint = t(lang, "ambiguous_hint")
    elif isinstance(exc, NotFound) and exc.what != "condition":
        message = t(lang, "no_item", query=query, what=t(lang, f"what:{exc.what}"))
        if exc.suggestions:
            hint = t(lang, "did_you_mean", words=t(lang, "enum").join(exc.suggestions))
        else:
            hint = t(lang, f"try:{exc.what}")
        if exc.what == "agent":
            hint += t(lang, "agent_not_safe")
    elif isinstance(exc, NotFound):
        return not_found(exc, lang)
    elif isinstance(exc, NoResults):
        message = t(lang, "no_results", query=query)
        hint = exc.hint if exc.hint.startswith("did you mean") else t(lang, "no_results_hint")
        if exc.hint.startswith("did you mean"):
            hint = t(lang, "did_you_mean", words=exc.hint[len("did you mean: ") :].rstrip("?"))
    elif isinstance(exc, IsProduct):
        message, hint = t(lang, "is_product", query=query), exc.hint
    elif isinstance(exc, IsCondition):
        message = t(lang, "is_condition", query=query)
        hint = t(lang, "is_condition_hint", id=exc.article_id)
    else:
        message, hint = said(lang, exc.message), said(lang, exc.hint) if exc.hint else ""
    localized = TacrefError(message, hint)
    localized.exit_code = exc.exit_code
    return localized


def _choice(exc: "Ambiguous", item_id: str, lang: str) -> str:
    """One of an ambiguity's choices as a person would type it: its name, with its
    id only where the name is not the id ("Kidney transplant", "肾移植（kidney-transplant）")."""
    names = exc.names.get(item_id)
    if not names:
        return item_id
    name = _short(names.get(lang) or names.get("en") or item_id)
    return name if _is_id(name, item_id) else name + t(lang, "paren").format(item_id)


def _short_names(rows: Sequence[Summary], lang: str) -> str:
    """Names without their explanation ("Kidney transplant", not "Kidney
    transplant: preventing rejection"), as a person would type them."""
    return t(lang, "enum").join(_short(s.name(lang)) for s in rows)


def _short(name: str) -> str:
    from tacref.heads import proper

    return proper(name) or name


def _approvals_naming(facts: Sequence[tuple[Product, str]], lang: str) -> str:
    """Each product once, by the id 'tacref forms' takes (in Chinese: by its
    Chinese name, which it takes too), with the regulators whose approval names it."""
    where: dict[str, list[str]] = {}
    for p, regulator in facts:
        name = p.id if lang == "en" else p.names.get(lang) or p.names.get("zh") or p.id
        where.setdefault(name, []).append(regulator)
    return t(lang, "enum").join(
        f"{i}{t(lang, 'paren').format(_where(regulators, lang))}" for i, regulators in where.items()
    )


_TIER_EMPHASIS = {  # most urgent first
    "emergency": "adverse-effect",
    "today": "off-label",
    "next-visit": "",
}


def _numbers_line(lang: str, country: str | None, numbers: Sequence[tuple[str, str]]) -> str:
    if not numbers:
        return t(lang, "no_country")
    said = t(lang, "enum").join(
        n + t(lang, "paren").format(t(lang, f"number:{kind}")) for n, kind in numbers
    )
    return t(lang, "emergency_numbers", country=country, numbers=said)


def interactions(items: Sequence[Interaction], lang: str) -> Document:
    """``tacref interactions``: every agent, grouped by what it does, most serious first."""
    doc: Document = []
    for effect in dict.fromkeys(i.effect for i in items):
        group = [i for i in items if i.effect == effect]
        rows = tuple(
            (_named(i, lang), i.kind[lang], t(lang, f"severity:{i.severity}")) for i in group
        )
        headers = (t(lang, "agent"), t(lang, "class"), t(lang, "severity"))
        marked = frozenset(n for n, i in enumerate(group) if i.severity == "avoid")
        names = tuple(i.name(lang) for i in group)  # the name alone finds the card too
        table = Table(headers, rows, marked, fallbacks=((0, names),))
        doc += [Heading(t(lang, f"effect:{effect}")), table]
    doc += [Note(t(lang, "interactions_hint")), Note(t(lang, "not_in_list"), "warning")]
    return in_language(doc, lang)


def interaction_cards(items: Sequence[Interaction], lang: str) -> Document:
    """``tacref interactions AGENT...``: a card per agent, the most serious first."""
    doc: Document = []
    for i in sorted(items, key=lambda i: SEVERITIES.index(i.severity)):
        other = i.names["zh" if lang == "en" else "en"]
        effect = t(lang, f"effect:{i.effect}")
        if i.toxicity:
            effect += t(lang, "paren").format(
                t(lang, "enum").join(t(lang, f"toxicity:{x}") for x in i.toxicity)
            )
        fields = [
            (t(lang, "class"), i.kind[lang]),
            (t(lang, "agent_effect"), effect),
            (t(lang, "severity"), t(lang, f"severity:{i.severity}")),
            (t(lang, "how"), i.mechanism[lang]),
            (t(lang, "matters_for"), t(lang, "enum").join(t(lang, f"route:{r}") for r in i.routes)),
            (t(lang, "evidence"), i.evidence[lang]),
            (t(lang, "reviewed"), i.reviewed),
        ]
        doc += [Title(i.name(lang), other), Fields(tuple(fields), _SEVERITY_EMPHASIS[i.severity])]
        for name in INTERACTION_SECTIONS:
            doc += [Heading(t(lang, name)), Prose(i.text[lang][name])]
        doc += [Heading(t(lang, "sources")), Prose(_sources(i, lang))]
    doc += [Note(t(lang, "disclaimer"), "warning"), *converted(lang)]
    return in_language(doc, lang)


_SEVERITY_EMPHASIS = {
    "avoid": "adverse-effect",
    "adjust": "off-label",
    "monitor": "investigational",
    "none": "approved",
}
