import contextlib
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from typer.testing import CliRunner

from tacref.cli import app

SCRUBBED = (
    "NO_COLOR",
    "FORCE_COLOR",
    "PAGER",
    "TACREF_PAGER",
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "LC_MESSAGES",
    "TACREF_LANG",
    "TACREF_DATA_DIR",
    "TERM",
    "XDG_CACHE_HOME",
)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "cold_cache: the test starts with an empty cache (no prebuilt index)"
    )


@pytest.fixture(scope="session")
def bundled_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled data's index, built once per test run (a build takes seconds;
    every test building its own made the suite several times slower)."""
    cache = tmp_path_factory.mktemp("prebuilt")
    env = {k: v for k, v in os.environ.items() if k not in SCRUBBED}
    subprocess.run(
        [sys.executable, "-m", "tacref", "list"],
        env={**env, "TACREF_CACHE_DIR": str(cache)},
        capture_output=True,
        check=True,
        timeout=300,
    )
    (index,) = cache.glob("index-*.sqlite")
    return index


@pytest.fixture(autouse=True)
def isolated(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[Path]:
    """Every test gets its own cache, holding a copy of the bundled data's index
    unless it is marked ``cold_cache``, and a known environment. The cache goes
    with the test: kept, the copies of a whole run took tens of gigabytes."""
    for var in SCRUBBED:
        monkeypatch.delenv(var, raising=False)
    cache = tmp_path / "cache"
    if request.node.get_closest_marker("cold_cache") is None:
        index = request.getfixturevalue("bundled_index")
        cache.mkdir(mode=0o700)
        shutil.copy2(index, cache / index.name)
    monkeypatch.setenv("TACREF_CACHE_DIR", str(cache))
    monkeypatch.setenv("COLUMNS", "80")
    yield cache
    for path in (cache, tmp_path):  # a test may have made either read-only
        with contextlib.suppress(OSError):
            path.chmod(0o700)
    shutil.rmtree(tmp_path, ignore_errors=True)


class Run(NamedTuple):
    code: int
    out: str
    err: str


def run(*args: str, env: dict[str, str] | None = None) -> Run:
    """tacref through Typer's CliRunner (in-process, stdout is not a terminal)."""
    result = CliRunner().invoke(app, list(args), env=env)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return Run(result.exit_code, result.stdout, result.stderr)


def tacref_exe() -> str:
    exe = shutil.which("tacref", path=str(Path(sys.executable).parent))
    assert exe, "the tacref console script is not installed next to this Python"
    return exe


def run_shell(redirect: str, *args: str) -> subprocess.CompletedProcess:
    """``python -m tacref ARGS`` run by the shell with ``redirect`` after it (a pipe, ``>&-``)."""
    return subprocess.run(
        f"'{sys.executable}' -m tacref {' '.join(args)} {redirect}",
        shell=True,
        capture_output=True,
        text=True,
        timeout=60,
    )


def run_real(*args: str, env: dict[str, str] | None = None, **kw) -> subprocess.CompletedProcess:
    """The installed console script as a real process, stdout a pipe."""
    full_env = {**os.environ, **(env or {})}
    return subprocess.run(
        [tacref_exe(), *args], capture_output=True, text=True, env=full_env, timeout=60, **kw
    )
