"""The controller attaching a session: the main window built (or a demo window attached).

Mixed into `AppController` (gui/controller.py). After an unlock, the first-run wizard or
the demo store, the window gets the session's services, the integrity check starts off
the unlock path, the idle watcher starts and `session_started` is emitted.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from oro_desktop.gui.app_settings import LAST_PATH_KEY, LAST_USER_KEY, app_settings

if TYPE_CHECKING:
    from oro_desktop.gui.main_window import MainWindow
    from oro_desktop.services.services import Services
    from oro_desktop.services.session import Session

#: Set to "1" (benchmarks/bench_startup.py, bench_memory.py): once the main window is shown
#: and the event loop has run, print QUIT_WHEN_SHOWN_MARKER on stdout and quit.
QUIT_WHEN_SHOWN_ENV = "ORO_QUIT_WHEN_MAIN_WINDOW_SHOWN"
QUIT_WHEN_SHOWN_MARKER = "main_window_shown"


class SessionAttach:
    """Attach a session to a new or waiting main window and start watching for idle time."""

    def _on_session(self, session: Session) -> None:
        self.session = session
        self.last_user = session.user.name
        dialog, self.unlock_dialog = self.unlock_dialog, None
        if dialog is not None:
            dialog.hide()
            dialog.deleteLater()
        if self._remember_path:
            settings = app_settings()
            settings.setValue(LAST_PATH_KEY, str(self.path))
            settings.setValue(LAST_USER_KEY, session.user.name)
        window = self.window
        if window is not None and window.pending:  # demo: shown while the store was made
            window.attach(session.services)
        else:
            window = self._show_window(session.services)
        from oro_desktop.gui.integrity_notice import start_check

        start_check(window, session)  # every page's HMAC, off the unlock path
        self._apply_idle_time()
        self.idle.start()
        self.session_started.emit(session)

    def _show_window(self, services: Services | None, *,
                     pending_user: tuple[str, str] | None = None) -> MainWindow:
        """Build and show the main window (`services` None: demo, shown before the store)."""
        from oro_desktop.gui.main_window import MainWindow
        from oro_desktop.gui.sections import discover

        sections = self._sections if self._sections is not None else discover()
        window = MainWindow(services, sections, demo=self.demo, pending_user=pending_user)
        window.lock_requested.connect(self.lock)
        window.settings_requested.connect(self.open_settings)
        window.password_requested.connect(self.open_password_dialog)
        window.restore_handler = self.restore_backup  # type: ignore[attr-defined]
        window.recover_handler = (  # type: ignore[attr-defined]
            None if self.demo else self.recover_user_password)
        window.closing.connect(self._window_closing)
        if self._geometry is not None:
            window.restoreGeometry(self._geometry)
        self.window = window
        if self._last_section:
            try:  # after an unlock, back to the section that was shown (issue 13)
                window.show_section(self._last_section)
            except KeyError:
                pass  # a section this user's role does not see
        window.show()
        window.raise_()
        window.activateWindow()
        if os.environ.get(QUIT_WHEN_SHOWN_ENV) == "1":
            QTimer.singleShot(0, self._report_shown_and_quit)
        return window

    def _report_shown_and_quit(self) -> None:
        print(QUIT_WHEN_SHOWN_MARKER, flush=True)
        self.quit()
