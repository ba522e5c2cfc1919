"""Identity numbers: personnummer, samordningsnummer, reservnummer, or none ("saknas").

Why a module of its own: every form, every person lookup and every printed document
depends on one answer to "who is this?". Children in this domain often have no number at
all (an expected child, a newborn before registration, an undocumented child), so "saknas"
with a recorded reason is a first-class kind, not an error.

Personnummer and samordningsnummer are checked (Luhn, real date) by the `personnummer`
package. That package guesses the century of a 10-digit number from the machine's clock;
we never let it: the caller passes the reference date (`today`), we work out the century
ourselves and hand the package the 12-digit form. Stored values are always 12 digits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import Enum

from personnummer import personnummer as _pnr

from oro_desktop.errors import InvalidInput


class IdentityKind(str, Enum):
    """The four ways a person can be identified on a form."""

    PERSONNUMMER = "personnummer"
    SAMORDNINGSNUMMER = "samordningsnummer"
    RESERVNUMMER = "reservnummer"
    SAKNAS = "saknas"

    @property
    def label(self) -> str:
        """Swedish name for screens and print."""
        return _KIND_LABELS[self]


_KIND_LABELS = {
    IdentityKind.PERSONNUMMER: "Personnummer",
    IdentityKind.SAMORDNINGSNUMMER: "Samordningsnummer",
    IdentityKind.RESERVNUMMER: "Reservnummer",
    IdentityKind.SAKNAS: "Identitetsnummer saknas",
}

# YYYYMMDD or YYMMDD, optional separator (- or +), NNN, check digit.
_NUMBER_RE = re.compile(r"^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)$")


@dataclass(frozen=True)
class IdentityNumber:
    """A parsed identity.

    value: 12 digits for personnummer/samordningsnummer, the number as written for a
    reservnummer, "" for saknas. reason: why the number is missing (saknas only).
    """

    kind: IdentityKind
    value: str = ""
    reason: str = ""

    def display(self) -> str:
        """Format for screens and print: YYYYMMDD-NNNC, the reservnummer, or the reason."""
        if self.kind in (IdentityKind.PERSONNUMMER, IdentityKind.SAMORDNINGSNUMMER):
            return f"{self.value[:8]}-{self.value[8:]}"
        if self.kind is IdentityKind.RESERVNUMMER:
            return f"{self.value} (reservnummer)"
        return f"Saknas: {self.reason}"

    def birth_date(self) -> date | None:
        """The date of birth encoded in a personnummer/samordningsnummer, else None."""
        if self.kind not in (IdentityKind.PERSONNUMMER, IdentityKind.SAMORDNINGSNUMMER):
            return None
        day = int(self.value[6:8])
        if self.kind is IdentityKind.SAMORDNINGSNUMMER:
            day -= 60
        return date(int(self.value[:4]), int(self.value[4:6]), day)

    def to_dict(self) -> dict[str, str]:
        """The form-data representation (see core.forms)."""
        out = {"kind": self.kind.value, "value": self.value}
        if self.reason:
            out["reason"] = self.reason
        return out


def _full_year(yy: int, month: int, day: int, plus: bool, today: date) -> int:
    """Century for a 10-digit number: the person is under 100 ('-') or 100+ ('+')."""
    year = today.year - ((today.year - yy) % 100)
    try:
        born = date(year, month, day)
    except ValueError:
        born = None
    if born is not None and born > today:
        year -= 100
    if plus:
        year -= 100
    return year


def parse_number(text: str, today: date) -> IdentityNumber:
    """Parse a personnummer or samordningsnummer (10 or 12 digits, '-'/'+' optional).

    `today` decides the century of a 10-digit number; no hidden clock.
    Raises InvalidInput with a Swedish message.
    """
    raw = (text or "").strip().replace(" ", "")
    if not raw:
        raise InvalidInput("Personnummer saknas.")
    match = _NUMBER_RE.match(raw)
    if not match:
        raise InvalidInput(
            f"”{text}” är inte ett personnummer. Skriv ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN."
        )
    century, yy, mm, dd, sep, num, check = match.groups()
    month, day_raw = int(mm), int(dd)
    coordination = day_raw > 60
    day = day_raw - 60 if coordination else day_raw
    if century:
        full_year = int(century + yy)
    else:
        full_year = _full_year(int(yy), month, day, sep == "+", today)
    twelve = f"{full_year:04d}{mm}{dd}{num}{check}"
    try:
        _pnr.parse(twelve)
    except _pnr.PersonnummerException:
        what = "samordningsnummer" if coordination else "personnummer"
        raise InvalidInput(
            f"”{text}” är inte ett giltigt {what} (fel kontrollsiffra eller datum)."
        ) from None
    kind = IdentityKind.SAMORDNINGSNUMMER if coordination else IdentityKind.PERSONNUMMER
    result = IdentityNumber(kind, twelve)
    if result.birth_date() > today:  # type: ignore[operator]
        raise InvalidInput(f"”{text}” har ett födelsedatum i framtiden.")
    return result


def reservnummer(text: str) -> IdentityNumber:
    """A reservnummer: free format (it differs by region), never Luhn-checked."""
    value = (text or "").strip()
    if not value:
        raise InvalidInput("Reservnummer saknas.")
    return IdentityNumber(IdentityKind.RESERVNUMMER, value)


def missing(reason: str) -> IdentityNumber:
    """No number at all; the reason is mandatory (e.g. "väntat barn", "ej folkbokförd")."""
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput("Ange varför identitetsnummer saknas.")
    return IdentityNumber(IdentityKind.SAKNAS, "", reason)


def parse_identity(
    kind: str | IdentityKind | None, value: str = "", reason: str = "", *, today: date
) -> IdentityNumber:
    """Build an IdentityNumber from the form-data triple (kind, value, reason).

    kind None, "personnummer" or "samordningsnummer": the number decides which of the two
    it is (a samordningsnummer typed as personnummer is accepted and labelled right).
    """
    try:
        k = IdentityKind(kind) if kind else None
    except ValueError:
        raise InvalidInput(f"Okänd typ av identitetsnummer: ”{kind}”.") from None
    if k is IdentityKind.RESERVNUMMER:
        return reservnummer(value)
    if k is IdentityKind.SAKNAS:
        return missing(reason)
    return parse_number(value, today)


def identity_from_data(raw: object, *, today: date) -> IdentityNumber:
    """Parse the stored form-data shape: a dict {kind, value, reason} or a plain string."""
    if isinstance(raw, IdentityNumber):
        return raw
    if isinstance(raw, str):
        return parse_number(raw, today)
    if isinstance(raw, dict):
        return parse_identity(
            raw.get("kind"), str(raw.get("value") or ""), str(raw.get("reason") or ""),
            today=today,
        )
    raise InvalidInput("Identitetsnumret har fel form.")
