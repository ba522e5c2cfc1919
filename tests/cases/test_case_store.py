"""The case tables on disk: old stores upgrade and take cases; records stay records; no
store type leaves the case services."""

from __future__ import annotations

import dataclasses
import json
import shutil
import typing
from datetime import date
from pathlib import Path

import pytest

from oro_desktop.core.forms import FormLibrary
from oro_desktop.paths import forms_dir
from oro_desktop.services import case_views
from oro_desktop.services.cases import CaseService
from oro_desktop.services.cases_transfer import CaseTransfer
from oro_desktop.services.disclosures import DisclosureService
from oro_desktop.services.session import Session
from oro_desktop.store import migrations
from oro_desktop.store.errors import StoreError
from tests.cases.conftest import NOW, PARENT_A, TODAY, person, public
from tests.cases.test_case_scenarios import _consent, _open

FIXTURES = Path(__file__).resolve().parents[1] / "store" / "fixtures"


@pytest.mark.parametrize("version", [1, 5])
def test_an_upgraded_store_takes_cases(tmp_path, guidance, version):
    for f in ("oro.db", "oro.db.keys"):
        shutil.copy2(FIXTURES / f"v{version}" / f, tmp_path / f)
    session = Session.unlock(tmp_path / "oro.db", "admin", "fixture-lösen-1")
    try:
        assert migrations.current_version(session.store.conn) == migrations.latest_version() >= 7
        service = CaseService(session, guidance, FormLibrary(forms_dir()), today=lambda: TODAY,
                              now=lambda: NOW)
        uid = service.open("Växjö", guideline_id="kronoberg-nyfott-barn",
                           child=person("Fixtur Barn"))
        service.add_person(uid, "guardian", person(*PARENT_A))
        assert service.view(uid).row.subject == "Fixtur Barn"
    finally:
        session.close()
    assert [m.version for m in migrations.discover()] == list(range(1, migrations.latest_version() + 1))


def test_a_disclosure_changes_only_by_telling_afterwards(session, cases, disclosures):
    _, uid, (a, _b) = _open(cases, "kronoberg-nyfott-barn", "Växjö", "BVC")
    _consent(cases, uid, a, "no")
    disclosures.record(uid, disclosed_on=TODAY, sender=public("BVC Växjö", "BVC"),
                       recipient=public("Socialtjänsten Växjö", "socialtjänsten"),
                       legal_basis="osl-25-12", content="x", decided_by="Chef",
                       told_before_on=TODAY, told_before="y")
    for sql in ("UPDATE disclosures SET recipient_public = 0", "UPDATE disclosures SET legal_basis = 'osl-26-9'",
                "DELETE FROM disclosures", "UPDATE cases SET uid = '" + "a" * 32 + "'"):
        with pytest.raises(StoreError):
            with session.store.unit_of_work("admin") as uow:
                uow.conn.execute(sql)
    with session.store.unit_of_work("admin") as uow:  # the one change a record allows
        uow.conn.execute("UPDATE disclosures SET told_after_on = ?, told_after = 'z'", (TODAY.isoformat(),))
    with pytest.raises(StoreError):
        with session.store.unit_of_work("admin") as uow:  # ... once
            uow.conn.execute("UPDATE disclosures SET told_after = 'ändrat'")


def _store_types(hint: object) -> list[str]:
    found = []
    for arg in typing.get_args(hint) or ():
        found += _store_types(arg)
    if getattr(hint, "__module__", "").startswith("oro_desktop.store"):
        found.append(str(hint))
    return found


def test_case_services_hand_out_no_store_type():
    seen = 0
    bad = []
    for cls in (CaseService, DisclosureService, CaseTransfer):
        for name in dir(cls):
            member = getattr(cls, name)
            if name.startswith("_") or not callable(member):
                continue
            hint = typing.get_type_hints(member).get("return")  # what a caller gets back
            seen += 1
            bad += [(f"{cls.__name__}.{name}", t) for t in _store_types(hint)]
    for obj in vars(case_views).values():
        if dataclasses.is_dataclass(obj) and obj.__module__ == case_views.__name__:
            for key, hint in typing.get_type_hints(obj).items():
                seen += 1
                bad += [(f"{obj.__name__}.{key}", t) for t in _store_types(hint)]
    assert seen > 50 and bad == []
