"""A child's barnhälsoteam consent (bilaga 1) as the team's rules read it.

Why a small type of its own: the rules of this package need four facts of a consent -
which boxes are ticked (`parties`), the period (at most 12 months), every guardian's
signature, the answer to transfer on moving - and whether it was revoked. `from_form`
reads them from a filled bilaga 1 through the fields' `binds:` roles (never by position),
so a later version of the form works unchanged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from oro_desktop.core.barnhalsoteam._bounds import check_uid
from oro_desktop.core.barnhalsoteam.guardians import (
    GuardianConsentStatus, GuardianSignature, check_signatures, guardian_status,
    not_in_force_reason,
)
from oro_desktop.core.barnhalsoteam.roles import PARTIES, party_label
from oro_desktop.core.dates import format_date, last_valid_day, within_validity
from oro_desktop.core.forms.model import FormDefinition
from oro_desktop.core.forms.values import iso_date
from oro_desktop.errors import InvalidInput


@dataclass(frozen=True)
class BhtConsent:
    uid: str
    child_uid: str
    parties: frozenset[str]
    valid_from: date
    valid_to: date
    guardians: int
    signatures: tuple[GuardianSignature, ...] = ()
    transfer_on_move: bool | None = None
    revoked_on: date | None = None

    def __post_init__(self) -> None:
        check_uid(self.uid, "Samtycket")
        check_uid(self.child_uid, "Barnet")
        unknown = sorted(set(self.parties) - set(PARTIES))
        if unknown:
            raise InvalidInput(f"Okänd verksamhet på samtycket: {', '.join(unknown)}.")
        if not self.parties:
            raise InvalidInput("Samtycket har ingen markerad verksamhet.")
        if not within_validity(self.valid_from, self.valid_to):
            raise InvalidInput(
                f"Ett samtycke gäller längst 12 månader: {format_date(self.valid_from)}–"
                f"{format_date(self.valid_to)} går inte.")
        check_signatures(self.guardians, self.signatures)

    def status(self, on: date) -> GuardianConsentStatus:
        return guardian_status(guardians=self.guardians, signatures=self.signatures,
                               valid_from=self.valid_from, valid_to=self.valid_to, on=on,
                               revoked_on=self.revoked_on)

    def in_force(self, on: date) -> bool:
        return self.status(on) is GuardianConsentStatus.IN_FORCE

    def why_not_in_force(self, on: date) -> str:
        """"" when in force on `on`, else the Swedish reason."""
        return not_in_force_reason(self.status(on), valid_from=self.valid_from,
                                   valid_to=self.valid_to, revoked_on=self.revoked_on)

    def uncovered(self, parties: Iterable[str | None]) -> list[str]:
        """Labels of the organisations in `parties` that the consent's boxes do not cover
        (None: an organisation the form has no box for)."""
        out: list[str] = []
        for party in parties:
            if party is None or party not in self.parties:
                label = "en verksamhet som blanketten saknar ruta för" if party is None \
                    else party_label(party)
                if label not in out:
                    out.append(label)
        return out


def renewal_period(consent: BhtConsent, today: date) -> tuple[date, date]:
    """The period a renewal proposes: from the day after this one ends (or today, if it
    has already ended or was revoked), for the longest the guideline allows (12 months)."""
    start = consent.valid_to + timedelta(days=1)
    if consent.revoked_on is not None or start < today:
        start = today
    return start, last_valid_day(start)


def from_form(
    definition: FormDefinition, data: Mapping[str, Any], *, uid: str, child_uid: str,
    guardians: int, signatures: tuple[GuardianSignature, ...] = (),
    revoked_on: date | None = None,
) -> BhtConsent:
    """The consent from a filled form, through its `parties`, `validity` and
    `transfer_on_move` roles. The signatures are the registrations (per guardian), not
    the names typed on the form: a name on a draft is not a signature."""
    parties_field = definition.field_for("parties")
    validity_field = definition.field_for("validity")
    transfer_field = definition.field_for("transfer_on_move")
    if parties_field is None or validity_field is None:
        raise InvalidInput(f"Formuläret {definition.id} är inget barnhälsoteamssamtycke.")
    ticked = data.get(parties_field.id)
    if not isinstance(ticked, list) or not all(isinstance(p, str) for p in ticked):
        raise InvalidInput("Samtycket har ingen markerad verksamhet.")
    period = data.get(validity_field.id)
    start = iso_date(period.get("from")) if isinstance(period, Mapping) else None
    end = iso_date(period.get("to")) if isinstance(period, Mapping) else None
    if start is None or end is None:
        raise InvalidInput("Samtyckets giltighetstid saknas.")
    transfer = data.get(transfer_field.id) if transfer_field is not None else None
    return BhtConsent(
        uid=uid, child_uid=child_uid, parties=frozenset(ticked), valid_from=start,
        valid_to=end, guardians=guardians, signatures=signatures,
        transfer_on_move=transfer if isinstance(transfer, bool) else None,
        revoked_on=revoked_on,
    )
