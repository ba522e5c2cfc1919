"""Shared fixtures: a fresh store with the fast (insecure, test-only) KDF."""

from __future__ import annotations

from pathlib import Path

import pytest

from oro_desktop.services.session import Session
from oro_desktop.store.kdf import FAST_INSECURE

ADMIN = "admin"
ADMIN_PW = "korrekt-häst-batteri"
TOLVAN_PNR = "19121212-1212"
TOLVAN_NAME = "Tolvan Tolvansson"


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "oro.db"


@pytest.fixture
def created(db_path: Path):
    """(session, recovery_key) for a new store; the session is closed afterwards."""
    session, key = Session.create(db_path, ADMIN, ADMIN_PW, kdf=FAST_INSECURE)
    yield session, key
    session.close()


@pytest.fixture
def session(created):
    return created[0]


def audit_rows(session_or_store) -> list[tuple]:
    store = getattr(session_or_store, "store", session_or_store)
    return store.conn.execute(
        "SELECT id, actor, action, record_type, record_id FROM audit ORDER BY id"
    ).fetchall()
