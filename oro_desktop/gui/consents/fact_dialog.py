"""Base of the small dialogs that register one fact about a consent (a date and who).

Why a base: registering the signed original, a revocation and a refusal look alike (a
date, the registering person, one decisive button) and must behave alike: the service's
Swedish refusal is shown inside the dialog, which stays open so nothing typed is lost.
`submit()` does the work and is what tests call (no exec()).
"""

from __future__ import annotations

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

from oro_desktop.errors import OroError
from oro_desktop.gui.consents.common import date_edit, error_label, show_error


class FactDialog(QDialog):
    """Subclasses add rows to `self.rows` and implement `apply()`."""

    def __init__(self, service, consent_id: int, *, title: str, intro: str, action: str,
                 user: str, subject: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service, self.consent_id = service, consent_id
        self.setWindowTitle(title)
        self.setMinimumWidth(520)
        today = service.today()
        heading = QLabel(f"<b>{title.rstrip('…')}</b>", self)
        who = QLabel(subject, self)
        who.setObjectName("factSubject")
        who.setVisible(bool(subject))
        text = QLabel(intro, self)
        text.setWordWrap(True)
        self.rows = QFormLayout()
        self.on = date_edit(self, today, name="Datum")  # a future date is refused, not clamped
        self.by = QLineEdit(user, self)
        self.by.setAccessibleName("Registrerat av")
        self.error = error_label(self)
        self.ok = QPushButton(action, self)
        self.ok.setDefault(True)
        cancel = QPushButton("Avbryt", self)
        self.ok.clicked.connect(self.submit)
        cancel.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.ok)
        buttons.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(who)
        layout.addWidget(text)
        layout.addLayout(self.rows)
        layout.addWidget(self.error)
        layout.addLayout(buttons)

    def add_row(self, label: str, widget: QWidget) -> None:
        caption = QLabel(label, self)
        caption.setBuddy(widget)
        self.rows.addRow(caption, widget)

    def apply(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def submit(self) -> bool:
        """Register the fact; on a refusal show the Swedish reason and stay open."""
        try:
            self.apply()
        except OroError as exc:
            show_error(self.error, exc)
            return False
        self.accept()
        return True
