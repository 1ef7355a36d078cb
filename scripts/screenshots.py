"""Regenerate the terminal pictures in docs/img/ from the program itself.

    .venv/bin/python scripts/screenshots.py

Each picture is what `tacref` prints on an 80-column terminal (the size most
terminals open at), run as a real process with colour forced on and no pager, then
recorded by rich and saved as SVG: the README can never show output the program
does not make, nor a layout that only a wide window gets. A long output is cut
after its first screens, as the pager would show it. The bilingual picture is made
at 100 columns, the narrowest width at which the two languages stand side by side
(narrower, they follow one another).
"""

import os
import subprocess
import sys
import tempfile
from pathlib import Path

from rich.console import Console
from rich.text import Text

OUT = Path(__file__).resolve().parent.parent / "docs" / "img"
SCREEN = 24  # lines of an 80x24 terminal
# name: (the command, columns, at most this many lines of its output)
SHOTS = {
    "show-vitiligo": ("tacref show vitiligo", 80, SCREEN - 1),  # the first screen
    "side-effects-vitiligo": ("tacref side-effects vitiligo", 80, 2 * SCREEN),
    "forms": ("tacref forms", 80, 2 * SCREEN),
    "list-zh": ("tacref list --lang zh", 80, SCREEN - 1),
    "show-bilingual": ("tacref show 白癜风 --bilingual --section urgent", 100, 3 * SCREEN),
}


def output(command: str, columns: int, env: dict[str, str]) -> str:
    """What ``command`` prints on a terminal ``columns`` wide, colours included."""
    args = [sys.executable, "-m", "tacref", *command.split()[1:], "--color", "always"]
    done = subprocess.run(
        [*args, "--no-pager"],
        capture_output=True,
        text=True,
        check=True,
        env={**env, "COLUMNS": str(columns), "TERM": "xterm-256color", "COLORTERM": "truecolor"},
    )
    return done.stdout


def main() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "LANG", "LANGUAGE")}
    env.setdefault("TACREF_CACHE_DIR", tempfile.mkdtemp(prefix="tacref-shots-"))
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (command, columns, most) in SHOTS.items():
        lines = output(command, columns, env).splitlines()
        shown = lines[:most]
        console = Console(
            record=True,
            width=columns,
            force_terminal=True,
            color_system="truecolor",
            file=open(os.devnull, "w"),  # noqa: SIM115 - closed with the process
            highlight=False,
            markup=False,
            emoji=False,
        )
        console.print(f"$ {command}", style="bold")
        for line in shown:
            console.print(Text.from_ansi(line), overflow="ignore", crop=False)
        if len(lines) > most:
            console.print(f"… {len(lines) - most} more lines (the pager shows them)", style="dim")
        console.save_svg(str(OUT / f"{name}.svg"), title=f"{command}   ({columns} columns)")
        print(f"wrote {OUT / name}.svg")


if __name__ == "__main__":
    main()
