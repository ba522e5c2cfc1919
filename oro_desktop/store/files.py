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


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data`, never leaving a partly written file behind."""
    path = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
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
