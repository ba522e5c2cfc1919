"""The barnhälsoteam consent's own band in the consent editor: the child's special
situations (guideline 2.8-2.9) and "Exportera för flytt…" (2.10).

Why in the consent: the consent is where a user decides what may be shared about the
child, so the guideline's notices (LVU, family home under SoL, protected identity or a
secret address, undocumented) belong beside it, and the transfer rests on its Ja. Only
for the barnhälsoteam form and a consent linked to a child; every other form gets None.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from oro_desktop.gui.barnhalsoteam.situation import SituationPanel

BHT_FORM = "barnhalsoteam-samtycke"


class ConsentBanner(QWidget):
    def __init__(self, bht, child_uid: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bhtConsentBanner")
        self.bht, self.child_uid = bht, child_uid
        self.situation = SituationPanel(bht, self)
        self.export_button = QPushButton("&Exportera för flytt…", self)
        self.export_button.setToolTip("Barnet flyttar till en annan kommun i länet: för över "
                                      "materialet till det nya barnhälsoteamet (riktlinjen 2.10)")
        self.export_button.setAutoDefault(False)
        self.export_button.clicked.connect(lambda: self.export())
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.situation)
        layout.addLayout(row)
        self.situation.show_child(child_uid)
        self._form = None
        self.situation.changed.connect(lambda _s: self._mask())

    def guard_address(self, form) -> None:
        """Keep the child's address off the screen in `form` while the child has
        skyddade personuppgifter or a secret address (guideline 2.9: never shown, never
        printed); the stored address is kept and saved unchanged. Follows a change of
        the situation made from this band."""
        self._form = form
        self._mask()

    def _mask(self) -> None:
        form, s = self._form, self.situation.situation
        field = form.definition.field_for("child.address") if form is not None else None
        if field is None:
            return
        text = None
        if s is not None and s.hide_address:
            what = "Skyddade personuppgifter" if s.protected_identity else "Hemlig vistelseort"
            text = f"{what} – adressen visas inte"
        form.mask_field(field.id, text)

    def export(self):
        from oro_desktop.gui.barnhalsoteam.transfer_dialogs import ExportTransferDialog

        dialog = ExportTransferDialog(self.bht, self.child_uid, self.window())
        dialog.open()
        return dialog


def consent_banner(session, view, parent: QWidget | None = None) -> ConsentBanner | None:
    """The band for a stored barnhälsoteam consent with a linked child, else None."""
    if view is None or getattr(view, "form_id", "") != BHT_FORM or view.child is None:
        return None
    return ConsentBanner(session.services.bht, view.child.uid, parent)
