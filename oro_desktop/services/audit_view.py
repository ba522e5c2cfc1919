"""Reading the audit log (admins only), and that reading is itself audited.

The store owns the log (`oro_desktop.store.audit`); this is the read-only slice the GUI
and the CLI use, so neither touches SQL nor a store type: rows come out as `AuditRow`.
Only admins may read it: the log names who looked at which record, which is itself
sensitive, so every read of it leaves an entry of its own ("read" of record type
"audit", with the filter used and how many entries were shown), as HSLF-FS 2016:40
4 kap. 9 § asks of access to the log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from oro_desktop.errors import InvalidInput
from oro_desktop.services import inputs
from oro_desktop.store import audit

if TYPE_CHECKING:
    from oro_desktop.services.session import Session

DEFAULT_LIMIT = 1000

ACTION_LABELS = {
    "read": "Läst", "create": "Skapat", "update": "Ändrat", "delete": "Raderat",
    "print": "Utskrift", "export": "Export", "import": "Import", "login": "Inloggning",
    "failed_login": "Misslyckad inloggning", "lock": "Låst", "logout": "Utloggning",
    "backup": "Säkerhetskopia", "restore": "Återställning", "recover": "Lösenord återställt",
    "password_change": "Lösenord bytt",
}
RECORD_LABELS = {
    "user": "Användare", "setting": "Inställning", "person": "Person", "consent": "Samtycke",
    "form": "Formulär", "draft": "Utkast", "contact": "Kontakt", "case": "Ärende",
    "plan": "Plan", "store": "Databas", "audit": "Granskningslogg",
    "audit_review": "Loggranskning",
}


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)


def record_label(record_type: str | None, record_id: str | None) -> str:
    kind = RECORD_LABELS.get(record_type or "", record_type or "")
    return f"{kind} {record_id}".strip() if record_id else kind


def local_time(ts: str | None) -> str:
    """UTC ISO time from the log as local 'YYYY-MM-DD HH:MM:SS' (unchanged if odd)."""
    if not ts:
        return ""
    try:
        moment = datetime.fromisoformat(ts.replace("Z", "+00:00"))
    except ValueError:
        return ts
    return moment.astimezone().strftime("%Y-%m-%d %H:%M:%S")
MAX_LIMIT = 1_000_000  # the design's scale: one clinic, a million audit events


@dataclass(frozen=True)
class AuditRow:
    """One audit entry as the GUI and the CLI see it (times are UTC ISO text)."""

    id: int
    ts: str
    actor: str
    action: str
    record_type: str | None
    record_id: str | None
    detail: dict[str, Any] | None
    unit: str | None
    hash: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "ts": self.ts, "actor": self.actor, "action": self.action,
            "record_type": self.record_type, "record_id": self.record_id,
            "detail": self.detail, "unit": self.unit, "hash": self.hash,
        }


def row_from_entry(entry: Any) -> AuditRow:
    """A store AuditEntry as an AuditRow (for audit_review too)."""
    return AuditRow(entry.id, entry.ts, entry.actor, entry.action, entry.record_type,
                    entry.record_id, entry.detail, entry.unit, entry.hash)


def bound_text(moment: date | datetime | None) -> str | None:
    """A date or datetime as the ISO text the UTC `ts` column is compared with."""
    if moment is None:
        return None
    if isinstance(moment, datetime):
        return moment.replace(tzinfo=None).isoformat(timespec="seconds")
    return moment.isoformat()


def day_after(day: date) -> date:
    """The exclusive end of a period given by its last day."""
    return day + timedelta(days=1)


def start_of(day: date) -> datetime:
    return datetime.combine(day, time.min)


def search(
    session: "Session", *, user: str | None = None, record: str | None = None,
    since: date | datetime | None = None, until: date | datetime | None = None,
    limit: int | None = DEFAULT_LIMIT,
) -> list[AuditRow]:
    """Entries newest first, filtered; audited as a read of the log in the same transaction.

    `since` is inclusive, `until` exclusive. `limit` None means every matching entry.
    """
    session.require_admin()
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int)
                              or not 1 <= limit <= MAX_LIMIT):
        raise InvalidInput(f"Antalet poster måste vara mellan 1 och {MAX_LIMIT}.")
    for moment, what in ((since, "Från"), (until, "Till")):
        if moment is not None:
            if not isinstance(moment, date):
                raise InvalidInput(f"{what}: ska vara ett datum.")
            inputs.check_date(moment, what)
    for text, what in ((user, "Användare"), (record, "Post")):
        if text is not None:
            inputs.check_text(text, what, max_len=200)
    with session.store.unit_of_work(session.user.name) as uow:
        entries = audit.query(uow.conn, user=user or None, record=record or None,
                              since=bound_text(since), until=bound_text(until), limit=limit)
        rows = [row_from_entry(e) for e in entries]
        detail: dict[str, Any] = {"shown": len(rows)}
        for key, value in (("user", user), ("record", record), ("since", bound_text(since)),
                           ("until", bound_text(until)), ("limit", limit)):
            if value:
                detail[key] = value
        uow.audit("read", "audit", None, detail)
    return rows


def recent_entries(
    session: "Session", *, user: str | None = None, limit: int = DEFAULT_LIMIT
) -> list[AuditRow]:
    """The newest `limit` entries, newest first, optionally only those by `user` (audited)."""
    return search(session, user=user, limit=limit)


def actors(session: "Session") -> list[str]:
    """Every user name that appears in the log, sorted, for the filter (names only)."""
    session.require_admin()
    with session.store.unit_of_work(session.user.name) as uow:
        rows = uow.conn.execute("SELECT DISTINCT actor FROM audit ORDER BY actor").fetchall()
    return [str(row[0]) for row in rows]
