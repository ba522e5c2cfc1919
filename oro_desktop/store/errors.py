"""The store's own errors, and the one place sqlcipher3's exceptions are translated.

sqlcipher3 raises its own exception classes (`sqlcipher3.dbapi2.DatabaseError` and
friends), which are *not* subclasses of the stdlib `sqlite3` ones, so neither callers nor
sqlite-utils would recognise them. Everything that talks to the connection goes through
`translate()` (a context manager) so that no raw driver exception reaches a user: a user
sees one Swedish sentence, a developer still has the original as `__cause__`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from oro_desktop.errors import OroError

CHECK_HINT = (
    "Kör 'oro-admin check' för att undersöka filen, eller 'oro-admin restore' "
    "för att återställa från en säkerhetskopia."
)


class StoreError(OroError):
    """Base class of every failure that comes from the encrypted store."""

    exit_code = 3


class WrongCredentials(StoreError):
    """Unknown user or wrong password. Deliberately does not say which of the two."""

    exit_code = 4

    def __init__(self, message: str = "Fel användarnamn eller lösenord.") -> None:
        super().__init__(message)


class StoreDamaged(StoreError):
    """The file is damaged, truncated or not one of ours (SQLCipher cannot tell which)."""

    exit_code = 5

    def __init__(self, message: str | None = None) -> None:
        super().__init__(message or f"Databasfilen är skadad eller inte en oro_desktop-databas. {CHECK_HINT}")


class StoreInUse(StoreError):
    """Another process (or window) holds the one-writer lock."""

    exit_code = 6

    def __init__(self, message: str | None = None) -> None:
        super().__init__(
            message
            or "Databasen används redan av ett annat program eller fönster. "
            "Stäng det andra fönstret och försök igen."
        )


class PermissionDenied(StoreError):
    """The signed-in user's role does not allow the action."""

    exit_code = 7

    def __init__(self, message: str = "Du saknar behörighet för detta (kräver administratör).") -> None:
        super().__init__(message)


class NotFound(StoreError):
    """A record, user or file that was asked for does not exist."""

    exit_code = 8


class StoreExists(StoreError):
    """`init` refuses to overwrite an existing store."""

    exit_code = 9


class KeyFileDamaged(StoreDamaged):
    """`<db>.keys` cannot be parsed or holds values outside the allowed ranges.

    Not a failed login (no password was tried), and the database itself may be sound:
    the recovery key opens it and rebuilds the key file.
    """

    def __init__(self, detail: str | None = None) -> None:
        why = f" ({detail})" if detail else ""
        super().__init__(
            f"Nyckelfilen är skadad{why}. Databasen kan öppnas med återställningsnyckeln: "
            "'oro-admin recover' skapar nyckelfilen på nytt."
        )


class DataMissing(StoreDamaged):
    """Committed data has gone missing: the anchor outside the file is ahead of the file.

    `kind` is one of "wal-lost", "audit-truncated", "audit-emptied", "triggers-dropped",
    "anchor-foreign"; `last_intact` is the time of the newest audit entry still intact.
    """

    def __init__(self, kind: str, message: str, last_intact: str | None = None) -> None:
        self.kind = kind
        self.last_intact = last_intact
        super().__init__(message)


class NetworkDrive(StoreError):
    """The store folder is on a network file system, where SQLite's WAL is not safe."""

    exit_code = 10

    def __init__(self, folder: object, fstype: str) -> None:
        super().__init__(
            f"Mappen {folder} ligger på en nätverksenhet ({fstype}). Databasen kan skadas "
            "där, eftersom SQLite:s WAL-läge bara fungerar på en lokal disk. Välj en mapp på "
            "datorns egen disk. Om mappen faktiskt är lokal: sätt ORO_FOLDER_IS_LOCAL=1."
        )


class HalfMadeStore(StoreError):
    """A database file without its key file: `init` was interrupted."""

    exit_code = 11


class StoreClosed(StoreError):
    """The session was locked or closed; the caller must unlock again."""

    def __init__(self, message: str = "Databasen är låst. Logga in igen.") -> None:
        super().__init__(message)


# SQLite primary result codes that mean "the bytes on disk are not what we expect".
_DAMAGE_CODES = {"SQLITE_NOTADB", "SQLITE_CORRUPT", "SQLITE_FORMAT", "SQLITE_IOERR"}
_BUSY_CODES = {"SQLITE_BUSY", "SQLITE_LOCKED"}


def map_exception(exc: BaseException) -> StoreError:
    """Return the store error that corresponds to a sqlcipher3 exception."""
    if isinstance(exc, MemoryError):
        return StoreDamaged()
    name = (getattr(exc, "sqlite_errorname", "") or "").split("_")
    primary = "_".join(name[:2]) if len(name) >= 2 else ""
    text = str(exc).lower()
    if primary in _DAMAGE_CODES or "not a database" in text or "malformed" in text:
        return StoreDamaged()
    if primary in _BUSY_CODES or "locked" in text:
        return StoreInUse()
    from sqlcipher3 import dbapi2 as _driver  # not at import: start-up time

    if isinstance(exc, _driver.IntegrityError):
        return StoreError(f"Ändringen bröt mot en regel i databasen och sparades inte ({exc}).")
    return StoreError(f"Databasfel: {exc}. Inget har ändrats.")


@contextlib.contextmanager
def translate() -> Iterator[None]:
    """Run a block and turn any sqlcipher3 exception into our own error."""
    from sqlcipher3 import dbapi2 as _driver  # not at import: start-up time

    try:
        yield
    except _driver.Error as exc:
        raise map_exception(exc) from exc
    except MemoryError as exc:
        # SQLCipher reports some page-decryption failures as SQLITE_NOMEM.
        raise StoreDamaged() from exc


@contextlib.contextmanager
def file_errors() -> Iterator[None]:
    """Turn an OS-level file error (permissions, full disk, missing folder) into a StoreError.

    Usable as a decorator: `@file_errors()`.
    """
    try:
        yield
    except OSError as exc:
        where = f" ({exc.filename})" if getattr(exc, "filename", None) else ""
        raise StoreError(
            f"Filen kunde inte läsas eller skrivas{where}: {exc.strerror or exc}. "
            "Kontrollera mappen, behörigheterna och ledigt diskutrymme."
        ) from exc
