"""Demo mode: a seeded throwaway store, clearly labelled, deleted on exit."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from oro_desktop.gui.main_window import DEMO_TITLE
from oro_desktop.services import demo

from .helpers import KDF, WAIT_MS, make_controller


def test_demo_starts_logged_in_and_cleans_up(qtbot, tmp_path):
    controller = make_controller(tmp_path / "unused.db", KDF, demo=True)
    with qtbot.waitSignals([controller.session_started, controller.demo_seeded], timeout=WAIT_MS):
        controller.start()  # the window first, the fictitious data right after
    window = controller.window
    directory = controller.demo_dir
    assert directory is not None and directory.is_dir()
    assert window.windowTitle() == DEMO_TITLE == "Samverkan vid oro — DEMO (fiktiva uppgifter)"
    assert window.findChild(type(window.user_label), "demoBadge") is not None
    session = controller.session
    assert session.user.name == demo.DEMO_USER and session.user.role == "admin"
    assert session.get_setting("unit_name") == demo.DEMO_UNIT
    # Att göra (the start view) was built before the data was seeded; the change stream
    # filled it. Samtycken is built when opened.
    todo = window.section_widget("todo")
    qtbot.waitUntil(lambda: not todo.busy_now and bool(todo.rows("expiring"))
                    and bool(todo.rows("unsigned")), timeout=WAIT_MS)
    window.show_section("consents")
    consents = window.section_widget("consents")
    qtbot.waitUntil(lambda: not consents.busy and len(consents.visible_rows()) > 5, timeout=WAIT_MS)
    assert session.path.parent == directory
    with qtbot.waitSignal(controller.finished, timeout=WAIT_MS):
        window.close()
    assert not directory.exists()


def test_registered_seeders_run_in_order(tmp_path):
    calls: list[str] = []
    demo.register_demo_seeder("zz-test-late", lambda s: calls.append("late"), order=999)
    demo.register_demo_seeder("zz-test-early", lambda s: calls.append(s.user.name), order=1)
    demo.register_demo_seeder("zz-test-broken", lambda s: 1 / 0, order=2)
    try:
        session, directory = demo.create_demo_store(kdf=KDF)
        try:
            assert calls == [demo.DEMO_USER, "late"]
            names = demo.registered_seeders()
            assert names.index("settings") < names.index("zz-test-early") < names.index("zz-test-late")
        finally:
            session.close()
            demo.remove_demo_store(directory)
        assert not directory.exists()
    finally:
        for name in ("zz-test-late", "zz-test-early", "zz-test-broken"):
            demo._SEEDERS.pop(name, None)


def test_remove_refuses_a_non_demo_directory(tmp_path):
    with pytest.raises(ValueError):
        demo.remove_demo_store(tmp_path)
    assert tmp_path.exists()


@pytest.mark.slow
def test_demo_process_leaves_no_store_behind(tmp_path):
    """`oro-desktop --demo` as a real process: the temp store is gone after exit."""
    env = dict(os.environ, TMPDIR=str(tmp_path), QT_QPA_PLATFORM="offscreen",
               ORO_BENCH_STARTUP="1", XDG_CONFIG_HOME=str(tmp_path / "config"))
    result = subprocess.run(
        [sys.executable, "-m", "oro_desktop.gui.app", "--demo"],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "startup_s=" in result.stdout
    assert not list(Path(tmp_path).glob(f"{demo.DEMO_DIR_PREFIX}*"))


def test_every_section_opens_in_the_demo(qtbot, tmp_path):
    """A newcomer can try everything at once: each discovered section builds on demo data."""
    from PySide6.QtWidgets import QLabel

    controller = make_controller(tmp_path / "unused.db", KDF, demo=True)
    with qtbot.waitSignals([controller.session_started, controller.demo_seeded], timeout=WAIT_MS):
        controller.start()
    window = controller.window
    assert window.navigation.count() >= 1
    for row in range(window.navigation.count()):
        window.navigation.setCurrentRow(row)
        widget = window.current_widget()
        broken = isinstance(widget, QLabel) and widget.property("role") == "error"
        assert not broken, widget.text()
    controller.quit()
