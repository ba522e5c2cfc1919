"""The consent lifecycle: status derived from recorded facts and today's date.

Why derived, never stored: "active", "expiring" and "expired" change with the calendar,
not with any action. We store only facts (printed on, signed paper received on/by,
revocation received on/by, declined on/by) and compute the status for a given day, so
a status can never go stale and tests can use fixed dates.

Decisions a clinician would expect (and the reasons):

- A signature may be registered on a draft that was never printed from the app: the
  signed paper in hand is the truth (a blank copy may have been printed earlier); refusing
  would force printing a useless copy. It may not be registered twice, nor on a
  declined/revoked consent.
- The validity period must be set and at most 12 months before a signature is registered,
  and the paper cannot be received before it was signed nor in the future.
- Only a signed consent can be revoked (a draft that was never given is declined or
  discarded), not a declined one, not twice, and not after it already expired (a
  revocation that arrived in time but is registered late carries its real received date).
- Revoked is final: never active again. A new consent is a new draft (`renew`).
- Declined is possible only before a signature is registered.
- Consent per guardian: `guardians` says whether the child has one guardian or two
  (set before the first signature). With two (joint custody, föräldrabalken 6 kap.
  13 §) the consent is "Väntar på den andra vårdnadshavarens underskrift" until the
  other guardian's signature (`second_signed`) is registered too, and never in force
  before that; the same person cannot sign for both (the rule of
  core/barnhalsoteam/guardians.py). Existing consents have one guardian.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from enum import Enum
from typing import Any

from oro_desktop.core.dates import days_left, format_date, last_valid_day
from oro_desktop.core.forms.model import DATE_TYPES, FormDefinition
from oro_desktop.core.forms.values import iso_date
from oro_desktop.errors import InvalidInput

EXPIRING_DAYS = 30


class ConsentStatus(str, Enum):
    DRAFT = "draft"
    PRINTED = "printed"
    SIGNED = "signed"
    ACTIVE = "active"
    EXPIRING = "expiring"
    EXPIRED = "expired"
    REVOKED = "revoked"
    DECLINED = "declined"
    WAITING_OTHER = "waiting_other"

    @property
    def label(self) -> str:
        """Swedish status text for lists and badges."""
        return _LABELS[self]


_LABELS = {
    ConsentStatus.DRAFT: "Utkast",
    ConsentStatus.PRINTED: "Utskrivet, väntar på underskrift",
    ConsentStatus.SIGNED: "Underskrivet, ännu inte giltigt",
    ConsentStatus.ACTIVE: "Giltigt",
    ConsentStatus.EXPIRING: "Går snart ut",
    ConsentStatus.EXPIRED: "Har gått ut",
    ConsentStatus.REVOKED: "Återkallat",
    ConsentStatus.DECLINED: "Avböjt",
    ConsentStatus.WAITING_OTHER: "Väntar på den andra vårdnadshavarens underskrift",
}

#: The statuses that need someone to act (Att göra): renew, get signed, finish, or get
#: the other guardian's signature.
NEEDS_ACTION = frozenset({ConsentStatus.EXPIRING, ConsentStatus.PRINTED, ConsentStatus.DRAFT,
                          ConsentStatus.WAITING_OTHER})


@dataclass(frozen=True)
class Registration:
    """A fact registered by a person: on which date, by whom (user name)."""

    on: date
    by: str


@dataclass(frozen=True)
class SignedPaper:
    """The signed paper was received. signed_on: the (last) signature's date;
    received: when and by whom it was registered; scan_ref: id of an attached scan."""

    signed_on: date
    received: Registration
    scan_ref: str | None = None
    signer: str = ""  # the guardian who signed, as registered ("" before 0008)


@dataclass(frozen=True)
class Consent:
    """One consent: which form (id, version) and data, the validity period, the facts."""

    form_id: str
    form_version: int
    data: Mapping[str, Any] = field(default_factory=dict, hash=False)
    valid_from: date | None = None
    valid_to: date | None = None
    printed_on: date | None = None
    signed: SignedPaper | None = None
    revoked: Registration | None = None
    declined: Registration | None = None
    guardians: int = 1
    second_signed: SignedPaper | None = None

    @property
    def all_signed(self) -> bool:
        """Every guardian's signature registered."""
        return self.signed is not None and (self.guardians == 1
                                             or self.second_signed is not None)


def status(consent: Consent, today: date) -> ConsentStatus:
    """The status on `today`. Revoked and declined win over everything."""
    if consent.revoked is not None:
        return ConsentStatus.REVOKED
    if consent.declined is not None:
        return ConsentStatus.DECLINED
    if consent.signed is None:
        return ConsentStatus.PRINTED if consent.printed_on else ConsentStatus.DRAFT
    if not consent.all_signed:
        return ConsentStatus.WAITING_OTHER
    assert consent.valid_from is not None and consent.valid_to is not None
    if today < consent.valid_from:
        return ConsentStatus.SIGNED
    if today > consent.valid_to:
        return ConsentStatus.EXPIRED
    if days_left(today, consent.valid_to) <= EXPIRING_DAYS:
        return ConsentStatus.EXPIRING
    return ConsentStatus.ACTIVE


def is_in_force(consent: Consent, today: date) -> bool:
    """May information be exchanged under this consent today?"""
    return status(consent, today) in (ConsentStatus.ACTIVE, ConsentStatus.EXPIRING)


def _need_person(by: str) -> str:
    by = (by or "").strip()
    if not by:
        raise InvalidInput("Ange vem som registrerar.")
    return by


def _not_future(day: date, today: date, what: str) -> None:
    if day > today:
        raise InvalidInput(f"{what} kan inte ligga i framtiden ({format_date(day)}).")


def set_validity(consent: Consent, valid_from: date, valid_to: date) -> Consent:
    """Set the period (drafts only), at most 12 months: last day = same day next year - 1."""
    if consent.signed or consent.revoked or consent.declined:
        raise InvalidInput("Giltighetstiden kan bara ändras innan samtycket är underskrivet.")
    if valid_to < valid_from:
        raise InvalidInput("Samtyckets slutdatum ligger före startdatumet.")
    last = last_valid_day(valid_from)
    if valid_to > last:
        raise InvalidInput(
            f"Ett samtycke gäller längst 12 månader: sista giltiga dag är {format_date(last)}."
        )
    return replace(consent, valid_from=valid_from, valid_to=valid_to)


def mark_printed(consent: Consent, on: date) -> Consent:
    """Record that the form was printed for signing (a reprint updates the date)."""
    s = status(consent, on)
    if s not in (ConsentStatus.DRAFT, ConsentStatus.PRINTED):
        raise InvalidInput(f"Samtycket kan inte skrivas ut för underskrift: det är {s.label.lower()}.")
    return replace(consent, printed_on=on)


def set_guardians(consent: Consent, guardians: int) -> Consent:
    """One guardian or two (joint custody): only before the first signature."""
    if guardians not in (1, 2) or isinstance(guardians, bool):
        raise InvalidInput("Ett barn har en eller två vårdnadshavare.")
    if consent.signed is not None and guardians != consent.guardians:
        raise InvalidInput("Antalet vårdnadshavare kan inte ändras efter att en underskrift "
                           "är registrerad. Skapa ett nytt samtycke.")
    return replace(consent, guardians=guardians)


def _fold_name(text: str) -> str:
    return " ".join(text.casefold().split())


def _same_person(a: str, b: str) -> bool:
    return bool(_fold_name(a)) and _fold_name(a) == _fold_name(b)


def register_signature(
    consent: Consent,
    *,
    signed_on: date,
    received_on: date,
    registered_by: str,
    today: date,
    scan_ref: str | None = None,
    signer: str = "",
) -> Consent:
    """Register that a signed paper was received (see module docstring for the rules).

    The first call registers the first guardian's signature; with two guardians the
    second call registers the other's. `signer` is the guardian's name (required with
    two guardians, so that one parent cannot sign for both)."""
    by = _need_person(registered_by)
    signer = " ".join((signer or "").split())
    if len(signer) > 200:
        raise InvalidInput("Vårdnadshavarens namn är för långt (högst 200 tecken).")
    if consent.revoked or consent.declined:
        raise InvalidInput("Samtycket är avböjt eller återkallat. Skapa ett nytt samtycke.")
    if consent.guardians == 2 and not signer:
        raise InvalidInput("Ange vilken vårdnadshavare som har skrivit under.")
    if consent.signed is not None:
        if consent.guardians == 1:
            raise InvalidInput("Barnet har en vårdnadshavare och underskriften är redan "
                               "registrerad.")
        if consent.second_signed is not None:
            raise InvalidInput("Båda vårdnadshavarnas underskrifter är redan registrerade.")
        if _same_person(signer, consent.signed.signer):
            raise InvalidInput("Samma person kan inte skriva under för båda vårdnadshavarna: "
                               "en förälder kan inte samtycka för den andra.")
        _not_future(signed_on, today, "Underskriftsdatum")
        _not_future(received_on, today, "Mottagningsdatum")
        if received_on < signed_on:
            raise InvalidInput("Blanketten kan inte ha tagits emot före underskriften.")
        assert consent.valid_from is not None
        if consent.valid_from < signed_on:
            raise InvalidInput(
                f"Samtycket gäller från {format_date(consent.valid_from)}, före underskriften "
                f"{format_date(signed_on)}. Ändra giltighetstiden.")
        second = SignedPaper(signed_on, Registration(received_on, by), None, signer)
        return replace(consent, second_signed=second)
    if consent.valid_from is None or consent.valid_to is None:
        raise InvalidInput("Ange giltighetstid innan underskriften registreras.")
    set_validity(consent, consent.valid_from, consent.valid_to)  # re-check the 12 months
    _not_future(signed_on, today, "Underskriftsdatum")
    _not_future(received_on, today, "Mottagningsdatum")
    if received_on < signed_on:
        raise InvalidInput("Blanketten kan inte ha tagits emot före underskriften.")
    if consent.valid_from < signed_on:
        raise InvalidInput(
            f"Samtycket gäller från {format_date(consent.valid_from)}, före underskriften "
            f"{format_date(signed_on)}. Ändra giltighetstiden."
        )
    paper = SignedPaper(signed_on, Registration(received_on, by), scan_ref, signer)
    return replace(consent, signed=paper)


def attach_scan(consent: Consent, scan_ref: str) -> Consent:
    """Attach (or replace) the scan of the signed paper."""
    if consent.signed is None:
        raise InvalidInput("Registrera underskriften innan en inskanning bifogas.")
    return replace(consent, signed=replace(consent.signed, scan_ref=scan_ref))


def revoke(consent: Consent, *, received_on: date, registered_by: str, today: date) -> Consent:
    """Register a written revocation received on `received_on`. Final."""
    by = _need_person(registered_by)
    if consent.declined is not None:
        raise InvalidInput("Ett avböjt samtycke kan inte återkallas.")
    if consent.revoked is not None:
        raise InvalidInput("Samtycket är redan återkallat.")
    if consent.signed is None:
        raise InvalidInput("Samtycket är inte underskrivet och kan inte återkallas.")
    _not_future(received_on, today, "Datum för återkallelsen")
    if received_on < consent.signed.signed_on:
        raise InvalidInput("Återkallelsen kan inte ha kommit före underskriften.")
    assert consent.valid_to is not None
    if received_on > consent.valid_to:
        raise InvalidInput(
            f"Samtycket gick ut {format_date(consent.valid_to)} och behöver inte återkallas."
        )
    return replace(consent, revoked=Registration(received_on, by))


def decline(consent: Consent, *, on: date, registered_by: str, today: date) -> Consent:
    """The guardian(s) said no: only before a signature is registered."""
    by = _need_person(registered_by)
    if consent.declined is not None:
        raise InvalidInput("Samtycket är redan registrerat som avböjt.")
    if consent.signed is not None or consent.revoked is not None:
        raise InvalidInput(
            "Samtycket är redan underskrivet. Använd återkallelse om det inte längre gäller."
        )
    _not_future(on, today, "Datum")
    return replace(consent, declined=Registration(on, by))


def renew(
    old: Consent,
    cleared_fields: Iterable[str],
    *,
    form_version: int | None = None,
) -> Consent:
    """A new draft pre-filled from `old`: dates, signatures and all facts cleared.

    `cleared_fields` are the field ids to drop from the data: with a FormDefinition,
    pass `clearable_fields(definition)` (every date, date_range and signature field).
    Pass form_version to fill the newest version of the form instead of the old one.
    """
    cleared = set(cleared_fields)
    data = {k: v for k, v in old.data.items() if k not in cleared}
    return Consent(
        form_id=old.form_id,
        form_version=form_version or old.form_version,
        data=data,
        guardians=old.guardians,
    )


def next_period(old: Consent, today: date) -> tuple[date, date]:
    """The period a renewal proposes: from the day after `old` ends (or today, if it has
    ended, was revoked or has no period), for the longest allowed (12 months)."""
    from datetime import timedelta

    start = today
    if old.valid_to is not None and old.revoked is None and old.declined is None:
        start = max(today, old.valid_to + timedelta(days=1))
    return start, last_valid_day(start)


def clearable_fields(definition: FormDefinition) -> list[str]:
    """Ids of the fields a re-consent must not copy: every date, date range, signature."""
    return [f.id for f in definition.fields() if f.type in DATE_TYPES]


def validity_field(definition: FormDefinition) -> str | None:
    """Id of the date_range bound to the `validity` role (every consent form has one)."""
    found = definition.field_for("validity")
    return found.id if found is not None else None


def validity_from_data(
    definition: FormDefinition, data: Mapping[str, Any]
) -> tuple[date | None, date | None]:
    """(valid_from, valid_to) as filled in the field bound to `validity`, for set_validity.

    None for a date that is missing, malformed or outside the dates a form accepts
    (1900-01-01..2200-12-31, core.forms.bounds): a year-9999 start never reaches the
    12-month arithmetic.
    """
    fid = validity_field(definition)
    value = data.get(fid) if fid else None
    if not isinstance(value, Mapping):
        return None, None
    return iso_date(value.get("from")), iso_date(value.get("to"))
