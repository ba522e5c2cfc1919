"""The anchor: the newest audit entry, remembered outside the database file.

A hash chain inside the file cannot notice that its own newest rows are gone: a lost or
damaged WAL, a file put back from an older copy, or someone with the key who drops the
append-only triggers and deletes the tail all leave a shorter chain that is still
internally consistent (issue 9, defect 2). So after every commit that appended audit
rows, the store writes `<db>.anchor` (0600): the store id, the newest audit id, its hash
and time, authenticated with HMAC-SHA256 under a key derived (HKDF) from the database
key, so it cannot be forged or moved to another store without that key.

At unlock and in `check` the anchor is compared with the file:
- the anchored row is there with the same hash: intact (the file may be ahead of the
  anchor: a crash between COMMIT and the anchor write, which is harmless);
- otherwise committed data is missing, and `diagnose` says which it is: the audit log
  emptied, append-only triggers dropped (and rows deleted), the tail of the log deleted,
  or the whole newest part of the file lost (WAL deleted or damaged, or an older copy),
  each with the time of the last intact entry and a pointer to `restore`.

Cost: one indexed row read at unlock, one 512-byte record overwritten in place per
committing unit of work that audited something (about 30 µs), with no fsync: the database commit itself was
already made durable (synchronous=FULL) before the anchor moves, so after a power cut
the anchor can only be *behind* the data (tolerated) or torn (treated as missing and
rewritten after the next commit), never ahead of it, which is what is detected.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from oro_desktop.store import audit as audit_mod
from oro_desktop.store.errors import CHECK_HINT, DataMissing
from oro_desktop.store.files import file_mode, make_private, side_path

FORMAT = "oro_desktop-anchor"
VERSION = 1
TRIGGERS = ("audit_no_update", "audit_no_delete")
RECORD_BYTES = 512
RESTORE_HINT = ("Återställ från den senaste säkerhetskopian med 'oro-admin restore' och "
                "kontakta den som ansvarar för informationssäkerheten.")


def anchor_path(db_path: Path) -> Path:
    return side_path(db_path, ".anchor")


def _mac_key(db_key: bytes | bytearray) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None,
                info=b"oro_desktop audit anchor v1").derive(bytes(db_key))


def mac_key(db_key: bytes | bytearray) -> bytearray:
    """The anchor's HMAC key for a database key (callers may cache it per key)."""
    return bytearray(_mac_key(db_key))


@dataclass(frozen=True)
class Anchor:
    store_id: str
    audit_id: int
    audit_hash: str
    audit_ts: str

    def _body(self) -> bytes:
        return json.dumps([FORMAT, VERSION, self.store_id, self.audit_id, self.audit_hash,
                           self.audit_ts], separators=(",", ":")).encode("utf-8")

    def mac(self, db_key: bytes | bytearray, *, derived: bytes | bytearray | None = None) -> str:
        key = bytes(derived) if derived is not None else _mac_key(db_key)
        return hmac.new(key, self._body(), hashlib.sha256).hexdigest()


def newest(conn: Any) -> tuple[int, str, str] | None:
    """(id, hash, ts) of the newest audit row, or None for an empty log."""
    row = conn.execute("SELECT id, hash, ts FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    return (int(row[0]), str(row[1]), str(row[2])) if row else None


def write(db_path: Path, db_key: bytes | bytearray, store_id: str,
          head: tuple[int, str, str] | None, *, derived: bytes | bytearray | None = None) -> None:
    """Replace the anchor with `head` (the newest audit row); atomic, 0600.

    The caller holds the store's mutex and lock (one writer). `derived`: the cached
    `mac_key(db_key)`.
    """
    if head is None:
        return
    anchor = Anchor(store_id, head[0], head[1], head[2])
    doc = {"format": FORMAT, "version": VERSION, "store_id": store_id, "audit_id": head[0],
           "audit_hash": head[1], "audit_ts": head[2],
           "mac": anchor.mac(db_key, derived=derived)}
    doc["sum"] = _checksum(doc)
    data = json.dumps(doc).encode("utf-8")
    # One fixed-size record overwritten in place: no rename (on ext4 a rename over an
    # existing file forces a data flush, ~1 ms a commit). A torn record fails to parse
    # or fails its plain checksum and is then treated as missing (like a deleted anchor),
    # never as forged: only a record with a sound checksum and a wrong MAC is "foreign".
    record = data.ljust(RECORD_BYTES, b" ") if len(data) <= RECORD_BYTES else data
    fd = os.open(anchor_path(db_path), os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0),
                 file_mode())
    try:
        size = os.fstat(fd).st_size
        if size == 0:  # just created: the umask may have narrowed the shared-folder mode
            make_private(anchor_path(db_path))
        os.write(fd, record)
        if len(record) != size:
            os.ftruncate(fd, len(record))
    finally:
        os.close(fd)


def _checksum(doc: dict[str, Any]) -> str:
    body = json.dumps({k: v for k, v in doc.items() if k != "sum"}, sort_keys=True)
    return hashlib.sha256(body.encode("utf-8")).hexdigest()[:16]


class AnchorUnreadable(Exception):
    """The anchor file exists but is torn or does not parse."""


def read(db_path: Path) -> tuple[Anchor, str] | None:
    """(anchor, mac) or None if there is no anchor; AnchorUnreadable if it is garbage."""
    try:
        data = anchor_path(db_path).read_bytes()
    except FileNotFoundError:
        return None
    try:
        if len(data) > 4096:
            raise ValueError("too large")
        doc = json.loads(data.decode("utf-8"))
        if doc["format"] != FORMAT or doc["version"] != VERSION:
            raise ValueError("not an anchor")
        if doc.get("sum") != _checksum(doc):
            raise ValueError("torn record")
        anchor = Anchor(str(doc["store_id"]), int(doc["audit_id"]), str(doc["audit_hash"]),
                        str(doc["audit_ts"]))
        return anchor, str(doc["mac"])
    except (ValueError, KeyError, TypeError, UnicodeDecodeError) as exc:
        raise AnchorUnreadable(str(exc)) from exc


def triggers_present(conn: Any) -> bool:
    names = {r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit'")}
    return all(t in names for t in TRIGGERS)


def _last_intact(conn: Any) -> tuple[int, str] | None:
    """(id, ts) of the last row of the unbroken chain prefix starting at id 1."""
    prev, expected, last = audit_mod.GENESIS, 1, None
    versioned = audit_mod.has_chain_columns(conn)
    extra = ", chain, unit" if versioned else ", 1, NULL"
    for row_id, ts, actor, action, rtype, rid, detail, prev_hash, digest, chain, unit in conn.execute(
        "SELECT id, ts, actor, action, record_type, record_id, detail, prev_hash, hash"
        f"{extra} FROM audit ORDER BY id"
    ):
        try:
            want = audit_mod.row_hash(prev_hash, row_id, ts, actor, action, rtype, rid, detail,
                                      unit=unit, chain=chain)
        except ValueError:  # an unknown chain version is a changed row
            break
        if row_id != expected or prev_hash != prev or want != digest:
            break
        last, prev, expected = (row_id, ts), digest, row_id + 1
    return last


def diagnose(conn: Any, db_path: Path, db_key: bytes | bytearray, store_id: str) -> DataMissing | None:
    """Compare the anchor with the file; the problem found, or None when all is there.

    Fast when all is well (one row by primary key plus the trigger lookup); the chain is
    walked only to describe a problem that was found.
    """
    triggers = triggers_present(conn)
    try:
        found = read(db_path)
    except AnchorUnreadable:
        found = None  # torn by a crash: treated as missing, rewritten after the next commit
    if found is None:
        if not triggers:
            return _triggers_dropped(conn, None)
        return None
    anchor, mac = found
    if anchor.store_id != store_id or not _mac_fits(conn, anchor, mac, db_key):
        return DataMissing(
            "anchor-foreign",
            f"Kontrollfilen {anchor_path(db_path).name} hör inte till den här databasen eller "
            f"har ändrats. Databasfilen kan ha bytts ut mot en annan eller en äldre. {RESTORE_HINT}",
        )
    row = conn.execute("SELECT hash FROM audit WHERE id = ?", (anchor.audit_id,)).fetchone()
    if row is not None and row[0] == anchor.audit_hash and triggers:
        return None
    if not triggers:
        return _triggers_dropped(conn, anchor)
    head = newest(conn)
    last = _last_intact(conn)
    when = last[1] if last else None
    since = f"Den senaste intakta posten i granskningsloggen är från {when}." if when else \
        "Ingen intakt post finns kvar i granskningsloggen."
    if head is None:
        return DataMissing(
            "audit-emptied",
            f"Granskningsloggen är tömd: den ska ha minst {anchor.audit_id} poster (den senaste "
            f"från {anchor.audit_ts}) men har inga. {RESTORE_HINT}", None)
    if row is not None:  # the anchored id exists with another hash: the log was rewritten
        return DataMissing(
            "audit-rewritten",
            f"Granskningsloggen har skrivits om: post {anchor.audit_id} är inte den som "
            f"sparades {anchor.audit_ts}. {since} {RESTORE_HINT}", when)
    if last is not None and last[0] == head[0]:
        # An unbroken but shorter chain, triggers in place: the newest part of the file
        # is gone as a whole (deleted or damaged WAL, or an older copy of the file).
        return DataMissing(
            "wal-lost",
            f"Sparade ändringar saknas: databasen slutar vid {head[2]} men ändringar sparades "
            f"till {anchor.audit_ts} (granskningspost {head[0]} av {anchor.audit_id}). "
            f"WAL-filen ({Path(db_path).name}-wal) har försvunnit eller är skadad, eller filen "
            f"är en äldre kopia. {RESTORE_HINT}", head[2])
    return DataMissing(
        "audit-truncated",
        f"Granskningsloggen är avkortad: poster har tagits bort (den ska gå till post "
        f"{anchor.audit_id}, {anchor.audit_ts}). {since} {RESTORE_HINT}", when)


def _mac_fits(conn: Any, anchor: Anchor, mac: str, db_key: bytes | bytearray) -> bool:
    """The MAC holds under the current key, or under an earlier one of this store.

    A rekey killed after `PRAGMA rekey` but before the anchor was rewritten leaves an
    anchor made with the previous key; earlier keys are kept inside the file (readable
    only with the current key), so that anchor is still recognised as ours.
    """
    if hmac.compare_digest(mac, anchor.mac(db_key)):
        return True
    from oro_desktop.store.key_history import previous_keys

    return any(hmac.compare_digest(mac, anchor.mac(k)) for k in previous_keys(conn))


def _triggers_dropped(conn: Any, anchor: Anchor | None) -> DataMissing:
    last = _last_intact(conn)
    head = newest(conn)
    missing = ""
    if anchor is not None and (head is None or head[0] < anchor.audit_id):
        missing = (f" Poster har också tagits bort: loggen ska gå till post {anchor.audit_id} "
                   f"({anchor.audit_ts}) men slutar vid {head[0] if head else 0}.")
    when = last[1] if last else None
    since = f" Den senaste intakta posten är från {when}." if when else ""
    return DataMissing(
        "triggers-dropped",
        "Granskningsloggens skydd (triggrarna som hindrar ändring och borttagning) har tagits "
        f"bort.{missing}{since} {RESTORE_HINT}", when)


__all__ = ["Anchor", "anchor_path", "diagnose", "newest", "read", "write", "CHECK_HINT"]
