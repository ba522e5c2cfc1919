"""The case's "Kontakten" box (on the Uppgiftslämnanden tab): whether the contact is a
report of concern about violence or honour-related violence, and whether the parent takes
part in making it.

Why it is asked and not read from the concern categories: Kronoberg's exemption from
telling the parent applies only to such a report "såvida föräldern inte är delaktig i att
en sådan kontakt tas" (Samverkan vid avsaknad av samtycke, punkt 6). A ticked box is
written at once through the case service (`set_contact_facts`: a history entry, audited);
the reload then shows the guidance and the disclosure form for the new facts.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QGroupBox, QLabel, QVBoxLayout, QWidget

from oro_desktop.gui.cases.common import CaseHost
from oro_desktop.services.case_views import CaseView


def _label(guideline: Any) -> str:
    return str(getattr(guideline, "person_label", "") or "föräldern")


class ContactBox(QGroupBox):
    """Two boxes and one line saying what follows from them."""

    def __init__(self, host: CaseHost, parent: QWidget | None = None) -> None:
        super().__init__("Kontakten", parent)
        self.host = host
        self.setObjectName("caseContactFacts")
        self.violence = QCheckBox("Kontakten är en orosanmälan om misstänkt &våld eller "
                                  "hedersrelaterat våld och förtryck", self)
        self.violence.setObjectName("contactViolence")
        self.violence.setAccessibleName("Kontakten är en orosanmälan om våld eller "
                                        "hedersrelaterat våld")
        self.takes_part = QCheckBox("Föräldern är &delaktig i att kontakten tas", self)
        self.takes_part.setObjectName("contactParentTakesPart")
        self.effect = QLabel("", self)
        self.effect.setObjectName("contactEffect")
        self.effect.setProperty("role", "muted")
        self.effect.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.violence)
        layout.addWidget(self.takes_part)
        layout.addWidget(self.effect)
        self.violence.toggled.connect(lambda _on: self._write())
        self.takes_part.toggled.connect(lambda _on: self._write())

    def show_view(self, v: CaseView, guideline: Any, *, is_open: bool) -> None:
        facts = v.contact
        who = _label(guideline)
        for box, on in ((self.violence, facts.violence), (self.takes_part, facts.parent_takes_part)):
            box.blockSignals(True)
            box.setChecked(on)
            box.blockSignals(False)
        self.takes_part.setText(f"{who[:1].upper()}{who[1:]} är &delaktig i att kontakten tas")
        self.violence.setEnabled(is_open)
        self.takes_part.setEnabled(is_open and facts.violence)
        rule = guideline.rule("violence_exemption") if guideline is not None else None
        if facts.exempt and rule is not None:
            text = (f"{who[:1].upper()}{who[1:]} informeras inte om kontakten, varken före eller "
                    f"efter ({guideline.region}: {rule.source}).")
        elif facts.exempt:
            text = (f"Riktlinjen har inget undantag: {who} informeras före och efter. Bedöm om "
                    "informationen kan utsätta någon för fara.")
        else:
            text = f"{who[:1].upper()}{who[1:]} informeras före och efter kontakten."
        if not facts.recorded:
            text = "Inte angivet. " + text
        self.effect.setText(text)

    def _write(self) -> None:
        uid = self.host.case_uid
        if not uid:
            return
        violence = self.violence.isChecked()
        self.host.write(self.host.cases.set_contact_facts, uid, violence=violence,
                        parent_takes_part=violence and self.takes_part.isChecked())
