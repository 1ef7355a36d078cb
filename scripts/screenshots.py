"""Regenerate the terminal pictures in docs/img/ from the program itself.

    .venv/bin/python scripts/screenshots.py

Each picture is what `tacref` draws on a 100-column terminal, recorded by rich
and saved as SVG, so the README can never show output the program does not make.
"""

import io
import os
import tempfile
from pathlib import Path

from rich.console import Console

from tacref import context, queries, render_rich, views

OUT = Path(__file__).resolve().parent.parent / "docs" / "img"
SHOTS = {
    "show-vitiligo": (
        "tacref show vitiligo   (the first screen)",
        lambda ix: _first_screen(_article(ix, "vitiligo", "en", None)),
    ),
    "side-effects-vitiligo": (
        "tacref side-effects vitiligo",
        lambda ix: views.side_effects(*queries.side_effects(ix, "vitiligo"), "en"),
    ),
    "forms": (
        "tacref forms",
        lambda ix: views.products(queries.products(ix), "en"),
    ),
    "list-zh": (
        "tacref list --lang zh",
        lambda ix: views.condition_list(queries.list_conditions(ix, "zh"), "zh"),
    ),
    "show-bilingual": (
        "tacref show 白癜风 --bilingual --section urgent",
        lambda ix: views.bilingual_article(*queries.related(ix, "白癜风"), "urgent"),
    ),
}


def _article(index, name: str, lang: str, section: str | None) -> views.Document:
    article, related = queries.related(index, name)
    return views.article(article, lang, related, section)


def _first_screen(doc: views.Document) -> views.Document:
    """The article up to its pointer to the urgent signs: what the first screen shows."""
    kinds = [getattr(b, "kind", "") for b in doc]
    return doc[: kinds.index("urgent") + 1]


def main() -> None:
    os.environ.setdefault("TACREF_CACHE_DIR", tempfile.mkdtemp(prefix="tacref-shots-"))
    index = context.load()
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (command, make) in SHOTS.items():
        console = Console(
            record=True,
            width=140 if "bilingual" in name else 100,
            force_terminal=True,
            color_system="truecolor",
            file=io.StringIO(),
            highlight=False,
            markup=False,
            emoji=False,
        )
        console.print(f"$ {command}", style="bold")
        console.print(render_rich.render(make(index)))
        console.save_svg(str(OUT / f"{name}.svg"), title=command)
        print(f"wrote {OUT / name}.svg")


if __name__ == "__main__":
    main()
