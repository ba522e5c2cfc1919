"""The application's states and the moves between them.

    first run (wizard) ─┐
                        ├─► unlocked: main window + idle watcher ─► locked: unlock dialog ─┐
    unlock dialog ──────┘         ▲                                                        │
                                  └────────────────────────────────────────────────────────┘

Locking (idle time, the Lås button, Ctrl+L): every open section flushes its drafts, the
session is locked (the store audits it), the main window and all its data views are
destroyed, and the unlock dialog returns; after unlock the window is built anew for
whoever signed in. Closing the window or the dialog ends the application; in demo mode
the throwaway store is deleted then.

The controller is split by job into mixins on this one class: gui/controller_unlock.py
(unlock, first run, idle, lock), gui/controller_session.py (a session attached to the
window), gui/controller_demo.py (the demo store), gui/controller_account.py (what the
window asks for: settings, password, recovery, restore). gui/app_settings.py holds the
QSettings keys and `store_present`. Every name is importable from here as before.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog

# LAST_*_KEY, SETTINGS_*, app_settings, QUIT_WHEN_SHOWN_* and DEMO_ROLE are re-exported:
# gui/app.py, the tests and the benchmarks import them from here.
from oro_desktop.gui.app_settings import (  # noqa: F401
    LAST_PATH_KEY,
    LAST_USER_KEY,
    SETTINGS_APP,
    SETTINGS_ORG,
    app_settings,
    store_present,
)
from oro_desktop.gui.branding import APP_TITLE, DEMO_TITLE
from oro_desktop.gui.controller_account import AccountActions
from oro_desktop.gui.controller_demo import DEMO_ROLE, DemoFlow  # noqa: F401
from oro_desktop.gui.controller_session import (  # noqa: F401
    QUIT_WHEN_SHOWN_ENV,
    QUIT_WHEN_SHOWN_MARKER,
    SessionAttach,
)
from oro_desktop.gui.controller_unlock import (  # noqa: F401
    UnlockLockFlow,
    _is_child_of,
    _preload_store,
    log,
)
from oro_desktop.gui.idle import DEFAULT_IDLE_MINUTES, IdleWatcher

if TYPE_CHECKING:
    from PySide6.QtCore import QByteArray

    from oro_desktop.gui.main_window import MainWindow
    from oro_desktop.gui.sections import Section
    from oro_desktop.services.services import KdfParams
    from oro_desktop.services.session import Session


class AppController(UnlockLockFlow, SessionAttach, DemoFlow, AccountActions, QObject):
    """Owns the session and decides which top-level window is shown.

    `kdf` is passed to Session.create/unlock (tests use fast parameters). `idle_ms`
    overrides the stored idle time (tests use a second). Signals let tests and the
    benchmark follow along: `unlock_shown`, `session_started`, `locked`, `finished`.
    """

    unlock_shown = Signal()
    session_started = Signal(object)
    demo_seeded = Signal()
    locked = Signal()
    restore_finished = Signal(bool)
    finished = Signal()

    def __init__(
        self,
        path: Path,
        *,
        demo: bool = False,
        kdf: KdfParams | None = None,
        idle_ms: int | None = None,
        sections: list[Section] | None = None,
        remember_path: bool = True,
        quit_app: bool = True,
    ) -> None:
        super().__init__()
        self.path = Path(path)
        self.demo = demo
        self.kdf = kdf
        self.session: Session | None = None
        self.window: MainWindow | None = None
        self.unlock_dialog: QDialog | None = None
        self.wizard: QDialog | None = None
        self.demo_dir: Path | None = None
        self.last_user = ""
        self._idle_override = idle_ms
        self._sections = sections
        self._remember_path = remember_path and not demo
        self._geometry: QByteArray | None = None
        self._last_section = ""
        self._finished = False
        self._quit_app = quit_app
        self.idle = IdleWatcher(IdleWatcher.minutes_to_ms(DEFAULT_IDLE_MINUTES), self)
        self.idle.idle.connect(self.lock_for_idle)

    # ---- start ------------------------------------------------------------------
    def start(self) -> None:
        """Show the first screen: demo, unlock dialog or first-run wizard."""
        if self.demo:
            self._start_demo()
            return
        if store_present(self.path):
            self.show_unlock()
            QTimer.singleShot(0, _preload_store)
        else:
            self.show_wizard()

    def _title(self) -> str:
        return DEMO_TITLE if self.demo else APP_TITLE

    # ---- end ----------------------------------------------------------------------
    def _window_closing(self) -> None:
        self.idle.stop()
        window, self.window = self.window, None
        if window is not None:
            window.destroy_sections()
            window.deleteLater()
        self.quit()

    def quit(self) -> None:
        """Close the session, delete a demo store, and leave the event loop."""
        if self._finished:
            return
        self._finished = True
        self.idle.stop()
        window, self.window = self.window, None
        if window is not None:  # quit from elsewhere (SIGTERM): save what is typed first
            window.flush_drafts()
            window.destroy_sections()
            window.close_quietly()
            window.deleteLater()
        for attr in ("unlock_dialog", "wizard"):
            dialog = getattr(self, attr)
            setattr(self, attr, None)
            if dialog is not None:
                dialog.hide()
                dialog.deleteLater()
        session, self.session = self.session, None
        if session is not None:
            try:
                session.close()
            except Exception:
                log.exception("Closing the session failed")
        self._remove_demo()
        self.finished.emit()
        app = QApplication.instance()
        if app is not None and self._quit_app:
            app.quit()
