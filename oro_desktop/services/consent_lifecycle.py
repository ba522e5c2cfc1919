"""The lifecycle steps of a consent after it is filled: printed, signed (with a scan),
revoked, declined. Part of `ConsentService` (see services/consents.py for the rules).

Each step is one transaction that changes the facts and writes one audit entry, then
publishes `Change("consent", uid, "updated")` after the commit.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from oro_desktop.core import consent as lifecycle
from oro_desktop.core.dates import format_date
from oro_desktop.errors import InvalidInput
from oro_desktop.services.consent_base import ConsentBase, scan_view
from oro_desktop.services.consent_views import Scan
from oro_desktop.store.repos import consents as repo
from oro_desktop.store.repos.consents import ConsentRecord

SCAN_TYPES = {"application/pdf", "image/png", "image/jpeg", "image/tiff"}
MAX_SCAN_BYTES = 25 * 1024 * 1024


def check_scan(content: bytes, mime: str) -> None:
    if mime not in SCAN_TYPES:
        raise InvalidInput("Inskanningen måste vara en PDF-, PNG-, JPEG- eller TIFF-fil.")
    if not content:
        raise InvalidInput("Filen är tom.")
    if len(content) > MAX_SCAN_BYTES:
        raise InvalidInput("Filen är för stor (högst 25 MB).")


class ConsentLifecycle(ConsentBase):
    def _change(self, consent_id: int, event: str,
                step: Callable[[ConsentRecord], lifecycle.Consent],
                detail: dict[str, Any] | None = None) -> None:
        """Apply one lifecycle step and audit it once, in one transaction."""
        with self._uow() as uow:
            record = self._record(uow, consent_id)
            changed = step(record)
            repo.update(uow.conn, uow.actor, record.id, changed, child_id=record.child_id)
            uow.audit("update", "consent", record.id, {"event": event, **(detail or {})})
        self._publish([self._consent_change(record)])

    def mark_printed(self, consent_id: int, on: date | None = None) -> None:
        """Record that the form was printed for signing (refused while it has problems)."""
        today = self.today()
        day = on or today

        def step(record: ConsentRecord) -> lifecycle.Consent:
            self._require_complete(record, today, "skrivas ut för underskrift")
            return lifecycle.mark_printed(record.consent, day)
        self._change(consent_id, "printed", step, {"on": format_date(day)})

    def register_signature(self, consent_id: int, *, received_on: date, registered_by: str,
                           signed_on: date | None = None, scan: bytes | None = None,
                           mime: str = "application/pdf", filename: str = "",
                           guardians: int | None = None, signer: str = "") -> None:
        """A signed paper came back: when, who registered it, optionally its scan.

        `guardians` (1 or 2, before the first signature) records whether the child has
        one guardian or two; with two, call once per guardian (`signer`: the guardian's
        name): the consent waits for the other guardian until both are registered."""
        today = self.today()
        if scan is not None:
            check_scan(scan, mime)
        with self._uow() as uow:
            record = self._record(uow, consent_id)
            current = record.consent
            if current.signed is None:
                self._require_complete(record, today, "registreras som underskrivet")
            if guardians is not None:
                current = lifecycle.set_guardians(current, guardians)
            signed = lifecycle.register_signature(
                current, signed_on=signed_on or received_on, received_on=received_on,
                registered_by=registered_by, today=today, signer=signer)
            which = 2 if record.consent.signed is not None else 1
            if scan is not None:
                aid = repo.add_attachment(uow.conn, uow.actor, owner_type="consent",
                                          owner_id=record.id, kind="scan", mime=mime,
                                          filename=filename, content=scan)
                signed = lifecycle.attach_scan(signed, str(aid))
            repo.update(uow.conn, uow.actor, record.id, signed, child_id=record.child_id)
            uow.audit("update", "consent", record.id, {
                "event": "signed", "received_on": format_date(received_on),
                "registered_by": registered_by.strip(), "scan": scan is not None,
                "guardian": which, "guardians": signed.guardians})
        self._publish([self._consent_change(record)])

    def set_guardians(self, consent_id: int, guardians: int) -> None:
        """Record whether the child has one guardian or two (before the first signature)."""
        self._change(consent_id, "guardians", lambda r: lifecycle.set_guardians(
            r.consent, guardians), {"guardians": guardians})

    def attach_scan(self, consent_id: int, content: bytes, mime: str, filename: str = "") -> None:
        """Attach (or replace) the scan of the signed paper, stored encrypted in the file."""
        check_scan(content, mime)
        with self._uow() as uow:
            record = self._record(uow, consent_id)
            if record.consent.signed is None:
                raise InvalidInput("Registrera underskriften innan en inskanning bifogas.")
            aid = repo.add_attachment(uow.conn, uow.actor, owner_type="consent", owner_id=record.id,
                                      kind="scan", mime=mime, filename=filename, content=content)
            repo.update(uow.conn, uow.actor, record.id,
                        lifecycle.attach_scan(record.consent, str(aid)), child_id=record.child_id)
            uow.audit("update", "consent", record.id, {"event": "scan", "attachment": aid,
                                                       "size": len(content)})
        self._publish([self._consent_change(record)])

    def scan(self, consent_id: int) -> Scan | None:
        """The attached scan (audited read), or None."""
        with self._uow() as uow:
            record = self._record(uow, consent_id)
            ref = record.consent.signed.scan_ref if record.consent.signed else None
            if ref is None:
                return None
            uow.audit("read", "consent", record.id, {"attachment": int(ref)})
            return scan_view(repo.get_attachment(uow.conn, int(ref)))

    def revoke(self, consent_id: int, *, received_on: date, registered_by: str) -> None:
        """A written revocation was received: final, never active again."""
        today = self.today()
        self._change(consent_id, "revoked", lambda r: lifecycle.revoke(
            r.consent, received_on=received_on, registered_by=registered_by, today=today),
            {"received_on": format_date(received_on), "registered_by": registered_by.strip()})

    def decline(self, consent_id: int, *, on: date, registered_by: str) -> None:
        """The guardian(s) said no (before any signature was registered)."""
        today = self.today()
        self._change(consent_id, "declined", lambda r: lifecycle.decline(
            r.consent, on=on, registered_by=registered_by, today=today),
            {"on": format_date(on), "registered_by": registered_by.strip()})
