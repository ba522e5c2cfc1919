"""Arkiv → Min profil…: every user edits their own name, function and unit.

Why a dialog of its own: the profile is what a new barnhälsoteam consent prints under
"Samtycke inhämtat av" (services/users.obtained_by), so a user must be able to keep it
right without an administrator. It is checked as typed with the service's own rule
(`users.profile_problem`), shows how it will read on the form, and saves through
`users.update_profile` (audited). Saving is one small write, so it runs on the UI thread.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QVBoxLayout, QWidget,
)

from oro_desktop.errors import OroError
from oro_desktop.gui.a11y import announce, error_label
from oro_desktop.services import users as users_service


class ProfileDialog(QDialog):
    """Emits `saved(profile)` after a successful save and closes."""

    saved = Signal(object)

    def __init__(self, session: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle("Min profil")
        self.setAccessibleName("Min profil")
        self.setMinimumWidth(480)
        current = users_service.profile(session)
        intro = QLabel("Uppgifterna fylls i under ”Samtycke inhämtat av” när du skapar ett "
                       "nytt samtycke. Bara du kan ändra din profil.", self)
        intro.setWordWrap(True)
        self.full_name = self._edit("profileName", "Namn", current.full_name)
        self.function = self._edit("profileFunction", "Funktion", current.function)
        self.function.setPlaceholderText("t.ex. BVC-sjuksköterska")
        self.unit = self._edit("profileUnit", "Enhet", current.unit)
        self.unit.setPlaceholderText("t.ex. Hälsocentralen Exemplet")
        form = QFormLayout()
        for text, edit in (("&Namn:", self.full_name), ("&Funktion:", self.function),
                           ("&Enhet:", self.unit)):
            label = QLabel(text, self)
            label.setBuddy(edit)
            form.addRow(label, edit)
        self.preview = QLabel(self)
        self.preview.setObjectName("profilePreview")
        self.preview.setWordWrap(True)
        self.problem_label = error_label(self, object_name="profileProblem",
                                         accessible_name="Problem", reserve_lines=2)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("&Spara")
        self.save_button.setDefault(True)
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Avbryt")
        cancel.setAutoDefault(False)
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.preview)
        layout.addWidget(self.problem_label)
        layout.addWidget(self.buttons)
        self.refresh()

    def _edit(self, name: str, accessible: str, value: str) -> QLineEdit:
        edit = QLineEdit(value, self)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.setMaxLength(users_service.MAX_PROFILE + 20)  # room to say it is too long
        edit.textChanged.connect(self.refresh)
        return edit

    def values(self) -> dict[str, str]:
        return {"full_name": self.full_name.text(), "function": self.function.text(),
                "unit": self.unit.text()}

    def problem(self) -> str:
        return users_service.profile_problem(**self.values())[1]

    def refresh(self) -> None:
        problem = self.problem()
        self.problem_label.setText(problem)
        self.problem_label.setVisible(bool(problem))
        self.save_button.setEnabled(not problem)
        self.save_button.setToolTip(problem)
        v = {k: " ".join(x.split()) for k, x in self.values().items()}
        work = ", ".join(x for x in (v["function"], v["unit"]) if x) or "–"
        self.preview.setText(f"På samtycket: <b>Namn</b> {v['full_name'] or '–'} · "
                             f"<b>Funktion/verksamhet</b> {work}")

    def submit(self) -> bool:
        if self.problem():
            self.refresh()
            return False
        try:
            profile = users_service.update_profile(self.session, **self.values())
        except OroError as exc:
            self.problem_label.setText(str(exc))
            self.problem_label.show()
            announce(self.problem_label)
            return False
        self.saved.emit(profile)
        self.accept()
        return True
