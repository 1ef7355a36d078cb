"""Blocks as Markdown (CommonMark with GFM tables): for sharing or printing an article."""

import html

from tacref import views
from tacref.i18n import t, titled
from tacref.sanitize import printable


def render(doc: views.Document) -> str:
    return printable("\n\n".join(_block(b) for b in doc) + "\n")


def _text(text: str) -> str:
    """Plain text as Markdown: no raw HTML, no accidental headings or emphasis."""
    out = []
    for line in html.escape(text, quote=False).split("\n"):
        if line.startswith("- "):
            out.append("- " + _inline(line[2:]))
        else:
            out.append(_inline(line))
    return "\n".join(out)


def _inline(text: str) -> str:
    """Markdown's own characters escaped; the caller has escaped HTML (``_text``, ``_cell``)."""
    for char in "\\`*_[]#|":
        text = text.replace(char, "\\" + char)
    return text


def _cell(text: str) -> str:
    """One line of text (a heading, a table cell, a label): no raw HTML, no line break."""
    return _inline(html.escape(" ".join(text.split()), quote=False))


def _block(block: views.Block) -> str:
    match block:
        case views.Title(text, subtitle, lang):
            return f"# {titled(lang, _cell(text), _cell(subtitle))}"
        case views.Fields(items, _, lang):
            colon = t(lang, "colon").strip()
            return "\n".join(
                f"- **{_cell(label)}{colon}** {_cell(value)}" for label, value in items
            )
        case views.Heading(text):
            return f"## {_cell(text)}"
        case views.Prose(text):
            return _text(text)
        case views.Note(text, "urgent"):
            return f"> **{_cell(text)}**"
        case views.Note(text, kind):
            return (
                "> " + _text(text).replace("\n", "\n> ")
                if kind == "warning"
                else f"*{_cell(text)}*"
            )
        case views.QandA(pairs):
            return "\n\n".join(f"**{_cell(q)}**\n\n{_text(a)}" for q, a in pairs)
        case views.Table(headers, rows):
            lines = [
                "| " + " | ".join(_cell(h) for h in headers) + " |",
                "|" + "---|" * len(headers),
            ]
            lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in rows]
            return "\n".join(lines)
        case views.Bilingual(first, second):
            return "\n\n".join(_block(b) for b in (*first, *second))
        case views.Snippet(where, parts, lang):
            prefix = _cell(where) + t(lang, "colon") if where else ""
            marked = (f"**{_cell(p)}**" if i % 2 else _cell(p) for i, p in enumerate(parts))
            return f"- {prefix}{''.join(marked)}"
    raise TypeError(f"unknown block {block!r}")
