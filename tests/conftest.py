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
