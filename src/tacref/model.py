"""The validated article model: immutable records and the vocabularies they use.

Objects are built from a mapping that has already passed validation (see
``validate``) or that comes back from the compiled index; ``to_mapping`` returns
the same shape, which is also what ``--json`` prints.

The records are ``Record``s (see record.py): immutable and typed like frozen
dataclasses, but far cheaper to define on every run's start-up path.
"""

from collections.abc import Mapping
from typing import Any

from tacref.record import Record

LANGS = ("en", "zh")

STATUSES = ("approved", "off-label", "investigational", "no-established-role", "adverse-effect")
EVIDENCE = ("high", "moderate", "low", "very-low", "none")
FREQUENCIES = ("very-common", "common", "uncommon", "rare", "very-rare", "unknown")
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
    effect: Localized
    frequency: str
    form: str
    serious: bool
    action: Localized


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
    related: tuple[Related, ...]
    sources: tuple[Source, ...]
    text: Mapping[str, Text]

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names["en"]

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
            side_effects=tuple(
                SideEffect(
                    dict(s["effect"]),
                    s["frequency"],
                    s["form"],
                    bool(s["serious"]),
                    dict(s["action"]),
                )
                for s in m.get("side_effects", ())
            ),
            related=tuple(Related(r["id"], dict(r["why"])) for r in m.get("related", ())),
            sources=tuple(
                Source(s["title"], s["publisher"], s.get("year"), s["kind"])
                for s in m.get("sources", ())
            ),
            text={
                lang: Text(
                    sections={k: t[k].strip() for k in SECTIONS},
                    faq=tuple(Faq(f["q"].strip(), f["a"].strip()) for f in t["faq"]),
                )
                for lang, t in m["text"].items()
            },
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
            "side_effects": [side_effect_mapping(s) for s in self.side_effects],
            "related": [{"id": r.id, "why": dict(r.why)} for r in self.related],
            "sources": [
                {"title": s.title, "publisher": s.publisher, "year": s.year, "kind": s.kind}
                for s in self.sources
            ],
            "text": {
                lang: {
                    **dict(t.sections),
                    "faq": [{"q": f.q, "a": f.a} for f in t.faq],
                }
                for lang, t in self.text.items()
            },
        }


def side_effect_mapping(s: SideEffect) -> dict[str, Any]:
    return {
        "effect": dict(s.effect),
        "frequency": s.frequency,
        "form": s.form,
        "serious": s.serious,
        "action": dict(s.action),
    }


class Summary(Record):
    """The columns of one row of ``tacref list``: cheap to read from the index."""

    id: str
    names: Localized
    category: str
    status: str
    evidence: str
    forms: tuple[str, ...]
    approved_by: tuple[str, ...] = ()  # the regulators, when status is approved

    def name(self, lang: str) -> str:
        return self.names.get(lang) or self.names["en"]
