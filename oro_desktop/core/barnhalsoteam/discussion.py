"""A child discussed at the individual level: de-identified, or identified with consent.

Guideline 2.5: a case may be discussed "antingen avidentifierat eller vid behov
identifierat (samtycke krävs då från vårdnadshavare, bilaga 1)". The rule the app holds:
identified only when the child has a consent in force on the meeting date whose ticked
boxes cover every organisation present; otherwise refused, saying why and offering the
de-identified way.

The two shapes are two types, so the rule lives in the type and not in a caller's memory:
`DeidentifiedDiscussion` has no field that could hold an identity (no child id, no
consent, no name) and refuses a summary holding an identity number, a phone number or an
e-mail address; `IdentifiedDiscussion` carries the consent it rests on, and a Meeting
re-checks it against its own date and attendees when it is built.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from oro_desktop.core.barnhalsoteam._bounds import MAX_TEXT, bounded, check_uid
from oro_desktop.core.barnhalsoteam.consent import BhtConsent
from oro_desktop.core.barnhalsoteam.roles import PARTY_OF_ROLE, check_role
from oro_desktop.core.dates import format_date
from oro_desktop.errors import InvalidInput

DEIDENTIFIED_OFFER = (
    "Barnet kan i stället diskuteras avidentifierat: beskriv frågan utan namn, "
    "personnummer eller annat som kan identifiera barnet."
)

_IDENTITY_RE = re.compile(r"(?<!\d)(\d{2})?\d{6}\s?[-+]?\s?\d{4}(?!\d)")
_PHONE_RE = re.compile(r"(?<![\d])\+?\d[\d \-]{6,}\d(?![\d])")
_DATE_RE = re.compile(r"\d{4}-\d{2}-\d{2}")
_EMAIL_RE = re.compile(r"[^\s@]+@[^\s@]+\.[^\s@]+")


class IdentificationRefused(InvalidInput):
    """An identified discussion the rule does not allow (message: reasons + offer)."""

    def __init__(self, reasons: tuple[str, ...]) -> None:
        self.reasons = reasons
        super().__init__(" ".join(reasons + (DEIDENTIFIED_OFFER,)))


@dataclass(frozen=True)
class IdentificationCheck:
    allowed: bool
    reasons: tuple[str, ...] = ()

    @property
    def message(self) -> str:
        """The Swedish text to show when refused (why, and the de-identified way)."""
        return "" if self.allowed else " ".join(self.reasons + (DEIDENTIFIED_OFFER,))


def parties_present(roles: Iterable[str]) -> tuple[str | None, ...]:
    """The consent box of each role present (None: a role no box covers)."""
    return tuple(PARTY_OF_ROLE[check_role(r)] for r in roles)


def check_identification(consent: BhtConsent | None, meeting_date: date,
                         roles_present: Iterable[str], child_uid: str = "") -> IdentificationCheck:
    """May the child be discussed by name at a meeting on `meeting_date` with these roles?"""
    if consent is None:
        return IdentificationCheck(False, (
            "Barnet kan inte diskuteras identifierat: det finns inget samtycke från "
            "vårdnadshavarna (riktlinjen 2.5, bilaga 1).",))
    reasons: list[str] = []
    if child_uid and consent.child_uid != child_uid:
        reasons.append("Samtycket gäller ett annat barn.")
    why = consent.why_not_in_force(meeting_date)
    if why:
        reasons.append(f"Barnet kan inte diskuteras identifierat {format_date(meeting_date)}: {why}")
    missing = consent.uncovered(parties_present(roles_present))
    if missing:
        reasons.append("Samtycket täcker inte alla som deltar: "
                       f"{', '.join(missing)} är inte markerad på samtycket.")
    return IdentificationCheck(not reasons, tuple(reasons))


def _looks_like_phone(text: str) -> bool:
    """A run of at least 8 digits (spaces and dashes allowed) that is not a date."""
    for match in _PHONE_RE.finditer(text):
        run = match.group(0)
        rest = _DATE_RE.sub("", run)
        if sum(c.isdigit() for c in rest) >= 8:
            return True
    return False


def _no_identifiers(text: str) -> None:
    if _IDENTITY_RE.search(text) or _looks_like_phone(text) or _EMAIL_RE.search(text):
        raise InvalidInput(
            "En avidentifierad diskussion får inte innehålla personnummer, telefonnummer "
            "eller e-postadress. Skriv frågan utan det som kan identifiera barnet.")


@dataclass(frozen=True)
class DeidentifiedDiscussion:
    """A case without the child's identity: only the question, and at most the age."""

    summary: str
    age_years: int | None = None
    identified: ClassVar[bool] = False

    def __post_init__(self) -> None:
        bounded(self.summary, "Beskrivningen", MAX_TEXT, required=True)
        _no_identifiers(self.summary)
        if self.age_years is not None and (
                isinstance(self.age_years, bool) or not 0 <= self.age_years <= 7):
            raise InvalidInput("Ålder ska vara 0–7 år (barnhälsoteam gäller barn 1–6 år).")


@dataclass(frozen=True)
class IdentifiedDiscussion:
    """A named child (by stable id), resting on `consent`; checked against a meeting by
    `for_meeting` and again by the Meeting that holds it."""

    child_uid: str
    consent: BhtConsent
    summary: str
    identified: ClassVar[bool] = True

    def __post_init__(self) -> None:
        check_uid(self.child_uid, "Barnet")
        bounded(self.summary, "Beskrivningen", MAX_TEXT, required=True)

    def check(self, meeting_date: date, roles_present: Iterable[str]) -> IdentificationCheck:
        return check_identification(self.consent, meeting_date, roles_present, self.child_uid)

    @classmethod
    def for_meeting(cls, child_uid: str, consent: BhtConsent | None, summary: str, *,
                    meeting_date: date, roles_present: Iterable[str]) -> IdentifiedDiscussion:
        """The discussion if the rule allows it; IdentificationRefused (Swedish) if not."""
        result = check_identification(consent, meeting_date, roles_present, child_uid)
        if not result.allowed or consent is None:
            raise IdentificationRefused(result.reasons)
        return cls(child_uid, consent, summary)


ChildDiscussion = DeidentifiedDiscussion | IdentifiedDiscussion
