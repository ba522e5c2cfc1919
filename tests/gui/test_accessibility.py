"""Every control has an accessible name, every label a buddy; keyboard alone works."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget, QWizard

from oro_desktop.gui.a11y import missing_accessible_names
from oro_desktop.gui.settings_dialog import SettingsDialog

from .helpers import ADMIN, ADMIN_PASSWORD, WAIT_MS, finish, log_in, make_controller


def _labels_without_buddy(root: QWidget) -> list[str]:
    return [
        label.text()
        for label in root.findChildren(QLabel)
        if "&" in label.text().replace("&&", "") and label.buddy() is None
        and not label.text().lstrip().startswith("<")
    ]


def _check(root: QWidget) -> None:
    assert missing_accessible_names(root) == []
    assert _labels_without_buddy(root) == []


def test_wizard_is_accessible_and_keyboard_only(qtbot, tmp_path, kdf):
    controller = make_controller(tmp_path / "oro.db", kdf)
    controller.start()
    wizard = controller.wizard
    qtbot.addWidget(wizard)
    _check(wizard.path_page)
    # Keyboard only: Enter goes to the next page (Nästa is the default button).
    qtbot.keyClick(wizard.path_page.path_edit, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.admin_page
    page = wizard.admin_page
    _check(page)
    page.name_edit.setFocus()
    qtbot.keyClicks(page.name_edit, "beata")
    qtbot.keyClick(page.name_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(wizard.focusWidget(), ADMIN_PASSWORD)
    qtbot.keyClick(wizard.focusWidget(), Qt.Key.Key_Tab)
    qtbot.keyClicks(wizard.focusWidget(), ADMIN_PASSWORD)
    assert page.repeat_edit.text() == ADMIN_PASSWORD
    qtbot.keyClick(page.repeat_edit, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery_page, timeout=WAIT_MS)
    recovery = wizard.recovery_page
    _check(recovery)
    recovery.confirm.setFocus()
    qtbot.keyClick(recovery.confirm, Qt.Key.Key_Space)
    assert recovery.confirm.isChecked()
    assert wizard.button(QWizard.WizardButton.FinishButton).isEnabled()
    finish(controller)


def test_unlock_main_window_and_settings_are_accessible(qtbot, store_path, kdf):
    controller = make_controller(store_path, kdf)
    controller.start()
    dialog = controller.unlock_dialog
    qtbot.addWidget(dialog)
    _check(dialog)
    # Tab order: user -> password -> Logga in.
    dialog.user_edit.setFocus()
    qtbot.keyClick(dialog.user_edit, Qt.Key.Key_Tab)
    assert dialog.focusWidget() is dialog.password_edit
    log_in(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT_MS)
    window = controller.window
    for row in range(window.navigation.count()):  # build every section
        window.navigation.setCurrentRow(row)
    _check(window)
    assert window.search_field.accessibleName() == "Sök"
    assert window.lock_button.accessibleName() == "Lås"
    settings = SettingsDialog(controller.session, window)
    settings.show()
    _check(settings)
    settings.reject()
    finish(controller)


@pytest.mark.parametrize("shortcut, attr", [("Ctrl+F", "search_action"), ("Ctrl+L", "lock_action")])
def test_standard_shortcuts(qtbot, store_path, kdf, shortcut, attr):
    controller = make_controller(store_path, kdf)
    controller.start()
    log_in(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT_MS)
    action = getattr(controller.window, attr)
    assert shortcut in [s.toString() for s in action.shortcuts()]
    finish(controller)


def test_main_window_fits_a_1366x768_screen(qtbot, store_path, kdf):
    controller = make_controller(store_path, kdf)
    controller.start()
    log_in(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT_MS)
    window = controller.window
    hint = window.minimumSizeHint().expandedTo(window.minimumSize())
    assert hint.width() <= 1366 and hint.height() <= 728
    window.resize(1366, 728)
    qtbot.wait(10)
    assert window.width() <= 1366 and window.height() <= 728
    finish(controller)


def test_real_key_presses_reach_the_shortcuts(qtbot, store_path, kdf):
    from oro_desktop.gui.sections import Section

    class Searchable(QLabel):
        def search(self, text):
            self.setText(text)

    sections = [Section("a", "Första", 1, lambda s, p: Searchable("a", p)),
                Section("b", "Andra", 2, lambda s, p: Searchable("b", p))]
    controller = make_controller(store_path, kdf, sections=sections)
    controller.start()
    log_in(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT_MS)
    window = controller.window
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=WAIT_MS)
    ctrl = Qt.KeyboardModifier.ControlModifier
    qtbot.keyClick(window.navigation, Qt.Key.Key_F, ctrl)
    assert window.search_field.hasFocus()
    qtbot.keyClicks(window.search_field, "abc")
    qtbot.keyClick(window.search_field, Qt.Key.Key_Escape)
    assert window.search_field.text() == ""
    qtbot.keyClick(window.search_field, Qt.Key.Key_2, ctrl)
    assert window.current_section().id == "b"
    with qtbot.waitSignal(controller.locked, timeout=WAIT_MS):
        qtbot.keyClick(window.navigation, Qt.Key.Key_L, ctrl)
    finish(controller)
