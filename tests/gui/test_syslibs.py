"""The xcb library check that runs before Qt, with a fake library finder."""

from __future__ import annotations

import subprocess
import sys

from oro_desktop.gui.syslibs import XCB_LIBRARIES, check_display_libraries, missing_packages, uses_xcb

FRESH_UBUNTU_LACKS = {"libxcb-cursor.so.0", "libxcb-icccm.so.4", "libxcb-keysyms.so.1"}


def fake_finder(missing: set[str]):
    return lambda soname: soname not in missing


def test_the_missing_packages_are_named_with_the_command_that_installs_them() -> None:
    message = check_display_libraries({"DISPLAY": ":0"}, fake_finder(FRESH_UBUNTU_LACKS), "linux")
    assert message is not None
    assert "sudo apt install libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1" in message
    assert "saknas" in message and "libxcb-image0" not in message


def test_nothing_is_said_when_everything_is_there_or_xcb_is_not_used() -> None:
    nothing_missing = fake_finder(set())
    all_missing = fake_finder(set(XCB_LIBRARIES))
    assert check_display_libraries({"DISPLAY": ":0"}, nothing_missing, "linux") is None
    for env in ({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}, {}, {"WAYLAND_DISPLAY": "wayland-0"},
                {"QT_QPA_PLATFORM": "wayland;xcb"}):
        assert check_display_libraries(env, all_missing, "linux") is None, env
    assert check_display_libraries({"DISPLAY": ":0"}, all_missing, "win32") is None
    assert uses_xcb({"QT_QPA_PLATFORM": "xcb"}, "linux")
    assert len(missing_packages(all_missing)) == len(XCB_LIBRARIES)


def test_the_real_finder_finds_libc_and_not_a_made_up_library() -> None:
    from oro_desktop.gui.syslibs import can_load

    if sys.platform.startswith("linux"):
        assert can_load("libc.so.6")
    assert not can_load("libingenting-finns.so.0")


def test_the_program_stops_before_qt_with_the_swedish_message(tmp_path) -> None:
    """A display but a library path where the loader finds no xcb: the check speaks."""
    code = (
        "import sys, oro_desktop.gui.syslibs as s;"
        "s.can_load = lambda name: name != 'libxcb-cursor.so.0';"
        "from oro_desktop.gui import app;"
        "sys.exit(app.main([]))"
    )
    env = {"DISPLAY": ":99", "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          timeout=60)
    if not sys.platform.startswith("linux"):
        return
    assert done.returncode == 1
    assert "sudo apt install libxcb-cursor0" in done.stderr
    assert "Traceback" not in done.stderr
