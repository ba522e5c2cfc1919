"""Plans of cases (migration 0009): the case_plans row beside its filled form.

The plan's text and its versions are the filled form's (store/repos/forms.py); this
module inserts the link, keeps the denormalised columns, and reads plan rows with what a
list needs of their case (uid, municipality, the child or expected child) in one query.
Every function runs in the caller's unit of work. Rows are store dataclasses;
services/plans.py turns them into its own rows.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from oro_desktop.store.audit import now_utc


@dataclass(frozen=True)
class PlanRecord:
    id: int
    uid: str
    case_id: int
    case_uid: str
    municipality: str
    #: the case's subject as its list shows it: the child's name or "Väntat barn, BF …"
    subject: str
    filled_form_id: int
    form_id: str
    with_consent: bool | None
    coordinator: str
    follow_up_by: str
    next_follow_up: date | None
    versions: int
    created_at: str
    created_by: str
    updated_at: str
    updated_by: str


_SUBJECT = (
    "(SELECT CASE WHEN cp.role = 'expected_child' THEN 'Väntat barn, BF ' || cp.due_date"
    " ELSE pe.name || CASE WHEN pe.protected_identity = 1"
    " THEN ' [skyddade personuppgifter]' ELSE '' END END FROM case_participants cp JOIN persons pe ON pe.id = cp.person_id"
    " WHERE cp.case_id = c.id AND cp.ended_at IS NULL AND cp.role IN ('child', 'expected_child')"
    " ORDER BY cp.id LIMIT 1)")
_COLS = ("p.id, p.uid, p.case_id, c.uid, c.municipality, " + _SUBJECT + ", p.filled_form_id,"
         " p.form_id, p.with_consent, p.coordinator, p.follow_up_by, p.next_follow_up,"
         " (SELECT count(*) FROM form_versions v WHERE v.filled_form_id = p.filled_form_id),"
         " p.created_at, p.created_by, p.updated_at, p.updated_by")
# No join to filled_forms: its rows hold the form JSON (pages a list need not decrypt).
_FROM = " FROM case_plans p JOIN cases c ON c.id = p.case_id"


def _row(r: Sequence[Any]) -> PlanRecord:
    return PlanRecord(
        int(r[0]), r[1], int(r[2]), r[3], r[4], r[5] or "(barnet ej angivet)", int(r[6]),
        r[7], None if r[8] is None else bool(r[8]), r[9], r[10],
        date.fromisoformat(r[11]) if r[11] else None, int(r[12]), r[13], r[14], r[15], r[16])


def insert(conn: Any, actor: str, case_id: int, form_id: str, form_version: int,
           initial: Mapping[str, Any], *, uid: str | None = None,
           form_uid: str | None = None) -> int:
    """A new plan: its filled form holds the initial data and no version yet (the first
    "Spara version" is version 1). Returns the case_plans row id."""
    now = now_utc()
    cursor = conn.execute(
        "INSERT INTO filled_forms (uid, form_id, form_version, data, created_at, created_by,"
        " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (form_uid or uuid.uuid4().hex, form_id, int(form_version),
         json.dumps(dict(initial), ensure_ascii=False, sort_keys=True), now, actor, now, actor))
    form_row = int(cursor.lastrowid)
    cursor = conn.execute(
        "INSERT INTO case_plans (uid, case_id, filled_form_id, form_id, created_at, created_by,"
        " updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (uid or uuid.uuid4().hex, case_id, form_row, form_id, now, actor, now, actor))
    return int(cursor.lastrowid)


def update_columns(conn: Any, actor: str, plan_id: int, *, with_consent: bool | None,
                   coordinator: str, follow_up_by: str, next_follow_up: date | None) -> None:
    """Rewrite the denormalised columns from the newest version (same transaction)."""
    conn.execute(
        "UPDATE case_plans SET with_consent = ?, coordinator = ?, follow_up_by = ?,"
        " next_follow_up = ?, updated_at = ?, updated_by = ? WHERE id = ?",
        (None if with_consent is None else int(with_consent), coordinator[:2000],
         follow_up_by[:2000], next_follow_up.isoformat() if next_follow_up else None,
         now_utc(), actor, plan_id))


def get_by_uid(conn: Any, uid: str) -> PlanRecord | None:
    r = conn.execute(f"SELECT {_COLS}{_FROM} WHERE p.uid = ?", (uid,)).fetchone()
    return _row(r) if r else None


def form_uid(conn: Any, plan: PlanRecord) -> str:
    """The uid of the plan's filled form (the owner of its versions)."""
    return str(conn.execute("SELECT uid FROM filled_forms WHERE id = ?",
                            (plan.filled_form_id,)).fetchone()[0])


def of_case(conn: Any, case_id: int) -> list[PlanRecord]:
    """The plans of one case, oldest first."""
    rows = conn.execute(f"SELECT {_COLS}{_FROM} WHERE p.case_id = ? ORDER BY p.id", (case_id,))
    return [_row(r) for r in rows]


def by_follow_up(conn: Any, *, until: date | None = None,
                 limit: int | None = None) -> list[PlanRecord]:
    """Plans sorted by next follow-up (the `case_plans_follow_up` index), those without
    a date last. With `until`: only plans of open cases whose follow-up is on or before
    that day (what is due; a closed case's plans are read-only)."""
    lim = -1 if limit is None else max(0, int(limit))
    if until is not None:
        rows = conn.execute(
            f"SELECT {_COLS}{_FROM} WHERE p.next_follow_up IS NOT NULL AND p.next_follow_up <= ?"
            " AND c.status = 'open'"  # a closed case's plan is read-only: nothing to follow up
            " ORDER BY p.next_follow_up, p.id LIMIT ?", (until.isoformat(), lim))
        return [_row(r) for r in rows]
    dated = [_row(r) for r in conn.execute(
        f"SELECT {_COLS}{_FROM} WHERE p.next_follow_up IS NOT NULL"
        " ORDER BY p.next_follow_up, p.id LIMIT ?", (lim,))]
    rest = -1 if limit is None else max(0, lim - len(dated))
    if rest == 0:
        return dated
    undated = [_row(r) for r in conn.execute(
        f"SELECT {_COLS}{_FROM} WHERE p.next_follow_up IS NULL ORDER BY p.id LIMIT ?", (rest,))]
    return dated + undated


def count(conn: Any) -> int:
    return int(conn.execute("SELECT count(*) FROM case_plans").fetchone()[0])
