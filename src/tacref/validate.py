"""Check one parsed data file against the schema and the rules a schema cannot say."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from tacref.errors import Problem, first_problems
from tacref.loader import Document
from tacref.model import FORMS, LANGS, Article
from tacref.sanitize import has_unsafe, one_line


@lru_cache(maxsize=2)
def _schema(schema_path: Path) -> dict[str, Any]:
    return json.loads(schema_path.read_text(encoding="utf-8"))


@lru_cache(maxsize=2)
def _fast_validator(schema_path: Path) -> Any:
    import fastjsonschema

    return fastjsonschema.compile(_schema(schema_path))


@lru_cache(maxsize=2)
def _validator(schema_path: Path) -> Any:
    from jsonschema import Draft202012Validator, validators

    checker = validators.extend(Draft202012Validator, {"uniqueItems": _unique_items})
    return checker(_schema(schema_path))


# Schema errors looked at in one file (jsonschema takes ~0.1 ms for each, and a file
# may hold 50,000 values); the first errors.MAX_PER_FILE of them are listed.
MAX_EXAMINED = 1000
Where = tuple[str | int, ...]


def check(doc: Document, schema_path: Path) -> tuple[Article | None, list[Problem]]:
    """The article in ``doc`` if it is valid, and its problems (see ``_problems``)."""
    problems = _problems(doc, _schema_problems(doc, schema_path))
    if not problems:
        problems = _problems(doc, _rules(doc))
    if problems:
        return None, problems
    return Article.from_mapping(doc.data), []


def _problems(doc: Document, found: Iterable[tuple[Where, str]]) -> list[Problem]:
    """One file's problems, each at its line: at most MAX_EXAMINED are looked at,
    the first few are listed, one line counts the rest (``errors.first_problems``);
    the file's node tree is composed once, by the first ``line_of``."""
    examined = list(islice(found, MAX_EXAMINED + 1))
    problems = [
        Problem(doc.path, doc.line_of(w), one_line(f"{_dotted(w)}: {m}" if w else m, 300))
        for w, m in examined[:MAX_EXAMINED]
    ]
    unseen = len(examined) > MAX_EXAMINED
    return first_problems(problems, more=int(unseen), at_least=unseen)


def _schema_problems(doc: Document, schema_path: Path) -> Iterator[tuple[Where, str]]:
    """The same schema, two validators: fastjsonschema's generated code says yes
    or no ten times faster; jsonschema lists the problems, on the rare no."""
    import fastjsonschema

    try:
        _fast_validator(schema_path)(doc.data)
        return iter(())
    except fastjsonschema.JsonSchemaException:
        return map(_schema_problem, _validator(schema_path).iter_errors(doc.data))


def _schema_problem(error: Any) -> tuple[Where, str]:
    message = error.message
    if error.validator == "additionalProperties":
        message = _unknown_keys_message(error)
    return tuple(error.absolute_path), message


def _unique_items(validator: Any, unique: Any, instance: Any, schema: Any) -> Iterator[Any]:
    """``uniqueItems`` in one pass: jsonschema's own compares every pair of items
    when they do not sort (mixed types), which took minutes for 50,000 of them."""
    if not unique or not validator.is_type(instance, "array"):
        return
    from jsonschema import ValidationError

    seen: set[Any] = set()
    for item in instance:
        key = _comparable(item)
        if key in seen:
            yield ValidationError(f"{_shown(item)} appears more than once")
            return
        seen.add(key)


def _comparable(value: Any) -> Any:
    """A hashable stand-in that is equal where JSON values are (1 and 1.0 alike,
    true and 1 not, lists in order, mappings in any order)."""
    if isinstance(value, bool) or value is None:
        return ("b", value)
    if isinstance(value, (int, float)):
        return ("n", value)
    if isinstance(value, list):
        return ("l", tuple(map(_comparable, value)))
    if isinstance(value, dict):
        return ("d", frozenset((k, _comparable(v)) for k, v in value.items()))
    return ("s", value)


def _shown(value: Any, limit: int = 60) -> str:
    """A value in a message: its repr, cut to ``limit`` (a file may hold long ones)."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _unknown_keys_message(error: Any) -> str:
    allowed = list(error.schema.get("properties", {}))
    unknown = sorted(set(error.instance) - set(allowed), key=str)
    parts = []
    for key in unknown[:5]:
        close = difflib.get_close_matches(str(key)[:80], allowed, n=1)
        parts.append(
            f"unknown key {_shown(key)}" + (f" (did you mean {close[0]!r}?)" if close else "")
        )
    if len(unknown) > 5:
        parts.append(f"and {len(unknown) - 5} more unknown keys")
    return "; ".join(parts) or error.message


def _dotted(where: Where) -> str:
    out = ""
    for step in where:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def _rules(doc: Document) -> Iterator[tuple[Where, str]]:
    d: Mapping[str, Any] = doc.data
    if d["id"] != doc.path.stem:
        yield ("id",), f"id {d['id']!r} must match the file name {doc.path.stem!r}"
    try:
        reviewed = dt.date.fromisoformat(d["reviewed"])
        if reviewed > dt.date.today():
            yield ("reviewed",), "review date is in the future"
    except ValueError:
        yield ("reviewed",), f"not a date: {d['reviewed']!r}"
    if d["status"] == "approved" and not d["approvals"]:
        yield ("approvals",), "status 'approved' needs at least one approval"
    routes = {FORMS[f] for f in d["forms"]}
    for i, s in enumerate(d["side_effects"]):
        if s["form"] not in routes:
            yield (
                ("side_effects", i, "form"),
                (f"side effect is for {s['form']!r} but the article covers {sorted(routes)}"),
            )
    for i, a in enumerate(d["approvals"]):
        for f in set(a["forms"]) - set(d["forms"]):
            yield ("approvals", i, "forms"), f"approved form {f!r} is not in the article's forms"
    faq_counts = {lang: len(d["text"][lang]["faq"]) for lang in LANGS}
    if len(set(faq_counts.values())) > 1:
        yield ("text",), f"every language needs the same number of FAQ entries: {faq_counts}"
    for i, r in enumerate(d["related"]):
        if r["id"] == d["id"]:
            yield ("related", i, "id"), "an article cannot be related to itself"
    if has_unsafe(doc.text) or _escapes().search(doc.text):
        for where, value in _strings(d, ()):
            if has_unsafe(value):
                yield where, "contains a control character"


@lru_cache(maxsize=1)
def _escapes() -> re.Pattern[str]:
    """A double-quoted escape other than those of newline, tab, quote, backslash,
    space or slash: the only way a value gets a character its file does not show."""
    return re.compile(r'\\[^nt"\\ /]')


def _strings(
    value: Any, where: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    if isinstance(value, str):
        yield where, value
    elif isinstance(value, Mapping):
        for k, v in value.items():
            yield from _strings(v, (*where, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, (*where, i))
