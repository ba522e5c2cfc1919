"""Test-wide set-up shared by every suite.

Import `oro_desktop.gui` before any Qt object exists: on CPython 3.11 it guards against
the PySide6 6.12 reference-count defect (see oro_desktop/gui/__init__.py). Without it a
long test run aborts with "none_dealloc".
"""

import oro_desktop.gui  # noqa: F401  (import for its side effect, before Qt is used)
