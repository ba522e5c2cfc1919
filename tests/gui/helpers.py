"""Shared steps for the GUI tests (real widgets, real store)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt

from oro_desktop.gui.controller import AppController
from oro_desktop.gui.sections import Section

from oro_desktop.store.kdf import FAST_INSECURE

WAIT_MS = 10_000
ADMIN = "anna"
ADMIN_PASSWORD = "korrekt-hast-batteri"  # ASCII: QTest.keyClicks asserts on others
KDF = FAST_INSECURE


def make_controller(path: Path, kdf: Any, **kwargs: Any) -> AppController:
    kwargs.setdefault("remember_path", False)
    kwargs.setdefault("quit_app", False)
    return AppController(path, kdf=kdf, **kwargs)


def log_in(qtbot: Any, controller: AppController, user: str, password: str) -> None:
    """Type into the real unlock dialog and press Enter; waits for the outcome."""
    dialog = controller.unlock_dialog
    assert dialog is not None and dialog.isVisible()
    dialog.user_edit.clear()
    qtbot.keyClicks(dialog.user_edit, user)
    dialog.password_edit.clear()
    qtbot.keyClicks(dialog.password_edit, password)
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=WAIT_MS)


def finish(controller: AppController) -> None:
    """End the controller the way the app does (closes the session, cleans up)."""
    controller.quit()


def section(id_: str, factory: Any, *, order: int = 10, admin_only: bool = False) -> Section:
    return Section(id=id_, title=id_.capitalize(), order=order, factory=factory, admin_only=admin_only)
