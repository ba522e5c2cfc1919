"""The plan table on disk (migration 0009): a plan is never deleted, keeps its uid, case
and form; dates and uids are checked by the schema; an old store upgrades and takes plans."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from oro_desktop.services.services import Services
from oro_desktop.services.session import Session
from oro_desktop.store import migrations
from oro_desktop.store.errors import StoreError
from tests.plans.conftest import STORE_TODAY
from tests.plans.helpers import filled, newborn_case

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _plan(services) -> str:
    case, _ = newborn_case(services)
    uid = services.plans.create(case, "barnets-plan")
    services.plans.save_version(uid, filled("barnets-plan"))
    return uid


def _run(session, sql, params=()):
    with session.store.unit_of_work("admin") as uow:
        uow.conn.execute(sql, params)


@pytest.fixture
def services(tmp_path):
    from oro_desktop.store.kdf import FAST_INSECURE

    s, _ = Session.create(tmp_path / "oro.db", "admin", "korrekt-häst-batteri", kdf=FAST_INSECURE)
    yield Services(s, today=lambda: STORE_TODAY)
    s.close()


def test_a_plan_is_never_deleted_and_keeps_its_uid_case_and_form(services):
    _plan(services)
    session = services.session
    for sql in ("DELETE FROM case_plans", "UPDATE case_plans SET uid = '" + "b" * 32 + "'",
                "UPDATE case_plans SET case_id = case_id + 1", "UPDATE case_plans SET form_id = 'x'",
                "UPDATE case_plans SET filled_form_id = filled_form_id + 1",
                "UPDATE case_plans SET created_by = 'någon annan'",
                "UPDATE case_plans SET next_follow_up = '2026-13-01'",
                "UPDATE case_plans SET with_consent = 2",
                "UPDATE form_versions SET data = '{}'", "DELETE FROM form_versions"):
        with pytest.raises(StoreError):
            _run(session, sql)
    # what a save rewrites may change
    _run(session, "UPDATE case_plans SET coordinator = 'x', next_follow_up = '2027-01-01'")


def test_the_schema_refuses_a_malformed_uid_and_a_second_plan_on_one_filled_form(services):
    _plan(services)
    session = services.session
    with pytest.raises(StoreError):
        _run(session, "INSERT INTO case_plans (uid, case_id, filled_form_id, form_id, created_at,"
                      " created_by, updated_at, updated_by) SELECT ?, case_id, filled_form_id,"
                      " form_id, 'x', 'y', 'x', 'y' FROM case_plans", ("c" * 32,))
    with pytest.raises(StoreError):
        _run(session, "INSERT INTO case_plans (uid, case_id, filled_form_id, form_id, created_at,"
                      " created_by, updated_at, updated_by) SELECT 'NOT-HEX', case_id, 999,"
                      " form_id, 'x', 'y', 'x', 'y' FROM case_plans")


def test_the_follow_up_list_uses_its_index(services):
    _plan(services)
    with services.session.store.unit_of_work("admin") as uow:
        plan = " ".join(str(r[-1]) for r in uow.conn.execute(
            "EXPLAIN QUERY PLAN SELECT id FROM case_plans WHERE next_follow_up IS NOT NULL"
            " AND next_follow_up <= '2027-01-01' ORDER BY next_follow_up, id"))
    assert "case_plans_follow_up" in plan


@pytest.mark.parametrize("version", [1, 7])
def test_an_upgraded_store_takes_plans(tmp_path, version):
    for f in ("oro.db", "oro.db.keys"):
        shutil.copy2(FIXTURES / f"v{version}" / f, tmp_path / f)
    session = Session.unlock(tmp_path / "oro.db", "admin", "fixture-lösen-1")
    try:
        assert migrations.current_version(session.store.conn) == migrations.latest_version() >= 9
        services = Services(session, today=lambda: STORE_TODAY)
        uid = _plan(services)
        assert services.plans.row(uid).versions == 1
    finally:
        session.close()
