"""Fixtures for the Vägledning and Att göra GUI tests: a real encrypted store, real
widgets, the real GuidanceService on the shipped guideline files, an injected clock."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

import oro_desktop.gui  # noqa: F401  - refcount guard before any Qt object
from oro_desktop.gui.consents import common
from oro_desktop.services.services import Services
from oro_desktop.services.session import Session
from oro_desktop.store.kdf import FAST_INSECURE

USER = "anna"
PASSWORD = "korrekt-hast-batteri"
FRIDAY_1530 = datetime(2026, 11, 27, 15, 30)  # Markaryd's social services close 15.00 on Fridays


@pytest.fixture
def session(tmp_path: Path):
    s, _key = Session.create(tmp_path / "oro.db", USER, PASSWORD, kdf=FAST_INSECURE)
    yield s
    if s.is_open:
        s.close()


@pytest.fixture
def services(session) -> Services:
    return Services(session)


@pytest.fixture
def quiet_dialogs(monkeypatch):
    """The consent editor asks nothing in these tests (no drafts); record if it would."""
    asked: list[str] = []
    monkeypatch.setattr(common, "ask_restore", lambda p, w: asked.append("restore") or False)
    monkeypatch.setattr(common, "ask_unsaved", lambda p: asked.append("unsaved") or "discard")
    monkeypatch.setattr(common, "warn", lambda p, t, x: asked.append(t))
    return asked


def make_guidance(qtbot, services, now=FRIDAY_1530):
    from oro_desktop.gui.guidance.view import GuidanceView

    view = GuidanceView(services, None, now=lambda: now)
    qtbot.addWidget(view)
    view.resize(1120, 640)
    view.show()
    qtbot.waitUntil(lambda: view.ready, timeout=15_000)
    return view
