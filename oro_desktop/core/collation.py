"""Swedish alphabetical order for every list a user reads.

Python sorts by code point, which puts "Å", "Ä" and "Ö" in the wrong order (Ä 0xC4
before Å 0xC5) and lower case after every capital. Swedish order, as in Svenska
Akademiens ordlista and Svenska skrivregler, is a–z, then å, ä, ö, case-insensitive.

Decisions, following the Swedish convention for foreign letters:
- é, è, à, á, ç and other accented letters sort as their base letter ("Vallé" as "Valle");
- ü sorts as y and ø/æ as ö/ä ("Müller" as "Myller"; Danish and Norwegian names as ä/ö);
- v and w are separate letters (SAOL since 2006);
- ties are broken case-sensitively and then by the exact text, so the order is total and
  stable between runs.

A locale is not used: the clinic workstation's locale may be English, and ICU is not a
dependency of core/.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")

# Letters after z, in Swedish order, as the characters after "z" in ASCII.
_AFTER_Z = {"å": "{", "ä": "|", "ö": "}", "æ": "|", "ø": "}"}
# Letters Swedish sorts as another letter.
_AS_LETTER = {"ü": "y"}


def _primary_char(char: str) -> str:
    if char in _AFTER_Z:
        return _AFTER_Z[char]
    if char in _AS_LETTER:
        return _AS_LETTER[char]
    if char.isascii():
        return char
    base = "".join(c for c in unicodedata.normalize("NFD", char) if not unicodedata.combining(c))
    return base or char


def swedish_key(text: str) -> tuple[str, str, str]:
    """Sort key for Swedish order: `sorted(names, key=swedish_key)`."""
    folded = unicodedata.normalize("NFC", text).casefold()
    primary = "".join(_primary_char(c) for c in folded)
    return primary, folded, text


def swedish_sorted(items: Iterable[T], key: Callable[[T], str] | None = None) -> list[T]:
    """`items` in Swedish order, by `key(item)` (or the item itself when it is a str)."""
    if key is None:
        return sorted(items, key=lambda item: swedish_key(str(item)))
    get = key
    return sorted(items, key=lambda item: swedish_key(get(item)))
