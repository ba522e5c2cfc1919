"""Avböjt: the guardian(s) said no before signing; the consent is kept as history."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from oro_desktop.gui.consents.common import to_date
from oro_desktop.gui.consents.fact_dialog import FactDialog


class DeclineDialog(FactDialog):
    def __init__(self, service, consent_id: int, *, user: str, subject: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(
            service, consent_id, title="Registrera avböjt samtycke…",
            intro=("Registrera att vårdnadshavaren inte samtycker. Utgångspunkten är att "
                   "personens vilja respekteras; samtycket sparas som avböjt."),
            action="Registrera &avböjt", user=user, subject=subject, parent=parent)
        self.add_row("&Datum:", self.on)
        self.add_row("Registrerat &av:", self.by)

    def apply(self) -> None:
        self.service.decline(self.consent_id, on=to_date(self.on), registered_by=self.by.text())
