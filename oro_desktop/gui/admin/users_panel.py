"""Användare: the list of users, add, disable, enable with a new password, remove.

Disabling or removing a user changes the database key (services/users.py), so the
user's slot in any old copy of the key file no longer opens the file; that takes a
moment and runs off the UI thread. If the change had to rotate the recovery key
(a store made before rekey existed), the new key is shown once (RecoveryKeyDialog).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QMessageBox, QPushButton,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget,
)

from oro_desktop.gui.admin.actions import KeyChange, UserActions, UserLine
from oro_desktop.gui.admin.dialogs import AddUserDialog, EnableUserDialog
from oro_desktop.gui.admin.recovery_key_dialog import RecoveryKeyDialog
from oro_desktop.gui.messages import error_text
from oro_desktop.gui.tasks import BackgroundTask, run_with_progress

ROLE_TEXT = {"admin": "Administratör", "clinician": "Användare"}
COLUMNS = ("Användarnamn", "Roll", "Status", "Tillagd", "Tillagd av")


def ask(parent: QWidget, title: str, text: str, action: str) -> bool:
    """A yes/no question; a module function so tests can answer it."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, text, parent=parent)
    yes = box.addButton(action, QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Avbryt", QMessageBox.ButtonRole.RejectRole)
    box.exec()
    return box.clickedButton() is yes


class UsersPanel(QWidget):
    """Emits `changed()` after every change that succeeded (tests wait on it)."""

    changed = Signal()

    def __init__(self, actions: UserActions, parent: QWidget | None = None, *,
                 recover_handler: Any = None) -> None:
        super().__init__(parent)
        self.actions = actions
        self._recover_handler = recover_handler or (lambda: None)
        self.setObjectName("usersPanel")
        self._lines: list[UserLine] = []
        self._task: BackgroundTask | None = None
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setObjectName("usersTable")
        self.table.setAccessibleName("Användare")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)

        self.add_button = self._button("&Lägg till…", "addUser", "Lägg till en användare")
        self.disable_button = self._button("&Stäng av", "disableUser", "Stäng av användaren")
        self.enable_button = self._button("&Aktivera…", "enableUser",
                                          "Aktivera användaren med ett nytt lösenord")
        self.remove_button = self._button("&Ta bort", "removeUser", "Ta bort användaren")
        self.recover_button = self._button("Återställ &lösenord…", "recoverUser",
                                           "Återställ användarens lösenord med återställningsnyckeln")
        self.recover_button.clicked.connect(lambda: self.recover(self.selected_name()))
        self.add_button.clicked.connect(self.open_add)
        self.disable_button.clicked.connect(lambda: self.disable(self.selected_name()))
        self.enable_button.clicked.connect(self.open_enable)
        self.remove_button.clicked.connect(lambda: self.remove(self.selected_name()))
        self.status = QLabel("", self)
        self.status.setObjectName("usersStatus")
        self.status.setWordWrap(True)
        self.status.setProperty("role", "muted")

        bar = QHBoxLayout()
        for button in (self.add_button, self.disable_button, self.enable_button,
                       self.remove_button, self.recover_button):
            bar.addWidget(button)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.status)
        self.reload()

    def _button(self, text: str, name: str, accessible: str) -> QPushButton:
        button = QPushButton(text, self)
        button.setObjectName(name)
        button.setAccessibleName(accessible)
        return button

    # ---- list -------------------------------------------------------------------------
    def reload(self) -> None:
        try:
            self._lines = self.actions.list()
        except Exception as exc:  # an OroError: say it; the list stays empty
            self.status.setText(f"Användarna kunde inte läsas: {error_text(exc)}")
            self._lines = []
        selected = self.selected_name()
        self.table.setRowCount(len(self._lines))
        for row, line in enumerate(self._lines):
            values = (line.name, ROLE_TEXT.get(line.role, line.role),
                      "Aktiv" if line.active else "Avstängd", line.created_at[:10],
                      line.created_by)
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, line.name)
                self.table.setItem(row, column, item)
            if line.name == selected:
                self.table.selectRow(row)
        self._update_buttons()

    def selected_line(self) -> UserLine | None:
        rows = {index.row() for index in self.table.selectionModel().selectedRows()}
        if len(rows) != 1:
            return None
        row = rows.pop()
        return self._lines[row] if 0 <= row < len(self._lines) else None

    def selected_name(self) -> str:
        line = self.selected_line()
        return line.name if line else ""

    def select(self, name: str) -> None:
        for row, line in enumerate(self._lines):
            if line.name == name:
                self.table.selectRow(row)
                return
        raise KeyError(name)

    def _update_buttons(self) -> None:
        """Enable what can act now; a button that cannot says why in its tooltip."""
        line = self.selected_line()
        busy = self._task is not None
        me = line is not None and line.name == self.actions.me
        why_not = ("Vänta: en ändring pågår." if busy else
                   "Välj en användare i listan först." if line is None else
                   "Du kan inte stänga av eller ta bort dig själv." if me else "")
        self.add_button.setEnabled(not busy)
        self.add_button.setToolTip("Vänta: en ändring pågår." if busy else
                                   "Lägg till en användare med eget lösenord")
        disable_why = why_not or ("Användaren är redan avstängd." if line and not line.active else "")
        self.disable_button.setEnabled(not disable_why)
        self.disable_button.setToolTip(disable_why or
                                       "Användaren kan inte längre logga in; databasens nyckel byts")
        enable_why = ("Vänta: en ändring pågår." if busy else
                      "Välj en användare i listan först." if line is None else
                      "Användaren är redan aktiv." if line.active else "")
        self.enable_button.setEnabled(not enable_why)
        self.enable_button.setToolTip(enable_why or "Låt användaren logga in igen med ett nytt lösenord")
        recover_why = ("Vänta: en ändring pågår." if busy else
                       "Välj en användare i listan först." if line is None else
                       "Användaren är avstängd: använd Aktivera…." if not line.active else
                       "" if self._recover_handler() is not None else
                       "Går inte här: bara i programmets huvudfönster, inte i demoläget.")
        self.recover_button.setEnabled(not recover_why)
        self.recover_button.setToolTip(recover_why or
                                       "Låser programmet och återställer lösenordet med "
                                       "återställningsnyckeln (den utskrivna, inlåsta)")
        self.remove_button.setEnabled(not why_not)
        self.remove_button.setToolTip(why_not or
                                      "Ta bort användaren; loggen behåller vad hen har gjort")

    # ---- actions ----------------------------------------------------------------------
    def open_add(self) -> AddUserDialog:
        dialog = AddUserDialog(self.actions, self)
        dialog.done.connect(self._added)
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def _added(self, name: object) -> None:
        self.status.setText(f"Användaren {name} har lagts till.")
        self.reload()
        self.select(str(name))
        self.changed.emit()

    def open_enable(self) -> EnableUserDialog | None:
        name = self.selected_name()
        if not name:
            return None
        dialog = EnableUserDialog(self.actions, name, self)
        dialog.done.connect(lambda _r: self._finished_change(f"{name} är aktiv igen.", None))
        dialog.finished.connect(dialog.deleteLater)
        self.dialog = dialog
        dialog.open()
        return dialog

    def recover(self, name: str) -> None:
        handler = self._recover_handler()
        if name and handler is not None and ask(
                self, "Återställ lösenord",
                f"Programmet låses, och du återställer lösenordet för {name} med "
                "återställningsnyckeln. Logga sedan in igen.", "Fortsätt"):
            handler(name)

    def disable(self, name: str) -> None:
        if not name or not ask(self, "Stäng av användare",
                               f"Stänga av {name}? Hen kan inte längre logga in. Databasens "
                               "nyckel byts, vilket tar en stund.", "Stäng av"):
            return
        self._run(f"Stänger av {name} och byter databasens nyckel …",
                  lambda progress: self.actions.disable(name), f"{name} är avstängd.")

    def remove(self, name: str) -> None:
        if not name or not ask(self, "Ta bort användare",
                               f"Ta bort {name}? Användaren och hens utkast tas bort; "
                               "granskningsloggen behåller vad hen har gjort. Databasens "
                               "nyckel byts, vilket tar en stund.", "Ta bort"):
            return
        self._run(f"Tar bort {name} och byter databasens nyckel …",
                  lambda progress: self.actions.remove(name), f"{name} är borttagen.")

    def _run(self, label: str, fn: Any, success: str) -> None:
        self._task = run_with_progress(
            self, "Användare", label, fn,
            on_result=lambda change: self._finished_change(success, change),
            on_error=self._failed)
        self._update_buttons()

    def _finished_change(self, success: str, change: KeyChange | None) -> None:
        self._task = None
        text = success
        if change is not None and change.dropped:
            text += (" Dessa användare måste få ett nytt lösenord (Aktivera… efter avstängning, "
                     f"eller återställningsnyckeln): {', '.join(change.dropped)}.")
        self.status.setText(text)
        self.reload()
        if change is not None and change.recovery_key:
            self.show_recovery_key(change.recovery_key)
        self.changed.emit()

    def show_recovery_key(self, key: str) -> RecoveryKeyDialog:
        dialog = RecoveryKeyDialog(key, self.actions.store_path, self.actions.me, self)
        dialog.finished.connect(dialog.deleteLater)
        self.key_dialog = dialog
        dialog.open()
        return dialog

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self.status.setText(f"⚠ {error_text(exc)}")
        self.reload()
        self.changed.emit()
