"""The README's examples are the program's real output (docs that cannot drift)."""

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
BLOCKS = re.findall(r"```console\n\$ (.+?)\n(.*?)```", README.read_text(encoding="utf-8"), re.S)


def test_the_readme_has_examples() -> None:
    assert len(BLOCKS) >= 3


@pytest.mark.parametrize(("command", "expected"), BLOCKS, ids=[c for c, _ in BLOCKS])
def test_readme_example(command: str, expected: str, isolated: Path) -> None:
    tokens = list(shlex.shlex(command, posix=True, punctuation_chars=True))
    tools = {tokens[0]} | {tokens[i + 1] for i, tok in enumerate(tokens[:-1]) if tok == "|"}
    for tool in tools - {"tacref"}:
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed")
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    p = subprocess.run(
        command + " 2>&1", shell=True, capture_output=True, text=True, env=env, timeout=60
    )
    assert p.stdout == expected


def test_the_first_lines_are_the_two_setup_commands() -> None:
    lines = README.read_text(encoding="utf-8").splitlines()
    assert (
        lines[2]
        .strip()
        .startswith("python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/tacref")
    )
    assert lines[3].strip().endswith(".venv/bin/python -m pytest")
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    assert "grep -m2 '^    python3 -m venv' README.md" in ci  # CI runs exactly that second line
