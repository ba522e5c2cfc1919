"""Migration 0012: every date column refuses an impossible day, which the old
`CHECK (date(col) = col)` let through (date() is NULL for it, and a NULL CHECK passes)."""

from __future__ import annotations

import pytest

from oro_desktop.services.services import Services
from oro_desktop.services.session import Session
from oro_desktop.store.errors import StoreError
from oro_desktop.store.migrations.m0012_real_dates import DATE_COLUMNS
from tests.plans.conftest import STORE_TODAY
from tests.plans.helpers import newborn_case


@pytest.fixture
def session(tmp_path):
    from oro_desktop.store.kdf import FAST_INSECURE

    s, _ = Session.create(tmp_path / "oro.db", "admin", "korrekt-häst-batteri", kdf=FAST_INSECURE)
    yield s
    s.close()


def _update(session, sql, params=()):
    with session.store.unit_of_work("admin") as uow:
        uow.conn.execute(sql, params)


def test_every_listed_column_exists_and_is_guarded(session):
    with session.store.unit_of_work("admin") as uow:
        for table, columns in DATE_COLUMNS.items():
            have = {r[1] for r in uow.conn.execute(f"PRAGMA table_info({table})")}
            assert set(columns) <= have, table
            triggers = {r[0] for r in uow.conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?", (table,))}
            for column in columns:
                assert f"{table}_{column}_real_date_insert" in triggers
                assert f"{table}_{column}_real_date_update" in triggers


@pytest.mark.parametrize("bad", ["2026-13-01", "2026-02-30", "2026-1-5", "i morgon", ""])
def test_an_impossible_day_is_refused_and_a_real_one_kept(session, bad):
    services = Services(session, today=lambda: STORE_TODAY)
    case_uid, _ = newborn_case(services)
    with pytest.raises(StoreError):
        _update(session, "UPDATE cases SET born_on = ? WHERE uid = ?", (bad, case_uid))
    with pytest.raises(StoreError):
        _update(session, "UPDATE cases SET opened_on = ? WHERE uid = ?", (bad, case_uid))
    _update(session, "UPDATE cases SET born_on = ? WHERE uid = ?", ("2026-02-28", case_uid))
    with session.store.unit_of_work("admin") as uow:
        row = uow.conn.execute("SELECT born_on FROM cases WHERE uid = ?", (case_uid,)).fetchone()
    assert row[0] == "2026-02-28"
