"""The case view's Personer tab: the persons in their roles, and adding one.

A protected person's address is never shown (only "Skyddade personuppgifter", in red).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QTreeWidgetItem, QVBoxLayout, QWidget

from oro_desktop.core.cases import Role
from oro_desktop.errors import OroError
from oro_desktop.gui.cases.common import (
    ALERT, PROTECTED, ROW_ROLE, CaseHost, person_address, tree,
)
from oro_desktop.gui.cases.forms import PersonForm
from oro_desktop.gui.messages import error_text
from oro_desktop.services.case_views import CaseView


class PersonsTab(QWidget):
    title = "Personer"

    def __init__(self, host: CaseHost, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self._form_case: str | None = None
        self.persons = tree(self, "casePersons",
                            ["Namn", "Roll", "Personnummer", "Adress", "Samtycke"])
        self.persons.headerItem().setToolTip(4, "Personens eget senaste svar på frågan om samtycke")
        # All five fit beside the guidance at 1366 px; the answer (last) must not be cut off.
        for column, width in ((0, 150), (1, 115), (2, 125), (3, 105)):
            self.persons.setColumnWidth(column, width)
        self.person_form = PersonForm(self)
        self.person_form.add.clicked.connect(self.add_person)
        layout = QVBoxLayout(self)
        layout.addWidget(self.persons, 1)
        layout.addWidget(self.person_form)

    def show_view(self, v: CaseView, *, is_open: bool) -> None:
        self.person_form.setEnabled(is_open)
        self.person_form.setVisible(is_open)  # a closed case is read-only
        expected = any(p.role == Role.EXPECTED_CHILD.value for p in v.persons)
        roles = {p.role for p in v.persons}
        likely = (Role.GUARDIAN if not expected else
                  Role.PARTNER if Role.PREGNANT.value in roles else Role.PREGNANT)
        if v.row.uid != self._form_case:  # a new case: a likely role
            self._form_case = v.row.uid
            self.person_form.role.setCurrentIndex(max(0, self.person_form.role.findData(likely.value)))
        self.persons.clear()
        for p in v.persons:
            number = p.number or ("–" if p.role != Role.EXPECTED_CHILD.value else "inget ännu")
            if p.due_date is not None:
                number = f"BF {p.due_date.isoformat()}"
            answer = {"yes": "Ja", "no": "Nej", "not_asked": "Inte tillfrågad"}.get(p.answer, "")
            item = QTreeWidgetItem(self.persons, [p.name, p.role_label, number,
                                                  person_address(p), answer])
            item.setData(0, ROW_ROLE, p.uid)
            if p.protected:
                item.setForeground(3, QBrush(ALERT))
                item.setToolTip(0, f"{PROTECTED}: adressen visas aldrig.")
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole,
                         f"{p.name}, {p.role_label}" + (f", {PROTECTED}" if p.protected else ""))
            if p.answer == "no":
                item.setForeground(4, QBrush(ALERT))
            for c in p.consents:
                QTreeWidgetItem(item, [f"{c.asked_on.isoformat()}: {c.answer_label}",
                                       c.manner_label, f"tillfrågad av {c.asked_by}", "", ""])
            item.setExpanded(True)

    def add_person(self) -> str | None:
        cases = self.host.cases
        try:
            role, person = self.person_form.value(cases.today())
        except OroError as exc:
            self.host.show_message(error_text(exc))
            return None
        uid = self.host.write(cases.add_person, self.host.case_uid, role, person)
        if uid:
            self.person_form.clear()
        return uid or None
