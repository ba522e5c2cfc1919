"""Ctrl+N in the real main window: the shown section's shortcut wins, a hidden one's is off."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel

from oro_desktop.gui.sections import Section
from oro_desktop.gui.sections.contacts import SECTION
from oro_desktop.store.kdf import FAST_INSECURE
from tests.gui.helpers import finish, log_in, make_controller

from .conftest import ADMIN, ADMIN_PASSWORD, create_store
from .helpers import WAIT_MS


def other_section_with_ctrl_n(pressed: list[str]) -> Section:
    """A stand-in for another section that also binds Ctrl+N (as Samtycken does)."""

    def factory(_session, parent):
        widget = QLabel("annan", parent)
        action = QAction("Ny", widget)
        action.setShortcut(QKeySequence("Ctrl+N"))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(lambda: pressed.append("other"))
        widget.addAction(action)
        return widget

    return Section(id="other", title="Annan", order=5, factory=factory)


def test_ctrl_n_opens_the_contact_editor_in_the_window(qtbot, tmp_path: Path) -> None:
    path = tmp_path / "oro.db"
    create_store(path).close()
    pressed: list[str] = []
    controller = make_controller(path, FAST_INSECURE,
                                 sections=[other_section_with_ctrl_n(pressed), SECTION])
    try:
        controller.start()
        log_in(qtbot, controller, ADMIN, ADMIN_PASSWORD)
        qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT_MS)
        window = controller.window
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
        assert window.current_section().id == "other"  # built first, then hidden
        window.show_section("contacts")
        view = window.section_widget("contacts")
        qtbot.keyClick(window.search_field, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda: view.edit.editor is not None, timeout=WAIT_MS)
        assert view.edit.editor.isVisible() and pressed == []
        view.edit.editor.reject()
    finally:
        finish(controller)
