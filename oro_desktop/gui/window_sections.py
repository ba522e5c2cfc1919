"""The main window's section stack: the navigation list and one lazily built page per section.

Mixed into `MainWindow` (gui/main_window.py). A section's widget is built by its factory
the first time it is shown (one broken section shows a message, not a crash); before a
lock or close every built section is asked to ``flush_drafts()``. In a demo start-up the
pages are busy placeholders (PENDING_TEXT) until `attach(services)`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from oro_desktop.gui.sections import Section
    from oro_desktop.services.services import Services

#: The main window's logger name, kept when the window was split into modules.
log = logging.getLogger("oro_desktop.gui.main_window")

#: What each section shows while a demo store is still being made (see `pending`).
PENDING_TEXT = "Öppnar demodatabasen …"


class SectionStack:
    """Navigation, the stacked section pages, and the built sections' drafts."""

    def _build_center(self) -> None:
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        self.navigation = QListWidget(central)
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Navigering")
        self.navigation.setAccessibleDescription("Välj del med piltangenterna eller Ctrl+1 till Ctrl+9")
        self.navigation.setFixedWidth(210)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for index, section in enumerate(self.sections):
            item = QListWidgetItem(section.title, self.navigation)
            item.setData(Qt.ItemDataRole.UserRole, section.id)
            hint = f"Ctrl+{index + 1}" if index < 9 else ""
            item.setToolTip(" – ".join(p for p in (section.description, hint) if p))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, section.title)
            if section.description:
                item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, section.description)
        self.navigation.currentRowChanged.connect(self._show_row)
        layout.addWidget(self.navigation)

        self.stack = QStackedWidget(central)
        self.stack.setObjectName("sectionStack")
        self.stack.setAccessibleName("Innehåll")
        for section in self.sections:
            page = QWidget(self.stack)
            page.setObjectName(f"page_{section.id}")
            page.setAccessibleName(section.title)
            QVBoxLayout(page).setContentsMargins(16, 12, 16, 12)
            if self.services is None:
                busy = QLabel(PENDING_TEXT, page)
                busy.setObjectName("sectionPending")
                busy.setProperty("role", "muted")
                busy.setAlignment(Qt.AlignmentFlag.AlignCenter)
                busy.setAccessibleName(PENDING_TEXT)
                page.layout().addWidget(busy)
                self._placeholders[section.id] = busy
            self.stack.addWidget(page)
            self._pages[section.id] = page
        if not self.sections:
            empty = QLabel(
                "Det finns ännu inga delar för din roll i den här versionen.", self.stack
            )
            empty.setObjectName("noSections")
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            empty.setProperty("role", "muted")
            self.stack.addWidget(empty)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

    def current_section(self) -> Section | None:
        row = self.navigation.currentRow()
        return self.sections[row] if 0 <= row < len(self.sections) else None

    def current_widget(self) -> QWidget | None:
        section = self.current_section()
        return self._widgets.get(section.id) if section else None

    def section_widget(self, section_id: str) -> QWidget | None:
        """The built widget of a section, or None if it was never opened."""
        return self._widgets.get(section_id)

    def show_section(self, section_id: str) -> None:
        for row, section in enumerate(self.sections):
            if section.id == section_id:
                self.navigation.setCurrentRow(row)
                return
        raise KeyError(section_id)

    @property
    def pending(self) -> bool:
        """True while the window is shown without a session (demo start-up)."""
        return self.services is None

    def attach(self, services: Services) -> None:
        """The store is ready: drop the placeholders and build the section on show."""
        user = services.session.user
        if (user.name, user.role) != self._user:  # the sections shown depend on the role
            raise ValueError("the session belongs to another user than the window shows")
        self.services, self.session = services, services.session
        for busy in self._placeholders.values():
            busy.hide()
            busy.deleteLater()
        self._placeholders.clear()
        self._show_row(self.navigation.currentRow())

    def _show_row(self, row: int) -> None:
        if not 0 <= row < len(self.sections):
            return
        section = self.sections[row]
        page = self._pages[section.id]
        if self.services is not None and section.id not in self._widgets:
            self._widgets[section.id] = self._build_section(section, page)
        self.stack.setCurrentWidget(page)
        self.search_field.blockSignals(True)
        self.search_field.clear()
        self.search_field.blockSignals(False)
        self._update_search_state()

    def _build_section(self, section: Section, page: QWidget) -> QWidget:
        try:
            widget = section.factory(self.services, page)
        except Exception as exc:  # one broken section must not take the window down
            log.exception("Section %s could not be built", section.id)
            reason = getattr(exc, "message", None) or "ett oväntat fel inträffade."
            widget = QLabel(f"Det gick inte att öppna {section.title}: {reason}", page)
            widget.setProperty("role", "error")
            widget.setWordWrap(True)
            widget.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        widget.setObjectName(widget.objectName() or f"section_{section.id}")
        if not widget.accessibleName():
            widget.setAccessibleName(section.title)
        page.layout().addWidget(widget)
        return widget

    def flush_drafts(self) -> list[str]:
        """Ask every built section to save what is typed; returns ids that failed."""
        failed = []
        for section_id, widget in self._widgets.items():
            flush = getattr(widget, "flush_drafts", None)
            if callable(flush):
                try:
                    flush()
                except Exception:
                    log.exception("Section %s could not save its drafts", section_id)
                    failed.append(section_id)
        return failed

    def destroy_sections(self) -> None:
        """Destroy every section widget (after flushing); used before the window goes."""
        for widget in self._widgets.values():
            widget.hide()
            widget.setParent(None)  # type: ignore[call-overload]
            widget.deleteLater()
        self._widgets.clear()
