"""Issue 13: the wizard checks the user name as typed; the unlock dialog remembers the last
user name (never the password); after an unlock the window shows the section it showed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWizard

from oro_desktop.gui.controller import app_settings

from .helpers import ADMIN, ADMIN_PASSWORD, finish, log_in, make_controller, section


def test_wizard_checks_the_user_name_as_it_is_typed(qtbot, tmp_path, kdf):
    controller = make_controller(tmp_path / "ny" / "oro.db", kdf)
    controller.start()
    wizard = controller.wizard
    qtbot.addWidget(wizard)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)
    page = wizard.admin_page
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    qtbot.keyClicks(page.name_edit, "anna svensson")  # a space: the service refuses it
    assert page.problem.isVisible()  # before any password is typed
    assert "Ogiltigt användarnamn" in page.problem.text()
    qtbot.keyClicks(page.password_edit, ADMIN_PASSWORD)
    qtbot.keyClicks(page.repeat_edit, ADMIN_PASSWORD)
    assert not commit.isEnabled()
    page.name_edit.clear()
    qtbot.keyClicks(page.name_edit, "anna.svensson")
    assert commit.isEnabled() and not page.problem.isVisible()
    finish(controller)


def test_unlock_remembers_the_last_user_but_never_the_password(qtbot, store_path, kdf):
    controller = make_controller(store_path, kdf, remember_path=True)
    controller.start()
    assert controller.unlock_dialog.user_edit.text() == ""
    log_in(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    assert controller.session is not None
    finish(controller)
    settings = app_settings()
    values = [str(settings.value(k)) for k in settings.allKeys()]
    assert ADMIN in values
    assert not any(ADMIN_PASSWORD in v for v in values)
    again = make_controller(store_path, kdf, remember_path=True)
    again.start()
    dialog = again.unlock_dialog
    assert dialog.user_edit.text() == ADMIN
    assert dialog.password_edit.text() == ""
    assert dialog.password_edit.hasFocus() or dialog.focusWidget() is dialog.password_edit
    finish(again)


def test_after_unlock_the_window_shows_the_section_it_showed(qtbot, store_path, kdf):
    sections = [section("first", lambda s, p: QLabel("ett", p), order=1),
                section("second", lambda s, p: QLabel("två", p), order=2)]
    controller = make_controller(store_path, kdf, sections=sections)
    controller.start()
    log_in(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    controller.window.show_section("second")
    controller.lock()
    log_in(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    assert controller.window.current_section().id == "second"
    finish(controller)
