import os
import shutil
import subprocess
import sys
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


@pytest.fixture(autouse=True)
def isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Every test gets its own cache and a known environment."""
    for var in SCRUBBED:
        monkeypatch.delenv(var, raising=False)
    cache = tmp_path / "cache"
    monkeypatch.setenv("TACREF_CACHE_DIR", str(cache))
    monkeypatch.setenv("COLUMNS", "80")
    return cache


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
