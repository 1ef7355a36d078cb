"""Model objects as JSON for scripts. Every document carries ``schema_version``.

Text fields keep every language (``{"en": ..., "zh": ...}``) so a script needs no
``--lang``; ``name`` is added in the chosen language for convenience.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from tacref.errors import Problem
from tacref.model import Article, Related, Summary, side_effect_mapping
from tacref.queries import Hit
from tacref.sanitize import json_safe

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


def side_effects(a: Article, lang: str) -> str:
    return dumps(
        {
            "id": a.id,
            "name": a.name(lang),
            "routes": sorted({s.form for s in a.side_effects}),
            "side_effects": [side_effect_mapping(s) for s in a.side_effects],
        }
    )


def related(a: Article, items: Sequence[tuple[Related, Summary]], lang: str) -> str:
    return dumps(
        {
            "id": a.id,
            "name": a.name(lang),
            "related": [{**summary(s, lang), "why": dict(r.why)} for r, s in items],
        }
    )


def search(hits: Sequence[Hit], query: str, lang: str) -> str:
    return dumps(
        {
            "query": query,
            "results": [
                {
                    **summary(h.summary, lang),
                    "matched_in": {"lang": h.lang or None, "field": h.field},
                    "snippet": "".join(h.snippet),
                }
                for h in hits
            ],
        }
    )


def problems(articles: int, found: Sequence[Problem]) -> str:
    return dumps(
        {
            "articles": articles,
            "problems": [
                {"path": str(p.path), "line": p.line, "message": p.message} for p in found
            ],
        }
    )


def categories(by_category: dict[str, int], by_status: dict[str, int]) -> str:
    return dumps({"categories": by_category, "statuses": by_status})
