"""Check one parsed data file against the schema and the rules a schema cannot say."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from tacref.errors import Problem
from tacref.loader import Document
from tacref.model import FORMS, LANGS, Article
from tacref.sanitize import has_unsafe


@lru_cache(maxsize=2)
def _schema(schema_path: Path) -> dict[str, Any]:
    return json.loads(schema_path.read_text(encoding="utf-8"))


@lru_cache(maxsize=2)
def _fast_validator(schema_path: Path) -> Any:
    import fastjsonschema

    return fastjsonschema.compile(_schema(schema_path))


@lru_cache(maxsize=2)
def _validator(schema_path: Path) -> Any:
    from jsonschema import Draft202012Validator

    return Draft202012Validator(_schema(schema_path))


def check(doc: Document, schema_path: Path) -> tuple[Article | None, list[Problem]]:
    """The article in ``doc`` if it is valid, and every problem found in it."""
    problems = _schema_problems(doc, schema_path)
    if not problems:
        problems = [
            Problem(doc.path, doc.line_of(w), f"{_dotted(w)}: {msg}") for w, msg in _rules(doc)
        ]
    if problems:
        return None, sorted(problems)
    return Article.from_mapping(doc.data), []


def _schema_problems(doc: Document, schema_path: Path) -> list[Problem]:
    """The same schema, two validators: fastjsonschema's generated code says yes
    or no ten times faster; jsonschema lists every problem, on the rare no."""
    import fastjsonschema

    try:
        _fast_validator(schema_path)(doc.data)
        return []
    except fastjsonschema.JsonSchemaException:
        return [_schema_problem(doc, e) for e in _validator(schema_path).iter_errors(doc.data)]


def _schema_problem(doc: Document, error: Any) -> Problem:
    where = tuple(error.absolute_path)
    message = error.message
    if error.validator == "additionalProperties":
        message = _unknown_keys_message(error)
    return Problem(
        doc.path, doc.line_of(where), f"{_dotted(where)}: {message}" if where else message
    )


def _unknown_keys_message(error: Any) -> str:
    allowed = list(error.schema.get("properties", {}))
    parts = []
    for key in sorted(set(error.instance) - set(allowed), key=str):
        close = difflib.get_close_matches(str(key), allowed, n=1)
        parts.append(f"unknown key {key!r}" + (f" (did you mean {close[0]!r}?)" if close else ""))
    return "; ".join(parts) or error.message


def _dotted(where: tuple[str | int, ...]) -> str:
    out = ""
    for step in where:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else str(step))
    return out


def _rules(doc: Document) -> Iterator[tuple[tuple[str | int, ...], str]]:
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
    names = [*single_line(d["names"], ("names",)), *single_line(d["aliases"], ("aliases",))]
    yield from names
    if has_unsafe(doc.text) or _escapes().search(doc.text):
        said = {where for where, _ in names}
        for where, value in _strings(d, ()):
            if has_unsafe(value) and where not in said:
                yield where, "contains a control character"


# Not one line of visible text: controls (C0 and C1: newline, tab, escape...),
# format characters (bidi controls, zero-width space and joiners, soft hyphen,
# byte-order mark), line and paragraph separators, and lone surrogates.
_NOT_IN_A_NAME = frozenset(("Cc", "Cf", "Zl", "Zp", "Cs"))


def single_line(
    value: Any, where: tuple[str | int, ...]
) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """A problem for each text in ``value`` (a text, or a mapping or list of them:
    names, aliases, brands) that is not one line of visible text.

    Names are printed inside one-line messages and lists, offered to the shell
    by completion, and matched as typed: a newline or a tab there splits a line,
    an invisible character makes two names that look alike. Use it in the rules
    of every kind of data with names: ``yield from single_line(d["names"], ("names",))``.
    """
    for path, text in _strings(value, where):
        if text.isprintable():  # the usual case: nothing to look at one by one
            continue
        import unicodedata

        bad = next((ch for ch in text if unicodedata.category(ch) in _NOT_IN_A_NAME), None)
        if bad is not None:
            yield (
                path,
                f"must be one line of visible text: U+{ord(bad):04X} ({_describe(bad)}) "
                "is not allowed here",
            )


def _describe(ch: str) -> str:
    import unicodedata

    special = {"\n": "a line break", "\r": "a line break", "\t": "a tab"}
    if ch in special:
        return special[ch]
    name = unicodedata.name(ch, "")
    return name.lower() if name else "a control character"


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
