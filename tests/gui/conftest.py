"""Fixtures for the GUI tests: real stores with fast KDF parameters, isolated QSettings.

Every test drives real widgets against a real encrypted store; nothing of ours is mocked.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import oro_desktop.gui  # noqa: F401  - refcount guard before any Qt object
from PySide6.QtCore import QSettings

from oro_desktop.services.session import Session

from .helpers import ADMIN, ADMIN_PASSWORD, KDF


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """QSettings of these tests live in a temporary directory, never in the user's."""
    where = tmp_path_factory.mktemp("qsettings")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(where))
    yield where


@pytest.fixture
def kdf():
    return KDF


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """A store with one admin (anna), created and closed again."""
    path = tmp_path / "oro.db"
    session, _key = Session.create(path, ADMIN, ADMIN_PASSWORD, kdf=KDF)
    session.close()
    return path
