"""benchmarks/make_store.py builds, through the store's API, a store that verifies: valid
fictitious numbers, the requested sizes, 0600 files, a sound audit chain."""

from __future__ import annotations

import importlib.util
import stat
import sys
from datetime import date
from pathlib import Path

from oro_desktop.core.identity import parse_number
from oro_desktop.services.session import Session

BENCH = Path(__file__).resolve().parents[2] / "benchmarks"


def _make_store(monkeypatch):
    spec = importlib.util.spec_from_file_location("make_store", BENCH / "make_store.py")
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "make_store", module)  # dataclasses look it up
    spec.loader.exec_module(module)
    return module


def test_small_store_is_complete_valid_and_private(tmp_path, monkeypatch):
    make_store = _make_store(monkeypatch)
    out = tmp_path / "bench"
    info = make_store.build(out, persons=200, consents=150, audit=2000, cases=40)
    assert make_store.is_complete(out) and info["persons"] == 200
    for path in out.iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    assert stat.S_IMODE(out.stat().st_mode) == 0o700
    session = Session.unlock(out / make_store.DB_NAME, make_store.USER, make_store.PASSWORD)
    try:
        conn = session.store.conn
        count = lambda table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # noqa: E731
        expected = conn.execute("SELECT count(*) FROM case_participants"
                                " WHERE role = 'expected_child'").fetchone()[0]
        assert (count("persons") - expected, count("consents")) == (200, 150)  # + expected children
        assert count("cases") == count("case_plans") == info["plans"] == 40
        assert conn.execute("SELECT min(n) FROM (SELECT count(*) AS n FROM form_versions v"
                            " JOIN case_plans p ON p.filled_form_id = v.filled_form_id"
                            " GROUP BY p.id)").fetchone()[0] >= 2  # every plan has a history
        assert count("audit") >= 2000
        numbers = [r[0] for r in conn.execute(
            "SELECT id_value FROM persons WHERE id_kind IN ('personnummer', 'samordningsnummer')")]
        assert numbers and len(set(numbers)) == len(numbers)
        for value in numbers:
            assert 980 <= int(value[8:11]) <= 999      # the individual numbers of the tests
            assert parse_number(value, date(2026, 12, 1)).value == value  # Luhn-valid
        names = " ".join(r[0] for r in conn.execute("SELECT name FROM persons"))
        assert any(ch in names for ch in "åäöÅÄÖ")
        assert session.store.check() == []
    finally:
        session.close()
