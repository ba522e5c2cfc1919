"""Turning failures into Swedish text on screen, never a raw exception.

Every expected failure is an ``OroError`` with a Swedish ``message``; anything else is a
bug, logged with its traceback and shown as a calm generic sentence.
"""

from __future__ import annotations

import logging

from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)

UNEXPECTED = "Ett oväntat fel inträffade. Inget har ändrats som inte redan var sparat."


def error_text(exc: BaseException, unexpected: str = UNEXPECTED) -> str:
    """The Swedish text for `exc`: its ``message`` if it has one, else `unexpected`."""
    message = getattr(exc, "message", None)
    if isinstance(message, str) and message:
        return message
    log.error("Unexpected error shown to the user", exc_info=exc)
    return unexpected


def show_error(parent: QWidget | None, title: str, exc: BaseException) -> QMessageBox:
    """A non-blocking error box (``open()``, not ``exec()``) with `exc`'s Swedish text."""
    box = QMessageBox(QMessageBox.Icon.Warning, title, error_text(exc), parent=parent)
    box.setAccessibleName(title)
    box.open()
    return box
