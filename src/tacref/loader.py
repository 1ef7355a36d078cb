"""Read one YAML data file safely, keeping the line of every value.

Only plain data is accepted: safe loading (no tags that build Python objects),
no anchors or aliases (they allow expansion bombs and no article needs them),
no duplicate keys, UTF-8 only, and bounded size. Dates stay strings.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import Any

import yaml

from tacref.errors import Problem

MAX_FILE_BYTES = 1024 * 1024
MAX_NODES = 50_000
MAX_DEPTH = 64  # an article nests 5 levels
# Characters of a number: a year needs 4. A longer one is refused before it is built:
# 5,000 hex digits or a base-60 "1:2:3:..." make an int no message can print
# (Python refuses str() of ints over 4,300 digits) and cost quadratic time to build.
MAX_NUMBER_TEXT = 100

try:
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader whose dates stay the strings the author wrote."""

    yaml_implicit_resolvers = {  # noqa: RUF012 - PyYAML's own class attribute
        first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }


_STR = "tag:yaml.org,2002:str"
_MAP = "tag:yaml.org,2002:map"
_SEQ = "tag:yaml.org,2002:seq"
_MERGE = "tag:yaml.org,2002:merge"
_PLAIN_SCALARS = {f"tag:yaml.org,2002:{kind}" for kind in ("null", "bool", "int", "float")}


class _Builder:
    """Python values from a composed node graph, checked as they are built.

    libyaml composes the graph in C; PyYAML's own constructor then costs more than
    parsing. This walk is one pass that builds plain data and refuses what an
    article never needs: aliases (a second visit to a node: a "billion laughs" file
    is tiny as a graph, huge when built), duplicate or non-text keys, merge keys,
    tags other than text, null, booleans and numbers, more than MAX_NODES values,
    nesting deeper than MAX_DEPTH.
    """

    def __init__(self, loader: _Loader) -> None:
        self._loader = loader
        self._seen: set[int] = set()

    def build(self, node: yaml.Node, depth: int = 0) -> Any:
        if depth > MAX_DEPTH:  # before Python's own recursion limit can be reached
            raise _refused(node, "nested too deeply; refused")
        if id(node) in self._seen:
            raise _refused(node, "anchors/aliases are not allowed")
        self._seen.add(id(node))
        if len(self._seen) > MAX_NODES:
            raise _refused(node, "too many values; refused")
        kind = type(node)
        if kind is yaml.ScalarNode:
            return node.value if node.tag == _STR else self._scalar(node)
        if kind is yaml.MappingNode and node.tag == _MAP:
            return self._mapping(node, depth + 1)
        if kind is yaml.SequenceNode and node.tag == _SEQ:
            return [self.build(item, depth + 1) for item in node.value]
        raise _refused(node, f"the tag {node.tag!r} is not allowed")

    def _scalar(self, node: yaml.ScalarNode) -> Any:
        """A null, boolean or number; any other tag (a date, binary, a collection's
        tag on a scalar, a Python object) is refused."""
        if node.tag not in _PLAIN_SCALARS:
            raise _refused(node, f"the tag {node.tag!r} is not allowed")
        kind = node.tag.rsplit(":", 1)[-1]
        if len(node.value) > MAX_NUMBER_TEXT:
            raise _refused(node, f"not a valid {kind} (over {MAX_NUMBER_TEXT} characters)")
        try:
            return self._loader.construct_object(node)
        except (ValueError, KeyError, TypeError, OverflowError):  # "!!int abc", "!!bool x"
            raise _refused(node, f"not a valid {kind}") from None

    def _mapping(self, node: yaml.MappingNode, depth: int) -> dict[Any, Any]:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _MERGE:
                raise _refused(key_node, "merge keys (<<) are not allowed")
            if type(key_node) is not yaml.ScalarNode:
                raise _refused(key_node, "keys must be plain text")
            if key_node.tag != _STR:
                raise _refused(key_node, "keys must be plain text (quote this one)")
            key = self.build(key_node, depth)
            if key in out:
                raise _refused(key_node, f"duplicate key {key_node.value!r}")
            out[key] = self.build(value_node, depth)
        return out


def _refused(node: yaml.Node, message: str) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(None, None, message, node.start_mark)


class Document:
    """A parsed file: its data, and a way back from a path in it to a line."""

    def __init__(self, path: Path, data: Any, text: str) -> None:
        self.path = path
        self.data = data
        self.text = text
        self._root: yaml.Node | None = None

    def line_of(self, where: tuple[str | int, ...]) -> int:
        """The 1-based line of the deepest node on ``where`` that exists.

        Only reports need lines, so the node tree is composed here, on demand, and
        once: a file with thousands of problems must not compose it for each.
        """
        if self._root is None:
            self._root = yaml.compose(self.text, Loader=_Loader)
        node = self._root
        for step in where:
            child = _child(node, step)
            if child is None:
                break
            node = child
        return node.start_mark.line + 1


def _child(node: yaml.Node, step: str | int) -> yaml.Node | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if key.value == step:
                return value
    elif (
        isinstance(node, yaml.SequenceNode)
        and isinstance(step, int)
        and 0 <= step < len(node.value)
    ):
        return node.value[step]
    return None


class LoadError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def load(path: Path) -> Document:
    """Parse ``path`` or raise ``LoadError`` with the file and line of the fault."""
    raw = _read_bytes(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise LoadError(Problem(path, line, f"not UTF-8 (byte {exc.start})")) from None
    loader = _Loader(raw)  # libyaml reads the bytes: no re-encoding of the text
    try:
        node = loader.get_single_node()
        data = None if node is None else _Builder(loader).build(node)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        column = f", column {mark.column + 1}" if mark else ""
        raise LoadError(Problem(path, line, f"YAML: {exc.problem}{column}")) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow
        before = raw[: exc.position].decode("utf-8", "replace")  # position: a byte offset
        line, column = before.count("\n") + 1, len(before) - before.rfind("\n")
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        message = f"YAML: {exc.reason} ({char}), column {column}"
        raise LoadError(Problem(path, line, message)) from None
    except yaml.YAMLError as exc:  # anything else libyaml reports without a mark; one line
        raise LoadError(Problem(path, 1, "YAML: " + " ".join(str(exc).split()))) from None
    finally:
        loader.dispose()
    if data is None:
        raise LoadError(Problem(path, 1, "the file is empty"))
    return Document(path, data, text)


def _read_bytes(path: Path) -> bytes:
    """The bytes of ``path``, decided on the file opened, not on its name: the scan
    that listed it came earlier, and the name may since lead to a FIFO (a read
    that never ends) or, through a link, out of the folder."""
    try:
        with os.fdopen(_open_regular(path), "rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise LoadError(Problem(path, 0, f"cannot read: {exc.strerror or exc}")) from None
    if len(raw) > MAX_FILE_BYTES:
        raise LoadError(Problem(path, 0, f"larger than {MAX_FILE_BYTES // 1024} KiB; refused"))
    return raw


LINK_OUT = "refused: a link to a file outside the data directory"  # as catalog.REFUSED_LINK


def _open_regular(path: Path) -> int:
    """A descriptor of ``path`` if it is a regular file in the folder it is listed
    in (a link is followed inside that folder only), else ``LoadError``."""
    flags = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_NOFOLLOW", 0))
        linked = False
    except OSError as exc:
        if exc.errno != errno.ELOOP:
            raise
        fd, linked = os.open(path, flags), True  # a link: where it leads is checked below
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise LoadError(Problem(path, 0, "not a regular file; refused"))
        if linked and not _opened_inside(fd, path):
            raise LoadError(Problem(path, 0, LINK_OUT))
    except BaseException:
        os.close(fd)
        raise
    return fd


def _opened_inside(fd: int, path: Path) -> bool:
    proc = f"/proc/self/fd/{fd}"
    real = os.path.realpath(proc if os.path.exists(proc) else path)
    base = os.path.realpath(path.parent)
    return os.path.commonpath([real, base]) == base
