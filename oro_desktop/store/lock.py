"""One writer per store file: a non-blocking OS file lock on `<db>.lock`.

SQLite's own locking would let a second process wait (or fail half-way with "database
is locked"); we want the second opener to be told at once, in words, before it asks for
a password. The lock is an OS lock (released by the kernel if the process dies, so a
crash never leaves a stale lock behind); the `.lock` file itself is empty.
"""

from __future__ import annotations

from pathlib import Path

from filelock import FileLock, Timeout

from oro_desktop.store.errors import StoreInUse
from oro_desktop.store.files import side_path


def lock_path(db_path: Path) -> Path:
    return side_path(db_path, ".lock")


class StoreLock:
    """Held for as long as a session (or an admin command) has the store open."""

    def __init__(self, db_path: Path) -> None:
        self._lock = FileLock(str(lock_path(db_path)), timeout=0, thread_local=False, is_singleton=False)

    def acquire(self) -> "StoreLock":
        try:
            self._lock.acquire(timeout=0, blocking=False)
        except Timeout:
            raise StoreInUse() from None
        return self

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)

    @property
    def held(self) -> bool:
        return self._lock.is_locked
