"""Start-up stays lean: a run on a fresh index imports nothing it does not need."""

import json
import subprocess
import sys

PROBE = """
import json, sys
sys.argv = ["tacref", *sys.argv[1:]]
from tacref.cli import main
try:
    main()
except SystemExit:
    pass
sys.stdout.flush()
sys.__stderr__.write(json.dumps(sorted(sys.modules)))
"""


def modules_after(*args: str) -> set[str]:
    subprocess.run([sys.executable, "-m", "tacref", "list"], capture_output=True, check=True)
    p = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, timeout=60
    )
    return {m.split(".")[0] for m in json.loads(p.stderr)}


def test_a_normal_run_parses_no_yaml_and_loads_no_heavy_library() -> None:
    runs = (["show", "melasma"], ["list"], ["list", "--lang", "zh"], ["side-effects", "lupus"])
    for args in (*runs, ["search", "tremor"]):
        loaded = modules_after(*args)
        # yaml/jsonschema/pypinyin: only when the data change; rich: only on a terminal;
        # pydantic: typer 0.29+ imports it on every run (see pyproject.toml).
        for heavy in ("yaml", "jsonschema", "pypinyin", "rich", "pydantic"):
            assert heavy not in loaded, (args, heavy)


def test_typer_is_below_029() -> None:
    from importlib.metadata import version

    major, minor = (int(x) for x in version("typer").split(".")[:2])
    assert (major, minor) < (0, 29), "typer 0.29 doubles start-up; see pyproject.toml"
