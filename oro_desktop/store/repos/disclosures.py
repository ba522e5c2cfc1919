"""Disclosures without consent (migration 0007): the record form's columns beside it.

A disclosure is append-only except that "told after" is written once, later (a trigger
refuses every other change). services/disclosures.py checks the law before it writes.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from oro_desktop.store.audit import now_utc


@dataclass(frozen=True)
class DisclosureRecord:
    id: int
    uid: str
    case_id: int
    filled_form_id: int
    filled_form_uid: str
    disclosed_on: date
    sender: str
    sender_public: bool
    recipient: str
    recipient_public: bool
    legal_basis: str
    decided_by: str
    informed: str
    told_before_on: date | None
    told_before: str
    told_after_on: date | None
    told_after: str
    exemption_reason: str
    recorded_at: str
    recorded_by: str


_COLS = ("d.id, d.uid, d.case_id, d.filled_form_id, f.uid, d.disclosed_on, d.sender,"
         " d.sender_public, d.recipient, d.recipient_public, d.legal_basis, d.decided_by,"
         " d.informed, d.told_before_on, d.told_before, d.told_after_on, d.told_after,"
         " d.exemption_reason, d.recorded_at, d.recorded_by")
_FROM = " FROM disclosures d JOIN filled_forms f ON f.id = d.filled_form_id"


def _d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _row(r: Sequence[Any]) -> DisclosureRecord:
    return DisclosureRecord(
        int(r[0]), r[1], int(r[2]), int(r[3]), r[4], date.fromisoformat(r[5]), r[6], bool(r[7]),
        r[8], bool(r[9]), r[10], r[11], r[12], _d(r[13]), r[14], _d(r[15]), r[16], r[17],
        r[18], r[19])


def insert(conn: Any, actor: str, case_id: int, filled_form_id: int, *, disclosed_on: date,
           sender: str, sender_public: bool, recipient: str, recipient_public: bool,
           legal_basis: str, decided_by: str, informed: str, told_before_on: date | None,
           told_before: str, told_after_on: date | None, told_after: str,
           exemption_reason: str, uid: str | None = None) -> int:
    cursor = conn.execute(
        "INSERT INTO disclosures (uid, case_id, filled_form_id, disclosed_on, sender,"
        " sender_public, recipient, recipient_public, legal_basis, decided_by, informed,"
        " told_before_on, told_before, told_after_on, told_after, exemption_reason,"
        " recorded_at, recorded_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (uid or uuid.uuid4().hex, case_id, filled_form_id, disclosed_on.isoformat(), sender,
         int(sender_public), recipient, int(recipient_public), legal_basis, decided_by, informed,
         told_before_on.isoformat() if told_before_on else None, told_before,
         told_after_on.isoformat() if told_after_on else None, told_after, exemption_reason,
         now_utc(), actor))
    return int(cursor.lastrowid)


def set_told_after(conn: Any, disclosure_id: int, on: date, text: str) -> None:
    conn.execute("UPDATE disclosures SET told_after_on = ?, told_after = ? WHERE id = ?",
                 (on.isoformat(), text, disclosure_id))


def get_by_uid(conn: Any, uid: str) -> DisclosureRecord | None:
    r = conn.execute(f"SELECT {_COLS}{_FROM} WHERE d.uid = ?", (uid,)).fetchone()
    return _row(r) if r else None


def of_case(conn: Any, case_id: int) -> list[DisclosureRecord]:
    rows = conn.execute(f"SELECT {_COLS}{_FROM} WHERE d.case_id = ? ORDER BY d.disclosed_on, d.id",
                        (case_id,))
    return [_row(r) for r in rows]


def to_tell_after(conn: Any, limit: int = 200) -> list[DisclosureRecord]:
    """Disclosures whose person is still to be told afterwards (for Att göra)."""
    rows = conn.execute(f"SELECT {_COLS}{_FROM} WHERE d.informed = 'yes' AND d.told_after_on IS NULL"
                        " ORDER BY d.disclosed_on, d.id LIMIT ?", (limit,))
    return [_row(r) for r in rows]
