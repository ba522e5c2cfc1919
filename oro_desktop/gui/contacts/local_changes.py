"""The clinic's local changes in one list: edited, added and hidden entries.

Hidden entries vanish from search on purpose, so this is the one place they can be
found again. Each row says what kind of change it is, when and by whom, and offers the
way back: a shipped entry is restored to the shipped data, a hidden local entry is shown
again, a local entry can be removed (with a question first).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oro_desktop.core.collation import swedish_sorted
from oro_desktop.core.contacts import Override
from oro_desktop.errors import OroError
from oro_desktop.gui.messages import show_error
from oro_desktop.services.contacts import ContactService

CHANGED, ADDED, HIDDEN = "Lokalt ändrad", "Lokalt tillagd", "Dold"
REVERT = "Återställ till levererad uppgift"
SHOW_AGAIN = "Visa igen"
REMOVE = "Ta bort lokal kontakt"


def change_kind(service: ContactService, override: Override) -> str:
    """"Dold", "Lokalt ändrad" (a shipped entry edited) or "Lokalt tillagd" (added here)."""
    if override.hidden:
        return HIDDEN
    return CHANGED if service.shipped_entry(override.entry_id) is not None else ADDED


def override_title(service: ContactService, override: Override) -> str:
    entry = override.entry or service.shipped_entry(override.entry_id)
    return entry.title if entry is not None else override.entry_id


class LocalChangesDialog(QDialog):
    """List of overrides with the matching way back; `on_changed` runs after each action."""

    def __init__(self, service: ContactService, on_changed: Callable[[], None],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.on_changed = on_changed
        self.overrides: list[Override] = []
        self.confirm: QMessageBox | None = None
        self.setObjectName("localChangesDialog")
        self.setWindowTitle("Dolda och lokalt ändrade kontakter")
        self.setAccessibleName("Dolda och lokalt ändrade kontakter")
        self.resize(760, 380)
        intro = QLabel(
            "Lokala ändringar går före den levererade katalogen. Dolda kontakter syns inte "
            "i sökningen förrän de återställs.", self)
        intro.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("localChangesTable")
        self.table.setAccessibleName("Lokala ändringar i kontaktkatalogen")
        self.table.setHorizontalHeaderLabels(["Kontakt", "Ändring", "Senast ändrad", "Av"])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda *_a: self._update_action())
        self.empty = QLabel("Inga lokala ändringar.", self)
        self.action_button = QPushButton(REVERT, self)
        self.action_button.setObjectName("localChangeAction")
        self.action_button.clicked.connect(self.act)
        close = QPushButton("Stäng", self)
        close.setObjectName("localChangesClose")
        close.setAccessibleName("Stäng listan över lokala ändringar")
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.action_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        """Read the overrides again (after an action here or elsewhere)."""
        self.overrides = swedish_sorted(self.service.local_overrides(),
                                        key=lambda o: override_title(self.service, o))
        self.table.setRowCount(len(self.overrides))
        for row, override in enumerate(self.overrides):
            cells = (override_title(self.service, override), change_kind(self.service, override),
                     override.updated_at[:16], override.updated_by)
            for column, text in enumerate(cells):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
        self.empty.setVisible(not self.overrides)
        if self.overrides:
            self.table.selectRow(0)
        self._update_action()

    def selected(self) -> Override | None:
        row = self.table.currentRow()
        return self.overrides[row] if 0 <= row < len(self.overrides) else None

    def action_for(self, override: Override) -> str:
        if self.service.shipped_entry(override.entry_id) is not None:
            return REVERT
        return SHOW_AGAIN if override.hidden and override.entry is not None else REMOVE

    def _update_action(self) -> None:
        override = self.selected()
        self.action_button.setEnabled(override is not None)
        text = self.action_for(override) if override is not None else REVERT
        self.action_button.setText(text)
        name = override_title(self.service, override) if override is not None else ""
        self.action_button.setAccessibleName(f"{text}: {name}" if name else text)

    def act(self) -> None:
        """Do the selected row's way back; removing a local entry asks first."""
        override = self.selected()
        if override is None:
            return
        action = self.action_for(override)
        if action == REMOVE:
            box = QMessageBox(
                QMessageBox.Icon.Question, REMOVE,
                f"Ta bort ”{override_title(self.service, override)}” ur katalogen? "
                "Den finns inte i den levererade katalogen och kommer inte tillbaka.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
            box.setDefaultButton(QMessageBox.StandardButton.No)
            box.setAccessibleName(REMOVE)
            box.button(QMessageBox.StandardButton.Yes).setText("Ta bort")
            box.button(QMessageBox.StandardButton.No).setText("Avbryt")
            yes = box.button(QMessageBox.StandardButton.Yes)
            box.finished.connect(
                lambda _r: self._apply(override, action) if box.clickedButton() is yes else None)
            self.confirm = box
            box.open()
            return
        self._apply(override, action)

    def _apply(self, override: Override, action: str) -> None:
        try:
            if action == SHOW_AGAIN:
                assert override.entry is not None
                self.service.save_entry(override.entry)
            else:
                self.service.revert_entry(override.entry_id)
        except OroError as exc:
            show_error(self, "Ändringen kunde inte göras", exc)
            return
        self.reload()
        self.on_changed()
