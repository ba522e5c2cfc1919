"""Reading the audit log for the Granskningslogg view (admins only).

The store owns the log (`oro_desktop.store.audit`); this is the read-only slice the GUI
needs, so the GUI never touches SQL. Only admins may read it: the log names who looked
at which record, which is itself sensitive.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from oro_desktop.store import audit

if TYPE_CHECKING:
    from oro_desktop.services.session import Session

AuditEntry = audit.AuditEntry

DEFAULT_LIMIT = 1000


def recent_entries(
    session: "Session", *, user: str | None = None, limit: int = DEFAULT_LIMIT
) -> list[AuditEntry]:
    """The newest `limit` entries, newest first, optionally only those by `user`."""
    session.require_admin()
    with session.store.unit_of_work(session.user.name) as uow:
        return audit.query(uow.conn, user=user or None, limit=limit)


def actors(session: "Session") -> list[str]:
    """Every user name that appears in the log, sorted, for the filter."""
    session.require_admin()
    with session.store.unit_of_work(session.user.name) as uow:
        rows = uow.conn.execute("SELECT DISTINCT actor FROM audit ORDER BY actor").fetchall()
    return [row[0] for row in rows]
