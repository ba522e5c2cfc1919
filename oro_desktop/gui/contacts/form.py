"""What the contact editor's fields mean, without Qt: validation and the entry they make.

The dialog only collects text; this module says, per field and in Swedish, what is wrong
with it, and turns valid text into a `ContactEntry`. Keeping it free of widgets lets the
rules be read (and tested) in one place, and keeps the dialog a thin layout. The final
word is still the loader's validator (`ContactService.save_entry` runs it), so nothing
the shipped files would reject can be stored from the GUI either.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date

from oro_desktop.core.contacts import (
    ContactEntry,
    HoursError,
    OpeningHours,
    Phone,
    Source,
    parse_hours,
)
from oro_desktop.core.collation import swedish_sorted
from oro_desktop.core.contacts.kinds import KIND_SYNONYMS
from oro_desktop.core.contacts.text import normalise

#: Shown as the placeholder of the hours field and in its error messages.
HOURS_EXAMPLE = "mån–tors 8.00–16.00, fre 8.00–15.00"
#: The municipality choice that means "the whole region" (municipality None).
WHOLE_REGION = "Hela regionen (ingen kommun)"
#: The source of an entry a clinic adds itself (the guideline did not give it).
LOCAL_SOURCE = "Lokal uppgift, tillagd av enheten i oro_desktop"

# The loader's rule for an address (core/contacts/loader.py); repeated so the field can
# say which address is wrong before the whole entry is validated.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_SLUG = re.compile(r"[^a-z0-9]+")

# Field names, used as keys of the error mapping and as object names in the dialog.
ORGANISATION, UNIT, KIND, REGION, MUNICIPALITY = "organisation", "unit", "kind", "region", "municipality"
PHONES, EMAILS, HOURS, NOTES, VERIFIED = "phones", "emails", "hours", "notes", "verified"


@dataclass
class EditorValues:
    """The editor's fields as typed; `phones` holds (number, label) pairs."""

    organisation: str = ""
    unit: str = ""
    kind: str = ""
    region: str = ""
    municipality: str = ""
    phones: list[tuple[str, str]] = field(default_factory=list)
    emails: str = ""
    hours: str = ""
    notes: str = ""
    verified: date | None = None
    checked_today: bool = False


def values_to_payload(values: EditorValues) -> dict:
    """The fields as JSON-ready data, for a draft in the encrypted store."""
    return {
        "organisation": values.organisation, "unit": values.unit, "kind": values.kind,
        "region": values.region, "municipality": values.municipality,
        "phones": [list(p) for p in values.phones], "emails": values.emails,
        "hours": values.hours, "notes": values.notes,
        "verified": values.verified.isoformat() if values.verified else None,
        "checked_today": values.checked_today,
    }


def values_from_payload(data: dict) -> EditorValues:
    """Fields back from a draft; anything unreadable falls back to empty (a draft is a
    convenience, never a reason to refuse opening the editor)."""
    def text(key: str) -> str:
        value = data.get(key, "")
        return value if isinstance(value, str) else ""

    phones = [
        (str(p[0]), str(p[1])) for p in data.get("phones") or []
        if isinstance(p, (list, tuple)) and len(p) == 2
    ]
    try:
        verified = date.fromisoformat(data["verified"]) if data.get("verified") else None
    except (TypeError, ValueError):
        verified = None
    return EditorValues(
        organisation=text("organisation"), unit=text("unit"), kind=text("kind"),
        region=text("region"), municipality=text("municipality"), phones=phones,
        emails=text("emails"), hours=text("hours"), notes=text("notes"), verified=verified,
        checked_today=data.get("checked_today") is True,
    )


def known_kinds(entries: list[ContactEntry]) -> list[str]:
    """The canonical kinds and every kind already used in the directory, sorted."""
    return swedish_sorted({*KIND_SYNONYMS, *(e.kind for e in entries)})


def split_emails(text: str) -> list[str]:
    """"a@x.se, b@y.se" or one address per ';' or space: the addresses typed."""
    return [part for part in re.split(r"[,;\s]+", text.strip()) if part]


def parse_hours_field(text: str) -> OpeningHours | None:
    """None for an empty field (hours not given); raises HoursError otherwise."""
    if not text.strip():
        return None
    return parse_hours(text)


def values_from_entry(entry: ContactEntry) -> EditorValues:
    """The fields of the editor filled from an existing entry."""
    return EditorValues(
        organisation=entry.organisation,
        unit=entry.unit,
        kind=entry.kind,
        region=entry.region,
        municipality=entry.municipality or WHOLE_REGION,
        phones=[(p.number, p.label) for p in entry.phones],
        emails=", ".join(entry.emails),
        hours=entry.hours.text if entry.hours is not None else "",
        notes=entry.notes,
        verified=entry.verified,
    )


def field_errors(values: EditorValues, *, today: date, needs_route: bool = True) -> dict[str, str]:
    """Swedish problems keyed by field name; empty when the fields make a valid entry.

    `needs_route`: a new or ordinary entry must give a phone number or an e-mail address
    (an entry nobody can reach helps nobody); an entry the guideline marks "fylls i
    lokalt" may stay without one.
    """
    errors: dict[str, str] = {}
    if not values.organisation.strip():
        errors[ORGANISATION] = "Ange organisationen, t.ex. ”Växjö kommun”."
    if not values.kind.strip():
        errors[KIND] = "Välj eller skriv vilken sorts verksamhet det är."
    if not values.region.strip():
        errors[REGION] = "Välj eller skriv en region."
    for position, (number, label) in enumerate(values.phones, start=1):
        number, label = number.strip(), label.strip()
        if not number and not label:
            continue  # an empty row is ignored
        if not number:
            errors[PHONES] = f"Telefon {position}: skriv numret till ”{label}”."
        elif not re.search(r"\d", number):
            errors[PHONES] = f"Telefon {position}: numret ”{number}” innehåller inga siffror."
        if PHONES in errors:
            break
    for address in split_emails(values.emails):
        if not _EMAIL.match(address):
            errors[EMAILS] = f"”{address}” är ingen giltig e-postadress (t.ex. namn@kommun.se)."
            break
    try:
        parse_hours_field(values.hours)
    except HoursError as exc:
        errors[HOURS] = f"{exc}. Skriv t.ex. ”{HOURS_EXAMPLE}” eller ”dygnet runt”."
    if values.verified is None:
        errors[VERIFIED] = "Ange när uppgifterna senast kontrollerades."
    elif values.verified > today:
        errors[VERIFIED] = "Kontrolldatum kan inte ligga i framtiden."
    if needs_route and PHONES not in errors and EMAILS not in errors:
        if not _phones(values) and not split_emails(values.emails):
            errors[PHONES] = "Ange minst ett telefonnummer eller en e-postadress."
    return errors


def _phones(values: EditorValues) -> tuple[Phone, ...]:
    return tuple(
        Phone(number.strip(), label.strip()) for number, label in values.phones if number.strip()
    )


def slug(text: str) -> str:
    """"Växjö kommun – BVC" -> "vaxjo-kommun-bvc": the id parts the loader accepts."""
    return _SLUG.sub("-", normalise(text)).strip("-") or "kontakt"


def new_entry_id(values: EditorValues, taken: Callable[[str], bool]) -> str:
    """A fresh id "<region>/lokal/<organisation-unit>" that `taken` does not know."""
    base = f"{slug(values.region)}/lokal/{slug(f'{values.organisation} {values.unit}')}"
    candidate, number = base, 1
    while taken(candidate):
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def build_entry(
    values: EditorValues,
    *,
    base: ContactEntry | None,
    entry_id: str,
    actor: str,
    today: date,
) -> ContactEntry:
    """The entry the fields describe; fields the editor does not show keep `base`'s value.

    Call only when `field_errors` is empty. Confirming the check ("kontrollerade idag")
    sets the verified date to `today` and replaces the verification note, because a
    shipped note such as "numren är inte kontrollerade" is no longer true.
    """
    municipality = values.municipality.strip()
    verified = today if values.checked_today else values.verified
    assert verified is not None
    note = base.verification_note if base is not None else ""
    if values.checked_today:
        who = f" av {actor}" if actor else ""
        note = f"Kontrollerad lokalt{who} {today.isoformat()}."
    common = dict(
        region=values.region.strip(),
        organisation=values.organisation.strip(),
        unit=values.unit.strip(),
        kind=values.kind.strip(),
        municipality=None if municipality in ("", WHOLE_REGION) else municipality,
        phones=_phones(values),
        emails=tuple(split_emails(values.emails)),
        hours=parse_hours_field(values.hours),
        notes=values.notes.strip(),
        verified=verified,
        verification_note=note,
    )
    if base is not None:
        return replace(base, **common)
    return ContactEntry(id=entry_id, source=Source(guideline=LOCAL_SOURCE), **common)
