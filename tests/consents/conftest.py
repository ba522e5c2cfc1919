"""Fixtures: a fresh store (fast test KDF), the shipped forms, a service on a fixed date."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path

import pytest

from oro_desktop.core.forms import FormLibrary
from oro_desktop.paths import forms_dir
from oro_desktop.services.consents import ConsentService
from oro_desktop.services.session import Session
from oro_desktop.store.kdf import FAST_INSECURE

ADMIN, PASSWORD = "admin", "korrekt-häst-batteri"
TODAY = date(2026, 3, 2)
EXAMPLE = json.loads((forms_dir() / "examples" / "barnhalsoteam-samtycke.v1.json").read_text("utf-8"))


class Clock:
    """A settable 'today' for the service."""

    def __init__(self, day: date) -> None:
        self.day = day

    def __call__(self) -> date:
        return self.day


def example(**changes) -> dict:
    """The shipped example (fictitious Tyra Tolvansson), signed 2026-03-02, with changes."""
    data = copy.deepcopy(EXAMPLE)
    data.update(changes)
    return data


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "oro.db"


@pytest.fixture
def session(db_path):
    s, _key = Session.create(db_path, ADMIN, PASSWORD, kdf=FAST_INSECURE)
    yield s
    if s.is_open:
        s.close()


@pytest.fixture
def clock() -> Clock:
    return Clock(TODAY)


@pytest.fixture
def library() -> FormLibrary:
    return FormLibrary(forms_dir())


@pytest.fixture
def service(session, library, clock) -> ConsentService:
    return ConsentService(session, library, today=clock)


def audit_rows(session, record_type: str | None = None, record_id=None) -> list[tuple]:
    sql = "SELECT action, record_type, record_id, detail FROM audit WHERE 1=1"
    params: list = []
    if record_type is not None:
        sql += " AND record_type = ?"
        params.append(record_type)
    if record_id is not None:
        sql += " AND record_id = ?"
        params.append(str(record_id))
    return session.store.conn.execute(sql + " ORDER BY id", params).fetchall()
