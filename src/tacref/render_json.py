"""Model objects as JSON for scripts. Every document carries ``schema_version``.

Text fields keep every language (``{"en": ..., "zh": ...}``) so a script needs no
``--lang``; ``name`` is added in the chosen language for convenience.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from tacref.errors import Problem
from tacref.model import (
    Article,
    Interaction,
    Product,
    Related,
    SideEffect,
    Summary,
    side_effect_mapping,
)
from tacref.queries import Results
from tacref.sanitize import json_safe

if TYPE_CHECKING:
    from tacref.symptoms import Answer

SCHEMA_VERSION = 1


def dumps(payload: dict[str, Any]) -> str:
    """Every JSON document tacref prints: Chinese as written, terminal controls escaped."""
    text = json.dumps({"schema_version": SCHEMA_VERSION, **payload}, ensure_ascii=False, indent=2)
    return json_safe(text) + "\n"


def summary(s: Summary, lang: str) -> dict[str, Any]:
    return {
        "id": s.id,
        "name": s.name(lang),
        "names": dict(s.names),
        "category": s.category,
        "status": s.status,
        "evidence": s.evidence,
        "forms": list(s.forms),
        "approved_by": list(s.approved_by),
    }


def condition_list(rows: Sequence[Summary], lang: str) -> str:
    return dumps({"conditions": [summary(s, lang) for s in rows]})


def article(a: Article, lang: str, section: str | None = None) -> str:
    body = a.to_mapping()
    if section is None:
        return dumps({"article": {"name": a.name(lang), **body}})
    content = body[section] if section in body else {k: v[section] for k, v in body["text"].items()}
    return dumps({"id": a.id, "name": a.name(lang), "section": section, "content": content})


def side_effects(subject: Article | Product, rows: Sequence[SideEffect], lang: str) -> str:
    return dumps(
        {
            "id": subject.id,
            "kind": "product" if isinstance(subject, Product) else "condition",
            "name": subject.name(lang),
            "routes": sorted({s.form for s in rows}),
            "side_effect_note": getattr(subject, "side_effect_note", None),
            "side_effects": [side_effect_mapping(s) for s in rows],
        }
    )


def products(items: Sequence[Product], lang: str) -> str:
    return dumps({"products": [{"name": p.name(lang), **p.to_mapping()} for p in items]})


def product(p: Product, lang: str) -> str:
    return dumps({"product": {"name": p.name(lang), "routes": list(p.routes), **p.to_mapping()}})


def related(a: Article, items: Sequence[tuple[Related, Summary]], lang: str) -> str:
    return dumps(
        {
            "id": a.id,
            "name": a.name(lang),
            "related": [{**summary(s, lang), "why": dict(r.why)} for r, s in items],
        }
    )


def search(results: Results, query: str, lang: str) -> str:
    """The hits, each with where it matched, its snippet and the words in it
    (``highlights``); the words looked for, whether every hit holds them all, and
    how many results there are (``total``; ``results`` stops at --limit)."""
    return dumps(
        {
            "query": query,
            "words": list(results.words),
            "every_word": results.every_word,
            "missing": list(results.missing),
            "total": results.total,
            "results": [
                {
                    **_hit_summary(h.summary, lang),
                    "matched_in": {"lang": h.lang or None, "field": h.field},
                    "snippet": "".join(h.snippet),
                    "highlights": list(h.snippet[1::2]),
                    "words": list(h.found),
                }
                for h in results.hits
            ],
        }
    )


def _hit_summary(found: Summary | Product | Interaction, lang: str) -> dict[str, Any]:
    """A search result: a condition's summary, or a product or interaction card in the
    same shape (they have no category, status or evidence: null), with ``kind``."""
    if isinstance(found, Interaction):
        return _item_hit("agent", found, lang, effect=found.effect, severity=found.severity)
    if not isinstance(found, Product):
        return {"kind": "condition", **summary(found, lang)}
    regulators = dict.fromkeys(a.regulator for a in found.approvals)
    return _item_hit(
        "product",
        found,
        lang,
        forms=list(found.forms),
        approved_by=list(regulators),
        brands=list(found.brands),
    )


def _item_hit(kind: str, found: Product | Interaction, lang: str, **fields: Any) -> dict[str, Any]:
    return {
        "kind": kind,
        "id": found.id,
        "name": found.name(lang),
        "names": dict(found.names),
        "category": None,
        "status": None,
        "evidence": None,
        **fields,
    }


def problems(articles: int, found: Sequence[Problem], warnings: Sequence[Problem] = ()) -> str:
    def listed(items: Sequence[Problem]) -> list[dict[str, Any]]:
        return [{"path": str(p.path), "line": p.line, "message": p.message} for p in items]

    return dumps({"articles": articles, "problems": listed(found), "warnings": listed(warnings)})


def categories(by_category: dict[str, int], by_status: dict[str, int]) -> str:
    return dumps({"categories": by_category, "statuses": by_status})


def symptom(answer: Answer, country: str | None, numbers: Sequence[tuple[str, str]]) -> str:
    """``tier`` is one of ``emergency``, ``today``, ``next-visit`` (most urgent first);
    ``concerns`` are questions that are not side effects (a missed dose)."""
    return dumps(
        {
            "query": answer.query,
            "read_as": answer.read_as or None,
            "more_urgent_if": list(answer.also),
            "denied": list(answer.denied),
            "tier": answer.tier,
            "symptoms": [
                {
                    "matched": f.words,
                    "tier": f.tier,
                    "raised_by": f.raised_by or None,
                    "articles": list(f.articles),
                    "side_effect": side_effect_mapping(f.row),
                }
                for f in answer.findings
            ],
            "concerns": [
                {"matched": q.words, "tier": q.concern.tier, **q.concern.to_mapping()}
                for q in answer.concerns
            ],
            "raises_level": [
                {"interaction": card, "matched": name} for card, name in answer.raisers
            ],
            "interactions": [
                {"interaction": card, "matched": name} for card, name in answer.agents
            ],
            "country": country,
            "emergency_numbers": [{"number": n, "kind": kind} for n, kind in numbers],
        }
    )


def interactions(items: Sequence[Interaction], lang: str) -> str:
    """The cards, in the shape of their files (data/interactions/), plus ``name``."""
    return dumps({"interactions": [{"name": i.name(lang), **i.to_mapping()} for i in items]})
