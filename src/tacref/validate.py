"""Check one parsed data file against the schema and the rules a schema cannot say."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from functools import lru_cache
from itertools import islice
from pathlib import Path
from typing import Any

from tacref.errors import Problem, first_problems
from tacref.loader import Document
from tacref.model import (
    FORMS,
    LANGS,
    Article,
    Interaction,
    Product,
    Profile,
    Vocabulary,
    merge_side_effects,
)
from tacref.sanitize import has_unsafe, one_line, quoted, without_ignorable


@lru_cache(maxsize=2)
def _schema(schema_path: Path) -> dict[str, Any]:
    return json.loads(schema_path.read_text(encoding="utf-8"))


@lru_cache(maxsize=8)
def _fast_validator(schema_path: Path) -> Any:
    """The schema's fastjsonschema validator: the generated module of that name
    (scripts/validators.py) when it was made from this very file, else compiled
    now (0.1-0.5 s: a build's first file, and every update after an edit, paid it)."""
    generated = _generated(schema_path)
    if generated is not None:
        return generated
    import fastjsonschema

    return fastjsonschema.compile(_schema(schema_path))


def _generated(schema_path: Path) -> Any:
    """``validate`` of tacref.validators.<kind> if its SOURCE_CRC is the crc32 of
    the schema at ``schema_path`` (a schema edited without regenerating, or another
    schema of the same name, is compiled instead), else None."""
    import importlib
    import zlib

    kind = schema_path.name.removesuffix(".schema.json")
    if not schema_path.name.endswith(".schema.json") or not kind.isidentifier():
        return None
    try:
        raw = schema_path.read_bytes()
        module = importlib.import_module(f"tacref.validators.{kind}")
    except (OSError, ImportError):
        return None
    return module.validate if getattr(module, "SOURCE_CRC", None) == zlib.crc32(raw) else None


def warm(schema_path: Path) -> None:
    """Make the article validator now: workers forked after this inherit it instead
    of each importing (or compiling) it again."""
    _fast_validator(schema_path)


@lru_cache(maxsize=2)
def _validator(schema_path: Path) -> Any:
    from jsonschema import Draft202012Validator, validators

    checker = validators.extend(Draft202012Validator, {"uniqueItems": _unique_items})
    return checker(_schema(schema_path))


# Schema errors looked at in one file (jsonschema takes ~0.1 ms for each, and a file
# may hold 50,000 values); the first errors.MAX_PER_FILE of them are listed.
MAX_EXAMINED = 1000
Where = tuple[str | int, ...]


Profiles = Mapping[str, Sequence[Mapping[str, Any]]]  # route -> its rows (side_effect_mapping)


def check(
    doc: Document, schema_path: Path, profiles: Profiles | None = None
) -> tuple[Article | None, list[Problem]]:
    """The article in ``doc`` if it is valid, and its problems (see ``_reported``).

    ``profiles`` are the side-effect profiles its rows come from (see
    ``model.merge_side_effects``); without them only the article's own rows count.
    """
    profiles = profiles or {}
    problems = _problems(doc, schema_path, lambda d: _rules(d, profiles))
    if problems:
        return None, problems
    data = doc.data
    merged = {
        **data,
        "side_effects": merge_side_effects(data, profiles),
        "side_effect_note": data["side_effects"].get("note"),
    }
    return Article.from_mapping(merged), []


def check_product(doc: Document, schema_path: Path) -> tuple[Product | None, list[Problem]]:
    """The product in ``doc`` (a file of data/forms/) if it is valid, and its problems."""
    problems = _problems(doc, schema_path, _product_rules)
    return (None, problems) if problems else (Product.from_mapping(doc.data), [])


def check_profile(doc: Document, schema_path: Path) -> tuple[Profile | None, list[Problem]]:
    """The side-effect profile in ``doc`` (data/side-effects/) if valid, and its problems."""
    problems = _problems(doc, schema_path, _profile_rules)
    return (None, problems) if problems else (Profile.from_mapping(doc.data), [])


def check_interaction(doc: Document, schema_path: Path) -> tuple[Interaction | None, list[Problem]]:
    """The interaction card in ``doc`` (data/interactions/) if valid, and its problems."""
    problems = _problems(doc, schema_path, _interaction_rules)
    return (None, problems) if problems else (Interaction.from_mapping(doc.data), [])


def check_vocabulary(doc: Document, schema_path: Path) -> tuple[Vocabulary | None, list[Problem]]:
    """The symptom vocabulary in ``doc`` (data/symptoms/) if valid, and its problems."""
    problems = _problems(doc, schema_path, _vocabulary_rules)
    return (None, problems) if problems else (Vocabulary.from_mapping(doc.data), [])


def check_notes(doc: Document, schema_path: Path) -> tuple[dict[str, str] | None, list[Problem]]:
    """A user's local notes on an article (``<id>.notes.yaml``) if valid, and its problems."""
    problems = _problems(doc, schema_path, lambda d: _control_rules(d, ()))
    return (None, problems) if problems else ({k: v.strip() for k, v in doc.data.items()}, [])


Rules = Iterator[tuple[tuple[str | int, ...], str]]


def _problems(doc: Document, schema_path: Path, rules: Any) -> list[Problem]:
    """Schema problems; when there are none, the problems of ``rules`` (each as
    ``_reported`` gives them). A file that is not this kind of data at all is one
    problem that says what is there instead (``_not_this_kind``)."""
    foreign = _not_this_kind(doc, _schema(schema_path))
    if foreign is not None:
        return [foreign]
    problems = _reported(doc, _schema_problems(doc, schema_path))
    if not problems:
        problems = _reported(doc, rules(doc))
    return problems


def _reported(doc: Document, found: Iterable[tuple[Where, str]]) -> list[Problem]:
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


# What the problems of a file say, and what they never say: a value of the file.
#
# A data directory may hold a file that is no data of tacref's at all: a hard link
# to a file elsewhere passes the check that refuses links out of the directory (a
# hard link has no "elsewhere"), and jsonschema's messages repeat the value they
# refuse ("'https://alice:ghp_...@github.com' is not of type 'object'"). So a file
# that is not this kind of data is one problem that names only the shape of its top
# level, and every schema problem is said by its field, the rule and the kind or
# shape of the value ("id: must be lowercase letters and digits joined by '-' (this
# one: 18 characters, with upper-case letters and '_')"), never by the value: the
# author has it at the line the problem names. Keys are named (an unknown key, a
# missing one): they are the file's structure, and only in a file that has a key of
# this kind.


def _not_this_kind(doc: Document, schema: Mapping[str, Any]) -> Problem | None:
    """One problem if ``doc`` is not this kind of data at all (its top level is not
    a mapping, or has none of the keys the schema knows), else None."""
    data = doc.data
    noun = _a(str(schema.get("title", "tacref data file")).removeprefix("tacref "))
    known = schema.get("properties", {})
    if not isinstance(data, dict):
        what = f"the top level is {_kind(data)}, not a mapping"
    elif not data:
        what = "the top level is an empty mapping"
    elif not any(key in known for key in data):
        keys = "its only key is not" if len(data) == 1 else f"none of its {len(data)} keys is"
        what = f"{keys} one {noun} has ({', '.join(list(known)[:4])}, ...)"
    else:
        return None
    return Problem(doc.path, doc.line_of(()), f"not {noun}: {what}")


def _a(noun: str) -> str:
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def _kind(value: Any) -> str:
    """What ``value`` is, in the words of a YAML file (never the value itself)."""
    if isinstance(value, bool):
        return "true or false"
    if value is None:
        return "empty (null)"
    for kind, name in ((dict, "a mapping"), (list, "a list"), (str, "a string")):
        if isinstance(value, kind):
            return name
    return "a number" if isinstance(value, (int, float)) else "a value"


_EXPECTED = {
    "object": "a mapping",
    "array": "a list",
    "string": "a string",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty (null)",
}


def _schema_problem(error: Any) -> tuple[Where, str]:
    """Where ``error`` is, and what is wrong there: said by ``_SAID`` from the rule
    and the kind of value, never by jsonschema's message (it quotes the value)."""
    said = _SAID.get(error.validator)
    message = said(error) if said else f"breaks the schema's {error.validator!r} rule"
    if "propertyNames" in error.schema_path:
        message = f"a key: {message}"
    return tuple(error.absolute_path), message


def _type_said(error: Any) -> str:
    expected = error.validator_value
    names = [_EXPECTED.get(t, t) for t in ([expected] if isinstance(expected, str) else expected)]
    return f"{_kind(error.instance)}, not {' or '.join(names)}"  # the top level: _not_this_kind


def _enum_said(error: Any) -> str:
    allowed = [str(v) for v in error.validator_value]
    listed = ", ".join(allowed[:12]) + (", ..." if len(allowed) > 12 else "")
    close = []
    if isinstance(error.instance, str):  # only an allowed value is repeated
        close = difflib.get_close_matches(error.instance[:80], allowed, n=1)
    return f"must be one of: {listed}" + (f" (did you mean {close[0]!r}?)" if close else "")


def _length_said(error: Any) -> str:
    n, limit = len(error.instance), error.validator_value
    if error.validator == "minLength":
        return "is empty" if n == 0 else f"must have at least {limit} characters (it has {n})"
    return f"must have at most {limit} characters (it has {n})"


def _items_said(error: Any) -> str:
    n, limit = len(error.instance), error.validator_value
    if error.validator == "minItems":
        return "is an empty list" if n == 0 else f"needs at least {limit} items (it has {n})"
    return f"must have at most {limit} items (it has {n})"


def _keys_said(error: Any) -> str:
    n, limit = len(error.instance), error.validator_value
    most = "at least" if error.validator == "minProperties" else "at most"
    return f"must have {most} {limit} keys (it has {n})"


_BOUNDS = {
    "minimum": "at least",
    "maximum": "at most",
    "exclusiveMinimum": "more than",
    "exclusiveMaximum": "less than",
}


def _one_of_said(error: Any) -> str:
    """``oneOf`` branches that each only require a key (a level's ``at_least`` or
    ``at_most``) are said as those keys."""
    keys = [b["required"][0] for b in error.validator_value if list(b) == ["required"]]
    if len(keys) == len(error.validator_value):
        return f"needs exactly one of: {', '.join(keys)}"
    return "matches none, or more than one, of the forms allowed here"


# What each pattern of the schemas asks for, in words, and the characters it allows.
_PATTERNS = {
    "^[a-z0-9]+(-[a-z0-9]+)*$": ("must be lowercase letters and digits joined by '-'", "a-z0-9-"),
    "^[a-z0-9]+(-[a-z0-9]+)*/[a-z0-9]+(-[a-z0-9]+)*$": (
        "must be a profile and its row joined by '/' (systemic/tremor)",
        "a-z0-9/-",
    ),
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": ("must be a date written YYYY-MM-DD", "0-9-"),
}


def _pattern_said(error: Any) -> str:
    """The rule, and the shape of the value that breaks it: its length and the kinds
    of character the rule does not allow (an 'id' that is a token is not repeated)."""
    words, chars = _PATTERNS.get(error.validator_value, ("does not have the form asked for", ""))
    return f"{words} ({_shape(error.instance, chars)})"


def _shape(text: str, allowed: str) -> str:
    if not text:
        return "this one is empty"
    others = re.sub(f"[{allowed}]", "", text) if allowed else ""
    kinds = list(dict.fromkeys(map(_char_kind, others)))
    if not kinds and "-" in allowed and (text[0] == "-" or text[-1] == "-" or "--" in text):
        kinds = ["'-' at an end, or two together"]
    n = len(text)
    return f"this one: {n} character{'s' if n > 1 else ''}" + (
        f", with {_listed(kinds)}" if kinds else ""
    )


def _char_kind(ch: str) -> str:
    if "A" <= ch <= "Z":
        return "upper-case letters"
    if "a" <= ch <= "z":
        return "letters"
    if "0" <= ch <= "9":
        return "digits"
    if ch in "\r\n":
        return "a line break"
    if ch.isspace():
        return "spaces"
    if ch.isascii() and ch.isprintable():
        return repr(ch)  # one punctuation mark says what to fix, and nothing more
    return "letters other than a-z" if ch.isalpha() else "other characters"


def _listed(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _bound_said(error: Any) -> str:
    return f"must be {_BOUNDS[error.validator]} {error.validator_value}"


_SAID: dict[str, Any] = {
    "type": _type_said,
    "enum": _enum_said,
    "const": lambda e: f"must be {e.validator_value!r}",
    "pattern": _pattern_said,
    "minLength": _length_said,
    "maxLength": _length_said,
    "minItems": _items_said,
    "maxItems": _items_said,
    "minProperties": _keys_said,
    "maxProperties": _keys_said,
    **dict.fromkeys(_BOUNDS, _bound_said),
    "oneOf": _one_of_said,
    # The messages of these name the schema's keys, or a place, never a value:
    "required": lambda e: e.message,  # "'zh' is a required property"
    "uniqueItems": lambda e: e.message,  # _unique_items': "the same as item [2]"
    "additionalProperties": lambda e: _unknown_keys_message(e),
    "format": lambda e: f"is not a valid {e.validator_value}",
}


def _unique_items(validator: Any, unique: Any, instance: Any, schema: Any) -> Iterator[Any]:
    """``uniqueItems`` in one pass: jsonschema's own compares every pair of items
    when they do not sort (mixed types), which took minutes for 50,000 of them."""
    if not unique or not validator.is_type(instance, "array"):
        return
    from jsonschema import ValidationError

    seen: dict[Any, int] = {}
    for n, item in enumerate(instance):
        first = seen.setdefault(_comparable(item), n)
        if first != n:  # said by its place, not its value (see _schema_problem)
            yield ValidationError(f"the same as item [{first}]", path=(n,))
            return


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
    return quoted(value, limit)


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


_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _common_rules(doc: Document) -> Rules:
    """What every kind of file must get right: its id, its review date."""
    d: Mapping[str, Any] = doc.data
    if not _SLUG.fullmatch(d["id"]):  # the schema's "$" lets a final newline through
        shape = _shape(d["id"], "a-z0-9-")
        yield ("id",), f"id must be lowercase letters and digits joined by '-' ({shape})"
    elif d["id"] != doc.path.stem:
        yield ("id",), f"id {d['id']!r} must match the file name {doc.path.stem!r}"
    try:  # a date after today is only a warning (see date_warnings): what a build
        dt.date.fromisoformat(d["reviewed"])  # keeps must not depend on the clock
    except ValueError:
        yield ("reviewed",), f"not a date: {d['reviewed']!r}"


def _rules(doc: Document, profiles: Profiles) -> Rules:
    d: Mapping[str, Any] = doc.data
    yield from _common_rules(doc)
    yield from _review_due_rules(d)
    if d["status"] == "approved" and not d["approvals"]:
        yield ("approvals",), "status 'approved' needs at least one approval"
    yield from _side_effect_rules(d, profiles)
    for i, a in enumerate(d["approvals"]):
        for f in set(a["forms"]) - set(d["forms"]):
            yield ("approvals", i, "forms"), f"approved form {f!r} is not in the article's forms"
    faq_counts = {lang: len(d["text"][lang]["faq"]) for lang in LANGS}
    if len(set(faq_counts.values())) > 1:
        yield ("text",), f"every language needs the same number of FAQ entries: {faq_counts}"
    for i, r in enumerate(d["related"]):
        if r["id"] == d["id"]:
            yield ("related", i, "id"), "an article cannot be related to itself"
    yield from _control_rules(doc, ("names", "aliases"))


def _review_due_rules(d: Mapping[str, Any]) -> Rules:
    """A review_due is a real date after the review (a past one is only a warning:
    see ``past_due``)."""
    if "review_due" not in d:
        return
    try:
        due = dt.date.fromisoformat(d["review_due"])
    except ValueError:
        yield ("review_due",), f"not a date: {d['review_due']!r}"
        return
    try:
        if due <= dt.date.fromisoformat(d["reviewed"]):
            yield ("review_due",), f"review_due {d['review_due']} is not after reviewed"
    except ValueError:
        pass  # reported by _common_rules


def date_warnings(articles: Iterable[tuple[Article, Path]], today: str) -> list[Problem]:
    """A warning for each article whose review date has passed, at its review_due line
    (or reviewed's, when review_due is defaulted): still valid, but due for review;
    and for each reviewed after ``today`` (a typo in the year, or a clock behind)."""
    found = []
    for a, path in articles:
        if a.past_due(today):
            message = f"warning: past its review date {a.review_due} (reviewed {a.reviewed})"
            found.append(Problem(path, _key_line(path, ("review_due", "reviewed")), message))
        if a.reviewed > today:
            message = f"warning: reviewed {a.reviewed}, a date after today ({today})"
            found.append(Problem(path, _key_line(path, ("reviewed",)), message))
    return found


def _key_line(path: Path, keys: tuple[str, ...]) -> int:
    """The line of the first of ``keys`` at the top level of a YAML file; 0 if none."""
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return 0
    for key in keys:
        for n, line in enumerate(lines, 1):
            if line.startswith(f"{key}:"):
                return n
    return 0


def _side_effect_rules(d: Mapping[str, Any], profiles: Profiles) -> Rules:
    """Overrides name a row of a profile the article uses; its own rows are new ones."""
    routes = {FORMS[f] for f in d["forms"]}
    own = d["side_effects"]
    rows = {r["id"] for route in routes & set(profiles) for r in profiles[route]}
    everywhere = {r["id"] for p in profiles.values() for r in p}
    extra = {s["id"] for s in own.get("extra", ())}
    for i, row_id in enumerate(own.get("focus", ())):
        if row_id not in rows and row_id not in extra:
            where = ("side_effects", "focus", i)
            yield where, f"no side effect {row_id!r} in the profiles of {sorted(routes)}"
    seen: set[str] = set()
    for i, o in enumerate(own.get("overrides", ())):
        where = ("side_effects", "overrides", i, "id")
        if o["id"] in seen:
            yield where, f"{o['id']!r} is overridden twice"
        seen.add(o["id"])
        if o["id"] not in rows:
            yield where, f"no side effect {o['id']!r} in the profiles of {sorted(routes)}"
    for i, s in enumerate(own.get("extra", ())):
        if s["form"] not in routes:
            yield (
                ("side_effects", "extra", i, "form"),
                f"side effect is for {s['form']!r} but the article covers {sorted(routes)}",
            )
        if s["id"] in everywhere or s["id"] in seen:
            yield (
                ("side_effects", "extra", i, "id"),
                f"{s['id']!r} is a profile's row already: change it with an override",
            )
        seen.add(s["id"])


def _product_rules(doc: Document) -> Rules:
    yield from _common_rules(doc)
    yield from _control_rules(doc, ("names", "brands", "aliases"))


def _profile_rules(doc: Document) -> Rules:
    yield from _common_rules(doc)
    seen: set[str] = set()
    for i, row in enumerate(doc.data["effects"]):
        if row["id"] in seen:
            yield ("effects", i, "id"), f"{row['id']!r} is listed twice"
        seen.add(row["id"])
        yield from single_line(row["lay"], ("effects", i, "lay"))  # matched as typed
    yield from _control_rules(doc, ("names",))


def _interaction_rules(doc: Document) -> Rules:
    d = doc.data
    yield from _common_rules(doc)
    if d["effect"] == "adds-toxicity" and not d.get("toxicity"):
        yield ("toxicity",), "effect 'adds-toxicity' needs the toxicity it adds"
    if (d["effect"] == "no-meaningful-interaction") != (d["severity"] == "none"):
        yield ("severity",), "severity 'none' goes with effect 'no-meaningful-interaction', only"
    yield from _control_rules(doc, ("names", "aliases"))


def _vocabulary_rules(doc: Document) -> Rules:
    yield from _common_rules(doc)
    yield from _control_rules(doc, ("intensifiers",))
    for n, flag in enumerate(doc.data.get("red_flags", ())):
        yield from single_line(flag["words"], ("red_flags", n, "words"))
    for n, pair in enumerate(doc.data.get("combinations", ())):
        yield from single_line(pair.get("words", {}), ("combinations", n, "words"))
        for side in pair.get("words", {}):
            if side not in pair["rows"]:
                yield ("combinations", n, "words"), f"{side!r} is not one of its rows"


def _control_rules(doc: Document, name_fields: tuple[str, ...]) -> Rules:
    """Names are one line of visible text; no value holds a control character."""
    d = doc.data
    names = [w for field in name_fields for w in single_line(d[field], (field,))]
    yield from names
    if has_unsafe(doc.text) or _hidden(doc.text) or _escapes().search(doc.text):
        said = {where for where, _ in names}
        for where, value in _strings(d, ()):
            if where in said:
                continue
            if (ch := _hidden(value)) is not None:
                yield where, f"contains U+{ord(ch):04X} ({_describe(ch)}), which no one can see"
            elif has_unsafe(value):
                yield where, "contains a control character"


# Not one line of visible text, by Unicode category: controls (C0 and C1: newline,
# tab, escape...), format characters (bidi marks and controls, zero-width space and
# joiners, soft hyphen, byte-order mark, tags), line and paragraph separators, lone
# surrogates, private use and unassigned code points (a later Unicode, or a font,
# may draw them as anything, or as nothing).
_NOT_IN_A_NAME = frozenset(("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"))
# Letters and symbols drawn as blank: two names that differ by one look the same.
# (Unicode's default-ignorable letters, such as the Hangul fillers, are found by
# ``sanitize.without_ignorable``.)
_BLANK = frozenset("\u2800\U0001d159")


def _invisible(text: str) -> str | None:
    """The first character of ``text`` that is not visible text on one line."""
    if text.isprintable() and text.isascii():  # the usual case
        return None
    import unicodedata

    hidden = without_ignorable(text) != text
    return next(
        (
            ch
            for ch in text
            if ch in _BLANK
            or unicodedata.category(ch) in _NOT_IN_A_NAME
            or (hidden and without_ignorable(ch) == "")
        ),
        None,
    )


# Not in any text: what a terminal does not show (format characters: bidi marks,
# zero-width characters, tags that hide words from the eye but not from a copy),
# private use, unassigned, lone surrogates, line and paragraph separators (a line
# break no terminal draws), and the letters drawn as nothing (Hangul fillers, the
# combining grapheme joiner: default-ignorable) or blank (_BLANK). English and
# Chinese need none of them.
_HIDDEN_IN_TEXT = frozenset(("Cf", "Co", "Cn", "Cs", "Zl", "Zp"))
# Whitespace a text may hold: the rest of the check is str.isprintable, in C.
_SPACING = dict.fromkeys(map(ord, "\n\t\r\u3000\xa0\u2009\u202f"))


def _hidden(text: str) -> str | None:
    """The first character of ``text`` (a body text) a reader cannot see."""
    blank = any(b in text for b in _BLANK)
    if text.translate(_SPACING).isprintable() and not blank and without_ignorable(text) == text:
        return None  # the usual case
    import unicodedata

    return next(
        (
            ch
            for ch in text
            if unicodedata.category(ch) in _HIDDEN_IN_TEXT
            or ch in _BLANK
            or without_ignorable(ch) == ""
        ),
        None,
    )


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
        bad = _invisible(text)
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
    if name:
        return name.lower()
    other = {"Cn": "an unassigned code point", "Co": "a private-use character"}
    return other.get(unicodedata.category(ch), "a control character")


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
