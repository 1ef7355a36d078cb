"""Start-up stays lean: a run on a fresh index imports nothing it does not need."""

import json
import subprocess
import sys

# tacref run in this process, then what it left behind written to stderr as JSON
RUN = """
sys.argv = ["tacref", *sys.argv[1:]]
from tacref.cli import main
try:
    main()
except SystemExit:
    pass
sys.stdout.flush()
sys.__stderr__.write(json.dumps({}))
"""
PROBE = "import json, sys\n" + RUN.format("sorted(sys.modules)")


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


COMPILES = """
import json, re, sys
compiled = []
compile_ = re._compile
def counted(pattern, flags):
    frame = sys._getframe(1)
    while frame and frame.f_code.co_filename.endswith(("re/__init__.py", "lazy_re.py")):
        frame = frame.f_back
    if frame and "tacref" in frame.f_code.co_filename:
        compiled.append(str(pattern))
    return compile_(pattern, flags)
re._compile = counted
""" + RUN.format("sorted(set(compiled))")


def _compiled_for(*words: str) -> list[str]:
    subprocess.run([sys.executable, "-m", "tacref", "list"], capture_output=True, check=True)
    p = subprocess.run(
        [sys.executable, "-c", COMPILES, "symptom", *words],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert "tacrolimus" in p.stdout or "他克莫司" in p.stdout, p.stdout
    return json.loads(p.stderr)


def test_symptom_compiles_only_the_patterns_its_question_needs() -> None:
    # Compiling every pattern of tacref.symptoms (~65, two with the whole CJK range)
    # took ~30 ms of each `tacref symptom`: a third of its run.
    for words in (["shaky", "hands"], ["手抖得很厉害"]):
        compiled = _compiled_for(*words)
        assert len(compiled) <= 20, compiled


def test_an_english_symptom_compiles_no_pattern_with_the_cjk_range() -> None:
    compiled = _compiled_for("shaky", "hands")
    assert not any("\\u3400-\\u9fff" in c or "\u3400-\u9fff" in c for c in compiled), compiled


def test_a_pattern_left_uncompiled_for_a_question_would_not_have_matched_it() -> None:
    # a Lazy with ``needs`` answers "no match" without compiling when none of its
    # words is in the text: on every question the checker is tested with, the
    # compiled pattern agrees
    import csv
    from pathlib import Path

    from tacref import symptoms
    from tacref.lazy_re import Lazy
    from tacref.symptoms import symptom_key

    with open(Path(__file__).parent / "symptom_questions.tsv", encoding="utf-8") as f:
        questions = [row[0] for row in csv.reader(f, delimiter="\t") if row]
    questions += ["食咗20粒必理痛", "吃了一整瓶泰诺", "小腿抽筋", "my cat had kittens"]
    questions += ["我有了三个月", "I took her tablets", "she is 30 weeks"]
    guarded = [v for v in vars(symptoms).values() if isinstance(v, Lazy) and v.needs]
    assert len(guarded) >= 8
    for pattern in guarded:
        for q in questions:
            key = symptom_key(q)
            assert bool(pattern.search(key)) == bool(pattern.compiled.search(key)), (q, pattern)
