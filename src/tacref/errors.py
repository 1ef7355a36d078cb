"""Errors the library raises; only the CLI turns them into messages and exit codes."""

import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tacref.record import Record
from tacref.sanitize import quoted


class ExitCode:
    """The documented exit codes (plain ints: an IntEnum costs start-up time)."""

    OK = 0
    NOT_FOUND = 1  # no such condition, or invalid data
    USAGE = 2
    INTERRUPTED = 130


class Problem(Record):
    """One thing wrong with a data file, with where it is (line 0: the whole file)."""

    path: Path
    line: int
    message: str

    def __str__(self) -> str:
        """``path:line: message`` on one line, whatever the file's name holds
        (escape sequences, a newline, bytes that are not UTF-8) and the message quotes."""
        from tacref.sanitize import inline

        path, message = inline(path_text(self.path)), inline(self.message)
        return f"{path}:{self.line}: {message}" if self.line else f"{path}: {message}"


def path_text(path: Path | str) -> str:
    """``path`` as text any stream or database can take: a name that is not valid
    UTF-8 (its bad bytes arrive as lone surrogates) shows them escaped, ``\\xff``."""
    text = str(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")


# A file's problems are reported up to this many, then one line says how many more:
# a file with thousands of faults must not take minutes, nor bury the others.
MAX_PER_FILE = 20
_MORE = "... and "
_MORE_TAIL = " in this file"


def first_problems(
    problems: Iterable[Problem], more: int = 0, at_least: bool = False
) -> list[Problem]:
    """The first MAX_PER_FILE of one file's ``problems`` (in order), then one line
    for the rest and ``more`` not listed (``at_least``: they were not all counted)."""
    listed = sorted(problems)
    if not listed or (len(listed) <= MAX_PER_FILE and not more):
        return listed
    rest = len(listed) - MAX_PER_FILE + more if len(listed) > MAX_PER_FILE else more
    plus = "+" if at_least else ""
    noun = "problem" if rest == 1 and not at_least else "problems"
    summary = Problem(listed[0].path, 0, f"{_MORE}{rest}{plus} more {noun}{_MORE_TAIL}")
    return [*listed[:MAX_PER_FILE], summary]


def count(problems: Iterable[Problem]) -> int:
    """How many problems ``problems`` stand for (a summary line counts its own;
    at least that many when a file had more than were looked at: see ``shown_count``)."""
    return sum(_summarised(p.message)[0] or 1 for p in problems)


def shown_count(problems: Iterable[Problem]) -> str:
    """``count``, as a person reads it: "1001+" when a file had more than were looked at."""
    problems = list(problems)
    more = any(_summarised(p.message)[1] for p in problems)
    return f"{count(problems)}{'+' if more else ''}"


def _summarised(message: str) -> tuple[int, bool]:
    """The number a "... and N more problems in this file" line stands for (else
    0), and whether it is a lower bound ("N+")."""
    if not (message.startswith(_MORE) and message.endswith(_MORE_TAIL)):
        return 0, False
    number = message[len(_MORE) :].split(" ", 1)[0]
    digits = number.rstrip("+")
    if not (digits.isdigit() and len(digits) < 10):
        return 0, False
    return int(digits), digits != number


class TacrefError(Exception):
    """Base class: ``message`` is one line for stderr, ``hint`` says what to do next."""

    exit_code = ExitCode.NOT_FOUND

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class NotFound(TacrefError):
    """Nothing has this name. ``coverage`` (``unknown.Coverage``), when it is not
    a misspelling: what tacref has near it (the CLI says it in the reader's language)."""

    def __init__(
        self,
        query: str,
        suggestions: tuple[str, ...] = (),
        what: str = "condition",
        coverage: Any = None,
    ) -> None:
        self.query = query
        self.suggestions = suggestions
        self.what = what
        self.coverage = coverage
        hint = f"did you mean: {', '.join(suggestions)}?" if suggestions else _TRY[what]
        if what == "agent":  # never let a missing card read as "no interaction"
            hint += (
                " Not in tacref's list does not mean it is safe with tacrolimus: ask your"
                " pharmacist or transplant team"
            )
        super().__init__(f"no {_WHAT[what]} matches {quoted(query)}", hint)


_WHAT = {"condition": "condition", "product": "product", "agent": "drug, herb or food"}
_TRY = {
    "condition": "try 'tacref list' or 'tacref search TEXT'",
    "product": "try 'tacref forms'",
    "agent": "try 'tacref interactions' for the list.",
}


class NoResults(TacrefError):
    def __init__(self, query: str, suggestions: tuple[str, ...] = ()) -> None:
        self.query = query
        hint = (
            f"did you mean: {', '.join(suggestions)}?"
            if suggestions
            else "try fewer or other words, in English or Chinese"
        )
        super().__init__(f"nothing matches {quoted(query)}", hint)


class IsProduct(TacrefError):
    """A product's name where a condition was asked for (``show Prograf``)."""

    def __init__(self, query: str, product_id: str) -> None:
        typed = query.strip().lower()
        name = typed if typed.replace("-", "").isalnum() else product_id
        self.query = query
        super().__init__(f"{quoted(query)} is a product, not a condition", f"tacref forms {name}")


class IsCondition(TacrefError):
    """A condition's name where a product was asked for (``forms vitiligo``)."""

    def __init__(self, query: str, article_id: str) -> None:
        self.query = query
        self.article_id = article_id
        super().__init__(
            f"{quoted(query)} is a condition, not a product",
            f"see 'tacref show {article_id}', or 'tacref forms' for the products",
        )


class Ambiguous(TacrefError):
    """``names``: each candidate's names by language, to list them in the reader's;
    ``more``: how many more there are than ``candidates`` lists."""

    def __init__(
        self,
        query: str,
        candidates: tuple[str, ...],
        names: "dict[str, Any] | None" = None,
        more: int = 0,
    ) -> None:
        self.query = query
        self.candidates = candidates
        self.names = names or {}
        self.more = more
        super().__init__(
            f"{quoted(query)} matches more than one condition: {', '.join(candidates)}",
            "type more of the name",
        )


class UsageError(TacrefError):
    exit_code = ExitCode.USAGE


class OutputError(TacrefError):
    """Standard output cannot take what tacref printed (a full disk, closed, gone)."""

    def __init__(self, reason: str) -> None:
        super().__init__(f"cannot write output: {reason}")


class Terminated(TacrefError):
    """SIGTERM (or SIGHUP) arrived while the index was being built; the partial
    file was removed. Exit 128 + the signal's number, as the shell would show."""

    def __init__(self, signum: int) -> None:
        name = {1: "SIGHUP", 15: "SIGTERM"}.get(signum, f"signal {signum}")
        super().__init__(f"stopped by {name} while building the index; nothing was written")
        self.exit_code = 128 + signum
