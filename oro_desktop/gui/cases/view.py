"""One case: persons in their roles, the guideline's steps as a checklist, each person's
own consent answers, the no-consent path, the disclosures, the history, and the
guidance for the case's situation beside it.

Why it reads the whole `CaseView` again after every change: the service computes the
guidance, the checklist and the notices from the same read (and audits it once), so
what is shown always agrees with itself. Writes go to the services; a write publishes
`Change("case", uid, "updated")` and the view reloads from the change stream (queued
to the UI thread, coalesced). A refused write shows its one Swedish line; a refused
disclosure (a private party under an OSL basis) shows the guidance's warning.
"""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea, QSplitter,
    QTabWidget, QTextBrowser, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget,
)
from shiboken6 import isValid

from oro_desktop.core.cases import Role
from oro_desktop.errors import OroError
from oro_desktop.gui.cases.forms import ConsentForm, DisclosureForm, PersonForm, date_edit, pydate
from oro_desktop.gui.guidance.result_view import GuidancePanel
from oro_desktop.gui.messages import error_text
from oro_desktop.gui.plans.case_tab import CasePlansTab
from oro_desktop.services.case_views import CaseView, PersonInCase

ROW_ROLE = Qt.ItemDataRole.UserRole
MUTED = QColor("#4a525c")
ALERT = QColor("#a4141a")
PROTECTED = "Skyddade personuppgifter"
OSL_BASES = ("osl-25-12", "osl-26-9")


def _scroll(widget: QWidget, parent: QWidget) -> QScrollArea:
    area = QScrollArea(parent)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidgetResizable(True)
    area.setFrameShape(QScrollArea.Shape.NoFrame)
    area.setWidget(widget)
    return area


def _tree(parent: QWidget, name: str, headers: list[str]) -> QTreeWidget:
    tree = QTreeWidget(parent)
    tree.setObjectName(name)
    tree.setHeaderLabels(headers)
    tree.setAlternatingRowColors(True)
    tree.setRootIsDecorated(True)
    tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    tree.setWordWrap(True)
    return tree


def person_address(p: PersonInCase) -> str:
    return PROTECTED if p.protected else (p.address or "–")


class CaseDetail(QWidget):
    """The case view. Signals: `back_requested()`, `loaded(str)` (the case uid)."""

    back_requested = Signal()
    loaded = Signal(str)
    _changed = Signal(str)  # a changed case's uid, from any thread

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.cases = services.cases
        self.case_uid = ""
        self.view: CaseView | None = None
        self.setObjectName("caseDetail")
        self.setAccessibleName("Ärendet")
        today, user = self.cases.today(), services.session.user.name

        self.back = QPushButton("← &Tillbaka till listan", self)
        self.back.setObjectName("caseBack")
        self.back.clicked.connect(self.back_requested.emit)
        self.title = QLabel("", self)
        self.title.setObjectName("caseTitle")
        self.title.setProperty("role", "heading")
        self.title.setWordWrap(True)
        self.summary = QLabel("", self)
        self.summary.setObjectName("caseSummary")
        self.summary.setProperty("role", "muted")
        self.summary.setWordWrap(True)
        self.notices = QLabel("", self)
        self.notices.setObjectName("caseNotices")
        self.notices.setProperty("role", "warning")
        self.notices.setWordWrap(True)
        self.notices.hide()
        self.message = QLabel("", self)
        self.message.setObjectName("caseMessage")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.message.hide()

        # "Barnet är fött"
        self.born_button = QPushButton("Barnet är &fött…", self)
        self.born_button.setObjectName("caseBornButton")
        self.born_box = QWidget(self)
        self.born_on = date_edit(self.born_box, today, "caseBornOn")
        self.born_on.setAccessibleName("Födelsedatum")
        self.born_name = QLineEdit(self.born_box)
        self.born_name.setObjectName("caseBornName")
        self.born_name.setPlaceholderText("Barnets namn (valfritt)")
        self.born_name.setAccessibleName("Barnets namn")
        self.born_save = QPushButton("Registrera födseln", self.born_box)
        self.born_save.setObjectName("caseBornSave")
        born_row = QHBoxLayout(self.born_box)
        born_row.setContentsMargins(0, 0, 0, 0)
        born_row.addWidget(QLabel("Född:", self.born_box))
        born_row.addWidget(self.born_on)
        born_row.addWidget(self.born_name, 1)
        born_row.addWidget(self.born_save)
        self.born_box.hide()
        self.born_button.clicked.connect(self._toggle_born)
        self.born_save.clicked.connect(self.register_born)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("caseTabs")
        self.tabs.setAccessibleName("Ärendets delar")
        self._build_persons(today, user)
        self._build_steps()
        self._build_disclosures(today, user)
        self.plans_tab = CasePlansTab(services, self)  # issue 11: the case's plans
        self.tabs.addTab(self.plans_tab, "Planer")
        self.history = _tree(self, "caseHistory", ["När", "Vem", "Vad"])
        self.history.setRootIsDecorated(False)
        self.tabs.addTab(self.history, "Historik")

        self.guidance = GuidancePanel(self.cases.guidance, parent=self)
        self.guidance.setObjectName("caseGuidance")
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("caseSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.tabs)
        splitter.addWidget(self.guidance)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        self.guidance.setMinimumWidth(440)
        splitter.setSizes([640, 520])  # at 1366 wide the guidance needs ~500 px to read
        inner = self.guidance.findChild(QSplitter, "resultSplitter")
        if inner is not None:  # warnings, "Kontakta nu", the tabs: the contacts need room
            inner.setSizes([90, 320, 220])
        self.splitter = splitter

        top = QHBoxLayout()
        top.addWidget(self.back)
        top.addWidget(self.title, 1)
        top.addWidget(self.born_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.born_box)
        layout.addWidget(self.notices)
        layout.addWidget(self.message)
        layout.addWidget(splitter, 1)

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self.reload)
        self._changed.connect(self._on_change, Qt.ConnectionType.QueuedConnection)
        unsubscribe = services.changes.subscribe(lambda c: self._changed.emit(c.id),
                                                 kinds=["case"])
        self.destroyed.connect(unsubscribe)

    # -- building ------------------------------------------------------------------------
    def _build_persons(self, today: Any, user: str) -> None:
        page = QWidget(self)
        self.persons = _tree(page, "casePersons",
                             ["Namn", "Roll", "Personnummer", "Adress", "Svar på samtycke"])
        for column, width in ((0, 170), (1, 130), (2, 130), (3, 150)):
            self.persons.setColumnWidth(column, width)
        self.person_form = PersonForm(page)
        self.person_form.add.clicked.connect(self.add_person)
        layout = QVBoxLayout(page)
        layout.addWidget(self.persons, 1)
        layout.addWidget(self.person_form)
        self.tabs.addTab(page, "Personer")

        page = QWidget(self)
        self.no_consent = QTextBrowser(page)
        self.no_consent.setObjectName("caseNoConsent")
        self.no_consent.setAccessibleName("Samtycke saknas")
        self.no_consent.setOpenLinks(False)
        self.no_consent.setMaximumHeight(130)
        self.no_consent.hide()
        self.consents = _tree(page, "caseConsents",
                              ["Person", "Svar", "Sätt", "Tillfrågad", "Av", "Antecknat av"])
        for column, width in ((0, 190), (1, 45), (2, 120), (3, 90), (4, 180)):
            self.consents.setColumnWidth(column, width)
        self.consents.setMinimumHeight(140)
        self.consent_form = ConsentForm(today, user, page)
        self.consent_form.save.clicked.connect(self.record_consent)
        layout = QVBoxLayout(page)
        layout.addWidget(self.no_consent)
        layout.addWidget(self.consents, 1)
        layout.addWidget(self.consent_form)
        self.tabs.addTab(_scroll(page, self), "Samtycken")

    def _build_steps(self) -> None:
        page = QWidget(self)
        self.steps = _tree(page, "caseSteps", ["Steg", "Vad", "Bockad av", "Anteckning"])
        self.steps.setRootIsDecorated(False)
        for column, width in ((0, 110), (1, 330), (2, 150)):
            self.steps.setColumnWidth(column, width)
        self.steps.currentItemChanged.connect(lambda *_: self._step_selected())
        self.step_detail = QLabel("", page)
        self.step_detail.setObjectName("caseStepDetail")
        self.step_detail.setWordWrap(True)
        self.step_detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.step_note = QLineEdit(page)
        self.step_note.setObjectName("caseStepNote")
        self.step_note.setPlaceholderText("Anteckning (vad som gjordes)")
        self.step_note.setAccessibleName("Anteckning till steget")
        self.step_note.setMaxLength(2000)
        self.tick_button = QPushButton("&Bocka av", page)
        self.tick_button.setObjectName("caseTick")
        self.tick_button.clicked.connect(lambda: self.tick_selected(True))
        self.untick_button = QPushButton("Ta bort bock", page)
        self.untick_button.setObjectName("caseUntick")
        self.untick_button.clicked.connect(lambda: self.tick_selected(False))
        self.step_note.returnPressed.connect(lambda: self.tick_selected(True))
        row = QHBoxLayout()
        row.addWidget(self.step_note, 1)
        row.addWidget(self.tick_button)
        row.addWidget(self.untick_button)
        layout = QVBoxLayout(page)
        layout.addWidget(self.steps, 1)
        layout.addWidget(self.step_detail)
        layout.addLayout(row)
        self.tabs.addTab(page, "Steg")

    def _build_disclosures(self, today: Any, user: str) -> None:
        page = QWidget(self)
        self.disclosures = _tree(page, "caseDisclosures",
                                 ["Datum", "Från", "Till", "Lagrum", "Informerad"])
        self.disclosures.setRootIsDecorated(False)
        for column, width in ((0, 85), (1, 140), (2, 150), (3, 110)):
            self.disclosures.setColumnWidth(column, width)
        self.disclosure_warning = QLabel("", page)
        self.disclosure_warning.setObjectName("disclosureWarning")
        self.disclosure_warning.setProperty("role", "warning")
        self.disclosure_warning.setWordWrap(True)
        self.disclosure_warning.hide()
        self.disclosures.currentItemChanged.connect(lambda *_: self._disclosure_selected())
        self.told_after = QLineEdit(page)
        self.told_after.setObjectName("caseToldAfter")
        self.told_after.setPlaceholderText("Vad personen fick veta efteråt (om kontakten och vad "
                                           "som framkom)")
        self.told_after.setAccessibleName("Informerad i efterhand, vad")
        self.told_after.setMaxLength(4000)
        self.told_after_on = date_edit(page, today, "caseToldAfterOn")
        self.told_after_on.setAccessibleName("Informerad i efterhand, datum")
        self.told_after_button = QPushButton("Informerad i efterhand", page)
        self.told_after_button.setObjectName("caseToldAfterSave")
        self.told_after_button.clicked.connect(self.tell_after)
        after = QHBoxLayout()
        after.addWidget(self.told_after_on)
        after.addWidget(self.told_after, 1)
        after.addWidget(self.told_after_button)
        self.disclosure_form = DisclosureForm(today, user, page)
        self.disclosure_form.save.clicked.connect(self.record_disclosure)
        layout = QVBoxLayout(page)
        layout.addWidget(self.disclosures, 1)
        layout.addLayout(after)
        layout.addWidget(self.disclosure_warning)
        layout.addWidget(self.disclosure_form)
        self.tabs.addTab(_scroll(page, self), "Uppgiftslämnanden")

    # -- reading -------------------------------------------------------------------------
    def open_case(self, case_uid: str) -> CaseView | None:
        self.case_uid = case_uid
        self.message.hide()
        self.disclosure_warning.hide()
        self.born_box.hide()
        self.plans_tab.set_case(case_uid)
        return self.reload()

    def _on_change(self, uid: str) -> None:
        if self.case_uid and uid in ("", self.case_uid):
            self._timer.start()

    @property
    def busy(self) -> bool:
        return self._timer.isActive()

    def reload(self) -> CaseView | None:
        if not self.case_uid or not isValid(self):
            return None
        try:
            view = self.cases.view(self.case_uid)
        except OroError as exc:
            self._show_message(error_text(exc))
            return None
        self.show_view(view)
        self.loaded.emit(self.case_uid)
        return view

    def show_view(self, v: CaseView) -> None:
        self.view = v
        r = v.row
        self.title.setText(f"{r.subject} – {r.municipality}")
        concerns = ", ".join(text for _id, text in v.concerns) or "ingen angiven"
        self.summary.setText(f"{r.guideline_title} · {r.status_label}, öppnat "
                             f"{r.opened_on.isoformat()} · Ansvarig: {r.responsible or '–'} · "
                             f"Oro: {concerns} · Ärende {r.uid[:8]}")
        self.notices.setText("\n".join(v.notices))
        self.notices.setVisible(bool(v.notices))
        is_open = r.status == "open"
        expected = any(p.role == Role.EXPECTED_CHILD.value for p in v.persons)
        self.born_button.setVisible(expected and r.born_on is None)
        self.born_button.setEnabled(is_open)
        for form in (self.person_form, self.consent_form, self.disclosure_form):
            form.setEnabled(is_open)
        self.tick_button.setEnabled(is_open)
        self.untick_button.setEnabled(is_open)
        roles = {p.role for p in v.persons}
        likely = (Role.GUARDIAN if not expected else
                  Role.PARTNER if Role.PREGNANT.value in roles else Role.PREGNANT)
        if self.case_uid != getattr(self, "_form_case", None):  # a new case: a likely role
            self._form_case = self.case_uid
            self.person_form.role.setCurrentIndex(max(0, self.person_form.role.findData(likely.value)))
        self._show_persons(v)
        self._show_consents(v)
        self._show_steps(v)
        self._show_disclosures(v)
        self._show_history(v)
        if v.guidance is not None:
            self.guidance.error.hide()
            self.guidance.result.show()
            self.guidance.result.show_guidance(v.guidance, self.cases.guidance.references)
        else:
            self.guidance.error.setText(v.guidance_problem or "Ingen vägledning för ärendet.")
            self.guidance.error.show()
            self.guidance.result.hide()

    def _show_persons(self, v: CaseView) -> None:
        self.persons.clear()
        for p in v.persons:
            number = p.number or ("–" if p.role != Role.EXPECTED_CHILD.value else "inget ännu")
            if p.due_date is not None:
                number = f"BF {p.due_date.isoformat()}"
            answer = {"yes": "Ja", "no": "Nej", "not_asked": "Inte tillfrågad"}.get(p.answer, "")
            item = QTreeWidgetItem(self.persons, [p.name, p.role_label, number,
                                                  person_address(p), answer])
            item.setData(0, ROW_ROLE, p.uid)
            if p.protected:
                item.setForeground(3, QBrush(ALERT))
                item.setToolTip(0, f"{PROTECTED}: adressen visas aldrig.")
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole,
                         f"{p.name}, {p.role_label}" + (f", {PROTECTED}" if p.protected else ""))
            if p.answer == "no":
                item.setForeground(4, QBrush(ALERT))
            for c in p.consents:
                QTreeWidgetItem(item, [f"{c.asked_on.isoformat()}: {c.answer_label}",
                                       c.manner_label, f"tillfrågad av {c.asked_by}", "", ""])
            item.setExpanded(True)

    def answering(self, v: CaseView | None = None) -> list[PersonInCase]:
        """The persons who answer the consent question, each for themselves."""
        v = v or self.view
        return [p for p in (v.persons if v else ()) if p.answer]

    def _show_consents(self, v: CaseView) -> None:
        self.consent_form.set_persons([(p.uid, f"{p.name} ({p.role_label.lower()})")
                                       for p in self.answering(v)])
        self.consents.clear()
        for p in self.answering(v):
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

    def _show_steps(self, v: CaseView) -> None:
        keep = self.selected_step()
        self.steps.clear()
        select = None
        for s in v.steps:
            alt = f"Alt {s.alternative}, " if s.alternative else ""
            mark = "☑" if s.ticked else "☐"
            who = f"{s.ticked_by}, {s.ticked_at[:16]}" if s.ticked else ""
            text = s.text + (f" (hoppas över: {s.skipped_reason})" if s.skipped else "")
            item = QTreeWidgetItem(self.steps, [f"{mark} {alt}steg {s.number}", text, who, s.note])
            item.setData(0, ROW_ROLE, s.step_id)
            item.setToolTip(1, f"{s.text}\nKälla: {s.source}")
            item.setData(0, Qt.ItemDataRole.AccessibleTextRole,
                         f"{alt}steg {s.number}, {'bockad' if s.ticked else 'inte bockad'}")
            if s.skipped:
                for column in range(4):
                    item.setForeground(column, QBrush(MUTED))
            if s.step_id == keep:
                select = item
        if select is None and self.steps.topLevelItemCount():
            select = self.steps.topLevelItem(0)
        if select is not None:
            self.steps.setCurrentItem(select)

    def _show_disclosures(self, v: CaseView) -> None:
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
        guideline = self._guideline()
        bases: list[tuple[str, str]] = []
        exemption = False
        if guideline is not None:
            refs = self.cases.guidance.references
            bases = [(b.ref, refs[b.ref].display if b.ref in refs else b.ref)
                     for b in guideline.alternative(2).legal_bases if b.ref in OSL_BASES]
            exemption = guideline.rule("violence_exemption") is not None
        self.disclosure_form.set_bases(bases, exemption)

    def _waiting_disclosure(self) -> Any:
        item = self.disclosures.currentItem()
        uid = item.data(0, ROW_ROLE) if item is not None else None
        found = next((d for d in (self.view.disclosures if self.view else ()) if d.uid == uid), None)
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
            self._show_message("Markera ett uppgiftslämnande där personen ska informeras i efterhand.")
            return False
        done = self._write(self.services.disclosures.tell_after, d.uid,
                           pydate(self.told_after_on), self.told_after.text())
        if done:
            self.told_after.clear()
        return bool(done)

    def _show_history(self, v: CaseView) -> None:
        self.history.clear()
        for h in reversed(v.history):
            item = QTreeWidgetItem(self.history, [h.at[:16], h.by, h.text])
            item.setToolTip(2, h.text)
        self.history.setColumnWidth(0, 130)
        self.history.setColumnWidth(1, 110)

    def _guideline(self) -> Any:
        if self.view is None:
            return None
        try:
            return self.cases.guidance.guideline(self.view.row.guideline_id)
        except Exception:  # noqa: BLE001 - an unknown guideline: no bases offered
            return None

    # -- writes --------------------------------------------------------------------------
    def _show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def _write(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        self._show_message("")
        try:
            result = fn(*args, **kwargs)
        except OroError as exc:
            self._show_message(error_text(exc))
            return None
        self.reload()  # at once; the change stream's reload follows and finds the same
        return result if result is not None else True

    def selected_step(self) -> str | None:
        item = self.steps.currentItem() if hasattr(self, "steps") else None
        return item.data(0, ROW_ROLE) if item is not None else None

    def select_step(self, step_id: str) -> bool:
        for i in range(self.steps.topLevelItemCount()):
            item = self.steps.topLevelItem(i)
            if item.data(0, ROW_ROLE) == step_id:
                self.steps.setCurrentItem(item)
                return True
        return False

    def _step_selected(self) -> None:
        item = self.steps.currentItem()
        self.step_note.setText(item.text(3) if item is not None else "")
        step_id = item.data(0, ROW_ROLE) if item is not None else None
        step = next((s for s in (self.view.steps if self.view else ()) if s.step_id == step_id), None)
        if step is None:
            self.step_detail.setText("")
            return
        lines = [f"<b>{escape(item.text(0)[2:])}:</b> {escape(step.text)}",
                 f"<span style='color:#4a525c'>Källa: {escape(step.source)}"
                 + (f" · Gäller: {escape(', '.join(step.applies_to))}" if step.applies_to else "")
                 + "</span>"]
        if step.skipped:
            lines.append(f"Hoppas över: {escape(step.skipped_reason)}")
        if step.ticked:
            lines.append(f"Bockad av {escape(step.ticked_by)} {escape(step.ticked_at[:16])}"
                         + (f": {escape(step.note)}" if step.note else ""))
        self.step_detail.setText("<br>".join(lines))

    def tick_selected(self, ticked: bool) -> bool:
        step = self.selected_step()
        if step is None:
            self._show_message("Markera ett steg först.")
            return False
        done = self._write(self.cases.tick_step, self.case_uid, step,
                           note=self.step_note.text(), ticked=ticked)
        return bool(done)

    def add_person(self) -> str | None:
        try:
            role, person = self.person_form.value(self.cases.today())
        except OroError as exc:
            self._show_message(error_text(exc))
            return None
        uid = self._write(self.cases.add_person, self.case_uid, role, person)
        if uid:
            self.person_form.clear()
        return uid or None

    def record_consent(self) -> str | None:
        try:
            values = self.consent_form.values()
        except OroError as exc:
            self._show_message(error_text(exc))
            return None
        person = str(values.pop("person_uid"))
        uid = self._write(self.cases.record_consent, self.case_uid, person, **values)
        return uid or None

    def record_disclosure(self) -> str | None:
        from oro_desktop.services.disclosures import DisclosureRefused

        self.disclosure_warning.hide()
        self._show_message("")
        values = self.disclosure_form.values()
        try:
            uid = self.services.disclosures.record(self.case_uid, **values)
        except DisclosureRefused as exc:
            texts = [t for _c, t in exc.warnings] or [error_text(exc)]
            self.disclosure_warning.setText("Uppgiftslämnandet nekades: " + " ".join(texts))
            self.disclosure_warning.show()
            return None
        except OroError as exc:
            self.disclosure_warning.setText(error_text(exc))
            self.disclosure_warning.show()
            return None
        self.reload()
        return uid

    def _toggle_born(self) -> None:
        self.born_box.setVisible(not self.born_box.isVisible())
        if self.born_box.isVisible():
            self.born_on.setFocus()

    def register_born(self) -> Any:
        from oro_desktop.services.case_views import PersonInput

        name = self.born_name.text().strip()
        child = PersonInput(name=name) if name else None
        result = self._write(self.cases.child_born, self.case_uid, pydate(self.born_on),
                             child=child)
        if result:
            self.born_box.hide()
        return result or None
