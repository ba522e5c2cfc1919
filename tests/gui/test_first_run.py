"""First run: the wizard creates the store and the first admin, then the recovery key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWizard

from oro_desktop.gui.first_run import MIN_PASSWORD, password_problem
from oro_desktop.services.session import Session, store_exists

from .helpers import ADMIN_PASSWORD, WAIT_MS, finish, make_controller


def _wizard(qtbot, tmp_path, kdf):
    path = tmp_path / "ny" / "oro.db"
    controller = make_controller(path, kdf)
    controller.start()
    wizard = controller.wizard
    assert wizard is not None and controller.unlock_dialog is None
    qtbot.addWidget(wizard)
    return controller, wizard, path


def test_first_run_creates_store_admin_and_shows_the_recovery_key(qtbot, tmp_path, kdf):
    controller, wizard, path = _wizard(qtbot, tmp_path, kdf)
    assert wizard.path_page.path_edit.text() == str(path)
    next_button = wizard.button(QWizard.WizardButton.NextButton)
    assert next_button.isEnabled()
    qtbot.mouseClick(next_button, Qt.MouseButton.LeftButton)
    assert wizard.currentPage() is wizard.admin_page

    page = wizard.admin_page
    commit = wizard.button(QWizard.WizardButton.CommitButton)
    qtbot.keyClicks(page.name_edit, "Beata")
    qtbot.keyClicks(page.password_edit, "kort")
    assert not commit.isEnabled()
    assert page.problem.isVisible()
    assert f"minst {MIN_PASSWORD} tecken" in page.problem.text()
    page.password_edit.clear()
    qtbot.keyClicks(page.password_edit, ADMIN_PASSWORD)
    qtbot.keyClicks(page.repeat_edit, ADMIN_PASSWORD + "x")
    assert page.problem.text() == "Lösenorden är inte lika."
    assert not commit.isEnabled()
    qtbot.keyClick(page.repeat_edit, Qt.Key.Key_Backspace)
    assert commit.isEnabled()

    qtbot.mouseClick(commit, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.recovery_page, timeout=WAIT_MS)
    assert store_exists(path)
    recovery = wizard.recovery_page
    key = recovery.key
    assert len(key.replace("-", "")) >= 40
    assert recovery.key_label.text().replace("\n", "-") == key
    assert recovery.key_label.font().fixedPitch()
    assert recovery.print_button.isEnabled()

    finish_button = wizard.button(QWizard.WizardButton.FinishButton)
    assert not finish_button.isEnabled()
    wizard.reject()  # cannot leave without the key being stored
    assert wizard.isVisible()
    qtbot.mouseClick(recovery.confirm, Qt.MouseButton.LeftButton)
    assert finish_button.isEnabled()
    qtbot.mouseClick(finish_button, Qt.MouseButton.LeftButton)

    qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT_MS)
    session = controller.session
    assert session.user.name == "beata" and session.user.role == "admin"
    assert controller.window.isVisible()
    finish(controller)

    # The admin can log in again with the password; the recovery key was the real one.
    again = Session.unlock(path, "beata", ADMIN_PASSWORD, kdf=kdf)
    again.close()
    Session.recover(path, key, "beata", "ett-helt-nytt-losenord", kdf=kdf)
    Session.unlock(path, "beata", "ett-helt-nytt-losenord", kdf=kdf).close()


def test_cancelling_before_creation_creates_nothing(qtbot, tmp_path, kdf):
    controller, wizard, path = _wizard(qtbot, tmp_path, kdf)
    with qtbot.waitSignal(controller.finished, timeout=WAIT_MS):
        qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    assert not store_exists(path)


def test_existing_file_is_refused_as_new_store_path(qtbot, tmp_path, kdf, store_path):
    controller, wizard, _path = _wizard(qtbot, tmp_path, kdf)
    wizard.path_page.path_edit.setText(str(store_path))
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    assert wizard.path_page.problem.isVisible()
    finish(controller)


def test_password_rules():
    assert password_problem("a" * (MIN_PASSWORD - 1), "")
    assert password_problem("a" * MIN_PASSWORD, "b" * MIN_PASSWORD) == "Lösenorden är inte lika."
    assert password_problem(" " + "a" * MIN_PASSWORD, " " + "a" * MIN_PASSWORD)
    assert password_problem("å" * MIN_PASSWORD, "å" * MIN_PASSWORD) == ""
