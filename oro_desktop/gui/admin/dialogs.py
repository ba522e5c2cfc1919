"""The admin dialogs: add a user, set a new password (own, or for a disabled user).

Each dialog checks what is typed as it is typed (the service's own rules), keeps room for
its message so nothing jumps, and runs the slow part (a memory-hard KDF, a rekey) off the
UI thread. On success it emits `done(result)` and closes; on a refusal it stays open with
the Swedish reason.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from oro_desktop.gui.a11y import announce, busy_bar, error_label
from oro_desktop.gui.first_run import MIN_PASSWORD, password_problem
from oro_desktop.gui.messages import error_text
from oro_desktop.gui.tasks import BackgroundTask, run_task

ROLE_CHOICES = (("clinician", "Användare (kliniker)"), ("admin", "Administratör"))


def _password_edit(parent: QWidget, name: str, accessible: str) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(256)
    return edit


class _WorkDialog(QDialog):
    """A form whose OK runs `work()` on a worker; subclasses build rows and `problem()`."""

    done = Signal(object)

    def __init__(self, title: str, action: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setMinimumWidth(460)
        self._task: BackgroundTask | None = None
        self.form = QFormLayout()
        self.problem_label = error_label(self, object_name="dialogProblem",
                                         accessible_name="Problem", reserve_lines=2)
        self.busy = busy_bar(self, object_name="dialogBusy", accessible_name="Arbetar, vänta")
        policy = self.busy.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.busy.setSizePolicy(policy)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(action)
        self.ok_button.setObjectName("dialogOk")
        self.ok_button.setAccessibleName(action.replace("&", ""))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setAccessibleName("Avbryt")
        # Enter must never mean Avbryt while OK waits for valid input.
        cancel.setAutoDefault(False)
        self.ok_button.setDefault(True)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt API
        """Start in the first empty field (the buttons come first in creation order)."""
        super().showEvent(event)
        edits = [w for w in self.findChildren(QLineEdit) if w.isEnabled()]
        target = next((w for w in edits if not w.text()), edits[0] if edits else None)
        if target is not None:
            target.setFocus()

    def add_row(self, text: str, widget: QWidget) -> None:
        label = QLabel(text, self)
        label.setBuddy(widget)
        self.form.addRow(label, widget)
        if isinstance(widget, QLineEdit):
            widget.textChanged.connect(self.refresh)

    def problem(self) -> str:  # pragma: no cover - overridden
        return ""

    def typed(self) -> bool:
        """Whether anything was typed yet (no message on an untouched form)."""
        return any(isinstance(w, QLineEdit) and w.text() for w in self.findChildren(QLineEdit))

    def refresh(self) -> None:
        problem = self.problem() if self._task is None else ""
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem) and self.typed())
        self.ok_button.setEnabled(self._task is None and not problem)
        self.ok_button.setToolTip(problem)

    def work(self) -> Callable[[], Any]:  # pragma: no cover - overridden
        raise NotImplementedError

    def is_busy(self) -> bool:
        return self._task is not None

    def submit(self) -> None:
        if self._task is not None or self.problem():
            self.refresh()
            return
        fn = self.work()
        self._set_busy(True)
        self._task = run_task(fn, on_result=self._succeeded, on_error=self._failed)

    def _set_busy(self, busy: bool) -> None:
        for child in self.findChildren(QLineEdit) + self.findChildren(QComboBox):
            child.setEnabled(not busy)
        self.busy.setVisible(busy)
        self.ok_button.setEnabled(not busy)

    def _succeeded(self, result: object) -> None:
        self._task = None
        self._set_busy(False)
        self.done.emit(result)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._task = None
        self._set_busy(False)
        self.refresh()
        self.problem_label.setText(error_text(exc))
        self.problem_label.show()
        announce(self.problem_label)

    def reject(self) -> None:
        if self._task is None:  # never leave while a rekey is running
            super().reject()


class AddUserDialog(_WorkDialog):
    """Lägg till användare: name (checked as typed), role, password twice."""

    def __init__(self, users: Any, parent: QWidget | None = None) -> None:
        super().__init__("Lägg till användare", "&Lägg till", parent)
        self.users = users
        self.name_edit = QLineEdit(self)
        self.name_edit.setObjectName("newUserName")
        self.name_edit.setAccessibleName("Användarnamn")
        self.name_edit.setMaxLength(64)
        self.role_box = QComboBox(self)
        self.role_box.setObjectName("newUserRole")
        self.role_box.setAccessibleName("Roll")
        for value, text in ROLE_CHOICES:
            self.role_box.addItem(text, value)
        self.password_edit = _password_edit(self, "newUserPassword", "Lösenord")
        self.repeat_edit = _password_edit(self, "newUserPasswordRepeat", "Lösenord igen")
        self.add_row("&Användarnamn:", self.name_edit)
        self.add_row("&Roll:", self.role_box)
        self.add_row("&Lösenord:", self.password_edit)
        self.add_row("&Upprepa lösenordet:", self.repeat_edit)
        hint = QLabel(f"Minst {MIN_PASSWORD} tecken. Ge lösenordet till personen på ett säkert "
                      "sätt; hen kan byta det själv under Arkiv → Byt lösenord.", self)
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        self.form.addRow(hint)
        self.refresh()

    def problem(self) -> str:
        name_problem = self.users.name_problem(self.name_edit.text())
        if self.name_edit.text() or not self.password_edit.text():
            if name_problem:
                return name_problem
        return password_problem(self.password_edit.text(), self.repeat_edit.text()) or name_problem

    def work(self) -> Callable[[], Any]:
        name, role = self.name_edit.text(), self.role_box.currentData()
        password = self.password_edit.text()
        return lambda: self.users.add(name, role, password)


class OwnPasswordDialog(_WorkDialog):
    """Byt lösenord: the signed-in user's own; the old one is asked for again."""

    def __init__(self, users: Any, parent: QWidget | None = None) -> None:
        super().__init__("Byt lösenord", "&Byt lösenord", parent)
        self.users = users
        self.old_edit = _password_edit(self, "oldPassword", "Nuvarande lösenord")
        self.password_edit = _password_edit(self, "newPassword", "Nytt lösenord")
        self.repeat_edit = _password_edit(self, "newPasswordRepeat", "Nytt lösenord igen")
        self.add_row("&Nuvarande lösenord:", self.old_edit)
        self.add_row("N&ytt lösenord:", self.password_edit)
        self.add_row("&Upprepa det nya:", self.repeat_edit)
        hint = QLabel("Databasens nyckel byts samtidigt, så det gamla lösenordet inte öppnar "
                      "den i någon gammal kopia av nyckelfilen.", self)
        hint.setWordWrap(True)
        hint.setProperty("role", "muted")
        self.form.addRow(hint)
        self.refresh()

    def problem(self) -> str:
        if not self.old_edit.text():
            return "Ange ditt nuvarande lösenord."
        problem = password_problem(self.password_edit.text(), self.repeat_edit.text())
        if not problem and self.password_edit.text() == self.old_edit.text():
            return "Det nya lösenordet måste skilja sig från det nuvarande."
        return problem

    def work(self) -> Callable[[], Any]:
        old, new = self.old_edit.text(), self.password_edit.text()
        return lambda: self.users.change_own_password(old, new)


class EnableUserDialog(_WorkDialog):
    """Aktivera: a disabled user may sign in again with the new password set here."""

    def __init__(self, users: Any, name: str, parent: QWidget | None = None) -> None:
        super().__init__(f"Aktivera {name}", "&Aktivera", parent)
        self.users, self.name = users, name
        self.password_edit = _password_edit(self, "enablePassword", "Nytt lösenord")
        self.repeat_edit = _password_edit(self, "enablePasswordRepeat", "Nytt lösenord igen")
        self.add_row("&Nytt lösenord:", self.password_edit)
        self.add_row("&Upprepa lösenordet:", self.repeat_edit)
        self.refresh()

    def problem(self) -> str:
        return password_problem(self.password_edit.text(), self.repeat_edit.text())

    def work(self) -> Callable[[], Any]:
        password = self.password_edit.text()
        return lambda: self.users.enable(self.name, password)


class RecoverDialog(_WorkDialog):
    """Glömt lösenordet: a new password with the recovery key, from the unlock dialog.

    Runs services.users.recover_user on the store file (no session is open then, so the
    store's lock is free); the reset is audited in the store as done with the recovery key.
    """

    def __init__(self, recover: Callable[[str, str, str], Any], user_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__("Återställ lösenord", "&Återställ lösenordet", parent)
        self._recover = recover
        self.name_edit = QLineEdit(user_name, self)
        self.name_edit.setObjectName("recoverUser")
        self.name_edit.setAccessibleName("Användarnamn")
        self.name_edit.setMaxLength(64)
        self.key_edit = QLineEdit(self)
        self.key_edit.setObjectName("recoveryKeyInput")
        self.key_edit.setAccessibleName("Återställningsnyckel")
        self.key_edit.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.key_edit.setMaxLength(400)
        self.password_edit = _password_edit(self, "recoverPassword", "Nytt lösenord")
        self.repeat_edit = _password_edit(self, "recoverPasswordRepeat", "Nytt lösenord igen")
        intro = QLabel("Med databasens återställningsnyckel (den utskrivna, inlåsta) kan en "
                       "användare få ett nytt lösenord. Återställningen loggas.", self)
        intro.setWordWrap(True)
        self.form.addRow(intro)
        self.add_row("&Användarnamn:", self.name_edit)
        self.add_row("Åter&ställningsnyckel:", self.key_edit)
        self.add_row("&Nytt lösenord:", self.password_edit)
        self.add_row("&Upprepa lösenordet:", self.repeat_edit)
        self.refresh()

    def problem(self) -> str:
        if not self.name_edit.text().strip():
            return "Ange användarnamnet."
        if not self.key_edit.text().strip():
            return "Skriv in återställningsnyckeln."
        return password_problem(self.password_edit.text(), self.repeat_edit.text())

    def work(self) -> Callable[[], Any]:
        name, key, new = self.name_edit.text(), self.key_edit.text(), self.password_edit.text()
        return lambda: (self._recover(name, key, new), name)[1]
