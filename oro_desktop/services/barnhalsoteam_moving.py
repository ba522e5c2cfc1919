"""Transfer on moving: a child's barnhälsoteam material to the team of the new home.

Why a module of its own: a transfer file is written only when the consent says Ja and is
in force (core/barnhalsoteam/transfer_rule.py); its passphrase is returned once and
stored nowhere; an import keeps the records' uids, and a package imported once is
refused the second time. That is this part of BhtService (services/barnhalsoteam.py);
the payload itself is built and applied by services/barnhalsoteam_transfer.py.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from oro_desktop.core.barnhalsoteam import may_export
from oro_desktop.errors import InvalidInput
from oro_desktop.services.barnhalsoteam_base import BhtServiceBase, canonical
from oro_desktop.services.barnhalsoteam_transfer import ImportResult as Imported
from oro_desktop.store import transfer
from oro_desktop.store.repos import barnhalsoteam as repo


@dataclass(frozen=True)
class Exported:
    passphrase: str  # show once; stored nowhere
    package_id: str
    meetings: int
    topics: int


class BhtMoving(BhtServiceBase):
    """Transfer on moving, the part of BhtService; see services/barnhalsoteam.py."""

    def may_export(self, child_uid: str) -> tuple[bool, str]:
        verdict = may_export(self.consent_for(child_uid, self.today()), self.today())
        return verdict.allowed, verdict.reason

    def export_transfer(self, child_uid: str, out: Path) -> Exported:
        """Write the child's material to `out`, encrypted, if the consent allows it."""
        from oro_desktop.services.barnhalsoteam_transfer import build_payload

        from oro_desktop.services import inputs

        child_uid = canonical(child_uid)
        today = self.today()
        verdict = may_export(self.consent_for(child_uid, today), today)
        if not verdict.allowed:
            raise InvalidInput(verdict.reason)
        out = inputs.check_output_path(Path(out), "Överföringsfilen")
        with self._uow() as uow:
            payload, n_meetings, n_topics = build_payload(uow.conn, child_uid, today)
            passphrase, package_id = transfer.write_transfer(
                Path(out), payload, created=today, kdf=self.transfer_kdf)
            uow.audit("export", "bht_transfer", package_id, {
                "child": child_uid, "meetings": n_meetings, "topics": n_topics})
        return Exported(passphrase, package_id, n_meetings, n_topics)

    def import_transfer(self, path: Path, passphrase: str) -> Imported:
        """Import a transfer file; nothing is written unless all of it is (one transaction)."""
        from oro_desktop.services.barnhalsoteam_transfer import apply_payload

        from oro_desktop.services import inputs

        # A directory, a FIFO, a missing or too large file: one Swedish line, nothing read.
        data = inputs.read_file(Path(path), "Överföringsfilen", max_bytes=transfer.MAX_FILE_BYTES)
        with self._uow() as uow:
            try:
                header, payload = transfer.open_sealed(
                    data, passphrase, already_imported=repo.imported_packages(uow.conn))
            except transfer.TransferError as exc:
                raise InvalidInput(str(exc)) from None
            result = apply_payload(uow.conn, uow.actor, header.package_id, payload)
            repo.record_import(uow.conn, uow.actor, header.package_id, header.created,
                               result.child_uid)
            uow.audit("import", "bht_transfer", header.package_id, {
                "child": result.child_uid, "meetings": result.meetings,
                "topics": result.topics, "unchanged": result.unchanged})
        self._publish("meeting", "", "created")
        return result
