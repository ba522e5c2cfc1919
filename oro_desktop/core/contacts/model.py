"""The contact directory's data: entries, phones, sources, local overrides, staleness.

Plain frozen dataclasses so the same objects travel from the YAML loader through the
services to the GUI and the CLI without anyone mutating a shared copy.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date

from oro_desktop.core.contacts.hours import OpeningHours

#: An entry is marked as possibly stale when it has not been verified for this long.
STALE_AFTER_MONTHS = 12


@dataclass(frozen=True)
class Phone:
    """A number exactly as the source writes it, with what it is for ("växel")."""

    number: str
    label: str = ""


@dataclass(frozen=True)
class Source:
    """Where an entry's facts come from: which guideline, which section, which date.

    `date` is text because guidelines are not always dated ("odaterad"); it is shown,
    never computed with.
    """

    guideline: str
    date: str = ""
    section: str = ""
    note: str = ""


@dataclass(frozen=True)
class ContactEntry:
    """One route to one unit: who, how to reach them, when, and how sure we are.

    `municipality` is None for a unit that serves the whole region (BB, the region's
    switchboard). `fill_locally` says the guideline leaves the route to a local
    routine, so the entry has no number until a clinic adds one. `after_hours` marks the
    route to use outside office hours (112, socialjour).
    """

    id: str
    region: str
    organisation: str
    unit: str
    kind: str
    source: Source
    verified: date
    municipality: str | None = None
    phones: tuple[Phone, ...] = ()
    emails: tuple[str, ...] = ()
    hours: OpeningHours | None = None
    hours_note: str = ""
    after_hours: bool = False
    fill_locally: bool = False
    notes: str = ""
    verification_note: str = ""
    local: bool = field(default=False, compare=False)

    @property
    def reachable(self) -> bool:
        """True when the entry gives a phone number or an e-mail address."""
        return bool(self.phones or self.emails)

    @property
    def route_verified(self) -> bool:
        """False for a placeholder the guideline leaves to a local routine and nobody has
        filled in yet: its `verified` date says when the municipality list was checked,
        not that a route was, so it must not be shown as verified."""
        return not (self.fill_locally and not self.reachable)

    @property
    def title(self) -> str:
        """A one-line name for lists: "Markaryds kommun – Socialtjänsten"."""
        return f"{self.organisation} – {self.unit}" if self.unit else self.organisation


@dataclass(frozen=True)
class Override:
    """A clinic's local change to the directory, keyed by entry id.

    `entry` replaces the shipped entry with the same id (or adds a new one); `hidden`
    removes the id from view whether or not `entry` is given.
    """

    entry_id: str
    entry: ContactEntry | None = None
    hidden: bool = False
    updated_at: str = ""
    updated_by: str = ""


def add_months(day: date, months: int) -> date:
    """`day` moved by whole months, clamped to the month's end (29 Feb -> 28 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def stale_since(entry: ContactEntry) -> date:
    """The first day on which `entry` counts as possibly stale."""
    return add_months(entry.verified, STALE_AFTER_MONTHS)


def is_stale(entry: ContactEntry, today: date) -> bool:
    """True when the entry has not been verified for 12 months (or more) on `today`.

    A placeholder that is not verified at all (`route_verified` False) is not "stale":
    it is marked as unverified instead."""
    return entry.route_verified and today >= stale_since(entry)


NOT_VERIFIED_TEXT = "Ej verifierad – kontaktvägen fylls i lokalt"


def verified_text(entry: ContactEntry) -> str:
    """What the "Verifierad" column says: the date, or that nothing is verified yet."""
    return entry.verified.isoformat() if entry.route_verified else NOT_VERIFIED_TEXT


def merge(shipped: list[ContactEntry], overrides: list[Override]) -> list[ContactEntry]:
    """Shipped entries with local overrides applied: replace by id, hide, or add.

    Local changes win; the order of shipped entries is kept and new local entries follow
    in id order so the result is deterministic.
    """
    by_id = {o.entry_id: o for o in overrides}
    result: list[ContactEntry] = []
    seen: set[str] = set()
    for entry in shipped:
        seen.add(entry.id)
        override = by_id.get(entry.id)
        if override is None:
            result.append(entry)
        elif not override.hidden:
            result.append(override.entry or entry)
    for entry_id in sorted(set(by_id) - seen):
        override = by_id[entry_id]
        if not override.hidden and override.entry is not None:
            result.append(override.entry)
    return result
