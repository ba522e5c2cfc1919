"""Kontakter: who do I call now? Search the directory as you type, see open/closed.

A thin view over `ContactService`: the window's search field feeds `search(text)`, the
service's prebuilt index answers within milliseconds, and the "now" ordering puts the
after-hours route (112, socialjour) first outside office hours. One click on a phone
number or e-mail address in the list copies it; the detail pane has a copy button for
each. Entries not verified for 12 months are marked. Edits happen in the CLI/services
for now; this section only reads.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, QTimer
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from oro_desktop.core.contacts import NowItem, NowState
from oro_desktop.gui.sections import Section
from oro_desktop.paths import resources_dir
from oro_desktop.services.contacts import ContactService

#: More hits than this are not listed; the count says so and asks for more letters.
MAX_ROWS = 500

COLUMNS = ("Nu", "Verksamhet", "Kommun / region", "Telefon", "E-post", "Verifierad")
PHONE_COLUMN, EMAIL_COLUMN = 3, 4
STATE_WORDS = {
    NowState.OPEN: "Öppet", NowState.CLOSED: "Stängt", NowState.ALWAYS: "Dygnet runt",
    NowState.AFTER_HOURS: "Jour", NowState.UNKNOWN: "Tider saknas",
}
ALL_REGIONS = "Alla regioner"
STALE_MARK = "⚠ kan vara inaktuell"


class ContactsModel(QAbstractTableModel):
    """The "now"-ordered hits as rows; recommended rows are bold."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items: list[NowItem] = []
        self._stale: list[bool] = []

    def set_items(self, items: list[NowItem], stale: list[bool]) -> None:
        self.beginResetModel()
        self.items, self._stale = items, stale
        self.endResetModel()

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(COLUMNS)

    def cell_text(self, row: int, column: int) -> str:
        item = self.items[row]
        entry = item.entry
        if column == 0:
            return STATE_WORDS[item.status.state]
        if column == 1:
            return entry.title + (" (lokal)" if entry.local else "")
        if column == 2:
            return entry.municipality or entry.region
        if column == PHONE_COLUMN:
            if entry.phones:
                return entry.phones[0].number
            return "fylls i lokalt" if entry.fill_locally else ""
        if column == EMAIL_COLUMN:
            return entry.emails[0] if entry.emails else ""
        stamp = entry.verified.isoformat()
        return f"{stamp} {STALE_MARK}" if self._stale[row] else stamp

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.cell_text(row, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                return self.items[row].status.text
            if column in (PHONE_COLUMN, EMAIL_COLUMN) and self.cell_text(row, column):
                return "Klicka för att kopiera"
            return self.cell_text(row, column)
        if role == Qt.ItemDataRole.FontRole and self.items[row].recommended:
            font = QFont()
            font.setBold(True)
            return font
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None


class ContactsView(QWidget):
    """The section widget; implements the window's optional `search(text)` hook."""

    search_placeholder = "Sök kommun, verksamhet, nummer eller e-post"

    def __init__(self, service: ContactService, parent: QWidget | None = None,
                 *, clock: Callable[[], datetime] = datetime.now) -> None:
        super().__init__(parent)
        self.service = service
        self.clock = clock
        self.query = ""
        self.setObjectName("contactsView")
        self.setAccessibleName("Kontakter")

        heading = QLabel("Kontakter", self)
        heading.setProperty("role", "heading")
        self.explanation = QLabel("", self)
        self.explanation.setObjectName("contactsExplanation")
        self.explanation.setWordWrap(True)
        self.problems = QLabel("\n".join(service.problems), self)
        self.problems.setObjectName("contactsProblems")
        self.problems.setWordWrap(True)
        self.problems.setVisible(bool(service.problems))

        self.region_box = QComboBox(self)
        self.region_box.setObjectName("contactsRegion")
        self.region_box.setAccessibleName("Visa kontakter i region")
        self.region_box.addItem(ALL_REGIONS, "")
        for region in service.regions():
            self.region_box.addItem(region, region)
        self.region_box.currentIndexChanged.connect(lambda _i: self.refresh())
        region_label = QLabel("&Region:", self)
        region_label.setBuddy(self.region_box)
        self.count_label = QLabel("", self)
        self.count_label.setObjectName("contactsCount")
        self.count_label.setProperty("role", "muted")
        self.copied_label = QLabel("", self)
        self.copied_label.setObjectName("contactsCopied")

        self.model = ContactsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("contactsTable")
        self.table.setAccessibleName("Kontakter, ordnade efter vem som nås nu")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((100, 300, 150, 130, 220)):
            self.table.setColumnWidth(column, width)
        self.table.clicked.connect(self._cell_clicked)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show_detail(cur.row()))

        self.detail = QGroupBox("Vald kontakt", self)
        self.detail.setObjectName("contactsDetail")
        self.detail_form = QFormLayout(self.detail)

        bar = QHBoxLayout()
        bar.addWidget(region_label)
        bar.addWidget(self.region_box)
        bar.addStretch(1)
        bar.addWidget(self.copied_label)
        bar.addWidget(self.count_label)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.problems)
        layout.addLayout(bar)
        layout.addWidget(splitter, 1)

        # Open/closed changes with the clock: re-evaluate every minute.
        self.timer = QTimer(self)
        self.timer.setInterval(60_000)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        self.refresh()

    # -- the window's hooks --------------------------------------------------------

    def search(self, text: str) -> None:
        """Called by the window's search field as the user types."""
        self.query = text
        self.refresh()

    # -- behaviour -------------------------------------------------------------------

    def refresh(self) -> None:
        """Search, order for the current time, and show the result."""
        at = self.clock()
        region = self.region_box.currentData() or None
        found = self.service.search(self.query, region=region)
        view = self.service.now(found[:MAX_ROWS], at)
        today: date = at.date()
        items = list(view.items)
        self.model.set_items(items, [self.service.is_stale(i.entry, today) for i in items])
        self.explanation.setText(view.explanation)
        if len(found) > MAX_ROWS:
            self.count_label.setText(f"Visar {MAX_ROWS} av {len(found)} träffar – skriv fler bokstäver")
        else:
            self.count_label.setText("1 träff" if len(found) == 1 else f"{len(found)} träffar")
        if items:
            self.table.selectRow(0)
        self._show_detail(0 if items else -1)

    def copy(self, text: str) -> None:
        """Put `text` on the clipboard and say so."""
        QGuiApplication.clipboard().setText(text)
        self.copied_label.setText(f"Kopierat: {text}")

    def _cell_clicked(self, index: QModelIndex) -> None:
        if index.column() not in (PHONE_COLUMN, EMAIL_COLUMN):
            return
        entry = self.model.items[index.row()].entry
        if index.column() == PHONE_COLUMN:
            value = entry.phones[0].number if entry.phones else ""
        else:
            value = entry.emails[0] if entry.emails else ""
        if value:
            self.copy(value)

    def _show_detail(self, row: int) -> None:
        while self.detail_form.rowCount():
            self.detail_form.removeRow(0)
        if not 0 <= row < len(self.model.items):
            self.detail.setTitle("Vald kontakt")
            return
        item = self.model.items[row]
        entry = item.entry
        self.detail.setTitle(entry.title)
        self._add_text("Nu", item.status.text)
        for phone in entry.phones:
            self._add_copy_row("Telefon", phone.number, phone.label)
        for email in entry.emails:
            self._add_copy_row("E-post", email, "")
        if entry.fill_locally and not entry.reachable:
            self._add_text("Kontaktväg", "Saknas i riktlinjen: fylls i lokalt.")
        if entry.notes:
            self._add_text("Anteckning", entry.notes)
        source = entry.source.guideline + (f" ({entry.source.date})" if entry.source.date else "")
        self._add_text("Källa", source)
        verified = entry.verified.isoformat()
        if self.service.is_stale(entry, self.clock().date()):
            verified += f" – {STALE_MARK}: kontrollera numret"
        if entry.verification_note:
            verified += f". {entry.verification_note}"
        self._add_text("Verifierad", verified)

    def _add_text(self, label: str, text: str) -> None:
        value = QLabel(text, self.detail)
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail_form.addRow(f"{label}:", value)

    def _add_copy_row(self, label: str, value: str, note: str) -> None:
        row = QWidget(self.detail)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        shown = QLabel(value + (f"  ({note})" if note else ""), row)
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        button = QPushButton("Kopiera", row)
        button.setObjectName("copyButton")
        button.setAccessibleName(f"Kopiera {value}")
        button.clicked.connect(lambda _checked=False, v=value: self.copy(v))
        line.addWidget(shown)
        line.addWidget(button)
        line.addStretch(1)
        self.detail_form.addRow(f"{label}:", row)


def make_widget(session: Any, parent: QWidget | None = None) -> QWidget:
    """Section factory: the shipped directory plus this store's local changes."""
    return ContactsView(ContactService(session, resources_dir() / "contacts"), parent)


SECTION = Section(
    id="contacts",
    title="Kontakter",
    order=20,
    factory=make_widget,
    description="Vem ringer jag nu? Kontaktvägar till socialtjänst och regionens verksamheter.",
)
