"""Where tacref's data and cache live, and where each path came from."""

import os
from collections.abc import Mapping
from pathlib import Path

from tacref.record import Record


class Located(Record):
    path: Path
    source: str  # the setting that chose it, for --show-paths and error messages


def bundled_data_dir() -> Path:
    """``tacref/data`` inside an installed wheel, else ``data/`` of a source checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "data", package.parent.parent / "data"):
        if (candidate / "conditions").is_dir():
            return candidate
    return package / "data"


def cache_dir(env: Mapping[str, str] = os.environ) -> Located:
    if env.get("TACREF_CACHE_DIR"):
        return Located(Path(env["TACREF_CACHE_DIR"]), "TACREF_CACHE_DIR")
    if env.get("XDG_CACHE_HOME"):
        return Located(Path(env["XDG_CACHE_HOME"]) / "tacref", "XDG_CACHE_HOME")
    return Located(Path.home() / ".cache" / "tacref", "default")


def user_data_dir(option: Path | None, env: Mapping[str, str] = os.environ) -> Located | None:
    if option is not None:
        return Located(option, "--data-dir")
    if env.get("TACREF_DATA_DIR"):
        return Located(Path(env["TACREF_DATA_DIR"]), "TACREF_DATA_DIR")
    return None


# The kinds of data file, each in its own folder of a data directory, and the
# schema (next to the article schema) that checks it.
KINDS = {
    "conditions": "article.schema.json",
    "forms": "product.schema.json",
    "side-effects": "profile.schema.json",
    "symptoms": "vocabulary.schema.json",
    "interactions": "interaction.schema.json",
}


class DataDir(Record):
    """A directory of ``*.yaml`` files of one kind (or one such file)."""

    path: Path
    origin: str  # "bundled", "--data-dir", "TACREF_DATA_DIR", or a path given to validate
    kind: str = "conditions"  # a key of KINDS

    def files(self) -> list[Path]:
        if self.path.is_file():
            return [self.path]
        try:
            found = [*self.path.glob("*.yaml"), *self.path.glob("*.yml")]
            return sorted(p for p in found if p.is_file())
        except OSError:
            return []
