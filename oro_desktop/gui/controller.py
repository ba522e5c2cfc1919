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
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from oro_desktop.gui.branding import APP_TITLE, DEMO_TITLE
from oro_desktop.gui.idle import DEFAULT_IDLE_MINUTES, IdleWatcher

if TYPE_CHECKING:
    from PySide6.QtCore import QByteArray, QSettings

    from oro_desktop.gui.main_window import MainWindow
    from oro_desktop.gui.sections import Section
    from oro_desktop.services.session import Session
    from oro_desktop.services.services import KdfParams, Services

log = logging.getLogger(__name__)

SETTINGS_ORG = "oro_desktop"
SETTINGS_APP = "oro_desktop"
LAST_PATH_KEY = "store/last_path"
#: The user name last signed in (never a password), shown in the unlock dialog next time.
LAST_USER_KEY = "store/last_user"
#: Set to "1" (benchmarks/bench_startup.py, bench_memory.py): once the main window is shown
#: and the event loop has run, print QUIT_WHEN_SHOWN_MARKER on stdout and quit.
QUIT_WHEN_SHOWN_ENV = "ORO_QUIT_WHEN_MAIN_WINDOW_SHOWN"
QUIT_WHEN_SHOWN_MARKER = "main_window_shown"
#: The demo store's only user is an administrator (services/demo.py creates it so).
DEMO_ROLE = "admin"


def store_present(path: Path) -> bool:
    """Whether a store exists at `path`, without importing the store (start-up speed).

    Mirrors ``oro_desktop.services.session.store_exists`` (the database file or its
    ``.keys`` sidecar); a test holds the two together. Importing the store package costs
    more than showing the first window, so the first screen is chosen with this check
    and the store modules are loaded in the background while the dialog is shown.
    """
    path = Path(path)
    return path.exists() or path.with_name(path.name + ".keys").exists()


def _preload_store() -> None:
    """Import the store and session modules on a worker so the first unlock is quick."""
    from oro_desktop.gui.tasks import run_task

    def load() -> None:
        import oro_desktop.services.session  # noqa: F401

    run_task(load, on_error=lambda _exc: None)


def app_settings() -> "QSettings":
    """Per-user preferences outside the store: only the last store path, never a secret."""
    from PySide6.QtCore import QSettings  # not at import: start-up time (see gui.app)

    return QSettings(SETTINGS_ORG, SETTINGS_APP)


class AppController(QObject):
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

    def _start_demo(self) -> None:
        """Show the main window at once, its sections busy ("Öppnar demodatabasen …"),
        and make the store on a worker; the session is attached when it is ready
        (`_on_session`). Until then the window has no data and nothing to type into."""
        from oro_desktop.gui.tasks import run_task
        from oro_desktop.services.demo import DEMO_USER, create_demo_store

        self._show_window(None, pending_user=(DEMO_USER, DEMO_ROLE))

        def make() -> tuple[Session, Path]:  # worker
            session, directory = create_demo_store(kdf=self.kdf, seed=False)
            self.demo_dir = directory  # known at once: a quit before `ready` still deletes it
            return session, directory

        def ready(result: tuple[Session, Path]) -> None:
            session, self.demo_dir = result
            self.path = Path(session.path)
            if self._finished:  # the user quit while it was being made
                try:
                    session.close()
                except Exception:
                    log.exception("Closing the unused demo session failed")
                self._remove_demo()
                return
            self._on_session(session)
            self._seed_demo(session)

        def failed(exc: BaseException) -> None:
            from PySide6.QtWidgets import QMessageBox

            from oro_desktop.gui.messages import error_text

            if self._finished:
                return
            box = QMessageBox(QMessageBox.Icon.Critical, DEMO_TITLE,
                              f"Demodatabasen kunde inte skapas: {error_text(exc)}", parent=self.window)
            box.finished.connect(self.quit)
            box.open()
            self._failure_box = box

        # After the window's first paint (a zero timer runs after the events already
        # posted): the worker's imports hold the GIL and would otherwise delay that paint.
        QTimer.singleShot(0, lambda: None if self._finished else
                          run_task(make, on_result=ready, on_error=failed))

    def _seed_demo(self, session: Session) -> None:
        """Fill the demo store after its window is shown (the user does not wait for it);
        the sections hear of it on the change stream as whole collections changed."""
        from oro_desktop.gui.tasks import run_task
        from oro_desktop.services.changes import Change
        from oro_desktop.services.demo import seed_demo

        def done(_names: object) -> None:
            if self.session is session and session.is_open:
                session.changes.publish(*(Change(kind, "", "updated") for kind in
                                          ("setting", "person", "consent", "contact")))
            self.demo_seeded.emit()

        def failed(exc: BaseException) -> None:
            if self.session is session:
                log.error("Seeding the demo store failed", exc_info=exc)
            self.demo_seeded.emit()

        # After the window's first paint (a zero timer runs after the events already
        # posted): the seeders hold the GIL and would otherwise delay that paint.
        QTimer.singleShot(0, lambda: run_task(seed_demo, session, on_result=done, on_error=failed))

    # ---- unlocked ---------------------------------------------------------------
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

    def open_settings(self) -> None:
        from oro_desktop.gui.settings_dialog import SettingsDialog

        if self.window is None or self.session is None:
            return
        dialog = SettingsDialog(self.session, self.window)
        dialog.saved.connect(lambda _values: self._apply_idle_time())
        dialog.finished.connect(dialog.deleteLater)
        self.settings_dialog = dialog
        dialog.open()

    def open_password_dialog(self) -> None:
        """Arkiv → Byt lösenord: the signed-in user's own password (any role)."""
        from oro_desktop.gui.admin.actions import UserActions
        from oro_desktop.gui.admin.dialogs import OwnPasswordDialog

        if self.window is None or self.session is None:
            return
        dialog = OwnPasswordDialog(UserActions(self.session, kdf=self.kdf), self.window)
        dialog.done.connect(self._password_changed)
        dialog.finished.connect(dialog.deleteLater)
        self.password_dialog = dialog
        dialog.open()

    def _password_changed(self, _change: object) -> None:
        if self.window is not None:
            self.window.statusBar().showMessage("Lösenordet är bytt.", 10_000)

    def recover_user_password(self, name: str) -> None:
        """Admin → Återställ lösenord: the reset needs the store's lock, which the session
        holds, so the app is locked and the unlock dialog opens its recovery form for
        `name` (the same path as Glömt lösenordet)."""
        if self.session is None:
            return
        self.lock(notice=f"Återställ lösenordet för {name} med återställningsnyckeln, "
                         "och logga sedan in igen.")
        dialog = self.unlock_dialog
        if dialog is not None:
            recover = dialog.open_recover()
            if recover is not None:
                recover.name_edit.setText(name)

    def restore_backup(self, backup: Path, password: str) -> None:
        """Lock, put `backup` in place of the store (off the UI thread), then ask to sign in.

        The open session holds the store's lock, so restore (services/restore.py) runs
        after the session is locked; it checks `password` against the live store's key
        file and that this user is an admin there. Either way the unlock dialog follows.
        """
        from oro_desktop.gui.tasks import run_with_progress
        from oro_desktop.services.maintenance import before_restore_path, restore

        if self.session is None:
            return
        user = self.session.user.name
        path = self.path
        self.lock(show=False)

        def done(_counts: object) -> None:
            kept = before_restore_path(path).name
            self.show_unlock(f"Säkerhetskopian är återställd. Den tidigare filen finns kvar som "
                             f"{kept}. Logga in igen.")
            self.restore_finished.emit(True)

        def failed(exc: BaseException) -> None:
            from oro_desktop.gui.messages import error_text

            self.show_unlock(f"Återställningen gjordes inte: {error_text(exc)}")
            self.restore_finished.emit(False)

        self.restore_task = run_with_progress(
            None, "Återställ", "Kontrollerar och återställer säkerhetskopian …",
            lambda progress: restore(path, backup, user, password), on_result=done,
            on_error=failed)

    # ---- lock ---------------------------------------------------------------------
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

    def _remove_demo(self) -> None:
        if self.demo_dir is not None:
            from oro_desktop.services.demo import remove_demo_store

            remove_demo_store(self.demo_dir)
            self.demo_dir = None


def _is_child_of(widget: QWidget, ancestor: QWidget) -> bool:
    parent = widget.parentWidget()
    while parent is not None:
        if parent is ancestor:
            return True
        parent = parent.parentWidget()
    return False
