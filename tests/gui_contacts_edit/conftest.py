"""Fixtures for editing the directory from the GUI: real encrypted stores, real widgets.

Stores are created with the fast (insecure) KDF parameters; nothing of ours is mocked.
The clock is fixed (a Friday afternoon) so open/closed and "today" are deterministic.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

import oro_desktop.gui  # noqa: F401  - refcount guard before any Qt object
from PySide6.QtCore import QSettings

from oro_desktop.gui.sections.contacts import ContactsView
from oro_desktop.services.contacts import ContactService
from oro_desktop.services.session import Session
from oro_desktop.services.users import add_user
from oro_desktop.store.kdf import FAST_INSECURE

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "contacts"
NOW = datetime(2026, 11, 27, 15, 30)  # a Friday, office hours
ADMIN, ADMIN_PASSWORD = "anna", "korrekt-hast-batteri"
CLINICIAN, CLINICIAN_PASSWORD = "karin", "en-annan-lang-fras"


@pytest.fixture(autouse=True)
def isolated_qsettings(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """QFileDialog remembers its state in QSettings: keep that out of the user's."""
    where = tmp_path_factory.mktemp("qsettings")
    for fmt in (QSettings.Format.NativeFormat, QSettings.Format.IniFormat):
        QSettings.setPath(fmt, QSettings.Scope.UserScope, str(where))
    yield where


def create_store(path: Path) -> Session:
    session, _recovery = Session.create(path, ADMIN, ADMIN_PASSWORD, kdf=FAST_INSECURE)
    return session


@pytest.fixture
def admin_session(tmp_path: Path) -> Iterator[Session]:
    session = create_store(tmp_path / "oro.db")
    yield session
    session.close()


@pytest.fixture
def clinician_session(tmp_path: Path) -> Iterator[Session]:
    """A clinician (not admin) signed in to a store an admin created."""
    path = tmp_path / "oro.db"
    admin = create_store(path)
    add_user(admin, CLINICIAN, "clinician", CLINICIAN_PASSWORD, kdf=FAST_INSECURE)
    admin.close()
    session = Session.unlock(path, CLINICIAN, CLINICIAN_PASSWORD, kdf=FAST_INSECURE)
    yield session
    session.close()


@pytest.fixture
def make_view(qtbot) -> Callable[[Session], ContactsView]:
    """The Kontakter section over `session`, shown, with the fixed clock."""

    def build(session: Session) -> ContactsView:
        view = ContactsView(ContactService(session, SHIPPED), clock=lambda: NOW,
                            actor=session.user.name)
        qtbot.addWidget(view)
        view.resize(1200, 700)
        view.show()
        qtbot.waitExposed(view)
        return view

    return build
