"""Command line, remembered store path, and the cheap start-up store check."""

from __future__ import annotations

from pathlib import Path

from oro_desktop.gui.app import _store_path, parse_args
from oro_desktop.gui.controller import LAST_PATH_KEY, app_settings, store_present
from oro_desktop.services.session import store_exists

from .helpers import ADMIN, ADMIN_PASSWORD, WAIT_MS, finish, log_in, make_controller


def test_command_line():
    args = parse_args(["--db", "/tmp/enhet.db", "--demo"])
    assert args.db == Path("/tmp/enhet.db") and args.demo
    assert parse_args([]).db is None and not parse_args([]).demo
    assert _store_path(parse_args(["--db", "/tmp/x/../enhet.db"])) == Path("/tmp/enhet.db")


def test_store_present_agrees_with_the_store(tmp_path, store_path):
    missing = tmp_path / "saknas.db"
    assert store_present(missing) == store_exists(missing) is False
    assert store_present(store_path) == store_exists(store_path) is True
    keys_only = tmp_path / "bara-nycklar.db"
    keys_only.with_name(keys_only.name + ".keys").write_text("{}")
    assert store_present(keys_only) == store_exists(keys_only) is True


def test_last_path_is_remembered_never_the_password(qtbot, store_path, kdf, isolated_qsettings):
    controller = make_controller(store_path, kdf, remember_path=True)
    controller.start()
    log_in(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT_MS)
    finish(controller)
    settings = app_settings()
    assert settings.value(LAST_PATH_KEY) == str(store_path)
    assert _store_path(parse_args([])) == store_path
    settings.sync()
    stored = "".join(p.read_text(errors="ignore") for p in isolated_qsettings.rglob("*") if p.is_file())
    assert str(store_path) in stored
    assert ADMIN_PASSWORD not in stored


def test_a_vanished_remembered_store_falls_back_to_the_default(tmp_path):
    from oro_desktop.services.session import default_store_path

    app_settings().setValue(LAST_PATH_KEY, str(tmp_path / "borta" / "oro.db"))
    assert _store_path(parse_args([])) == default_store_path()
