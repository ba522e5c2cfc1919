"""Registrera underskrivet original: the signed paper came back (optionally with a scan).

The scan is read into memory and stored as a BLOB inside the encrypted file; the file
the user picked is left where it is (the dialog says so: delete it yourself if it is a
temporary scan).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLineEdit, QPushButton, QWidget

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
            registered_by=self.by.text(), scan=scan, mime=mime, filename=name)
