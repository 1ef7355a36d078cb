"""What a person may type as a filter's value: the value itself, or what the
tables print ("a known side effect", "ointment", "Dermatology", "皮肤科"), in any
case and either language, and a few everyday words ("oral", "side effect").

Each kind maps what was typed to the values it stands for: "ointment" is both
ointment strengths, "oral" every form taken by mouth.
"""

from functools import cache

from tacref.i18n import HANT, heading, t
from tacref.model import (
    CATEGORIES,
    EFFECTS,
    FORMS,
    LANGS,
    ROUTES,
    SEVERITIES,
    STATUSES,
)
from tacref.names import normalize

KINDS = ("category", "status", "form", "effect", "severity", "section")
ORAL = ("capsule", "extended-release", "granules")
INJECTION = ("injection",)
# Words a person uses that no table prints, for the forms and statuses.
_EVERYDAY: dict[str, dict[str, tuple[str, ...]]] = {
    "form": {
        **dict.fromkeys(("oral", "by mouth", "tablet", "tablets", "capsules", "口服"), ORAL),
        **dict.fromkeys(
            ("iv", "intravenous", "infusion", "drip", "静脉", "输液", "靜脈", "輸液"), INJECTION
        ),
        **dict.fromkeys(
            ("skin", "cream", "外用", "皮肤", "皮膚"), ("ointment-0.03", "ointment-0.1")
        ),
        **dict.fromkeys(("eye drop", "眼", "眼药水", "眼藥水"), ("eye-drops",)),
    },
    "status": dict.fromkeys(
        ("side effect", "adverse effect", "不良反应", "不良反應"), ("adverse-effect",)
    ),
    "section": {
        "side effects": ("side_effects",),
        **dict.fromkeys(("紧急", "緊急", "急救"), ("urgent",)),
    },
}
# The labels as tables print them in every language a reader may see: traditional
# characters too (皮膚科), as a reader under zh_TW reads and copies them.
_SHOWN = (*LANGS, *HANT)


def values(kind: str) -> tuple[str, ...]:
    """The canonical values of ``kind``, as --help and completion list them."""
    if kind == "form":
        return (*FORMS, *ROUTES)
    if kind == "section":
        return tuple(s.replace("_", "-") for s in _sections())
    return {"category": CATEGORIES, "status": STATUSES, "effect": EFFECTS, "severity": SEVERITIES}[
        kind
    ]


def read(kind: str, typed: str) -> tuple[str, ...] | None:
    """The values ``typed`` stands for (a form: form ids), or None if it names none:
    a value or label in full, else a part of labels that all mean the same
    ("urgent help", "紧急", "derm")."""
    key = normalize(typed)
    table = _table(kind)
    if key in table:
        return table[key]
    if len(key) < (2 if key and not key.isascii() else 3):
        return None
    meant = {m for said, m in table.items() if key in said}
    return meant.pop() if len(meant) == 1 else None


@cache
def _table(kind: str) -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for said, meant in _said(kind):
        table.setdefault(normalize(said), meant)
    for said, meant in _EVERYDAY.get(kind, {}).items():
        table.setdefault(normalize(said), meant)
    return table


def _said(kind: str) -> list[tuple[str, tuple[str, ...]]]:
    """(what a person may type, the values it means): each value, then each label."""
    if kind == "form":
        return _form_words()
    if kind == "section":
        return _section_words()
    pairs = [(v, (v,)) for v in values(kind)]
    pairs += [(t(lang, f"{kind}:{v}"), (v,)) for lang in _SHOWN for v in values(kind)]
    return pairs


def _form_words() -> list[tuple[str, tuple[str, ...]]]:
    by_route = {r: tuple(f for f, route in FORMS.items() if route == r) for r in ROUTES}
    pairs = [(f, (f,)) for f in FORMS] + [(r, by_route[r]) for r in ROUTES]
    for lang in _SHOWN:
        pairs += [(t(lang, f"form:{f}"), (f,)) for f in FORMS]
        for r in ROUTES:
            pairs += [(t(lang, f"short:{r}"), by_route[r]), (t(lang, f"route:{r}"), by_route[r])]
    return pairs


def _sections() -> tuple[str, ...]:
    from tacref.views import SHOW_SECTIONS

    return SHOW_SECTIONS


def _section_words() -> list[tuple[str, tuple[str, ...]]]:
    """Each section by its key and by every heading it is shown under."""
    pairs = [(s, (s,)) for s in _sections()]
    for lang in _SHOWN:
        for s in _sections():
            pairs += [(heading(lang, s, status), (s,)) for status in ("", "adverse-effect")]
    return pairs


def shown(kind: str, lang: str = "en") -> str:
    """The values of ``kind`` for --help: each with the label tables print when
    it differs ("no-established-role (no established role)")."""
    out = []
    for v in values(kind):
        key = v.replace("-", "_") if kind == "section" else v
        label = _label(kind, key, lang)
        same = not label or normalize(label) == normalize(v)
        out.append(v if same else f"{v} ({label})")
    return ", ".join(out)


def _label(kind: str, value: str, lang: str) -> str:
    if kind == "section":
        return heading(lang, value, "")
    if kind == "form":
        return t(lang, f"form:{value}") if value in FORMS else t(lang, f"short:{value}")
    return t(lang, f"{kind}:{value}")
