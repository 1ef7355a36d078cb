"""``Record``: immutable, typed records that cost almost nothing to define.

Written like a NamedTuple or a frozen dataclass::

    class Title(Record):
        text: str
        subtitle: str = ""

Every run of tacref imports two dozen record types. Defining a NamedTuple or a
dataclass generates and ``exec``s code (measured with callgrind: about 0.9 million
instructions each, some 8 % of a whole minimal Typer run for all of them); a
Record class is a plain ``__slots__`` class made by a small metaclass. Records are
immutable, compare and hash by value, order like tuples, pickle (the index build
sends them between processes) and support ``match`` patterns.
"""

import typing
from typing import Any


class _RecordMeta(type):
    def __new__(mcls, name: str, bases: tuple[type, ...], ns: dict[str, Any]) -> type:
        own = tuple(k for k in ns.get("__annotations__", {}) if not k.startswith("_"))
        inherited = tuple(f for b in bases for f in getattr(b, "_fields", ()))
        defaults = {**{k: v for b in bases for k, v in getattr(b, "_defaults", {}).items()}}
        defaults.update({f: ns.pop(f) for f in own if f in ns})
        ns["__slots__"] = own
        ns["_fields"] = ns["__match_args__"] = inherited + own
        ns["_defaults"] = defaults
        return super().__new__(mcls, name, bases, ns)


if hasattr(typing, "dataclass_transform"):  # type checkers: fields are __init__ arguments
    _RecordMeta = typing.dataclass_transform(frozen_default=True)(_RecordMeta)


class Record(metaclass=_RecordMeta):
    __slots__ = ()
    _fields: tuple[str, ...]
    _defaults: dict[str, Any]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        fields = self._fields
        if len(args) > len(fields):
            raise TypeError(f"{type(self).__name__} takes {len(fields)} fields, got {len(args)}")
        values = dict(zip(fields, args, strict=False))
        for key, value in kwargs.items():
            if key not in fields or key in values:
                raise TypeError(f"{type(self).__name__}: unexpected or repeated field {key!r}")
            values[key] = value
        for field in fields:
            if field in values:
                value = values[field]
            elif field in self._defaults:
                value = self._defaults[field]
            else:
                raise TypeError(f"{type(self).__name__}: missing field {field!r}")
            object.__setattr__(self, field, value)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"{type(self).__name__} is immutable")

    def _astuple(self) -> tuple[Any, ...]:
        return tuple(getattr(self, f) for f in self._fields)

    def _replace(self, **changes: Any) -> Any:
        return type(self)(**{**dict(zip(self._fields, self._astuple(), strict=True)), **changes})

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._astuple() == other._astuple()  # type: ignore[attr-defined]

    def __lt__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        return self._astuple() < other._astuple()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self), self._astuple()))

    def __repr__(self) -> str:
        inner = ", ".join(f"{f}={getattr(self, f)!r}" for f in self._fields)
        return f"{type(self).__name__}({inner})"

    def __reduce__(self) -> tuple[Any, ...]:
        return (type(self), self._astuple())
