"""Make any text safe to print: no terminal control, no bidi spoofing."""

from __future__ import annotations

# C0/C1 controls (newline and tab excepted) and bidi embeddings/overrides/isolates,
# each mapped to a visible escape such as ``\x1b``.
_UNSAFE = {
    c: repr(chr(c))[1:-1]
    for c in (
        *range(0x09),
        *range(0x0B, 0x20),
        *range(0x7F, 0xA0),
        *range(0x202A, 0x202F),
        *range(0x2066, 0x206A),
    )
}


def printable(text: str) -> str:
    """``text`` with each unsafe character shown as a visible escape."""
    return encodable(text).translate(_UNSAFE)


def one_line(text: str, limit: int = 80) -> str:
    """User input echoed in a message: printable, on one line, cut to ``limit``."""
    flat = printable(text.replace("\n", " ").replace("\t", " "))
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def user_text(text: str, limit: int) -> str:
    """Text typed by a user, ready to look up: cut to ``limit``, invalid bytes as U+FFFD."""
    return encodable(text[:limit])


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
