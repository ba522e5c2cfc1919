""""Avsluta ärende…" in the case view, and the banner of a closed case.

Why an inline confirmation rather than a modal dialog: the auto-lock destroys the
section widgets, and an open modal dialog would block it. The row says what closing
means (the case can then be read but not changed; the service has no reopening) and
names what is still undone (people to be told afterwards), and asks for the date; only
its own button closes the case. The service writes the case history event.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from oro_desktop.gui.cases.common import CaseHost
from oro_desktop.gui.cases.forms import date_edit, pydate, qdate
from oro_desktop.services.case_views import CaseView

BANNER_STYLE = ("background: #e6f0fa; color: #1b2530; border: 1px solid #1d5a93; "
                "border-left: 6px solid #1d5a93; padding: 6px; font-weight: bold;")


def closed_text(v: CaseView) -> str:
    """The banner of a closed case."""
    on = v.row.closed_on.isoformat() if v.row.closed_on else "–"
    text = (f"Ärendet är avslutat ({on}). Det kan läsas men inte ändras: inga personer, "
            "svar, steg eller uppgiftslämnanden kan läggas till.")
    if any(d.waiting_to_tell_after for d in v.disclosures):
        text += (" Den som ska informeras i efterhand kan fortfarande antecknas under "
                 "Uppgiftslämnanden.")
    return text


class CloseRow(QWidget):
    """The confirmation row; `button` ("Avsluta ärende…") is placed in the header."""

    def __init__(self, host: CaseHost, today: date, parent: QWidget) -> None:
        super().__init__(parent)
        self.host = host
        self.setObjectName("caseCloseRow")
        self.button = QPushButton("Avsl&uta ärende…", parent)
        self.button.setObjectName("caseCloseButton")
        self.button.setToolTip("Avsluta ärendet med ett datum (frågar först)")
        self.question = QLabel("", self)
        self.question.setObjectName("caseCloseQuestion")
        self.question.setWordWrap(True)
        self.question.setProperty("role", "warning")
        self.closed_on = date_edit(self, today, "caseClosedOn")
        self.closed_on.setAccessibleName("Avslutas den")
        self.confirm = QPushButton("Avsluta ärendet", self)
        self.confirm.setObjectName("caseCloseConfirm")
        self.cancel = QPushButton("Avbryt", self)
        self.cancel.setObjectName("caseCloseCancel")
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(QLabel("Avslutas den:", self))
        row.addWidget(self.closed_on)
        row.addStretch(1)
        row.addWidget(self.confirm)
        row.addWidget(self.cancel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.question)
        layout.addLayout(row)
        self.hide()
        self.button.clicked.connect(self.ask)
        self.cancel.clicked.connect(self.hide)
        self.confirm.clicked.connect(self.close_case)

    def ask(self) -> None:
        """Show the question for the case shown, with what is still undone."""
        v = self.host.view
        if v is None:
            return
        self.closed_on.setMinimumDate(qdate(v.row.opened_on))
        waiting = sum(1 for d in v.disclosures if d.waiting_to_tell_after)
        text = ("Avsluta ärendet? Ett avslutat ärende kan läsas men inte ändras, och det kan "
                "inte öppnas igen.")
        if waiting:
            text += (f" Observera: {waiting} uppgiftslämnande{'n' if waiting > 1 else ''} "
                     "väntar på att personen informeras i efterhand.")
        self.question.setText(text)
        self.show()
        self.closed_on.setFocus()

    def close_case(self) -> Any:
        result = self.host.write(self.host.cases.close, self.host.case_uid,
                                 pydate(self.closed_on))
        if result:
            self.hide()
        return result or None
