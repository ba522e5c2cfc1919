"""Återkalla: a written revocation was received. Final: the consent is never active again,
which the dialog says before the decisive button."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from oro_desktop.gui.consents.common import to_date
from oro_desktop.gui.consents.fact_dialog import FactDialog


class RevokeDialog(FactDialog):
    def __init__(self, service, consent_id: int, *, user: str, subject: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(
            service, consent_id, title="Återkalla samtycke…",
            intro=("Ange när den skriftliga återkallelsen kom in. <b>Återkallelsen går inte att "
                   "ångra:</b> samtycket blir aldrig giltigt igen. Behövs ett nytt samtycke "
                   "senare görs det med Förnya samtycke."),
            action="Åter&kalla samtycket", user=user, subject=subject, parent=parent)
        self.add_row("&Återkallelsen mottagen:", self.on)
        self.add_row("Registrerat &av:", self.by)
        self.ok.setDefault(False)  # a final step is never the Enter default

    def apply(self) -> None:
        self.service.revoke(self.consent_id, received_on=to_date(self.on),
                            registered_by=self.by.text())
