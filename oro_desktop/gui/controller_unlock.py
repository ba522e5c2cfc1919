"""The controller's way in and out of a session: unlock dialog, first-run wizard, lock, idle.

Mixed into `AppController` (gui/controller.py), which owns the state these methods move
(`session`, `window`, `unlock_dialog`, `wizard`, `idle`, ...) and the signals they emit.
Locking (idle time, the Lås button, Ctrl+L): every open section flushes its drafts, the
session is locked (the store audits it), the main window and all its data views are
destroyed, and the unlock dialog returns. Everything beyond Qt is imported when used
(start-up time, see gui/app.py).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QDialog, QWidget

from oro_desktop.gui.app_settings import LAST_USER_KEY, app_settings
from oro_desktop.gui.idle import DEFAULT_IDLE_MINUTES, IdleWatcher

if TYPE_CHECKING:
    from oro_desktop.services.session import Session

#: The controller's logger name, kept when the controller was split into modules.
log = logging.getLogger("oro_desktop.gui.controller")


def _preload_store() -> None:
    """Import the store and session modules on a worker so the first unlock is quick."""
    from oro_desktop.gui.tasks import run_task

    def load() -> None:
        import oro_desktop.services.session  # noqa: F401

    run_task(load, on_error=lambda _exc: None)


class UnlockLockFlow:
    """Unlock, first run, idle time and lock: the moves between "locked" and "unlocked"."""

    def show_unlock(self, notice: str = "") -> None:
        from oro_desktop.gui.unlock_dialog import UnlockDialog

        if self.demo:
            from oro_desktop.services.demo import DEMO_PASSWORD, DEMO_USER

            notice = " ".join(
                p for p in (notice, f"Demo: logga in som {DEMO_USER} med lösenordet {DEMO_PASSWORD}.") if p
            )
        if not self.last_user and self._remember_path:
            self.last_user = str(app_settings().value(LAST_USER_KEY, "") or "")
        dialog = UnlockDialog(
            self.path, self._unlock, user_name=self.last_user, notice=notice, title=self._title(),
            recover=None if self.demo else self._recover,
        )
        dialog.unlocked.connect(self._on_session)
        dialog.rejected.connect(self.quit)
        self.unlock_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        self.unlock_shown.emit()

    def _unlock(self, user: str, password: str) -> Session:  # worker thread
        from oro_desktop.services.session import Session

        return Session.unlock(self.path, user, password, kdf=self.kdf)

    def _recover(self, user: str, recovery_key: str, new_password: str) -> None:  # worker
        from oro_desktop.services.session import Session

        Session.recover(self.path, recovery_key, user, new_password, kdf=self.kdf)

    def show_wizard(self) -> None:
        from oro_desktop.gui.first_run import FirstRunWizard
        from oro_desktop.services.session import store_exists

        wizard = FirstRunWizard(self.path, self._create, store_exists)
        wizard.created.connect(self._on_created)
        wizard.rejected.connect(self.quit)
        self.wizard = wizard
        wizard.show()

    def _create(self, path: Path, name: str, password: str) -> tuple[Session, str]:  # worker
        from oro_desktop.services.session import Session

        return Session.create(path, name, password, kdf=self.kdf)

    def _on_created(self, session: Session) -> None:
        self.path = Path(session.path)
        wizard, self.wizard = self.wizard, None
        if wizard is not None:
            wizard.deleteLater()
        self._on_session(session)

    def _apply_idle_time(self) -> None:
        if self._idle_override is not None:
            self.idle.set_timeout_ms(self._idle_override)
            return
        try:
            assert self.session is not None
            minutes = int(self.session.get_setting("idle_minutes", DEFAULT_IDLE_MINUTES))
        except Exception:
            log.exception("Could not read idle_minutes; using the default")
            minutes = DEFAULT_IDLE_MINUTES
        self.idle.set_timeout_ms(IdleWatcher.minutes_to_ms(max(1, minutes)))

    def lock_for_idle(self) -> None:
        minutes = self.idle.timeout_ms() / 60_000
        when = f"{minutes:g} minuter" if minutes >= 1 else "en stund"
        self.lock(notice=f"Programmet låstes efter {when} utan aktivitet.")

    def lock(self, notice: str = "", *, show: bool = True) -> None:
        """Flush drafts, lock the session, destroy the data views, show the unlock dialog."""
        if self.session is None:
            return
        self.idle.stop()
        failed = self.window.flush_drafts() if self.window is not None else []
        if failed:
            log.error("Drafts of %s could not be saved before locking", failed)
        self._close_window()
        session, self.session = self.session, None
        try:
            session.lock()
        except Exception:
            log.exception("Locking the session failed")
        self.locked.emit()
        if show:
            self.show_unlock(notice or "Programmet är låst.")

    def _close_window(self) -> None:
        window, self.window = self.window, None
        if window is None:
            return
        # Dialogs opened from the window (settings, message boxes) go with it.
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QDialog) and widget.isVisible() and _is_child_of(widget, window):
                widget.reject()
        self._geometry = window.saveGeometry()
        current = window.current_section()
        self._last_section = current.id if current is not None else ""
        window.destroy_sections()
        window.close_quietly()
        window.deleteLater()


def _is_child_of(widget: QWidget, ancestor: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.parentWidget()
    return False
