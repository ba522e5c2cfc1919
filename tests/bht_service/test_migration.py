"""Migration 0008 upgrades every older fixture (v1..v5): existing consents keep one
guardian and their status, the list indexes still serve each segment, the new tables work."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from oro_desktop.core import consent as lifecycle
from oro_desktop.core.forms import FormLibrary
from oro_desktop.paths import forms_dir
from oro_desktop.services.barnhalsoteam import BhtService
from oro_desktop.services.consents import ConsentService
from oro_desktop.services.session import Session
from oro_desktop.store import migrations

from .conftest import ALL, FONTS

FIXTURES = Path(__file__).resolve().parents[1] / "store" / "fixtures"
DAY = date(2026, 3, 2)


@pytest.mark.parametrize("version", [1, 2, 3, 4, 5])
def test_0008_upgrades_the_fixture(tmp_path, version):
    for f in ("oro.db", "oro.db.keys"):
        shutil.copy2(FIXTURES / f"v{version}" / f, tmp_path / f)
    session = Session.unlock(tmp_path / "oro.db", "admin", "fixture-lösen-1")
    try:
        conn = session.store.conn
        assert migrations.current_version(conn) == migrations.latest_version() >= 8
        assert {r[0] for r in conn.execute("SELECT DISTINCT guardian_count FROM consents")} <= {1}
        service = ConsentService(session, FormLibrary(forms_dir()), today=lambda: DAY)
        for row in service.list():
            assert row.status is lifecycle.status(service.get(row.id).consent, DAY)
        for status in lifecycle.ConsentStatus:
            service.list_count(statuses={status})  # INDEXED BY fails loudly if unusable
        bht = BhtService(session, FormLibrary(forms_dir()), fonts_dir=FONTS, today=lambda: DAY)
        team = bht.create_team("Barnhälsoteam Test", "Östersund", DAY)
        bht.record_meeting(team, DAY, ALL)
        assert [m.team_uid for m in bht.meetings()] == [team]
        assert session.store.check() == []
    finally:
        session.close()
