"""Cases, their participants, step ticks, consents and history (migration 0007).

Rows are plain store dataclasses; services/cases.py turns them into `core.cases.Case`
and service views, so no store type reaches the GUI or the CLI. Every function runs in
the caller's unit of work; uids are generated here unless an import keeps its own.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from oro_desktop.store.audit import now_utc


def new_uid() -> str:
    return uuid.uuid4().hex


def _d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


@dataclass(frozen=True)
class CaseRecord:
    id: int
    uid: str
    guideline_id: str
    first_guideline_id: str
    municipality: str
    responsible_user: str
    responsible_unit: str
    initiator_kind: str
    initiator_public: bool
    concerns: tuple[str, ...]
    status: str
    opened_on: date
    closed_on: date | None
    born_on: date | None
    created_at: str
    updated_at: str


@dataclass(frozen=True)
class ParticipantRecord:
    id: int
    uid: str
    case_id: int
    person_id: int
    role: str
    due_date: date | None
    added_at: str
    added_by: str
    ended_at: str | None


@dataclass(frozen=True)
class StepRecord:
    uid: str
    guideline_id: str
    step_id: str
    ticked: bool
    note: str
    marked_at: str
    marked_by: str


@dataclass(frozen=True)
class EventRecord:
    uid: str
    happened_at: str
    actor: str
    action: str
    text: str
    detail: dict[str, Any]


@dataclass(frozen=True)
class ConsentRecord:
    id: int
    uid: str
    case_id: int
    person_id: int
    filled_form_id: int
    filled_form_uid: str
    answer: str
    manner: str
    asked_on: date
    asked_by: str
    recorded_at: str
    recorded_by: str


_CASE_COLS = ("id, uid, guideline_id, first_guideline_id, municipality, responsible_user,"
              " responsible_unit, initiator_kind, initiator_public, concerns, status, opened_on, closed_on, born_on,"
              " created_at, updated_at")


def _case(r: Sequence[Any]) -> CaseRecord:
    return CaseRecord(int(r[0]), r[1], r[2], r[3], r[4], r[5], r[6], r[7], bool(r[8]),
                      tuple(json.loads(r[9])), r[10], date.fromisoformat(r[11]), _d(r[12]),
                      _d(r[13]), r[14], r[15])


def insert_case(conn: Any, actor: str, *, guideline_id: str, municipality: str,
                responsible_user: str, responsible_unit: str, initiator_kind: str,
                initiator_public: bool, concerns: Sequence[str],
                opened_on: date, uid: str | None = None, status: str = "open",
                closed_on: date | None = None, born_on: date | None = None,
                first_guideline_id: str | None = None) -> int:
    now = now_utc()
    cursor = conn.execute(
        "INSERT INTO cases (uid, guideline_id, first_guideline_id, municipality,"
        " responsible_user, responsible_unit, initiator_kind, initiator_public, concerns, status,"
        " opened_on, closed_on, born_on, created_at, created_by, updated_at, updated_by)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (uid or new_uid(), guideline_id, first_guideline_id or guideline_id, municipality,
         responsible_user, responsible_unit, initiator_kind, int(initiator_public), json.dumps(sorted(concerns)), status,
         opened_on.isoformat(), closed_on.isoformat() if closed_on else None,
         born_on.isoformat() if born_on else None, now, actor, now, actor),
    )
    return int(cursor.lastrowid)


def update_case(conn: Any, actor: str, case_id: int, **values: Any) -> None:
    """Change status/dates/guideline/concerns of a case (the history records why)."""
    allowed = {"guideline_id", "status", "closed_on", "born_on", "concerns",
               "responsible_user", "responsible_unit"}
    sets, params = [], []
    for key, value in values.items():
        if key not in allowed:
            raise KeyError(key)
        if isinstance(value, date):
            value = value.isoformat()
        elif key == "concerns":
            value = json.dumps(sorted(value))
        sets.append(f"{key} = ?")
        params.append(value)
    sets += ["updated_at = ?", "updated_by = ?"]
    params += [now_utc(), actor, case_id]
    conn.execute(f"UPDATE cases SET {', '.join(sets)} WHERE id = ?", params)


def get_case(conn: Any, case_id: int) -> CaseRecord | None:
    r = conn.execute(f"SELECT {_CASE_COLS} FROM cases WHERE id = ?", (case_id,)).fetchone()
    return _case(r) if r else None


def get_case_by_uid(conn: Any, uid: str) -> CaseRecord | None:
    r = conn.execute(f"SELECT {_CASE_COLS} FROM cases WHERE uid = ?", (uid,)).fetchone()
    return _case(r) if r else None


def count_cases(conn: Any, *, status: str | None = None) -> int:
    if status is None:
        return int(conn.execute("SELECT count(*) FROM cases").fetchone()[0])
    return int(conn.execute("SELECT count(*) FROM cases WHERE status = ?", (status,)).fetchone()[0])


def page_cases(conn: Any, offset: int, limit: int, *, status: str | None = None) -> list[CaseRecord]:
    """Open cases first, newest opened first (the `cases_list` index order)."""
    where = "WHERE status = ?" if status else ""
    params: list[Any] = [status] if status else []
    rows = conn.execute(
        f"SELECT {_CASE_COLS} FROM cases {where} ORDER BY status DESC, opened_on DESC, id DESC"
        " LIMIT ? OFFSET ?", (*params, int(limit), max(0, int(offset))))
    return [_case(r) for r in rows]


def cases_with_uid_prefix(conn: Any, prefix: str, limit: int) -> list[CaseRecord]:
    rows = conn.execute(f"SELECT {_CASE_COLS} FROM cases WHERE uid >= ? AND uid < ?"
                        " ORDER BY uid LIMIT ?", (prefix, prefix + "g", limit))
    return [_case(r) for r in rows]


def cases_of_persons(conn: Any, person_ids: Sequence[int], limit: int) -> list[CaseRecord]:
    if not person_ids:
        return []
    marks = ",".join("?" * len(person_ids))
    rows = conn.execute(
        f"SELECT {_CASE_COLS} FROM cases WHERE id IN (SELECT case_id FROM case_participants"
        f" WHERE person_id IN ({marks})) ORDER BY status DESC, opened_on DESC, id DESC LIMIT ?",
        (*person_ids, limit))
    return [_case(r) for r in rows]


# -- participants ---------------------------------------------------------------------
_PART_COLS = "id, uid, case_id, person_id, role, due_date, added_at, added_by, ended_at"


def _part(r: Sequence[Any]) -> ParticipantRecord:
    return ParticipantRecord(int(r[0]), r[1], int(r[2]), int(r[3]), r[4], _d(r[5]), r[6], r[7], r[8])


def add_participant(conn: Any, actor: str, case_id: int, person_id: int, role: str,
                    due_date: date | None = None, *, uid: str | None = None) -> int:
    cursor = conn.execute(
        "INSERT INTO case_participants (uid, case_id, person_id, role, due_date, added_at,"
        " added_by) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (uid or new_uid(), case_id, person_id, role,
         due_date.isoformat() if due_date else None, now_utc(), actor))
    return int(cursor.lastrowid)


def end_participant(conn: Any, actor: str, participant_id: int) -> None:
    conn.execute("UPDATE case_participants SET ended_at = ?, ended_by = ? WHERE id = ?",
                 (now_utc(), actor, participant_id))


def participants(conn: Any, case_id: int, *, active_only: bool = True) -> list[ParticipantRecord]:
    where = " AND ended_at IS NULL" if active_only else ""
    rows = conn.execute(f"SELECT {_PART_COLS} FROM case_participants WHERE case_id = ?{where}"
                        " ORDER BY id", (case_id,))
    return [_part(r) for r in rows]


def participants_of_cases(conn: Any, case_ids: Sequence[int]) -> dict[int, list[ParticipantRecord]]:
    out: dict[int, list[ParticipantRecord]] = {i: [] for i in case_ids}
    if not case_ids:
        return out
    marks = ",".join("?" * len(case_ids))
    for r in conn.execute(f"SELECT {_PART_COLS} FROM case_participants WHERE case_id IN ({marks})"
                          " AND ended_at IS NULL ORDER BY id", list(case_ids)):
        out[int(r[2])].append(_part(r))
    return out


# -- steps ------------------------------------------------------------------------------
def mark_step(conn: Any, actor: str, case_id: int, guideline_id: str, step_id: str,
              ticked: bool, note: str = "", *, uid: str | None = None,
              at: str | None = None) -> str:
    uid = uid or new_uid()
    conn.execute(
        "INSERT INTO case_steps (uid, case_id, guideline_id, step_id, ticked, note, marked_at,"
        " marked_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (uid, case_id, guideline_id, step_id, int(ticked), note, at or now_utc(), actor))
    return uid


def step_history(conn: Any, case_id: int) -> list[StepRecord]:
    rows = conn.execute("SELECT uid, guideline_id, step_id, ticked, note, marked_at, marked_by"
                        " FROM case_steps WHERE case_id = ? ORDER BY id", (case_id,))
    return [StepRecord(r[0], r[1], r[2], bool(r[3]), r[4], r[5], r[6]) for r in rows]


# -- history ---------------------------------------------------------------------------
def add_event(conn: Any, actor: str, case_id: int, action: str, text: str,
              detail: dict[str, Any] | None = None, *, uid: str | None = None,
              at: str | None = None) -> None:
    conn.execute(
        "INSERT INTO case_events (uid, case_id, happened_at, actor, action, text, detail)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (uid or new_uid(), case_id, at or now_utc(), actor, action, text[:2000],
         json.dumps(detail or {}, ensure_ascii=False, sort_keys=True)))


def events(conn: Any, case_id: int) -> list[EventRecord]:
    rows = conn.execute("SELECT uid, happened_at, actor, action, text, detail FROM case_events"
                        " WHERE case_id = ? ORDER BY id", (case_id,))
    return [EventRecord(r[0], r[1], r[2], r[3], r[4], json.loads(r[5])) for r in rows]


# -- consents --------------------------------------------------------------------------
_CONSENT_COLS = ("c.id, c.uid, c.case_id, c.person_id, c.filled_form_id, f.uid, c.answer,"
                 " c.manner, c.asked_on, c.asked_by, c.recorded_at, c.recorded_by")


def add_consent(conn: Any, actor: str, case_id: int, person_id: int, filled_form_id: int, *,
                answer: str, manner: str, asked_on: date, asked_by: str,
                uid: str | None = None) -> str:
    uid = uid or new_uid()
    conn.execute(
        "INSERT INTO case_consents (uid, case_id, person_id, filled_form_id, answer, manner,"
        " asked_on, asked_by, recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (uid, case_id, person_id, filled_form_id, answer, manner, asked_on.isoformat(),
         asked_by, now_utc(), actor))
    return uid


def consents(conn: Any, case_id: int) -> list[ConsentRecord]:
    """Every consent answer of a case, oldest first (the last one of a person counts)."""
    rows = conn.execute(
        f"SELECT {_CONSENT_COLS} FROM case_consents c JOIN filled_forms f ON f.id = c.filled_form_id"
        " WHERE c.case_id = ? ORDER BY c.asked_on, c.id", (case_id,))
    return [ConsentRecord(int(r[0]), r[1], int(r[2]), int(r[3]), int(r[4]), r[5], r[6], r[7],
                          date.fromisoformat(r[8]), r[9], r[10], r[11]) for r in rows]


def all_case_ids(conn: Any) -> list[int]:
    return [int(r[0]) for r in conn.execute("SELECT id FROM cases ORDER BY id")]
