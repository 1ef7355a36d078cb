"""Blocks as plain text: for pipes, files, and scripts that grep and cut.

No colour, no box drawing, no wrapping (the reader's pager or terminal wraps);
tables are tab-separated with one header line.
"""

from __future__ import annotations

from tacref import views
from tacref.i18n import t, titled
from tacref.sanitize import printable


def render(doc: views.Document) -> str:
    parts = [_block(b) for b in doc]
    # One pass over the whole text makes every control character visible and harmless.
    return printable("\n\n".join(p for p in parts if p) + "\n")


def _block(block: views.Block) -> str:
    match block:
        case views.Title(text, subtitle, lang):
            title = titled(lang, text, subtitle)
            return _underlined(title, "=")
        case views.Fields(items, _, lang):
            colon = t(lang, "colon")
            return "\n".join(f"{label}{colon}{value}" for label, value in items)
        case views.Heading(text, _, kind):
            return _underlined(text, "!" if kind == "urgent" else "-")
        case views.Prose(text) | views.Note(text):
            return text
        case views.QandA(pairs, lang):
            ask, answer = t(lang, "question"), t(lang, "answer")
            return "\n\n".join(f"{ask}{q}\n{answer}{a}" for q, a in pairs)
        case views.Table(headers, rows):
            return "\n".join(_row(row) for row in (headers, *rows))
        case views.Bilingual(first, second):
            return "\n\n".join(_block(b) for b in (*first, *second))
        case views.Snippet(where, parts, lang):
            prefix = where + t(lang, "colon") if where else ""
            return "  " + prefix + _cell("".join(parts))
    raise TypeError(f"unknown block {block!r}")


_FLAT = str.maketrans("\t\n\r", "   ")


def _row(cells: tuple[str, ...]) -> str:
    line = "\t".join(cells)
    if line.count("\t") == len(cells) - 1 and "\n" not in line and "\r" not in line:
        return line  # the usual case, checked once a row: a list has 10,000 of them
    return "\t".join(map(_cell, cells))


def _cell(text: str) -> str:
    if "\t" in text or "\n" in text or "\r" in text:  # rare: checking is cheaper than translating
        return text.translate(_FLAT)  # no tab or newline may split a row
    return text


def _underlined(text: str, char: str) -> str:
    text = printable(text)
    return f"{text}\n{char * display_width(text)}"


def display_width(text: str) -> int:
    """Terminal columns ``text`` takes: East Asian wide characters take two."""
    if text.isascii():
        return len(text)
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
