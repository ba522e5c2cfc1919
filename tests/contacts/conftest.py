"""Shared fixtures: the shipped directory, loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import pytest

from oro_desktop.core.contacts import ContactEntry, load_directory

SHIPPED = Path(__file__).resolve().parents[2] / "resources" / "contacts"


@pytest.fixture(scope="session")
def shipped_dir() -> Path:
    return SHIPPED


@pytest.fixture(scope="session")
def shipped_entries() -> list[ContactEntry]:
    return [e for r in load_directory(SHIPPED) for e in r.entries]


@pytest.fixture(scope="session")
def by_id(shipped_entries: list[ContactEntry]) -> dict[str, ContactEntry]:
    return {e.id: e for e in shipped_entries}
