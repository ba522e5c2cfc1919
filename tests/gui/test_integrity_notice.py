"""The background page check after unlock: damage shows in the main window, a sound file
shows nothing, and unlocking did not wait for the check."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from oro_desktop.gui.integrity_notice import BANNER_NAME
from oro_desktop.services.session import Session

from .helpers import ADMIN, ADMIN_PASSWORD, WAIT_MS, finish, log_in, make_controller

PAGE = 4096


def _big_store(path: Path, kdf) -> None:
    session = Session.unlock(path, ADMIN, ADMIN_PASSWORD, kdf=kdf)
    with session.store.unit_of_work(ADMIN) as uow:
        uow.conn.execute("CREATE TABLE padding (id INTEGER PRIMARY KEY, pad TEXT) STRICT")
        uow.conn.executemany("INSERT INTO padding (pad) VALUES (?)", [("x" * 400,)] * 3000)
    session.close()  # checkpoints: the pages are in the main file


def _flip_middle_page(path: Path) -> None:
    data = bytearray(path.read_bytes())
    data[(len(data) // PAGE // 2) * PAGE + 1000] ^= 0x40
    path.write_bytes(bytes(data))


def _unlocked(qtbot, store_path, kdf):
    controller = make_controller(store_path, kdf)
    controller.start()
    log_in(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT_MS)
    return controller


def test_damaged_page_is_reported_in_the_window(qtbot, store_path, kdf):
    _big_store(store_path, kdf)
    _flip_middle_page(store_path)
    controller = _unlocked(qtbot, store_path, kdf)  # unlock itself does not read the page
    window = controller.window
    qtbot.waitUntil(lambda: window.findChild(QLabel, BANNER_NAME) is not None, timeout=WAIT_MS)
    banner = window.findChild(QLabel, BANNER_NAME)
    assert banner.isVisible() and "skadad" in banner.text()
    assert "HMAC" in banner.toolTip() and "restore" in banner.toolTip()
    box = window.findChild(QMessageBox, "integrityMessage")
    assert box is not None and box.isVisible() and "säkerhetskopia" in box.text()
    assert box.windowModality() == Qt.WindowModality.NonModal  # work can still be saved
    finish(controller)


def test_sound_file_shows_nothing(qtbot, store_path, kdf):
    _big_store(store_path, kdf)
    controller = _unlocked(qtbot, store_path, kdf)
    window = controller.window
    task = window._integrity_task
    qtbot.waitUntil(lambda: task.done, timeout=WAIT_MS)
    assert task.result.ok and task.result.file_bytes > 200 * PAGE
    assert window.findChild(QLabel, BANNER_NAME) is None
    assert window.findChild(QMessageBox, "integrityMessage") is None
    finish(controller)


def _break_chain(path: Path, kdf) -> None:
    """An attacker with the key edits one audit row outside the program (issue 9.5)."""
    session = Session.unlock(path, ADMIN, ADMIN_PASSWORD, kdf=kdf)
    conn = session.store.conn
    (trigger,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = 'audit_no_update'").fetchone()
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit SET actor = 'mallory' WHERE id = 2")
    conn.execute(trigger)  # put back, so only the chain can tell
    session.close()


def test_a_broken_audit_chain_is_shown_to_an_admin_at_once(qtbot, store_path, kdf):
    _break_chain(store_path, kdf)
    controller = _unlocked(qtbot, store_path, kdf)
    window = controller.window
    qtbot.waitUntil(lambda: getattr(window, "_chain_task", None) is not None
                    and window._chain_task.done, timeout=WAIT_MS)
    assert not window._chain_task.result.ok
    banner = window.findChild(QLabel, BANNER_NAME)
    assert banner is not None and banner.isVisible() and "Granskningsloggen" in banner.text()
    box = window.findChild(QMessageBox, "integrityMessage")
    assert box is not None and "post 2 har ändrats" in box.text()
    assert "allow-broken-audit" in box.text()
    finish(controller)


def test_a_sound_chain_shows_nothing_and_clinicians_are_not_shown_the_check(qtbot, store_path,
                                                                            kdf):
    from oro_desktop.services import users

    admin = Session.unlock(store_path, ADMIN, ADMIN_PASSWORD, kdf=kdf)
    users.add_user(admin, "cecilia", "clinician", "cecilias-losenord", kdf=kdf)
    admin.close()
    controller = _unlocked(qtbot, store_path, kdf)
    window = controller.window
    qtbot.waitUntil(lambda: getattr(window, "_chain_task", None) is not None
                    and window._chain_task.done, timeout=WAIT_MS)
    assert window._chain_task.result.ok
    assert window.findChild(QLabel, BANNER_NAME) is None
    finish(controller)
    _break_chain(store_path, kdf)
    controller = make_controller(store_path, kdf)
    controller.start()
    log_in(qtbot, controller, "cecilia", "cecilias-losenord")
    qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT_MS)
    window = controller.window
    qtbot.waitUntil(lambda: window._integrity_task.done, timeout=WAIT_MS)
    qtbot.wait(200)
    assert getattr(window, "_chain_task", None) is None  # the chain is the admins' to act on
    finish(controller)
