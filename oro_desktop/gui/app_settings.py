"""Per-user preferences outside the store (QSettings) and the cheap "is there a store" check.

Both are needed before the first screen is chosen (gui/app.py, the controller), so this
module imports only pathlib at load time; QSettings is imported when it is asked for.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QSettings

SETTINGS_ORG = "oro_desktop"
SETTINGS_APP = "oro_desktop"
LAST_PATH_KEY = "store/last_path"
#: The user name last signed in (never a password), shown in the unlock dialog next time.
LAST_USER_KEY = "store/last_user"


def store_present(path: Path) -> bool:
    """Whether a store exists at `path`, without importing the store (start-up speed).

    Mirrors ``oro_desktop.services.session.store_exists`` (the database file or its
    ``.keys`` sidecar); a test holds the two together. Importing the store package costs
    more than showing the first window, so the first screen is chosen with this check
    and the store modules are loaded in the background while the dialog is shown.
    """
    path = Path(path)
    return path.exists() or path.with_name(path.name + ".keys").exists()


def app_settings() -> "QSettings":
    """Per-user preferences outside the store: only the last store path, never a secret."""
    from PySide6.QtCore import QSettings  # not at import: start-up time (see gui.app)

    return QSettings(SETTINGS_ORG, SETTINGS_APP)
