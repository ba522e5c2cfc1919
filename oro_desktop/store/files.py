"""Small file helpers: the store's side files are always replaced atomically.

A half-written key file would lock everybody out, so every write goes to a temporary file
in the same directory, is fsynced, and replaces the old one with `os.replace` (atomic on
POSIX and Windows), after which the directory entry is fsynced too where possible.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def fsync_dir(directory: Path) -> None:
    """Make a rename durable (no-op on platforms that cannot open directories)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _mode_of(path: Path | None) -> int | None:
    if path is None:
        return None
    try:
        return os.stat(path).st_mode & 0o777
    except OSError:
        return None


def atomic_write_bytes(path: Path, data: bytes, *, like: Path | None = None) -> None:
    """Replace `path` with `data`, never leaving a partly written file behind.

    The new file keeps the permissions of the file it replaces, or of `like` when the
    file is new.
    """
    path = Path(path)
    # mkstemp makes 0600 files; on a unit's shared folder that would lock other OS
    # accounts out of the key file after the first password change.
    mode = _mode_of(path) if path.exists() else _mode_of(like)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        if mode is not None:
            try:
                os.chmod(tmp, mode)
            except OSError:
                pass
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    fsync_dir(path.parent)


def side_path(db_path: Path, suffix: str) -> Path:
    """`<db>.<suffix>` beside the database file."""
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + suffix)
