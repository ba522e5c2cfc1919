"""Demo start-up shows the main window before the store exists: busy placeholders, no
data, nothing to type into; the session is attached when the store is ready."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from oro_desktop.gui.main_window import PENDING_TEXT
from oro_desktop.services import demo

from .helpers import KDF, WAIT_MS, make_controller


def test_the_window_is_shown_before_the_session_and_attached_after(qtbot, tmp_path):
    controller = make_controller(tmp_path / "unused.db", KDF, demo=True)
    controller.start()
    try:
        window = controller.window
        # Shown at once, before any store exists: placeholders only, no section built.
        assert window is not None and window.isVisible() and window.pending
        assert controller.session is None
        busy = window.findChildren(QLabel, "sectionPending")
        assert busy and all(label.text() == PENDING_TEXT for label in busy)
        assert window.current_widget() is None
        assert not window.search_field.isEnabled()  # nothing typed here could be lost
        window.request_lock()  # no session yet: locking does nothing, the window stays
        assert controller.window is window and controller.unlock_dialog is None
        with qtbot.waitSignals([controller.session_started, controller.demo_seeded],
                               timeout=WAIT_MS):
            pass
        # The same window, now with the session: the shown section is built.
        assert controller.window is window and not window.pending
        assert window.session is controller.session
        assert controller.session.user.name == demo.DEMO_USER
        assert window.findChildren(QLabel, "sectionPending") == []
        assert window.section_widget("todo") is not None  # the start view, built on attach
        window.show_section("consents")
        consents = window.section_widget("consents")
        assert consents is not None
        qtbot.waitUntil(lambda: not consents.busy and len(consents.visible_rows()) > 5,
                        timeout=WAIT_MS)
    finally:
        directory = controller.demo_dir
        controller.quit()
    assert directory is None or not directory.exists()


def test_quitting_before_the_store_is_ready_leaves_no_store(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(demo.tempfile, "tempdir", str(tmp_path))
    controller = make_controller(tmp_path / "unused.db", KDF, demo=True)
    controller.start()
    assert controller.window.pending
    controller.quit()  # before the worker has even started
    qtbot.wait(50)
    from PySide6.QtCore import QThreadPool

    QThreadPool.globalInstance().waitForDone(WAIT_MS)
    qtbot.wait(50)  # the result callback runs on the UI thread and deletes the store
    controller._remove_demo()  # what atexit does in the real process
    assert not list(tmp_path.glob(f"{demo.DEMO_DIR_PREFIX}*"))
