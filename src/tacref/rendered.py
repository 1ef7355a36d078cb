"""Terminal output seen before, kept in the cache: printed again without rich.

Importing rich costs about two thirds of a whole run, and the terminal is where
people read. So the text rich made for a document is kept in the cache directory,
keyed by everything it depends on: the document itself (every word and block of
it), the width, colour and encoding, the environment variables rich reads, and the
code that drew it (tacref's and rich's files, by size and mtime). The same view
asked again prints the same bytes; anything else renders afresh.

As with the index, nothing read back is trusted unchecked: only a regular file of
the current user that no one else can write is read, its size is bounded, and its
text must match a checksum that covers its key. Anything else is simply rendered
again (and replaced). A file is written to a temporary name and renamed.
"""

import contextlib
import os
import stat
import sys
import zlib
from collections.abc import Mapping
from pathlib import Path

from tacref import __version__

MAX_TEXT = 4 * 1024 * 1024  # bytes: larger output is not kept
KEEP = 400  # files; beyond it, the least recently written half goes
KEEP_BYTES = 64 * 1024 * 1024  # and beyond this many bytes in all
_DIR = "rendered"
# What rich reads from the environment when it draws (colour system, forced modes).
_RICH_ENV = ("TERM", "COLORTERM", "NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "TTY_INTERACTIVE")


def key(doc: object, width: int | None, color: bool, encoding: str, env: Mapping[str, str]) -> str:
    shown = {name: env.get(name) for name in _RICH_ENV}
    material = repr((__version__, sys.version, _code_stamp(), width, color, encoding, shown, doc))
    return _digest(material.encode("utf-8", "surrogatepass"))


def load(cache: Path, name: str) -> str | None:
    """The text kept under ``name``, or None (missing, not ours, or damaged)."""
    path = cache / _DIR / f"{name}.txt"
    if not _our_folder(path.parent):  # a folder others can write could hold a planted file
        return None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        if not _ours(st) or st.st_size > MAX_TEXT + 4:
            return None
        data = os.read(fd, st.st_size + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    body = data[4:]
    if len(data) < 4 or int.from_bytes(data[:4], "little") != _crc(name, body):
        return None
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return None


def store(cache: Path, name: str, text: str) -> None:
    """Keep ``text`` under ``name``; quietly nothing if the cache cannot be written."""
    body = text.encode("utf-8", "surrogatepass")
    if len(body) > MAX_TEXT:
        return
    folder = cache / _DIR
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _our_folder(folder):
            return
        _prune(folder)
        tmp = folder / f".{name}.{os.getpid()}.tmp"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW, 0o600)
        try:
            os.write(fd, _crc(name, body).to_bytes(4, "little") + body)
        finally:
            os.close(fd)
        os.replace(tmp, folder / f"{name}.txt")
    except (OSError, UnicodeError):
        return


def _our_folder(folder: Path) -> bool:
    try:
        st = os.lstat(folder)
    except OSError:
        return False
    return stat.S_ISDIR(st.st_mode) and _ours(st)


def _ours(st: os.stat_result) -> bool:
    return (
        st.st_uid == os.geteuid()
        and not st.st_mode & 0o022
        and (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode))
    )


def _prune(folder: Path) -> None:
    """Beyond KEEP files or KEEP_BYTES, remove the older half of the files this
    module wrote (its names, regular files of this user); nothing else in the folder."""
    entries = []
    for entry in os.scandir(folder):
        if _our_name(entry.name):
            with contextlib.suppress(OSError):
                st = entry.stat(follow_symlinks=False)
                if stat.S_ISREG(st.st_mode) and _ours(st):
                    entries.append((st.st_mtime, st.st_size, entry.path))
    if len(entries) < KEEP and sum(size for _, size, _ in entries) < KEEP_BYTES:
        return
    entries.sort()
    for _, _, path in entries[: max(len(entries) // 2, 1)]:
        with contextlib.suppress(OSError):
            os.unlink(path)


def _our_name(name: str) -> bool:
    """A name store() writes: ``<key>.txt`` or ``.<key>.<pid>.tmp`` (see key())."""
    if name.endswith(".txt"):
        return _is_key(name[:-4])
    digest, _, pid = name[1:-4].partition(".")
    return name.startswith(".") and name.endswith(".tmp") and _is_key(digest) and pid.isdigit()


def _is_key(text: str) -> bool:
    return len(text) == 32 and all(c in "0123456789abcdef" for c in text)


def _crc(name: str, body: bytes) -> int:
    return zlib.crc32(body, zlib.crc32(name.encode("ascii")))


def _digest(data: bytes) -> str:
    try:  # the C module itself: hashlib would load OpenSSL on every run
        from _blake2 import blake2b
    except ImportError:  # pragma: no cover - a Python built without it
        from hashlib import blake2b
    return blake2b(data, digest_size=16).hexdigest()


def _code_stamp() -> tuple[tuple[str, int, int], ...]:
    """Size and mtime of each of tacref's and rich's top-level modules: an upgrade
    or an edit of either draws anew."""
    import importlib.util

    here = Path(__file__).parent
    found = importlib.util.find_spec("rich")
    folders = [here] + ([Path(found.origin).parent] if found and found.origin else [])
    stamps = []
    for folder in folders:
        try:
            with os.scandir(folder) as entries:
                for e in entries:
                    if e.name.endswith(".py"):
                        st = e.stat()
                        stamps.append((e.path, st.st_size, st.st_mtime_ns))
        except OSError:
            stamps.append((str(folder), -1, -1))
    return tuple(sorted(stamps))
