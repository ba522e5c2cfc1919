"""The case list as a Qt table model, read in pages off the UI thread.

Why paged like Samtycken: a clinic's register holds thousands of cases. A (re)query asks
`CaseService.list_count` and the first page on a worker (`gui.tasks.run_task`); more
pages come through Qt's `canFetchMore`/`fetchMore` as the table is scrolled. A
`Change("case", ...)` on `session.changes` (any thread, hopped to the UI thread by a
queued signal) asks again, coalesced, so a burst of writes reads once: a case write can
move the row (open cases first, newest first), and the first page is cheap.
A text search (`set_text`) shows what `CaseService.find` found instead (at most 200
cases, and the persons found in `persons`); `set_person` shows one person's cases.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer, Signal
from shiboken6 import isValid

from oro_desktop.gui.tasks import run_task
from oro_desktop.services.case_views import CaseRow, PersonHit

PAGE_SIZE = 200
SEARCH_LIMIT = 200
ROW_ROLE = Qt.ItemDataRole.UserRole
HEADERS = ("Gäller", "Personer", "Region", "Kommun", "Öppnat", "Status", "Ansvarig")


def cells(row: CaseRow) -> tuple[str, ...]:
    return (row.subject, ", ".join(row.persons), row.region or row.guideline_id, row.municipality,
            row.opened_on.isoformat(), row.status_label, row.responsible)


class CaseTableModel(QAbstractTableModel):
    """The loaded prefix of the case list. Signals: `loaded()`, `failed(object)`."""

    loaded = Signal()
    failed = Signal(object)
    _changed = Signal()  # from any thread, queued to the UI thread

    def __init__(self, service: Any, changes: Any = None, parent: Any = None, *,
                 page_size: int = PAGE_SIZE) -> None:
        super().__init__(parent)
        self.service = service
        self.page_size = page_size
        self.rows: list[CaseRow] = []
        self.total = 0
        self.text = ""
        self.persons: tuple[PersonHit, ...] = ()  # found by the text search
        self.person: PersonHit | None = None      # showing this person's cases
        self._generation = 0
        self._querying = False
        self._fetching = False
        self._in_flight = 0
        self._lock = threading.Lock()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(80)
        self._timer.timeout.connect(self.requery)
        self._changed.connect(self._on_change, Qt.ConnectionType.QueuedConnection)
        self._unsubscribe: Callable[[], None] | None = None
        if changes is not None:
            self._unsubscribe = changes.subscribe(self._hop, kinds=["case"])
            self.destroyed.connect(self._unsubscribe)

    @property
    def busy(self) -> bool:
        return self._querying or self._fetching or self._timer.isActive() or self._in_flight > 0

    def stop(self) -> None:
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None

    # -- Qt model ------------------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.ToolTipRole and index.column() == 2:
            return row.guideline_title  # every region's title starts alike; the region tells
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return cells(row)[index.column()]
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{HEADERS[index.column()]}: {cells(row)[index.column()]}"
        if role == ROW_ROLE:
            return row
        return None

    # -- reads ---------------------------------------------------------------------------
    def set_text(self, text: str) -> None:
        self.text = str(text or "").strip()[:200]
        self.person = None
        self.requery()

    def set_person(self, person: PersonHit | None) -> None:
        """Show one person's cases (None: the text search's cases again)."""
        self.person = person
        self.requery()

    def requery(self) -> None:
        self._generation += 1
        generation, text, size, service = self._generation, self.text, self.page_size, self.service
        person = self.person
        self._querying = True

        def read() -> tuple[int, list[CaseRow], tuple[PersonHit, ...] | None]:  # worker thread
            if person is not None:
                found = service.of_person(person.uid, limit=SEARCH_LIMIT)
                return len(found), found, None  # the persons found stay as they were
            if text:
                result = service.find(text, limit=SEARCH_LIMIT)
                return len(result.cases), list(result.cases), result.persons
            return service.list_count(), service.list_page(0, size), ()

        run_task(read, on_result=lambda r: self._first(generation, r),
                 on_error=lambda exc: self._failed(generation, exc))

    def _first(self, generation: int,
               result: tuple[int, list[CaseRow], tuple[PersonHit, ...] | None]) -> None:
        if not isValid(self) or generation != self._generation:
            return
        self._querying = self._fetching = False
        self.beginResetModel()
        self.total, self.rows = result[0], list(result[1])
        if result[2] is not None:
            self.persons = result[2]
        self.endResetModel()
        self.loaded.emit()

    def _failed(self, generation: int, exc: BaseException) -> None:
        if not isValid(self) or generation != self._generation:
            return
        self._querying = self._fetching = False
        self.failed.emit(exc)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: N802
        if parent.isValid() or self._querying or self._fetching or self.text or self.person:
            return False
        return len(self.rows) < self.total

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: N802
        if not self.canFetchMore(parent):
            return
        self._fetching = True
        generation, offset, size = self._generation, len(self.rows), self.page_size
        run_task(self.service.list_page, offset, size,
                 on_result=lambda rows: self._more(generation, offset, rows),
                 on_error=lambda exc: self._failed(generation, exc))

    def _more(self, generation: int, offset: int, rows: list[CaseRow]) -> None:
        if not isValid(self) or generation != self._generation:
            return
        self._fetching = False
        known = {r.uid for r in self.rows}
        rows = [r for r in rows if r.uid not in known]
        if offset != len(self.rows) or not rows:
            self.total = len(self.rows) if not rows else self.total
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(rows) - 1)
        self.rows.extend(rows)
        self.endInsertRows()

    # -- the change stream ---------------------------------------------------------------
    def _hop(self, _change: Any) -> None:  # any thread
        with self._lock:
            self._in_flight += 1
        self._changed.emit()

    def _on_change(self) -> None:
        with self._lock:
            self._in_flight -= 1
        self._timer.start()

    def row_of(self, uid: str) -> int | None:
        return next((i for i, r in enumerate(self.rows) if r.uid == uid), None)
