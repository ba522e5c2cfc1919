"""The encrypted store: one SQLCipher file, key slots beside it, audit log inside it.

Files for a store at `<db>`:
- `<db>` (+ `<db>-wal`, `<db>-shm` while open): the SQLCipher 4 database, AES-256,
  every page authenticated; WAL frames are encrypted too.
- `<db>.keys`: the key slots (JSON, no secret in the clear), see keyslots.py.
- `<db>.failed`: failed logins parked until the next unlock, see failed_logins.py.
- `<db>.lock`: the one-writer OS lock, see lock.py.

Public pieces: `Store` / `UnitOfWork` (store.py), the errors (errors.py), `KdfParams`
(kdf.py). Services use these; the GUI uses services only.
"""

from oro_desktop.store.errors import (
    NotFound, PermissionDenied, StoreClosed, StoreDamaged, StoreError, StoreExists,
    StoreInUse, WrongCredentials,
)
from typing import TYPE_CHECKING, Any

from oro_desktop.store.kdf import KdfParams

if TYPE_CHECKING:
    from oro_desktop.store.store import Store, UnitOfWork


def __getattr__(name: str) -> Any:
    """`Store` and `UnitOfWork` are imported on first use (PEP 562): importing any module
    of this package (errors, audit, repos) must not load sqlite_utils and SQLCipher,
    which the main window does not need before it is shown (start-up time)."""
    if name in ("Store", "UnitOfWork"):
        from oro_desktop.store import store

        return getattr(store, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "NotFound", "PermissionDenied", "StoreClosed", "StoreDamaged", "StoreError", "StoreExists",
    "StoreInUse", "WrongCredentials", "KdfParams", "Store", "UnitOfWork",
]
