"""Where the contact directory's local changes live: the provider protocol and the store.

Why a module of its own: ContactService (services/contacts.py) reads local changes
through `OverridesProvider`, so tests hand it an in-memory one and the CLI without a
store none at all; `StoreOverrides` is the encrypted store's, where every write and its
audit row commit together.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from oro_desktop.core.contacts import Override
from oro_desktop.errors import OroError
from oro_desktop.store.repos import contacts as contacts_repo


class ReadOnlyDirectory(OroError):
    """A local change was asked for without an unlocked store."""

    exit_code = 2


class OverridesProvider(Protocol):
    """Where local changes live and who makes them; the store implements it.

    Every write is one transaction that also writes its audit row.
    """

    @property
    def actor(self) -> str: ...

    @property
    def is_admin(self) -> bool: ...

    def load(self) -> list[Override]: ...

    def save(self, override: Override, *, action: str, detail: dict[str, Any]) -> None: ...

    def remove(self, entry_id: str) -> None: ...

    def import_overrides(self, overrides: list[Override], *, detail: dict[str, Any]) -> None: ...

    def record_export(self, detail: dict[str, Any]) -> None: ...


class StoreOverrides:
    """Overrides in the encrypted store; each write and its audit row commit together."""

    RECORD_TYPE = "contact"

    def __init__(self, session: Any) -> None:
        self._session = session
        self.problems: list[str] = []

    @staticmethod
    def supported(session: Any) -> bool:
        """True when the session's store has the overrides table (migration 0003)."""
        with session.store.unit_of_work(session.user.name) as uow:
            return contacts_repo.table_exists(uow.conn)

    @property
    def actor(self) -> str:
        return str(self._session.user.name)

    @property
    def is_admin(self) -> bool:
        return bool(self._session.user.role == "admin")

    def load(self) -> list[Override]:
        problems: list[str] = []
        with self._session.store.unit_of_work(self.actor) as uow:
            result = contacts_repo.list_overrides(uow.conn, problems)
        self.problems = problems
        return result

    def save(self, override: Override, *, action: str, detail: dict[str, Any]) -> None:
        with self._session.store.unit_of_work(self.actor) as uow:
            contacts_repo.upsert(uow.conn, override)
            uow.audit(action, self.RECORD_TYPE, override.entry_id, detail)

    def remove(self, entry_id: str) -> None:
        with self._session.store.unit_of_work(self.actor) as uow:
            if contacts_repo.delete(uow.conn, entry_id):
                uow.audit("delete", self.RECORD_TYPE, entry_id, {"change": "revert"})

    def import_overrides(self, overrides: list[Override], *, detail: dict[str, Any]) -> None:
        with self._session.store.unit_of_work(self.actor) as uow:
            for override in overrides:
                contacts_repo.upsert(uow.conn, override)
            uow.audit("import", self.RECORD_TYPE, None, detail)

    def record_export(self, detail: dict[str, Any]) -> None:
        with self._session.store.unit_of_work(self.actor) as uow:
            uow.audit("export", self.RECORD_TYPE, None, detail)


def _stamp() -> str:
    return datetime.now().replace(microsecond=0).isoformat(sep=" ")
