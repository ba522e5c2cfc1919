"""Find the concrete routes for "kind of unit in a municipality".

Case guidance says "kontakta socialtjänsten i kommunen"; this turns that into entries.
A municipality's own entries come first, then the region-wide units of the region the
municipality belongs to (a BB, the region's switchboard), then related kinds (social
services' after-hours route travels with social services).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from oro_desktop.core.contacts.kinds import COMPANION_KINDS, FALLBACK_KINDS, canonical_kind
from oro_desktop.core.contacts.model import ContactEntry
from oro_desktop.core.contacts.text import words

_SUFFIXES = (" kommun", " stad", " kommuns", " stads")


def municipality_key(name: str) -> str:
    """"Växjö kommun", "vaxjo" and "VÄXJÖ" share one key; "Göteborgs Stad" -> goteborg."""
    key = " ".join(words(name).split())
    for suffix in _SUFFIXES:
        if key.endswith(suffix):
            key = key[: -len(suffix)]
            if suffix.endswith("stad") and key.endswith("s"):
                key = key[:-1]
            break
    return key


def _municipality_region(entries: Iterable[ContactEntry], key: str) -> set[str]:
    return {e.region for e in entries if e.municipality and municipality_key(e.municipality) == key}


def lookup(
    entries: Iterable[ContactEntry], municipality: str, kind: str
) -> list[ContactEntry]:
    """Entries of `kind` (or a synonym) serving `municipality`, best first.

    Order: the municipality's own entries of the kind, the region's shared entries of
    the kind; if there are none, a fallback kind (mödrahälsovård for
    barnmorskemottagning); then companion kinds (socialjour with social services).
    Empty when the municipality is unknown.
    """
    entries = list(entries)
    wanted = canonical_kind(kind) or kind
    key = municipality_key(municipality)
    regions = _municipality_region(entries, key)
    if not regions:
        return []

    def serving(kind_name: str) -> list[ContactEntry]:
        own = [
            e for e in entries
            if e.kind == kind_name and e.municipality and municipality_key(e.municipality) == key
        ]
        shared = [e for e in entries if e.kind == kind_name and e.municipality is None and e.region in regions]
        return own + shared

    result = serving(wanted)
    if not result:
        for fallback in FALLBACK_KINDS.get(wanted, ()):
            result.extend(serving(fallback))
    for companion in COMPANION_KINDS.get(wanted, ()):
        result.extend(serving(companion))
    return result


_PHRASE = re.compile(r"^(?P<kind>.+?)(?:\s+i\s+|\s*,\s*)(?P<place>[^,]+)$", re.IGNORECASE)


def parse_lookup(text: str) -> tuple[str, str] | None:
    """"socialtjänsten i Växjö" or "barnmorskemottagning, Östersund" -> (kind, place)."""
    match = _PHRASE.match(text.strip())
    if match is None:
        return None
    return match.group("kind").strip(), match.group("place").strip()


def lookup_text(entries: Iterable[ContactEntry], text: str) -> list[ContactEntry]:
    """`lookup` from a phrase; empty when the phrase is not "kind i place"."""
    parsed = parse_lookup(text)
    if parsed is None:
        return []
    return lookup(entries, parsed[1], parsed[0])
