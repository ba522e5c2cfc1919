"""Where the shipped data lives: form definitions and resources.

The project ships `forms/` and `resources/` beside the package (the repository layout),
and an installed build may point elsewhere with ORO_FORMS_DIR / ORO_RESOURCES_DIR.
Callers receive these paths as arguments; only entry points call these functions.
"""

from __future__ import annotations

import os
from pathlib import Path

_PROJECT_ROOT = Path(__file__).resolve().parent.parent


def forms_dir() -> Path:
    """Directory holding one YAML definition per form and version."""
    return Path(os.environ.get("ORO_FORMS_DIR", _PROJECT_ROOT / "forms"))


def resources_dir() -> Path:
    """Directory holding fonts, the shipped contact directory and other static data."""
    return Path(os.environ.get("ORO_RESOURCES_DIR", _PROJECT_ROOT / "resources"))
