"""Qt model/view over the consent list: one row per consent, colour AND text per status.

This module is the display (columns, colours, texts) over rows already loaded; how the
rows arrive (paged, off the UI thread, refreshed per change) is `gui/consents/pager.py`.
The service delivers the rows in the order a clinician needs (expiring first), and the
filters (status, search text) are asked of the service, never applied here: at 100 000
consents only the first pages are ever in memory.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from oro_desktop.core.consent import ConsentStatus
from oro_desktop.core.dates import day_count, format_date
from oro_desktop.services.consent_views import STATUS_ORDER, ConsentRow

COLUMNS = ("Barn", "Personnummer", "Status", "Giltigt t.o.m.", "Dagar kvar", "Formulär")
COL_CHILD, COL_NUMBER, COL_STATUS, COL_VALID_TO, COL_DAYS, COL_FORM = range(len(COLUMNS))

#: Background and text colour per status (text contrast >= 4.5:1); the label says it too.
STATUS_COLOURS: dict[ConsentStatus, tuple[str, str]] = {
    ConsentStatus.EXPIRING: ("#ffe3b3", "#5c3300"),
    ConsentStatus.PRINTED: ("#dcebfa", "#123c66"),
    ConsentStatus.DRAFT: ("#eceef1", "#30363d"),
    ConsentStatus.ACTIVE: ("#d9f2dc", "#17461c"),
    ConsentStatus.SIGNED: ("#d8f0ef", "#134542"),
    ConsentStatus.EXPIRED: ("#f8dadb", "#7a1015"),
    ConsentStatus.REVOKED: ("#e4d9ec", "#452159"),
    ConsentStatus.DECLINED: ("#e9e4df", "#4a3b2c"),
    ConsentStatus.WAITING_OTHER: ("#fff1c2", "#574000"),
}
#: A glyph before the label, so the status is readable without colour (and in grey print).
STATUS_GLYPHS: dict[ConsentStatus, str] = {
    ConsentStatus.EXPIRING: "⚠", ConsentStatus.PRINTED: "✉", ConsentStatus.DRAFT: "✎",
    ConsentStatus.ACTIVE: "✔", ConsentStatus.SIGNED: "◷", ConsentStatus.EXPIRED: "✖",
    ConsentStatus.REVOKED: "⊘", ConsentStatus.DECLINED: "—", ConsentStatus.WAITING_OTHER: "✍",
}
NO_VALIDITY = {ConsentStatus.REVOKED, ConsentStatus.DECLINED}
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the ConsentRow itself
SORT_ROLE = Qt.ItemDataRole.UserRole + 2


def status_text(status: ConsentStatus) -> str:
    return f"{STATUS_GLYPHS[status]} {status.label}"


def days_text(row: ConsentRow) -> str:
    if row.days_left is None:
        return ""
    if row.status is ConsentStatus.SIGNED and row.valid_from:
        return "ej startat"
    return "sista dagen" if row.days_left == 0 else day_count(row.days_left)


class ConsentTableModel(QAbstractTableModel):
    """Read-only rows of ConsentRow (the loaded prefix of the list; see pager.py)."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._rows: list[ConsentRow] = []
        self._titles: dict[tuple[str, int], str] = {}

    def form_title(self, form_id: str, version: int) -> str:
        """The form's title for the Formulär column (issue 13: not its id), cached per
        (id, version): rows share a handful of forms."""
        key = (form_id, int(version))
        if key not in self._titles:
            self._titles[key] = self.lookup_form_title(form_id, int(version))
        return self._titles[key]

    def lookup_form_title(self, form_id: str, version: int) -> str:
        """Without a form library: the id and version (the paged model looks it up)."""
        return f"{form_id} v{version}"

    def set_rows(self, rows: list[ConsentRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def rows(self) -> list[ConsentRow]:
        return list(self._rows)

    def row_at(self, row: int) -> ConsentRow:
        return self._rows[row]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, col = self._rows[index.row()], index.column()
        if role == ROW_ROLE:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._text(row, col)
        if role == Qt.ItemDataRole.ToolTipRole:
            if col in (COL_CHILD, COL_NUMBER) and row.protected:
                return "Skyddade personuppgifter: numret visas maskerat och adressen visas inte."
            if col == COL_CHILD and row.secret_address:
                return "Hemlig vistelseort: adressen visas inte och skrivs aldrig ut."
            if col == COL_NUMBER and row.child_number.startswith("Saknas"):
                return row.child_number
            if col == COL_STATUS and row.status is ConsentStatus.PRINTED and row.printed_on:
                return f"Utskrivet {format_date(row.printed_on)}"
            if col == COL_FORM:
                return f"{self._text(row, col)} ({row.form_id}, version {row.form_version})"
            return self._text(row, col)
        if role == SORT_ROLE:
            return self._sort_value(index.row(), row, col)
        if col == COL_STATUS and role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor(STATUS_COLOURS[row.status][0]))
        if col == COL_STATUS and role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(STATUS_COLOURS[row.status][1]))
        if col == COL_DAYS and role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _text(self, row: ConsentRow, col: int) -> str:
        if col == COL_CHILD:
            if row.protected:
                return row.child_name + " (skyddad)"
            return row.child_name + (" (hemlig vistelseort)" if row.secret_address else "")
        if col == COL_NUMBER:
            return "Saknas" if row.child_number.startswith("Saknas") else row.child_number
        if col == COL_STATUS:
            return status_text(row.status)
        if col == COL_VALID_TO:  # a revoked or declined consent is valid to no date at all
            return "" if row.status in NO_VALIDITY else format_date(row.valid_to)
        if col == COL_DAYS:
            return days_text(row)
        return self.form_title(row.form_id, row.form_version)

    def _sort_value(self, position: int, row: ConsentRow, col: int) -> Any:
        if col == COL_STATUS:
            return (STATUS_ORDER.index(row.status), position)
        if col == COL_VALID_TO:
            return row.valid_to or date.max
        if col == COL_DAYS:
            return row.days_left if row.days_left is not None else 10**6
        return self._text(row, col).casefold()

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None
