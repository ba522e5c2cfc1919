"""Audit log: same-transaction writes, append-only triggers, hash chain, queries."""

from __future__ import annotations

import pytest
from sqlcipher3 import dbapi2

from oro_desktop.store import audit
from oro_desktop.store.errors import StoreError

from .conftest import TOLVAN_PNR, audit_rows


def test_audit_entry_commits_with_change(session):
    with session.store.unit_of_work("admin") as uow:
        uow.db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT) STRICT")
        uow.db["t"].insert({"id": 1, "v": "a"})
        uow.audit("create", "t", 1, {"pnr": TOLVAN_PNR})
    assert audit_rows(session)[-1] == (2, "admin", "create", "t", "1")


def test_failed_change_rolls_back_its_audit_entry(session):
    before = audit_rows(session)
    with pytest.raises(RuntimeError):
        with session.store.unit_of_work("admin") as uow:
            uow.audit("read", "person", TOLVAN_PNR)
            raise RuntimeError("boom")
    assert audit_rows(session) == before


def test_nested_unit_of_work_joins_outer_transaction(session):
    before = audit_rows(session)
    with pytest.raises(RuntimeError):
        with session.store.unit_of_work("admin") as outer:
            with session.store.unit_of_work("admin") as inner:
                inner.audit("read", "person", "x")
            outer.audit("read", "person", "y")
            raise RuntimeError("boom")
    assert audit_rows(session) == before


@pytest.mark.parametrize("action", sorted(audit.ACTIONS))
def test_each_action_leaves_exactly_one_entry(session, action):
    before = len(audit_rows(session))
    with session.store.unit_of_work("admin") as uow:
        uow.audit(action, "person", "p1")
    rows = audit_rows(session)
    assert len(rows) == before + 1 and rows[-1][2] == action


def test_unknown_action_is_refused(session):
    with pytest.raises(ValueError):
        with session.store.unit_of_work("admin") as uow:
            uow.audit("teleport", "person", "p1")


@pytest.mark.parametrize("sql", ["UPDATE audit SET actor = 'x'", "DELETE FROM audit"])
def test_update_and_delete_are_blocked_by_triggers(session, sql):
    with pytest.raises(StoreError):
        with session.store.unit_of_work("admin") as uow:
            uow.conn.execute(sql)
    assert session.store.check() == []


def test_editing_an_entry_directly_is_detected_by_check(session):
    for i in range(3):
        with session.store.unit_of_work("admin") as uow:
            uow.audit("read", "person", f"p{i}")
    conn = session.store.conn
    conn.execute("DROP TRIGGER audit_no_update")
    conn.execute("UPDATE audit SET actor = 'mallory' WHERE id = 2")
    problems = session.store.check()
    assert any("post 2" in p and "ändrats" in p for p in problems)


def test_deleting_an_inner_entry_is_detected(session):
    for i in range(3):
        with session.store.unit_of_work("admin") as uow:
            uow.audit("read", "person", f"p{i}")
    conn = session.store.conn
    conn.execute("DROP TRIGGER audit_no_delete")
    conn.execute("DROP TRIGGER audit_retention_5y")  # an attacker drops every trigger
    conn.execute("DELETE FROM audit WHERE id = 2")
    problems = session.store.check()
    assert any("post 2 saknas" in p for p in problems)


def test_query_filters_newest_first(session):
    with session.store.unit_of_work("anna") as uow:
        uow.audit("read", "person", "p1")
        uow.audit("print", "form", "f9")
    conn = session.store.conn
    entries = audit.query(conn)
    assert [e.id for e in entries] == sorted((e.id for e in entries), reverse=True)
    assert [e.action for e in audit.query(conn, user="anna")] == ["print", "read"]
    assert [e.action for e in audit.query(conn, record="f9")] == ["print"]
    assert [e.action for e in audit.query(conn, record="form:f9")] == ["print"]
    assert audit.query(conn, since="2999-01-01") == []
    assert len(audit.query(conn, since="2000-01-01")) == len(entries)


def test_append_outside_transaction_is_a_programming_error(session):
    with pytest.raises(RuntimeError):
        audit.append(session.store.conn, "admin", "read")
    assert isinstance(dbapi2.Error, type)


def test_sqlite_utils_writes_join_the_unit_of_work(session):
    """sqlite-utils must not commit behind our back: a failing unit of work undoes its writes."""
    with session.store.unit_of_work("admin") as uow:
        uow.db["things"].insert({"id": 1, "v": "a"}, pk="id")
    with pytest.raises(RuntimeError):
        with session.store.unit_of_work("admin") as uow:
            uow.db["things"].insert_all([{"id": 2, "v": "b"}, {"id": 3, "v": "c"}], pk="id")
            uow.db["things"].upsert({"id": 1, "v": "changed"}, pk="id")
            uow.audit("update", "things", 1)
            raise RuntimeError("boom")
    assert list(session.store.db["things"].rows) == [{"id": 1, "v": "a"}]
    assert [r[2] for r in audit_rows(session)].count("update") == 0
