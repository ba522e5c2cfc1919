"""The case view's Samtycken tab: each person's own answers (one head per person who
answers, never one parent's answer for the other's), the no-consent path with the
guideline's ways to motivate consent, and recording a new answer (written or oral)."""

from __future__ import annotations

from datetime import date
from typing import Any
from html import escape

from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QTextBrowser, QTreeWidgetItem, QVBoxLayout, QWidget

from oro_desktop.errors import OroError
from oro_desktop.gui.cases.common import MUTED, ROW_ROLE, CaseHost, tree
from oro_desktop.gui.cases.forms import ConsentForm, print_values
from oro_desktop.gui.messages import error_text
from oro_desktop.services.case_views import CaseView, PersonInCase


def answering(v: CaseView | None) -> list[PersonInCase]:
    """The persons who answer the consent question, each for themselves."""
    return [p for p in (v.persons if v else ()) if p.answer]


class ConsentsTab(QWidget):
    title = "Samtycken"

    def __init__(self, host: CaseHost, today: date, user: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.no_consent = QTextBrowser(self)
        self.no_consent.setObjectName("caseNoConsent")
        self.no_consent.setAccessibleName("Samtycke saknas")
        self.no_consent.setOpenLinks(False)
        self.no_consent.setMaximumHeight(130)
        self.no_consent.hide()
        self.consents = tree(self, "caseConsents",
                             ["Person", "Svar", "Sätt", "Tillfrågad", "Av", "Antecknat av"])
        for column, width in ((0, 190), (1, 45), (2, 120), (3, 90), (4, 180)):
            self.consents.setColumnWidth(column, width)
        self.consents.setMinimumHeight(140)
        self.consent_form = ConsentForm(today, user, self)
        self.consent_form.save.clicked.connect(self.record_consent)
        self.consent_form.print_button.clicked.connect(self.print_for_signature)
        self.preview: Any = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.no_consent)
        layout.addWidget(self.consents, 1)
        layout.addWidget(self.consent_form)

    def show_view(self, v: CaseView, *, is_open: bool) -> None:
        self.consent_form.setEnabled(is_open)
        self.consent_form.setVisible(is_open)  # a closed case is read-only
        self.consent_form.set_persons([(p.uid, f"{p.name} ({p.role_label.lower()})")
                                       for p in answering(v)])
        self.consents.clear()
        for p in answering(v):
            state = {"yes": "Ja", "no": "Nej"}.get(p.answer, "Inte tillfrågad")
            head = QTreeWidgetItem(self.consents, [p.name, state, p.role_label.lower(),
                                                   "", "", ""])
            head.setData(0, ROW_ROLE, p.uid)
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            if not p.consents:
                line = QTreeWidgetItem(head, ["Inget svar antecknat", "", "", "", "", ""])
                line.setForeground(0, QBrush(MUTED))
            for c in p.consents:
                QTreeWidgetItem(head, ["", c.answer_label, c.manner_label,
                                       c.asked_on.isoformat(), c.asked_by, c.recorded_by])
            head.setExpanded(True)
        parts = []
        if v.no_consent:
            names = ", ".join(p.name for p in v.persons if p.answer == "no")
            parts.append(f"<b>Samtycke saknas</b> för {escape(names)}: Alternativ 2 gäller för dem. "
                         "Uppgifter får lämnas utan samtycke bara när det behövs för en "
                         "nödvändig skyddsinsats, bara det som behövs och bara mellan "
                         "offentliga verksamheter.")
        if v.motivate_consent:
            sources = sorted({w.source for w in v.motivate_consent})
            single = len(sources) == 1
            ways = "".join(f"<li>{escape(w.text)}" + ("" if single else
                           f" <span style='color:#4a525c'>({escape(w.source)})</span>") + "</li>"
                           for w in v.motivate_consent)
            source = (f" <span style='color:#4a525c'>(källa: {escape(sources[0])})</span>"
                      if single else "")
            parts.append(f"<b>Riktlinjens sätt att motivera till samtycke</b>{source}:<ul>{ways}</ul>")
        self.no_consent.setHtml("".join(p if p.startswith("<b>Rikt") else f"<p>{p}</p>"
                                        for p in parts))
        self.no_consent.setVisible(bool(parts))

    def print_for_signature(self) -> Any:
        """The region's consent form filled for the chosen person, in the print preview
        (a written consent: print, sign, then "Anteckna svaret" with Skriftligt)."""
        from oro_desktop.gui.forms.print_preview import PdfPreviewDialog
        from PySide6.QtCore import Qt

        cases, case_uid = self.host.cases, self.host.case_uid
        try:
            values = print_values(self.consent_form)
            person = str(values.pop("person_uid"))
            pdf = cases.consent_pdf(case_uid, person, **values)
        except OroError as exc:
            self.host.show_message(error_text(exc))
            return None
        self.host.show_message("")
        dialog = PdfPreviewDialog(
            pdf, "Samtycke till kontakt", suggested_name="samtycke-kontakt.pdf",
            audit=lambda action, detail: cases.record_consent_output(case_uid, action, detail),
            parent=self)
        dialog.setObjectName("caseConsentPrintPreview")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.preview = dialog
        return dialog

    def record_consent(self) -> str | None:
        try:
            values = self.consent_form.values()
        except OroError as exc:
            self.host.show_message(error_text(exc))
            return None
        person = str(values.pop("person_uid"))
        uid = self.host.write(self.host.cases.record_consent, self.host.case_uid, person, **values)
        return uid or None
