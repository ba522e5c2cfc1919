"""Shared steps: read the list, type into fields, answer message boxes."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QMessageBox, QWidget

from oro_desktop.gui.sections.contacts import ContactsView
from oro_desktop.services.session import Session

WAIT_MS = 10_000


def column(view: ContactsView, col: int) -> list[str]:
    return [view.model.cell_text(r, col) for r in range(view.model.rowCount())]


def type_text(qtbot, widget: QWidget, text: str) -> None:
    """Type `text` key by key. QTest.keyClicks aborts on non-ASCII letters, so å, ä, ö and
    dashes are sent as key events carrying their text, as a Swedish keyboard does."""
    for char in text:
        if char.isascii():
            qtbot.keyClicks(widget, char)
            continue
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.sendEvent(widget, QKeyEvent(kind, Qt.Key.Key_unknown,
                                                     Qt.KeyboardModifier.NoModifier, char))


def retype(qtbot, edit: QLineEdit, text: str) -> None:
    """Select all, delete, and type `text` as a user would."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    type_text(qtbot, edit, text)


def answer(box: QMessageBox, text: str) -> None:
    """Click the button labelled `text` in an open (non-blocking) message box."""
    assert box.isVisible()
    buttons = {b.text().replace("&", ""): b for b in box.buttons()}
    assert text in buttons, sorted(buttons)
    buttons[text].click()


def contact_audit(session: Session) -> list[tuple[str, str, str | None]]:
    return session.store.conn.execute(
        "SELECT actor, action, record_id FROM audit WHERE record_type = 'contact' ORDER BY id"
    ).fetchall()
