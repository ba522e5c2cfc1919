"""What the admin widgets may do, as one object over services/users.py and maintenance.

The widgets call these from worker threads; every call is a service call (the rules,
the audit entries and the rekeys live there). `kdf` is the key-derivation policy for new
key slots (None: the store's policy; tests pass fast parameters).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from oro_desktop.services import maintenance
from oro_desktop.services import users as users_service

if TYPE_CHECKING:
    from oro_desktop.services.services import KdfParams
    from oro_desktop.services.session import Session


@dataclass(frozen=True)
class UserLine:
    """One row of the user list, without any store type."""

    name: str
    role: str
    active: bool
    created_at: str
    created_by: str


@dataclass(frozen=True)
class KeyChange:
    """What a rekey did, as the GUI shows it: the new recovery key (once) and who lost access."""

    recovery_key: str | None
    dropped: tuple[str, ...]


def _key_change(result: Any) -> KeyChange:
    if result is None:
        return KeyChange(None, ())
    return KeyChange(result.recovery_key, tuple(result.dropped))


class UserActions:
    """Admin operations of one session (and one's own password, for every user)."""

    def __init__(self, session: "Session", *, kdf: "KdfParams | None" = None) -> None:
        self.session = session
        self.kdf = kdf

    @property
    def me(self) -> str:
        return self.session.user.name

    @property
    def store_path(self) -> Path:
        return Path(self.session.path)

    def name_problem(self, name: str) -> str:
        return users_service.user_name_problem(name)

    def list(self) -> list[UserLine]:
        return [UserLine(r.name, r.role, bool(r.active), r.created_at, r.created_by)
                for r in users_service.list_users(self.session)]

    def add(self, name: str, role: str, password: str) -> str:
        return users_service.add_user(self.session, name, role, password, kdf=self.kdf).name

    def disable(self, name: str) -> KeyChange:
        return _key_change(users_service.disable_user(self.session, name))

    def enable(self, name: str, password: str) -> None:
        users_service.enable_user(self.session, name, password, kdf=self.kdf)

    def remove(self, name: str) -> KeyChange:
        return _key_change(users_service.remove_user(self.session, name))

    def rekey(self) -> KeyChange:
        return _key_change(users_service.rekey_store(self.session))

    def change_own_password(self, old: str, new: str) -> KeyChange:
        return _key_change(users_service.change_password(self.session, old, new, kdf=self.kdf))

    def backup(self, out: Path) -> int:
        return sum(maintenance.backup(self.session, Path(out)).values())
