"""Auto-lock: idle time locks, drafts are flushed first, views destroyed, lock audited."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QVBoxLayout, QWidget

from oro_desktop.services import audit_view
from oro_desktop.services.session import Session

from .helpers import ADMIN, ADMIN_PASSWORD, WAIT_MS, finish, log_in, make_controller, section

DRAFT_KEY = "test-note"


class NoteSection(QWidget):
    """A tiny real section that keeps what is typed as a draft (the hook under test)."""

    def __init__(self, session, parent=None):
        super().__init__(parent)
        self.session = session
        self.edit = QLineEdit(self)
        self.edit.setAccessibleName("Anteckning")
        saved = session.drafts.load(DRAFT_KEY)
        if saved:
            self.edit.setText(saved["text"])
        QVBoxLayout(self).addWidget(self.edit)

    def flush_drafts(self):
        self.session.drafts.save(DRAFT_KEY, "note", {"text": self.edit.text()})


def _sections():
    return [section("note", NoteSection, order=1)]


def _unlocked(qtbot, store_path, kdf, idle_ms):
    controller = make_controller(store_path, kdf, idle_ms=idle_ms, sections=_sections())
    controller.start()
    log_in(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT_MS)
    return controller


def test_idle_timeout_locks_and_keeps_what_was_typed(qtbot, store_path, kdf):
    controller = _unlocked(qtbot, store_path, kdf, idle_ms=1000)
    window = controller.window
    note = window.current_widget()
    note.edit.setText("Mamma ringde kl 10")  # typed, not saved by anyone
    with qtbot.waitSignal(controller.locked, timeout=5000):
        pass  # no input: the idle timer fires after a second
    assert controller.session is None
    assert controller.window is None
    qtbot.waitUntil(lambda: controller.unlock_dialog is not None and controller.unlock_dialog.isVisible())
    dialog = controller.unlock_dialog
    assert "utan aktivitet" in dialog.notice_label.text()
    assert dialog.user_edit.text() == ADMIN  # only the password is asked again
    qtbot.waitUntil(lambda: not window.isVisible())

    # The store itself has the draft and the audited lock.
    log_in(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT_MS)
    session = controller.session
    assert session.drafts.load(DRAFT_KEY) == {"text": "Mamma ringde kl 10"}
    actions = [e.action for e in audit_view.recent_entries(session, user=ADMIN)]
    assert actions[:2] == ["login", "lock"]
    # The rebuilt section shows the draft again.
    assert controller.window is not window
    assert controller.window.current_widget().edit.text() == "Mamma ringde kl 10"
    finish(controller)


def test_activity_resets_the_idle_timer(qtbot, store_path, kdf):
    controller = _unlocked(qtbot, store_path, kdf, idle_ms=1500)
    edit = controller.window.current_widget().edit
    for _ in range(8):  # 8 x 300 ms of typing > 1500 ms idle time
        qtbot.wait(300)
        qtbot.keyClick(edit, Qt.Key.Key_A)
        assert controller.session is not None
    with qtbot.waitSignal(controller.locked, timeout=5000):
        pass
    finish(controller)


def test_lock_button_and_ctrl_l(qtbot, store_path, kdf):
    controller = _unlocked(qtbot, store_path, kdf, idle_ms=60_000)
    with qtbot.waitSignal(controller.locked, timeout=WAIT_MS):
        qtbot.mouseClick(controller.window.lock_button, Qt.MouseButton.LeftButton)
    log_in(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT_MS)
    with qtbot.waitSignal(controller.locked, timeout=WAIT_MS):
        controller.window.lock_action.trigger()  # the Ctrl+L action
    assert controller.session is None
    finish(controller)


def test_other_user_can_unlock_after_lock(qtbot, store_path, kdf):
    from oro_desktop.services.users import add_user

    admin = Session.unlock(store_path, ADMIN, ADMIN_PASSWORD, kdf=kdf)
    add_user(admin, "cecilia", "clinician", "cecilias-losenord", kdf=kdf)
    admin.close()
    controller = _unlocked(qtbot, store_path, kdf, idle_ms=60_000)
    controller.lock()
    log_in(qtbot, controller, "cecilia", "cecilias-losenord")
    qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT_MS)
    assert controller.session.user.role == "clinician"
    assert not controller.window.settings_action.isVisible()
    assert "cecilia" in controller.window.user_label.text()
    finish(controller)


def test_closing_the_window_keeps_what_was_typed(qtbot, store_path, kdf):
    controller = _unlocked(qtbot, store_path, kdf, idle_ms=60_000)
    controller.window.current_widget().edit.setText("skrivet före stängning")
    with qtbot.waitSignal(controller.finished, timeout=WAIT_MS):
        controller.window.close()
    session = Session.unlock(store_path, ADMIN, ADMIN_PASSWORD, kdf=kdf)
    try:
        assert session.drafts.load(DRAFT_KEY) == {"text": "skrivet före stängning"}
        assert audit_view.recent_entries(session, user=ADMIN)[1].action == "logout"
    finally:
        session.close()


def test_quit_from_outside_keeps_what_was_typed(qtbot, store_path, kdf):
    """SIGTERM (e.g. the session manager logging out) goes through controller.quit()."""
    controller = _unlocked(qtbot, store_path, kdf, idle_ms=60_000)
    controller.window.current_widget().edit.setText("skrivet före utloggning")
    controller.quit()
    assert controller.window is None and controller.session is None
    session = Session.unlock(store_path, ADMIN, ADMIN_PASSWORD, kdf=kdf)
    try:
        assert session.drafts.load(DRAFT_KEY) == {"text": "skrivet före utloggning"}
    finally:
        session.close()
