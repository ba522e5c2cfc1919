"""The admin GUI tests share the GUI fixtures (real stores, fast KDF, isolated QSettings)."""

from tests.gui.conftest import isolated_qsettings, kdf, store_path  # noqa: F401
