"""The unlock dialog: user name and password, checked off the UI thread.

A failed attempt says only "Fel användarnamn eller lösenord", never which part was
wrong, and clears the password. A damaged store or one open elsewhere gets its own
message from the store's error. Caps Lock is detected from what is typed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oro_desktop.gui.a11y import announce, busy_bar, error_label
from oro_desktop.gui.caps_lock import CapsLockWatcher
from oro_desktop.gui.messages import error_text as _error_text
from oro_desktop.gui.tasks import BackgroundTask, run_task

WRONG_CREDENTIALS = "Fel användarnamn eller lösenord"
UNEXPECTED = "Det gick inte att öppna databasen på grund av ett oväntat fel."


def error_text(exc: BaseException) -> str:
    """The Swedish text to show for a failed unlock (never the raw exception)."""
    return _error_text(exc, UNEXPECTED)


def _is_wrong_credentials(exc: BaseException) -> bool:
    from oro_desktop.services.services import is_wrong_credentials

    return is_wrong_credentials(exc)


class UnlockDialog(QDialog):
    """Asks for user and password; emits `unlocked(session)` on success.

    `unlock(user, password)` is called on a worker thread and returns the session or
    raises the store's errors. Rejecting the dialog (Avsluta) means the user wants out.
    """

    unlocked = Signal(object)

    def __init__(
        self,
        store_path: Path,
        unlock: Callable[[str, str], Any],
        *,
        user_name: str = "",
        notice: str = "",
        title: str = "oro_desktop",
        recover: Callable[[str, str, str], Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._unlock = unlock
        self._recover = recover
        self._task: BackgroundTask | None = None
        self.setObjectName("unlockDialog")
        self.setWindowTitle(f"Logga in – {title}")
        self.setAccessibleName("Logga in")
        self.setMinimumWidth(440)

        heading = QLabel("Logga in", self)
        heading.setProperty("role", "heading")
        where = QLabel(f"Databas: {store_path}", self)
        where.setProperty("role", "muted")
        where.setWordWrap(True)
        where.setAccessibleName(f"Databas: {store_path}")

        self.notice_label = QLabel(notice, self)
        self.notice_label.setObjectName("unlockNotice")
        self.notice_label.setProperty("role", "warning")
        self.notice_label.setWordWrap(True)
        self.notice_label.setVisible(bool(notice))

        self.user_edit = QLineEdit(user_name, self)
        self.user_edit.setObjectName("userName")
        self.user_edit.setAccessibleName("Användarnamn")
        self.user_edit.setMaxLength(64)
        self.password_edit = QLineEdit(self)
        self.password_edit.setObjectName("password")
        self.password_edit.setAccessibleName("Lösenord")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)

        form = QFormLayout()
        user_label = QLabel("&Användarnamn:", self)
        user_label.setBuddy(self.user_edit)
        password_label = QLabel("&Lösenord:", self)
        password_label.setBuddy(self.password_edit)
        form.addRow(user_label, self.user_edit)
        form.addRow(password_label, self.password_edit)

        self.caps_label = QLabel("Caps Lock är på", self)
        self.caps_label.setObjectName("capsLockWarning")
        self.caps_label.setProperty("role", "warning")
        self.caps_label.setAccessibleName("Varning: Caps Lock är på")
        self.caps_label.hide()
        self._caps = CapsLockWatcher(self)
        self._caps.watch(self.user_edit)
        self._caps.watch(self.password_edit)
        self._caps.changed.connect(self._caps_changed)

        self.error_label = error_label(self, object_name="unlockError",
                                       accessible_name="Felmeddelande", reserve_lines=2)
        self.busy = busy_bar(self, object_name="unlockBusy", accessible_name="Loggar in, vänta")

        # A plain row, not QDialogButtonBox: constructing one loads all of Qt's namespace
        # enums (~20 ms), which the start-up benchmark counts.
        buttons = QHBoxLayout()
        self.forgot_button = QPushButton("&Glömt lösenordet…", self)
        self.forgot_button.setObjectName("forgotPassword")
        self.forgot_button.setAccessibleName("Glömt lösenordet: återställ med återställningsnyckeln")
        self.forgot_button.setToolTip("Nytt lösenord med databasens återställningsnyckel")
        self.forgot_button.setVisible(recover is not None)
        self.forgot_button.clicked.connect(self.open_recover)
        buttons.addWidget(self.forgot_button)
        buttons.addStretch(1)
        self.login_button = QPushButton("&Logga in", self)
        self.login_button.setObjectName("loginButton")
        self.login_button.setAccessibleName("Logga in")
        self.login_button.setDefault(True)
        self.quit_button = QPushButton("Av&sluta", self)
        self.quit_button.setObjectName("quitButton")
        self.quit_button.setAccessibleName("Avsluta programmet")
        buttons.addWidget(self.login_button)
        buttons.addWidget(self.quit_button)
        self.login_button.clicked.connect(self.attempt)
        self.quit_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(where)
        layout.addWidget(self.notice_label)
        layout.addLayout(form)
        layout.addWidget(self.caps_label)
        layout.addWidget(self.error_label)
        layout.addWidget(self.busy)
        layout.addLayout(buttons)

        self.setTabOrder(self.user_edit, self.password_edit)
        self.setTabOrder(self.password_edit, self.login_button)
        self.setTabOrder(self.login_button, self.quit_button)
        (self.password_edit if user_name else self.user_edit).setFocus()

    def open_recover(self) -> Any:
        """Glömt lösenordet: reset it with the recovery key (gui/admin/dialogs.py)."""
        if self._recover is None or self._task is not None:
            return None
        from oro_desktop.gui.admin.dialogs import RecoverDialog

        dialog = RecoverDialog(self._recover, self.user_edit.text(), self)
        dialog.done.connect(self._recovered)
        dialog.finished.connect(dialog.deleteLater)
        self.recover_dialog = dialog
        dialog.open()
        return dialog

    def _recovered(self, name: object) -> None:
        self.user_edit.setText(str(name))
        self.password_edit.clear()
        self.error_label.hide()
        self.notice_label.setText("Lösenordet är återställt. Logga in med det nya lösenordet.")
        self.notice_label.show()
        self.password_edit.setFocus()

    # QDialog's accept would close without a session; everything goes through attempt().
    def accept(self) -> None:
        self.attempt()

    def reject(self) -> None:
        if self._task is None:
            super().reject()

    def is_busy(self) -> bool:
        return self._task is not None

    def attempt(self) -> None:
        """Start checking the credentials on a worker thread."""
        if self._task is not None:
            return
        user = self.user_edit.text().strip()
        password = self.password_edit.text()
        if not user or not password:
            self._show_error("Fyll i både användarnamn och lösenord.")
            (self.password_edit if user else self.user_edit).setFocus()
            return
        self._set_busy(True)
        self._task = run_task(self._unlock, user, password, on_result=self._done, on_error=self._failed)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.user_edit, self.password_edit, self.login_button, self.quit_button):
            widget.setEnabled(not busy)
        self.busy.setVisible(busy)
        if busy:
            self.error_label.hide()

    def _done(self, session: Any) -> None:
        self._task = None
        self.password_edit.clear()
        self.unlocked.emit(session)
        self.done(QDialog.DialogCode.Accepted)

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self._set_busy(False)
        self.password_edit.clear()
        if _is_wrong_credentials(exc):
            self._show_error(WRONG_CREDENTIALS)
        else:
            self._show_error(error_text(exc))
        self.password_edit.setFocus()

    def _caps_changed(self, on: bool) -> None:
        self.caps_label.setVisible(on)
        if on:
            announce(self.caps_label)

    def _show_error(self, text: str) -> None:
        self.error_label.setText(text)
        self.error_label.setAccessibleDescription(text)
        self.error_label.show()
        announce(self.error_label)
