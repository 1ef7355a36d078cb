"""Make any text safe to print: no terminal control, no bidi spoofing."""

from __future__ import annotations

import re
from functools import cache


@cache
def _unsafe() -> re.Pattern[str]:
    """C0/C1 controls (newline and tab excepted), bidi marks, embeddings, overrides
    and isolates, zero-width characters, the byte-order mark and tag characters
    (invisible text that a copy, a screen reader or a language model still reads)."""
    return re.compile(
        r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e"
        r"\u2060-\u2064\u2066-\u2069\ufeff\U000e0000-\U000e007f]"
    )


def printable(text: str) -> str:
    """``text`` with each unsafe character shown as a visible escape such as ``\\x1b``."""
    text = encodable(text)
    if text.replace("\n", " ").replace("\t", " ").isprintable():  # the usual case: nothing to do
        return text
    return _unsafe().sub(_escape, text)


def has_unsafe(text: str) -> bool:
    """Does ``text`` hold a character that would drive the terminal (see ``_unsafe``)?"""
    return _unsafe().search(text) is not None


def _escape(match: re.Match[str]) -> str:
    return repr(match.group())[1:-1]


def inline(text: str) -> str:
    """A path or value inside a one-line message: ``printable``, and a newline or
    tab shown as ``\\n`` or ``\\t`` (a file name may hold one: it must not start a
    line of its own that reads like another message)."""
    text = printable(text)
    if "\n" in text or "\t" in text:
        text = text.replace("\n", "\\n").replace("\t", "\\t")
    return text


def json_safe(text: str) -> str:
    """JSON text with each unsafe character written as a ``\\uXXXX`` escape.

    ``json.dumps(..., ensure_ascii=False)`` keeps Chinese readable but escapes only
    C0 controls: DEL, C1 controls and bidi overrides would reach the terminal of
    whoever prints the JSON. Outside strings JSON is ASCII punctuation, so every
    such character is inside a string, where the escape means the same character.
    """
    if text.isascii() and "\x7f" not in text:  # the usual case: nothing to do
        return text
    return _unsafe().sub(_json_escape, text)


def _json_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def one_line(text: str, limit: int = 80) -> str:
    """User input echoed in a message: printable, on one line, cut to ``limit``."""
    return shorten(printable(text.replace("\n", " ").replace("\t", " ")), limit)


ECHO = 60  # characters of what a user typed that an error or hint repeats


def quoted(value: object, limit: int = ECHO) -> str:
    """``value`` repeated in a message (a user's question, a value from a file): its
    repr, of about ``limit`` characters. Text is cut before it is quoted, so the
    quote stays closed: a 3,000-word question comes back as 'its first words…'."""
    if isinstance(value, str):
        return repr(shorten(value, limit))
    return shorten(repr(value), limit)


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters, the last one "…" when cut."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def user_text(text: str, limit: int) -> str:
    """Text typed by a user, ready to look up: cut to ``limit``, invalid bytes as
    U+FFFD, invisible characters removed (see ``without_ignorable``)."""
    return without_ignorable(encodable(text[:limit]))


# Unicode's Default_Ignorable_Code_Point: characters a terminal shows as nothing
# (soft hyphen, zero-width space and joiners, word joiner, byte-order mark, bidi
# marks, Hangul fillers, variation selectors, tags). Copied text brings them along
# from web pages, PDFs and chats: "ches\u00adt pain" is "chest pain" to whoever reads it.
_IGNORABLE = (
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff0-\ufff8\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0000-\U000e0fff"
)


@cache
def _ignorable() -> re.Pattern[str]:
    return re.compile(f"[{_IGNORABLE}]")


def without_ignorable(text: str) -> str:
    """``text`` without default-ignorable code points: what a person typed or
    pasted, as they see it. Every lookup key (names, symptoms, search) starts here."""
    if text.isascii():  # the usual case: nothing to do
        return text
    return _ignorable().sub("", text)


def encodable(text: str) -> str:
    """``text`` without lone surrogates, which no stream or database can encode.

    Invalid UTF-8 in argv arrives as such surrogates; each bad byte becomes U+FFFD.
    """
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    except UnicodeEncodeError:  # surrogates that did not come from bytes
        return text.encode("utf-8", "replace").decode("utf-8")
