"""Drafts: where form widgets autosave, so a crash or an auto-lock loses nothing typed.

Drafts are per user (another person signing in at the same workstation does not see
them). Autosave calls `save` on every pause in typing; logging each of those would
bury the audit log, so only a draft's creation and its deletion are audited, not every
save of it. Loading one's own draft is not audited either: it is the user's own unsaved
input, and the filled form it becomes is audited by the forms service.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from oro_desktop.store.repos import drafts as repo
from oro_desktop.store.repos.drafts import DraftRow

if TYPE_CHECKING:
    from oro_desktop.services.session import Session

__all__ = ["DraftService", "DraftRow"]


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

    def list(self, kind: str | None = None) -> list[DraftRow]:
        """This user's drafts, most recently saved first."""
        user = self._session.user.name
        with self._session.store.unit_of_work(user) as uow:
            return repo.list_for(uow.conn, user, kind)
