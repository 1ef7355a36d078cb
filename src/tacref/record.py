"""``Record``: immutable, typed records that cost almost nothing to define.

Written like a NamedTuple or a frozen dataclass::

    class Title(Record):
        text: str
        subtitle: str = ""

Every run of tacref imports two dozen record types. Defining a NamedTuple or a
dataclass generates and ``exec``s code (measured with callgrind: about 0.9 million
instructions each, some 8 % of a whole minimal Typer run for all of them). A
Record is what a NamedTuple is, a tuple with a property per field, but made by a
small metaclass without ``exec``. Like a NamedTuple it is immutable, compares,
orders and hashes as a tuple, pickles (the index build sends records between
processes) and supports ``match`` patterns; creating one is as cheap.
"""

import typing
from operator import itemgetter
from typing import Any


class _RecordMeta(type):
    def __new__(mcls, name: str, bases: tuple[type, ...], ns: dict[str, Any]) -> type:
        own = tuple(k for k in ns.get("__annotations__", {}) if not k.startswith("_"))
        inherited = tuple(f for b in bases for f in getattr(b, "_fields", ()))
        fields = inherited + own
        defaults = {k: v for b in bases for k, v in getattr(b, "_defaults", {}).items()}
        defaults.update({f: ns.pop(f) for f in own if f in ns})
        ns.setdefault("__slots__", ())
        ns["_fields"] = ns["__match_args__"] = fields
        ns["_defaults"] = defaults
        for i, field in enumerate(fields):
            ns[field] = property(itemgetter(i), doc=f"field {i}: {field}")
        return super().__new__(mcls, name, bases, ns)


if hasattr(typing, "dataclass_transform"):  # type checkers: fields are constructor arguments
    _RecordMeta = typing.dataclass_transform(frozen_default=True)(_RecordMeta)


class Record(tuple, metaclass=_RecordMeta):  # type: ignore[misc]
    __slots__ = ()
    _fields: tuple[str, ...]
    _defaults: dict[str, Any]

    def __new__(cls, *args: Any, **kwargs: Any) -> Any:
        fields = cls._fields
        if not kwargs and len(args) == len(fields):  # the common case, kept short
            return tuple.__new__(cls, args)
        if len(args) > len(fields):
            raise TypeError(f"{cls.__name__} takes {len(fields)} fields, got {len(args)}")
        values = dict(zip(fields, args, strict=False))
        for key, value in kwargs.items():
            if key not in fields or key in values:
                raise TypeError(f"{cls.__name__}: unexpected or repeated field {key!r}")
            values[key] = value
        missing = [f for f in fields if f not in values and f not in cls._defaults]
        if missing:
            raise TypeError(f"{cls.__name__}: missing field(s) {', '.join(missing)}")
        return tuple.__new__(cls, [values[f] if f in values else cls._defaults[f] for f in fields])

    def _replace(self, **changes: Any) -> Any:
        return type(self)(**{**dict(zip(self._fields, self, strict=True)), **changes})

    def __repr__(self) -> str:
        inner = ", ".join(f"{f}={v!r}" for f, v in zip(self._fields, self, strict=True))
        return f"{type(self).__name__}({inner})"

    def __getnewargs__(self) -> tuple[Any, ...]:
        return tuple(self)
