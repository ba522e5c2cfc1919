"""A new recovery key, shown exactly once, with the first-run page's safety.

A rekey that rotates the recovery key (a store made before rekey existed, or an explicit
rekey) returns the new key once; it is never stored in plain text. The dialog shows it
large, offers printing, and cannot be closed until the admin confirms it is stored,
exactly as the first-run wizard's last page (gui/first_run.py RecoveryPage).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget,
)

from oro_desktop.gui.first_run import CONFIRM_TEXT, display_key
from oro_desktop.gui.recovery_print import print_recovery_key
from oro_desktop.gui.style import monospace_font


class RecoveryKeyDialog(QDialog):
    """Shows `key`; OK only once the confirmation box is ticked; Escape does not close it."""

    def __init__(self, key: str, store_path: Path, admin_name: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key, self.store_path, self.admin_name = key, Path(store_path), admin_name
        self.setObjectName("recoveryKeyDialog")
        self.setWindowTitle("Ny återställningsnyckel")
        self.setAccessibleName("Ny återställningsnyckel")
        explain = QLabel(
            "Databasens nyckel har bytts och en ny återställningsnyckel har skapats. Den "
            "gamla gäller inte längre. Nyckeln visas bara nu: skriv ut den eller skriv av "
            "den och förvara den inlåst, skild från datorn.", self)
        explain.setWordWrap(True)
        self.key_label = QLabel(display_key(key), self)
        self.key_label.setObjectName("recoveryKey")
        self.key_label.setProperty("role", "recovery-key")
        self.key_label.setFont(monospace_font(17))
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                               | Qt.TextInteractionFlag.TextSelectableByMouse)
        self.key_label.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.key_label.setAccessibleName(f"Återställningsnyckel: {' '.join(key)}")
        self.print_button = QPushButton("Skriv &ut…", self)
        self.print_button.setObjectName("printRecoveryKey")
        self.print_button.setAccessibleName("Skriv ut återställningsnyckeln")
        self.print_button.clicked.connect(self._print)
        self.confirm = QCheckBox(f"&{CONFIRM_TEXT}", self)
        self.confirm.setObjectName("confirmStored")
        self.confirm.setAccessibleName(CONFIRM_TEXT)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setAccessibleName("Stäng")
        self.ok_button.setEnabled(False)
        self.ok_button.setToolTip("Bekräfta först att nyckeln är förvarad.")
        self.confirm.toggled.connect(self._confirmed)
        self.buttons.accepted.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(explain)
        layout.addWidget(self.key_label)
        layout.addLayout(row)
        layout.addWidget(self.confirm)
        layout.addWidget(self.buttons)

    def _confirmed(self, checked: bool) -> None:
        self.ok_button.setEnabled(checked)
        self.ok_button.setToolTip("" if checked else "Bekräfta först att nyckeln är förvarad.")

    def _print(self) -> None:
        self.print_dialog = print_recovery_key(self, self.key, self.store_path, self.admin_name)

    def accept(self) -> None:
        if self.confirm.isChecked():
            super().accept()

    def reject(self) -> None:
        # Escape and the close button: the key would be lost unseen; only OK after confirming.
        if self.confirm.isChecked():
            super().reject()
