"""Helpers shared by the form builder tests."""

from __future__ import annotations


def type_text(qtbot, widget, text: str) -> None:
    """Type like a user. QTest.keyClicks asserts on non-ASCII letters (å, ä, ö), so those
    are sent as key events carrying the character, which is what a keyboard delivers."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication

    widget.setFocus()
    for ch in text:
        if ch.isascii():
            qtbot.keyClicks(widget, ch)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, ch)
            QApplication.sendEvent(widget, event)


def click(qtbot, form, button) -> None:
    """Scroll the button into view (clicks land through the window) and click it."""
    from PySide6.QtCore import Qt

    form.scroll.ensureWidgetVisible(button)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
