"""The articles of one or more data directories, read and checked one file at a time.

Later directories override earlier ones (a user's article replaces the bundled
article with the same id). Files are streamed, never all held at once, and large
sets are parsed on every core.
"""

import os
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tacref.errors import Problem
from tacref.model import Article
from tacref.paths import KINDS, DataDir
from tacref.record import Record

if TYPE_CHECKING:
    from tacref import validate

REFUSED_LINK = "refused: a link to a file outside the data directory"
PARALLEL_FROM = 64  # files; below this a process pool costs more than it saves


Prepare = Callable[[Article, Path], Any]


class Loaded(Record):
    path: Path
    id: str | None  # None when the file is invalid
    article: Any  # the Article, or what ``prepare`` made of it; None when invalid
    problems: list[Problem]


def load_file(
    path: Path,
    schema_path: Path,
    prepare: Prepare | None = None,
    profiles: "validate.Profiles | None" = None,
) -> Loaded:
    """One article file, checked; ``profiles`` give its side-effect rows."""
    from tacref import loader, validate

    try:
        doc = loader.load(path)
    except loader.LoadError as exc:
        return Loaded(path, None, None, [exc.problem])
    article, problems = validate.check(doc, schema_path, profiles)
    if article is None:
        return Loaded(path, None, None, problems)
    return Loaded(path, article.id, prepare(article, path) if prepare else article, problems)


def articles(
    dirs: Sequence[DataDir],
    schema_path: Path,
    prepare: Prepare | None = None,
    profiles: "validate.Profiles | None" = None,
) -> Iterator[Loaded]:
    """Every article file, overriding directories first; a file whose id was
    already seen (overridden) is skipped. Invalid files come with their problems,
    and so do links that lead out of their directory (see ``DataDir.scan``), unread.

    ``prepare`` (a module-level function) turns each article into what the caller
    stores; it runs where the file was parsed, so a large set uses every core.
    """
    load = partial(load_file, schema_path=schema_path, prepare=prepare, profiles=profiles)
    files, refused = _files(dirs, "conditions")
    return _unique(chain(refused, _load_all(files, load)))


def others(dirs: Sequence[DataDir], schema_path: Path, kind: str) -> Iterator[Loaded]:
    """Every product (``kind`` "forms"), side-effect profile ("side-effects"),
    symptom vocabulary ("symptoms") or interaction card ("interactions"), as
    ``articles`` gives articles. These are few: read here, one by one."""
    from tacref import loader, validate

    check = {
        "forms": validate.check_product,
        "side-effects": validate.check_profile,
        "symptoms": validate.check_vocabulary,
        "interactions": validate.check_interaction,
    }[kind]
    schema = schema_path.with_name(KINDS[kind])

    def load(path: Path) -> Loaded:
        try:
            found, problems = check(loader.load(path), schema)
        except loader.LoadError as exc:
            return Loaded(path, None, None, [exc.problem])
        return Loaded(path, found.id if found else None, found, problems)

    files, refused = _files(dirs, kind)
    return _unique(chain(refused, map(load, files)))


def _files(dirs: Sequence[DataDir], kind: str) -> tuple[list[Path], list[Loaded]]:
    """The files of ``kind`` to read, overriding directories first, and a problem
    for each link out of its directory: never opened, so its content cannot reach
    any output (a link to a credentials file, echoed by a YAML error)."""
    files: list[Path] = []
    refused: list[Loaded] = []
    for d in reversed(dirs):
        if d.kind == kind:
            found, links = d.scan()
            files += found
            refused += [Loaded(p, None, None, [Problem(p, 0, REFUSED_LINK)]) for p in links]
    return files, refused


def _unique(loaded: Iterable[Loaded]) -> Iterator[Loaded]:
    seen: set[str] = set()
    for item in loaded:
        if item.id is not None:
            if item.id in seen:
                continue
            seen.add(item.id)
        yield item


def _load_all(paths: list[Path], load: Callable[[Path], Loaded]) -> Iterator[Loaded]:
    workers = min(os.cpu_count() or 1, 8)
    if len(paths) < PARALLEL_FROM or workers < 2:
        return map(load, paths)
    return _load_parallel(paths, load, workers)


def _load_chunk(paths: list[Path], load: Callable[[Path], Loaded]) -> list[Loaded]:
    return [load(p) for p in paths]


def _load_parallel(
    paths: list[Path], load: Callable[[Path], Loaded], workers: int
) -> Iterator[Loaded]:
    """Results in order, with only a few chunks in flight: memory stays flat
    however many files there are, even when the consumer is the slower side."""
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    from itertools import islice

    chunks = (paths[i : i + 16] for i in range(0, len(paths), 16))
    with ProcessPoolExecutor(max_workers=workers) as pool:
        pending = deque(pool.submit(_load_chunk, c, load) for c in islice(chunks, 2 * workers))
        while pending:
            done = pending.popleft().result()
            nxt = next(chunks, None)
            if nxt is not None:
                pending.append(pool.submit(_load_chunk, nxt, load))
            yield from done
