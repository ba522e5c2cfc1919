""""Kontakta nu": the routes the steps name, resolved for the chosen time, with copy.

Why a tree: each route (socialtjänsten, BVC, ...) has its units in the order to call
them now; when the unit is closed the after-hours route comes first, and where the
guideline names none the first line is 112. A selected number is copied with Ctrl+C or
the button, so nobody retypes a phone number under stress.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QBrush, QColor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLabel, QPushButton, QTreeWidget, QTreeWidgetItem,
    QVBoxLayout, QWidget,
)

from oro_desktop.core.contacts.now import is_after_hours_route
from oro_desktop.core.guidance.routes import RouteResult

NUMBER_ROLE = Qt.ItemDataRole.UserRole + 1
CLOSED = QColor("#a4141a")
OPEN = QColor("#1f6b33")
EMERGENCY_TEXT = "Vid akut fara: ring 112"


class ContactsNow(QWidget):
    """The resolved contacts; `copy_selected()` puts the selected number on the clipboard."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("contactsNow")
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("contactsNowTree")
        self.tree.setAccessibleName("Kontakta nu")
        self.tree.setAccessibleDescription("Välj ett nummer och tryck Ctrl+C för att kopiera det")
        self.tree.setColumnCount(3)
        self.tree.setHeaderLabels(["Kontaktväg och enhet", "Nummer", "Just nu"])
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setMinimumHeight(118)
        self.tree.setColumnWidth(0, 290)
        self.tree.setColumnWidth(1, 120)
        self.tree.currentItemChanged.connect(lambda *_: self._selection_changed())
        copy = QAction("Kopiera nummer", self.tree)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        copy.triggered.connect(lambda _c=False: self.copy_selected())
        self.tree.addAction(copy)
        self.copy_button = QPushButton("K&opiera nummer", self)
        self.copy_button.setObjectName("copyNumber")
        self.copy_button.setAccessibleName("Kopiera det markerade numret")
        self.copy_button.setToolTip("Kopiera det markerade numret (Ctrl+C i listan)")
        self.copy_button.setEnabled(False)
        self.copy_button.clicked.connect(self.copy_selected)
        self.explanation = QLabel("", self)
        self.explanation.setObjectName("contactsExplanation")
        self.explanation.setProperty("role", "muted")
        self.explanation.setWordWrap(True)
        self.copied = QLabel("", self)
        self.copied.setObjectName("copiedNote")
        self.copied.setProperty("role", "muted")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.explanation, 1)
        row.addWidget(self.copied)
        row.addWidget(self.copy_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.tree, 1)
        layout.addLayout(row)

    def show_routes(self, routes: Sequence[RouteResult]) -> None:
        self.tree.clear()
        self.copied.setText("")
        for route in routes:
            state = "Stängt nu" if route.closed else "Kontorstid"
            head = QTreeWidgetItem(self.tree, [f"{route.label} – {state}", "", state])
            font = head.font(0)
            font.setBold(True)
            for column in range(3):
                head.setFont(column, font)
                head.setToolTip(column, route.explanation)
            head.setForeground(2, QBrush(CLOSED if route.closed else OPEN))
            head.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, route.explanation)
            head.setData(0, Qt.ItemDataRole.UserRole, route.explanation)
            if route.closed and not route.has_after_hours:
                self._line(head, "112 (larmnummer)", "112", EMERGENCY_TEXT + " – riktlinjen anger "
                           "ingen jourväg", route.explanation, urgent=True)
            for item in route.items:
                entry = item.entry
                name = entry.unit if not entry.municipality else f"{entry.unit}, {entry.municipality}"
                if is_after_hours_route(entry):
                    name = f"Jour: {name}"
                numbers = [(p.number, p.label) for p in entry.phones] or [(e, "e-post") for e in entry.emails]
                if not numbers:
                    note = "Fyll i enligt lokal rutin" if entry.fill_locally else "Nummer saknas"
                    self._line(head, name, "", f"{item.status.text} · {note}", route.explanation)
                for number, label in numbers:
                    status = item.status.text + (f" · {label}" if label else "")
                    self._line(head, name, number, status, route.explanation,
                               urgent=is_after_hours_route(entry) and route.closed)
            head.setExpanded(True)
            head.setFirstColumnSpanned(True)
            head.setForeground(0, QBrush(CLOSED if route.closed else OPEN))
        self.tree.expandAll()
        first = self.tree.topLevelItem(0)
        if first is not None and first.childCount():
            self.tree.setCurrentItem(first.child(0))
        self._selection_changed()

    def _line(self, head: QTreeWidgetItem, name: str, number: str, status: str,
              explanation: str, *, urgent: bool = False) -> QTreeWidgetItem:
        line = QTreeWidgetItem(head, ["   " + name, number, status])
        line.setData(0, NUMBER_ROLE, number)
        line.setData(0, Qt.ItemDataRole.UserRole, explanation)
        line.setToolTip(2, status)
        line.setData(0, Qt.ItemDataRole.AccessibleTextRole, f"{name}, {number or 'inget nummer'}, {status}")
        if urgent:
            font = line.font(0)
            font.setBold(True)
            for column in range(3):
                line.setFont(column, font)
            line.setForeground(1, QBrush(CLOSED))
        return line

    def lines(self) -> list[tuple[str, str, str, str]]:
        """(route, unit, number, status) in the order shown (for tests and reading)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            head = self.tree.topLevelItem(i)
            for j in range(head.childCount()):
                line = head.child(j)
                out.append((head.text(0).rsplit(" – ", 1)[0], line.text(0).strip(), line.text(1),
                            line.text(2)))
        return out

    def selected_number(self) -> str:
        item = self.tree.currentItem()
        return str(item.data(0, NUMBER_ROLE) or "") if item is not None else ""

    def copy_selected(self) -> str:
        number = self.selected_number()
        if number:
            QGuiApplication.clipboard().setText(number)
            self.copied.setText(f"Kopierat: {number}")
        return number

    def _selection_changed(self) -> None:
        item = self.tree.currentItem()
        self.copy_button.setEnabled(bool(self.selected_number()))
        self.explanation.setText(str(item.data(0, Qt.ItemDataRole.UserRole) or "") if item else "")
