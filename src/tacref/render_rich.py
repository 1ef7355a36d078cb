"""Blocks as rich renderables, for a terminal. Imported only when stdout is one.

Data text is always wrapped in ``Text`` objects, never parsed as console markup,
so ``[red]`` in an article prints as written.
"""

from __future__ import annotations

from itertools import groupby

from rich import box
from rich.cells import cell_len
from rich.console import (
    Console,
    ConsoleOptions,
    Group,
    JustifyMethod,
    OverflowMethod,
    RenderableType,
    RenderResult,
)
from rich.containers import Lines
from rich.padding import Padding
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from tacref import layout, typeset, views
from tacref.i18n import t
from tacref.sanitize import printable

STATUS_STYLE = {
    "approved": "bold green",
    "off-label": "bold yellow",
    "investigational": "bold cyan",
    "no-established-role": "bold magenta",
    "adverse-effect": "bold red",
}


def render(doc: views.Document) -> RenderableType:
    return Group(*_blocks(doc))


def _blocks(doc: views.Document | tuple) -> list[RenderableType]:
    """Each block as a renderable; an urgent heading and its text in one red frame."""
    out: list[RenderableType] = []
    i = 0
    while i < len(doc):
        block = doc[i]
        if isinstance(block, views.Heading) and block.kind == "urgent":
            body = doc[i + 1] if i + 1 < len(doc) else None
            inside = [_block(body)] if isinstance(body, views.Prose) else []
            out.append(_framed(block, inside))
            i += 1 + len(inside)
            continue
        if isinstance(block, views.Note) and i and isinstance(doc[i - 1], views.Title):
            # a warning under the title: the title's blank line above, one of its own below
            out.append(Padding(_text(block.text, "yellow", block.lang), (0, 0, 1, 0)))
        else:
            out.append(_block(block))
        i += 1
    return out


def _framed(heading: views.Heading, inside: list[RenderableType]) -> RenderableType:
    """A frame that holds without colour too (NO_COLOR); its heading says URGENT."""
    title = _text(heading.text, "bold red", heading.lang)
    panel = Panel(Group(title, *inside), box=box.HEAVY, border_style="red", padding=(0, 1))
    return Padding(panel, (1, 0, 0, 0))


def _text(text: str, style: str = "", lang: str = "en") -> Text:
    """Data text as ``Text``; text in a Chinese block breaks as Chinese text does."""
    return (_ChineseText if lang.startswith("zh") else Text)(printable(text), style=style)


class _ChineseText(Text):
    """Text that wraps by the rules of Chinese typesetting (``typeset.breaks``): a line
    may break between two Chinese characters, never before closing punctuation nor
    after opening punctuation. English blocks stay a plain ``Text`` (exactly rich's
    lines), even where they quote a Chinese name; English table cells are ``_CellText``."""

    compounds = False  # a slash between letters is no place to break in prose

    def wrap(
        self,
        console: Console,
        width: int,
        *,
        justify: JustifyMethod | None = None,
        overflow: OverflowMethod | None = None,
        tab_size: int = 8,
        no_wrap: bool | None = None,
    ) -> Lines:
        if no_wrap or (no_wrap is None and self.no_wrap) or overflow == "ignore":
            return super().wrap(
                console,
                width,
                justify=justify,
                overflow=overflow,
                tab_size=tab_size,
                no_wrap=no_wrap,
            )
        justify = justify or self.justify or "default"
        overflow = overflow or self.overflow or "fold"
        lines = Lines()
        for line in self.split(allow_blank=True):
            if "\t" in line:
                line.expand_tabs(tab_size)
            parts = line.divide(
                typeset.breaks(line.plain, width, cell_len, overflow == "fold", self.compounds)
            )
            for part in parts:
                if part.cell_len > width:  # rich's rstrip_end counts characters, not cells
                    part.rstrip()
            parts.justify(console, width, justify=justify, overflow=overflow)
            for part in parts:
                part.truncate(width, overflow=overflow)
            lines.extend(parts)
        return lines


def _block(block: views.Block) -> RenderableType:
    match block:
        case views.Title(text, subtitle, lang):
            title = _text(text, "bold", lang)
            if subtitle:
                title.append("  " + printable(subtitle), style="dim")
            return Padding(title, (0, 0, 1, 0))
        case views.Fields(items, emphasis, lang):
            grid = Table.grid(padding=(0, 2))
            grid.add_column(style="bold")
            grid.add_column()
            for i, (label, value) in enumerate(items):
                value_style = STATUS_STYLE.get(emphasis, "") if i == 0 else ""
                grid.add_row(_text(label, "", lang), _text(value, value_style, lang))
            return grid
        case views.Heading(text, lang, _):
            return Padding(_text(text, "bold underline", lang), (1, 0, 0, 0))
        case views.Prose(text, lang):
            return _prose(text, lang)
        case views.QandA(pairs, lang):
            return Group(
                *(
                    Padding(Group(_text(q, "bold", lang), _text(a, "", lang)), (0, 0, 1, 0))
                    for q, a in pairs
                )
            )
        case views.Table():
            return _Responsive(block)
        case views.Note(text, "urgent", lang):
            return Padding(_text(text, "bold red", lang), (1, 0, 1, 0))
        case views.Note(text, kind, lang):
            return Padding(
                _text(text, "yellow" if kind == "warning" else "dim", lang),
                (1, 0, 0, 0) if kind == "warning" else 0,
            )
        case views.Bilingual():
            return _SideBySide(block)
        case views.Snippet(where, parts, lang):
            line = _ChineseText("  ") if lang.startswith("zh") else Text("  ")
            if where:
                line.append(printable(where) + t(lang, "colon"), style="dim")
            for i, part in enumerate(parts):
                line.append(printable(part), style="bold reverse" if i % 2 else "")
            return line
    raise TypeError(f"unknown block {block!r}")


def _prose(text: str, lang: str) -> RenderableType:
    """Paragraphs as text; bullet lines as a grid, so that each item hangs after its
    bullet (Chinese has no spaces to wrap at: a "-" would otherwise be left alone
    at the end of a line)."""
    parts: list[RenderableType] = []
    for para in text.split("\n\n"):
        if parts:
            parts.append(Text(""))
        for is_bullet, run in groupby(para.split("\n"), key=lambda line: line.startswith("- ")):
            lines = list(run)
            if not is_bullet:
                parts.append(_text("\n".join(lines), "", lang))
                continue
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column(overflow="fold")  # Chinese has no spaces: fold, never cut
            for line in lines:
                grid.add_row("•", _text(line[2:], "", lang))
            parts.append(grid)
    return parts[0] if len(parts) == 1 else Group(*parts)


class _Responsive:
    """A table where its words fit (``layout.plan`` decides, per width); else one
    record per block ("header: value" lines), which stays readable at any width."""

    def __init__(self, block: views.Table) -> None:
        self.block = block

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        block = self.block
        colon = t(block.lang, "colon")
        plan = layout.plan(
            [printable(h) for h in block.headers],
            [[printable(c) for c in row] for row in block.rows],
            options.max_width,
            cell_len,
            nowrap=block.nowrap,
            fallbacks=[(j, tuple(printable(x) for x in texts)) for j, texts in block.fallbacks],
            overhead=lambda n: 2 * (n - 1),  # one space of padding, one of rule
            colon=colon,
        )
        if plan is None:
            yield from self._cards(colon)
            return
        table = Table(
            box=box.SIMPLE_HEAD,
            show_edge=False,
            pad_edge=False,
            collapse_padding=True,
            show_lines=False,
            expand=False,
        )
        for j, header, width in zip(plan.columns, plan.headers, plan.widths, strict=True):
            table.add_column(_cell(header), width=width, no_wrap=j in block.nowrap)
        for i, row in enumerate(plan.rows):
            cells = (_cell(c, self._style(i, j)) for j, c in zip(plan.columns, row, strict=True))
            table.add_row(*cells, style="bold red" if i in block.marked else None)
        yield Padding(table, (1, 0, 1, 0))

    def _cards(self, colon: str) -> RenderResult:
        block = self.block
        yield Text("")
        named = block.card_title
        for i, row in enumerate(block.rows):
            style = "bold red" if i in block.marked else ""
            title = row[named] + t(block.lang, "paren").format(row[0]) if named > 0 else row[0]
            yield _cell(title, style or "bold")
            for j, (header, cell) in enumerate(zip(block.headers[1:], row[1:], strict=True), 1):
                if j == named:
                    continue
                line = _cell(printable(header) + colon, "dim")
                line.append(printable(cell), style=style or self._style(i, j))
                yield Padding(line, (0, 0, 0, layout.CARD_INDENT))
            yield Text("")

    def _style(self, row: int, column: int) -> str:
        """A status cell's colour, as ``show`` colours the status (the words say it too)."""
        block = self.block
        if column != block.status_column or row >= len(block.statuses):
            return ""
        return STATUS_STYLE.get(block.statuses[row], "")


class _CellText(_ChineseText):
    """A table cell, in either language: broken only where ``layout`` measured it
    may be (between words, between Chinese characters by 避头尾, after the slash of
    "capsule/tablet"), so that the widths it chose hold every word whole."""

    compounds = True


def _cell(text: str, style: str = "") -> Text:
    return _CellText(printable(text), style=style)


class _SideBySide:
    """The two languages in two columns where there is room; else one after the other."""

    MIN_WIDTH = 100

    def __init__(self, block: views.Bilingual) -> None:
        self.block = block

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        first = Group(*_blocks(self.block.first))
        second = Group(*_blocks(self.block.second))
        if options.max_width < self.MIN_WIDTH:
            yield first
            yield Text("")
            yield second
            return
        grid = Table.grid(padding=(0, 3), expand=True)
        grid.add_column(ratio=1, overflow="fold")  # Chinese has no spaces: fold, never cut
        grid.add_column(ratio=1, overflow="fold")
        grid.add_row(first, second)
        yield grid
