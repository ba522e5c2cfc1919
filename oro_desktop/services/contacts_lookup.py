"""Reading the contact directory: shipped data merged with local changes, search, "now".

Why a module of its own: this is the part of ContactService (services/contacts.py) that
search as you type, Vägledning's "Kontakta nu" and the CLI call; the merged, indexed list
is cached here and rebuilt only after a change (or `invalidate()`), so a keystroke never
reparses or re-merges. The other parts (local changes, export and import) build on it.
"""

from __future__ import annotations

from collections.abc import Container, Iterable
from datetime import date, datetime
from pathlib import Path
from typing import Any

from oro_desktop.core.collation import swedish_sorted
from oro_desktop.core.contacts import (
    ContactEntry,
    NowStatus,
    NowView,
    OpeningHours,
    Override,
    SWEDISH_HOLIDAYS,
    RegionDirectory,
    SearchIndex,
    entry_status,
    is_stale,
    load_directory,
    lookup,
    lookup_text,
    merge,
    now_view,
    regions_without_route,
)
from oro_desktop.core.contacts.now import DEFAULT_OFFICE_HOURS
from oro_desktop.core.region_setting import region_key
from oro_desktop.services.contacts_overrides import (
    OverridesProvider,
    ReadOnlyDirectory,
    StoreOverrides,
)
from oro_desktop.store.errors import PermissionDenied


class ContactLookup:
    """The directory's reads, and the provider the other parts of ContactService write to."""

    def __init__(
        self,
        session: Any | None,
        shipped_dir: Path,
        *,
        overrides: OverridesProvider | None = None,
        office_hours: OpeningHours = DEFAULT_OFFICE_HOURS,
        holidays: Container[date] = SWEDISH_HOLIDAYS,
    ) -> None:
        self._shipped_dir = Path(shipped_dir)
        self._session = session
        self.problems: list[str] = []
        if overrides is None and session is not None:
            if StoreOverrides.supported(session):
                overrides = StoreOverrides(session)
            else:
                self.problems.append(
                    "Lokala ändringar av kontaktkatalogen kan inte sparas i den här "
                    "databasen (schemat saknar kontakttabellen); katalogen visas som levererad."
                )
        self._overrides = overrides
        self._office_hours = office_hours
        self._holidays = holidays
        self._shipped: list[RegionDirectory] | None = None
        self._entries: list[ContactEntry] | None = None
        self._index: SearchIndex | None = None
        self._no_route: frozenset[str] | None = None
        self._by_id: dict[str, ContactEntry] = {}
        self._shipped_by_id: dict[str, ContactEntry] | None = None

    # -- reading -----------------------------------------------------------------

    @property
    def editable(self) -> bool:
        """True when local changes can be stored (an unlocked store is present)."""
        return self._overrides is not None

    @property
    def can_transfer(self) -> bool:
        """True when export and import are allowed: an unlocked store and an admin.

        Lets a GUI hide the admin-only actions instead of offering them and refusing.
        """
        return self._overrides is not None and bool(self._overrides.is_admin)

    def shipped_entry(self, entry_id: str) -> ContactEntry | None:
        """The entry as shipped (before local changes), or None for a local-only id.

        What "Återställ till levererad uppgift" would bring back.
        """
        if self._shipped_by_id is None:
            self._shipped_by_id = {e.id: e for r in self.shipped_regions() for e in r.entries}
        return self._shipped_by_id.get(entry_id)

    def shipped_regions(self) -> list[RegionDirectory]:
        """The shipped files, validated once; a broken file raises DirectoryError."""
        if self._shipped is None:
            self._shipped = load_directory(self._shipped_dir)
        return self._shipped

    def _overrides_loaded(self) -> list[Override]:
        if self._overrides is None:
            return []
        loaded = self._overrides.load()
        self.problems = list(getattr(self._overrides, "problems", []))
        return loaded

    def entries(self) -> list[ContactEntry]:
        """Every visible entry: shipped data with local overrides applied."""
        if self._entries is None:
            shipped = [e for r in self.shipped_regions() for e in r.entries]
            self._entries = merge(shipped, self._overrides_loaded())
            self._by_id = {e.id: e for e in self._entries}
            self._index = SearchIndex(self._entries)
        return self._entries

    def index(self) -> SearchIndex:
        """The prebuilt search index over `entries()` (what a Qt model wraps)."""
        self.entries()
        assert self._index is not None
        return self._index

    def invalidate(self) -> None:
        """Forget the merged list; the next read merges and indexes again."""
        self._entries = None
        self._index = None
        self._no_route = None
        self._by_id = {}

    def get(self, entry_id: str) -> ContactEntry | None:
        self.entries()
        return self._by_id.get(entry_id)

    def regions(self) -> list[str]:
        return swedish_sorted({e.region for e in self.entries()})

    def municipalities(self, region: str | None = None) -> list[str]:
        names = {
            m for r in self.shipped_regions() if region in (None, r.region) for m in r.municipalities
        }
        names |= {e.municipality for e in self.entries() if e.municipality and region in (None, e.region)}
        return swedish_sorted(names)

    def search(
        self, query: str, *, region: str | None = None, limit: int | None = None
    ) -> list[ContactEntry]:
        """Entries matching every word of `query`; case, å/ä/ö and phone spacing ignored.

        Without a `region` filter the unit's own region (the `default_region` setting)
        comes first, the order otherwise kept, so a Kronoberg unit sees Kronoberg's
        routes before anyone else's.
        """
        own = self.own_region() if region is None else ""
        if not own:
            return self.index().search(query, region=region, limit=limit)
        found = self.index().search(query)
        first = [e for e in found if e.region == own]
        ordered = first + [e for e in found if e.region != own] if first else found
        return ordered if limit is None else ordered[:limit]

    def own_region(self) -> str:
        """The directory's name of the region setting's region ("" when none is set)."""
        if self._session is None or not getattr(self._session, "is_open", False):
            return ""
        setting = str(self._session.get_setting("default_region", "") or "")
        return next((r for r in self.regions() if region_key(r) == setting), "") if setting else ""

    def lookup(self, municipality: str, kind: str) -> list[ContactEntry]:
        """Concrete routes for e.g. ("Växjö", "socialtjänsten"), best first."""
        return lookup(self.entries(), municipality, kind)

    def lookup_text(self, text: str) -> list[ContactEntry]:
        """`lookup` from "socialtjänsten i Växjö" or "barnmorskemottagning, Östersund"."""
        return lookup_text(self.entries(), text)

    def status(self, entry: ContactEntry, at: datetime | None = None) -> NowStatus:
        return entry_status(entry, at or datetime.now(), self._holidays)

    def now(self, entries: Iterable[ContactEntry], at: datetime | None = None) -> NowView:
        """Order `entries` for a call at `at` (default: now), with a Swedish explanation.

        Swedish public holidays and the three "aftnar" count as closed days.
        """
        return now_view(entries, at or datetime.now(), self._office_hours, self._holidays,
                        without_route=self.regions_without_route())

    def regions_without_route(self) -> frozenset[str]:
        """Regions whose directory (shipped and local) has no after-hours route: the
        guideline names none, so Kontakter tells the reader to call 112 in an emergency."""
        if self._no_route is None:
            self._no_route = regions_without_route(self.entries())
        return self._no_route

    def is_stale(self, entry: ContactEntry, today: date | None = None) -> bool:
        """Not verified for 12 months: show "kan vara inaktuell"."""
        return is_stale(entry, today or date.today())

    def _provider(self) -> OverridesProvider:
        if self._overrides is None:
            raise ReadOnlyDirectory(
                "Lokala ändringar i kontaktkatalogen kräver en upplåst databas."
            )
        return self._overrides

    def _require_admin(self) -> OverridesProvider:
        provider = self._provider()
        if not provider.is_admin:
            raise PermissionDenied(
                "Endast en administratör kan exportera eller importera kontaktkatalogen."
            )
        return provider

