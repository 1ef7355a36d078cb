"""How a table is laid out at a given width: the one place that decides it.

A table is drawn as a table only when every column is at least as wide as the
widest word in it, so that no cell ever breaks inside a word ("dermatolo|gy",
"0.03|%"). When the full table does not fit, the view's fallbacks are tried in
order (drop the id column, print the route instead of every form, ...); when none
fits, or when one record per block ("cards": a title, then "header: value" lines)
is shorter on the screen than the table would be, the rows are printed as cards.

Pure functions over strings; the cell width of text is given by the caller (the
renderer knows how its terminal library counts cells), as in ``typeset``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import lru_cache

from tacref import typeset
from tacref.record import Record

Cells = Callable[[str], int]

# A column narrower than this is hard to read even when its words fit (a Chinese
# column of two characters a line), unless everything in it is shorter.
READABLE = 10
# A table whose rows average more lines than this tries its next fallback first.
TALL_ROW = 2.0
# The share of a column's cells that a table tries to give one line each.
USUAL = 0.9
# A column of this many rows or more whose values repeat is one of labels, and a
# label broken into this many lines is torn apart (see ``_torn``).
LABEL_ROWS, TORN = 6, 3
# Cards read a long text at the whole width: they win unless a quarter taller.
CARDS_BONUS = 1.25


class Plan(Record):
    """A table to draw: the columns kept (indexes into the view's), their headers,
    the rows' cells and each column's width in cells. ``None`` stands for cards."""

    columns: tuple[int, ...]
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]


def plan(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int,
    cells: Cells,
    *,
    nowrap: frozenset[int] = frozenset(),
    fallbacks: Sequence[tuple[int, tuple[str, ...]]] = (),
    overhead: Callable[[int], int] = lambda n: 2 * (n - 1),
    colon: str = ": ",
) -> Plan | None:
    """The table to draw at ``width`` cells, or ``None`` for cards. ``fallbacks`` are
    applied one more at a time: ``(column, ())`` drops the column, ``(column, texts)``
    prints ``texts`` (one per row) in it instead. ``overhead(n)`` is the number of
    cells that n columns take besides their text (padding, rules)."""
    fitting: list[tuple[Plan, int]] = []
    for step in range(len(fallbacks) + 1):
        candidate = _apply(headers, rows, fallbacks[:step])
        widths = _widths(candidate, width, cells, nowrap, overhead)
        if widths is None:
            continue
        drawn = candidate._replace(widths=widths)
        fitting.append((drawn, table_height(drawn, cells)))
        if _rows_height(drawn, cells) <= TALL_ROW * len(rows) and not _torn(drawn, cells):
            break
    if not fitting:
        return None
    # the first that is not too tall (the loop stopped there), else the shortest
    best, height = fitting[-1]
    if _rows_height(best, cells) > TALL_ROW * len(rows):
        best, height = min(fitting, key=lambda f: f[1])
    cards = card_height(headers, rows, width, cells, colon, than=height * CARDS_BONUS)
    return None if cards < height * CARDS_BONUS else best


def _torn(table: Plan, cells: Cells) -> bool:
    """Whether a label (a status: one of a few values repeated down the rows) is
    broken into three lines or more: "已获批（美国、" "欧盟、日本、" "中国）", broken at
    each 、; the next fallback (a column fewer) may give it room to break once."""
    columns = list(zip(*table.rows, strict=True)) if table.rows else []
    return any(
        _labels(column) and any(lines(c, w, cells) >= TORN for c in set(column))
        for column, w in zip(columns, table.widths, strict=True)
    )


def _labels(cells: Sequence[str]) -> bool:
    """Whether a column's cells are labels: at most a third as many values as rows."""
    return len(cells) >= LABEL_ROWS and len(set(cells)) * 3 <= len(cells)


def _apply(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    fallbacks: Sequence[tuple[int, tuple[str, ...]]],
) -> Plan:
    table = [list(headers), *(list(r) for r in rows)]
    dropped = set()
    for column, texts in fallbacks:
        if not texts:
            dropped.add(column)
            continue
        for row, text in zip(table[1:], texts, strict=True):
            row[column] = text
    keep = tuple(j for j in range(len(headers)) if j not in dropped)
    picked = [tuple(r[j] for j in keep) for r in table]
    return Plan(keep, picked[0], tuple(picked[1:]), ())


def _widths(
    table: Plan,
    width: int,
    cells: Cells,
    nowrap: frozenset[int],
    overhead: Callable[[int], int],
) -> tuple[int, ...] | None:
    """Each column's width, or ``None`` when the words do not fit."""
    columns = list(zip(table.headers, *table.rows, strict=True))
    whole = [j in nowrap for j in table.columns]
    longest = [max(_line_width(c, cells) for c in col) for col in columns]
    least = [
        line if fixed else max(max(word(c, cells) for c in col), min(line, READABLE))
        for col, line, fixed in zip(columns, longest, whole, strict=True)
    ]
    room = width - overhead(len(columns))
    if sum(longest) <= room:
        return tuple(longest)
    if sum(least) > room:
        return None
    # first every column as wide as most of its cells (a status on one line), then
    # what is left to the columns of long text
    usual = [max(n, _usual(col, cells)) for col, n in zip(columns, least, strict=True)]
    start, most = (least, usual) if sum(usual) > room else (usual, longest)
    shared = tuple(_share(room - sum(start), start, most))
    wider, extra = _most_rows_whole(room - sum(start), start, columns, cells)
    whole = tuple(_share(extra, wider, [max(w, m) for w, m in zip(wider, most, strict=True)]))
    # the shorter table: width shared by what each column lacks suits long text (a
    # "what to do" column), width where it puts most cells on one line suits lists
    return min((whole, shared), key=lambda w: _rows_height(table._replace(widths=w), cells))


def _most_rows_whole(
    extra: int, widths: list[int], columns: Sequence[Sequence[str]], cells: Cells
) -> tuple[list[int], int]:
    """``widths`` widened, a step at a time, where a cell of room puts the most cells
    on one line (a forms column whose long lists wrap in many rows, before a
    condition column where one long name wraps); and the cells left over."""
    widths = list(widths)
    needs = [sorted(_line_width(c, cells) for c in column[1:]) for column in columns]
    while True:
        best: tuple[float, int, int] | None = None
        for j, need in enumerate(needs):
            for target in sorted({n for n in need if n > widths[j]}):
                cost = target - widths[j]
                if cost > extra:
                    break
                whole = sum(1 for n in need if widths[j] < n <= target) / cost
                if best is None or whole > best[0]:
                    best = (whole, j, target)
        if best is None:
            return widths, extra
        _, j, target = best
        extra -= target - widths[j]
        widths[j] = target


def _usual(column: Sequence[str], cells: Cells) -> int:
    """The width that holds nine cells in ten of a column on one line (its header
    aside: a header breaks between its words as well as any cell)."""
    widths = sorted(_line_width(c, cells) for c in column[1:]) or [0]
    return widths[math.ceil(len(widths) * USUAL) - 1]


def _share(extra: int, least: list[int], most: list[int]) -> list[int]:
    """``least`` plus ``extra`` cells. A column that lacks no more than an equal share
    gets all it needs (a status column is whole, on one line); the columns of long
    text share what is left in proportion to what each lacks."""
    lack = [m - n for n, m in zip(least, most, strict=True)]
    given = [0] * len(lack)
    open_ = {j for j, n in enumerate(lack) if n > 0}
    while open_:
        whole = {j for j in open_ if lack[j] * len(open_) <= extra}
        if not whole:
            break
        for j in whole:
            given[j] = lack[j]
            extra -= lack[j]
        open_ -= whole
    if open_:
        total = sum(lack[j] for j in open_)
        for j in open_:
            given[j] = extra * lack[j] // total
        left = extra - sum(given[j] for j in open_)
        for j in sorted(open_, key=lambda j: -lack[j])[:left]:
            given[j] += 1
    return [n + g for n, g in zip(least, given, strict=True)]


@lru_cache(maxsize=4096)  # a table repeats its cells (statuses) and is planned several times
def word(text: str, cells: Cells) -> int:
    """The width of the widest piece of ``text`` that a line may not break inside."""
    if " " not in text and "/" not in text and "\n" not in text and text.isascii():
        return cells(text)
    widest = 0
    for line in text.split("\n"):
        kinds = typeset.positions(line, compounds=True)
        start = 0
        for p in [*(p for p, k in enumerate(kinds) if k == typeset.GOOD), len(line)]:
            widest = max(widest, cells(line[start:p].strip()))
            start = p
    return widest


@lru_cache(maxsize=4096)
def lines(text: str, width: int, cells: Cells) -> int:
    """How many lines ``text`` takes at ``width`` cells, broken between words."""
    if "\n" not in text and cells(text) <= width:
        return 1
    return sum(
        len(typeset.breaks(line, width, cells, fold=False, compounds=True)) + 1
        for line in text.split("\n")
    )


def _line_width(text: str, cells: Cells) -> int:
    return max(cells(line.rstrip()) for line in text.split("\n"))


def table_height(table: Plan, cells: Cells) -> int:
    """Lines on the screen: the header, its rule and every row."""
    return _row_height(table.headers, table.widths, cells) + 1 + _rows_height(table, cells)


def _rows_height(table: Plan, cells: Cells) -> int:
    return sum(_row_height(row, table.widths, cells) for row in table.rows)


def _row_height(row: Sequence[str], widths: Sequence[int], cells: Cells) -> int:
    return max(lines(c, w, cells) for c, w in zip(row, widths, strict=True))


CARD_INDENT = 2


def card_height(
    headers: Sequence[str],
    rows: Sequence[Sequence[str]],
    width: int,
    cells: Cells,
    colon: str = ": ",
    than: float | None = None,
) -> int:
    """Lines on the screen when every row is a card: its first cell as a title, a
    "header: value" line per other cell, a blank line after it. Given ``than``, the
    count stops early at a lower bound once that is no fewer."""
    inner = max(width - CARD_INDENT, 1)
    if than is not None and len(rows) * (len(headers) + 1) >= than:
        return len(rows) * (len(headers) + 1)  # at least a line a field: taller already
    return sum(
        lines(row[0], width, cells)
        + sum(lines(h + colon + c, inner, cells) for h, c in zip(headers[1:], row[1:], strict=True))
        + 1
        for row in rows
    )
