"""Where a store's keys have been: the next key file, the recovery boxes, earlier keys.

Why a module of its own: opening a store (store/opening.py), checking its anchor
(store/anchor.py) and changing its key (store/rekey.py) all need to know these places,
and rekey itself needs to open stores. Kept apart, with nothing from store.store or
store.opening, the three can use them without importing each other in a circle.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from oro_desktop.store.files import side_path
from oro_desktop.store.keyslots import BOX_BYTES, KeyFile, keys_path


def next_keys_path(db_path: Path) -> Path:
    return side_path(db_path, ".keys.next")


def recovery_path(db_path: Path) -> Path:
    return side_path(db_path, ".recovery")


MAX_PREVIOUS_KEYS = 200


def previous_keys(conn: Any) -> list[bytearray]:
    """Earlier database keys of this store, newest first (kept inside the encrypted file).

    They let an admin of the live store restore a backup made before a rekey with
    today's password. Only someone who can already read the live file can read them.
    """
    row = conn.execute("SELECT value FROM meta WHERE key = 'previous_keys'").fetchone()
    try:
        return [bytearray(bytes.fromhex(k)) for k in json.loads(row[0])] if row else []
    except (ValueError, TypeError):
        return []


def remember_keys(conn: Any, keys: list[bytearray]) -> None:
    """Add keys to `previous_keys` (inside the caller's transaction)."""
    known = [bytes(k).hex() for k in previous_keys(conn)]
    for key in keys:
        if bytes(key).hex() not in known:
            known.insert(0, bytes(key).hex())
    conn.execute("INSERT INTO meta (key, value) VALUES ('previous_keys', ?)"
                 " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                 (json.dumps(known[:MAX_PREVIOUS_KEYS]),))


def recovery_boxes(db_path: Path) -> list[bytes]:
    """Every recovery box that may hold the key of the store at `db_path`."""
    boxes: list[bytes] = []
    for candidate in (keys_path(db_path), next_keys_path(db_path)):
        try:
            box = KeyFile.load(candidate).recovery_box
        except Exception:  # noqa: BLE001 - a missing or damaged file just offers nothing
            continue
        if box is not None:
            boxes.append(box)
    try:
        data = recovery_path(db_path).read_bytes()
        if len(data) == BOX_BYTES:
            boxes.append(data)
    except OSError:
        pass
    return boxes
