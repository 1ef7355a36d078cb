"""Emergency telephone numbers, and the user's country (from ``--country`` or the locale)."""

import os
from collections.abc import Mapping

# country code -> (number, what it is: "emergency", "ambulance" or "urgent"), in order
NUMBERS: dict[str, tuple[tuple[str, str], ...]] = {
    "US": (("911", "emergency"),),
    "CA": (("911", "emergency"),),
    "GB": (("999", "emergency"), ("111", "urgent")),
    "IE": (("112", "emergency"), ("999", "emergency")),
    "EU": (("112", "emergency"),),
    "CN": (("120", "ambulance"),),
    "HK": (("999", "emergency"),),
    "MO": (("999", "emergency"),),
    "TW": (("119", "ambulance"),),
    "JP": (("119", "ambulance"),),
    "KR": (("119", "ambulance"),),
    "SG": (("995", "ambulance"),),
    "MY": (("999", "emergency"),),
    "AU": (("000", "emergency"),),
    "NZ": (("111", "emergency"),),
    "IN": (("112", "emergency"),),
}
# European countries whose emergency number is 112 (the EU-wide number)
_EU = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IT LV LT LU MT NL PL PT RO SK SI ES SE "  # noqa: SIM905
    "NO IS CH LI".split()
)


def country(flag: str | None, env: Mapping[str, str] = os.environ) -> str | None:
    """``--country``, else the territory of the locale (``zh_CN.UTF-8`` -> CN), else None."""
    if flag:
        return _ALIASES.get(flag.upper(), flag.upper())
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        code = value.split(".")[0].split("@")[0]
        if "_" in code:
            return code.split("_", 1)[1].upper()
    return None


_ALIASES = {"UK": "GB", "EL": "GR"}  # what people type, as ISO 3166 has it


def numbers(code: str | None) -> tuple[tuple[str, str], ...]:
    """The numbers for ``code``; () when tacref does not know the country."""
    if code in NUMBERS:
        return NUMBERS[code]
    return NUMBERS["EU"] if code in _EU else ()
