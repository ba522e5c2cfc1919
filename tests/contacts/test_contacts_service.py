"""ContactService: shipped data alone, local overrides winning, stale marks, export and
import (validated first; a bad file changes nothing). In-memory overrides here; the
encrypted store's provider is tested in test_contacts_store.py."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest

from oro_desktop.core.contacts import ContactEntry, DirectoryError, Override, Phone, is_stale, merge
from oro_desktop.services.contacts import (
    ContactService,
    ImportResult,
    InMemoryOverrides,
    ReadOnlyDirectory,
)
from oro_desktop.store.errors import PermissionDenied
from tests.contacts.samples import BAD_IMPORT


@pytest.fixture()
def overrides() -> InMemoryOverrides:
    return InMemoryOverrides("Testa Testsson")


@pytest.fixture()
def service(shipped_dir: Path, overrides: InMemoryOverrides) -> ContactService:
    return ContactService(None, shipped_dir, overrides=overrides)


def test_without_a_session_the_shipped_data_is_read_only(shipped_dir: Path) -> None:
    service = ContactService(None, shipped_dir)
    assert not service.editable
    assert len(service.entries()) == 16 + 17 + 49
    vaxjo = service.get("kronoberg/socialtjanst/vaxjo")
    assert vaxjo is not None
    with pytest.raises(ReadOnlyDirectory):
        service.save_entry(replace(vaxjo, notes="x"))


def test_merge_replace_hide_add(shipped_entries: list[ContactEntry]) -> None:
    vaxjo = next(e for e in shipped_entries if e.id == "kronoberg/socialtjanst/vaxjo")
    edited = replace(vaxjo, notes="Lokal anteckning")
    new = replace(vaxjo, id="kronoberg/lokal/familjecentralen", unit="Familjecentralen", kind="familjecentral")
    merged = merge(shipped_entries, [
        Override(vaxjo.id, edited),
        Override("kronoberg/socialtjanst/lessebo", None, hidden=True),
        Override(new.id, new),
    ])
    by_id = {e.id: e for e in merged}
    assert by_id[vaxjo.id].notes == "Lokal anteckning"
    assert "kronoberg/socialtjanst/lessebo" not in by_id
    assert new.id in by_id and merged[-1].id == new.id
    # Shipped order is kept for everything that is not hidden.
    kept = [e.id for e in shipped_entries if e.id != "kronoberg/socialtjanst/lessebo"]
    assert [e.id for e in merged][:-1] == kept


def test_local_edit_wins_and_is_audited(service: ContactService, overrides: InMemoryOverrides) -> None:
    vaxjo = service.get("kronoberg/socialtjanst/vaxjo")
    assert vaxjo is not None
    service.save_entry(replace(vaxjo, phones=(*vaxjo.phones, Phone("0470-000 01", "direkt"))))
    assert service.search("0470 000 01")[0].id == vaxjo.id  # the cache was rebuilt
    assert service.get(vaxjo.id).local
    assert overrides.audit[-1][:2] == ("update", vaxjo.id)


def test_add_and_hide(service: ContactService, overrides: InMemoryOverrides) -> None:
    vaxjo = service.get("kronoberg/socialtjanst/vaxjo")
    new = replace(vaxjo, id="kronoberg/lokal/exempel", unit="Exempelenheten", kind="familjecentral")
    service.save_entry(new)
    assert overrides.audit[-1][:2] == ("create", new.id)
    assert [e.id for e in service.search("exempelenheten")] == [new.id]
    service.hide_entry("kronoberg/socialtjanst/vaxjo")
    assert service.get("kronoberg/socialtjanst/vaxjo") is None
    assert service.lookup("Växjö", "socialtjänsten") == []
    assert overrides.audit[-1] == ("update", "kronoberg/socialtjanst/vaxjo", {"change": "hide"})
    service.revert_entry("kronoberg/socialtjanst/vaxjo")
    assert service.get("kronoberg/socialtjanst/vaxjo") == vaxjo


def test_an_invalid_local_edit_is_refused(service: ContactService) -> None:
    vaxjo = service.get("kronoberg/socialtjanst/vaxjo")
    with pytest.raises(DirectoryError):
        service.save_entry(replace(vaxjo, emails=("inte en adress",)))
    assert service.get("kronoberg/socialtjanst/vaxjo") == vaxjo


@pytest.mark.parametrize(
    ("verified", "today", "stale"),
    [
        (date(2025, 11, 23), date(2026, 11, 22), False),
        (date(2025, 11, 23), date(2026, 11, 23), True),   # 12 months to the day
        (date(2024, 2, 29), date(2025, 2, 27), False),
        (date(2024, 2, 29), date(2025, 2, 28), True),     # leap day clamps to 28 Feb
        (date(2026, 11, 23), date(2026, 11, 23), False),
    ],
)
def test_stale_after_12_months(
    by_id: dict[str, ContactEntry], verified: date, today: date, stale: bool
) -> None:
    entry = replace(by_id["kronoberg/socialtjanst/vaxjo"], verified=verified)
    assert is_stale(entry, today) is stale


def test_shipped_data_goes_stale_a_year_after_transcription(service: ContactService) -> None:
    entry = service.get("kronoberg/socialtjanst/markaryd")
    assert not service.is_stale(entry, date(2027, 11, 22))
    assert service.is_stale(entry, date(2027, 11, 23))


def test_now_uses_the_service_entries(service: ContactService) -> None:
    view = service.now(service.lookup("Östersund", "socialtjänsten"), datetime(2026, 11, 28, 2, 0))
    assert view.items[0].entry.phones[0].number == "112"


def test_export_then_import_round_trip(service: ContactService, overrides: InMemoryOverrides, tmp_path: Path) -> None:
    vaxjo = service.get("kronoberg/socialtjanst/vaxjo")
    service.save_entry(replace(vaxjo, notes="Från Exempelkliniken"))
    out = tmp_path / "kontakter.yaml"
    assert service.export(out) == 82
    assert overrides.audit[-1] == ("export", "", {"file": "kontakter.yaml", "entries": 82})

    other = ContactService(None, service._shipped_dir, overrides=InMemoryOverrides("Annan Admin"))
    # Only the changed entry becomes a local change; the rest still follow shipped data.
    assert other.import_file(out) == ImportResult(total=82, changed=1)
    assert [o.entry_id for o in other.local_overrides()] == [vaxjo.id]
    assert other.get(vaxjo.id).notes == "Från Exempelkliniken"
    assert other.entries() == service.entries()




def test_import_of_a_bad_file_changes_nothing(
    service: ContactService, overrides: InMemoryOverrides, tmp_path: Path
) -> None:
    before = service.entries()
    audit_before = list(overrides.audit)
    bad = tmp_path / "trasig.yaml"
    bad.write_text(BAD_IMPORT, encoding="utf-8")
    with pytest.raises(DirectoryError) as caught:
        service.import_file(bad)
    assert any(e.file == "trasig.yaml" and "alvesta" in str(e) for e in caught.value.errors)
    # The first entry was valid, yet nothing of the file was applied.
    assert service.get("kronoberg/socialtjanst/vaxjo").phones[0].number == "0470-435 90"
    assert service.entries() == before and overrides.rows == {} and overrides.audit == audit_before


def test_export_and_import_are_for_admins(shipped_dir: Path, tmp_path: Path) -> None:
    service = ContactService(None, shipped_dir, overrides=InMemoryOverrides("Klinikern", is_admin=False))
    with pytest.raises(PermissionDenied):
        service.export(tmp_path / "x.yaml")
    with pytest.raises(PermissionDenied):
        service.import_file(tmp_path / "x.yaml")
    assert not (tmp_path / "x.yaml").exists()


def test_a_store_without_the_contacts_table_shows_shipped_data(tmp_path: Path, shipped_dir: Path) -> None:
    from oro_desktop.services.session import Session
    from oro_desktop.store.kdf import FAST_INSECURE

    session, _ = Session.create(tmp_path / "oro.db", "admin", "korrekt-häst-batteri", kdf=FAST_INSECURE)
    try:
        with session.store.unit_of_work("admin") as uow:
            uow.conn.execute("DROP TABLE IF EXISTS contact_overrides")
        service = ContactService(session, shipped_dir)
        assert not service.editable
        assert service.problems and "levererad" in service.problems[0]
        assert service.lookup("Växjö", "socialtjänsten")[0].phones[0].number == "0470-435 90"
    finally:
        session.close()
