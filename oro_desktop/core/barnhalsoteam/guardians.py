"""Consent per guardian: the barnhälsoteam consent is in force only when every guardian
has signed.

Why a module of its own (and not core/consent.py): with joint custody both guardians
decide together (föräldrabalken 6 kap. 13 §), so one signature out of two is not a
consent; the existing lifecycle knows a single "signed paper" and is mirrored in SQL by
another part of the app. This is the per-guardian rule as a pure function of recorded
facts and a date, for the lead to wire in: the status on a day is derived, never stored.

A signature counts from the day it was registered (the signed paper was received), not
the day written on it: until the paper is in hand nobody may act on it. A written
revocation by either guardian ends the consent (it no longer has both guardians behind
it) from the day it was received.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import Enum

from oro_desktop.core.barnhalsoteam._bounds import MAX_NAME, bounded
from oro_desktop.core.dates import format_date
from oro_desktop.errors import InvalidInput

WAITING_FOR_OTHER = "Väntar på den andra vårdnadshavarens underskrift"


class GuardianConsentStatus(str, Enum):
    WAITING = "waiting"              # no guardian's signature registered yet
    WAITING_FOR_OTHER = "waiting_for_other"
    NOT_YET_VALID = "not_yet_valid"  # all signed, the period has not begun
    IN_FORCE = "in_force"
    EXPIRED = "expired"
    REVOKED = "revoked"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    GuardianConsentStatus.WAITING: "Väntar på underskrift",
    GuardianConsentStatus.WAITING_FOR_OTHER: WAITING_FOR_OTHER,
    GuardianConsentStatus.NOT_YET_VALID: "Underskrivet, ännu inte giltigt",
    GuardianConsentStatus.IN_FORCE: "Giltigt",
    GuardianConsentStatus.EXPIRED: "Har gått ut",
    GuardianConsentStatus.REVOKED: "Återkallat",
}


@dataclass(frozen=True)
class GuardianSignature:
    """One guardian's signature: which guardian (1 or 2), the name, the date written on
    the paper, and the day the signed paper was registered as received."""

    guardian: int
    name: str
    signed_on: date
    registered_on: date

    def __post_init__(self) -> None:
        if self.guardian not in (1, 2):
            raise InvalidInput("Vårdnadshavare ska vara nummer 1 eller 2.")
        bounded(self.name, "Vårdnadshavarens namn", MAX_NAME, required=True)
        if self.registered_on < self.signed_on:
            raise InvalidInput("Blanketten kan inte ha tagits emot före underskriften.")


def _person(name: str) -> str:
    return " ".join(unicodedata.normalize("NFC", name).casefold().split())


def check_signatures(guardians: int, signatures: Iterable[GuardianSignature]) -> None:
    """Refuse signatures that cannot belong to this child's guardians (Swedish)."""
    if guardians not in (1, 2):
        raise InvalidInput("Ett barn har en eller två vårdnadshavare.")
    seen: dict[int, str] = {}
    for sig in signatures:
        if sig.guardian > guardians:
            raise InvalidInput(
                "Barnet har en vårdnadshavare: en andra underskrift kan inte registreras.")
        if sig.guardian in seen:
            raise InvalidInput(
                f"Vårdnadshavare {sig.guardian}s underskrift är redan registrerad.")
        if _person(sig.name) in seen.values():
            raise InvalidInput(
                "Samma person kan inte skriva under för båda vårdnadshavarna: "
                "en förälder kan inte samtycka för den andra.")
        seen[sig.guardian] = _person(sig.name)


def signed_by(signatures: Iterable[GuardianSignature], on: date) -> frozenset[int]:
    """The guardians (1, 2) whose signed paper was registered on or before `on`."""
    return frozenset(s.guardian for s in signatures if s.registered_on <= on)


def guardian_status(
    *,
    guardians: int,
    signatures: Iterable[GuardianSignature],
    valid_from: date,
    valid_to: date,
    on: date,
    revoked_on: date | None = None,
) -> GuardianConsentStatus:
    """The status on `on` (see the module docstring). Revoked wins over everything."""
    sigs = tuple(signatures)
    check_signatures(guardians, sigs)
    if revoked_on is not None and revoked_on <= on:
        return GuardianConsentStatus.REVOKED
    have = signed_by(sigs, on)
    if not have:
        return GuardianConsentStatus.WAITING
    if len(have) < guardians:
        return GuardianConsentStatus.WAITING_FOR_OTHER
    if on < valid_from:
        return GuardianConsentStatus.NOT_YET_VALID
    if on > valid_to:
        return GuardianConsentStatus.EXPIRED
    return GuardianConsentStatus.IN_FORCE


def not_in_force_reason(status: GuardianConsentStatus, *, valid_from: date, valid_to: date,
                        revoked_on: date | None) -> str:
    """Why a consent with this status cannot be acted on, in one Swedish sentence."""
    if status is GuardianConsentStatus.REVOKED:
        return f"Samtycket återkallades {format_date(revoked_on)}."
    if status is GuardianConsentStatus.WAITING:
        return "Samtycket är inte underskrivet: ingen vårdnadshavares underskrift är registrerad."
    if status is GuardianConsentStatus.WAITING_FOR_OTHER:
        return (f"Samtycket gäller inte ännu: {WAITING_FOR_OTHER.lower()} "
                "(vid gemensam vårdnad bestämmer vårdnadshavarna tillsammans, "
                "föräldrabalken 6 kap. 13 §).")
    if status is GuardianConsentStatus.NOT_YET_VALID:
        return f"Samtycket gäller först från {format_date(valid_from)}."
    if status is GuardianConsentStatus.EXPIRED:
        return f"Samtycket gick ut {format_date(valid_to)}."
    return ""
