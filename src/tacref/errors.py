"""Errors the library raises; only the CLI turns them into messages and exit codes."""

import os
from pathlib import Path

from tacref.record import Record


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
        path = path_text(self.path)
        return f"{path}:{self.line}: {self.message}" if self.line else f"{path}: {self.message}"


def path_text(path: Path | str) -> str:
    """``path`` as text any stream or database can take: a name that is not valid
    UTF-8 (its bad bytes arrive as lone surrogates) shows them escaped, ``\\xff``."""
    text = str(path)
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")


class TacrefError(Exception):
    """Base class: ``message`` is one line for stderr, ``hint`` says what to do next."""

    exit_code = ExitCode.NOT_FOUND

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


class NotFound(TacrefError):
    def __init__(self, query: str, suggestions: tuple[str, ...] = ()) -> None:
        self.query = query
        self.suggestions = suggestions
        hint = (
            f"did you mean: {', '.join(suggestions)}?"
            if suggestions
            else ("try 'tacref list' or 'tacref search TEXT'")
        )
        super().__init__(f"no condition matches {query!r}", hint)


class NoResults(TacrefError):
    def __init__(self, query: str, suggestions: tuple[str, ...] = ()) -> None:
        from tacref.sanitize import user_text

        hint = (
            f"did you mean: {', '.join(suggestions)}?"
            if suggestions
            else "try fewer or other words, in English or Chinese"
        )
        super().__init__(f"nothing matches {user_text(query, 200)!r}", hint)


class Ambiguous(TacrefError):
    def __init__(self, query: str, candidates: tuple[str, ...]) -> None:
        self.query = query
        self.candidates = candidates
        super().__init__(
            f"{query!r} matches more than one condition: {', '.join(candidates)}",
            "type more of the name",
        )


class UsageError(TacrefError):
    exit_code = ExitCode.USAGE
