"""Consents: the lifecycle facts of a filled consent form, its guardians, its scan.

Why only facts: the status (active, expiring, expired, ...) depends on today's date and
is derived by core.consent.status, never stored, so it cannot go stale. A row here maps
one-to-one onto core's `Consent` (plus the links: filled form, child, renewed_from).
The scan of the signed paper is an attachment BLOB inside the encrypted file.

Each consent has a stable `uid` (32 hex digits, migration 0004), generated on insert
unless an import keeps one, and `child_name`: the child's name as typed in the form, so
the Samtycken list never has to parse the form JSON (store/repos/consent_list.py).
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import date

from oro_desktop.core.consent import Consent, Registration, SignedPaper
from oro_desktop.store.audit import now_utc

_SELECT = """
SELECT c.id, c.filled_form_id, c.child_person_id, c.valid_from, c.valid_to, c.printed_on,
       c.signed_on, c.signed_received_on, c.signed_registered_by, c.scan_attachment_id,
       c.revoked_received_on, c.revoked_registered_by, c.declined_on, c.declined_by,
       c.renewed_from, c.created_at, c.created_by, c.updated_at, c.updated_by,
       f.form_id, f.form_version, f.data, c.uid, f.uid, c.child_name,
       c.guardian_count, c.signer_name, c.second_signed_on, c.second_received_on,
       c.second_registered_by, c.second_signer_name
FROM consents c JOIN filled_forms f ON f.id = c.filled_form_id
"""


@dataclass(frozen=True)
class ConsentRecord:
    """A stored consent: core's Consent plus its id, links and who touched it when."""

    id: int
    consent: Consent
    filled_form_id: int
    child_id: int | None
    renewed_from: int | None
    created_at: str
    created_by: str
    updated_at: str
    updated_by: str
    uid: str = ""
    filled_form_uid: str = ""
    child_name: str = ""  # as typed in the form (the person's name wins when linked)


@dataclass(frozen=True)
class Guardian:
    """A guardian named in a consent: a person in the store, or only a name."""

    position: int
    name: str
    person_id: int | None = None


@dataclass(frozen=True)
class Attachment:
    id: int
    mime: str
    filename: str
    size: int
    sha256: str
    content: bytes
    created_at: str
    created_by: str


def _d(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _record(r) -> ConsentRecord:
    signed = None
    if r[6]:
        signed = SignedPaper(_d(r[6]), Registration(_d(r[7]), r[8]),  # type: ignore[arg-type]
                             str(r[9]) if r[9] is not None else None, r[26] or "")
    second = None
    if r[27]:
        second = SignedPaper(_d(r[27]), Registration(_d(r[28]), r[29]),  # type: ignore[arg-type]
                             None, r[30] or "")
    consent = Consent(
        form_id=r[19], form_version=int(r[20]), data=json.loads(r[21]),
        valid_from=_d(r[3]), valid_to=_d(r[4]), printed_on=_d(r[5]), signed=signed,
        revoked=Registration(_d(r[10]), r[11]) if r[10] else None,  # type: ignore[arg-type]
        declined=Registration(_d(r[12]), r[13]) if r[12] else None,  # type: ignore[arg-type]
        guardians=int(r[25]), second_signed=second,
    )
    return ConsentRecord(int(r[0]), consent, int(r[1]), r[2], r[14], r[15], r[16], r[17], r[18],
                         r[22], r[23], r[24])


def _facts(consent: Consent) -> tuple:
    s, rv, dc = consent.signed, consent.revoked, consent.declined
    return (
        _iso(consent.valid_from), _iso(consent.valid_to), _iso(consent.printed_on),
        _iso(s.signed_on) if s else None, _iso(s.received.on) if s else None,
        s.received.by if s else None, int(s.scan_ref) if s and s.scan_ref else None,
        _iso(rv.on) if rv else None, rv.by if rv else None,
        _iso(dc.on) if dc else None, dc.by if dc else None,
        int(consent.guardians), s.signer if s else "",
        _iso(consent.second_signed.signed_on) if consent.second_signed else None,
        _iso(consent.second_signed.received.on) if consent.second_signed else None,
        consent.second_signed.received.by if consent.second_signed else None,
        consent.second_signed.signer if consent.second_signed else "",
    )


_FACT_COLUMNS = ("valid_from", "valid_to", "printed_on", "signed_on", "signed_received_on",
                 "signed_registered_by", "scan_attachment_id", "revoked_received_on",
                 "revoked_registered_by", "declined_on", "declined_by",
                 "guardian_count", "signer_name", "second_signed_on", "second_received_on",
                 "second_registered_by", "second_signer_name")


def insert(conn, actor: str, filled_form_id: int, consent: Consent, *,
           child_id: int | None, renewed_from: int | None = None, child_name: str = "",
           uid: str | None = None) -> int:
    """A new consent row; `uid` is generated unless given (an import keeps its ids)."""
    now = now_utc()
    cols = ", ".join(_FACT_COLUMNS)
    marks = ", ".join("?" * len(_FACT_COLUMNS))
    cursor = conn.execute(
        f"INSERT INTO consents (uid, filled_form_id, child_person_id, renewed_from, child_name,"
        f" child_sort, {cols}, created_at, created_by, updated_at, updated_by)"
        f" VALUES (?, ?, ?, ?, ?, ?, {marks}, ?, ?, ?, ?)",
        (uid or uuid.uuid4().hex, filled_form_id, child_id, renewed_from, child_name,
         sort_name(conn, child_id, child_name), *_facts(consent), now, actor, now, actor),
    )
    return int(cursor.lastrowid)


def update(conn, actor: str, consent_id: int, consent: Consent, *, child_id: int | None,
           child_name: str | None = None) -> None:
    """Write the facts (and the child link) of `consent`; the form data is a new version in
    store/repos/forms.py. `child_name` None keeps the stored one."""
    sets = ", ".join(f"{c} = ?" for c in _FACT_COLUMNS)
    if child_name is None:
        r = conn.execute("SELECT child_name FROM consents WHERE id = ?", (consent_id,)).fetchone()
        child_name = r[0] if r else ""
    conn.execute(
        f"UPDATE consents SET child_person_id = ?, child_name = ?, child_sort = ?, {sets},"
        f" updated_at = ?, updated_by = ? WHERE id = ?",
        (child_id, child_name, sort_name(conn, child_id, child_name), *_facts(consent),
         now_utc(), actor, consent_id),
    )


NO_CHILD = "(barnet ej angivet)"


def sort_name(conn, child_id: int | None, child_name: str) -> str:
    """`consents.child_sort`: the name the list shows, casefolded (migration 0004)."""
    name = None
    if child_id is not None:
        r = conn.execute("SELECT name FROM persons WHERE id = ?", (child_id,)).fetchone()
        name = r[0] if r else None
    return (name if name is not None else (child_name or NO_CHILD)).casefold()


def get(conn, consent_id: int) -> ConsentRecord | None:
    r = conn.execute(_SELECT + " WHERE c.id = ?", (consent_id,)).fetchone()
    return _record(r) if r else None


def id_of(conn, uid: str) -> int | None:
    r = conn.execute("SELECT id FROM consents WHERE uid = ?", (uid,)).fetchone()
    return int(r[0]) if r else None


def list_all(conn, *, child_id: int | None = None) -> list[ConsentRecord]:
    """Every consent (or one child's), newest first; the caller sorts by status."""
    if child_id is None:
        rows = conn.execute(_SELECT + " ORDER BY c.id DESC")
    else:
        rows = conn.execute(_SELECT + " WHERE c.child_person_id = ? ORDER BY c.id DESC",
                            (child_id,))
    return [_record(r) for r in rows]


def latest_for_child(conn, child_id: int) -> ConsentRecord | None:
    r = conn.execute(_SELECT + " WHERE c.child_person_id = ? ORDER BY c.id DESC LIMIT 1",
                     (child_id,)).fetchone()
    return _record(r) if r else None


def latest_by(conn, actor: str) -> ConsentRecord | None:
    """The consent this user created last (to pre-fill who obtains the next one)."""
    r = conn.execute(_SELECT + " WHERE c.created_by = ? ORDER BY c.id DESC LIMIT 1",
                     (actor,)).fetchone()
    return _record(r) if r else None


def set_guardians(conn, consent_id: int, guardians: list[Guardian]) -> None:
    conn.execute("DELETE FROM consent_guardians WHERE consent_id = ?", (consent_id,))
    conn.executemany(
        "INSERT INTO consent_guardians (consent_id, position, person_id, name) VALUES (?, ?, ?, ?)",
        [(consent_id, g.position, g.person_id, g.name) for g in guardians],
    )


def guardians(conn, consent_id: int) -> list[Guardian]:
    rows = conn.execute(
        "SELECT position, name, person_id FROM consent_guardians WHERE consent_id = ?"
        " ORDER BY position", (consent_id,))
    return [Guardian(int(r[0]), r[1], r[2]) for r in rows]


def guardians_of_child(conn, child_id: int) -> list[Guardian]:
    """Guardians named in the child's earlier consents (person-linked), newest first."""
    rows = conn.execute(
        "SELECT g.position, g.name, g.person_id FROM consent_guardians g"
        " JOIN consents c ON c.id = g.consent_id WHERE c.child_person_id = ?"
        " ORDER BY c.id DESC, g.position", (child_id,))
    return [Guardian(int(r[0]), r[1], r[2]) for r in rows]


def add_attachment(conn, actor: str, *, owner_type: str, owner_id: int, kind: str,
                   mime: str, filename: str, content: bytes) -> int:
    cursor = conn.execute(
        "INSERT INTO attachments (owner_type, owner_id, kind, mime, filename, size, sha256,"
        " content, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (owner_type, owner_id, kind, mime, filename, len(content),
         hashlib.sha256(content).hexdigest(), bytes(content), now_utc(), actor),
    )
    return int(cursor.lastrowid)


def get_attachment(conn, attachment_id: int) -> Attachment | None:
    r = conn.execute(
        "SELECT id, mime, filename, size, sha256, content, created_at, created_by"
        " FROM attachments WHERE id = ?", (attachment_id,)).fetchone()
    return Attachment(int(r[0]), r[1], r[2], int(r[3]), r[4], bytes(r[5]), r[6], r[7]) if r else None


def delete_draft(conn, consent_id: int) -> bool:
    """Delete a consent that is still a draft (never printed, signed, declined or renewed
    into another); its guardians go with it (ON DELETE CASCADE). The filled form stays:
    form versions are append-only (migration 0004). False if it is not such a draft."""
    cur = conn.execute(
        "DELETE FROM consents WHERE id = ? AND printed_on IS NULL AND signed_on IS NULL "
        "AND declined_on IS NULL AND revoked_received_on IS NULL "
        "AND NOT EXISTS (SELECT 1 FROM consents r WHERE r.renewed_from = consents.id)",
        (int(consent_id),))
    return cur.rowcount == 1
