"""Coverage-guided fuzzing of what tacref decodes from its cache, with atheris (on demand).

    python -m venv .venv-fuzz && .venv-fuzz/bin/pip install -e . atheris
    .venv-fuzz/bin/python fuzz/fuzz_index.py -max_total_time=120 -timeout=10 fuzz/corpus-index

Every input goes to ``index._unpack`` (the one decoder of every blob): anything
but a value or ``CorruptIndex`` is a crash. An input that starts like an SQLite
file is also written as a cache file and opened as a run opens it (``_state``,
``_open_checked``), then asked every query a command makes. There, ``CorruptIndex``
and other ordinary exceptions are fine (the CLI discards the file and runs the
command again); a crash of the interpreter, a hang (-timeout), a MemoryError or
RecursionError, or memory past -rss_limit_mb is a finding.

Seeds (written into the corpus directory on first use): a real index of two
bundled articles, and packed blobs of real values.
"""

import contextlib
import shutil
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    from tacref import context, index
    from tacref.index import CorruptIndex, Index, Match

WORK = Path(tempfile.mkdtemp(prefix="tacref-fuzz-index-"))
FILE = WORK / "index-0000000000000000.sqlite"
FATAL = (MemoryError, RecursionError, SystemError)


def check_unpack(data: bytes) -> None:
    with contextlib.suppress(CorruptIndex):
        index._unpack(data, "fuzz")


def queries(ix: Index) -> None:
    with contextlib.suppress(CorruptIndex):  # what open_index asks first; then the rest
        ix.verify()
    ix.meta("format")
    ids = [i for _, i, _ in ix.all_names()][:5]
    ix.summaries()
    ix.summaries(ids)
    for i in ids:
        ix.article(i)
        ix.ids_for_key(i)
    ix.names_with_prefix("t")
    for m in ix.matches(["tacrolimus"], 3) + ix.matches(["白"], 2):
        ix.sections(m)
    ix.sections(Match(1, "x", "en"))
    ix.problems()
    ix.problem_count()
    ix.items("product")
    ix.items("agent")
    ix.profile("topical")
    ix.symptom_words()
    ix.symptom_pairs()
    ix.lead_articles("topical", "burning")
    ix.symptom_extras()
    ix.known_words(["白癜风", "副作用"])
    ix.simplified("白癜風")
    ix.holding(["tacrolimus"], [1, 2])
    ix.doc_count("白")
    ix.docs_of(ids[0] if ids else "x")
    ix.all_item_names("agent")
    ix.item_names_with_prefix("product", "p")
    for kind in ("product", "agent"):  # by the ids their names resolve to
        ix.items(kind, [i for _, i, _ in ix.all_item_names(kind)][:3])


def check_file(data: bytes) -> None:
    FILE.write_bytes(data)
    if index._state(FILE) != "ours":
        return
    conn = index._open_checked(FILE)
    if conn is None:  # refused at open: rebuilt by a real run
        return
    try:
        queries(Index(conn, FILE))
    except CorruptIndex:
        pass
    except FATAL:
        raise
    except Exception:  # the CLI's boundary discards the file and runs the command again
        pass
    finally:
        conn.close()


def one_input(data: bytes) -> None:
    check_unpack(data)
    if data.startswith(b"SQLite format 3\0"):
        check_file(data)


def seeds(corpus: Path) -> None:
    corpus.mkdir(parents=True)
    bundled = context.data_dirs(None)[0].path
    small = WORK / "seed-data"
    small.mkdir()
    for name in ("melasma.yaml", "vitiligo.yaml"):
        shutil.copy(bundled / name, small / name)
    cache = WORK / "seed-cache"
    others = [d for d in context.data_dirs(None) if d.kind != "conditions"]  # products...
    dirs = [index.DataDir(small, "fuzz"), *others]
    built = index.open_index(dirs, context.schema_path(), cache)
    assert built.path is not None
    shutil.copy(built.path, corpus / "index.sqlite")
    article = built.article("melasma")
    (corpus / "body").write_bytes(index._pack(article.to_mapping(), key=("body", "melasma")))
    (corpus / "listing").write_bytes(index._pack([("a", "b", 1)] * 3, compress=False))
    (corpus / "sections").write_bytes(index._pack([("names", "Melasma · 黄褐斑")]))


def main() -> None:
    corpus = next((Path(a) for a in sys.argv[1:] if not a.startswith("-")), None)
    if corpus is not None and not corpus.exists():
        seeds(corpus)
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
