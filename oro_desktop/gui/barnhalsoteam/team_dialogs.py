"""Nytt team / Ny medlem / Ändra medlem: small forms over `services.bht.create_team`,
`add_member` and `update_member`; `confirm_remove` asks before "Ta bort medlem".

The service refuses (Swedish, shown in the dialog, which stays open) an empty name, a
guardian or child as member, and over-long text; nothing is written until it accepts.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox, QDialog, QFormLayout, QHBoxLayout, QLineEdit, QMessageBox, QPlainTextEdit,
    QPushButton, QVBoxLayout, QWidget,
)

from oro_desktop.core.barnhalsoteam.roles import ROLE_LABELS
from oro_desktop.errors import OroError
from oro_desktop.gui.date_fields import date_edit, error_label, to_date


class _Form(QDialog):
    def __init__(self, title: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.form = QFormLayout()
        self.error = error_label(self)
        ok = QPushButton("&Spara", self)
        ok.setDefault(True)
        ok.clicked.connect(self.submit)
        cancel = QPushButton("Avbryt", self)
        cancel.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(ok)
        row.addWidget(cancel)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addLayout(row)
        self.saved_uid = ""

    def apply(self) -> str:
        raise NotImplementedError

    def submit(self) -> bool:
        try:
            self.saved_uid = self.apply()
        except OroError as exc:
            self.error.setText(str(exc))
            self.error.setVisible(True)
            return False
        self.accept()
        return True


class TeamDialog(_Form):
    def __init__(self, bht, parent: QWidget | None = None) -> None:
        super().__init__("Nytt barnhälsoteam", parent)
        self.bht = bht
        self.name = QLineEdit(self)
        self.municipality = QLineEdit(self)
        self.area = QLineEdit(self)
        today = bht.today()
        self.formed = date_edit(self, today, latest=today, name="Bildat")
        self.form.addRow("&Namn:", self.name)
        self.form.addRow("&Kommun:", self.municipality)
        self.form.addRow("&Område (frivilligt):", self.area)
        self.form.addRow("&Bildat:", self.formed)

    def apply(self) -> str:
        return str(self.bht.create_team(self.name.text(), self.municipality.text(),
                                        to_date(self.formed), area=self.area.text()))


class MemberDialog(_Form):
    """A new member, or (with `member`) the member's role, name, unit and mandate edited."""

    def __init__(self, bht, team_uid: str, parent: QWidget | None = None, *,
                 member=None) -> None:
        super().__init__("Ändra medlem" if member is not None else "Ny medlem i teamet",
                         parent)
        self.bht, self.team_uid, self.member = bht, team_uid, member
        self.role = QComboBox(self)
        for key, label in ROLE_LABELS.items():
            self.role.addItem(label, key)
        self.name = QLineEdit(self)
        self.organisation = QLineEdit(self)
        self.mandate = QPlainTextEdit(self)
        self.mandate.setFixedHeight(70)
        self.mandate.setPlaceholderText("Vad medlemmen kan besluta om för sin verksamhet (2.4)")
        self.form.addRow("&Roll:", self.role)
        self.form.addRow("&Namn:", self.name)
        self.form.addRow("&Verksamhet:", self.organisation)
        self.form.addRow("&Mandat:", self.mandate)
        if member is not None:
            self.role.setCurrentIndex(max(0, self.role.findData(member.role)))
            self.name.setText(member.name)
            self.organisation.setText(member.organisation)
            self.mandate.setPlainText(member.mandate)

    def apply(self) -> str:
        if self.member is not None:
            self.bht.update_member(self.team_uid, self.member.uid,
                                   role=str(self.role.currentData()), name=self.name.text(),
                                   organisation=self.organisation.text(),
                                   mandate=self.mandate.toPlainText())
            return str(self.member.uid)
        return str(self.bht.add_member(self.team_uid, str(self.role.currentData()),
                                       self.name.text(), organisation=self.organisation.text(),
                                       mandate=self.mandate.toPlainText()))


def confirm_remove(parent: QWidget, member) -> bool:
    """Ask before a member is removed, saying what is kept."""
    answer = QMessageBox.question(
        parent, "Ta bort medlem",
        f"Ta bort {member.name} ur teamet? Medlemmen finns kvar i protokollen från de "
        "möten hen deltog i. Borttagningen loggas och kan inte ångras.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes
