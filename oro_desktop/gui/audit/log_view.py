"""Granskningslogg: the audit log, newest first, filterable by user (admins only).

Shows who did what to which record, when and in which care unit. Entries are read
through `oro_desktop.services.audit_view` on a worker thread (the log may hold a million
rows; the newest 1000 are shown) and filtered further by the global search field. Each
read of the log is itself audited by the service. The second tab, Loggranskning
(gui/audit/review_panel.py), is the log review: a sample of reads and prints, marked
and printed.

Registered as a section by gui/sections/audit_log.py (kept light for start-up).
"""

from __future__ import annotations

import json
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTabWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from oro_desktop.gui.tasks import run_task
from oro_desktop.gui.messages import error_text
from oro_desktop.services.audit_view import ACTION_LABELS as ACTIONS
from oro_desktop.services.audit_view import RECORD_LABELS as RECORD_TYPES
from oro_desktop.services.audit_view import local_time

COLUMNS = ("Tid", "Användare", "Händelse", "Typ", "Post", "Vårdenhet", "Detaljer")
ALL_USERS = "Alla användare"


def format_detail(detail: dict[str, Any] | None) -> str:
    """A detail dict as 'key: value; ...' (nested values as compact JSON)."""
    if not detail:
        return ""
    parts = []
    for key, value in detail.items():
        if key == "at" and isinstance(value, str):
            value = local_time(value)
        elif not isinstance(value, str):
            value = json.dumps(value, ensure_ascii=False)
        parts.append(f"{key}: {value}")
    return "; ".join(parts)


class AuditModel(QAbstractTableModel):
    """Read-only rows of AuditEntry-like objects."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[tuple[str, ...]] = []

    def set_entries(self, entries: list[Any]) -> None:
        self.beginResetModel()
        self._rows = [
            (
                local_time(e.ts),
                e.actor,
                ACTIONS.get(e.action, e.action),
                RECORD_TYPES.get(e.record_type or "", e.record_type or ""),
                "" if e.record_id is None else str(e.record_id),
                e.unit or "",
                format_detail(e.detail),
            )
            for e in entries
        ]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
                    Qt.ItemDataRole.AccessibleTextRole):
            return self._rows[index.row()][index.column()]
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None


class AuditLogView(QWidget):
    """The section widget; implements the optional `search(text)` hook."""

    search_placeholder = "Sök i granskningsloggen"

    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("auditLogView")
        self.setAccessibleName("Granskningslogg")
        self._loading = False

        heading = QLabel("Granskningslogg", self)
        heading.setProperty("role", "heading")
        intro = QLabel(
            "Varje läsning och ändring av uppgifter loggas här, nyast först, med "
            "vårdenhet. Loggen kan inte ändras, sparas minst fem år, och även läsningen "
            "av den loggas.", self)
        intro.setProperty("role", "muted")

        self.user_filter = QComboBox(self)
        self.user_filter.setObjectName("auditUserFilter")
        self.user_filter.setAccessibleName("Visa händelser för användare")
        self.user_filter.setMinimumWidth(200)
        self.user_filter.addItem(ALL_USERS, "")
        self.user_filter.currentIndexChanged.connect(lambda _i: self.reload())
        user_label = QLabel("&Användare:", self)
        user_label.setBuddy(self.user_filter)
        self.refresh_button = QPushButton("&Uppdatera", self)
        self.refresh_button.setObjectName("auditRefresh")
        self.refresh_button.setAccessibleName("Uppdatera granskningsloggen")
        self.refresh_button.clicked.connect(self.reload)
        self.status = QLabel("", self)
        self.status.setObjectName("auditStatus")
        self.status.setProperty("role", "muted")

        self.model = AuditModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.table = QTableView(self)
        self.table.setObjectName("auditTable")
        self.table.setAccessibleName("Händelser i granskningsloggen")
        self.table.setModel(self.proxy)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 110, 170, 90, 120, 130)):
            self.table.setColumnWidth(column, width)

        bar = QHBoxLayout()
        bar.addWidget(user_label)
        bar.addWidget(self.user_filter)
        bar.addWidget(self.refresh_button)
        bar.addStretch(1)
        bar.addWidget(self.status)
        events = QWidget(self)
        events_layout = QVBoxLayout(events)
        events_layout.setContentsMargins(0, 6, 0, 0)
        events_layout.addLayout(bar)
        events_layout.addWidget(self.table, 1)
        from oro_desktop.gui.audit.review_panel import ReviewPanel  # not at import: start-up

        self.review_panel = ReviewPanel(session, self)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("auditTabs")
        self.tabs.setAccessibleName("Granskningslogg och loggranskning")
        self.tabs.addTab(events, "&Händelser")
        self.tabs.addTab(self.review_panel, "&Loggranskning")
        self.tabs.currentChanged.connect(self._tab_changed)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.tabs, 1)
        self.reload()

    def reload(self) -> None:
        """Read the log again (off the UI thread) with the chosen user filter."""
        if self._loading:
            return
        from oro_desktop.services import audit_view

        self._loading = True
        self.status.setText("Läser …")
        user = self.user_filter.currentData() or None

        def read() -> tuple[list[Any], list[str]]:
            return audit_view.recent_entries(self.session, user=user), audit_view.actors(self.session)

        self._task = run_task(read, on_result=self._loaded, on_error=self._failed)

    def _loaded(self, result: tuple[list[Any], list[str]]) -> None:
        self._loading = False
        entries, actors = result
        self.model.set_entries(entries)
        current = self.user_filter.currentData() or ""
        self.user_filter.blockSignals(True)
        self.user_filter.clear()
        self.user_filter.addItem(ALL_USERS, "")
        for actor in actors:
            self.user_filter.addItem(actor, actor)
        self.user_filter.setCurrentIndex(max(0, self.user_filter.findData(current)))
        self.user_filter.blockSignals(False)
        self.review_panel.set_actors(actors)
        self._update_status()

    def _tab_changed(self, index: int) -> None:
        if self.tabs.widget(index) is self.review_panel:
            self.review_panel.reload()

    def _failed(self, exc: BaseException) -> None:
        self._loading = False
        self.status.setText(f"Loggen kunde inte läsas: {error_text(exc)}")

    def _update_status(self) -> None:
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.status.setText(f"{total} händelser" if shown == total else f"{shown} av {total} händelser")

    def search(self, text: str) -> None:
        """Global search hook: keep the rows containing `text` in any column."""
        self.proxy.setFilterFixedString(text.strip())
        self._update_status()

    def loaded(self) -> bool:
        return not self._loading

