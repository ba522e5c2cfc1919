"""Fixtures for the Samtycken GUI tests: a real encrypted store, real widgets, a fixed date."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import oro_desktop.gui  # noqa: F401  - refcount guard before any Qt object
from oro_desktop.gui.consents import common
from oro_desktop.services.consents import ConsentService
from oro_desktop.services.services import Services
from oro_desktop.services.session import Session
from oro_desktop.store.kdf import FAST_INSECURE

USER = "anna"
PASSWORD = "korrekt-hast-batteri"
TODAY = date(2026, 3, 2)


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    path = tmp_path / "oro.db"
    session, _key = Session.create(path, USER, PASSWORD, kdf=FAST_INSECURE)
    session.set_setting("default_region", "jamtland-harjedalen")  # the barnhälsoteam form's region
    session.close()
    return path


@pytest.fixture
def session(store_path):
    s = Session.unlock(store_path, USER, PASSWORD, kdf=FAST_INSECURE)
    yield s
    if s.is_open:
        s.close()


@pytest.fixture
def services(session) -> Services:
    """The session's service graph with a fixed date (what the window hands the section)."""
    return Services(session, today=lambda: TODAY)


@pytest.fixture
def service(services) -> ConsentService:
    return services.consents


@pytest.fixture
def questions(monkeypatch):
    """Record the questions the GUI would ask, answering as the test says (no exec())."""

    class Answers:
        restore = True
        unsaved = "cancel"
        asked: list[tuple[str, str]] = []
        warnings: list[tuple[str, str]] = []

    answers = Answers()
    answers.asked = []
    answers.warnings = []

    def ask_restore(parent, when):
        answers.asked.append(("restore", when))
        return answers.restore

    def ask_unsaved(parent):
        answers.asked.append(("unsaved", ""))
        return answers.unsaved

    monkeypatch.setattr(common, "ask_restore", ask_restore)
    monkeypatch.setattr(common, "ask_unsaved", ask_unsaved)
    monkeypatch.setattr(common, "warn", lambda p, t, x: answers.warnings.append((t, x)))
    monkeypatch.setattr(common, "tell", lambda p, t, x: answers.warnings.append((t, x)))
    return answers
