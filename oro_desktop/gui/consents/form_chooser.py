""""Nytt samtycke": which form, from the region setting (Inställningar).

Why a choice at all: a region's form words that region's guideline, so a Kronoberg unit
is never handed Jämtland's form by default. When the region setting offers exactly one
form the section opens it at once (no question); otherwise this dialog lists the forms
offered for the region, says why there are none when there are none (a newborn's or an
expected child's consent to contact is recorded in the case), and "Visa alla blanketter"
reaches every form explicitly, each named with its region.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox, QDialog, QDialogButtonBox, QLabel, QListWidget, QListWidgetItem, QPushButton,
    QVBoxLayout, QWidget,
)

from oro_desktop.services.consent_views import FormChoice, OfferedForms

FORM_ROLE = Qt.ItemDataRole.UserRole


def explanation(offer: OfferedForms) -> str:
    if not offer.region:
        return ("Ingen region är vald under Arkiv → Inställningar, så ingen regions blankett "
                "erbjuds. Välj region där, eller visa alla blanketter.")
    if not offer.offered:
        return (f"Det finns ingen samtyckesblankett här för {offer.region}. Samtycke till "
                "kontakt vid oro för ett väntat eller nyfött barn antecknas i ärendet "
                "(Ärenden → öppna ärendet → fliken Samtycken).")
    return f"Blanketter för {offer.region} (regionen i Inställningar):"


class FormChooser(QDialog):
    """Signal `chosen(form_id)` when a form is chosen; opened with `open()` (not modal to
    the application, so the auto-lock is never blocked)."""

    chosen = Signal(str)

    def __init__(self, offer: OfferedForms, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.offer = offer
        self.setObjectName("consentFormChooser")
        self.setWindowTitle("Nytt samtycke – välj blankett")
        self.setMinimumWidth(640)
        self.text = QLabel(explanation(offer), self)
        self.text.setObjectName("formChooserText")
        self.text.setWordWrap(True)
        self.list = QListWidget(self)
        self.list.setObjectName("formChooserList")
        self.list.setAccessibleName("Blanketter")
        self.list.itemDoubleClicked.connect(lambda _i: self.accept())
        self.show_all = QCheckBox("&Visa alla blanketter (även andra regioners)", self)
        self.show_all.setObjectName("formChooserShowAll")
        self.show_all.toggled.connect(self._fill)
        buttons = QDialogButtonBox(self)
        self.ok = QPushButton("&Fyll i", self)
        self.ok.setObjectName("formChooserOk")
        self.ok.setDefault(True)
        cancel = QPushButton("Avbryt", self)
        buttons.addButton(self.ok, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.ok.clicked.connect(self.accept)
        cancel.clicked.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.show_all)
        layout.addWidget(buttons)
        self._fill()

    def shown(self) -> list[FormChoice]:
        return [self.list.item(i).data(FORM_ROLE) for i in range(self.list.count())]

    def _fill(self) -> None:
        every = self.show_all.isChecked()
        self.list.clear()
        for choice in self.offer.forms:
            if choice.offered or every:
                where = ", ".join(choice.regions) if choice.regions else "alla regioner"
                item = QListWidgetItem(f"{choice.title}\n    {where}" if every else choice.title,
                                       self.list)
                item.setData(FORM_ROLE, choice)
                if not choice.offered:
                    item.setToolTip("Hör inte till regionen i Inställningar")
        if self.list.count():
            self.list.setCurrentRow(0)
        self.list.setVisible(self.list.count() > 0)  # an empty box says nothing
        self.ok.setEnabled(self.list.count() > 0)
        self.adjustSize()

    def choose(self, form_id: str) -> bool:
        """Select a form by id (showing all forms if it is not offered)."""
        for show_all in (False, True):
            if show_all:
                self.show_all.setChecked(True)
            for i in range(self.list.count()):
                if self.list.item(i).data(FORM_ROLE).form_id == form_id:
                    self.list.setCurrentRow(i)
                    return True
        return False

    def accept(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        super().accept()
        self.chosen.emit(item.data(FORM_ROLE).form_id)
