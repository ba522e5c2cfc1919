"""PyInstaller runtime hook: point oro_desktop.paths at the bundled forms/ and resources/.

In the one-folder build the repository's `forms/` and `resources/` travel beside the
code in the bundle's data directory (`sys._MEIPASS`), not beside the package's source,
so oro_desktop/paths.py is told where they are through its documented variables. A
variable already set by the unit's IT (e.g. a local contact directory) wins.
"""

import os
import sys

_base = getattr(sys, "_MEIPASS", None)
if _base:
    os.environ.setdefault("ORO_FORMS_DIR", os.path.join(_base, "forms"))
    os.environ.setdefault("ORO_RESOURCES_DIR", os.path.join(_base, "resources"))
