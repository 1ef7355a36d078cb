"""The one place that looks at the terminal: pretty or plain, colour or not.

Pretty (rich) output only when stdout is a terminal, or ``--color always``;
colour off with ``NO_COLOR``, ``--color never`` or ``TERM=dumb``. Everything else
prints plain text. Rich is imported only on the pretty path.
"""

import os
import sys
from collections.abc import Mapping
from typing import IO, NamedTuple

from tacref import views


class Style(NamedTuple):
    pretty: bool
    color: bool


def detect(stream: IO[str], color: str = "auto", env: Mapping[str, str] = os.environ) -> Style:
    try:
        tty = stream.isatty()
    except (ValueError, OSError):  # closed or detached stream
        tty = False
    pretty = color == "always" or (color == "auto" and tty)
    no_color = color == "never" or bool(env.get("NO_COLOR")) or env.get("TERM") == "dumb"
    return Style(pretty=pretty, color=pretty and not no_color)


def emit(doc: views.Document, style: Style, stream: IO[str] | None = None) -> None:
    stream = stream or sys.stdout
    if not style.pretty:
        from tacref import render_plain

        stream.write(render_plain.render(doc))
        stream.flush()
        return
    from rich.console import Console

    from tacref import render_rich

    console = Console(
        file=stream,
        force_terminal=True,
        no_color=not style.color,
        color_system="auto" if style.color else None,
        highlight=False,
        markup=False,
        emoji=False,
    )
    console.print(render_rich.render(doc))
