"""Demo seeding: fictitious children and guardians with consents in every status."""

from __future__ import annotations

from datetime import date

from oro_desktop.core.consent import ConsentStatus
from oro_desktop.core.identity import IdentityKind, parse_number
from oro_desktop.paths import forms_dir
from oro_desktop.core.forms import FormLibrary
from oro_desktop.services import demo
from oro_desktop.services.consents import ConsentService
from oro_desktop.services.consents_demo import demo_seed, skatteverket_test_number
from oro_desktop.store.repos import persons as persons_repo


def test_demo_seed_yields_every_status_with_test_numbers_only(session):
    demo_seed(session)
    service = ConsentService(session, FormLibrary(forms_dir()))
    rows = service.list()
    assert {r.status for r in rows} == set(ConsentStatus)
    assert any(r.protected and r.child_number.endswith("-****") for r in rows)
    assert rows[0].status is ConsentStatus.EXPIRING
    conn = session.store.conn
    for (pid,) in conn.execute("SELECT id FROM persons"):
        ident = persons_repo.get(conn, pid).identity
        if ident.kind is IdentityKind.PERSONNUMMER:
            assert ident.value == "191212121212" or 980 <= int(ident.value[8:11]) <= 999
    # A renewed consent is listed with its expired predecessor under the same child.
    renewed = [r for r in rows if r.renewed_from]
    assert renewed and {r.child_id for r in service.for_child(renewed[0].child_id)} == {
        renewed[0].child_id}
    assert len(service.for_child(renewed[0].child_id)) == 2


def test_demo_seeder_is_registered_through_the_demo_module(session):
    done = demo.seed_demo(session)
    assert "consents_demo" in done


def test_test_numbers_are_luhn_valid():
    for serial in range(980, 1000):
        parse_number(skatteverket_test_number("20210315", serial), date(2026, 1, 1))
