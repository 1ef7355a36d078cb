"""How a name typed by a person is compared with the names in the data."""

from __future__ import annotations

import re
import unicodedata

# Spaces, hyphens and dashes, underscores, apostrophes and dots do not tell names apart:
# "Alopecia-Areata", "alopecia areata" and "alopeciaareata" are one key.
_IGNORED = re.compile(r"[\s\-\u2010-\u2015_'\u2018\u2019\u02bc`.\u00b7\u30fb]+")


def normalize(name: str) -> str:
    """The lookup key of ``name``: NFKC, case-folded, separators removed.

    Repeated until stable: removing a separator can leave a combining mark
    that composes with the letter before it ("A" + "¯").
    """
    key = name
    for _ in range(4):
        folded = _IGNORED.sub("", unicodedata.normalize("NFKC", key).casefold())
        if folded == key:
            break
        key = folded
    return key


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def words(text: str) -> list[str]:
    """The words of a search query; control characters count as spaces."""
    return _CONTROL.sub(" ", text).split()
