"""gui layer (see design.md): thin PySide6 widgets over the session and services.

Importing this package first guards against a reference-count defect of the PySide6 6.12
wheels (limited API, built for CPython 3.12+ where None/True/False are immortal): on
CPython 3.11 every void Qt call drops a reference to ``None`` it never took (and a signal
``emit`` one to ``True``), so after a few thousand calls CPython aborts with
"none_dealloc: deallocating None". PySide6 6.11 does not have the defect. The guard adds a
very large number of references to those three singletons, which is what CPython 3.12
does for every immortal object; it never frees them anyway. Import ``oro_desktop.gui``
before creating any Qt object (``gui.app`` and the test conftest do).
"""

from __future__ import annotations

import sys


def _make_singletons_immortal() -> None:
    if sys.implementation.name != "cpython" or sys.version_info >= (3, 12):
        return
    import ctypes

    for obj in (None, True, False):
        # ob_refcnt is the first field of every PyObject in a release build.
        ctypes.c_ssize_t.from_address(id(obj)).value += 1 << 40


if not getattr(sys, "_oro_singletons_immortal", False):
    _make_singletons_immortal()
    sys._oro_singletons_immortal = True  # type: ignore[attr-defined]
