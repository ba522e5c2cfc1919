"""Search as you type over every field of every entry.

Each entry's fields are flattened once into one normalised haystack string; a query is
a list of terms that must all be substrings of it. For typing letter by letter, a query
that only narrows the previous one (every old term is contained in a new term) searches
only the previous hits, so each keystroke gets cheaper.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from oro_desktop.core.collation import swedish_key

from oro_desktop.core.contacts.hours import format_hours
from oro_desktop.core.contacts.kinds import kind_words
from oro_desktop.core.contacts.model import ContactEntry
from oro_desktop.core.contacts.text import phone_keys, search_terms, words


def haystack(entry: ContactEntry) -> str:
    """Every searchable field of `entry` as one normalised string."""
    parts: list[str] = [
        entry.organisation, entry.unit, *kind_words(entry.kind), entry.municipality or "",
        entry.region, entry.notes, entry.hours_note, *entry.emails,
    ]
    if entry.hours is not None:
        parts.append(entry.hours.text or format_hours(entry.hours))
    for phone in entry.phones:
        parts.extend((phone.number, phone.label, *phone_keys(phone.number)))
    if entry.fill_locally:
        parts.append("fylls i lokalt")
    prepared = []
    for part in parts:
        if not part:
            continue
        plain = words(part)
        prepared.append(plain)
        # Digits as a query sees them ("15.00" -> "1500", "0470 435 90" -> one number).
        joined = " ".join(search_terms(part))
        if joined != plain:
            prepared.append(joined)
    # A leading space lets " term" test for a match at the start of a word.
    return " " + " \x1f ".join(prepared)


def directory_order(entry: ContactEntry) -> tuple[tuple[str, str, str], ...]:
    """Sort key of the directory: region, then municipality, then the unit's name, each in
    Swedish order (Å, Ä, Ö after Z); a region's shared units (no municipality: BB, the
    switchboard) follow its municipalities, as in the guidelines' own lists."""
    shared = entry.municipality is None
    return (swedish_key(entry.region), (str(int(shared)), "", ""),
            swedish_key(entry.municipality or ""), swedish_key(entry.title))


def region_matches(entry_region: str, wanted: str) -> bool:
    """"kronoberg", "Jämtland" or "vastra-gotaland" select their region."""
    return words(wanted) in words(entry_region)


def _implies(new: Sequence[str], old: Sequence[str]) -> bool:
    """True when every hit for `new` is necessarily a hit for `old`."""
    return all(any(o in n for n in new) for o in old)


#: Above this many hits the order is left as it is: ranking a near-unfiltered list
#: costs time on the first keystrokes and helps nobody.
RANK_LIMIT = 2000


class SearchIndex:
    """A prebuilt index over a fixed list of entries; rebuild it when the list changes.

    The entries are kept in directory order (`directory_order`, Swedish), so an empty
    query lists the directory alphabetically and hits of equal rank keep that order.
    """

    def __init__(self, entries: Iterable[ContactEntry]) -> None:
        self.entries: tuple[ContactEntry, ...] = tuple(sorted(entries, key=directory_order))
        self._haystacks: tuple[str, ...] = tuple(haystack(e) for e in self.entries)
        self._regions: tuple[str, ...] = tuple(words(e.region) for e in self.entries)
        self._last: tuple[tuple[str, ...], str, list[int]] | None = None

    def __len__(self) -> int:
        return len(self.entries)

    def search(
        self, query: str, *, region: str | None = None, limit: int | None = None
    ) -> list[ContactEntry]:
        """Entries matching every term of `query` (all entries for an empty query)."""
        hits = self.search_positions(query, region=region)
        if limit is not None:
            hits = hits[:limit]
        entries = self.entries
        return [entries[i] for i in hits]

    def search_positions(self, query: str, *, region: str | None = None) -> list[int]:
        """Like `search`, as positions into `entries` (what a Qt model wants)."""
        terms = tuple(search_terms(query))
        region_key = words(region) if region else ""
        candidates: Iterable[int]
        last = self._last
        if last is not None and last[1] == region_key and _implies(terms, last[0]):
            candidates = last[2]
        elif region_key:
            regions = self._regions
            candidates = [i for i in range(len(regions)) if region_key in regions[i]]
        else:
            candidates = range(len(self.entries))
        hay = self._haystacks
        if not terms:
            hits = list(candidates)
        elif len(terms) == 1:
            term = terms[0]
            hits = [i for i in candidates if term in hay[i]]
        else:
            hits = [i for i in candidates if all(t in hay[i] for t in terms)]
        self._last = (terms, region_key, hits)
        if terms and len(hits) <= RANK_LIMIT:
            hits = self._rank(hits, terms)
        return hits

    def _rank(self, hits: list[int], terms: tuple[str, ...]) -> list[int]:
        """Hits whose every term starts a word come first ("dals ed" before Munkedal)."""
        hay = self._haystacks
        starts = [" " + t for t in terms]
        first = [i for i in hits if all(s in hay[i] for s in starts)]
        if len(first) in (0, len(hits)):
            return hits
        chosen = set(first)
        return first + [i for i in hits if i not in chosen]
