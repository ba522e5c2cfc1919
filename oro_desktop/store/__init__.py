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
from oro_desktop.store.kdf import KdfParams
from oro_desktop.store.store import Store, UnitOfWork

__all__ = [
    "NotFound", "PermissionDenied", "StoreClosed", "StoreDamaged", "StoreError", "StoreExists",
    "StoreInUse", "WrongCredentials", "KdfParams", "Store", "UnitOfWork",
]
