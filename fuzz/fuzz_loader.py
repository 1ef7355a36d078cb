"""Coverage-guided fuzzing of the YAML loading path with atheris (run on demand).

    python -m venv .venv-fuzz && .venv-fuzz/bin/pip install -e . atheris
    .venv-fuzz/bin/python fuzz/fuzz_loader.py -max_total_time=300 fuzz/corpus

Each input is written as a data file and goes through exactly what a run does
with a user's file: loader.load, then validate.check. Anything but a clean
article or a clean LoadError/problem list is a crash. The seed corpus is the
bundled articles (copied into the corpus directory on first use).
"""

import shutil
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from tacref import context, loader, validate

SCHEMA = context.schema_path()
WORK = Path(tempfile.mkdtemp(prefix="tacref-fuzz-")) / "article.yaml"


def one_input(data: bytes) -> None:
    WORK.write_bytes(data)
    try:
        doc = loader.load(WORK)
    except loader.LoadError as exc:
        assert exc.problem.message
        return
    article, problems = validate.check(doc, SCHEMA)
    assert (article is None) == bool(problems)
    for p in problems:
        assert p.message and "\n" not in str(p.line)


# Shapes the articles never have, so that mutations start near the loader's limits.
HOSTILE_SEEDS = {
    "deep-flow.yaml": "[" * 500 + "]" * 500,
    "deep-block.yaml": "".join("  " * i + "a:\n" for i in range(300)),
    "alias.yaml": "a: &x [1, 2]\nb: *x\n",
    "tags.yaml": "a: !!int x\nb: !!seq y\n!!set c: d\n<<: {e: f}\nyes: 1\n",
}


def main() -> None:
    corpus = next((Path(a) for a in sys.argv[1:] if not a.startswith("-")), None)
    if corpus is not None and not corpus.exists():
        corpus.mkdir(parents=True)
        for seed in (context.data_dirs(None)[0].path).glob("*.yaml"):
            shutil.copy(seed, corpus / seed.name)
        for name, text in HOSTILE_SEEDS.items():
            (corpus / name).write_text(text, encoding="utf-8")
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
