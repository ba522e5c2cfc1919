"""One case: the header ("Barnet är fött", the notices), the tabs, and the guidance for
the case's situation beside them. Each tab is its own module (persons_tab, consents_tab,
steps_tab, disclosures_tab, history_tab); this shell reads the case and hands the same
`CaseView` to every tab.

Why it reads the whole `CaseView` again after every change: the service computes the
guidance, the checklist and the notices from the same read (and audits it once), so
what is shown always agrees with itself. Writes go to the services through `write`;
a write publishes `Change("case", uid, "updated")` and the view reloads from the change
stream (queued to the UI thread, coalesced). A refused write shows its one Swedish line;
a refused disclosure (a private party under an OSL basis) shows the guidance's warning.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QSplitter, QTabWidget, QVBoxLayout, QWidget
from shiboken6 import isValid

from oro_desktop.core.cases import Role
from oro_desktop.errors import OroError
from oro_desktop.gui.cases.born import BornRow
from oro_desktop.gui.cases.closing import BANNER_STYLE, CloseRow, closed_text
from oro_desktop.gui.cases.common import scroll
from oro_desktop.gui.cases.consents_tab import ConsentsTab, answering
from oro_desktop.gui.cases.disclosures_tab import DisclosuresTab
from oro_desktop.gui.cases.history_tab import TITLE as HISTORY, history_tree, show_history
from oro_desktop.gui.cases.persons_tab import PersonsTab
from oro_desktop.gui.cases.steps_tab import StepsTab
from oro_desktop.gui.guidance.result_view import GuidancePanel
from oro_desktop.gui.messages import error_text
from oro_desktop.gui.cases.typing_draft import RESTORED as TYPING_RESTORED, CaseTyping
from oro_desktop.gui.plans.case_tab import CasePlansTab
from oro_desktop.services.case_views import CaseView, PersonInCase


class CaseDetail(QWidget):
    """The case view. Signals: `back_requested()`, `loaded(str)` (the case uid).

    `tabs` is the QTabWidget of the case's parts; another part adds its own tab to it.
    """

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

        self.closed_banner = QLabel("", self)
        self.closed_banner.setObjectName("caseClosedBanner")
        self.closed_banner.setWordWrap(True)
        self.closed_banner.setStyleSheet(BANNER_STYLE)
        self.closed_banner.hide()
        self.closing = CloseRow(self, today, self)
        self.close_button = self.closing.button
        self.born = BornRow(self, today, self)
        self.born_box, self.born_button = self.born, self.born.button
        self.born_on, self.born_name = self.born.born_on, self.born.born_name

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("caseTabs")
        self.tabs.setAccessibleName("Ärendets delar")
        self.persons_tab = PersonsTab(self, self)
        self.tabs.addTab(self.persons_tab, PersonsTab.title)
        self.consents_tab = ConsentsTab(self, today, user, self)
        self.tabs.addTab(scroll(self.consents_tab, self), ConsentsTab.title)
        self.steps_tab = StepsTab(self, self)
        self.tabs.addTab(self.steps_tab, StepsTab.title)
        self.disclosures_tab = DisclosuresTab(self, today, user, self)
        self.tabs.addTab(scroll(self.disclosures_tab, self), DisclosuresTab.title)
        self.typing = CaseTyping(self, services.drafts)
        self.plans_tab = CasePlansTab(services, self)  # issue 11: the case's plans
        self.tabs.addTab(self.plans_tab, "Planer")
        self.history = history_tree(self)
        self.tabs.addTab(self.history, HISTORY)
        self._alias_tab_widgets()

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
        top.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.summary)
        layout.addWidget(self.closed_banner)
        layout.addWidget(self.born_box)
        layout.addWidget(self.closing)
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

    def _alias_tab_widgets(self) -> None:
        """The tabs' widgets and actions under the names the case view has always had."""
        p, c, s, d = self.persons_tab, self.consents_tab, self.steps_tab, self.disclosures_tab
        self.persons, self.person_form, self.add_person = p.persons, p.person_form, p.add_person
        self.no_consent, self.consents, self.consent_form = c.no_consent, c.consents, c.consent_form
        self.record_consent = c.record_consent
        self.steps, self.step_detail, self.step_note = s.steps, s.step_detail, s.step_note
        self.tick_button, self.untick_button = s.tick_button, s.untick_button
        self.tick_selected, self.select_step, self.selected_step = (
            s.tick_selected, s.select_step, s.selected_step)
        self.disclosures, self.disclosure_warning = d.disclosures, d.disclosure_warning
        self.disclosure_form, self.told_after = d.disclosure_form, d.told_after
        self.told_after_on, self.told_after_button = d.told_after_on, d.told_after_button
        self.tell_after, self.record_disclosure = d.tell_after, d.record_disclosure
        self.select_disclosure = d.select_disclosure
        self.register_born = self.born.register_born

    # -- reading -------------------------------------------------------------------------
    def open_case(self, case_uid: str) -> CaseView | None:
        self.case_uid = case_uid
        self.message.hide()
        self.disclosures_tab.reset()
        self.born_box.hide()
        self.closing.hide()
        self.plans_tab.set_case(case_uid)
        view = self.reload()
        self.typing.mark_shown()
        if view is not None and self.typing.restore(case_uid):
            self.show_message(TYPING_RESTORED)
        return view

    def flush_drafts(self) -> bool:
        """Before a lock: what is typed in this case's forms is kept as a draft."""
        return self.typing.flush(self.case_uid)

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
            self.show_message(error_text(exc))
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
        self.close_button.setVisible(is_open)
        self.closed_banner.setText("" if is_open else closed_text(v))
        self.closed_banner.setVisible(not is_open)
        if not is_open:
            self.born_box.hide()
            self.closing.hide()
        for tab in (self.persons_tab, self.consents_tab, self.steps_tab, self.disclosures_tab):
            tab.show_view(v, is_open=is_open)
        show_history(self.history, v)
        if v.situation is not None:  # = CaseService.situation(uid), from the same read
            self.guidance.show_situation(v.situation)
        else:
            self.guidance.show_problem(v.guidance_problem or "Ingen vägledning för ärendet.")

    def answering(self, v: CaseView | None = None) -> list[PersonInCase]:
        """The persons who answer the consent question, each for themselves."""
        return answering(v or self.view)

    # -- writes --------------------------------------------------------------------------
    def show_message(self, text: str) -> None:
        self.message.setText(text)
        self.message.setVisible(bool(text))

    def write(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        """Call a service write; a refusal shows its one line, success reloads at once."""
        self.show_message("")
        try:
            result = fn(*args, **kwargs)
        except OroError as exc:
            self.show_message(error_text(exc))
            return None
        self.reload()  # at once; the change stream's reload follows and finds the same
        return result if result is not None else True
