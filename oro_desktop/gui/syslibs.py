"""Check, before Qt starts, that the system libraries of Qt's xcb platform are there.

On a fresh Debian or Ubuntu desktop the PySide6 wheel's xcb plugin finds some of its X11
libraries missing (libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, ...) and Qt then says
only that it "could not load the Qt platform plugin xcb", often naming the wrong
library. This module tries each library the plugin links against (the list is the
plugin's own NEEDED entries, which match "Qt for X11 Requirements" in the Qt docs) and
names the missing ones with the Debian/Ubuntu package to install.

It runs only when Qt will use xcb (a display, no offscreen/wayland platform asked for),
on Linux. It imports neither Qt nor anything heavy: start-up time.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping

# soname the xcb platform plugin (libqxcb.so + libQt6XcbQpa.so.6) needs -> Debian package.
XCB_LIBRARIES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libX11.so.6": "libx11-6",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
}

Finder = Callable[[str], bool]


def can_load(soname: str) -> bool:
    """Whether the dynamic loader finds `soname`: the same search Qt's loader makes."""
    import ctypes

    try:
        ctypes.CDLL(soname)
    except OSError:
        return False
    return True


def uses_xcb(environ: Mapping[str, str], platform: str = sys.platform) -> bool:
    """Whether Qt will start its xcb platform plugin in this environment."""
    if not platform.startswith("linux"):
        return False
    asked = environ.get("QT_QPA_PLATFORM", "").strip().lower()
    if asked:
        return asked.split(";")[0].split(":")[0] == "xcb"
    if environ.get("WAYLAND_DISPLAY"):
        return False  # Qt picks its wayland plugin
    return bool(environ.get("DISPLAY"))


def missing_packages(find: Finder | None = None) -> list[str]:
    """Debian packages of the xcb libraries the loader cannot find, in a stable order."""
    find = find or can_load
    return [package for soname, package in XCB_LIBRARIES.items() if not find(soname)]


def missing_message(packages: list[str]) -> str:
    """The Swedish explanation shown instead of Qt's misleading one."""
    return (
        "Programmet kan inte starta: systembibliotek som Qt behöver för att visa fönster "
        f"saknas ({', '.join(packages)}).\n"
        "Be IT installera dem, eller kör:\n"
        f"    sudo apt install {' '.join(packages)}"
    )


def check_display_libraries(
    environ: Mapping[str, str] | None = None, find: Finder | None = None,
    platform: str = sys.platform,
) -> str | None:
    """None when Qt can start (or will not use xcb); else the message to show."""
    if not uses_xcb(os.environ if environ is None else environ, platform):
        return None
    packages = missing_packages(find)
    return missing_message(packages) if packages else None
