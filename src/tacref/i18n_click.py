"""Typer's and click's own words in the reader's language: --help (its titles, the
usage line, the help option, defaults) and the usage errors click raises ("No such
option", "Missing argument", "Invalid value for ..."). English stays exactly as Typer
makes it: nothing here runs for an English reader. The Chinese is in
``i18n_help.HELP`` (traditional: ``i18n_hant``, as every interface word)."""

from __future__ import annotations

import functools
import itertools
import re
import sys
from collections.abc import Callable
from typing import Any

from tacref.i18n import said, t


def flag_language(args: Any) -> str:
    """The run's language as its words say it (``--lang``), else the environment's
    (TACREF_LANG, the locale): before a command has parsed anything."""
    from tacref.i18n import CHOICES, resolve_language

    words = list(sys.argv[1:] if args is None else args)
    flag = next(
        (words[i + 1] for i, w in enumerate(words[:-1]) if w in ("--lang", "-l")),
        None,
    )
    query = " ".join(w for w in words if not w.startswith("-"))  # 白癜风 --format x: Chinese
    return resolve_language(flag if flag in CHOICES else None, query=query)


def help_in_language(group: Any, lang: str) -> Callable[[], None] | None:
    """--help in ``lang``: every help text of ``group`` (built for this run), Typer's
    titles and furniture, and Chinese lines broken as Chinese is (``_HelpText``); a
    function that puts Typer back (CliRunner runs many in one process), or None."""
    if lang == "en":
        return None

    def translate(command: Any) -> None:
        for attr in ("help", "short_help"):
            if getattr(command, attr, None):
                setattr(command, attr, said(lang, getattr(command, attr)))
        if command.epilog and command.epilog.startswith("Examples:"):
            command.epilog = said(lang, "Examples:") + command.epilog[len("Examples:") :]
        elif command.epilog:
            command.epilog = said(lang, command.epilog)
        for param in command.params:
            if getattr(param, "help", None):
                param.help = said(lang, param.help)
        for sub in getattr(command, "commands", {}).values():
            translate(sub)

    translate(group)
    try:
        from typer import rich_utils
    except ImportError:  # no rich: plain help, titled by click
        return None
    from typer._click.formatting import HelpFormatter

    words = ("ARGUMENTS_PANEL_TITLE", "OPTIONS_PANEL_TITLE", "COMMANDS_PANEL_TITLE")
    words += ("REQUIRED_LONG_STRING", "DEFAULT_STRING", "ENVVAR_STRING")
    patches: list[tuple[Any, str, Any]] = [
        (rich_utils, name, said(lang, getattr(rich_utils, name))) for name in words
    ]
    make_text = rich_utils._make_rich_text
    write_usage = HelpFormatter.write_usage

    def chinese_text(*, text: str, style: str = "", markup_mode: Any) -> Any:
        # Every help text passes here: the help option's too, which click makes late.
        return _chinese(make_text(text=said(lang, text), style=style, markup_mode=markup_mode))

    def usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        write_usage(self, prog, args, said(lang, "Usage:") if prefix is None else prefix)

    patches += [
        (rich_utils, "_make_rich_text", chinese_text),
        (rich_utils, "Text", _help_text()),  # "[默认：text]" and the like, made as Text
        (rich_utils, "Columns", _unspaced),  # an option's help, then its "[默认：text]"
        (rich_utils, "Table", _names_whole()),  # "--section", never "--sect…"
        (HelpFormatter, "write_usage", usage),
    ]
    before = [(owner, name, getattr(owner, name)) for owner, name, _ in patches]
    for owner, name, value in patches:
        setattr(owner, name, value)

    def restore() -> None:
        for owner, name, value in before:
            setattr(owner, name, value)

    return restore


@functools.cache
def _names_whole() -> Any:
    """Typer's table of options: an option's names keep their width, so that no
    name is cut ("--sect…" at 40 columns); where that would leave its help too
    narrow to read, each option is its names line with its help below it."""
    from rich.cells import cell_len
    from rich.padding import Padding
    from rich.table import Table
    from rich.text import Text

    class _NamesWhole(Table):
        def add_row(self, *renderables: Any, **kwargs: Any) -> None:
            super().add_row(*renderables, **kwargs)
            self.__dict__.setdefault("_typed_rows", []).append(renderables)
            for column in self.columns[:-2]:  # its type and its help may wrap
                column.no_wrap = True

        def __rich_console__(self, console: Any, options: Any) -> Any:
            rows = self.__dict__.get("_typed_rows", [])
            names = [
                max((cell_len(_plain(row[j])) for row in rows), default=0)
                for j in range(len(self.columns) - 1)
            ]
            used = sum(n + 2 for n in names if n)
            if not rows or options.max_width - used >= HELP_WIDTH:
                yield from super().__rich_console__(console, options)
                return
            for row in rows:
                *heads, kind, help_text = row
                line = Text(" ").join(
                    Text(h) if isinstance(h, str) else h for h in heads if _plain(h)
                )
                if _plain(kind):
                    line.append(" ")
                    line.append_text(kind if isinstance(kind, Text) else Text(str(kind)))
                line.overflow = "fold"
                yield line
                yield Padding(help_text, (0, 0, 0, 4))

    return _NamesWhole


HELP_WIDTH = 16  # cells: an option's help in a narrower column is stacked below it


def _plain(cell: Any) -> str:
    return cell if isinstance(cell, str) else getattr(cell, "plain", "")


def _unspaced(items: Any) -> Any:
    """Typer's row of an option's help and its notes, without the space between
    them: "……输出。[默认：text]" (a Chinese sentence ends with its full stop)."""
    from rich.columns import Columns

    return Columns(items, padding=(0, 0))


def _chinese(text: Any) -> Any:
    """A help text Typer made as ``Text`` (not Markdown) as ``_HelpText``; a Latin
    word wider than its column is folded, not cut: the reader needs all of it."""
    from rich.text import Text

    if not isinstance(text, Text):
        return text
    return _help_text()(
        text.plain,
        style=text.style,
        justify=text.justify,
        overflow="fold",
        no_wrap=text.no_wrap,
        end=text.end,
        spans=list(text.spans),
    )


@functools.cache
def _help_text() -> Any:
    """The class of a help text in Chinese: it breaks between Chinese characters by
    避头尾 (as articles do), and says so when its table measures it. rich's own
    ``Text`` breaks only at spaces: a Chinese sentence is one long "word" to it,
    which a table then cuts with "…" to fit its column."""
    from rich.cells import cell_len
    from rich.measure import Measurement

    from tacref import typeset
    from tacref.render_rich import _ChineseText

    class _HelpText(_ChineseText):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            if kwargs.get("overflow") is None:  # a Latin word wider than its column folds
                kwargs["overflow"] = "fold"
            super().__init__(*args, **kwargs)

        def __rich_measure__(self, console: Any, options: Any) -> Measurement:
            lines = self.plain.split("\n")
            widest = max(cell_len(line) for line in lines)
            unbroken = max(max(map(cell_len, _pieces(line, typeset)), default=0) for line in lines)
            return Measurement(min(unbroken, widest), widest).with_maximum(options.max_width)

    return _HelpText


def _pieces(line: str, typeset: Any) -> list[str]:
    """The parts of ``line`` no line break may split (a word, a character with the
    marks that hold to it)."""
    kinds = typeset.positions(line)
    cuts = [0, *(p for p, k in enumerate(kinds) if k == typeset.GOOD), len(line)]
    return [line[a:b].strip() for a, b in itertools.pairwise(cuts)]


# --- usage errors -----------------------------------------------------------------

# click's messages (``typer._click``) and tacref's option checks, as their English
# reads once click has formatted them; each with the key of its Chinese in HELP.
_ENV = r"(?: \(env var: '[^']*'\))?"  # --data-dir's hint names its variable
_SAID = (
    (r"No such option: (?P<name>.+?)(?: \(Possible options: (?P<options>.+)\))?", "no_option"),
    (r"No such command '(?P<name>.+)'\.?", "no_command"),
    (r"Missing command\.?", "no_command_given"),
    (r"Missing (?P<kind>argument|option|parameter) (?P<name>.+?)\.?", "missing"),
    (r"Got unexpected extra arguments? \((?P<words>.+)\)", "extra"),
    (r"Option '(?P<name>.+)' requires (?:an argument|\d+ arguments)\.?", "needs_value"),
    (r"Option '(?P<name>.+)' does not take a value\.?", "takes_no_value"),
    (rf"Invalid value for (?P<name>'[^']*'(?: / '[^']*')*{_ENV}): (?P<why>.+)", "invalid"),
    (r"Invalid value: (?P<why>.+)", "invalid_value"),
)
_WHY = (
    (r"(?P<value>'.*') is not an? (?P<kind>[a-z]+); choose from (?P<choices>.+)", "not_a"),
    (r"(?P<value>'.*') is not one of (?P<choices>.+?)\.?", "not_one_of"),
    (r"(?P<value>'.*') is not a valid (?:integer|int range|int)\.?", "not_a_number"),
    (r"(?P<value>.+) is not in the range (?P<range>.+?)\.?", "out_of_range"),
    (r"(?:Path|File|Directory) (?P<value>'.*') does not exist\.?", "no_path"),
    (r"(?P<value>'.*') is not a directory\.?", "not_a_directory"),
    (r"--json and --format (?P<format>\S+) ask for two formats; give one", "two_formats"),
    (r"(?:Path|File|Directory) (?P<value>'.*') is a file\.?", "not_a_directory"),
    (r"(?:Path|File|Directory) (?P<value>'.*') is a directory\.?", "a_directory"),
    (r"(?:Path|File|Directory) (?P<value>'.*') is not (?:readable|writable)\.?", "unreadable"),
)


def usage_error(message: str, command: str | None, lang: str) -> str:
    """click's usage error ``message`` (formatted), and where its help is
    (``command``: "tacref show"), said in ``lang`` (English: as click says it)."""
    where = f"; see '{command} --help'" if command else ""
    if lang == "en":
        return message.rstrip(".") + where
    said_ = _said(message.rstrip("."), _SAID, lang)
    where = said(lang, "see '{command} --help'").format(command=command) if command else ""
    return said_ + (t(lang, "semicolon") + where if where else "")


def _said(message: str, table: tuple[tuple[str, str], ...], lang: str) -> str:
    if table is _WHY and said(lang, message) != message:  # tacref's own (--brief and ...)
        return said(lang, message)
    for pattern, key in table:
        found = re.fullmatch(pattern, message, re.DOTALL)
        if found is None:
            continue
        fields = {k: v or "" for k, v in found.groupdict().items()}
        if "why" in fields:
            fields["why"] = _said(fields["why"].rstrip("."), _WHY, lang)
        for name in ("choices", "options", "words"):
            if fields.get(name):
                fields[name] = t(lang, "enum").join(
                    w.strip().strip("'") for w in re.split(r",\s*|\s+(?=')", fields[name])
                )
        if "kind" in fields:
            fields["kind"] = said(lang, fields["kind"])
        for name in ("name", "value"):
            if name in fields:
                fields[name] = _quoted(fields[name], lang)
        if key == "no_option" and fields["options"]:
            key = "no_option_but"
        return said(lang, f"usage:{key}").format(**fields)
    return message


def not_a_command(word: str, command: str, lang: str) -> tuple[str, str]:
    """(message, hint) when a name stands where a command goes (``tacref vitiligo``)."""
    if lang == "en":
        return f"{word!r} is not a command", f"did you mean: tacref {command}?"
    name = said(lang, "usage:quoted").format(text=word)
    return (
        said(lang, "usage:not_a_command").format(name=name),
        said(lang, "usage:did_you_mean").format(command=f"tacref {command}"),
    )


def _quoted(text: str, lang: str) -> str:
    """A name click quoted ('--x', 'condition') in the reader's quotes (“--x”)."""
    text = text.strip()
    env = re.fullmatch(r"(.*) \(env var: '(.*)'\)", text)
    if env:
        return _quoted(env[1], lang) + said(lang, "usage:env_var").format(name=env[2])
    if len(text) > 1 and text[0] == text[-1] == "'":
        text = text[1:-1]
    return said(lang, "usage:quoted").format(text=text.replace("' / '", " / "))
