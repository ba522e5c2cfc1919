"""Read and write the directory's YAML: shipped region files, exports and imports.

One validator serves the shipped files, a file imported from another clinic and the
payload of a local override, so a mistake is caught the same way everywhere. Validation
collects every error before raising, so an author fixes a file in one pass. Errors come
from the one catalogue of authoring errors (core/datafiles.py), with the same codes as
the forms' where the mistake is the same kind (unknown_key, missing_key, wrong_type,
bad_value, bad_date, duplicate_id...); each names the file, the path in the document
(`entries[3].phones[0]`, `regions[1].entries[0]` in an export) and the entry's id.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from oro_desktop.core.contacts.dump import FORMAT, RegionDirectory, dump_directory, entry_to_data
from oro_desktop.core.contacts.hours import HoursError, hours_from_data
from oro_desktop.core.contacts.model import ContactEntry, Phone, Source
from oro_desktop.core.datafiles import AuthoringError, DataFileError, authoring_error, too_large

__all__ = ["FORMAT", "DirectoryError", "RegionDirectory", "dump_directory", "entry_from_data",
           "entry_from_payload", "entry_to_data", "file_unreadable", "load_directory",
           "load_file", "parse_directory"]

ENTRY_ID = re.compile(r"^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)+$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_ID_RULE = "ska vara t.ex. ”kronoberg/socialtjanst/vaxjo” (a-z, 0-9, -, delar åtskilda med /)"

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


class DirectoryError(DataFileError):
    """A directory file that cannot be used; `errors` lists every problem found."""

    heading = "Kontaktkatalogen innehåller fel:"


def file_unreadable(name: str, exc: BaseException) -> AuthoringError:
    """The catalogue's file_unreadable error for a file that could not be read."""
    detail = "inte UTF-8" if isinstance(exc, UnicodeDecodeError) else (
        getattr(exc, "strerror", None) or exc.__class__.__name__)
    return authoring_error("file_unreadable", name, detail=detail)


class _Report:
    """Collects errors for one file; `path` and `entry` say where and which entry."""

    def __init__(self, origin: str, errors: list[AuthoringError]) -> None:
        self.origin = origin
        self.errors = errors

    def add(self, code: str, path: str, entry: str = "", **params: object) -> None:
        self.errors.append(authoring_error(code, self.origin, entry, path=path,
                                           element="post", **params))


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def _date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value)
        except ValueError:
            return None
    return None


def _text(data: Mapping[str, Any], key: str, r: _Report, path: str, entry: str,
          default: str = "") -> str:
    value = data.get(key, default)
    if value is None:
        return default
    if not isinstance(value, str):
        r.add("wrong_type", _join(path, key), entry, key=key, expected="text")
        return default
    return value.strip()


def _source(value: object, r: _Report, path: str, entry: str = "") -> Source | None:
    where = _join(path, "source")
    if not isinstance(value, dict):
        r.add("wrong_type", where, entry, key="source",
              expected="en mappning med guideline, date, section och note")
        return None
    for key in sorted(set(value) - SOURCE_KEYS, key=str):
        r.add("unknown_key", _join(where, str(key)), entry, key=key)
    guideline = value.get("guideline")
    if not isinstance(guideline, str) or not guideline.strip():
        r.add("missing_key", where, entry, key="guideline")
        return None
    return Source(
        guideline=guideline.strip(),
        date=str(value.get("date") or "").strip(),
        section=str(value.get("section") or "").strip(),
        note=str(value.get("note") or "").strip(),
    )


def _phones(value: object, r: _Report, path: str, entry: str) -> tuple[Phone, ...]:
    if value is None:
        return ()
    where = _join(path, "phones")
    if not isinstance(value, list):
        r.add("wrong_type", where, entry, key="phones", expected="en lista")
        return ()
    phones = []
    for index, item in enumerate(value):
        at = f"{where}[{index}]"
        if isinstance(item, str):
            item = {"number": item}
        if not isinstance(item, dict) or not isinstance(item.get("number"), str):
            r.add("missing_key", at, entry, key="number")
            continue
        for key in sorted(set(item) - {"number", "label"}, key=str):
            r.add("unknown_key", _join(at, str(key)), entry, key=key)
        number = item["number"].strip()
        if not re.search(r"\d", number):
            r.add("bad_phone", at, entry, value=number)
        phones.append(Phone(number, str(item.get("label") or "").strip()))
    return tuple(phones)


def _emails(value: object, r: _Report, path: str, entry: str) -> tuple[str, ...]:
    if value is None:
        return ()
    where = _join(path, "emails")
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        r.add("wrong_type", where, entry, key="emails", expected="en lista av text")
        return ()
    for index, address in enumerate(value):
        if not _EMAIL.match(address.strip()):
            r.add("bad_email", f"{where}[{index}]", entry, value=address)
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
    errors: list[AuthoringError],
    path: str = "",
) -> ContactEntry | None:
    """Build one entry, appending problems to `errors` (file, path and entry id named)."""
    r = _Report(origin, errors)
    if not isinstance(data, dict):
        r.add("not_a_mapping", path, what="en post")
        return None
    entry_id = data.get("id")
    eid = entry_id if isinstance(entry_id, str) else ""
    for key in sorted(set(data) - ENTRY_KEYS, key=str):
        r.add("unknown_key", _join(path, str(key)), eid, key=key)
    missing = sorted(k for k in ENTRY_REQUIRED if k not in data)
    for key in missing:
        r.add("missing_key", path, eid, key=key)
    if missing:
        return None
    start = len(errors)
    if not isinstance(entry_id, str) or not ENTRY_ID.match(entry_id):
        r.add("bad_id", _join(path, "id"), eid, id=entry_id, detail=_ID_RULE)
    organisation = _text(data, "organisation", r, path, eid)
    unit = _text(data, "unit", r, path, eid)
    kind = _text(data, "kind", r, path, eid)
    for key, value in (("organisation", organisation), ("kind", kind)):
        if not value and isinstance(data.get(key), str):
            r.add("bad_value", _join(path, key), eid, key=key, detail="får inte vara tomt")
    entry_region = _text(data, "region", r, path, eid, region or "")
    if region and entry_region != region:
        r.add("region_mismatch", _join(path, "region"), eid, value=entry_region, expected=region)
    if not entry_region:
        r.add("missing_key", path, eid, key="region")
    entry_source = _source(data["source"], r, path, eid) if "source" in data else source
    if entry_source is None and "source" not in data:
        r.add("missing_key", path, eid, key="source")
    entry_verified = _date(data["verified"]) if "verified" in data else verified
    if entry_verified is None:
        if "verified" in data:
            r.add("bad_date", _join(path, "verified"), eid, key="verified", value=data["verified"])
        else:
            r.add("missing_key", path, eid, key="verified")
    municipality = data.get("municipality")
    if municipality is not None:
        if not isinstance(municipality, str) or not municipality.strip():
            r.add("bad_value", _join(path, "municipality"), eid, key="municipality",
                  detail="ett kommunnamn eller utelämnas")
        elif municipalities is not None and municipality not in set(municipalities):
            r.add("unknown_municipality", _join(path, "municipality"), eid, value=municipality)
    hours = None
    if data.get("hours") is not None:
        try:
            hours = hours_from_data(data["hours"])
        except HoursError as exc:
            r.add("bad_hours", _join(path, "hours"), eid, detail=str(exc))
    flags = {}
    for flag in ("after_hours", "fill_locally"):
        value = data.get(flag, False)
        if not isinstance(value, bool):
            r.add("wrong_type", _join(path, flag), eid, key=flag, expected="true eller false")
        flags[flag] = bool(value)
    phones = _phones(data.get("phones"), r, path, eid)
    emails = _emails(data.get("emails"), r, path, eid)
    notes = _text(data, "notes", r, path, eid)
    hours_note = _text(data, "hours_note", r, path, eid)
    note = _text(data, "verification_note", r, path, eid, verification_note)
    if len(errors) > start or entry_source is None or entry_verified is None:
        return None
    assert isinstance(entry_id, str)
    return ContactEntry(
        id=entry_id, region=entry_region, organisation=organisation, unit=unit,
        kind=kind, source=entry_source, verified=entry_verified,
        municipality=municipality.strip() if municipality else None,
        phones=phones, emails=emails, hours=hours, hours_note=hours_note,
        after_hours=flags["after_hours"], fill_locally=flags["fill_locally"],
        notes=notes, verification_note=note,
    )


def _region_from_data(data: dict[str, Any], origin: str, errors: list[AuthoringError],
                      path: str = "") -> RegionDirectory | None:
    r = _Report(origin, errors)
    for key in sorted(set(data) - HEADER_KEYS, key=str):
        r.add("unknown_key", _join(path, str(key)), key=key)
    if data.get("format") != FORMAT:
        r.add("bad_value", "format", key="format", detail=f"ska vara {FORMAT}")
    region = data.get("region")
    if not isinstance(region, str) or not region.strip():
        r.add("missing_key", path, key="region")
        return None
    munis = data.get("municipalities") or []
    if not isinstance(munis, list) or not all(isinstance(m, str) for m in munis):
        r.add("wrong_type", _join(path, "municipalities"), key="municipalities",
              expected="en lista av text")
        munis = []
    for dup in sorted({m for m in munis if munis.count(m) > 1}):
        r.add("duplicate_value", _join(path, "municipalities"), value=dup, key="municipalities")
    source = _source(data["source"], r, path) if "source" in data else None
    verified = _date(data.get("verified")) if "verified" in data else None
    if "verified" in data and verified is None:
        r.add("bad_date", _join(path, "verified"), key="verified", value=data.get("verified"))
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list):
        if raw_entries is None:
            r.add("missing_key", path, key="entries")
        else:
            r.add("wrong_type", _join(path, "entries"), key="entries", expected="en lista")
        return None
    entries = []
    for index, raw in enumerate(raw_entries):
        entry = entry_from_data(
            raw, origin=origin, region=region.strip(), source=source, verified=verified,
            verification_note=str(data.get("verification_note") or "").strip(),
            municipalities=munis or None, errors=errors, path=_join(path, f"entries[{index}]"),
        )
        if entry is not None:
            entries.append(entry)
    return RegionDirectory(region.strip(), tuple(munis), tuple(entries), origin)


def parse_directory(text: str, origin: str) -> list[RegionDirectory]:
    """Parse one file: a region file, or an export holding `regions: [...]`.

    Raises DirectoryError listing every problem; returns nothing partial.
    """
    errors: list[AuthoringError] = []
    big = too_large(origin, len(text.encode("utf-8", "surrogatepass")))
    if big is not None:
        raise DirectoryError([big])
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        detail = str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__
        raise DirectoryError([authoring_error("yaml_syntax", origin, detail=detail)]) from None
    except RecursionError:
        raise DirectoryError(
            [authoring_error("yaml_syntax", origin, detail="för djupt nästlad")]) from None
    if not isinstance(data, dict):
        raise DirectoryError([authoring_error("not_a_mapping", origin, what="filen")])
    r = _Report(origin, errors)
    if "regions" in data:
        for key in sorted(set(data) - {"format", "exported_at", "regions"}, key=str):
            r.add("unknown_key", str(key), key=key)
        if data.get("format") != FORMAT:
            r.add("bad_value", "format", key="format", detail=f"ska vara {FORMAT}")
        blocks = data["regions"] if isinstance(data["regions"], list) else []
        if not blocks:
            r.add("bad_value", "regions", key="regions", detail="ska vara en icke-tom lista")
        regions = []
        for index, block in enumerate(blocks):
            where = f"regions[{index}]"
            if not isinstance(block, dict):
                r.add("not_a_mapping", where, what=f"region nr {index + 1}")
                continue
            block = {"format": data.get("format"), **block}
            parsed = _region_from_data(block, origin, errors, where)
            if parsed is not None:
                regions.append(parsed)
    else:
        parsed = _region_from_data(data, origin, errors)
        regions = [parsed] if parsed is not None else []
    _check_duplicates(regions, errors)
    if errors:
        raise DirectoryError(errors)
    return regions


def _check_duplicates(regions: list[RegionDirectory], errors: list[AuthoringError]) -> None:
    seen: dict[str, str] = {}
    for region in regions:
        for index, entry in enumerate(region.entries):
            if entry.id in seen:
                errors.append(authoring_error(
                    "duplicate_id", region.origin, entry.id, path=f"entries[{index}]",
                    element="post", id=entry.id, also=f" (finns redan i {seen[entry.id]})",
                    also_en=f" (already in {seen[entry.id]})"))
            seen[entry.id] = region.origin


def load_file(path: Path) -> list[RegionDirectory]:
    """Read and validate one directory file."""
    try:
        big = too_large(path.name, path.stat().st_size)
        text = "" if big else path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DirectoryError([file_unreadable(path.name, exc)]) from None
    if big is not None:
        raise DirectoryError([big])
    return parse_directory(text, path.name)


def load_directory(directory: Path) -> list[RegionDirectory]:
    """Every `*.yaml` in `directory`, validated together (ids unique across files)."""
    errors: list[AuthoringError] = []
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


def entry_from_payload(payload: dict[str, Any], origin: str) -> ContactEntry:
    """One self-contained entry (an override's payload); raises DirectoryError."""
    errors: list[AuthoringError] = []
    entry = entry_from_data(payload, origin=origin, errors=errors)
    if errors or entry is None:
        raise DirectoryError(errors or [authoring_error("not_a_mapping", origin, what="posten")])
    return entry
