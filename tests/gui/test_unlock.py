"""Unlock dialog against a real store: success, failure without hints, Caps Lock."""

from __future__ import annotations

from PySide6.QtCore import Qt

from oro_desktop.gui.unlock_dialog import WRONG_CREDENTIALS
from oro_desktop.services.session import Session

from .helpers import ADMIN, ADMIN_PASSWORD, WAIT_MS, finish, log_in, make_controller


def test_existing_store_shows_the_unlock_dialog(qtbot, store_path, kdf):
    controller = make_controller(store_path, kdf)
    with qtbot.waitSignal(controller.unlock_shown, timeout=WAIT_MS):
        controller.start()
    dialog = controller.unlock_dialog
    qtbot.addWidget(dialog)
    assert dialog.isVisible()
    assert controller.wizard is None
    assert dialog.password_edit.echoMode() == dialog.password_edit.EchoMode.Password
    finish(controller)


def test_unlock_success_opens_the_main_window(qtbot, store_path, kdf):
    controller = make_controller(store_path, kdf)
    controller.start()
    log_in(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT_MS)
    window = controller.window
    assert window.isVisible()
    assert controller.unlock_dialog is None
    assert controller.session.user.name == ADMIN
    assert ADMIN in window.user_label.text()
    assert "administratör" in window.user_label.text()
    assert controller.idle.is_running()
    finish(controller)
    assert controller.session is None


def test_wrong_password_and_unknown_user_give_the_same_message(qtbot, store_path, kdf):
    controller = make_controller(store_path, kdf)
    controller.start()
    dialog = controller.unlock_dialog
    qtbot.addWidget(dialog)

    log_in(qtbot, controller, ADMIN, "fel-losenord-helt")
    assert dialog.error_label.isVisible()
    wrong_password = dialog.error_label.text()
    assert dialog.password_edit.text() == ""
    assert controller.window is None

    log_in(qtbot, controller, "okand", ADMIN_PASSWORD)
    wrong_user = dialog.error_label.text()
    assert wrong_password == wrong_user == WRONG_CREDENTIALS
    assert dialog.password_edit.text() == ""
    assert dialog.password_edit.hasFocus() or not dialog.isActiveWindow()

    log_in(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT_MS)
    finish(controller)


def test_store_in_use_has_its_own_message(qtbot, store_path, kdf):
    other = Session.unlock(store_path, ADMIN, ADMIN_PASSWORD, kdf=kdf)
    try:
        controller = make_controller(store_path, kdf)
        controller.start()
        dialog = controller.unlock_dialog
        qtbot.addWidget(dialog)
        log_in(qtbot, controller, ADMIN, ADMIN_PASSWORD)
        text = dialog.error_label.text()
        assert dialog.error_label.isVisible()
        assert text and text != WRONG_CREDENTIALS
        assert controller.window is None
    finally:
        other.close()
    finish(controller)


def test_damaged_store_has_its_own_message(qtbot, store_path, kdf):
    data = bytearray(store_path.read_bytes())
    data[:64] = b"\0" * 64
    store_path.write_bytes(bytes(data))
    controller = make_controller(store_path, kdf)
    controller.start()
    dialog = controller.unlock_dialog
    qtbot.addWidget(dialog)
    log_in(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    assert dialog.error_label.isVisible()
    assert dialog.error_label.text() != WRONG_CREDENTIALS
    assert controller.window is None
    finish(controller)


def test_caps_lock_warning_from_typed_letters(qtbot, store_path, kdf):
    controller = make_controller(store_path, kdf)
    controller.start()
    dialog = controller.unlock_dialog
    qtbot.addWidget(dialog)
    assert not dialog.caps_label.isVisible()
    # A capital letter without Shift: Caps Lock must be on.
    qtbot.keyClick(dialog.password_edit, "A")
    assert dialog.caps_label.isVisible()
    assert dialog.caps_label.text() == "Caps Lock är på"
    # A capital with Shift: Caps Lock is off.
    qtbot.keyClick(dialog.password_edit, "B", Qt.KeyboardModifier.ShiftModifier)
    assert not dialog.caps_label.isVisible()
    # A small letter with Shift: on again.
    qtbot.keyClick(dialog.password_edit, "c", Qt.KeyboardModifier.ShiftModifier)
    assert dialog.caps_label.isVisible()
    qtbot.keyClick(dialog.password_edit, Qt.Key.Key_CapsLock)
    assert not dialog.caps_label.isVisible()
    finish(controller)


def test_empty_fields_are_not_sent(qtbot, store_path, kdf):
    controller = make_controller(store_path, kdf)
    controller.start()
    dialog = controller.unlock_dialog
    qtbot.addWidget(dialog)
    dialog.user_edit.clear()
    qtbot.mouseClick(dialog.login_button, Qt.MouseButton.LeftButton)
    assert not dialog.is_busy()
    assert dialog.error_label.isVisible()
    finish(controller)


def test_avsluta_quits(qtbot, store_path, kdf):
    controller = make_controller(store_path, kdf)
    controller.start()
    dialog = controller.unlock_dialog
    qtbot.addWidget(dialog)
    with qtbot.waitSignal(controller.finished, timeout=WAIT_MS):
        qtbot.mouseClick(dialog.quit_button, Qt.MouseButton.LeftButton)
