"""Open the index for a run: bundled data, plus a user's data directory if given."""

from __future__ import annotations

from pathlib import Path

from tacref import paths
from tacref.errors import Problem
from tacref.index import Index, Progress, open_index
from tacref.paths import DataDir


def data_dirs(user_dir: Path | None) -> list[DataDir]:
    """The bundled data (articles first), then the user's (``--data-dir`` or
    TACREF_DATA_DIR), which win."""
    bundled = paths.bundled_data_dir()
    dirs = [DataDir(bundled / kind, "bundled", kind) for kind in paths.KINDS]
    user = paths.user_data_dir(user_dir)
    if user is not None:
        dirs += user_dir_entries(user.path, user.source)
    return once(dirs)


def once(dirs: list[DataDir]) -> list[DataDir]:
    """Each directory once, the first time it comes (TACREF_DATA_DIR may be data/
    itself): a file read twice would claim every one of its names twice."""
    import os

    seen: set[str] = set()
    kept = []
    for d in dirs:
        real = os.path.realpath(d.path)
        if d.refused or real not in seen:  # a refused one is said, never read
            seen.add(real)
            kept.append(d)
    return kept


REFUSED_FOLDER = "refused: a link to a folder outside the data directory"


def user_dir_entries(path: Path, origin: str) -> list[DataDir]:
    """A user's directory holds articles, or, like data/, a folder for each kind
    (not a link to a folder elsewhere: nothing outside the directory is read).

    A kind's folder that is there but cannot be used (a link outside, a link to
    itself, no permission, a file) stays in the list, refused or unreadable: the
    build reports it (``DataDir.problem``) instead of leaving it out in silence."""
    import os

    kinds = []
    for kind in paths.KINDS:
        folder = path / kind
        if not os.path.lexists(folder):
            continue
        refused = "" if paths.inside(folder, path) else REFUSED_FOLDER
        if not refused and folder.is_file():
            refused = "refused: not a folder"
        kinds.append(DataDir(folder, origin, kind, refused))
    return kinds or [DataDir(path, origin)]


def schema_path() -> Path:
    return paths.bundled_data_dir() / "article.schema.json"


def load(user_dir: Path | None = None, progress: Progress | None = None) -> Index:
    return open_index(data_dirs(user_dir), schema_path(), paths.cache_dir().path, progress)


def draft(path: Path, progress: Progress | None = None) -> tuple[str, list[Problem], Index]:
    """An article file being written, read with the bundled data: its id, its
    problems, and the index to show it from (built in memory: a draft changes with
    every save, and cached it would push the indexes people use out of the cache)."""
    from tacref import loader
    from tacref.errors import path_text

    index = open_index(data_dirs(path), schema_path(), None, progress)
    shown = path_text(path)  # how the index names it, even when the name is not UTF-8
    problems = [p for p in index.problems() if path_text(p.path) == shown]
    try:
        data = loader.load(path).data
    except loader.LoadError as exc:
        return "", problems or [exc.problem], index
    found = data.get("id") if isinstance(data, dict) else None
    if not isinstance(found, str) and not problems:
        problems = [Problem(path, 1, "no id: not an article")]
    return found if isinstance(found, str) else "", problems, index


def check(path: Path | None, today: str = "") -> tuple[int, list[Problem], list[Problem]]:
    """Articles, problems and warnings of the bundled data, plus ``path`` as a run
    would add it. Warnings are articles past their review date on ``today`` (ISO;
    default: today's date).

    The same code as every run: an index is built (in memory) and its problems read.
    """
    import time

    from tacref.index import build_in_memory
    from tacref.validate import past_due

    dirs = data_dirs(None)
    empty: list[Problem] = []
    if path is not None:
        user = user_dir_entries(path, str(path))
        dirs += user
        if not any(d.files() for d in user):
            empty.append(Problem(path, 0, "no articles here (*.yaml or *.yml files)"))
    index = build_in_memory(once(dirs), schema_path())
    articles = ((index.article(i), Path(p)) for i, p in index.article_files())
    warnings = past_due(articles, today or time.strftime("%Y-%m-%d"))
    return len(index.summaries()), empty + index.problems(), warnings


def discard_cache() -> None:
    """Remove every compiled index tacref wrote (derived data, rebuilt on the next
    run); nothing else in the cache directory is touched (see index.discard_indexes)."""
    from tacref.index import discard_indexes

    cache = paths.cache_dir().path
    if cache is not None:
        discard_indexes(cache)
