"""Test-wide set-up shared by every suite.

Import `oro_desktop.gui` before any Qt object exists: on CPython 3.11 it guards against
the PySide6 6.12 reference-count defect (see oro_desktop/gui/__init__.py). Without it a
long test run aborts with "none_dealloc".
"""

import oro_desktop.gui  # noqa: F401  (import for its side effect, before Qt is used)

import os  # noqa: E402

# Tests make key slots with the fast, insecure KDF; without this every unlock would raise
# those slots to the default policy (oro_desktop/store/kdf.py policy()), which is slow.
os.environ.setdefault("ORO_INSECURE_FAST_KDF", "1")

# The cyclic garbage collector runs on the main thread only, as in the app
# (oro_desktop/gui/gc_guard.py): collected between tests by Python's own thresholds, never
# on a worker thread that happens to allocate while a widget cycle is garbage (a segfault
# seen once in a full run, in a YAML load on a worker).
import gc  # noqa: E402

import pytest  # noqa: E402

from oro_desktop.gui.gc_guard import collect_due  # noqa: E402

_GC_THRESHOLD = gc.get_threshold()
gc.disable()


@pytest.fixture(autouse=True)
def _collect_garbage_on_the_main_thread():
    yield
    collect_due((_GC_THRESHOLD[0], _GC_THRESHOLD[1], _GC_THRESHOLD[2]))
