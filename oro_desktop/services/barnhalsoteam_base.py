"""What every part of the barnhälsoteam service shares: the session, the guideline, the
child's consent.

Why a module of its own: BhtService (services/barnhalsoteam.py) is put together from one
class per job (teams and members, meetings, the yearly report, transfer on moving); the
child's barnhälsoteam consent in force on a day is what meetings and transfers both rest
on, so it lives here once, beside the plumbing every part uses.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oro_desktop.core.barnhalsoteam import (
    BhtConsent, BhtGuideline, GuardianSignature, from_form, load_bht_guideline, normalise_uid,
)
from oro_desktop.core.forms import FormLibrary
from oro_desktop.errors import InvalidInput
from oro_desktop.services.changes import Action, Change
from oro_desktop.store import kdf as kdf_mod
from oro_desktop.store.repos import consents as consents_repo
from oro_desktop.store.repos import persons as persons_repo

if TYPE_CHECKING:
    from oro_desktop.services.session import Session

BHT_FORM = "barnhalsoteam-samtycke"
PAYLOAD_KIND = "bht-child"


def canonical(uid: str) -> str:
    """A uid as the stable-id contract writes it (32 lower-case hex, as persons.uid); a
    dashed UUID (shown or exported by a version before migration 0011) is accepted."""
    return normalise_uid(uid, "Posten")


def default_guideline_path(fonts_dir: Path) -> Path:
    return Path(fonts_dir).parent / "guidelines" / "jamtland-barnhalsoteam.yaml"


class BhtServiceBase:
    """The plumbing and the child's consent every part of BhtService uses."""

    def __init__(self, session: Session, library: FormLibrary, *, fonts_dir: Path,
                 guideline_path: Path | None = None,
                 today: Callable[[], date] = date.today,
                 transfer_kdf: kdf_mod.KdfParams = kdf_mod.DEFAULT) -> None:
        self._session = session
        self._library = library
        self._fonts_dir = Path(fonts_dir)
        self._guideline_path = guideline_path or default_guideline_path(self._fonts_dir)
        self._guideline: BhtGuideline | None = None
        self.today = today
        self.transfer_kdf = transfer_kdf

    # -- plumbing -----------------------------------------------------------------------
    def _uow(self) -> Any:
        return self._session.store.unit_of_work(self._session.user.name)

    def _publish(self, kind: str, uid: str, action: Action) -> None:
        self._session.changes.publish(Change(kind, uid, action))

    @property
    def guideline(self) -> BhtGuideline:
        if self._guideline is None:
            self._guideline = load_bht_guideline(self._guideline_path)
        return self._guideline

    # -- the child's consent ------------------------------------------------------------
    def _bht_consents(self, conn: Any, child_uid: str) -> list[BhtConsent]:
        """The child's barnhälsoteam consents (newest first) as the team's rules read them."""
        person = persons_repo.get_by_uid(conn, uuid.UUID(child_uid).hex)
        if person is None:
            return []
        out: list[BhtConsent] = []
        for rec in consents_repo.list_all(conn, child_id=person.id):
            c = rec.consent
            if c.form_id != BHT_FORM:
                continue
            sigs: list[GuardianSignature] = []
            for n, paper in ((1, c.signed), (2, c.second_signed)):
                if paper is not None:
                    sigs.append(GuardianSignature(n, paper.signer or f"Vårdnadshavare {n}",
                                                  paper.signed_on, paper.received.on))
            try:
                out.append(from_form(
                    self._library.get(c.form_id, c.form_version), c.data,
                    uid=canonical(rec.uid), child_uid=child_uid, guardians=c.guardians,
                    signatures=tuple(sigs), revoked_on=c.revoked.on if c.revoked else None))
            except InvalidInput:
                continue  # an incomplete draft is no consent
        return out

    def consent_for(self, child_uid: str, on: date) -> BhtConsent | None:
        """The child's consent in force on `on`, else the newest one (for its reason)."""
        child_uid = canonical(child_uid)
        with self._uow() as uow:
            found = self._bht_consents(uow.conn, child_uid)
        for c in found:
            if c.in_force(on):
                return c
        return found[0] if found else None
