"""Reading values out of filled data: emptiness, dates, visibility, protection.

Why separate: the validator, the rules, the renderer and the Qt builder all need to ask
"is this filled in?", "which date does this field carry?" and "is this field shown?" and
must get the same answer.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from oro_desktop.core.forms.model import Field, FormDefinition

#: Deepest nesting any filled value has: a row (list) of cells (dict) of an identity (dict).
_MAX_DEPTH = 4


def is_empty(value: Any, _depth: int = 0) -> bool:
    """None, blank strings, empty lists/dicts and dicts of only empty values are empty.

    Nesting deeper than any field's value (rows of cells) counts as filled in, so the
    validator reports it as a wrong shape instead of recursing without end.
    """
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, bool):
        return False
    if _depth > _MAX_DEPTH:
        return False
    if isinstance(value, (list, tuple)):
        return all(is_empty(v, _depth + 1) for v in value)
    if isinstance(value, Mapping):
        return all(is_empty(v, _depth + 1) for k, v in value.items() if k != "protected")
    return False


#: The dates a form accepts (core.forms.bounds re-exports them with the other limits).
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2200, 12, 31)


def parse_date(text: Any) -> date | None:
    """A well-formed ÅÅÅÅ-MM-DD string (at most 10 characters) as a date, else None.

    Any year 1-9999 parses; `iso_date` is the bounded reading everyone else uses.
    """
    if not isinstance(text, str) or not text.strip() or len(text) > 32:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        return None


def iso_date(text: Any) -> date | None:
    """A well-formed date within EARLIEST_DATE..LATEST_DATE, else None.

    Format and range errors are the validator's to report; everything that computes with
    dates (rules, the consent lifecycle) reads only what passes here, so a year 9999
    never reaches date arithmetic.
    """
    parsed = parse_date(text)
    if parsed is None or not EARLIEST_DATE <= parsed <= LATEST_DATE:
        return None
    return parsed


def dates_of(f: Field, value: Any) -> list[date]:
    """Every well-formed date a date / date_range / signature value carries."""
    if f.type == "date":
        d = iso_date(value)
        return [d] if d else []
    if f.type == "date_range" and isinstance(value, Mapping):
        return [d for d in (iso_date(value.get("from")), iso_date(value.get("to"))) if d]
    if f.type == "signature" and isinstance(value, list):
        return [d for d in (iso_date(e.get("date")) for e in value if isinstance(e, Mapping)) if d]
    return []


def start_date(f: Field, value: Any) -> date | None:
    """The date a field "starts" on: the date, the range's from, the earliest signature."""
    if f.type == "date_range":
        return iso_date(value.get("from")) if isinstance(value, Mapping) else None
    found = dates_of(f, value)
    return min(found) if found else None


def completed_date(f: Field, value: Any) -> date | None:
    """The date a field is "complete" on: the date, the range's from, the LAST signature.

    A consent signed by two guardians on different days is complete on the later day.
    """
    if f.type == "signature":
        found = dates_of(f, value)
        return max(found) if found else None
    return start_date(f, value)


def is_visible(definition: FormDefinition, f: Field, data: Mapping[str, Any]) -> bool:
    """A field is shown unless its condition fails, or the field it depends on is hidden."""
    seen: set[str] = set()
    current: Field | None = f
    while current is not None and current.condition is not None:
        if current.id in seen:  # cycles are authoring errors; be safe anyway
            return True
        seen.add(current.id)
        cond = current.condition
        if not cond.holds(data.get(cond.field)):
            return False
        try:
            current = definition.field(cond.field)
        except KeyError:
            return True
    return True


def visible_field_ids(definition: FormDefinition, data: Mapping[str, Any]) -> set[str]:
    """Ids of all fields shown for this data (hidden fields are neither validated nor printed)."""
    return {f.id for f in definition.fields() if is_visible(definition, f, data)}


def is_protected(value: Any) -> bool:
    """True when an identity / person_ref value is marked skyddade personuppgifter."""
    return isinstance(value, Mapping) and bool(value.get("protected"))


def address_hidden(f: Field, data: Mapping[str, Any]) -> bool:
    """True when f is the address of a person with protected identity: never show/print it."""
    return bool(f.address_of) and is_protected(data.get(f.address_of or ""))


def display_identity(raw: Any) -> str:
    """The printed form of a stored identity value ("" when empty): one spelling for the
    PDF renderer and the version diff (no parsing: stored values are normalised)."""
    if isinstance(raw, str):
        raw = {"value": raw}
    if not isinstance(raw, Mapping) or is_empty(raw):
        return ""
    kind = raw.get("kind")
    value = str(raw.get("value") or "").strip()
    if kind == "saknas":
        return f"Saknas: {str(raw.get('reason') or '').strip()}"
    if kind == "reservnummer":
        return f"{value} (reservnummer)"
    if len(value) == 12 and value.isdigit():
        return f"{value[:8]}-{value[8:]}"
    return value


PROTECTED_MARK = "[skyddade personuppgifter]"


def masked_identity(raw: Any) -> str:
    """A protected person's identity as the case view shows it: the number masked
    (ÅÅÅÅMMDD-****, or **** for a reservnummer) and marked "[skyddade personuppgifter]";
    an unprotected value is printed as `display_identity`. Why: the working model's
    documents (consents, disclosure records, plans) pass between bodies and are read by
    others than the person; domain.md: a protected person is marked everywhere."""
    shown = display_identity(raw)
    if not is_protected(raw) or not shown:
        return shown
    kind = raw.get("kind")
    value = str(raw.get("value") or "").strip()
    if kind in ("personnummer", "samordningsnummer") and len(value) == 12 and value.isdigit():
        shown = f"{value[:8]}-****"
    elif kind == "reservnummer":
        shown = "****"
    return f"{shown}  {PROTECTED_MARK}"
