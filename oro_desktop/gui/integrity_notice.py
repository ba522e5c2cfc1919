"""After unlock: verify every page in the background and show damage in the window at once.

Why here and not in the unlock: the full check reads the whole file (seconds at clinic
scale); unlocking must not wait for it (services/integrity.py). The check runs on a
worker (gui/tasks.run_task) with a read-only connection of its own, so the window is
usable meanwhile. If it finds damage, a red banner in the status bar stays for as long
as the window does, and a message box (not modal: work can be saved first) says what to
do. A clean result shows nothing; a check that could not run (the session was locked
meanwhile) is only logged.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox

from oro_desktop.gui.tasks import BackgroundTask, run_task

log = logging.getLogger(__name__)

BANNER_NAME = "integrityBanner"


def start_check(window: QMainWindow, session: Any) -> BackgroundTask:
    """Run the page check for `session`'s store; report damage in `window` when found."""
    from oro_desktop.services.integrity import CHAIN_TITLE, IntegrityService

    service = IntegrityService(session)

    def chain_done(report: Any) -> None:
        if not report.ok:
            show_damage(window, report.summary(), title=CHAIN_TITLE,
                        first_line="Granskningsloggen är bruten – kör oro-admin check.")

    def done(report: Any) -> None:
        if not report.ok:
            show_damage(window, report.summary())
        if session.is_open and session.user.is_admin:  # then the chain, for those who act on it
            window._chain_task = run_task(  # type: ignore[attr-defined]
                service.check_chain, on_result=chain_done, on_error=failed)

    def failed(exc: BaseException) -> None:
        log.warning("Background integrity check did not run: %s", exc)

    task = run_task(service.check_pages, on_result=done, on_error=failed)
    window._integrity_task = task  # type: ignore[attr-defined]  # kept alive with the window
    return task


def show_damage(window: QMainWindow, text: str, *, title: str = "Databasfilen är skadad",
                first_line: str = "Databasfilen är skadad – kontakta administratören "
                                  "(oro-admin check/restore).") -> QMessageBox | None:
    """The banner and the message; safe to call after the window was closed."""
    try:
        if not window.isVisible():  # locked or closed meanwhile: the next unlock checks again
            return None
        bar = window.statusBar()
    except RuntimeError:  # the window was destroyed before the check ended
        return None
    banner = window.findChild(QLabel, BANNER_NAME)
    if banner is None:
        banner = QLabel(bar)
        banner.setObjectName(BANNER_NAME)
        banner.setProperty("role", "error")
        banner.setStyleSheet("color: white; background: #b00020; padding: 2px 8px;")
        bar.insertPermanentWidget(0, banner)
    if banner.isVisible() and banner.text() and banner.text() != first_line:
        first_line = f"{banner.text()} {first_line}"  # both problems stay in view
    banner.setText(first_line)
    banner.setAccessibleName(first_line)
    banner.setToolTip(text)
    banner.show()
    box = QMessageBox(QMessageBox.Icon.Critical, title, text,
                      QMessageBox.StandardButton.Ok, window)
    box.setObjectName("integrityMessage")
    box.setModal(False)  # not modal: what is being typed can still be saved
    box.show()
    return box
