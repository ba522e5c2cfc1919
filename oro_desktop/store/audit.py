"""The audit log: append-only, hash-chained, in the same encrypted file as the data.

Each row's `hash` is SHA-256 over the previous row's hash followed by the canonical JSON
of the row (id, ts, actor, action, record_type, record_id, detail). Triggers stop UPDATE
and DELETE; the chain catches whoever bypasses them (drops the triggers, edits the file
with the key): `verify_chain` recomputes every link. Deleting only the newest rows is
not detectable by a chain alone (there is no later link); that needs an external anchor.

Rows are appended by `UnitOfWork.audit`, inside the transaction of the change they
record, so there is never a change without its entry or an entry without its change.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone

ACTIONS = frozenset(
    {
        "read", "create", "update", "delete", "print", "export", "import",
        "login", "failed_login", "lock", "logout", "backup", "restore",
        "recover", "password_change", "rekey",
    }
)
GENESIS = "0" * 64


@dataclass(frozen=True)
class AuditEntry:
    id: int
    ts: str
    actor: str
    action: str
    record_type: str | None
    record_id: str | None
    detail: dict | None
    hash: str

    def to_dict(self) -> dict:
        return {
            "id": self.id, "ts": self.ts, "actor": self.actor, "action": self.action,
            "record_type": self.record_type, "record_id": self.record_id,
            "detail": self.detail, "hash": self.hash,
        }


def now_utc() -> str:
    """UTC ISO-8601 with milliseconds: sorts correctly as text."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def _canonical_detail(detail: dict | None) -> str | None:
    if detail is None:
        return None
    return json.dumps(detail, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def row_hash(prev_hash: str, row_id: int, ts: str, actor: str, action: str,
             record_type: str | None, record_id: str | None, detail_text: str | None) -> str:
    body = json.dumps(
        [row_id, ts, actor, action, record_type, record_id, detail_text],
        ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def append(conn, actor: str, action: str, record_type: str | None = None,
           record_id: object = None, detail: dict | None = None, ts: str | None = None) -> int:
    """Append one entry; the caller must be inside a transaction (the unit of work)."""
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    if not conn.in_transaction:
        raise RuntimeError("audit.append must run inside a unit of work")
    last = conn.execute("SELECT id, hash FROM audit ORDER BY id DESC LIMIT 1").fetchone()
    row_id, prev = (last[0] + 1, last[1]) if last else (1, GENESIS)
    ts = ts or now_utc()
    rid = None if record_id is None else str(record_id)
    detail_text = _canonical_detail(detail)
    digest = row_hash(prev, row_id, ts, actor, action, record_type, rid, detail_text)
    conn.execute(
        "INSERT INTO audit (id, ts, actor, action, record_type, record_id, detail, prev_hash, hash)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (row_id, ts, actor, action, record_type, rid, detail_text, prev, digest),
    )
    return row_id


def verify_chain(conn) -> list[str]:
    """Recompute the chain; return one Swedish sentence per problem (empty = intact)."""
    problems: list[str] = []
    prev = GENESIS
    expected_id = 1
    cursor = conn.execute(
        "SELECT id, ts, actor, action, record_type, record_id, detail, prev_hash, hash"
        " FROM audit ORDER BY id"
    )
    for row_id, ts, actor, action, rtype, rid, detail, prev_hash, digest in cursor:
        if row_id != expected_id:
            problems.append(f"Granskningsloggen: post {expected_id} saknas (nästa är {row_id}).")
        if prev_hash != prev:
            problems.append(f"Granskningsloggen: post {row_id} hänger inte ihop med posten före.")
        if row_hash(prev_hash, row_id, ts, actor, action, rtype, rid, detail) != digest:
            problems.append(f"Granskningsloggen: post {row_id} har ändrats i efterhand.")
        prev = digest
        expected_id = row_id + 1
        if len(problems) > 20:
            problems.append("Granskningsloggen: fler fel finns; avbryter.")
            break
    return problems


def query(conn, *, user: str | None = None, record: str | None = None,
          since: str | None = None, limit: int | None = None) -> list[AuditEntry]:
    """Entries newest first, optionally filtered by actor, record id and start date."""
    sql = "SELECT id, ts, actor, action, record_type, record_id, detail, hash FROM audit WHERE 1=1"
    params: list = []
    if user:
        sql += " AND actor = ?"
        params.append(user)
    if record:
        sql += " AND (record_id = ? OR record_type || ':' || record_id = ?)"
        params += [record, record]
    if since:
        sql += " AND ts >= ?"
        params.append(since)
    sql += " ORDER BY id DESC"
    if limit:
        sql += " LIMIT ?"
        params.append(int(limit))
    return [
        AuditEntry(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6]) if r[6] else None, r[7])
        for r in conn.execute(sql, params)
    ]
