"""The result of the guidance for one situation; embeddable (the case view will use it).

`GuidanceResultView.show_guidance(guidance, refs)` shows: each person's alternative, the
guideline's validity, the warnings first (coloured by severity: refusal, warning,
information), then "Kontakta nu", then tabs with the ordered steps, the legal bases,
the interventions and the ways to motivate consent. `GuidancePanel` adds the engine:
give it a situation (plain data) and it shows the result or one Swedish error line.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel, QSplitter, QTabWidget, QTextBrowser, QVBoxLayout, QWidget,
)

from oro_desktop.core.guidance import Guidance, LegalReference, SituationError
from oro_desktop.core.guidance.situation import Situation
from oro_desktop.gui.guidance import texts
from oro_desktop.gui.guidance.contacts_list import ContactsNow

#: level -> (order, background, border, Swedish word read before the text)
LEVELS = {
    "refusal": (0, "#fbe3e4", "#a4141a", "Stopp"),
    "warning": (1, "#fff4d6", "#d9a400", "Varning"),
    "info": (2, "#e6f0fa", "#1d5a93", "Information"),
}


class GuidanceResultView(QWidget):
    """Shows a computed Guidance; holds no service."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("guidanceResult")
        self.setAccessibleName("Vägledningen")
        self.guidance: Guidance | None = None
        self.persons = QLabel("", self)
        self.persons.setObjectName("personsAlternatives")
        self.persons.setAccessibleName("Alternativ per person")
        self.persons.setTextFormat(Qt.TextFormat.RichText)
        self.persons.setWordWrap(True)
        self.validity = QLabel("", self)
        self.validity.setObjectName("validityFlag")
        self.validity.setWordWrap(True)

        self.warnings = QTextBrowser(self)
        self.warnings.setObjectName("guidanceWarnings")
        self.warnings.setAccessibleName("Varningar")
        self.warnings.setOpenLinks(False)
        self._codes: list[str] = []
        self._texts: list[str] = []

        self.contacts = ContactsNow(self)
        contacts_box = QWidget(self)
        heading = QLabel("<b>Kontakta nu</b>", contacts_box)
        box_layout = QVBoxLayout(contacts_box)
        box_layout.setContentsMargins(0, 0, 0, 0)
        box_layout.setSpacing(2)
        box_layout.addWidget(heading)
        box_layout.addWidget(self.contacts, 1)

        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("guidanceTabs")
        self.tabs.setAccessibleName("Steg, lagrum och insatser")
        self.browsers: dict[str, QTextBrowser] = {}
        # No mnemonics on the tabs: the window's Alt+S (Sök) and Alt+L (Lås) and the form's
        # letters leave none free; Tab reaches the tab bar, the arrow keys choose a tab.
        for key, title in (("steps", "Steg"), ("legal", "Lagrum"),
                           ("interventions", "Insatser"), ("motivate", "Motivera samtycke")):
            browser = QTextBrowser(self.tabs)
            browser.setObjectName(f"guidance_{key}")
            browser.setAccessibleName(title.replace("&", ""))
            browser.setOpenLinks(False)
            self.browsers[key] = browser
            self.tabs.addTab(browser, title)

        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.setObjectName("resultSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.warnings)
        splitter.addWidget(contacts_box)
        splitter.addWidget(self.tabs)
        self.warnings.setMinimumHeight(90)
        for index, stretch in enumerate((2, 2, 3)):
            splitter.setStretchFactor(index, stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addWidget(self.persons)
        layout.addWidget(self.validity)
        layout.addWidget(splitter, 1)

    def show_guidance(self, guidance: Guidance, refs: Mapping[str, LegalReference]) -> None:
        self.guidance = guidance
        self.persons.setText(texts.persons_html(guidance))
        valid = guidance.validity
        flagged = valid.expired or valid.expires_soon
        self.validity.setText(f"{guidance.guideline.title}, version {guidance.guideline.version}. {valid.text}")
        self.validity.setProperty("role", "warning" if flagged else "muted")
        self.validity.setAccessibleName(valid.text)
        self.validity.style().unpolish(self.validity)
        self.validity.style().polish(self.validity)
        self._show_warnings(guidance)
        self.contacts.show_routes(guidance.contacts)
        self.browsers["steps"].setHtml(texts.steps_html(guidance, refs))
        self.browsers["legal"].setHtml(texts.legal_html(guidance))
        self.browsers["interventions"].setHtml(texts.interventions_html(guidance))
        self.browsers["motivate"].setHtml(texts.motivate_html(guidance))
        self.tabs.setTabEnabled(3, bool(guidance.motivate_consent))

    def _show_warnings(self, guidance: Guidance) -> None:
        ordered = sorted(guidance.warnings, key=lambda w: LEVELS.get(w.level, LEVELS["info"])[0])
        self._codes = [w.code for w in ordered]
        self._texts = []
        blocks = []
        for w in ordered:
            _order, background, border, word = LEVELS.get(w.level, LEVELS["info"])
            source = f" <span style=\"color:#4a525c\">(källa: {escape(w.source)})</span>" if w.source else ""
            self._texts.append(f"{word}: {w.text}")
            blocks.append(
                f'<table width="100%" cellspacing="0" cellpadding="5" style="margin-bottom:4px; '
                f'background-color:{background}; border-left: 4px solid {border}">'
                f'<tr><td style="border-left: 4px solid {border}"><b style="color:{border}">{word}:</b> '
                f"{escape(w.text)}{source}</td></tr></table>")
        self.warnings.setHtml("".join(blocks) or "<p>Inga varningar.</p>")
        self.warnings.setAccessibleDescription(" ".join(self._texts))

    def warning_codes(self) -> list[str]:
        """The warnings' codes in the order shown (severest first)."""
        return list(self._codes)

    def warning_texts(self) -> list[str]:
        return list(self._texts)


class GuidancePanel(QWidget):
    """A situation in, the guidance shown; what the case view embeds.

    `service` is a loaded GuidanceService (services.guidance). `show_situation(raw)`
    runs the engine (about a millisecond once loaded) and shows the result, or one
    Swedish line when the situation does not fit the guideline.
    """

    def __init__(self, service: Any, *, now: Callable[[], datetime] = datetime.now,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self._now = now
        self.error = QLabel("", self)
        self.error.setObjectName("guidanceError")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        self.result = GuidanceResultView(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.error)
        layout.addWidget(self.result, 1)

    def show_situation(self, raw: dict[str, Any] | Situation) -> Guidance | None:
        try:
            guidance: Guidance = self.service.guide(raw, now=self._now())
        except SituationError as exc:
            self.error.setText(getattr(exc, "message", "") or str(exc))
            self.error.show()
            return None
        self.error.hide()
        self.result.show()
        self.result.show_guidance(guidance, self.service.references)
        return guidance

    def show_problem(self, text: str) -> None:
        """No guidance to show (e.g. a case whose guideline is not in the program): one line."""
        self.error.setText(text)
        self.error.show()
        self.result.hide()
