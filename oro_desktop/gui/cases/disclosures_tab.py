"""The case view's Uppgiftslämnanden tab: disclosures without consent, "told after" for
one that waits for it, and recording a new one.

A disclosure the law does not allow (a private recipient under an OSL basis) is refused
by the service; the tab shows the guidance's warning (that the secrecy-breaking
provisions do not apply to a private party, whose confidentiality follows
Patientsäkerhetslagen 6 kap. 12 §).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QHBoxLayout, QLabel, QLineEdit, QPushButton, QTreeWidgetItem, QVBoxLayout, QWidget,
)

from oro_desktop.errors import OroError
from oro_desktop.gui.cases.common import OSL_BASES, ROW_ROLE, CaseHost, tree
from oro_desktop.gui.cases.contact_box import ContactBox
from oro_desktop.gui.cases.forms import DisclosureForm, date_edit, pydate
from oro_desktop.gui.messages import error_text
from oro_desktop.services.case_views import CaseView


class DisclosuresTab(QWidget):
    title = "Uppgiftslämnanden"

    def __init__(self, host: CaseHost, today: date, user: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.host = host
        self.disclosures = tree(self, "caseDisclosures",
                                ["Datum", "Från", "Till", "Lagrum", "Informerad"])
        self.disclosures.setRootIsDecorated(False)
        for column, width in ((0, 85), (1, 140), (2, 150), (3, 110)):
            self.disclosures.setColumnWidth(column, width)
        self.disclosure_warning = QLabel("", self)
        self.disclosure_warning.setObjectName("disclosureWarning")
        self.disclosure_warning.setProperty("role", "warning")
        self.disclosure_warning.setWordWrap(True)
        self.disclosure_warning.hide()
        self.disclosures.currentItemChanged.connect(lambda *_: self._disclosure_selected())
        self.told_after = QLineEdit(self)
        self.told_after.setObjectName("caseToldAfter")
        self.told_after.setPlaceholderText("Vad personen fick veta efteråt (om kontakten och vad "
                                           "som framkom)")
        self.told_after.setAccessibleName("Informerad i efterhand, vad")
        self.told_after.setMaxLength(4000)
        self.told_after_on = date_edit(self, today, "caseToldAfterOn")
        self.told_after_on.setAccessibleName("Informerad i efterhand, datum")
        self.told_after_button = QPushButton("Informerad i efterhand", self)
        self.told_after_button.setObjectName("caseToldAfterSave")
        self.told_after_button.clicked.connect(self.tell_after)
        after = QHBoxLayout()
        after.addWidget(self.told_after_on)
        after.addWidget(self.told_after, 1)
        after.addWidget(self.told_after_button)
        self.disclosure_form = DisclosureForm(today, user, self)
        self.disclosure_form.save.clicked.connect(self.record_disclosure)
        layout = QVBoxLayout(self)
        layout.addWidget(self.disclosures, 1)
        layout.addLayout(after)
        layout.addWidget(self.disclosure_warning)
        self.contact_box = ContactBox(host, self)
        layout.addWidget(self.contact_box)
        layout.addWidget(self.disclosure_form)

    def reset(self) -> None:
        self.disclosure_warning.hide()

    def show_view(self, v: CaseView, *, is_open: bool) -> None:
        self.disclosure_form.setEnabled(is_open)
        self.disclosure_form.setVisible(is_open)  # a closed case is read-only
        self.disclosures.clear()
        for d in v.disclosures:
            if d.informed == "exemption":
                told = f"Undantag: {d.exemption_reason}"
            else:
                told = f"Före {d.told_before_on.isoformat() if d.told_before_on else '–'}; " + (
                    f"efter {d.told_after_on.isoformat()}" if d.told_after_on
                    else "ska informeras i efterhand")
            item = QTreeWidgetItem(self.disclosures, [
                d.disclosed_on.isoformat(),
                f"{d.sender} ({'offentlig' if d.sender_public else 'privat'})",
                f"{d.recipient} ({'offentlig' if d.recipient_public else 'privat'})",
                d.legal_basis_text, told])
            item.setData(0, ROW_ROLE, d.uid)
            for column in range(5):
                item.setToolTip(column, item.text(column))
        waiting = next((i for i in range(self.disclosures.topLevelItemCount())
                        if v.disclosures[i].waiting_to_tell_after), 0)
        if self.disclosures.topLevelItemCount():
            self.disclosures.setCurrentItem(self.disclosures.topLevelItem(waiting))
        self._disclosure_selected()
        guideline = self._guideline(v)
        bases: list[tuple[str, str]] = []
        exemption = False
        if guideline is not None:
            refs = self.host.cases.guidance.references
            bases = [(b.ref, refs[b.ref].display if b.ref in refs else b.ref)
                     for b in guideline.alternative(2).legal_bases if b.ref in OSL_BASES]
            # the exemption is offered only when the case records a violence report the
            # parent is not part of (the "Kontakten" box), and is then the default
            exemption = guideline.rule("violence_exemption") is not None and v.contact.exempt
        self.contact_box.show_view(v, guideline, is_open=is_open)
        self.disclosure_form.set_bases(bases, exemption)

    def _guideline(self, v: CaseView) -> Any:
        try:
            return self.host.cases.guidance.guideline(v.row.guideline_id)
        except Exception:  # noqa: BLE001 - an unknown guideline: no bases offered
            return None

    def _waiting_disclosure(self) -> Any:
        item = self.disclosures.currentItem()
        uid = item.data(0, ROW_ROLE) if item is not None else None
        view = self.host.view
        found = next((d for d in (view.disclosures if view else ()) if d.uid == uid), None)
        return found if found is not None and found.waiting_to_tell_after else None

    def _disclosure_selected(self) -> None:
        waiting = self._waiting_disclosure() is not None
        for widget in (self.told_after, self.told_after_on, self.told_after_button):
            widget.setEnabled(waiting)

    def select_disclosure(self, uid: str) -> bool:
        for i in range(self.disclosures.topLevelItemCount()):
            item = self.disclosures.topLevelItem(i)
            if item.data(0, ROW_ROLE) == uid:
                self.disclosures.setCurrentItem(item)
                return True
        return False

    def tell_after(self) -> bool:
        d = self._waiting_disclosure()
        if d is None:
            self.host.show_message("Markera ett uppgiftslämnande där personen ska informeras i "
                                   "efterhand.")
            return False
        done = self.host.write(self.host.services.disclosures.tell_after, d.uid,
                               pydate(self.told_after_on), self.told_after.text())
        if done:
            self.told_after.clear()
        return bool(done)

    def record_disclosure(self) -> str | None:
        from oro_desktop.services.disclosures import DisclosureRefused

        self.disclosure_warning.hide()
        self.host.show_message("")
        values = self.disclosure_form.values()
        try:
            uid: str = self.host.services.disclosures.record(self.host.case_uid, **values)
        except DisclosureRefused as exc:
            texts = [t for _c, t in exc.warnings] or [error_text(exc)]
            self.disclosure_warning.setText("Uppgiftslämnandet nekades: " + " ".join(texts))
            self.disclosure_warning.show()
            return None
        except OroError as exc:
            self.disclosure_warning.setText(error_text(exc))
            self.disclosure_warning.show()
            return None
        self.host.reload()
        return uid
