"""Failed logins, parked outside the encrypted file until the next successful unlock.

A wrong password means we do not have the database key, so the encrypted file cannot be
written, and the attempt must leave it untouched anyway. Each failed attempt (the user
name tried if it is a known user, else "?", and the UTC time, nothing else) is appended to `<db>.failed`, a small JSON
file replaced atomically while the one-writer lock is held. The next successful unlock
moves every parked attempt into the audit log as a `failed_login` entry, in the same
transaction as its `login` entry, and only then empties the file. Each attempt carries a
random id that is stored in the entry's detail, so a crash between the commit and the
emptying cannot produce duplicates. The list is capped so guessing cannot fill the disk.
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from oro_desktop.store.audit import now_utc
from oro_desktop.store.files import atomic_write_bytes, side_path

MAX_PARKED = 1000


def failed_path(db_path: Path) -> Path:
    return side_path(db_path, ".failed")


def load(db_path: Path) -> list[dict]:
    """Parked attempts; an unreadable file yields one synthetic entry saying so."""
    path = failed_path(db_path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return [dict(item) for item in data["attempts"]]
    except FileNotFoundError:
        return []
    except (ValueError, KeyError, TypeError):
        return [{"id": "unreadable-" + uuid.uuid4().hex, "user": "?", "ts": now_utc(),
                 "note": "failed-login file was unreadable"}]


def record(db_path: Path, user: str | None) -> None:
    """Park one failed attempt (call with the store lock held).

    `user` is the (normalised) name tried if it is a known user, else None: an unknown
    name is not stored, since people sometimes type their password into the name field.
    """
    attempts = load(db_path)
    entry = {"id": uuid.uuid4().hex, "user": user or "?", "ts": now_utc()}
    if not user:
        entry["note"] = "unknown user name"
    attempts.append(entry)
    dropped = max(0, len(attempts) - MAX_PARKED)
    attempts = attempts[dropped:]
    doc = {"attempts": attempts}
    atomic_write_bytes(failed_path(db_path), json.dumps(doc, ensure_ascii=False).encode("utf-8"),
                       like=Path(db_path))


def clear(db_path: Path) -> None:
    """Forget parked attempts (after they were committed to the audit log)."""
    try:
        failed_path(db_path).unlink()
    except FileNotFoundError:
        pass
