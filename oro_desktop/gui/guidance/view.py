"""The Vägledning section's widget: the situation on the left, the guidance on the right.

Loading the guidelines, legal references and contact directory costs ~300 ms, so it
runs off the UI thread the first time the view is shown, with a busy bar; after that a
change of any input recomputes the guidance at once (the engine takes about a
millisecond, measured in the report of this change).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QScrollArea, QVBoxLayout, QWidget
from shiboken6 import isValid

from oro_desktop.gui.a11y import busy_bar
from oro_desktop.gui.guidance.choices import ordered
from oro_desktop.gui.tasks import run_task


class GuidanceView(QWidget):
    """The section widget; `ready` once the service is loaded and the form is built."""

    def __init__(self, services: Any, parent: QWidget | None = None, *,
                 now: Callable[[], datetime] = datetime.now) -> None:
        super().__init__(parent)
        self.services = services
        self._now = now
        self.service: Any = None
        self.form: Any = None
        self.panel: Any = None
        self.loading = False
        self._pending_guideline: str | None = None
        self.setObjectName("guidanceView")
        self.setAccessibleName("Vägledning")
        heading = QLabel("Vägledning", self)
        heading.setProperty("role", "heading")
        intro = QLabel("Välj riktlinje och beskriv situationen: vägledningen visar alternativ per "
                       "person, varningar, vem du kontaktar nu och stegen med lagstöd.", self)
        intro.setProperty("role", "muted")
        intro.setWordWrap(True)
        self.busy = busy_bar(self, object_name="guidanceBusy",
                             accessible_name="Riktlinjerna läses in")
        self.status = QLabel("", self)
        self.status.setObjectName("guidanceStatus")
        self.status.setWordWrap(True)
        self.body = QHBoxLayout()
        self.body.setContentsMargins(0, 0, 0, 0)
        self.body.setSpacing(14)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addWidget(self.busy)
        layout.addWidget(self.status)
        layout.addLayout(self.body, 1)

    @property
    def ready(self) -> bool:
        return self.panel is not None

    def showEvent(self, event: Any) -> None:  # noqa: N802 - Qt override
        """Load on first show; afterwards recompute, so a number just edited under
        Kontakter (the same ContactService, which publishes no change) is the one shown."""
        super().showEvent(event)
        if self.ready:
            self.refresh()
        else:
            self.load()

    def load(self) -> None:
        """Load the service in the background (once); build the form when it is there."""
        if self.ready or self.loading:
            return
        self.loading = True
        self.busy.show()
        self.status.setText("Riktlinjerna läses in …")
        services, year = self.services, self._now().year

        def work() -> tuple[Any, str]:  # worker thread: no widgets here
            from datetime import date

            from oro_desktop.core.contacts.holidays import SWEDISH_HOLIDAYS

            service = services.guidance
            service.guidelines, service.references, service.contacts.entries()
            for y in (year - 1, year, year + 1):  # the holiday calendar loads on first use (~0.8 s)
                date(y, 1, 1) in SWEDISH_HOLIDAYS
            region = str(services.session.get_setting("default_region", "") or "")
            return service, region

        def failed(exc: BaseException) -> None:
            if not isValid(self):
                return
            self.loading = False
            self.busy.hide()
            self.status.setProperty("role", "error")
            self.status.setText("Riktlinjerna kunde inte läsas: "
                                + (getattr(exc, "message", "") or "ett oväntat fel inträffade."))

        run_task(work, on_result=lambda r: isValid(self) and self._loaded(*r), on_error=failed)

    def _loaded(self, service: Any, region: str) -> None:
        from oro_desktop.gui.guidance.result_view import GuidancePanel
        from oro_desktop.gui.guidance.situation_form import SituationForm

        self.loading = False
        self.busy.hide()
        self.status.setText("")
        self.status.hide()
        self.service = service
        guidelines = ordered(list(service.guidelines.values()), region)

        def municipalities(g: Any) -> list[str]:
            return list(g.municipalities) or service.contacts.municipalities(g.region)

        self.form = SituationForm(guidelines, municipalities, now=self._now, parent=self)
        scroll = QScrollArea(self)
        scroll.setObjectName("situationScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(self.form)
        scroll.setFixedWidth(385)
        self.panel = GuidancePanel(service, now=self._now, parent=self)
        self.body.addWidget(scroll)
        self.body.addWidget(self.panel, 1)
        for widget in (self.form, scroll, self.panel):  # added to a shown view: show now
            widget.show()
        self.form.changed.connect(self.refresh)
        if self._pending_guideline:
            self.form.select_guideline(self._pending_guideline)
        self.refresh()

    def refresh(self) -> None:
        if self.ready:
            self.panel.show_situation(self.form.situation())

    def show_guideline(self, guideline_id: str) -> None:
        """Choose a guideline (the Att göra view opens one here); waits for the load."""
        if self.ready:
            self.form.select_guideline(guideline_id)
        else:
            self._pending_guideline = guideline_id
            self.load()
