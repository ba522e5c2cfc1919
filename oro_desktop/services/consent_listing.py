"""The Samtycken list: counted, paged, filtered and ordered in SQL from columns.

Part of `ConsentService`. Why paged: at 100 000 consents the list must show its first
screen without reading (or parsing) every consent; `list_count` and `list_page` let a
view fetch only what is shown, `row(uid)` refreshes one changed row. The order is
`STATUS_ORDER` then `list_order_key` (services/consent_views.py); the status is
core.consent.status computed in SQL (store/repos/consent_list.py).

Audit, as before: a listing that shows consents is one "read consent" entry with the
number of rows (`{"list": n, "child": id}`); a count shows nobody and is not audited.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date

from oro_desktop.core.consent import ConsentStatus
from oro_desktop.core.dates import days_left
from oro_desktop.core.identity import IdentityKind, IdentityNumber
from oro_desktop.core.persons import number_display
from oro_desktop.services.consent_base import ConsentBase
from oro_desktop.services.consent_views import STATUS_ORDER, ConsentRow, list_order_key
from oro_desktop.store.repos import consent_list
from oro_desktop.store.repos.consent_list import ListEntry

_ORDER = [s.value for s in STATUS_ORDER]
_IN_FORCE = (ConsentStatus.SIGNED, ConsentStatus.ACTIVE, ConsentStatus.EXPIRING)


def _statuses(statuses: Collection[ConsentStatus] | None) -> set[str] | None:
    return None if statuses is None else {ConsentStatus(s).value for s in statuses}


_STATUS = {s.value: s for s in ConsentStatus}
_KIND = {k.value: k for k in IdentityKind}


def row_of(e: ListEntry, today: date) -> ConsentRow:
    status = _STATUS[e.status]
    left = days_left(today, e.valid_to) if status in _IN_FORCE and e.valid_to else None
    number = ""
    if e.child_id is not None and e.id_kind:
        number = number_display(IdentityNumber(_KIND[e.id_kind], e.id_value, e.no_number_reason),
                                e.protected)
    return ConsentRow(e.id, e.uid, status, e.child_id, e.child_name, number, e.protected,
                      e.valid_from, e.valid_to, left, e.printed_on, e.form_id, e.form_version,
                      e.updated_at, e.renewed_from, f"{e.child_name.casefold()} {e.id_value}",
                      e.secret_address)


class ConsentListing(ConsentBase):
    def list_count(self, *, statuses: Collection[ConsentStatus] | None = None, text: str = "",
                   today: date | None = None) -> int:
        """How many consents the list holds (with these statuses / this text)."""
        with self._uow() as uow:
            return consent_list.count(uow.conn, today or self.today(),
                                      statuses=_statuses(statuses), text=text)

    def list_page(self, offset: int, limit: int, *,
                  statuses: Collection[ConsentStatus] | None = None, text: str = "",
                  today: date | None = None) -> list[ConsentRow]:
        """Rows offset..offset+limit in list order; `text` matches the child's name (case
        and å/ä/ö folded) or number."""
        return self._page(today or self.today(), offset, limit, statuses, text, None)

    def row(self, uid: str, today: date | None = None) -> ConsentRow | None:
        """One row (to refresh a changed one), or None if there is no such consent."""
        day = today or self.today()
        with self._uow() as uow:
            entry = consent_list.one(uow.conn, day, uid)
            if entry is not None:
                uow.audit("read", "consent", entry.id, {"list": 1})
        return row_of(entry, day) if entry else None

    def for_child(self, child_id: int, today: date | None = None) -> list[ConsentRow]:
        """All of one child's consents, same order."""
        return self._page(today or self.today(), 0, -1, None, "", child_id)

    def _page(self, today: date, offset: int, limit: int,
              statuses: Collection[ConsentStatus] | None, text: str,
              child_id: int | None) -> list[ConsentRow]:
        wanted = _statuses(statuses)
        with self._uow() as uow:
            if limit < 0 and offset <= 0:  # everything: one sequential pass, sorted here
                entries = consent_list.everything(uow.conn, today, statuses=wanted, text=text,
                                                  child_id=child_id)
            else:
                entries = consent_list.page(uow.conn, today, _ORDER, offset, limit,
                                            statuses=wanted, text=text, child_id=child_id)
            if entries:
                uow.audit("read", "consent", None, {"list": len(entries), "child": child_id})
        rows = [row_of(e, today) for e in entries]
        return sorted(rows, key=list_order_key) if limit < 0 and offset <= 0 else rows

    # Last in the class: the name shadows the builtin `list` in the annotations after it.
    def list(self, today: date | None = None, status: ConsentStatus | None = None) -> list[ConsentRow]:
        """All consents (optionally of one status), in the order of the module docstring."""
        return self._page(today or self.today(), 0, -1, None if status is None else {status},
                          "", None)
