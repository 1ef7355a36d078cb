"""Where tacref's data and cache live, and where each path came from.

The cache directory (``cache_dir``), first that applies:

- ``TACREF_CACHE_DIR``, as given, relative or not: a variable only tacref reads is
  a deliberate choice (like ``--data-dir``, which may be relative too), and a
  relative one is useful, e.g. a CI job that keeps its cache in its work tree.
- ``XDG_CACHE_HOME/tacref`` if it is an absolute path. The XDG spec says a relative
  path there is invalid and must be ignored (it would put the index in whatever
  directory tacref happens to run in): it is, and the next rule applies.
- ``$HOME/.cache/tacref`` if ``HOME`` is an absolute path; if ``HOME`` is not set
  at all, the home directory from the password database (as ``~`` does).
- Otherwise (``HOME`` set but empty or relative, e.g. ``HOME= tacref``): no cache.
  An empty HOME made ``~`` mean ``/``, so the index went to ``/.cache/tacref``;
  guessing another directory would write where nobody asked. The index is then
  built in memory on every run: slower, never wrong.

Data directories (``DataDir``) are read without leaving them: a ``*.yaml`` entry
that is a symbolic link whose real path is outside the directory is not read at
all (``DataDir.scan`` lists it apart, and the build reports it as a problem), so
a link to a credentials file cannot be echoed by ``validate`` or an error message.
The directory itself may be a link: containment is checked against its real path.
"""

import os
from collections.abc import Mapping
from pathlib import Path

from tacref.record import Record


class Located(Record):
    path: Path | None  # None: no usable location (see cache_dir)
    source: str  # the setting that chose it, for --show-paths and error messages


def bundled_data_dir() -> Path:
    """``tacref/data`` inside an installed wheel, else ``data/`` of a source checkout."""
    package = Path(__file__).resolve().parent
    for candidate in (package / "data", package.parent.parent / "data"):
        if (candidate / "conditions").is_dir():
            return candidate
    return package / "data"


def cache_dir(env: Mapping[str, str] = os.environ) -> Located:
    """Where the index is cached; ``path`` is None when there is nowhere safe (see above)."""
    if env.get("TACREF_CACHE_DIR"):
        return Located(Path(env["TACREF_CACHE_DIR"]), "TACREF_CACHE_DIR")
    xdg = env.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):
        return Located(Path(xdg) / "tacref", "XDG_CACHE_HOME")
    home = env.get("HOME")
    if home is None:  # not set: the password database's entry, as ``~`` would give
        home = _account_home()
    if os.path.isabs(home):
        return Located(Path(home) / ".cache" / "tacref", "default")
    return Located(None, "HOME is empty or relative: no cache")


def _account_home() -> str:
    import pwd

    try:
        return pwd.getpwuid(os.getuid()).pw_dir
    except KeyError:  # a uid with no entry (some containers)
        return ""


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


def inside(path: str | Path, root: str | Path) -> bool:
    """Is the real path of ``path`` ``root`` itself or below the real path of ``root``?"""
    real, base = os.path.realpath(path), os.path.realpath(root)
    return os.path.commonpath([real, base]) == base


class DataDir(Record):
    """A directory of ``*.yaml`` files of one kind (or one such file)."""

    path: Path
    origin: str  # "bundled", "--data-dir", "TACREF_DATA_DIR", or a path given to validate
    kind: str = "conditions"  # a key of KINDS
    refused: str = ""  # why the folder is not read at all (see context.user_dir_entries)

    def problem(self) -> str | None:
        """Why this folder is there but not read, if it is not: said as a problem
        (a user's articles must not go missing in silence)."""
        if self.refused:
            return self.refused
        if self.path.is_file():
            return None
        try:
            with os.scandir(self.path):
                return None
        except FileNotFoundError:  # a kind the data set does not have
            return "cannot read this folder: a link to nothing" if self.path.is_symlink() else None
        except OSError as exc:
            return f"cannot read this folder: {exc.strerror or exc}"

    def files(self) -> list[Path]:
        """The files to read (links that leave the directory left out)."""
        return self.scan()[0]

    def scan(self) -> tuple[list[Path], list[Path]]:
        """(files to read, links refused because their real path leaves the directory).

        One article file named directly is read wherever a link in its name leads:
        the user chose that file.
        """
        if self.path.is_file():  # read through its real path (loader follows no link out)
            path = self.path
            return [Path(os.path.realpath(path)) if path.is_symlink() else path], []
        if self.refused:
            return [], []
        found: list[Path] = []
        refused: list[Path] = []
        try:
            with os.scandir(self.path) as entries:
                for entry in entries:
                    if not entry.name.endswith((".yaml", ".yml")):
                        continue
                    try:
                        if entry.is_symlink() and not inside(entry.path, self.path):
                            refused.append(Path(entry.path))
                        elif entry.is_file():
                            found.append(Path(entry.path))
                    except OSError:  # a link to itself: reading it reports the problem
                        found.append(Path(entry.path))
        except OSError:
            return [], []
        return sorted(found), sorted(refused)
