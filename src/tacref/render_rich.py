"""Blocks as rich renderables, for a terminal. Imported only when stdout is one.

Data text is always wrapped in ``Text`` objects, never parsed as console markup,
so ``[red]`` in an article prints as written.
"""

from __future__ import annotations

from itertools import groupby

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderableType, RenderResult
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from tacref import views
from tacref.sanitize import printable

STATUS_STYLE = {
    "approved": "bold green",
    "off-label": "bold yellow",
    "investigational": "bold cyan",
    "no-established-role": "bold magenta",
    "adverse-effect": "bold red",
}


def render(doc: views.Document) -> RenderableType:
    return Group(*(_block(b) for b in doc))


def _text(text: str, style: str = "") -> Text:
    return Text(printable(text), style=style)


def _block(block: views.Block) -> RenderableType:
    match block:
        case views.Title(text, subtitle):
            title = _text(text, "bold")
            if subtitle:
                title.append("  " + printable(subtitle), style="dim")
            return Padding(title, (0, 0, 1, 0))
        case views.Fields(items, emphasis):
            grid = Table.grid(padding=(0, 2))
            grid.add_column(style="bold")
            grid.add_column()
            for i, (label, value) in enumerate(items):
                grid.add_row(
                    _text(label), _text(value, STATUS_STYLE.get(emphasis, "") if i == 0 else "")
                )
            return grid
        case views.Heading(text):
            return Padding(_text(text, "bold underline"), (1, 0, 0, 0))
        case views.Prose(text):
            return _prose(text)
        case views.QandA(pairs):
            return Group(
                *(Padding(Group(_text(q, "bold"), _text(a)), (0, 0, 1, 0)) for q, a in pairs)
            )
        case views.Table():
            return _Responsive(block)
        case views.Note(text, kind):
            return Padding(
                _text(text, "yellow" if kind == "warning" else "dim"),
                (1, 0, 0, 0) if kind == "warning" else 0,
            )
        case views.Bilingual():
            return _SideBySide(block)
        case views.Snippet(where, before, match, after):
            line = Text("  ")
            if where:
                line.append(printable(where) + ": ", style="dim")
            line.append(printable(before))
            line.append(printable(match), style="bold reverse")
            line.append(printable(after))
            return line
    raise TypeError(f"unknown block {block!r}")


def _prose(text: str) -> RenderableType:
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
                parts.append(_text("\n".join(lines)))
                continue
            grid = Table.grid(padding=(0, 1))
            grid.add_column(no_wrap=True)
            grid.add_column(overflow="fold")  # Chinese has no spaces: fold, never cut
            for line in lines:
                grid.add_row("•", _text(line[2:]))
            parts.append(grid)
    return parts[0] if len(parts) == 1 else Group(*parts)


class _Responsive:
    """A table where there is room for one; on a narrow terminal, one record per
    row ("header: value" lines), which stays readable at any width."""

    MIN_COLUMN = 12  # cells narrower than this are no longer readable

    def __init__(self, block: views.Table) -> None:
        self.block = block

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        headers, rows, marked, nowrap = self.block[:4]
        if options.max_width >= self.MIN_COLUMN * len(headers):
            table = Table(box=box.SIMPLE_HEAD, show_lines=False, expand=False)
            for i, h in enumerate(headers):
                table.add_column(_text(h), overflow="fold", no_wrap=i in nowrap)
            for i, row in enumerate(rows):
                cells = (_text(c, self._style(i, j)) for j, c in enumerate(row))
                table.add_row(*cells, style="bold red" if i in marked else None)
            yield table
            return
        for i, row in enumerate(rows):
            style = "bold red" if i in marked else ""
            yield _text(row[0], style or "bold")
            for j, (header, cell) in enumerate(zip(headers[1:], row[1:], strict=True), 1):
                line = Text(printable(header) + ": ", style="dim")
                line.append(printable(cell), style=style or self._style(i, j))
                yield Padding(line, (0, 0, 0, 2))
            yield Text("")

    def _style(self, row: int, column: int) -> str:
        """A status cell's colour, as ``show`` colours the status (the words say it too)."""
        block = self.block
        if column != block.status_column or row >= len(block.statuses):
            return ""
        return STATUS_STYLE.get(block.statuses[row], "")


class _SideBySide:
    """English and Chinese in two columns where there is room; else one after the other."""

    MIN_WIDTH = 100

    def __init__(self, block: views.Bilingual) -> None:
        self.block = block

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        en = Group(*(_block(b) for b in self.block.en))
        zh = Group(*(_block(b) for b in self.block.zh))
        if options.max_width < self.MIN_WIDTH:
            yield en
            yield Text("")
            yield zh
            return
        grid = Table.grid(padding=(0, 3), expand=True)
        grid.add_column(ratio=1, overflow="fold")  # Chinese has no spaces: fold, never cut
        grid.add_column(ratio=1, overflow="fold")
        grid.add_row(en, zh)
        yield grid
