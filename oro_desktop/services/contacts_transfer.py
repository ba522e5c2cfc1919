"""Export and import of the contact directory (admin only, audited).

Why a module of its own: an export is written atomically and never over a device; an
import is validated whole (bounded by services/inputs.py) before anything is written, and
then written in one transaction. That is this part of ContactService
(services/contacts.py).
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from oro_desktop.core.contacts import (
    ContactEntry,
    DirectoryError,
    Override,
    RegionDirectory,
    dump_directory,
    parse_directory,
)
from oro_desktop.core.datafiles import authoring_error
from oro_desktop.errors import InvalidInput
from oro_desktop.services import inputs as bounded
from oro_desktop.services.contacts_lookup import ContactLookup
from oro_desktop.services.contacts_overrides import _stamp


@dataclass(frozen=True)
class ImportResult:
    """How many entries a file held and how many of them changed the directory."""

    total: int
    changed: int


class ContactTransfer(ContactLookup):
    """The export and import of ContactService; see services/contacts.py."""

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
