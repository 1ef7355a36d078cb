"""Open the index for a run: bundled data, plus a user's data directory if given."""

from __future__ import annotations

from pathlib import Path

from tacref import paths
from tacref.catalog import DataDir
from tacref.index import Index, open_index


def data_dirs(user_dir: Path | None) -> list[DataDir]:
    dirs = [DataDir(paths.bundled_data_dir() / "conditions", "bundled")]
    user = paths.user_data_dir(user_dir)
    if user is not None:
        conditions = user.path / "conditions"
        dirs.append(DataDir(conditions if conditions.is_dir() else user.path, user.source))
    return dirs


def schema_path() -> Path:
    return paths.bundled_data_dir() / "article.schema.json"


def load(user_dir: Path | None = None) -> Index:
    return open_index(data_dirs(user_dir), schema_path(), paths.cache_dir().path)
