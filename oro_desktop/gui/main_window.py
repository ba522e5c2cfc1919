"""The main window: navigation to the registered sections, global search, user and Lås.

The window knows no section by name. It receives the discovered `Section`s, shows those
the signed-in user's role may see, builds each widget lazily the first time it is opened,
forwards the search field to the current section's optional ``search(text)``, and before
a lock or close asks every built section to ``flush_drafts()``. What happens on lock and
on settings is the controller's business: the window only emits signals.

The window is split by job into mixins on this one class: gui/window_toolbar.py (the
tool bar and the global search field), gui/window_sections.py (navigation and the
section stack), gui/window_menus.py (menus, actions, help). Every name is importable
from here as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QMainWindow, QWidget

# DEMO_TITLE, ROLE_NAMES, SEARCH_DELAY_MS, PENDING_TEXT and _escape are re-exported: the
# tests import them from here.
from oro_desktop.gui.branding import APP_TITLE, DEMO_TITLE, PRODUCT_NAME  # noqa: F401
from oro_desktop.gui.sections import Section
from oro_desktop.gui.window_menus import MenusActions
from oro_desktop.gui.window_sections import PENDING_TEXT, SectionStack, log  # noqa: F401
from oro_desktop.gui.window_toolbar import (  # noqa: F401
    ROLE_NAMES,
    SEARCH_DELAY_MS,
    ToolbarSearch,
    _escape,
)

if TYPE_CHECKING:
    from oro_desktop.services.services import Services


class MainWindow(ToolbarSearch, SectionStack, MenusActions, QMainWindow):
    """Shell around the sections. Signals: lock_requested, settings_requested, closing."""

    lock_requested = Signal()
    settings_requested = Signal()
    password_requested = Signal()
    closing = Signal()

    def __init__(
        self,
        services: Services | None,
        sections: list[Section],
        *,
        demo: bool = False,
        parent: QWidget | None = None,
        pending_user: tuple[str, str] | None = None,
    ) -> None:
        """`services` None (demo only) with `pending_user` (name, role): the window is shown
        while the store is still being made, each section a busy placeholder and nothing
        to type into, until `attach(services)`; start-up does not wait for the store."""
        super().__init__(parent)
        if services is None and (pending_user is None or not demo):
            raise ValueError("a window without services is only shown while a demo store is made")
        self.services = services
        self.session = services.session if services is not None else None
        self.demo = demo
        name, role = ((services.session.user.name, services.session.user.role)
                      if services is not None else pending_user)  # type: ignore[misc]
        self._user = (name, role)
        self._placeholders: dict[str, QWidget] = {}
        self.is_admin = role == "admin"
        self.sections = [s for s in sections if s.visible_to(role)]
        self._widgets: dict[str, QWidget] = {}
        self._pages: dict[str, QWidget] = {}
        self._allow_close_without_signal = False

        self.setObjectName("mainWindow")
        self.setWindowTitle(DEMO_TITLE if demo else f"{APP_TITLE} — {self.session.path.name}")
        self.setMinimumSize(900, 600)
        self.resize(1240, 720)

        self._build_toolbar()
        self._build_center()
        self._build_menus()
        self._build_status()

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._forward_search)

        if self.sections:
            self.navigation.setCurrentRow(0)
            self.navigation.setFocus()
        else:
            self._update_search_state()

    def _build_status(self) -> None:
        text = (
            "Demodatabas – raderas när programmet avslutas"
            if self.demo
            else f"Databas: {self.session.path}"
        )
        self.store_label = QLabel(text, self)
        self.store_label.setAccessibleName(text)
        self.statusBar().addWidget(self.store_label)

    # ---- lock, close ---------------------------------------------------------------
    def request_lock(self) -> None:
        self.lock_requested.emit()

    def close_quietly(self) -> None:
        """Close without signalling the controller (it initiated this: lock or quit)."""
        self._allow_close_without_signal = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if not self._allow_close_without_signal:
            self.flush_drafts()
            self.closing.emit()
        event.accept()
