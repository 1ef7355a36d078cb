"""Blocks as one standalone HTML page: no scripts, no external files, printable."""

from html import escape

from tacref import views
from tacref.sanitize import printable

_STYLE = """
body { font: 16px/1.5 system-ui, "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif;
       max-width: 46rem; margin: 2rem auto; padding: 0 1rem; color: #111; }
h1 small { color: #555; font-weight: normal; }
table { border-collapse: collapse; width: 100%; margin: 1rem 0; }
th, td { border: 1px solid #bbb; padding: .3rem .5rem; text-align: left; vertical-align: top; }
tr.serious td { font-weight: bold; }
.warning { border-left: 4px solid #b58900; padding: .5rem 1rem; background: #fdf6e3; }
.muted { color: #555; }
.urgent { border: 3px solid #c00; padding: .5rem 1rem; color: #900; font-weight: bold; }
h2.urgent { margin-bottom: 0; }
.bilingual { display: grid; grid-template-columns: 1fr 1fr; gap: 2rem; }
body:has(.bilingual) { max-width: 80rem; }
@media print { body { margin: 0; max-width: none; } }
"""


def render(doc: views.Document, lang: str = "en") -> str:
    flat = [x for b in doc for x in (b.first if isinstance(b, views.Bilingual) else (b,))]
    title = next((b.text for b in flat if isinstance(b, views.Title)), "tacref")
    body = "\n".join(_block(b) for b in doc)
    return printable(
        f'<!DOCTYPE html>\n<html lang="{_html_lang(lang)}">\n<head>\n'
        f'<meta charset="utf-8">\n<meta name="viewport" content="width=device-width">\n'
        f"<title>{escape(title)}</title>\n<style>{_STYLE}</style>\n</head>\n<body>\n{body}\n"
        "</body>\n</html>\n"
    )


def _paragraphs(text: str) -> str:
    out = []
    for para in text.split("\n\n"):
        lines = para.split("\n")
        if all(line.startswith("- ") for line in lines):
            items = "".join(f"<li>{escape(line[2:])}</li>" for line in lines)
            out.append(f"<ul>{items}</ul>")
        else:
            out.append("<p>" + "<br>".join(escape(line) for line in lines) + "</p>")
    return "\n".join(out)


def _block(block: views.Block) -> str:
    match block:
        case views.Title(text, subtitle):
            small = f" <small>{escape(subtitle)}</small>" if subtitle else ""
            return f"<h1>{escape(text)}{small}</h1>"
        case views.Fields(items):
            rows = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in items)
            return f"<dl>{rows}</dl>"
        case views.Heading(text, _, kind):
            mark = f' class="{escape(kind)}"' if kind else ""
            return f"<h2{mark}>{escape(text)}</h2>"
        case views.Prose(text):
            return _paragraphs(text)
        case views.Note(text, kind):
            return f'<div class="{escape(kind)}">{_paragraphs(text)}</div>'
        case views.QandA(pairs):
            return "\n".join(f"<h3>{escape(q)}</h3>\n{_paragraphs(a)}" for q, a in pairs)
        case views.Table(headers, rows, marked):
            head = "".join(f"<th>{escape(h)}</th>" for h in headers)
            body = "".join(
                f"<tr{' class=serious' if i in marked else ''}>"
                + "".join(f"<td>{escape(c)}</td>" for c in row)
                + "</tr>"
                for i, row in enumerate(rows)
            )
            return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
        case views.Bilingual(first, second):
            columns = "".join(
                f'<div lang="{_lang_tag(part)}">' + "\n".join(_block(b) for b in part) + "</div>"
                for part in (first, second)
            )
            return f'<div class="bilingual">{columns}</div>'
        case views.Snippet(where, parts):
            hit = "".join(
                f"<mark>{escape(p)}</mark>" if i % 2 else escape(p) for i, p in enumerate(parts)
            )
            return f"<p>{escape(where)} {hit}</p>"
    raise TypeError(f"unknown block {block!r}")


def _lang_tag(blocks: tuple) -> str:
    """The HTML language of a column of blocks (all in one language)."""
    return _html_lang(getattr(blocks[0], "lang", "en")) if blocks else "en"


def _html_lang(lang: str) -> str:
    """The HTML language tag of an output language (zh-TW: zh-Hant-TW)."""
    return {"zh": "zh-Hans", "zh-TW": "zh-Hant-TW", "zh-HK": "zh-Hant-HK"}.get(lang, "en")
