"""What the developer screenshot tools share: the screen size, waiting for a screen, and
settings redirected to a throwaway folder (nothing of the user's is touched)."""

from __future__ import annotations

import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import oro_desktop.gui  # noqa: F401 - refcount guard before Qt objects

from PySide6.QtCore import QSettings, QSize
from PySide6.QtWidgets import QApplication

MAIN_SIZE = QSize(1366, 740)  # as gui/screenshots.py: a 1366x768 screen less a taskbar


def wait(app: QApplication, condition: Callable[[], object], limit: float = 20.0) -> None:
    """Process events until `condition()` holds (TimeoutError after `limit` s), then settle."""
    end = time.monotonic() + limit
    while not condition():
        app.processEvents()
        if time.monotonic() > end:
            raise TimeoutError("screen did not appear")
        time.sleep(0.005)
    for _ in range(50):
        app.processEvents()


def throwaway_settings() -> Path:
    """A temporary folder that QSettings now writes to; returned for the demo store too."""
    tmp = Path(tempfile.mkdtemp(prefix="oro_shots_"))
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(tmp / "settings"))
    return tmp
