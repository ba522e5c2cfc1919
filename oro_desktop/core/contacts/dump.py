"""Write the directory as YAML: exports, and the payload of a local override.

Why apart from the loader: writing is the inverse of reading and has no validation of
its own; `loader.parse_directory` reads what `dump_directory` writes back to the same
entries (a test holds that round trip).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from oro_desktop.core.contacts.hours import hours_to_data
from oro_desktop.core.contacts.model import ContactEntry

FORMAT = 1


@dataclass(frozen=True)
class RegionDirectory:
    """One region's entries with the region's list of municipalities (what a file holds)."""

    region: str
    municipalities: tuple[str, ...]
    entries: tuple[ContactEntry, ...]
    origin: str = ""


def entry_to_data(entry: ContactEntry) -> dict[str, Any]:
    """A self-contained mapping (region, source, verified included) for YAML or JSON."""
    data: dict[str, Any] = {
        "id": entry.id, "region": entry.region, "organisation": entry.organisation,
        "unit": entry.unit, "kind": entry.kind,
    }
    if entry.municipality:
        data["municipality"] = entry.municipality
    if entry.phones:
        data["phones"] = [
            {"number": p.number, "label": p.label} if p.label else {"number": p.number}
            for p in entry.phones
        ]
    if entry.emails:
        data["emails"] = list(entry.emails)
    if entry.hours is not None:
        data["hours"] = entry.hours.text or hours_to_data(entry.hours)
    for key in ("hours_note", "notes", "verification_note"):
        if getattr(entry, key):
            data[key] = getattr(entry, key)
    if entry.after_hours:
        data["after_hours"] = True
    if entry.fill_locally:
        data["fill_locally"] = True
    source = {"guideline": entry.source.guideline}
    for key in ("date", "section", "note"):
        if getattr(entry.source, key):
            source[key] = getattr(entry.source, key)
    data["source"] = source
    data["verified"] = entry.verified.isoformat()
    return data


def dump_directory(regions: list[RegionDirectory], exported_at: str) -> str:
    """YAML for an export; `parse_directory` reads it back to the same entries."""
    document = {
        "format": FORMAT,
        "exported_at": exported_at,
        "regions": [
            {
                "region": r.region,
                "municipalities": list(r.municipalities),
                "entries": [entry_to_data(e) for e in r.entries],
            }
            for r in regions
        ],
    }
    return yaml.safe_dump(document, allow_unicode=True, sort_keys=False, width=100)
