"""Completion candidates that every shell takes as one plain word.

The shells Typer completes for do not agree on quoting, and Typer does not
quote for all of them: bash word-splits and glob-expands the candidates
(``COMPREPLY=( $(...) )``), zsh evaluates them twice with an escape that
leaves the backslash out, PowerShell inserts them into the command line as
they are. A name from a user's article ("q\\", "q);true>f;ws=(", "/*/*/*")
could run a command or expand to every path on the disk when TAB is pressed.

So a candidate is offered only when it is a word no shell treats specially:
an allow-list of letters, digits and combining marks of any script (Latin,
CJK, ...) and ``- _ . +``; anything else is dropped (callbacks that have a
safe alternative, such as an article's id, offer that instead). Every
completion passes through here: each callback calls ``safe_candidates``, and
``guard_shell`` makes the shell's completion class drop whatever a callback
let through (a future callback gets it without asking).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from typing import Any

# Inert in bash, zsh, fish and PowerShell, anywhere in a word.
_PUNCTUATION = frozenset("-_.+")
# Help text is shown, not inserted: zsh still evaluates it (inside double quotes).
_HELP_PUNCTUATION = frozenset("-_.+ ,:;()/")


def is_safe_word(word: str, encoding: str = "utf-8") -> bool:
    """Is ``word`` one word that no shell expands, splits or evaluates, once
    written in ``encoding`` (the encoding of the stream the shell reads)?"""
    if not word:
        return False
    if word.isascii():
        return all(ch.isalnum() or ch in _PUNCTUATION for ch in word)
    for ch in word:
        if not (ch.isalnum() or ch in _PUNCTUATION or _is_mark(ch)):
            return False
    return _plain_bytes(word, encoding)


def safe_candidates(candidates: Iterable[str], encoding: str | None = None) -> list[str]:
    """``candidates`` that are safe words (see ``is_safe_word``), once each, in order.

    ``encoding``: that of the output the shell reads (default: standard output's).
    """
    enc = encoding or _stdout_encoding()
    return list(dict.fromkeys(c for c in candidates if isinstance(c, str) and is_safe_word(c, enc)))


def safe_help(text: str) -> str:
    """A candidate's help text with everything but letters, digits, marks,
    spaces and a little punctuation turned into spaces."""
    return "".join(
        ch if ch.isalnum() or ch in _HELP_PUNCTUATION or _is_mark(ch) else " " for ch in text
    )


def guard_shell(shell: str) -> None:
    """Make ``shell``'s completion class drop candidates that are not safe words.

    The backstop behind the callbacks' own ``safe_candidates``: it sees every
    candidate (commands, options, choices, files, callbacks) just before Typer
    formats it for the shell. Uses ``typer._click.shell_completion`` (as
    ``cli._completed_words`` does): re-check when Typer is upgraded.
    """
    from typer._click.shell_completion import add_completion_class, get_completion_class
    from typer.completion import completion_init

    completion_init()
    cls = get_completion_class(shell)
    if cls is not None and not getattr(cls, "tacref_guarded", False):
        add_completion_class(_guarded(cls), shell)


def _guarded(cls: Any) -> Any:
    class Guarded(cls):  # type: ignore[misc, valid-type]
        tacref_guarded = True

        def get_completions(self, args: list[str], incomplete: str) -> list[Any]:
            from tacref.argv import hoisted  # options typed before the command

            return safe_items(super().get_completions(hoisted(args, True), incomplete))

    Guarded.__name__ = Guarded.__qualname__ = cls.__name__
    return Guarded


def safe_items(items: Iterable[Any], encoding: str | None = None) -> list[Any]:
    """Click ``CompletionItem``s whose value is a safe word, with safe help text."""
    from typer._click.shell_completion import CompletionItem

    enc = encoding or _stdout_encoding()
    out = []
    for item in items:
        if not (isinstance(item.value, str) and is_safe_word(item.value, enc)):
            continue
        help_text = safe_help(item.help) if item.help else item.help
        out.append(CompletionItem(item.value, type=item.type, help=help_text))
    return out


def _is_mark(ch: str) -> bool:
    import unicodedata

    return unicodedata.category(ch).startswith("M")


def _plain_bytes(word: str, encoding: str) -> bool:
    """Does every non-ASCII character of ``word`` become only non-ASCII bytes in
    ``encoding``? In GBK or Big5 a Chinese character can end in the byte of "\\"
    or "`"; one the encoding cannot write at all would reach the shell as "?"."""
    import codecs

    try:
        if codecs.lookup(encoding).name == "utf-8":
            return True
        for ch in word:
            if not ch.isascii():
                data = ch.encode(encoding)
                if not data or min(data) < 0x80:
                    return False
    except (LookupError, UnicodeError):
        return False
    return True


def _stdout_encoding() -> str:
    return getattr(sys.stdout, "encoding", None) or "utf-8"
