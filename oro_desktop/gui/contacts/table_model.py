"""The Kontakter list as a Qt table model: "now" state, who, where, how, how fresh.

Rows carry a mark when the clinic changed them ("Lokalt ändrad" for an edited shipped
entry, "Lokalt tillagd" for one it added), so a number that differs from the guideline
is never mistaken for the guideline's own. The mark sits in the last column, beside the
verified date and the stale mark (all three say how far to trust the row), because that
column stretches and is never cut off; the name is set in italics too.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from oro_desktop.core.contacts import NowItem, NowState, verified_text

COLUMNS = ("Nu", "Verksamhet", "Kommun / region", "Telefon", "E-post", "Verifierad")
TITLE_COLUMN, PHONE_COLUMN, EMAIL_COLUMN, VERIFIED_COLUMN = 1, 3, 4, 5
STATE_WORDS = {
    NowState.OPEN: "Öppet", NowState.CLOSED: "Stängt", NowState.ALWAYS: "Dygnet runt",
    NowState.AFTER_HOURS: "Jour", NowState.UNKNOWN: "Tider saknas",
}
STALE_MARK = "⚠ kan vara inaktuell"
CHANGED_MARK = "Lokalt ändrad"
ADDED_MARK = "Lokalt tillagd"


class ContactsModel(QAbstractTableModel):
    """The "now"-ordered hits as rows; recommended rows are bold, local ones marked."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[NowItem] = []
        self._stale: list[bool] = []
        self._marks: list[str] = []
        self._mark_notes: list[str] = []

    def set_items(self, items: list[NowItem], stale: list[bool],
                  marks: list[str] | None = None, mark_notes: list[str] | None = None) -> None:
        """Replace the rows; `marks` holds "" or a local-change mark per row."""
        self.beginResetModel()
        self.items, self._stale = items, stale
        self._marks = marks if marks is not None else [""] * len(items)
        self._mark_notes = mark_notes if mark_notes is not None else [""] * len(items)
        self.endResetModel()

    def mark(self, row: int) -> str:
        return self._marks[row]

    def row_of(self, entry_id: str) -> int:
        """The row showing `entry_id`, or -1."""
        return next((r for r, i in enumerate(self.items) if i.entry.id == entry_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def cell_text(self, row: int, column: int) -> str:
        item = self.items[row]
        entry = item.entry
        if column == 0:
            return STATE_WORDS[item.status.state]
        if column == TITLE_COLUMN:
            return entry.title
        if column == 2:
            return entry.municipality or entry.region
        if column == PHONE_COLUMN:
            if entry.phones:
                return entry.phones[0].number
            return "fylls i lokalt" if entry.fill_locally else ""
        if column == EMAIL_COLUMN:
            return entry.emails[0] if entry.emails else ""
        parts = [verified_text(entry)]
        if self._stale[row]:
            parts.append(STALE_MARK)
        if self._marks[row]:
            parts.append(f"· {self._marks[row]}")
        return " ".join(parts)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(row, column)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            text = self.cell_text(row, column)
            mark = self._marks[row]
            return f"{text} ({mark.lower()})" if column == TITLE_COLUMN and mark else text
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                return self.items[row].status.text
            if column in (PHONE_COLUMN, EMAIL_COLUMN) and self.cell_text(row, column):
                return "Klicka för att kopiera"
            if column in (TITLE_COLUMN, VERIFIED_COLUMN) and self._mark_notes[row]:
                return f"{self.cell_text(row, column)}\n{self._mark_notes[row]}"
            return self.cell_text(row, column)
        if role == Qt.ItemDataRole.FontRole:
            recommended, marked = self.items[row].recommended, bool(self._marks[row])
            if recommended or (marked and column == TITLE_COLUMN):
                font = QFont()
                font.setBold(recommended)
                font.setItalic(marked and column == TITLE_COLUMN)
                return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None
