"""Administration in the app: real widgets on a real store (fast KDF)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from oro_desktop.gui.admin import users_panel
from oro_desktop.gui.admin.dialogs import AddUserDialog, OwnPasswordDialog
from oro_desktop.gui.admin.recovery_key_dialog import RecoveryKeyDialog
from oro_desktop.gui.sections import admin as admin_section
from oro_desktop.gui.admin.view import AdminView
from oro_desktop.services.audit_view import recent_entries
from oro_desktop.services.session import Session

from tests.gui.helpers import ADMIN, ADMIN_PASSWORD, KDF, WAIT_MS, finish, log_in, make_controller

PASSWORD_B = "ett-annat-langt-losen"


@pytest.fixture
def session(store_path: Path):
    s = Session.unlock(store_path, ADMIN, ADMIN_PASSWORD, kdf=KDF)
    yield s
    s.close()


@pytest.fixture
def view(qtbot, session):
    widget = AdminView(session, kdf=KDF)
    qtbot.addWidget(widget)
    return widget


def _add(qtbot, view: AdminView, name: str, role_index: int = 0) -> None:
    dialog = view.users.open_add()
    qtbot.keyClicks(dialog.name_edit, name)
    dialog.role_box.setCurrentIndex(role_index)
    qtbot.keyClicks(dialog.password_edit, PASSWORD_B)
    qtbot.keyClicks(dialog.repeat_edit, PASSWORD_B)
    assert dialog.ok_button.isEnabled()
    with qtbot.waitSignal(view.users.changed, timeout=WAIT_MS):
        dialog.ok_button.click()


def test_section_is_admin_only():
    assert admin_section.SECTION.admin_only
    assert not admin_section.SECTION.visible_to("clinician")


def test_add_user_checks_the_name_as_typed_and_the_user_can_sign_in(qtbot, view, store_path):
    dialog = view.users.open_add()
    qtbot.keyClicks(dialog.name_edit, "bo rk")
    assert not dialog.ok_button.isEnabled()
    assert dialog.problem_label.isVisible()
    assert "Ogiltigt användarnamn" in dialog.problem_label.text()
    assert "Ogiltigt användarnamn" in dialog.ok_button.toolTip()
    dialog.reject()
    _add(qtbot, view, "bertil")
    names = [view.users.table.item(r, 0).text() for r in range(view.users.table.rowCount())]
    assert "bertil" in names
    view.actions.session.close()
    other = Session.unlock(store_path, "bertil", PASSWORD_B, kdf=KDF)
    assert other.user.role == "clinician"
    other.close()


def test_buttons_say_why_they_cannot_act(qtbot, view):
    assert not view.users.disable_button.isEnabled()
    assert "Välj en användare" in view.users.disable_button.toolTip()
    view.users.select(ADMIN)
    assert not view.users.remove_button.isEnabled()
    assert "dig själv" in view.users.remove_button.toolTip()
    assert not view.users.enable_button.isEnabled()
    assert "redan aktiv" in view.users.enable_button.toolTip()


def test_disable_then_enable_and_remove(qtbot, view, store_path, monkeypatch):
    monkeypatch.setattr(users_panel, "ask", lambda *a: True)
    _add(qtbot, view, "bertil")
    view.users.select("bertil")
    with qtbot.waitSignal(view.users.changed, timeout=WAIT_MS):
        view.users.disable_button.click()
    line = next(l for l in view.users.actions.list() if l.name == "bertil")
    assert not line.active
    view.users.select("bertil")
    assert view.users.enable_button.isEnabled()
    assert not view.users.disable_button.isEnabled()
    assert "redan avstängd" in view.users.disable_button.toolTip()
    dialog = view.users.open_enable()
    qtbot.keyClicks(dialog.password_edit, "helt-nytt-losenord")
    qtbot.keyClicks(dialog.repeat_edit, "helt-nytt-losenord")
    with qtbot.waitSignal(view.users.changed, timeout=WAIT_MS):
        dialog.ok_button.click()
    assert next(l for l in view.users.actions.list() if l.name == "bertil").active
    view.users.select("bertil")
    with qtbot.waitSignal(view.users.changed, timeout=WAIT_MS):
        view.users.remove_button.click()
    assert "bertil" not in [l.name for l in view.users.actions.list()]
    actions = [(e.action, e.record_id) for e in recent_entries(view.actions.session)]
    assert ("delete", "bertil") in actions


def test_own_password_changes_and_old_one_stops_working(qtbot, session, store_path):
    from oro_desktop.gui.admin.actions import UserActions
    from oro_desktop.store.errors import WrongCredentials

    dialog = OwnPasswordDialog(UserActions(session, kdf=KDF))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.old_edit, "fel-losenord-helt")
    qtbot.keyClicks(dialog.password_edit, PASSWORD_B)
    qtbot.keyClicks(dialog.repeat_edit, PASSWORD_B)
    dialog.ok_button.click()
    qtbot.waitUntil(lambda: not dialog.is_busy(), timeout=WAIT_MS)
    assert dialog.problem_label.isVisible()  # wrong old password: stays open with the reason
    dialog.old_edit.clear()
    qtbot.keyClicks(dialog.old_edit, ADMIN_PASSWORD)
    with qtbot.waitSignal(dialog.done, timeout=WAIT_MS):
        dialog.ok_button.click()
    session.close()
    with pytest.raises(WrongCredentials):
        Session.unlock(store_path, ADMIN, ADMIN_PASSWORD, kdf=KDF)
    Session.unlock(store_path, ADMIN, PASSWORD_B, kdf=KDF).close()


def test_message_does_not_move_the_buttons(qtbot, view):
    dialog = view.users.open_add()
    qtbot.waitExposed(dialog)
    before = dialog.ok_button.mapTo(dialog, dialog.ok_button.rect().topLeft())
    height, hint = dialog.height(), dialog.sizeHint()
    qtbot.keyClicks(dialog.name_edit, "bo rk")
    QApplication.processEvents()
    assert dialog.problem_label.isVisible()
    assert dialog.sizeHint() == hint
    assert dialog.ok_button.mapTo(dialog, dialog.ok_button.rect().topLeft()) == before
    assert dialog.height() == height
    dialog.reject()


def test_backup_runs_with_progress_and_is_audited(qtbot, view, tmp_path):
    out = tmp_path / "kopia.db"
    with qtbot.waitSignal(view.backup.backup_done, timeout=WAIT_MS):
        view.backup.start_backup(out)
    assert out.exists() and Path(f"{out}.keys").exists()
    assert oct(out.stat().st_mode & 0o777) == "0o600"
    assert "klar och kontrollerad" in view.backup.status.text()
    assert any(e.action == "backup" for e in recent_entries(view.actions.session))


def test_recovery_key_dialog_cannot_close_before_confirming(qtbot):
    dialog = RecoveryKeyDialog("ABCD-EFGH-IJKL", Path("/tmp/x.db"), ADMIN)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.reject()
    assert dialog.isVisible()
    assert not dialog.ok_button.isEnabled()
    dialog.confirm.setChecked(True)
    dialog.ok_button.click()
    assert not dialog.isVisible()


def test_restore_in_the_app_locks_and_reopens(qtbot, store_path, kdf, tmp_path):
    controller = make_controller(store_path, kdf)
    controller.start()
    log_in(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    window = controller.window
    window.show_section("admin")
    view = window.section_widget("admin")
    view.actions.kdf = KDF
    out = tmp_path / "kopia.db"
    with qtbot.waitSignal(view.backup.backup_done, timeout=WAIT_MS):
        view.backup.start_backup(out)
    assert view.backup.restore_button.isEnabled()
    dialog = view.backup.confirm_restore(out)
    from PySide6.QtWidgets import QLabel

    assert "oro.db.before-restore" in dialog.findChild(QLabel, "restoreExplain").text()
    assert not dialog.ok_button.isEnabled()
    assert "lösenord" in dialog.ok_button.toolTip()
    qtbot.keyClicks(dialog.password_edit, ADMIN_PASSWORD)
    assert not dialog.ok_button.isEnabled()
    dialog.understood.setChecked(True)
    with qtbot.waitSignal(controller.restore_finished, timeout=WAIT_MS) as blocker:
        dialog.ok_button.click()
    assert blocker.args == [True]
    assert controller.session is None and controller.unlock_dialog is not None
    assert (store_path.parent / "oro.db.before-restore").exists()
    assert "oro.db.before-restore" in controller.unlock_dialog.notice_label.text()
    log_in(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    assert controller.session is not None
    assert controller.window.current_section().id == "admin"  # back where it was
    finish(controller)


def test_forgotten_password_is_reset_with_the_recovery_key_from_the_unlock_dialog(
        qtbot, tmp_path, kdf):
    path = tmp_path / "oro.db"
    session, key = Session.create(path, ADMIN, ADMIN_PASSWORD, kdf=KDF)
    session.close()
    controller = make_controller(path, kdf)
    controller.start()
    dialog = controller.unlock_dialog
    assert dialog.forgot_button.isVisible()
    recover = dialog.open_recover()
    qtbot.keyClicks(recover.name_edit, ADMIN)
    qtbot.keyClicks(recover.key_edit, "FEL-NYCKEL")
    qtbot.keyClicks(recover.password_edit, PASSWORD_B)
    qtbot.keyClicks(recover.repeat_edit, PASSWORD_B)
    recover.ok_button.click()
    qtbot.waitUntil(lambda: not recover.is_busy(), timeout=WAIT_MS)
    assert recover.isVisible() and recover.problem_label.isVisible()  # a wrong key: says so
    recover.key_edit.clear()
    qtbot.keyClicks(recover.key_edit, key)
    with qtbot.waitSignal(recover.done, timeout=WAIT_MS):
        recover.ok_button.click()
    assert "återställt" in dialog.notice_label.text()
    assert dialog.user_edit.text() == ADMIN
    log_in(qtbot, controller, ADMIN, PASSWORD_B)
    assert controller.session is not None
    assert any(e.action == "recover" for e in recent_entries(controller.session))
    finish(controller)


def test_admin_resets_a_password_with_the_recovery_key(qtbot, tmp_path, kdf, monkeypatch):
    monkeypatch.setattr(users_panel, "ask", lambda *a: True)
    path = tmp_path / "oro.db"
    session, key = Session.create(path, ADMIN, ADMIN_PASSWORD, kdf=KDF)
    session.close()
    controller = make_controller(path, kdf)
    controller.start()
    log_in(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    controller.window.show_section("admin")
    view = controller.window.section_widget("admin")
    view.actions.kdf = KDF
    _add(qtbot, view, "bertil")
    view.users.select("bertil")
    assert view.users.recover_button.isEnabled()
    view.users.recover_button.click()
    assert controller.session is None  # locked: the reset needs the store's lock
    dialog = controller.unlock_dialog
    recover = dialog.recover_dialog
    assert recover.name_edit.text() == "bertil"
    qtbot.keyClicks(recover.key_edit, key)
    qtbot.keyClicks(recover.password_edit, "bertils-nya-losenord")
    qtbot.keyClicks(recover.repeat_edit, "bertils-nya-losenord")
    with qtbot.waitSignal(recover.done, timeout=WAIT_MS):
        recover.ok_button.click()
    log_in(qtbot, controller, "bertil", "bertils-nya-losenord")
    assert controller.session is not None and controller.session.user.name == "bertil"
    finish(controller)


def test_own_password_is_in_the_arkiv_menu_for_a_clinician(qtbot, store_path, kdf):
    admin = Session.unlock(store_path, ADMIN, ADMIN_PASSWORD, kdf=KDF)
    from oro_desktop.services.users import add_user

    add_user(admin, "bertil", "clinician", PASSWORD_B, kdf=KDF)
    admin.close()
    controller = make_controller(store_path, kdf)
    controller.start()
    log_in(qtbot, controller, "bertil", PASSWORD_B)
    window = controller.window
    assert "admin" not in [s.id for s in window.sections]
    assert window.password_action.isEnabled() and window.password_action.isVisible()
    window.password_action.trigger()
    dialog = controller.password_dialog
    assert isinstance(dialog, OwnPasswordDialog) and dialog.isVisible()
    qtbot.keyClicks(dialog.old_edit, PASSWORD_B)
    qtbot.keyClicks(dialog.password_edit, "bertils-nya-losenord")
    qtbot.keyClicks(dialog.repeat_edit, "bertils-nya-losenord")
    with qtbot.waitSignal(dialog.done, timeout=WAIT_MS):
        dialog.ok_button.click()
    assert "bytt" in window.statusBar().currentMessage()
    finish(controller)
    Session.unlock(store_path, "bertil", "bertils-nya-losenord", kdf=KDF).close()
