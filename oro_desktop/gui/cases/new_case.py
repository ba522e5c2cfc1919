"""Nytt ärende: guideline (the region setting's by default), municipality, the expected
child's due date or the newborn, the concern categories of the guideline, who initiates.

Opened with `open()` (never `exec()`): the auto-lock rejects the window's dialogs.
The service checks everything again before it writes; a refusal shows its line here.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDateEdit, QDialog, QDialogButtonBox, QFormLayout, QGroupBox,
    QLabel, QVBoxLayout, QWidget,
)

from oro_desktop.core.guidance import validity
from oro_desktop.core.guidance.model import EXPECTED_CHILD, NEWBORN
from oro_desktop.errors import OroError
from oro_desktop.gui.cases.forms import KINDS, identity_of, line, pydate, qdate
from oro_desktop.gui.messages import error_text
from oro_desktop.services.case_views import PersonInput


class NewCaseDialog(QDialog):
    """Signal `created(str)` with the new case's uid."""

    created = Signal(str)

    def __init__(self, cases: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.cases = cases
        self.setObjectName("newCaseDialog")
        self.setWindowTitle("Nytt ärende")
        self.today = cases.today()
        self.guideline = QComboBox(self)
        self.guideline.setObjectName("newCaseGuideline")
        self.guideline.setAccessibleName("Riktlinje")
        guidelines = sorted((g for g in cases.guidance.guidelines.values()
                             if g.situation in (EXPECTED_CHILD, NEWBORN)),
                            key=lambda g: (g.region, g.title))
        for g in guidelines:
            self.guideline.addItem(g.title, g.id)
        preferred = cases.default_guideline() or next(
            (g.id for g in sorted(cases.region_guidelines(), key=lambda g: g.id)), None)
        if preferred is not None:
            self.guideline.setCurrentIndex(max(0, self.guideline.findData(preferred)))
        self.municipality = QComboBox(self)
        self.municipality.setObjectName("newCaseMunicipality")
        self.municipality.setAccessibleName("Kommun")
        self.municipality.setEditable(True)
        self.due = QDateEdit(self)
        self.due.setObjectName("newCaseDueDate")
        self.due.setAccessibleName("Beräknat förlossningsdatum")
        self.due.setCalendarPopup(True)
        self.due.setDisplayFormat("yyyy-MM-dd")
        self.due.setDate(qdate(self.today + timedelta(days=120)))
        self.child_name = line(self, "newCaseChildName", "Barnets namn", "Barnets namn")
        self.child_number = line(self, "newCaseChildNumber",
                                 "Personnummer, eller t.ex. ”Nyfött, ännu ej folkbokfört”",
                                 "Barnets personnummer")
        self.kind = QComboBox(self)
        self.kind.setObjectName("newCaseKind")
        self.kind.setAccessibleName("Initierande verksamhet")
        self.kind.setEditable(True)
        self.kind.addItems(KINDS)
        self.public = QCheckBox("Offentlig verksamhet (avmarkera för privat vårdgivare)", self)
        self.public.setObjectName("newCasePublic")
        self.public.setChecked(True)
        self.concerns_box = QGroupBox("Oro (riktlinjens kategorier)", self)
        self.concerns_layout = QVBoxLayout(self.concerns_box)
        self.concern_boxes: dict[str, QCheckBox] = {}
        self.validity = QLabel("", self)  # "Riktlinjen gällde t.o.m. … – kontrollera …"
        self.validity.setObjectName("newCaseValidity")
        self.validity.setProperty("role", "warning")
        self.validity.setWordWrap(True)
        self.validity.hide()
        self.error = QLabel("", self)
        self.error.setObjectName("newCaseError")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Öppna ärendet")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Avbryt")
        buttons.accepted.connect(self.submit)
        buttons.rejected.connect(self.reject)
        self.form = QFormLayout()
        self.form.addRow("&Riktlinje:", self.guideline)
        self.form.addRow("&Kommun:", self.municipality)
        self.form.addRow("&Beräknat förlossningsdatum:", self.due)
        self.form.addRow("Barnets &namn:", self.child_name)
        self.form.addRow("Barnets &personnummer:", self.child_number)
        self.form.addRow("&Initierande verksamhet:", self.kind)
        self.form.addRow("", self.public)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.validity)
        layout.addWidget(self.concerns_box)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.guideline.currentIndexChanged.connect(lambda _i: self._guideline_changed())
        self._guideline_changed()

    def _selected(self) -> Any:
        gid = self.guideline.currentData()
        return self.cases.guidance.guidelines.get(gid) if gid else None

    def _guideline_changed(self) -> None:
        g = self._selected()
        if g is None:
            return
        valid = validity(g, self.today)
        self.validity.setText(valid.text if valid.expired or valid.expires_soon else "")
        self.validity.setVisible(valid.expired or valid.expires_soon)
        towns = g.municipalities or tuple(self.cases.guidance.contacts.municipalities(g.region))
        self.municipality.clear()
        self.municipality.addItems(list(towns))
        expected = g.situation == EXPECTED_CHILD
        for widget in (self.due,):
            widget.setEnabled(expected)
            self.form.labelForField(widget).setEnabled(expected)
        for widget in (self.child_name, self.child_number):
            widget.setEnabled(not expected)
            self.form.labelForField(widget).setEnabled(not expected)
        self.kind.setCurrentText("barnmorskemottagning" if expected else "BVC")
        for box in self.concern_boxes.values():
            box.deleteLater()
        self.concern_boxes = {}
        for c in g.concern_categories:
            box = QCheckBox(c.text, self.concerns_box)
            box.setObjectName(f"concern_{c.id}")
            self.concerns_layout.addWidget(box)
            self.concern_boxes[c.id] = box

    def submit(self) -> str | None:
        g = self._selected()
        if g is None:
            return None
        try:
            kwargs: dict[str, Any] = {}
            if g.situation == EXPECTED_CHILD:
                kwargs["due_date"] = pydate(self.due)
            else:
                kwargs["child"] = PersonInput(name=self.child_name.text().strip(),
                                              identity=identity_of(self.child_number.text()
                                                                   or "Nyfött, ännu ej folkbokfört",
                                                                   self.today))
            uid = self.cases.open(
                self.municipality.currentText(), guideline_id=g.id,
                concerns=[k for k, box in self.concern_boxes.items() if box.isChecked()],
                initiator_kind=self.kind.currentText(), initiator_public=self.public.isChecked(),
                **kwargs)
        except OroError as exc:
            self.error.setText(error_text(exc))
            self.error.show()
            return None
        self.created.emit(uid)
        self.accept()
        return str(uid)
