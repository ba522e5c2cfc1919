"""The contact directory as the GUI and the CLI see it: shipped data plus local changes.

`ContactService` works in two modes, because a clinician may need a number before (or
without) unlocking the store:

- no session: the shipped YAML files only, read-only (the CLI without `--db`, tests);
- with a session: local overrides from the encrypted store win over the shipped data,
  every change is audited, and an admin can export and import the directory.

The merged, indexed list is cached and rebuilt only after a change through this
service (or `invalidate()`), so search as you type never reparses or re-merges.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Container, Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from oro_desktop.core.datafiles import authoring_error
from oro_desktop.core.contacts import (
    ContactEntry,
    DirectoryError,
    NowStatus,
    NowView,
    OpeningHours,
    Override,
    SWEDISH_HOLIDAYS,
    RegionDirectory,
    SearchIndex,
    dump_directory,
    entry_from_payload,
    entry_status,
    entry_to_data,
    is_stale,
    load_directory,
    lookup,
    lookup_text,
    merge,
    now_view,
    regions_without_route,
    parse_directory,
)
from oro_desktop.core.collation import swedish_sorted
from oro_desktop.core.contacts.memory import InMemoryOverrides
from oro_desktop.core.contacts.now import DEFAULT_OFFICE_HOURS
from oro_desktop.core.region_setting import region_key
from oro_desktop.errors import InvalidInput, OroError
from oro_desktop.services import inputs as bounded
from oro_desktop.store.errors import PermissionDenied
from oro_desktop.store.repos import contacts as contacts_repo


__all__ = [
    "ContactService", "ImportResult", "InMemoryOverrides", "OverridesProvider",
    "ReadOnlyDirectory", "StoreOverrides",
]


class ReadOnlyDirectory(OroError):
    """A local change was asked for without an unlocked store."""

    exit_code = 2


@dataclass(frozen=True)
class ImportResult:
    """How many entries a file held and how many of them changed the directory."""

    total: int
    changed: int


class OverridesProvider(Protocol):
    """Where local changes live and who makes them; the store implements it.

    Every write is one transaction that also writes its audit row.
    """

    @property
    def actor(self) -> str: ...

    @property
    def is_admin(self) -> bool: ...

    def load(self) -> list[Override]: ...

    def save(self, override: Override, *, action: str, detail: dict[str, Any]) -> None: ...

    def remove(self, entry_id: str) -> None: ...

    def import_overrides(self, overrides: list[Override], *, detail: dict[str, Any]) -> None: ...

    def record_export(self, detail: dict[str, Any]) -> None: ...


class StoreOverrides:
    """Overrides in the encrypted store; each write and its audit row commit together."""

    RECORD_TYPE = "contact"

    def __init__(self, session: Any) -> None:
        self._session = session
        self.problems: list[str] = []

    @staticmethod
    def supported(session: Any) -> bool:
        """True when the session's store has the overrides table (migration 0003)."""
        with session.store.unit_of_work(session.user.name) as uow:
            return contacts_repo.table_exists(uow.conn)

    @property
    def actor(self) -> str:
        return str(self._session.user.name)

    @property
    def is_admin(self) -> bool:
        return bool(self._session.user.role == "admin")

    def load(self) -> list[Override]:
        problems: list[str] = []
        with self._session.store.unit_of_work(self.actor) as uow:
            result = contacts_repo.list_overrides(uow.conn, problems)
        self.problems = problems
        return result

    def save(self, override: Override, *, action: str, detail: dict[str, Any]) -> None:
        with self._session.store.unit_of_work(self.actor) as uow:
            contacts_repo.upsert(uow.conn, override)
            uow.audit(action, self.RECORD_TYPE, override.entry_id, detail)

    def remove(self, entry_id: str) -> None:
        with self._session.store.unit_of_work(self.actor) as uow:
            if contacts_repo.delete(uow.conn, entry_id):
                uow.audit("delete", self.RECORD_TYPE, entry_id, {"change": "revert"})

    def import_overrides(self, overrides: list[Override], *, detail: dict[str, Any]) -> None:
        with self._session.store.unit_of_work(self.actor) as uow:
            for override in overrides:
                contacts_repo.upsert(uow.conn, override)
            uow.audit("import", self.RECORD_TYPE, None, detail)

    def record_export(self, detail: dict[str, Any]) -> None:
        with self._session.store.unit_of_work(self.actor) as uow:
            uow.audit("export", self.RECORD_TYPE, None, detail)


def _stamp() -> str:
    return datetime.now().replace(microsecond=0).isoformat(sep=" ")


class ContactService:
    """Search, lookup, "who do I call now", local changes, import and export."""

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

    # -- local changes -----------------------------------------------------------

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

    def _stored(self) -> dict[str, Override]:
        return {o.entry_id: o for o in self._provider().load()}

    def save_entry(self, entry: ContactEntry) -> ContactEntry:
        """Add or edit an entry locally; validated like a shipped one, then audited."""
        provider = self._provider()
        checked = replace(entry_from_payload(entry_to_data(entry), "lokal ändring"), local=True)
        existed = self.get(entry.id) is not None or entry.id in self._stored()
        override = Override(checked.id, checked, False, _stamp(), provider.actor)
        provider.save(
            override, action="update" if existed else "create",
            detail={"region": checked.region, "kind": checked.kind},
        )
        self.invalidate()
        return checked

    def hide_entry(self, entry_id: str) -> None:
        """Hide an entry (shipped or local) from every list; audited as an update."""
        provider = self._provider()
        current = self._stored().get(entry_id)
        if current is None and self.get(entry_id) is None:
            raise InvalidInput(f"Kontakten {entry_id!r} finns inte.")
        entry = current.entry if current else None
        provider.save(
            Override(entry_id, entry, True, _stamp(), provider.actor),
            action="update", detail={"change": "hide"},
        )
        self.invalidate()

    def revert_entry(self, entry_id: str) -> None:
        """Drop the local change: the shipped entry (if any) shows again."""
        self._provider().remove(entry_id)
        self.invalidate()

    def local_overrides(self) -> list[Override]:
        return self._provider().load()

    # -- export / import ---------------------------------------------------------

    def _merged_regions(self) -> list[RegionDirectory]:
        shipped = {r.region: r for r in self.shipped_regions()}
        grouped: dict[str, list[ContactEntry]] = {}
        for entry in self.entries():
            grouped.setdefault(entry.region, []).append(entry)
        result = []
        for region, entries in grouped.items():
            known = list(shipped[region].municipalities) if region in shipped else []
            extra = sorted({e.municipality for e in entries if e.municipality} - set(known))
            result.append(RegionDirectory(region, tuple(known + extra), tuple(entries)))
        return result

    def export(self, path: Path) -> int:
        """Write the merged directory to YAML (admin only, audited); returns the count."""
        provider = self._require_admin()
        regions = self._merged_regions()
        text = dump_directory(regions, _stamp())
        path = bounded.check_output_path(path, "Exportfilen")  # never rename over a device
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".kontakter-", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                out.write(text)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        count = sum(len(r.entries) for r in regions)
        provider.record_export({"file": path.name, "entries": count})
        return count

    def check_import(self, path: Path) -> list[ContactEntry]:
        """Validate a file for import without changing anything; raises DirectoryError."""
        path = Path(path)
        try:  # bounded: size, UTF-8, nesting and aliases (services/inputs.py)
            text = bounded.read_text_file(path, path.name, max_bytes=bounded.MAX_YAML_BYTES)
            bounded.check_yaml_text(text, path.name)
        except InvalidInput as exc:
            raise DirectoryError([authoring_error("file_unreadable", path.name,
                                                   detail=exc.message)]) from None
        return [e for r in parse_directory(text, path.name) for e in r.entries]

    def import_file(self, path: Path) -> ImportResult:
        """Import another clinic's export as local changes: all of it or nothing.

        The whole file is validated first; only then are the entries written, in one
        transaction, as overrides (same id replaces, new id adds). Entries identical to
        what the directory already shows are skipped: pinning them as local changes
        would hide every later correction of the shipped data. Admin only, audited.
        """
        provider = self._require_admin()
        entries = self.check_import(path)
        stamp = _stamp()
        changed = [e for e in entries if self.get(e.id) != e]
        overrides = [
            Override(e.id, replace(e, local=True), False, stamp, provider.actor) for e in changed
        ]
        result = ImportResult(total=len(entries), changed=len(changed))
        provider.import_overrides(
            overrides, detail={"file": Path(path).name, "entries": result.total, "changed": result.changed}
        )
        self.invalidate()
        return result
