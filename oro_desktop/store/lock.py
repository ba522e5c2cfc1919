"""One writer per store file: a non-blocking OS lock on `<db>.lock` *and* on the database.

SQLite's own locking would let a second process wait (or fail half-way with "database
is locked"); we want the second opener to be told at once, in words, before it asks for
a password. Both locks are OS locks (released by the kernel if the process dies, so a
crash never leaves a stale lock behind).

- `<db>.lock` (filelock, empty, 0600) exists before the database does, so `init` and
  `restore` to a new place are covered too.
- The database file itself is locked as well (issue 9, defect 13: deleting `oro.db.lock`
  must not let a second process in). POSIX: `flock()` on the whole file, which is
  independent of the `fcntl()` byte-range locks SQLite uses. Windows: one byte of the
  SQLite *lock page* (offset 0x40000F00; SQLite stores no data on that page and locks only
  its first 512+2 bytes). The descriptor is closed only after SQLite's connection is gone
  (Store.close closes the connection first), since closing a descriptor would otherwise
  drop SQLite's POSIX locks on the same file.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path

from filelock import FileLock, Timeout

from oro_desktop.store.errors import StoreError, StoreInUse
from oro_desktop.store.files import file_mode, make_private, side_path

_WIN_LOCK_OFFSET = 0x40000F00


def lock_path(db_path: Path) -> Path:
    return side_path(db_path, ".lock")


def _folder_problem(db_path: Path, exc: OSError) -> StoreError:
    folder = Path(db_path).parent
    return StoreError(
        f"Mappen {folder} går inte att skriva i ({exc.strerror or exc}); databasen kan inte "
        "skapas eller låsas där. Välj en vanlig mapp på den egna disken."
    )


class StoreLock:
    """Held for as long as a session (or an admin command) has the store open."""

    def __init__(self, db_path: Path) -> None:
        self.db_path = Path(db_path)
        self._lock = FileLock(str(lock_path(db_path)), timeout=0, mode=file_mode(),
                              thread_local=False, is_singleton=False)
        self._db_fd: int | None = None

    def acquire(self) -> "StoreLock":
        try:  # filelock would report an unwritable folder as "in use": find out first
            os.close(os.open(lock_path(self.db_path), os.O_RDWR | os.O_CREAT, file_mode()))
        except OSError as exc:
            raise _folder_problem(self.db_path, exc) from None
        try:
            self._lock.acquire(timeout=0, blocking=False)
        except Timeout:
            # filelock reports an unwritable folder (/proc, a read-only disk) as a timeout
            # too: say what is actually wrong (issue 9, defect 9).
            folder = self.db_path.parent
            if not folder.is_dir() or not os.access(folder, os.W_OK):
                raise _folder_problem(self.db_path, PermissionError(
                    errno.EACCES, "mappen är skrivskyddad eller inte en vanlig mapp")) from None
            raise StoreInUse() from None
        except OSError as exc:
            raise _folder_problem(self.db_path, exc) from None
        make_private(lock_path(self.db_path))
        try:
            self.lock_database()
        except BaseException:
            self.release()
            raise
        return self

    def lock_database(self) -> None:
        """Take the OS lock on the database file itself (no-op until the file exists).

        Called again after a restore swapped a new file (inode) in.
        """
        self._unlock_database()
        try:
            fd = os.open(self.db_path, os.O_RDWR | getattr(os, "O_BINARY", 0))
        except FileNotFoundError:
            return
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
                raise _folder_problem(self.db_path, exc) from None
            return
        try:
            _os_lock(fd)
        except OSError:
            os.close(fd)
            raise StoreInUse() from None
        self._db_fd = fd

    def _unlock_database(self) -> None:
        fd, self._db_fd = self._db_fd, None
        if fd is not None:
            try:
                _os_unlock(fd)
            except OSError:
                pass
            os.close(fd)

    def release(self) -> None:
        self._unlock_database()
        if self._lock.is_locked:
            self._lock.release(force=True)

    @property
    def held(self) -> bool:
        return self._lock.is_locked


if sys.platform == "win32":  # pragma: no cover - Windows only
    import msvcrt

    def _os_lock(fd: int) -> None:
        os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

    def _os_unlock(fd: int) -> None:
        os.lseek(fd, _WIN_LOCK_OFFSET, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _os_lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)

    def _os_unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
