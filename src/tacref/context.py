"""Open the index for a run: bundled data, plus a user's data directory if given."""

from __future__ import annotations

from pathlib import Path

from tacref import paths
from tacref.errors import Problem
from tacref.index import Index, open_index
from tacref.paths import DataDir


def data_dirs(user_dir: Path | None) -> list[DataDir]:
    """The bundled articles, then the user's (``--data-dir``/TACREF_DATA_DIR), which win."""
    dirs = [DataDir(paths.bundled_data_dir() / "conditions", "bundled")]
    user = paths.user_data_dir(user_dir)
    if user is not None:
        dirs.append(user_dir_entry(user.path, user.source))
    return dirs


def user_dir_entry(path: Path, origin: str) -> DataDir:
    """A user's directory may hold the articles or, like data/, a conditions/ folder."""
    conditions = path / "conditions"
    return DataDir(conditions if conditions.is_dir() else path, origin)


def schema_path() -> Path:
    return paths.bundled_data_dir() / "article.schema.json"


def load(user_dir: Path | None = None) -> Index:
    return open_index(data_dirs(user_dir), schema_path(), paths.cache_dir().path)


def check(path: Path | None) -> tuple[int, list[Problem]]:
    """Articles and problems of the bundled data, plus ``path`` as a run would add it.

    The same code as every run: an index is built (in memory) and its problems read.
    """
    from tacref.index import build_in_memory

    dirs = data_dirs(None)
    empty: list[Problem] = []
    if path is not None:
        dirs.append(user_dir_entry(path, str(path)))
        if not dirs[-1].files():
            empty.append(Problem(path, 0, "no articles here (*.yaml or *.yml files)"))
    index = build_in_memory(dirs, schema_path())
    return len(index.summaries()), empty + index.problems()


def discard_cache() -> None:
    """Remove every compiled index: they are derived data, rebuilt on the next run."""
    import contextlib

    for stale in paths.cache_dir().path.glob("index-*.sqlite"):
        with contextlib.suppress(OSError):
            stale.unlink()
