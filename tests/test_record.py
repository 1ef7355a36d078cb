"""Record: immutable, comparable, picklable, matchable, like a NamedTuple."""

import pickle

import pytest

from tacref.record import Record


class Point(Record):
    x: int
    y: int = 0


class Point3(Point):
    z: int = 9


def test_fields_defaults_and_keywords() -> None:
    assert Point(1) == Point(x=1, y=0) == Point(1, 0)
    assert Point3(1, 2) == Point3(x=1, y=2, z=9)
    assert Point3._fields == ("x", "y", "z")
    with pytest.raises(TypeError):
        Point()
    with pytest.raises(TypeError):
        Point(1, 2, 3)
    with pytest.raises(TypeError):
        Point(1, x=2)


def test_immutable() -> None:
    p = Point(1, 2)
    with pytest.raises(AttributeError):
        p.x = 5  # type: ignore[misc]
    with pytest.raises(AttributeError):
        p.other = 5  # type: ignore[attr-defined]
    assert not hasattr(p, "__dict__")
    assert p._replace(y=7) == Point(1, 7) and p == Point(1, 2)


def test_equality_order_hash_repr() -> None:
    assert Point(1, 2) != Point3(1, 2)  # (1, 2) and (1, 2, 9)
    assert sorted([Point(2, 0), Point(1, 5), Point(1, 2)]) == [
        Point(1, 2),
        Point(1, 5),
        Point(2, 0),
    ]
    assert len({Point(1, 2), Point(1, 2)}) == 1
    assert repr(Point3(1, 2)) == "Point3(x=1, y=2, z=9)"


def test_pickle_and_match() -> None:
    assert pickle.loads(pickle.dumps(Point3(1, 2, 3))) == Point3(1, 2, 3)
    match Point(4, 5):
        case Point(x, y):
            assert (x, y) == (4, 5)
        case _:
            pytest.fail("no match")
