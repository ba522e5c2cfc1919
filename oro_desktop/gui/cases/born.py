""""Barnet är fött" in the case view: the button in the header and the row that asks
for the date of birth (and, optionally, the child's name).

The service then says that anmälningsplikt applies (SoL (2025:400) 19 kap. 1 §, with
the former SoL beside it) and, where the region has a newborn guideline, continues the
case under it; the shell shows that notice from the reloaded view.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from oro_desktop.gui.cases.common import CaseHost
from oro_desktop.gui.cases.forms import date_edit, pydate


class BornRow(QWidget):
    """The row under the header; `button` is placed in the header by the shell."""

    def __init__(self, host: CaseHost, today: date, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = host
        self.button = QPushButton("Barnet är &fött…", parent)
        self.button.setObjectName("caseBornButton")
        self.born_on = date_edit(self, today, "caseBornOn")
        self.born_on.setAccessibleName("Födelsedatum")
        self.born_name = QLineEdit(self)
        self.born_name.setObjectName("caseBornName")
        self.born_name.setPlaceholderText("Barnets namn (valfritt)")
        self.born_name.setAccessibleName("Barnets namn")
        self.save = QPushButton("Registrera födseln", self)
        self.save.setObjectName("caseBornSave")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Född:", self))
        row.addWidget(self.born_on)
        row.addWidget(self.born_name, 1)
        row.addWidget(self.save)
        self.hide()
        self.button.clicked.connect(self.toggle)
        self.save.clicked.connect(self.register_born)

    def toggle(self) -> None:
        self.setVisible(not self.isVisible())
        if self.isVisible():
            self.born_on.setFocus()

    def register_born(self) -> Any:
        from oro_desktop.services.case_views import PersonInput

        name = self.born_name.text().strip()
        child = PersonInput(name=name) if name else None
        result = self.host.write(self.host.cases.child_born, self.host.case_uid,
                                 pydate(self.born_on), child=child)
        if result:
            self.hide()
        return result or None
