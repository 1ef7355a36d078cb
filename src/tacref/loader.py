"""Read one YAML data file safely, keeping the line of every value.

Only plain data is accepted: safe loading (no tags that build Python objects),
no anchors or aliases (they allow expansion bombs and no article needs them),
no duplicate keys, UTF-8 only, and bounded size. Dates stay strings.
"""

from __future__ import annotations

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
    """Safe loader: dates stay the strings the author wrote; no aliases, no
    duplicate keys, a bounded number of values. One pass, checked as it builds."""

    yaml_implicit_resolvers = {  # noqa: RUF012 - PyYAML's own class attribute
        first: [(tag, rx) for tag, rx in resolvers if tag != _TIMESTAMP]
        for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.values = 0

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        # An alias is a second visit to the same node: refuse it before it can
        # expand (a "billion laughs" file is tiny as a graph, huge when built).
        if node in self.constructed_objects or node in self.recursive_objects:
            raise _refused(node, "anchors/aliases are not allowed")
        self.values += 1
        if self.values > MAX_NODES:
            raise _refused(node, "too many values; refused")
        return super().construct_object(node, deep)

    def construct_mapping(self, node: yaml.Node, deep: bool = False) -> Any:
        if isinstance(node, yaml.MappingNode):
            seen: set[str] = set()
            for key, _ in node.value:
                if not isinstance(key, yaml.ScalarNode):
                    raise _refused(key, "keys must be plain text")
                if key.value in seen:
                    raise _refused(key, f"duplicate key {key.value!r}")
                seen.add(key.value)
        return super().construct_mapping(node, deep)


def _refused(node: yaml.Node, message: str) -> yaml.constructor.ConstructorError:
    return yaml.constructor.ConstructorError(None, None, message, node.start_mark)


class Document:
    """A parsed file: its data, and a way back from a path in it to a line."""

    def __init__(self, path: Path, data: Any, text: str) -> None:
        self.path = path
        self.data = data
        self._text = text

    def line_of(self, where: tuple[str | int, ...]) -> int:
        """The 1-based line of the deepest node on ``where`` that exists.

        Only reports need lines, so the node tree is composed here, on demand.
        """
        node = yaml.compose(self._text, Loader=_Loader)
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
        data = loader.get_single_data()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 1
        column = f", column {mark.column + 1}" if mark else ""
        raise LoadError(Problem(path, line, f"YAML: {exc.problem}{column}")) from None
    except yaml.YAMLError as exc:  # e.g. a character YAML does not allow; one line
        raise LoadError(Problem(path, 1, "YAML: " + " ".join(str(exc).split()))) from None
    finally:
        loader.dispose()
    if data is None:
        raise LoadError(Problem(path, 1, "the file is empty"))
    return Document(path, data, text)


def _read_bytes(path: Path) -> bytes:
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise LoadError(Problem(path, 0, f"cannot read: {exc.strerror or exc}")) from None
    if len(raw) > MAX_FILE_BYTES:
        raise LoadError(Problem(path, 0, f"larger than {MAX_FILE_BYTES // 1024} KiB; refused"))
    return raw
