"""Registrera underskrivet original: the signed paper came back (optionally with a scan).

Per guardian (migration 0008): before the first signature the dialog asks whether the
child has one guardian or two (proposed from the guardians named on the form) and which
guardian signed; with two, the consent waits for the other guardian ("Väntar på den
andra vårdnadshavarens underskrift") and the same dialog then registers the other's
signature. Each registration keeps its own dates and who registered it.

The scan is read into memory and stored as a BLOB inside the encrypted file; the file
the user picked is left where it is (the dialog says so: delete it yourself if it is a
temporary scan).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox, QFileDialog, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget,
)

from oro_desktop.errors import InvalidInput
from oro_desktop.gui.consents.common import date_edit, to_date
from oro_desktop.gui.consents.fact_dialog import FactDialog

MIME_BY_SUFFIX = {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg",
                  ".jpeg": "image/jpeg", ".tif": "image/tiff", ".tiff": "image/tiff"}


class RegisterSignatureDialog(FactDialog):
    def __init__(self, service, consent_id: int, *, user: str, subject: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(
            service, consent_id, title="Registrera underskrivet original…",
            intro=("Registrera att det underskrivna originalet har kommit in. Originalet (eller "
                   "en kopia) ska kunna visas upp. En inskanning kan bifogas; den sparas "
                   "krypterad i databasen."),
            action="&Registrera", user=user, subject=subject, parent=parent)
        view = service.get(consent_id)
        first = view.consent.signed
        self.second = first is not None and view.consent.guardians == 2
        names = [g.name for g in view.guardians if g.name]
        self.guardians = QComboBox(self)
        self.guardians.addItem("En vårdnadshavare", 1)
        self.guardians.addItem("Två vårdnadshavare (gemensam vårdnad)", 2)
        self.guardians.setAccessibleName("Antal vårdnadshavare")
        count = view.consent.guardians if first is not None else (2 if len(names) >= 2 else 1)
        self.guardians.setCurrentIndex(count - 1)
        self.guardians.setEnabled(first is None)
        self.signer = QComboBox(self)
        self.signer.setEditable(True)
        self.signer.setAccessibleName("Vårdnadshavare som har skrivit under")
        signed_name = first.signer if first is not None else ""
        for n in names:
            if n.casefold() != signed_name.casefold():
                self.signer.addItem(n)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.state.setObjectName("guardianState")
        if self.second:
            self.state.setText(
                f"Vårdnadshavare 1 ({signed_name or 'namn ej angivet'}) skrev under "
                f"{first.signed_on.isoformat()}. Registrera nu den andra vårdnadshavarens "
                "underskrift: vid gemensam vårdnad gäller samtycket först när båda har skrivit "
                "under (föräldrabalken 6 kap. 13 §).")
        else:
            self.state.setText("Vid gemensam vårdnad registreras varje vårdnadshavares "
                               "underskrift för sig; samtycket gäller först när båda finns.")
        today = service.today()
        # No maximum: a future date typed here is refused with the service's message, not
        # silently replaced by today (issue 13).
        self.signed_on = date_edit(self, today, name="Underskriftsdatum")
        self.scan_path = QLineEdit(self)
        self.scan_path.setPlaceholderText("Ingen fil vald (frivilligt)")
        self.scan_path.setAccessibleName("Inskannad fil")
        choose = QPushButton("&Välj fil…", self)
        choose.clicked.connect(self._choose)
        scan_row = QWidget(self)
        row = QHBoxLayout(scan_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.scan_path, 1)
        row.addWidget(choose)
        self.add_row("", self.state)
        self.add_row("Barnet har:", self.guardians)
        self.add_row("&Vårdnadshavare:", self.signer)
        self.add_row("&Underskrivet den:", self.signed_on)
        self.add_row("&Mottaget den:", self.on)
        self.add_row("Registrerat &av:", self.by)
        self.add_row("&Inskanning:", scan_row)
        QWidget.setTabOrder(self.signed_on, self.on)
        self.signed_on.setFocus()

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Välj inskannat original", "", "Inskanning (*.pdf *.png *.jpg *.jpeg *.tif *.tiff)")
        if path:
            self.scan_path.setText(path)

    def apply(self) -> None:
        scan, mime, name = None, "application/pdf", ""
        text = self.scan_path.text().strip()
        if text:
            path = Path(text)
            mime = MIME_BY_SUFFIX.get(path.suffix.lower(), "")
            if not mime:
                raise InvalidInput("Inskanningen måste vara en PDF-, PNG-, JPEG- eller TIFF-fil.")
            try:
                scan = path.read_bytes()
            except OSError:
                raise InvalidInput(f"Filen ”{path.name}” kunde inte läsas.") from None
            name = path.name
        self.service.register_signature(
            self.consent_id, signed_on=to_date(self.signed_on), received_on=to_date(self.on),
            registered_by=self.by.text(), scan=scan, mime=mime, filename=name,
            guardians=None if self.second else int(self.guardians.currentData()),
            signer=self.signer.currentText())
