"""Text normalisation for search: what a hurried person types must still match.

People type "vaxjo" for Växjö, "0470 435 90" for "0470-435 90", and "Almhult" for
Älmhult. Both the stored text and the query go through the same `normalise` and
`search_terms`, so matching is a plain substring test on prepared strings.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NON_WORD = re.compile(r"[\W_]+")
_DIGITS = re.compile(r"\d+")
_COMBINING = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")


def normalise(text: str) -> str:
    """Casefold and drop diacritics: "Älmhult" -> "almhult", "Café" -> "cafe".

    å/ä become a and ö becomes o, which is how Swedish is written without the letters
    (and how most people search when in a hurry). Punctuation is kept; see `words`.
    """
    folded = text.casefold()
    if folded.isascii():
        return folded
    return _COMBINING.sub("", unicodedata.normalize("NFKD", folded))


@lru_cache(maxsize=8192)
def words(text: str) -> str:
    """`normalise`, then every run of punctuation or space becomes one space.

    Cached: unit names, kinds, regions and notes repeat across thousands of entries.
    """
    return _NON_WORD.sub(" ", normalise(text)).strip()


def phone_keys(number: str) -> tuple[str, ...]:
    """Digit-only forms of a number: national ("047043590") and +46 ("4647043590")."""
    digits = "".join(_DIGITS.findall(number))
    if not digits:
        return ()
    if digits.startswith("0") and len(digits) > 1:
        return digits, "46" + digits[1:]
    return (digits,)


def search_terms(query: str) -> list[str]:
    """Split a query into AND-ed terms; adjacent digit groups join into one number.

    "0470 435 90" and "0470-435 90" both become ["047043590"], matching the digit-only
    phone keys in the haystack; "socialtjänsten Växjö" becomes two terms.
    """
    terms: list[str] = []
    previous_digits = False
    for token in words(query).split():
        is_digits = token.isdigit()
        if is_digits and previous_digits:
            terms[-1] += token
        else:
            terms.append(token)
        previous_digits = is_digits
    return terms
