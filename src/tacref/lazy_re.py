"""Regular expressions compiled when first used, not when their module is imported.

``re.compile`` is not free: ``symptoms`` alone holds dozens of patterns, a few with
large character classes, and compiling them all took ~20 ms of every `tacref
symptom`, most for patterns a given question never reaches (Cantonese words, a
decimal after 度). A ``Lazy`` is written where the pattern was and used the same way.
"""

import re
import sys
from collections.abc import Callable, Iterator


class Lazy:
    """``re.compile(source, flags)``, compiled by the first method that needs it."""

    __slots__ = ("_compiled", "flags", "needs", "source")

    def __init__(self, source: str, flags: int = 0, needs: tuple[str, ...] = ()) -> None:
        """``needs``: words one of which every match holds ("抽筋"): a text with none
        of them is answered without compiling (``search`` and ``finditer`` only)."""
        self.source = source
        self.flags = flags
        self.needs = needs
        self._compiled: re.Pattern[str] | None = None

    def _hopeless(self, string: str) -> bool:
        return bool(self.needs) and not any(n in string for n in self.needs)

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = re.compile(self.source, self.flags)
        return self._compiled

    @property
    def pattern(self) -> str:
        return self.source

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        if self._hopeless(string):
            return None
        return self.compiled.search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled.match(string, pos, endpos)

    def fullmatch(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        return self.compiled.fullmatch(string, pos, endpos)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        if self._hopeless(string):
            return iter(())
        return self.compiled.finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[object]:
        return self.compiled.findall(string, pos, endpos)

    def split(self, string: str, maxsplit: int = 0) -> list[str]:
        return self.compiled.split(string, maxsplit)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled.sub(repl, string, count)

    def __repr__(self) -> str:
        return f"Lazy({self.source!r})"
