"""The audit log: append-only, hash-chained, in the same encrypted file as the data.

Each row's `hash` is SHA-256 over the previous row's hash followed by the canonical JSON
of the row. The row's `chain` column says which fields that JSON holds:

- chain 1 (every row written before migration 0006): `[id, ts, actor, action,
  record_type, record_id, detail]`;
- chain 2 (since 0006): `[2, id, ts, actor, action, record_type, record_id, detail, unit]`,
  where `unit` is the care unit (vårdenhet / verksamhet, the `unit_name` setting) the
  entry was made in, as HSLF-FS 2016:40 4 kap. 9 § asks. The leading 2 is hashed too, so
  relabelling a row's `chain` changes what its hash must be.

Old rows keep verifying with their old body; a chain-1 row after a chain-2 row is a
break (nobody writes chain 1 any more). Triggers stop UPDATE and DELETE (and, whatever
else is changed, deleting a row younger than five years; see migration 0006); the chain catches whoever bypasses them (drops the triggers, edits the file
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
CHAIN_VERSION = 2  # what `append` writes; see the module docstring
UNIT_SETTING = "unit_name"


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
    unit: str | None = None

    def to_dict(self) -> dict:
        return {
            "id": self.id, "ts": self.ts, "actor": self.actor, "action": self.action,
            "record_type": self.record_type, "record_id": self.record_id,
            "detail": self.detail, "unit": self.unit, "hash": self.hash,
        }


def now_utc() -> str:
    """UTC ISO-8601 with milliseconds: sorts correctly as text."""
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


def _canonical_detail(detail: dict | None) -> str | None:
    if detail is None:
        return None
    return json.dumps(detail, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def row_hash(prev_hash: str, row_id: int, ts: str, actor: str, action: str,
             record_type: str | None, record_id: str | None, detail_text: str | None,
             *, unit: str | None = None, chain: int = 1) -> str:
    """The hash a row must carry. Called with the eight positional fields only, it is
    the chain-1 hash every row before migration 0006 has (backwards compatible)."""
    fields: list = [row_id, ts, actor, action, record_type, record_id, detail_text]
    if chain == 2:
        fields = [2, *fields, unit]
    elif chain != 1:
        raise ValueError(f"unknown audit chain version {chain!r}")
    body = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256((prev_hash + body).encode("utf-8")).hexdigest()


def has_chain_columns(conn) -> bool:
    """True once migration 0006 has run (a store being migrated may audit before it):
    rows then carry `unit` and their `chain` version."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0]) >= 6



def current_unit(conn) -> str | None:
    """The care unit from the store's settings (`unit_name`), None when not set."""
    row = conn.execute("SELECT value FROM settings WHERE key = ?", (UNIT_SETTING,)).fetchone()
    if row is None:
        return None
    try:
        value = json.loads(row[0])
    except ValueError:
        return None
    return value.strip() or None if isinstance(value, str) else None


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
    if not has_chain_columns(conn):
        digest = row_hash(prev, row_id, ts, actor, action, record_type, rid, detail_text)
        conn.execute(
            "INSERT INTO audit (id, ts, actor, action, record_type, record_id, detail,"
            " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (row_id, ts, actor, action, record_type, rid, detail_text, prev, digest),
        )
        return row_id
    unit = current_unit(conn)
    digest = row_hash(prev, row_id, ts, actor, action, record_type, rid, detail_text,
                      unit=unit, chain=CHAIN_VERSION)
    conn.execute(
        "INSERT INTO audit (id, ts, actor, action, record_type, record_id, detail,"
        " prev_hash, hash, unit, chain) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (row_id, ts, actor, action, record_type, rid, detail_text, prev, digest, unit,
         CHAIN_VERSION),
    )
    return row_id


MAX_CHAIN_PROBLEMS = 20
# The row's hash input as SQL: json_array escapes exactly as row_hash's json.dumps
# (ensure_ascii=False, no spaces), per chain version (see row_hash); a row whose SQL text
# does not verify is recomputed with row_hash itself before it is reported, so the
# definition stays row_hash's.
_CHAIN_SQL_V1 = (
    "SELECT id, prev_hash, hash, json_array(id, ts, actor, action, record_type, record_id, detail),"
    " 1 FROM audit ORDER BY id"
)
_CHAIN_SQL = (
    "SELECT id, prev_hash, hash, CASE chain"
    " WHEN 2 THEN json_array(2, id, ts, actor, action, record_type, record_id, detail, unit)"
    " ELSE json_array(id, ts, actor, action, record_type, record_id, detail) END, chain"
    " FROM audit ORDER BY id"
)
_FETCH = 20_000


def verify_chain(conn) -> list[str]:
    """Recompute the chain; return one Swedish sentence per problem (empty = intact).

    Why it is written this way: `check` and every backup verify the whole chain, and a
    clinic's log holds a million rows. SQLite builds each row's hash input (`json_array`)
    and Python only hashes and compares, in a tight loop over rows fetched in chunks
    (about 2.5 µs a row against 11 µs for building the JSON in Python). Splitting the
    rows over threads was measured slower: the driver hands the GIL over at every row.
    A row whose chain version is lower than an earlier row's is a break too (a row of
    the new chain cannot be turned back into an old one without rewriting it).
    """
    problems: list[str] = []
    prev, expected_id, seen_chain = GENESIS, 1, 1
    sha256 = hashlib.sha256
    cursor = conn.execute(_CHAIN_SQL if has_chain_columns(conn) else _CHAIN_SQL_V1)
    while True:
        rows = cursor.fetchmany(_FETCH)
        if not rows:
            return problems
        for row_id, prev_hash, digest, body, chain in rows:
            downgraded = chain < seen_chain
            if (downgraded or row_id != expected_id or prev_hash != prev
                    or sha256((prev_hash + body).encode()).hexdigest() != digest):
                problems += _explain(conn, row_id, expected_id, prev, prev_hash, digest,
                                     downgraded)
                if len(problems) > MAX_CHAIN_PROBLEMS:
                    problems.append("Granskningsloggen: fler fel finns; avbryter.")
                    cursor.close()
                    return problems
            seen_chain = max(seen_chain, chain)
            prev = digest
            expected_id = row_id + 1


def _explain(conn, row_id: int, expected_id: int, prev: str, prev_hash: str,
             digest: str, downgraded: bool = False) -> list[str]:
    """The problems of one row that failed the fast test, judged with row_hash itself."""
    found: list[str] = []
    if row_id != expected_id:
        found.append(f"Granskningsloggen: post {expected_id} saknas (nästa är {row_id}).")
    if prev_hash != prev:
        found.append(f"Granskningsloggen: post {row_id} hänger inte ihop med posten före.")
    extra = ", unit, chain" if has_chain_columns(conn) else ", NULL, 1"
    ts, actor, action, rtype, rid, detail, unit, chain = conn.execute(
        f"SELECT ts, actor, action, record_type, record_id, detail{extra} FROM audit WHERE id = ?",
        (row_id,)).fetchone()
    try:
        changed = downgraded or row_hash(prev_hash, row_id, ts, actor, action, rtype, rid,
                                         detail, unit=unit, chain=chain) != digest
    except ValueError:  # an unknown chain version: the row was changed
        changed = True
    if changed:
        found.append(f"Granskningsloggen: post {row_id} har ändrats i efterhand.")
    return found


def query(conn, *, user: str | None = None, record: str | None = None,
          since: str | None = None, until: str | None = None,
          actions: tuple[str, ...] | None = None, limit: int | None = None) -> list[AuditEntry]:
    """Entries newest first, optionally filtered by actor, record id, period and action.

    `since` is inclusive, `until` exclusive (both ISO text compared with the UTC `ts`).
    """
    sql = ("SELECT id, ts, actor, action, record_type, record_id, detail, hash, unit"
           " FROM audit WHERE 1=1")
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
    if until:
        sql += " AND ts < ?"
        params.append(until)
    if actions:
        sql += f" AND action IN ({', '.join('?' for _ in actions)})"
        params += list(actions)
    sql += " ORDER BY id DESC"
    if limit:
        sql += " LIMIT ?"
        params.append(int(limit))
    return [_entry(r) for r in conn.execute(sql, params)]


def entries_by_id(conn, ids: list[int]) -> list[AuditEntry]:
    """The entries with these ids, in id order (for a log review's sample)."""
    found: list[AuditEntry] = []
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        found += [_entry(r) for r in conn.execute(
            "SELECT id, ts, actor, action, record_type, record_id, detail, hash, unit"
            f" FROM audit WHERE id IN ({', '.join('?' for _ in chunk)})", chunk)]
    return sorted(found, key=lambda e: e.id)


def _entry(r) -> AuditEntry:
    return AuditEntry(r[0], r[1], r[2], r[3], r[4], r[5], json.loads(r[6]) if r[6] else None,
                      r[7], r[8])
