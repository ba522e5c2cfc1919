"""Drafts: where form widgets autosave, so a crash or an auto-lock loses nothing typed.

Drafts are per user (another person signing in at the same workstation does not see
them). Autosave calls `save` on every pause in typing; logging each of those would
bury the audit log, so only a draft's creation and its deletion are audited, not every
save of it. Loading one's own draft is not audited either: it is the user's own unsaved
input, and the filled form it becomes is audited by the forms service.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from oro_desktop.errors import InvalidInput
from oro_desktop.services.changes import Change
from oro_desktop.store.errors import NotFound
from oro_desktop.store.repos import consents as consents_repo
from oro_desktop.store.repos import drafts as repo

if TYPE_CHECKING:
    from oro_desktop.services.session import Session

__all__ = ["DraftService", "Draft", "discard_consent_draft", "NOT_A_DRAFT"]

NOT_A_DRAFT = ("Bara ett utkast som inte har skrivits ut kan tas bort. Ett utskrivet samtycke "
               "registreras i stället som avböjt. Inget har ändrats.")


@dataclass(frozen=True)
class Draft:
    """One of the user's drafts as the GUI sees it (the store's row stops here)."""

    key: str
    kind: str
    payload: dict[str, Any]
    created_at: str
    updated_at: str


class DraftService:
    """`session.drafts`: save(key, kind, payload) / load(key) / delete(key) / list(kind)."""

    def __init__(self, session: "Session") -> None:
        self._session = session

    def save(self, key: str, kind: str, payload: dict[str, Any]) -> None:
        """Insert or replace the draft `key`; payload must be JSON-serialisable."""
        user = self._session.user.name
        with self._session.store.unit_of_work(user) as uow:
            if repo.save(uow.conn, user, key, kind, payload):
                uow.audit("create", "draft", key, {"kind": kind})

    def load(self, key: str) -> dict[str, Any] | None:
        """The payload of the draft `key`, or None."""
        user = self._session.user.name
        with self._session.store.unit_of_work(user) as uow:
            row = repo.load(uow.conn, user, key)
        return row.payload if row else None

    def delete(self, key: str) -> None:
        """Remove the draft (e.g. once its form was saved); a missing draft is fine."""
        user = self._session.user.name
        with self._session.store.unit_of_work(user) as uow:
            if repo.delete(uow.conn, user, key):
                uow.audit("delete", "draft", key)

    def list(self, kind: str | None = None) -> list[Draft]:
        """This user's drafts, most recently saved first (service values, not store rows)."""
        user = self._session.user.name
        with self._session.store.unit_of_work(user) as uow:
            rows = repo.list_for(uow.conn, user, kind)
        return [Draft(r.key, r.kind, dict(r.payload), r.created_at, r.updated_at) for r in rows]


def discard_consent_draft(session: "Session", consent_id: int) -> None:
    """Delete a consent started by mistake, while it is still an unprinted draft (issue 13).

    Why only then: once printed, the paper may be with a guardian, and the record must
    show what became of it (declined, signed). Deleting is audited (`delete consent`,
    with the form and who created it), the autosaved input of the editor goes with it,
    and the list hears of it on the change stream. The filled form's versions stay in
    the encrypted file: they are append-only by design (store migration 0004).
    """
    user = session.user.name
    with session.store.unit_of_work(user) as uow:
        record = consents_repo.get(uow.conn, int(consent_id))
        if record is None:
            raise NotFound("Samtycket finns inte.")
        if not consents_repo.delete_draft(uow.conn, record.id):
            raise InvalidInput(NOT_A_DRAFT)
        repo.delete(uow.conn, user, f"consent:{record.id}")
        uow.audit("delete", "consent", record.id,
                  {"status": "draft", "form_id": record.consent.form_id,
                   "created_by": record.created_by})
    session.changes.publish(Change("consent", record.uid, "deleted"))
