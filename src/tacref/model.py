"""The validated article model: immutable records and the vocabularies they use.

Objects are built from a mapping that has already passed validation (see
``validate``) or that comes back from the compiled index; ``to_mapping`` returns
the same shape, which is also what ``--json`` prints.

The records are ``Record``s (see record.py): immutable and typed like frozen
dataclasses, but far cheaper to define on every run's start-up path.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from tacref.record import Record

LANGS = ("en", "zh")

STATUSES = ("approved", "off-label", "investigational", "no-established-role", "adverse-effect")
EVIDENCE = ("high", "moderate", "low", "very-low", "none")
FREQUENCIES = ("very-common", "common", "uncommon", "rare", "very-rare", "unknown")
URGENCIES = ("emergency", "today", "next-visit")
ROUTES = ("topical", "eye", "systemic")
# form id -> the route whose safety profile it shares
FORMS = {
    "capsule": "systemic",
    "extended-release": "systemic",
    "granules": "systemic",
    "injection": "systemic",
    "ointment-0.03": "topical",
    "ointment-0.1": "topical",
    "eye-drops": "eye",
}
# How a systemic form is given: a tablet is not given into a vein (``Product.ways``).
GIVEN = {"capsule": "oral", "extended-release": "oral", "granules": "oral", "injection": "iv"}
CATEGORIES = (
    "dermatology",
    "eye",
    "transplant",
    "rheumatology",
    "kidney",
    "gastroenterology",
    "haematology",
    "neurology",
    "cardiovascular",
    "metabolic",
    "infection",
    "oncology",
    "respiratory",
)
REGULATORS = (
    "US FDA",
    "EMA",
    "Japan PMDA",
    "China NMPA",
    "UK MHRA",
    "Health Canada",
    "Australia TGA",
)
SOURCE_KINDS = ("label", "regulator", "guideline", "review", "trial")
SECTIONS = (
    "summary",
    "condition",
    "mechanism",
    "usage",
    "expectations",
    "alternatives",
    "precautions",
    "daily_care",
    "urgent",
)

Localized = Mapping[str, str]


class Approval(Record):
    regulator: str
    forms: tuple[str, ...]
    note: Localized


class SideEffect(Record):
    """One row of a side-effect table: from a profile (data/side-effects/), maybe
    changed for one condition (``why`` says how and why), or the article's own."""

    id: str
    effect: Localized
    frequency: str
    form: str  # the route: topical, eye or systemic
    serious: bool
    urgency: str
    action: Localized
    lay: Mapping[str, tuple[str, ...]]  # the words a patient would use for it
    source: str
    why: Localized | None = None  # why this condition differs from the profile


class Related(Record):
    id: str
    why: Localized


class Source(Record):
    title: str
    publisher: str
    year: int | None
    kind: str


class Faq(Record):
    q: str
    a: str


class Text(Record):
    """One language's article text: the prose sections and the FAQ."""

    sections: Mapping[str, str]
    faq: tuple[Faq, ...]


class Article(Record):
    id: str
    names: Localized
    aliases: tuple[str, ...]
    category: str
    status: str
    evidence: str
    approvals: tuple[Approval, ...]
    forms: tuple[str, ...]
    reviewed: str
    side_effects: tuple[SideEffect, ...]
    side_effect_note: Localized | None
    related: tuple[Related, ...]
    sources: tuple[Source, ...]
    text: Mapping[str, Text]
    local_notes: Localized | None = None  # a user's <id>.notes.yaml: never in the YAML itself
    review_due: str = ""  # ISO date; from_mapping defaults it (see ``due_date``)

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names["en"]

    def past_due(self, today: str) -> bool:
        """Whether the article's review date has passed on ``today`` (ISO dates
        compare as strings)."""
        return bool(self.review_due) and self.review_due < today

    @property
    def routes(self) -> tuple[str, ...]:
        """The routes (topical, eye, systemic) of the forms this article covers."""
        return tuple(r for r in ROUTES if any(FORMS.get(f) == r for f in self.forms))

    @classmethod
    def from_mapping(cls, m: Mapping[str, Any]) -> "Article":
        return cls(
            id=m["id"],
            names=dict(m["names"]),
            aliases=tuple(m.get("aliases", ())),
            category=m["category"],
            status=m["status"],
            evidence=m["evidence"],
            approvals=tuple(
                Approval(a["regulator"], tuple(a["forms"]), dict(a["note"]))
                for a in m.get("approvals", ())
            ),
            forms=tuple(m["forms"]),
            reviewed=str(m["reviewed"]),
            side_effects=tuple(side_effect(s) for s in m["side_effects"]),
            side_effect_note=_optional(m.get("side_effect_note")),
            related=tuple(Related(r["id"], dict(r["why"])) for r in m.get("related", ())),
            sources=_sources(m),
            text={
                lang: Text(
                    sections={k: t[k].strip() for k in SECTIONS},
                    faq=tuple(Faq(f["q"].strip(), f["a"].strip()) for f in t["faq"]),
                )
                for lang, t in m["text"].items()
            },
            local_notes=_optional(m.get("local_notes")),
            review_due=due_date(m),
        )

    def to_mapping(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "names": dict(self.names),
            "aliases": list(self.aliases),
            "category": self.category,
            "status": self.status,
            "evidence": self.evidence,
            "approvals": [
                {"regulator": a.regulator, "forms": list(a.forms), "note": dict(a.note)}
                for a in self.approvals
            ],
            "forms": list(self.forms),
            "reviewed": self.reviewed,
            "review_due": self.review_due,
            "side_effects": [side_effect_mapping(s) for s in self.side_effects],
            "side_effect_note": _optional(self.side_effect_note),
            "related": [{"id": r.id, "why": dict(r.why)} for r in self.related],
            "sources": [_source_mapping(s) for s in self.sources],
            "text": {
                lang: {
                    **dict(t.sections),
                    "faq": [{"q": f.q, "a": f.a} for f in t.faq],
                }
                for lang, t in self.text.items()
            },
            **({"local_notes": dict(self.local_notes)} if self.local_notes else {}),
        }


REVIEW_MONTHS = 12  # an article without its own review_due is due this long after review


def due_date(m: Mapping[str, Any]) -> str:
    """The article's ``review_due``, or ``reviewed`` plus REVIEW_MONTHS (the 29th-31st
    of a shorter month becomes its last day); "" when ``reviewed`` is not a date."""
    if m.get("review_due"):
        return str(m["review_due"])
    reviewed = str(m["reviewed"])
    try:
        year, month, day = (int(x) for x in reviewed.split("-"))
    except ValueError:
        return ""
    month += REVIEW_MONTHS
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    import calendar

    day = min(day, calendar.monthrange(year, month)[1])
    return f"{year:04d}-{month:02d}-{day:02d}"


def _optional(text: Localized | None) -> dict[str, str] | None:
    return dict(text) if text else None


def side_effect(m: Mapping[str, Any], form: str | None = None) -> SideEffect:
    """A row from its mapping (a profile's rows take ``form`` from the profile)."""
    return SideEffect(
        m["id"],
        dict(m["effect"]),
        m["frequency"],
        form or m["form"],
        bool(m["serious"]),
        m["urgency"],
        dict(m["action"]),
        {lang: tuple(words) for lang, words in m["lay"].items()},
        m["source"],
        _optional(m.get("why")),
    )


def side_effect_mapping(s: SideEffect) -> dict[str, Any]:
    return {
        "id": s.id,
        "effect": dict(s.effect),
        "frequency": s.frequency,
        "form": s.form,
        "serious": s.serious,
        "urgency": s.urgency,
        "action": dict(s.action),
        "lay": {lang: list(words) for lang, words in s.lay.items()},
        "source": s.source,
        "why": _optional(s.why),
    }


def merge_side_effects(
    article: Mapping[str, Any], profiles: Mapping[str, Sequence[Mapping[str, Any]]]
) -> list[dict[str, Any]]:
    """The article's side-effect rows: every row of the profile of each of its
    routes, with this condition's overrides applied, then its own extra rows; or
    only the rows (of either) that it ``focus``es on, in that order.

    ``profiles`` map a route to its rows (``side_effect_mapping``); ``article`` has
    passed validation, which checked that every row it names is one of them."""
    own = article.get("side_effects", {})
    overrides = {o["id"]: o for o in own.get("overrides", ())}
    routes = dict.fromkeys(FORMS[f] for f in article["forms"])  # in the article's order
    rows = [
        {**row, **overrides.get(row["id"], {})}
        for route in routes
        for row in profiles.get(route, ())
    ]
    rows += [dict(row) for row in own.get("extra", ())]
    if "focus" in own:  # these rows only, in this order (an id of two routes: both)
        rows = [row for i in own["focus"] for row in rows if row["id"] == i]
    return rows


class Profile(Record):
    """The side effects of one route of tacrolimus (data/side-effects/<route>.yaml)."""

    id: str  # the route
    names: Localized
    reviewed: str
    intro: Localized
    effects: tuple[SideEffect, ...]
    sources: tuple["Source", ...]

    @classmethod
    def from_mapping(cls, m: Mapping[str, Any]) -> "Profile":
        return cls(
            m["id"],
            dict(m["names"]),
            str(m["reviewed"]),
            dict(m["intro"]),
            tuple(side_effect(row, m["id"]) for row in m["effects"]),
            _sources(m),
        )

    def to_mapping(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "names": dict(self.names),
            "reviewed": self.reviewed,
            "intro": dict(self.intro),
            "effects": [side_effect_mapping(r) for r in self.effects],
            "sources": [_source_mapping(s) for s in self.sources],
        }


class Vocabulary(Record):
    """Words the symptom checker reads besides the profiles' lay words (data/symptoms/)."""

    id: str
    reviewed: str
    intensifiers: Mapping[str, tuple[str, ...]]  # lang -> words that raise the tier
    red_flags: tuple["RedFlag", ...] = ()
    combinations: tuple["Combination", ...] = ()
    concerns: tuple["Concern", ...] = ()
    readings: tuple["Reading", ...] = ()
    together: tuple["Together", ...] = ()
    fold: Mapping[str, str] = {}  # built, not written: traditional -> simplified characters
    lasting: tuple["Lasting", ...] = ()
    level_signs: tuple[str, ...] = ()  # 'route/row': signs a raised level can cause
    # built, not written: the words above as the checker compares them (symptom_key),
    # keyed once at build instead of on every question
    keys: Mapping[str, str] = {}

    @classmethod
    def from_mapping(cls, m: Mapping[str, Any]) -> "Vocabulary":
        words = {lang: tuple(w) for lang, w in m["intensifiers"].items()}
        flags = tuple(RedFlag.from_mapping(f) for f in m.get("red_flags", ()))
        pairs = tuple(Combination.from_mapping(c) for c in m.get("combinations", ()))
        concerns = tuple(Concern.from_mapping(c) for c in m.get("concerns", ()))
        readings = tuple(Reading.from_mapping(r) for r in m.get("readings", ()))
        together = tuple(Together.from_mapping(t) for t in m.get("together", ()))
        return cls(
            m["id"],
            str(m["reviewed"]),
            words,
            flags,
            pairs,
            concerns,
            readings,
            together,
            lasting=tuple(Lasting.from_mapping(d) for d in m.get("lasting", ())),
            level_signs=tuple(m.get("level_signs", ())),
        )


class Together(Record):
    """Words that name a symptom when all stand in one question, apart or in any
    order ("eczema ... blisters": eczema herpeticum)."""

    groups: tuple[tuple[str, ...], ...]  # one word of each group must stand in the question
    means: Localized  # the symptom words it is read as

    @classmethod
    def from_mapping(cls, m: Mapping[str, Any]) -> "Together":
        return cls(tuple(tuple(g) for g in m["words"]), dict(m["means"]))

    def to_mapping(self) -> dict[str, Any]:
        return {"words": [list(g) for g in self.groups], "means": dict(self.means)}


class Lasting(Record):
    """Words that name a symptom when a duration of at least ``minutes`` stands next
    to them ("fitting for 10 minutes": a seizure)."""

    words: Mapping[str, tuple[str, ...]]
    minutes: float
    means: Localized

    @classmethod
    def from_mapping(cls, m: Mapping[str, Any]) -> "Lasting":
        words = {lang: tuple(w) for lang, w in m["words"].items()}
        return cls(words, float(m["minutes"]), dict(m["means"]))

    def to_mapping(self) -> dict[str, Any]:
        words = {lang: list(w) for lang, w in self.words.items()}
        return {"words": words, "minutes": self.minutes, "means": dict(self.means)}


class Concern(Record):
    """A question that is not a side effect but needs the team (a missed dose,
    rejection) or emergency help (not breathing): its own tier and action."""

    id: str
    tier: str
    title: Localized
    action: Localized
    words: Mapping[str, tuple[str, ...]]  # lang -> phrases

    @classmethod
    def from_mapping(cls, m: Mapping[str, Any]) -> "Concern":
        words = {lang: tuple(w) for lang, w in m["words"].items()}
        return cls(m["id"], m["tier"], dict(m["title"]), dict(m["action"]), words)

    def to_mapping(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "tier": self.tier,
            "title": dict(self.title),
            "action": dict(self.action),
            "words": {lang: list(w) for lang, w in self.words.items()},
        }


class Unit(Record):
    """Another unit of a reading: (value - minus) * times is the main unit."""

    words: tuple[str, ...]
    times: float
    minus: float = 0.0
    above: float | None = None  # a bare number above this is taken to be in this unit


class Level(Record):
    """A reading's level: reached when the first number (or the second) is at
    least ``at_least``, or at most ``at_most``."""

    at_least: tuple[float, ...]
    means: Localized  # the symptom words it is read as
    at_most: tuple[float, ...] = ()

    def reached(self, values: Sequence[float]) -> bool:
        high = any(v >= limit for v, limit in zip(values, self.at_least, strict=False))
        return high or any(v <= limit for v, limit in zip(values, self.at_most, strict=False))


class Reading(Record):
    """A measured value in a question ("blood pressure 190/115"), read as words."""

    id: str
    words: Mapping[str, tuple[str, ...]]
    plausible: tuple[float, float]  # the first number, in the main unit
    levels: tuple[Level, ...]  # most severe first
    units: tuple[Unit, ...] = ()
    unit_required: bool = False
    second: Mapping[str, tuple[str, ...]] = {}  # words naming the second number alone
    second_plausible: tuple[float, float] | None = None
    not_with: Mapping[str, tuple[str, ...]] = {}  # words that say it is not the person's

    @classmethod
    def from_mapping(cls, m: Mapping[str, Any]) -> "Reading":
        units = tuple(
            Unit(tuple(u["words"]), float(u["times"]), float(u.get("minus", 0)), u.get("above"))
            for u in m.get("units", ())
        )
        levels = tuple(
            Level(
                tuple(map(float, v.get("at_least", ()))),
                dict(v["means"]),
                tuple(map(float, v.get("at_most", ()))),
            )
            for v in m["levels"]
        )
        words = {lang: tuple(w) for lang, w in m["words"].items()}
        low, high = m["plausible"]
        second = {lang: tuple(w) for lang, w in m.get("second", {}).items()}
        lows = m.get("second_plausible")
        not_with = {lang: tuple(w) for lang, w in m.get("not_with", {}).items()}
        return cls(
            m["id"],
            words,
            (float(low), float(high)),
            levels,
            units,
            m.get("unit_required", False),
            second,
            (float(lows[0]), float(lows[1])) if lows else None,
            not_with,
        )

    def to_mapping(self) -> dict[str, Any]:
        low = self.second_plausible
        lows = {} if low is None else {"second_plausible": list(low)}
        return lows | {
            "id": self.id,
            "words": {lang: list(w) for lang, w in self.words.items()},
            "plausible": list(self.plausible),
            "levels": [
                {"at_least": list(v.at_least), "at_most": list(v.at_most), "means": dict(v.means)}
                for v in self.levels
            ],
            "units": [
                {"words": list(u.words), "times": u.times, "minus": u.minus}
                | ({} if u.above is None else {"above": u.above})
                for u in self.units
            ],
            "unit_required": self.unit_required,
            "second": {lang: list(w) for lang, w in self.second.items()},
            "not_with": {lang: list(w) for lang, w in self.not_with.items()},
        }


class Combination(Record):
    """Two profile rows ('route/row') more urgent together; ``words`` narrows a side
    to some of its row's words (fever, not any word of infections)."""

    rows: tuple[str, str]
    tier: str
    words: Mapping[str, tuple[str, ...]]  # 'route/row' -> the words that count

    @classmethod
    def from_mapping(cls, m: Mapping[str, Any]) -> "Combination":
        words = {side: tuple(w) for side, w in m.get("words", {}).items()}
        return cls(tuple(m["rows"]), m["tier"], words)


class RedFlag(Record):
    """Phrases naming a profile row at a more urgent tier than the row's own."""

    route: str
    row: str
    tier: str
    words: Mapping[str, tuple[str, ...]]  # lang -> phrases

    @classmethod
    def from_mapping(cls, m: Mapping[str, Any]) -> "RedFlag":
        words = {lang: tuple(w) for lang, w in m["words"].items()}
        return cls(m["route"], m["row"], m["tier"], words)


PRODUCT_SECTIONS = ("summary", "who_for", "how_used", "cautions")


class ProductApproval(Record):
    regulator: str
    note: Localized


class Product(Record):
    """A product family patients hold: a form, its brands, its approvals (data/forms/)."""

    id: str
    names: Localized
    brands: tuple[str, ...]
    aliases: tuple[str, ...]
    forms: tuple[str, ...]
    release: Localized
    rhythm: Localized
    approvals: tuple[ProductApproval, ...]
    reviewed: str
    sources: tuple["Source", ...]
    text: Mapping[str, Mapping[str, str]]  # lang -> section -> text

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names["en"]

    @property
    def routes(self) -> tuple[str, ...]:
        return tuple(r for r in ROUTES if any(FORMS.get(f) == r for f in self.forms))

    @property
    def ways(self) -> tuple[tuple[str, str], ...]:
        """(how it is given, its route) of each of its forms, once each: ("oral",
        "systemic") for capsules, ("iv", "systemic") for the infusion, ("topical",
        "topical") for the ointment."""
        found = ((GIVEN.get(f, FORMS[f]), FORMS[f]) for f in self.forms if f in FORMS)
        return tuple(dict.fromkeys(found))

    @property
    def labels(self) -> set[str]:
        """Every name it is found by: id, names, brands, aliases."""
        return {self.id, *self.names.values(), *self.brands, *self.aliases}

    @classmethod
    def from_mapping(cls, m: Mapping[str, Any]) -> "Product":
        return cls(
            m["id"],
            dict(m["names"]),
            tuple(m["brands"]),
            tuple(m["aliases"]),
            tuple(m["forms"]),
            dict(m["release"]),
            dict(m["rhythm"]),
            tuple(ProductApproval(a["regulator"], dict(a["note"])) for a in m["approvals"]),
            str(m["reviewed"]),
            _sources(m),
            {lang: {k: t[k].strip() for k in PRODUCT_SECTIONS} for lang, t in m["text"].items()},
        )

    def to_mapping(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "names": dict(self.names),
            "brands": list(self.brands),
            "aliases": list(self.aliases),
            "forms": list(self.forms),
            "release": dict(self.release),
            "rhythm": dict(self.rhythm),
            "approvals": [{"regulator": a.regulator, "note": dict(a.note)} for a in self.approvals],
            "reviewed": self.reviewed,
            "sources": [_source_mapping(s) for s in self.sources],
            "text": {lang: dict(t) for lang, t in self.text.items()},
        }


EFFECTS = ("raises-level", "lowers-level", "adds-toxicity", "vaccine", "no-meaningful-interaction")
SEVERITIES = ("avoid", "adjust", "monitor", "none")  # most serious first
INTERACTION_SECTIONS = ("what_happens", "what_to_do", "watch_for")


class Interaction(Record):
    """What one agent (a drug, herb or food) does with tacrolimus (data/interactions/)."""

    id: str
    names: Localized
    aliases: tuple[str, ...]
    kind: Localized  # the class: "azole antifungal"
    effect: str
    toxicity: tuple[str, ...]
    severity: str
    mechanism: Localized
    routes: tuple[str, ...]
    evidence: Localized
    reviewed: str
    sources: tuple["Source", ...]
    text: Mapping[str, Mapping[str, str]]  # lang -> section -> text

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names["en"]

    @property
    def labels(self) -> set[str]:
        return {self.id, *self.names.values(), *self.aliases}

    @classmethod
    def from_mapping(cls, m: Mapping[str, Any]) -> "Interaction":
        return cls(
            m["id"],
            dict(m["names"]),
            tuple(m["aliases"]),
            dict(m["class"]),
            m["effect"],
            tuple(m.get("toxicity", ())),
            m["severity"],
            dict(m["mechanism"]),
            tuple(m["routes"]),
            dict(m["evidence"]),
            str(m["reviewed"]),
            _sources(m),
            {
                lang: {k: t[k].strip() for k in INTERACTION_SECTIONS}
                for lang, t in m["text"].items()
            },
        )

    def to_mapping(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "names": dict(self.names),
            "aliases": list(self.aliases),
            "class": dict(self.kind),
            "effect": self.effect,
            "toxicity": list(self.toxicity),
            "severity": self.severity,
            "mechanism": dict(self.mechanism),
            "routes": list(self.routes),
            "evidence": dict(self.evidence),
            "reviewed": self.reviewed,
            "sources": [_source_mapping(s) for s in self.sources],
            "text": {lang: dict(t) for lang, t in self.text.items()},
        }


def _sources(m: Mapping[str, Any]) -> tuple["Source", ...]:
    return tuple(
        Source(s["title"], s["publisher"], s.get("year"), s["kind"]) for s in m.get("sources", ())
    )


def _source_mapping(s: "Source") -> dict[str, Any]:
    return {"title": s.title, "publisher": s.publisher, "year": s.year, "kind": s.kind}


class Summary(Record):
    """The columns of one row of ``tacref list``: cheap to read from the index."""

    id: str
    names: Localized
    category: str
    status: str
    evidence: str
    forms: tuple[str, ...]
    approved_by: tuple[str, ...] = ()  # the regulators, when status is approved
    pinyin: str = ""  # the Chinese name's sort key (``index.pinyin_key``), from the index

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names["en"]
