"""Säkerhetskopia: take a verified backup, or put one back in place of the live store.

A backup runs off the UI thread with a progress dialog (services/maintenance.backup).
A restore replaces the file the session has open, so it cannot run inside the session:
after a confirmation that says the current file is kept as `<name>.before-restore`, the
window hands it to the controller (`restore_handler` on the main window), which locks
the app, restores (services/restore.py, with the admin's password checked against the
live store), and shows the unlock dialog to reopen.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
    QLineEdit,
    QPushButton, QVBoxLayout, QWidget,
)

from oro_desktop.gui.a11y import error_label
from oro_desktop.gui.admin.actions import UserActions
from oro_desktop.gui.messages import error_text
from oro_desktop.gui.tasks import BackgroundTask, run_with_progress

RestoreHandler = Callable[[Path, str], None]


def before_restore_name(store_path: Path) -> str:
    """The file name restore keeps the current store under (services/restore.py)."""
    from oro_desktop.services.maintenance import before_restore_path

    return before_restore_path(Path(store_path)).name


class RestoreConfirmDialog(QDialog):
    """Says what will happen, asks for the admin's password and a tick; `confirmed(password)`."""

    confirmed = Signal(str)

    def __init__(self, backup: Path, store_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreConfirm")
        self.setWindowTitle("Återställ från säkerhetskopia")
        self.setAccessibleName("Återställ från säkerhetskopia")
        self.setMinimumWidth(520)
        kept = before_restore_name(store_path)
        text = QLabel(
            f"Databasen <b>{store_path.name}</b> ersätts med säkerhetskopian "
            f"<b>{backup.name}</b>. Allt som gjorts efter att kopian togs försvinner ur "
            f"databasen. Den nuvarande filen sparas som <b>{kept}</b> i samma mapp.<br><br>"
            "Programmet låses under återställningen; logga sedan in igen.", self)
        text.setObjectName("restoreExplain")
        text.setWordWrap(True)
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("restorePassword")
        self.password_edit.setAccessibleName("Ditt lösenord")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.understood = QCheckBox("&Jag förstår att ändringar efter kopian försvinner", self)
        self.understood.setObjectName("restoreUnderstood")
        self.understood.setAccessibleName("Jag förstår att ändringar efter kopian försvinner")
        form = QFormLayout()
        label = QLabel("Ditt &lösenord:", self)
        label.setBuddy(self.password_edit)
        form.addRow(label, self.password_edit)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText("&Återställ")
        self.ok_button.setObjectName("restoreOk")
        self.ok_button.setAccessibleName("Återställ")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Avbryt")
        cancel.setAutoDefault(False)  # Enter never cancels silently, nor restores unasked
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.password_edit.textChanged.connect(self._update)
        self.understood.toggled.connect(self._update)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addLayout(form)
        layout.addWidget(self.understood)
        layout.addWidget(self.buttons)
        self._update()

    def _why_not(self) -> str:
        if not self.password_edit.text():
            return "Ange ditt lösenord."
        if not self.understood.isChecked():
            return "Bekräfta att ändringar efter kopian försvinner."
        return ""

    def _update(self) -> None:
        why = self._why_not()
        self.ok_button.setEnabled(not why)
        self.ok_button.setToolTip(why)

    def accept(self) -> None:
        if self._why_not():
            return
        password = self.password_edit.text()
        self.password_edit.clear()
        super().accept()
        self.confirmed.emit(password)


class BackupPanel(QGroupBox):
    """Emits `backup_done(path)` after a verified backup was written."""

    backup_done = Signal(str)

    def __init__(self, actions: UserActions, restore_handler: Callable[[], RestoreHandler | None],
                 parent: QWidget | None = None) -> None:
        super().__init__("Säkerhetskopia", parent)
        self.actions = actions
        self._restore_handler = restore_handler
        self._task: BackgroundTask | None = None
        intro = QLabel(
            "En säkerhetskopia är krypterad som databasen och kontrolleras innan den räknas "
            "som klar. Förvara den på ett annat ställe än datorn. Bredvid den sparas en "
            "nyckelfil (.keys) med dagens lösenord.", self)
        intro.setWordWrap(True)
        intro.setProperty("role", "muted")
        self.backup_button = QPushButton("&Säkerhetskopiera…", self)
        self.backup_button.setObjectName("backupButton")
        self.backup_button.setAccessibleName("Gör en säkerhetskopia")
        self.backup_button.clicked.connect(self.choose_backup)
        self.restore_button = QPushButton("&Återställ från säkerhetskopia…", self)
        self.restore_button.setObjectName("restoreButton")
        self.restore_button.setAccessibleName("Återställ från säkerhetskopia")
        self.restore_button.clicked.connect(self.choose_restore)
        self.status = QLabel("", self)
        self.status.setObjectName("backupStatus")
        self.status.setWordWrap(True)
        self.error = error_label(self, object_name="backupError", accessible_name="Fel",
                                 reserve_lines=2)
        row = QHBoxLayout()
        row.addWidget(self.backup_button)
        row.addWidget(self.restore_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.status)
        layout.addWidget(self.error)
        self._update()

    def _update(self) -> None:
        busy = self._task is not None
        self.backup_button.setEnabled(not busy)
        self.backup_button.setToolTip("Vänta: en säkerhetskopia görs." if busy else
                                      "Skriv en kontrollerad, krypterad kopia av databasen")
        can_restore = self._restore_handler() is not None
        why = ("Vänta: en säkerhetskopia görs." if busy else
               "" if can_restore else "Återställning går bara i programmets huvudfönster.")
        self.restore_button.setEnabled(not why)
        self.restore_button.setToolTip(why or "Ersätt databasen med en säkerhetskopia")

    def choose_backup(self) -> None:
        default = self.actions.store_path.with_name(self.actions.store_path.stem + "-kopia.db")
        path, _ = QFileDialog.getSaveFileName(self, "Spara säkerhetskopia", str(default),
                                              "Databas (*.db)")
        if path:
            self.start_backup(Path(path))

    def start_backup(self, out: Path) -> BackgroundTask:
        self.error.hide()
        self.status.setText("")
        self._task = run_with_progress(
            self, "Säkerhetskopia", "Skriver och kontrollerar säkerhetskopian …",
            lambda progress: self.actions.backup(out),
            on_result=lambda rows: self._backed_up(out, rows), on_error=self._failed)
        self._update()
        return self._task

    def _backed_up(self, out: Path, rows: int) -> None:
        self._task = None
        self._update()
        self.status.setText(f"Säkerhetskopian är klar och kontrollerad: {out} ({rows} rader). "
                            f"Nyckelfilen ligger bredvid: {out.name}.keys.")
        self.backup_done.emit(str(out))

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self._update()
        self.error.setText(f"⚠ Säkerhetskopian kunde inte göras: {error_text(exc)}")
        self.error.show()

    def choose_restore(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Välj säkerhetskopia",
                                              str(self.actions.store_path.parent),
                                              "Databas (*.db);;Alla filer (*)")
        if path:
            self.confirm_restore(Path(path))

    def confirm_restore(self, backup: Path) -> RestoreConfirmDialog:
        dialog = RestoreConfirmDialog(backup, self.actions.store_path, self)
        dialog.confirmed.connect(lambda password: self._restore(backup, password))
        dialog.finished.connect(dialog.deleteLater)
        self.restore_dialog = dialog
        dialog.open()
        return dialog

    def _restore(self, backup: Path, password: str) -> None:
        handler = self._restore_handler()
        if handler is None:
            self.error.setText("⚠ Återställning går bara i programmets huvudfönster.")
            self.error.show()
            return
        handler(backup, password)
