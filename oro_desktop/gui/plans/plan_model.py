"""The table model of a case's plans (Qt model/view), sortable by the next follow-up.

Why a model of its own and not a QTableWidget: the list is sorted by a proxy
(QSortFilterProxyModel) on a sort role that holds the real value (a date's ordinal, a
number), while the display text says in words what the date means: a passed follow-up
reads "Uppföljning passerad", not only red. Rows are the service's `PlanRow` values.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

ROW_ROLE = Qt.ItemDataRole.UserRole
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ALERT = QColor("#a4141a")
PASSED = "Uppföljning passerad"
#: The follow-up second: it is what the list is sorted by and what needs acting on.
HEADERS = ("Plan", "Nästa uppföljning", "Samtycke", "Samordningsansvarig", "Versioner",
           "Senast sparad")
COL_TITLE, COL_FOLLOW_UP, COL_CONSENT, COL_COORDINATOR, COL_VERSIONS, COL_UPDATED = range(6)
NO_DATE = 10**8  # sorts plans without a follow-up date last (ascending)

Index = QModelIndex | QPersistentModelIndex


def consent_text(with_consent: bool | None) -> str:
    if with_consent is None:
        return "Inte angivet"
    return "Med samtycke" if with_consent else "Utan samtycke"


def follow_up_text(row: Any) -> str:
    """'2026-12-10 (om 9 dagar)', '2026-11-20 – Uppföljning passerad', 'Inget datum'."""
    when: date | None = row.next_follow_up
    if when is None:
        return "Inget datum"
    if row.follow_up_due:
        return f"{when.isoformat()} – {PASSED}"
    days = row.days_to_follow_up
    if days is None:
        return when.isoformat()
    if days == 0:
        return f"{when.isoformat()} (i dag)"
    if days == 1:
        return f"{when.isoformat()} (i morgon)"
    return f"{when.isoformat()} (om {days} dagar)"


def updated_text(row: Any) -> str:
    when = str(row.updated_at or "").replace("T", " ")[:16]
    who = row.updated_by or ""
    return f"{when}, {who}" if when and who else when or who or "–"


class PlanTableModel(QAbstractTableModel):
    """The plans of one case; `set_rows(rows)` replaces them (a reload)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.rows: list[Any] = []

    def set_rows(self, rows: list[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802,B008 (Qt)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802,B008 (Qt)
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        col = index.column()
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(row, col)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{HEADERS[col]}: {self._text(row, col)}"
        if role == SORT_ROLE:
            return self._sort_key(row, col)
        if col == COL_FOLLOW_UP and row.follow_up_due:
            if role == Qt.ItemDataRole.ForegroundRole:
                return ALERT
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
        if role == Qt.ItemDataRole.ToolTipRole and col == COL_FOLLOW_UP:
            who = row.follow_up_by or "inte angivet"
            return f"Följs upp av: {who}"
        return None

    @staticmethod
    def _text(row: Any, col: int) -> str:
        if col == COL_TITLE:
            return str(row.title)
        if col == COL_CONSENT:
            return consent_text(row.with_consent)
        if col == COL_COORDINATOR:
            return row.coordinator or "Inte utsedd"
        if col == COL_FOLLOW_UP:
            return follow_up_text(row)
        if col == COL_VERSIONS:
            return str(row.versions)
        return updated_text(row)

    @staticmethod
    def _sort_key(row: Any, col: int) -> Any:
        if col == COL_FOLLOW_UP:
            return row.next_follow_up.toordinal() if row.next_follow_up else NO_DATE
        if col == COL_VERSIONS:
            return int(row.versions)
        if col == COL_UPDATED:
            return str(row.updated_at or "")
        return PlanTableModel._text(row, col).casefold()
