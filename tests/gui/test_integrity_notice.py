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
