"""Read one YAML data file safely, keeping the line of every value.

Only plain data is accepted: safe loading (no tags that build Python objects),
no anchors or aliases (they allow expansion bombs and no article needs them),
no duplicate keys, UTF-8 only, and bounded size. Dates stay strings.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from tacref.errors import Problem

MAX_FILE_BYTES = 1024 * 1024
MAX_NODES = 50_000

try:
    _BaseLoader: type = yaml.CSafeLoader
except AttributeError:  # PyYAML built without libyaml
    _BaseLoader = yaml.SafeLoader

_TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _Loader(_BaseLoader):  # type: ignore[misc,valid-type]
    """Safe loader that leaves dates as the strings the author wrote."""

    yaml_implicit_resolvers = {  # noqa: RUF012 - PyYAML's own class attribute
        first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }


@dataclass(frozen=True)
class Document:
    """A parsed file: its data and a way back from a path in it to a line."""

    path: Path
    data: Any
    root: yaml.Node

    def line_of(self, where: tuple[str | int, ...]) -> int:
        """The 1-based line of the deepest node on ``where`` that exists."""
        node = self.root
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
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
        if root is None:
            raise LoadError(Problem(path, 1, "the file is empty"))
        _check_plain(path, root)
        data = loader.construct_document(root)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        column = f", column {mark.column + 1}" if mark else ""
        raise LoadError(Problem(path, line, f"YAML: {exc.problem}{column}")) from None
    except yaml.YAMLError as exc:
        raise LoadError(Problem(path, 1, f"YAML: {exc}")) from None
    finally:
        loader.dispose()
    return Document(path, data, root)


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise LoadError(Problem(path, 0, f"cannot read: {exc.strerror or exc}")) from None
    if len(raw) > MAX_FILE_BYTES:
        raise LoadError(Problem(path, 0, f"larger than {MAX_FILE_BYTES // 1024} KiB; refused"))
    return raw


def _check_plain(path: Path, root: yaml.Node) -> None:
    seen: set[int] = set()
    for node in _walk(root):
        if id(node) in seen:
            raise LoadError(
                Problem(path, node.start_mark.line + 1, "anchors/aliases are not allowed")
            )
        seen.add(id(node))
        if len(seen) > MAX_NODES:
            raise LoadError(Problem(path, node.start_mark.line + 1, "too many values; refused"))
        if isinstance(node, yaml.MappingNode):
            _check_keys(path, node)


def _check_keys(path: Path, node: yaml.MappingNode) -> None:
    keys: set[str] = set()
    for key, _ in node.value:
        if not isinstance(key, yaml.ScalarNode):
            raise LoadError(Problem(path, key.start_mark.line + 1, "keys must be plain text"))
        if key.value in keys:
            raise LoadError(Problem(path, key.start_mark.line + 1, f"duplicate key {key.value!r}"))
        keys.add(key.value)


def _walk(root: yaml.Node) -> Iterator[yaml.Node]:
    stack = [root]
    while stack:
        node = stack.pop()
        yield node
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                stack.extend((value, key))
        elif isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
