"""The controller's demo store (`--demo`): window first, store on a worker, seed after.

Mixed into `AppController` (gui/controller.py). The main window is shown at once with
every section a busy placeholder; a worker makes the throwaway store unseeded, the
session is attached when it is ready, and the seeders run after that on a worker. A
quit before the store is ready still deletes it (`demo_dir` is set on the worker).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer

from oro_desktop.gui.branding import DEMO_TITLE

if TYPE_CHECKING:
    from oro_desktop.services.session import Session

#: The controller's logger name, kept when the controller was split into modules.
log = logging.getLogger("oro_desktop.gui.controller")

#: The demo store's only user is an administrator (services/demo.py creates it so).
DEMO_ROLE = "admin"


class DemoFlow:
    """Make, seed and delete the demo store around the window shown before it exists."""

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

    def _remove_demo(self) -> None:
        if self.demo_dir is not None:
            from oro_desktop.services.demo import remove_demo_store

            remove_demo_store(self.demo_dir)
            self.demo_dir = None
