"""The articles of one or more data directories, read and checked one file at a time.

Later directories override earlier ones (a user's article replaces the bundled
article with the same id). Files are streamed, never all held at once, and large
sets are parsed on every core.
"""

import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from tacref.errors import Problem, path_text
from tacref.model import Article
from tacref.paths import KINDS, DataDir
from tacref.record import Record

if TYPE_CHECKING:
    from tacref import validate

REFUSED_LINK = "refused: a link to a file outside the data directory"
NOTES = (".notes.yaml", ".notes.yml")  # a user's local notes on the article of that id
PARALLEL_FROM = 64  # files; below this a process pool costs more than it saves


Prepare = Callable[[Article, Path], Any]


class Reuse(Protocol):
    """Earlier results of reading article files (see ``articles``)."""

    def before(self, paths: list[Path]) -> list["Loaded | None"]: ...

    def after(self, loaded: "Loaded") -> None: ...


class Loaded(Record):
    path: Path
    id: str | None  # None when the file is invalid
    article: Any  # the Article, or what ``prepare`` made of it; None when invalid
    problems: list[Problem]
    dir: int = 0  # the position in ``dirs`` of the directory the file is in


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
        article, problems = validate.check(doc, schema_path, profiles)
        if article is None:
            return Loaded(path, None, None, problems)
        return Loaded(path, article.id, prepare(article, path) if prepare else article, problems)
    except loader.LoadError as exc:
        return Loaded(path, None, None, [exc.problem])
    except Exception as exc:  # a fault of tacref's own: this file is refused, not every run
        return _not_checked(path, exc)


def _not_checked(path: Path, exc: Exception) -> Loaded:
    from tacref.sanitize import one_line

    message = f"could not be checked (internal error: {type(exc).__name__}: {exc})"
    return Loaded(path, None, None, [Problem(path, 0, one_line(message, 200))])


def articles(
    dirs: Sequence[DataDir],
    schema_path: Path,
    prepare: Prepare | None = None,
    profiles: "validate.Profiles | None" = None,
    reuse: Reuse | None = None,
) -> Iterator[Loaded]:
    """Every article file, overriding directories first (see ``_unique``).

    ``prepare`` (a module-level function) turns each article into what the caller
    stores; it runs where the file was parsed, so a large set uses every core.
    ``reuse`` is given every file before any is read: what it answers for a file
    (its earlier result, unchanged) stands for reading it; the files it answers
    None for are read, and each result, reused or read, is told to it.
    """
    load = partial(load_file, schema_path=schema_path, prepare=prepare, profiles=profiles)

    def load_all(paths: list[Path]) -> Iterator[Loaded]:
        known: list[Loaded | None] = [None] * len(paths)
        if reuse is not None:
            known = reuse.before(paths)
        todo = [p for p, k in zip(paths, known, strict=True) if k is None]
        if len(todo) >= PARALLEL_FROM:  # compiled once here, inherited by every worker
            from tacref import validate

            validate.warm(schema_path)
        fresh = _load_all(todo, load)
        for k in known:
            done = next(fresh) if k is None else k
            if reuse is not None:
                reuse.after(done)
            yield done

    return _unique(dirs, "conditions", load_all)


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
        except Exception as exc:  # as in load_file
            return _not_checked(path, exc)
        return Loaded(path, found.id if found else None, found, problems)

    return _unique(dirs, kind, lambda paths: map(load, paths))


def notes(dirs: Sequence[DataDir], schema_path: Path) -> Iterator[Loaded]:
    """Every ``<article id>.notes.yaml`` beside the articles, read and checked: the
    ``article`` of each is its text by language (a later directory's wins)."""
    from tacref import loader, validate

    schema = schema_path.with_name("notes.schema.json")
    for i, d in enumerate(dirs):
        if d.kind != "conditions" or d.path.is_file():
            continue
        for path in d.files():
            if not path.name.endswith(NOTES):
                continue
            article_id = path.name.rsplit(".notes.", 1)[0]
            try:
                found, problems = validate.check_notes(loader.load(path), schema)
            except loader.LoadError as exc:
                found, problems = None, [exc.problem]
            yield Loaded(path, article_id, found, problems, i)


def _unique(
    dirs: Sequence[DataDir], kind: str, load_all: Callable[[list[Path]], Iterable[Loaded]]
) -> Iterator[Loaded]:
    """The files of ``kind``, overriding directories first, loaded by ``load_all``.

    A file whose id was already seen is skipped: silently when it is overridden
    (a user's article replacing the bundled one), with a problem when the other
    file is in the same directory (``x.yaml`` and ``x.yml``). Invalid files come
    with their problems. Refused unread, each with a problem: a link that leads
    out of its directory (see ``DataDir.scan``: its content must not reach any
    output, as a link to a credentials file echoed by a YAML error would), and a
    file whose name is not valid UTF-8 (no text can hold its path).
    """
    paths: list[Path] = []
    where: list[int] = []
    for i in reversed(range(len(dirs))):
        if dirs[i].kind != kind:
            continue
        problem = dirs[i].problem()
        if problem is not None:
            shown = Path(path_text(dirs[i].path))
            yield Loaded(dirs[i].path, None, None, [Problem(shown, 0, problem)], i)
            continue
        found, links = dirs[i].scan()
        for path in links:
            yield Loaded(path, None, None, [Problem(Path(path_text(path)), 0, REFUSED_LINK)], i)
        for path in found:
            if kind == "conditions" and path.name.endswith(NOTES):  # see ``notes``
                continue
            shown = path_text(path)
            if shown != str(path):
                message = "the file name is not valid UTF-8; rename it"
                yield Loaded(path, None, None, [Problem(Path(shown), 0, message)], i)
            else:
                paths.append(path)
                where.append(i)
    seen: dict[str, tuple[int, str]] = {}  # id -> (dir, file name): not the article
    for i, done in zip(where, load_all(paths), strict=True):
        loaded = Loaded(*done[:4], i)
        if loaded.id is not None:
            first = seen.get(loaded.id)
            if first is not None:
                if first[0] == i:
                    message = f"same id as {first[1]}; ignored"
                    yield Loaded(loaded.path, None, None, [Problem(loaded.path, 0, message)], i)
                continue
            seen[loaded.id] = (i, loaded.path.name)
        yield loaded


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
    context = None
    if sys.platform.startswith("linux"):  # workers are then children of this very thread
        import multiprocessing

        context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_die_with, initargs=(os.getpid(),)
    ) as pool:
        pending = deque(pool.submit(_load_chunk, c, load) for c in islice(chunks, 2 * workers))
        while pending:
            done = pending.popleft().result()
            nxt = next(chunks, None)
            if nxt is not None:
                pending.append(pool.submit(_load_chunk, nxt, load))
            yield from done


def _die_with(parent: int) -> None:
    """Pool initializer: a worker ends when the process that started it does.

    Otherwise a build whose process is killed leaves its workers waiting for work
    forever, holding the caller's pipes open (``tacref list | less`` never ends).
    Linux: the kernel kills the worker when its parent ends (``PR_SET_PDEATHSIG``);
    the parent may have ended before that was asked, hence the check right after.
    Elsewhere (or if that fails) a thread watches the parent's pid.
    """
    if not _kill_when_parent_ends():
        import threading

        threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)


def _kill_when_parent_ends() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        set_pdeathsig = ctypes.c_int(1)  # PR_SET_PDEATHSIG, <linux/prctl.h>
        zero = ctypes.c_ulong(0)
        kill = ctypes.c_ulong(signal.SIGKILL)
        return libc.prctl(set_pdeathsig, kill, zero, zero, zero) == 0
    except (OSError, AttributeError):  # no C library to ask
        return False


def _watch_parent(parent: int) -> None:
    import time

    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)
