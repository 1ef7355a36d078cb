"""How a name typed by a person is compared with the names in the data."""

from __future__ import annotations

import re
import unicodedata

# Spaces, hyphens and dashes, underscores, apostrophes and dots do not tell names apart:
# "Alopecia-Areata", "alopecia areata" and "alopeciaareata" are one key.
_IGNORED = re.compile(r"[\s\-\u2010-\u2015_'\u2018\u2019\u02bc`.\u00b7\u30fb]+")


def normalize(name: str) -> str:
    """The lookup key of ``name``: NFKC, case-folded, separators removed."""
    return _IGNORED.sub("", unicodedata.normalize("NFKC", name).casefold())
