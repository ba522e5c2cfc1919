"""Read and write the directory's YAML: shipped region files, exports and imports.

One validator serves the shipped files, a file imported from another clinic and the
payload of a local override, so a mistake is caught the same way everywhere and the
message names the file and the entry. Validation collects every error before raising,
so an author fixes a file in one pass.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from oro_desktop.core.contacts.hours import HoursError, hours_from_data, hours_to_data
from oro_desktop.core.contacts.model import ContactEntry, Phone, Source
from oro_desktop.errors import InvalidInput

FORMAT = 1
ENTRY_ID = re.compile(r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")

HEADER_KEYS = {
    "format", "region", "municipalities", "source", "verified", "verification_note",
    "entries", "exported_at",
}
ENTRY_REQUIRED = {"id", "organisation", "unit", "kind"}
ENTRY_KEYS = ENTRY_REQUIRED | {
    "municipality", "phones", "emails", "hours", "hours_note", "after_hours",
    "fill_locally", "notes", "source", "verified", "verification_note", "region",
}
SOURCE_KEYS = {"guideline", "date", "section", "note"}


class DirectoryError(InvalidInput):
    """A directory file that cannot be used; `errors` lists every problem found."""

    def __init__(self, errors: list[str]) -> None:
        self.errors = errors
        shown = "\n".join(f"- {e}" for e in errors[:20])
        more = f"\n… och {len(errors) - 20} fel till" if len(errors) > 20 else ""
        super().__init__(f"Kontaktkatalogen innehåller fel:\n{shown}{more}")


@dataclass(frozen=True)
class RegionDirectory:
    """One region's entries with the region's list of municipalities."""

    region: str
    municipalities: tuple[str, ...]
    entries: tuple[ContactEntry, ...]
    origin: str = ""


def _date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _text(data: dict, key: str, errors: list[str], where: str, default: str = "") -> str:
    value = data.get(key, default)
    if value is None:
        return default
    if not isinstance(value, str):
        errors.append(f"{where}: fältet {key!r} ska vara text")
        return default
    return value.strip()


def _source(value: object, errors: list[str], where: str) -> Source | None:
    if not isinstance(value, dict):
        errors.append(f"{where}: 'source' ska ange guideline, date, section och note")
        return None
    unknown = sorted(set(value) - SOURCE_KEYS)
    if unknown:
        errors.append(f"{where}: okända nycklar i source: {', '.join(unknown)}")
    guideline = value.get("guideline")
    if not isinstance(guideline, str) or not guideline.strip():
        errors.append(f"{where}: source saknar 'guideline' (vilken riktlinje)")
        return None
    return Source(
        guideline=guideline.strip(),
        date=str(value.get("date") or "").strip(),
        section=str(value.get("section") or "").strip(),
        note=str(value.get("note") or "").strip(),
    )


def _phones(value: object, errors: list[str], where: str) -> tuple[Phone, ...]:
    if value is None:
        return ()
    if not isinstance(value, list):
        errors.append(f"{where}: 'phones' ska vara en lista")
        return ()
    phones = []
    for item in value:
        if isinstance(item, str):
            item = {"number": item}
        if not isinstance(item, dict) or not isinstance(item.get("number"), str):
            errors.append(f"{where}: varje telefon ska ha ett 'number' (text)")
            continue
        unknown = sorted(set(item) - {"number", "label"})
        if unknown:
            errors.append(f"{where}: okända nycklar i telefon: {', '.join(unknown)}")
        number = item["number"].strip()
        if not re.search(r"\d", number):
            errors.append(f"{where}: telefonnumret {number!r} innehåller inga siffror")
        phones.append(Phone(number, str(item.get("label") or "").strip()))
    return tuple(phones)


def _emails(value: object, errors: list[str], where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        errors.append(f"{where}: 'emails' ska vara en lista av adresser")
        return ()
    for address in value:
        if not _EMAIL.match(address.strip()):
            errors.append(f"{where}: ogiltig e-postadress {address!r}")
    return tuple(v.strip() for v in value)


def entry_from_data(
    data: object,
    *,
    origin: str,
    region: str | None = None,
    source: Source | None = None,
    verified: date | None = None,
    verification_note: str = "",
    municipalities: Iterable[str] | None = None,
    errors: list[str],
) -> ContactEntry | None:
    """Build one entry, appending problems to `errors` (file and entry id named)."""
    if not isinstance(data, dict):
        errors.append(f"{origin}: en post är inte en mappning")
        return None
    entry_id = data.get("id")
    where = f"{origin}: post {entry_id!r}"
    unknown = sorted(set(data) - ENTRY_KEYS)
    if unknown:
        errors.append(f"{where}: okända nycklar: {', '.join(unknown)}")
    missing = sorted(k for k in ENTRY_REQUIRED if k not in data)
    if missing:
        errors.append(f"{where}: saknar obligatoriska fält: {', '.join(missing)}")
        return None
    start = len(errors)
    if not isinstance(entry_id, str) or not ENTRY_ID.match(entry_id):
        errors.append(f"{where}: id ska vara t.ex. 'kronoberg/socialtjanst/vaxjo' (a-z, 0-9, -)")
    organisation = _text(data, "organisation", errors, where)
    unit = _text(data, "unit", errors, where)
    kind = _text(data, "kind", errors, where)
    if not organisation or not kind:
        errors.append(f"{where}: 'organisation' och 'kind' får inte vara tomma")
    entry_region = _text(data, "region", errors, where, region or "")
    if region and entry_region != region:
        errors.append(f"{where}: region {entry_region!r} skiljer sig från filens {region!r}")
    if not entry_region:
        errors.append(f"{where}: region saknas")
    entry_source = _source(data["source"], errors, where) if "source" in data else source
    if entry_source is None and "source" not in data:
        errors.append(f"{where}: källa (source) saknas i posten och i filhuvudet")
    entry_verified = _date(data["verified"]) if "verified" in data else verified
    if entry_verified is None:
        errors.append(f"{where}: 'verified' saknas eller är inget datum (ÅÅÅÅ-MM-DD)")
    municipality = data.get("municipality")
    if municipality is not None:
        if not isinstance(municipality, str) or not municipality.strip():
            errors.append(f"{where}: 'municipality' ska vara ett kommunnamn eller utelämnas")
        elif municipalities is not None and municipality not in set(municipalities):
            errors.append(f"{where}: kommunen {municipality!r} finns inte i filens kommunlista")
    hours = None
    if data.get("hours") is not None:
        try:
            hours = hours_from_data(data["hours"])
        except HoursError as exc:
            errors.append(f"{where}: {exc}")
    flags = {}
    for flag in ("after_hours", "fill_locally"):
        value = data.get(flag, False)
        if not isinstance(value, bool):
            errors.append(f"{where}: {flag!r} ska vara true eller false")
        flags[flag] = bool(value)
    phones = _phones(data.get("phones"), errors, where)
    emails = _emails(data.get("emails"), errors, where)
    notes = _text(data, "notes", errors, where)
    hours_note = _text(data, "hours_note", errors, where)
    note = _text(data, "verification_note", errors, where, verification_note)
    if len(errors) > start or entry_source is None or entry_verified is None:
        return None
    return ContactEntry(
        id=entry_id, region=entry_region, organisation=organisation, unit=unit,
        kind=kind, source=entry_source, verified=entry_verified,
        municipality=municipality.strip() if municipality else None,
        phones=phones, emails=emails, hours=hours, hours_note=hours_note,
        after_hours=flags["after_hours"], fill_locally=flags["fill_locally"],
        notes=notes, verification_note=note,
    )


def _region_from_data(data: dict, origin: str, errors: list[str]) -> RegionDirectory | None:
    unknown = sorted(set(data) - HEADER_KEYS)
    if unknown:
        errors.append(f"{origin}: okända nycklar i filhuvudet: {', '.join(unknown)}")
    if data.get("format") != FORMAT:
        errors.append(f"{origin}: 'format' ska vara {FORMAT}")
    region = data.get("region")
    if not isinstance(region, str) or not region.strip():
        errors.append(f"{origin}: 'region' saknas")
        return None
    munis = data.get("municipalities") or []
    if not isinstance(munis, list) or not all(isinstance(m, str) for m in munis):
        errors.append(f"{origin}: 'municipalities' ska vara en lista av kommunnamn")
        munis = []
    if len(set(munis)) != len(munis):
        errors.append(f"{origin}: en kommun står flera gånger i 'municipalities'")
    source = _source(data["source"], errors, origin) if "source" in data else None
    verified = _date(data.get("verified")) if "verified" in data else None
    if "verified" in data and verified is None:
        errors.append(f"{origin}: 'verified' i filhuvudet är inget datum (ÅÅÅÅ-MM-DD)")
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list):
        errors.append(f"{origin}: 'entries' ska vara en lista")
        return None
    entries = []
    for raw in raw_entries:
        entry = entry_from_data(
            raw, origin=origin, region=region.strip(), source=source, verified=verified,
            verification_note=str(data.get("verification_note") or "").strip(),
            municipalities=munis or None, errors=errors,
        )
        if entry is not None:
            entries.append(entry)
    return RegionDirectory(region.strip(), tuple(munis), tuple(entries), origin)


def parse_directory(text: str, origin: str) -> list[RegionDirectory]:
    """Parse one file: a region file, or an export holding `regions: [...]`.

    Raises DirectoryError listing every problem; returns nothing partial.
    """
    errors: list[str] = []
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise DirectoryError([f"{origin}: ingen giltig YAML ({exc.__class__.__name__})"]) from None
    if not isinstance(data, dict):
        raise DirectoryError([f"{origin}: filen ska innehålla en mappning"])
    if "regions" in data:
        unknown = sorted(set(data) - {"format", "exported_at", "regions"})
        if unknown:
            errors.append(f"{origin}: okända nycklar: {', '.join(unknown)}")
        if data.get("format") != FORMAT:
            errors.append(f"{origin}: 'format' ska vara {FORMAT}")
        blocks = data["regions"] if isinstance(data["regions"], list) else []
        if not blocks:
            errors.append(f"{origin}: 'regions' ska vara en icke-tom lista")
        regions = []
        for index, block in enumerate(blocks):
            if not isinstance(block, dict):
                errors.append(f"{origin}: region nr {index + 1} är ingen mappning")
                continue
            block = {"format": data.get("format"), **block}
            parsed = _region_from_data(block, origin, errors)
            if parsed is not None:
                regions.append(parsed)
    else:
        parsed = _region_from_data(data, origin, errors)
        regions = [parsed] if parsed is not None else []
    _check_duplicates(regions, errors)
    if errors:
        raise DirectoryError(errors)
    return regions


def _check_duplicates(regions: list[RegionDirectory], errors: list[str]) -> None:
    seen: dict[str, str] = {}
    for region in regions:
        for entry in region.entries:
            if entry.id in seen:
                errors.append(
                    f"{region.origin}: post {entry.id!r} finns redan (i {seen[entry.id]})"
                )
            seen[entry.id] = region.origin


def load_file(path: Path) -> list[RegionDirectory]:
    """Read and validate one directory file."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DirectoryError([f"{path.name}: kan inte läsas ({exc.__class__.__name__})"]) from None
    return parse_directory(text, path.name)


def load_directory(directory: Path) -> list[RegionDirectory]:
    """Every `*.yaml` in `directory`, validated together (ids unique across files)."""
    errors: list[str] = []
    regions: list[RegionDirectory] = []
    for path in sorted(directory.glob("*.yaml")):
        try:
            regions.extend(load_file(path))
        except DirectoryError as exc:
            errors.extend(exc.errors)
    _check_duplicates(regions, errors)
    if errors:
        raise DirectoryError(errors)
    return regions


def entry_to_data(entry: ContactEntry) -> dict:
    """A self-contained mapping (region, source, verified included) for YAML or JSON."""
    data: dict = {
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


def entry_from_payload(payload: dict, origin: str) -> ContactEntry:
    """One self-contained entry (an override's payload); raises DirectoryError."""
    errors: list[str] = []
    entry = entry_from_data(payload, origin=origin, errors=errors)
    if errors or entry is None:
        raise DirectoryError(errors or [f"{origin}: posten kunde inte läsas"])
    return entry


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
