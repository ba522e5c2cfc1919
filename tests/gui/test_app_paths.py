"""A relative --db is made absolute before it is opened or remembered."""

from __future__ import annotations

from pathlib import Path

from oro_desktop.gui.app import _store_path, parse_args
from oro_desktop.gui.controller import LAST_PATH_KEY, app_settings

from .helpers import ADMIN, ADMIN_PASSWORD, WAIT_MS, finish, log_in, make_controller


def test_a_relative_db_is_resolved_against_the_start_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    path = _store_path(parse_args(["--db", "enhet/oro.db"]))
    assert path.is_absolute() and path == (tmp_path / "enhet" / "oro.db").resolve()


def test_a_relative_remembered_path_is_not_trusted(tmp_path, monkeypatch):
    from oro_desktop.services.session import default_store_path

    monkeypatch.chdir(tmp_path)
    (tmp_path / "oro.db").write_bytes(b"x")
    app_settings().setValue(LAST_PATH_KEY, "oro.db")
    assert _store_path(parse_args([])) == default_store_path()


def test_the_remembered_path_is_absolute_after_starting_with_a_relative_db(
    qtbot, tmp_path, monkeypatch, store_path, kdf
):
    monkeypatch.chdir(store_path.parent)
    path = _store_path(parse_args(["--db", store_path.name]))
    controller = make_controller(path, kdf, remember_path=True)
    controller.start()
    log_in(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT_MS)
    finish(controller)
    remembered = Path(str(app_settings().value(LAST_PATH_KEY)))
    assert remembered.is_absolute() and remembered == store_path.resolve()
