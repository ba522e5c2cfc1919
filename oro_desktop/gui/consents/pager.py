"""The Samtycken list, loaded in pages off the UI thread and refreshed row by row.

Why: at 100 000 consents, reading the whole list on the UI thread froze the window for
seconds after every unlock and every save. Now:

- a (re)query asks the service, on a worker (`gui.tasks.run_task`), for
  ``list_count(statuses=, text=)`` and the first page ``list_page(0, PAGE_SIZE, ...)``;
  the first screen is shown as soon as that returns;
- the table asks for more through Qt's ``canFetchMore``/``fetchMore`` when it is
  scrolled to the end; each further page is fetched on a worker too;
- a `Change("consent", uid, ...)` from ``session.changes`` (delivered on any thread,
  hopped to the UI thread by a queued signal) re-reads only that row (``row(uid)``) and
  puts it where the list order says among the loaded rows (``list_order_key``, the same
  order the service computes), or drops it when it no longer matches the filter.

The loaded rows are always a prefix of the service's list, so the next page's offset is
simply the number of rows loaded. A result that arrives after a newer query was asked
is dropped (`_generation`).
"""

from __future__ import annotations

import bisect
import logging
import threading
from collections.abc import Callable, Collection
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from shiboken6 import isValid

from oro_desktop.core.consent import ConsentStatus
from oro_desktop.gui.consents.model import ConsentTableModel
from oro_desktop.gui.tasks import run_task
from oro_desktop.services.changes import Change
from oro_desktop.services.consent_views import ConsentRow, list_order_key

if TYPE_CHECKING:
    from oro_desktop.services.changes import ChangeBus

log = logging.getLogger(__name__)

PAGE_SIZE = 200


class ConsentPages(Protocol):
    """What the list needs of the consent service (services/consents.py)."""

    def list_count(self, *, statuses: Collection[ConsentStatus] | None = None, text: str = "") -> int: ...

    def list_page(self, offset: int, limit: int, *, statuses: Collection[ConsentStatus] | None = None,
                  text: str = "") -> list[ConsentRow]: ...

    def row(self, uid: str) -> ConsentRow | None: ...


def uid(row: ConsentRow) -> str:
    return str(getattr(row, "uid"))


class PagedConsentModel(ConsentTableModel):
    """The loaded prefix of the consent list; see the module docstring.

    Signals (UI thread): `loaded()` after a query's first page is shown, `counted(int)`
    with the number of rows matching the filter, `row_refreshed(str)` after a change was
    applied, `failed(object)` with the exception of a failed read.
    """

    loaded = Signal()
    counted = Signal(int)
    row_refreshed = Signal(str)
    failed = Signal(object)
    _changed = Signal(str, str)  # (uid, action) from any thread, queued to the UI thread

    def __init__(self, service: ConsentPages, changes: ChangeBus | None = None, parent: Any = None,
                 *, page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.service = service
        self.page_size = page_size
        self._library = getattr(service, "library", None)
        self.statuses: frozenset[ConsentStatus] | None = None
        self.text = ""
        self.total = 0
        self._generation = 0
        self._querying = False
        self._fetching = False
        self._requery_after = False
        self._refreshing: set[str] = set()
        self._in_flight = 0  # changes published but not yet handled on the UI thread
        self._in_flight_lock = threading.Lock()
        self._changed.connect(self._on_change, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe: Callable[[], None] | None = None
        if changes is not None:
            self._unsubscribe = changes.subscribe(self._publish_hop, kinds=["consent"])
            self.destroyed.connect(self._unsubscribe)

    def lookup_form_title(self, form_id: str, version: int) -> str:
        """The title of that form version in the service's library (loaded and cached
        there already: the consents were made with it); the id if it is missing."""
        try:
            return str(self._library.get(form_id, version).title)
        except Exception:  # no library, or a form no longer shipped: show what we know
            return super().lookup_form_title(form_id, version)

    # -- state ---------------------------------------------------------------------------
    @property
    def busy(self) -> bool:
        """True while a query, a page or a row refresh is on its way."""
        return self._querying or self._fetching or bool(self._refreshing) or self._in_flight > 0

    def stop(self) -> None:
        """No more change deliveries (the widget is going away)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    # -- queries -------------------------------------------------------------------------
    def query(self, statuses: Collection[ConsentStatus] | None = None, text: str = "") -> None:
        """Ask for the list with this filter; the first page replaces the rows when it comes."""
        self.statuses = frozenset(statuses) if statuses is not None else None
        self.text = text.strip()
        self.requery()

    def requery(self) -> None:
        self._generation += 1
        generation = self._generation
        self._querying = True
        self._requery_after = False
        statuses, text, size = self.statuses, self.text, self.page_size

        def read() -> tuple[int, list[ConsentRow]]:  # worker thread
            total = self.service.list_count(statuses=statuses, text=text)
            return total, self.service.list_page(0, size, statuses=statuses, text=text)

        run_task(read, on_result=lambda r: self._first_page(generation, r),
                 on_error=lambda exc: self._read_failed(generation, exc))

    def _first_page(self, generation: int, result: tuple[int, list[ConsentRow]]) -> None:
        if not isValid(self) or generation != self._generation:
            return
        self._querying = False
        self._fetching = False
        self.total, rows = result
        self.set_rows(rows)
        self.counted.emit(self.total)
        self.loaded.emit()
        if self._requery_after:
            self.requery()

    def _read_failed(self, generation: int, exc: BaseException) -> None:
        if not isValid(self) or generation != self._generation:
            return
        self._querying = self._fetching = False
        self.failed.emit(exc)

    # -- more pages on scroll (Qt calls these) ------------------------------------------
    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: N802
        if parent.isValid() or self._querying or self._fetching:
            return False
        return len(self._rows) < self.total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation, offset = self._generation, len(self._rows)
        statuses, text, size = self.statuses, self.text, self.page_size
        run_task(lambda: self.service.list_page(offset, size, statuses=statuses, text=text),
                 on_result=lambda rows: self._more(generation, offset, rows),
                 on_error=lambda exc: self._read_failed(generation, exc))

    def _more(self, generation: int, offset: int, rows: list[ConsentRow]) -> None:
        if not isValid(self) or generation != self._generation:
            return
        self._fetching = False
        if offset != len(self._rows):  # the prefix changed meanwhile (a row moved): ask again
            self.fetchMore()
            return
        known = {uid(r) for r in self._rows}
        rows = [r for r in rows if uid(r) not in known]
        if not rows:
            self.total = len(self._rows)  # the list is shorter than we thought
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(rows) - 1)
        self._rows.extend(rows)
        self.endInsertRows()

    # -- one changed row -----------------------------------------------------------------
    def _publish_hop(self, change: Change) -> None:  # any thread
        with self._in_flight_lock:
            self._in_flight += 1
        self._changed.emit(change.id, change.action)

    def _on_change(self, changed_uid: str, action: str) -> None:
        with self._in_flight_lock:
            self._in_flight -= 1
        if not changed_uid or self.text:
            # A whole collection changed, or a text search is shown (the service decides
            # what matches a text): ask again; cheap, the filter is narrow.
            self._query_again()
            return
        if self._querying:
            self._requery_after = True
            return
        if action == "deleted":
            self._apply(changed_uid, None)
            return
        self._refreshing.add(changed_uid)
        generation = self._generation

        def done(row: ConsentRow | None) -> None:
            if not isValid(self):
                return
            self._refreshing.discard(changed_uid)
            if generation == self._generation:
                self._apply(changed_uid, row)
            self.row_refreshed.emit(changed_uid)

        def failed(exc: BaseException) -> None:
            if not isValid(self):
                return
            self._refreshing.discard(changed_uid)
            log.warning("consent row %s could not be read again: %s", changed_uid, exc)

        run_task(self.service.row, changed_uid, on_result=done, on_error=failed)

    def _query_again(self) -> None:
        if self._querying:
            self._requery_after = True
        else:
            self.requery()

    def _matches(self, row: ConsentRow) -> bool:
        return self.statuses is None or row.status in self.statuses

    def _apply(self, changed_uid: str, row: ConsentRow | None) -> None:
        """Put the fresh row where the list order says, or take it out."""
        old = next((i for i, r in enumerate(self._rows) if uid(r) == changed_uid), None)
        keep = row is not None and self._matches(row)
        if old is not None and row is not None and keep:
            rest = self._rows[:old] + self._rows[old + 1:]
            if self._position(rest, row) == old:  # same place: repaint that row only
                self._rows[old] = row
                self.dataChanged.emit(self.index(old, 0), self.index(old, self.columnCount() - 1))
                return
        if old is not None:
            self.beginRemoveRows(QModelIndex(), old, old)
            del self._rows[old]
            self.endRemoveRows()
            self.total -= 1
        if row is not None and keep:
            self.total += 1
            at = self._position(self._rows, row)
            # Past the loaded prefix while more is still to come: it arrives with its page.
            if at < len(self._rows) or len(self._rows) >= self.total - 1:
                self.beginInsertRows(QModelIndex(), at, at)
                self._rows.insert(at, row)
                self.endInsertRows()
        self.counted.emit(self.total)

    @staticmethod
    def _position(rows: list[ConsentRow], row: ConsentRow) -> int:
        keys = [list_order_key(r) for r in rows]
        return bisect.bisect_left(keys, list_order_key(row))
