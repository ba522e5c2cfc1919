"""Settings dialog (admins): idle time, unit name, default region, saved in the store."""

from __future__ import annotations

from PySide6.QtCore import Qt

from oro_desktop.gui.settings_dialog import REGIONS, SettingsDialog
from oro_desktop.services.session import Session

from .helpers import ADMIN, ADMIN_PASSWORD, WAIT_MS, finish, log_in, make_controller


def test_settings_are_saved_and_idle_time_applied(qtbot, store_path, kdf):
    controller = make_controller(store_path, kdf)
    controller.start()
    log_in(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT_MS)
    window = controller.window
    assert window.settings_action.isVisible()
    assert controller.idle.timeout_ms() == 10 * 60_000  # the default

    window.settings_action.trigger()
    dialog = controller.settings_dialog
    assert isinstance(dialog, SettingsDialog) and dialog.isVisible()
    assert dialog.idle_spin.value() == 10
    dialog.idle_spin.setValue(3)
    qtbot.keyClicks(dialog.unit_edit, "BVC Ljungby")
    dialog.region_combo.setCurrentIndex(dialog.region_combo.findData("kronoberg"))
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert controller.idle.timeout_ms() == 3 * 60_000
    session = controller.session
    assert session.get_setting("idle_minutes") == 3
    assert session.get_setting("unit_name") == "BVC Ljungby"
    assert session.get_setting("default_region") == "kronoberg"
    finish(controller)

    # The stored idle time is used at the next unlock.
    again = make_controller(store_path, kdf)
    again.start()
    log_in(qtbot, again, ADMIN, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: again.window is not None, timeout=WAIT_MS)
    assert again.idle.timeout_ms() == 3 * 60_000
    finish(again)


def test_cancel_changes_nothing(qtbot, store_path, kdf):
    session = Session.unlock(store_path, ADMIN, ADMIN_PASSWORD, kdf=kdf)
    try:
        dialog = SettingsDialog(session)
        qtbot.addWidget(dialog)
        dialog.open()
        dialog.idle_spin.setValue(42)
        dialog.reject()
        assert session.get_setting("idle_minutes") == 10
    finally:
        session.close()


def test_regions_are_the_three_guidelines():
    assert [name for _id, name in REGIONS] == ["Jämtland Härjedalen", "Västra Götaland", "Kronoberg"]
