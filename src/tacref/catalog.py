"""The articles of one or more data directories, read and checked one file at a time.

Later directories override earlier ones (a user's article replaces the bundled
article with the same id). Files are streamed, never all held at once, and large
sets are parsed on every core.
"""

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

from tacref.errors import Problem
from tacref.model import Article
from tacref.paths import DataDir
from tacref.record import Record

PARALLEL_FROM = 64  # files; below this a process pool costs more than it saves


class Loaded(Record):
    path: Path
    article: Article | None  # None when the file is invalid
    problems: list[Problem]


def load_file(path: Path, schema_path: Path) -> Loaded:
    from tacref import loader, validate

    try:
        doc = loader.load(path)
    except loader.LoadError as exc:
        return Loaded(path, None, [exc.problem])
    article, problems = validate.check(doc, schema_path)
    return Loaded(path, article, problems)


def articles(dirs: Sequence[DataDir], schema_path: Path) -> Iterator[Loaded]:
    """Every file, overriding directories first; a file whose id was already
    seen (overridden) is skipped. Invalid files come with their problems."""
    paths = [p for d in reversed(dirs) for p in d.files()]
    seen: set[str] = set()
    for loaded in _load_all(paths, schema_path):
        if loaded.article is not None:
            if loaded.article.id in seen:
                continue
            seen.add(loaded.article.id)
        yield loaded


def _load_all(paths: list[Path], schema_path: Path) -> Iterator[Loaded]:
    workers = min(os.cpu_count() or 1, 8)
    if len(paths) < PARALLEL_FROM or workers < 2:
        return (load_file(p, schema_path) for p in paths)
    return _load_parallel(paths, schema_path, workers)


def _load_chunk(paths: list[Path], schema_path: Path) -> list[Loaded]:
    return [load_file(p, schema_path) for p in paths]


def _load_parallel(paths: list[Path], schema_path: Path, workers: int) -> Iterator[Loaded]:
    """Results in order, with only a few chunks in flight: memory stays flat
    however many files there are, even when the consumer is the slower side."""
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    from itertools import islice

    chunks = (paths[i : i + 16] for i in range(0, len(paths), 16))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending = deque(
            pool.submit(_load_chunk, c, schema_path) for c in islice(chunks, 2 * workers)
        )
        while pending:
            done = pending.popleft().result()
            nxt = next(chunks, None)
            if nxt is not None:
                pending.append(pool.submit(_load_chunk, nxt, schema_path))
            yield from done
