"""Log reviews (stickprov) and their marks: append-only tables of migration 0006.

A review is inserted once with the ids of the audit entries drawn; a mark is inserted
for each entry reviewed. Nothing is ever updated or deleted (triggers refuse it): a
changed verdict is a new mark, and the newest mark of an entry is the one that counts.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from oro_desktop.store.audit import now_utc


@dataclass(frozen=True)
class ReviewRow:
    id: int
    created_at: str
    created_by: str
    unit: str | None
    scope: str
    subject: str
    subject_label: str
    period_from: str
    period_to: str
    actions: tuple[str, ...]
    population: int
    sample_size: int
    seed: str


@dataclass(frozen=True)
class MarkRow:
    id: int
    review_id: int
    audit_id: int
    marked_at: str
    marked_by: str
    verdict: str
    note: str


_REVIEW_COLUMNS = ("id, created_at, created_by, unit, scope, subject, subject_label, period_from, period_to,"
                   " actions, population, sample_size, seed")


def _review(r) -> ReviewRow:
    return ReviewRow(int(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8],
                     tuple(json.loads(r[9])), int(r[10]), int(r[11]), r[12])


def population_ids(conn, *, actions: tuple[str, ...], since: str, until: str,
                   actor: str | None = None,
                   records: list[tuple[str, str]] | None = None) -> list[int]:
    """Ids of the audit entries a review draws from (period: since inclusive, until exclusive)."""
    sql = (f"SELECT id FROM audit WHERE action IN ({', '.join('?' for _ in actions)})"
           " AND ts >= ? AND ts < ?")
    params: list = [*actions, since, until]
    if actor is not None:
        sql += " AND actor = ?"
        params.append(actor)
    if records is not None:
        if not records:
            return []
        sql += " AND (" + " OR ".join("(record_type = ? AND record_id = ?)" for _ in records) + ")"
        for rtype, rid in records:
            params += [rtype, rid]
    return [int(r[0]) for r in conn.execute(sql + " ORDER BY id", params)]


def insert_review(conn, *, actor: str, unit: str | None, scope: str, subject: str,
                  subject_label: str, period_from: str, period_to: str, actions: tuple[str, ...], population: int,
                  seed: str, audit_ids: list[int]) -> int:
    cursor = conn.execute(
        "INSERT INTO audit_reviews (created_at, created_by, unit, scope, subject, subject_label,"
        " period_from, period_to, actions, population, sample_size, seed)"
        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
        (now_utc(), actor, unit, scope, subject, subject_label, period_from, period_to,
         json.dumps(list(actions)), population, len(audit_ids), seed),
    )
    review_id = int(cursor.lastrowid)
    conn.executemany("INSERT INTO audit_review_entries (review_id, audit_id) VALUES (?, ?)",
                     [(review_id, a) for a in audit_ids])
    return review_id


def get_review(conn, review_id: int) -> ReviewRow | None:
    r = conn.execute(f"SELECT {_REVIEW_COLUMNS} FROM audit_reviews WHERE id = ?",
                     (review_id,)).fetchone()
    return _review(r) if r else None


def list_reviews(conn) -> list[ReviewRow]:
    return [_review(r) for r in conn.execute(
        f"SELECT {_REVIEW_COLUMNS} FROM audit_reviews ORDER BY id DESC")]


def entry_ids(conn, review_id: int) -> list[int]:
    return [int(r[0]) for r in conn.execute(
        "SELECT audit_id FROM audit_review_entries WHERE review_id = ? ORDER BY audit_id",
        (review_id,))]


def insert_mark(conn, *, review_id: int, audit_id: int, actor: str, verdict: str,
                note: str) -> int:
    cursor = conn.execute(
        "INSERT INTO audit_review_marks (review_id, audit_id, marked_at, marked_by, verdict,"
        " note) VALUES (?, ?, ?, ?, ?, ?)",
        (review_id, audit_id, now_utc(), actor, verdict, note),
    )
    return int(cursor.lastrowid)


def latest_marks(conn, review_id: int) -> dict[int, MarkRow]:
    """The newest mark of each reviewed entry of a review."""
    marks: dict[int, MarkRow] = {}
    for r in conn.execute(
        "SELECT id, review_id, audit_id, marked_at, marked_by, verdict, note"
        " FROM audit_review_marks WHERE review_id = ? ORDER BY id", (review_id,)):
        marks[int(r[2])] = MarkRow(int(r[0]), int(r[1]), int(r[2]), r[3], r[4], r[5], r[6])
    return marks


def reviewed_counts(conn) -> dict[int, int]:
    return {int(r[0]): int(r[1]) for r in conn.execute(
        "SELECT review_id, count(DISTINCT audit_id) FROM audit_review_marks GROUP BY review_id")}
