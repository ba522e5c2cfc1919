"""Transfer on moving between two stores: refused for Nej, expired and revoked; a round
trip keeps the uids; a wrong passphrase or a damaged file imports nothing; a second
import of the same file is refused; both sides audited."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from oro_desktop.core.barnhalsoteam import DeidentifiedDiscussion
from oro_desktop.core.forms import FormLibrary
from oro_desktop.errors import InvalidInput
from oro_desktop.paths import forms_dir
from oro_desktop.services.barnhalsoteam import BhtService, NamedChild, TopicInput, canonical
from oro_desktop.store.kdf import FAST_INSECURE

from .conftest import ALL, FONTS, TODAY, child_uid, open_session, signed_consent


@pytest.fixture
def receiver(tmp_path, clock):
    s = open_session(tmp_path / "other.db")
    yield BhtService(s, FormLibrary(forms_dir()), fonts_dir=FONTS, today=clock,
                     transfer_kdf=FAST_INSECURE), s
    s.close()


def _material(bht, consents, clock, **consent_changes):
    cid = signed_consent(consents, **consent_changes)
    cuid = child_uid(consents, cid)
    team = bht.create_team("Barnhälsoteam Krokom", "Krokom", TODAY - timedelta(days=200))
    m1 = bht.record_meeting(team, TODAY, ALL, [
        TopicInput("Oro för språket", "individual", NamedChild(cuid, "Logoped föreslås.")),
        TopicInput("Annat barn", "individual", DeidentifiedDiscussion("Ett annat barn, 3 år")),
        TopicInput("Rutiner för överlämning", "organisation")])
    clock.day = TODAY + timedelta(days=20)
    m2 = bht.record_meeting(team, clock.day, ALL, [
        TopicInput("Uppföljning", "individual", NamedChild(cuid, "Logoped kontaktad."))])
    return cid, cuid, (m1, m2)


def _audit(session, action):
    return session.store.conn.execute(
        "SELECT record_type, record_id FROM audit WHERE action = ?", (action,)).fetchall()


def test_round_trip_keeps_uids_and_only_the_childs_material(bht, consents, clock, session,
                                                            receiver, tmp_path):
    _cid, cuid, meetings = _material(bht, consents, clock)
    out = tmp_path / "flytt.oro-bht"
    exported = bht.export_transfer(cuid, out)
    assert (out.stat().st_mode & 0o777) == 0o600
    assert exported.meetings == 2 and exported.topics == 2
    assert b"Tyra" not in out.read_bytes() and b"Logoped" not in out.read_bytes()
    other, other_session = receiver
    result = other.import_transfer(out, exported.passphrase.lower().replace("-", " "))
    assert result.package_id == exported.package_id
    assert result.child_uid == canonical(cuid)
    got = other.meetings()
    assert sorted(m.uid for m in got) == sorted(meetings)
    assert [t.text for m in got for t in m.topics] == ["Oro för språket", "Uppföljning"]
    assert all(t.discussion.child_uid == canonical(cuid) for m in got for t in m.topics)
    [team] = other.teams()
    assert team.imported and team.team.name == "Barnhälsoteam Krokom"
    # Imported meetings are not the receiving team's own in the yearly numbers.
    assert other.yearly_report(2026).numbers.meeting_count == 0
    assert [r[0] for r in _audit(session, "export")] == ["bht_transfer"]
    assert [r[0] for r in _audit(other_session, "import")] == ["bht_transfer"]
    # A second import of the same file is refused and writes nothing.
    with pytest.raises(InvalidInput, match="redan"):
        other.import_transfer(out, exported.passphrase)
    assert len(other.meetings()) == 2


def test_wrong_passphrase_and_damaged_file_import_nothing(bht, consents, clock, receiver,
                                                          tmp_path):
    _cid, cuid, _ = _material(bht, consents, clock)
    out = tmp_path / "flytt.oro-bht"
    exported = bht.export_transfer(cuid, out)
    other, other_session = receiver
    with pytest.raises(InvalidInput, match="fel lösenfras"):
        other.import_transfer(out, "AAAA-AAAA-AAAA-AAAA-AAAA-AAAA")
    data = bytearray(out.read_bytes())
    data[-5] ^= 0x01
    damaged = tmp_path / "skadad.oro-bht"
    damaged.write_bytes(bytes(data))
    with pytest.raises(InvalidInput, match="skadad"):
        other.import_transfer(damaged, exported.passphrase)
    conn = other_session.store.conn
    for table in ("bht_meetings", "bht_topics", "bht_teams", "bht_imports", "persons"):
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    # The intact file still imports after the failures.
    assert other.import_transfer(out, exported.passphrase).meetings == 2


def test_export_refused_for_nej(bht, consents, clock, tmp_path):
    _cid, cuid, _ = _material(bht, consents, clock, overforing_vid_flytt=False)
    with pytest.raises(InvalidInput, match="Nej"):
        bht.export_transfer(cuid, tmp_path / "x")
    assert not (tmp_path / "x").exists()


def test_export_refused_when_expired(bht, consents, clock, tmp_path):
    _cid, cuid, _ = _material(bht, consents, clock)
    clock.day = TODAY + timedelta(days=366)
    with pytest.raises(InvalidInput, match="gick ut"):
        bht.export_transfer(cuid, tmp_path / "x")
    assert not (tmp_path / "x").exists()


def test_export_refused_when_revoked(bht, consents, clock, session, tmp_path):
    cid, cuid, _ = _material(bht, consents, clock)
    consents.revoke(cid, received_on=clock.day, registered_by="admin")
    with pytest.raises(InvalidInput, match="återkallades"):
        bht.export_transfer(cuid, tmp_path / "x")
    assert not (tmp_path / "x").exists()
    assert _audit(session, "export") == []


def test_export_refused_while_waiting_for_the_other_guardian(bht, consents, tmp_path):
    cuid = child_uid(consents, signed_consent(consents, both=False))
    with pytest.raises(InvalidInput, match="andra vårdnadshavarens"):
        bht.export_transfer(cuid, tmp_path / "x")


def test_the_receiving_child_keeps_the_senders_marks(bht, consents, clock, receiver, tmp_path):
    _cid, cuid, _ = _material(bht, consents, clock)
    bht.set_situation(cuid, protected_identity=True, secret_address=False, lvu_placement=True,
                      family_home_sol=False, undocumented=False)
    out = tmp_path / "flytt.oro-bht"
    exported = bht.export_transfer(cuid, out)
    other, _s = receiver
    result = other.import_transfer(out, exported.passphrase)
    got = other.situation(result.child_uid)
    assert got.marking == "Skyddade personuppgifter" and got.lvu_placement
    assert [n.id for n in got.notices] == ["lvu", "protected"]


def test_a_new_package_of_the_same_material_counts_only_what_is_new(
        bht, consents, clock, receiver, session, tmp_path):
    _cid, cuid, (m1, m2) = _material(bht, consents, clock)
    other, other_session = receiver
    first = bht.export_transfer(cuid, tmp_path / "1.oro-bht")
    got = other.import_transfer(tmp_path / "1.oro-bht", first.passphrase)
    assert (got.meetings, got.topics, got.unchanged) == (2, 2, 0)
    # The same child's material again, in a new package: nothing new is written.
    second = bht.export_transfer(cuid, tmp_path / "2.oro-bht")
    assert second.package_id != first.package_id
    again = other.import_transfer(tmp_path / "2.oro-bht", second.passphrase)
    assert (again.meetings, again.topics, again.unchanged) == (0, 0, 2)
    assert len(other.meetings()) == 2
    # One new meeting since: only it is imported, the two earlier are unchanged.
    clock.day = clock.day + timedelta(days=10)
    m3 = bht.record_meeting(bht.meetings()[0].team_uid, clock.day, ALL, [
        TopicInput("Uppföljning igen", "individual", NamedChild(cuid, "Logoped träffad."))])
    third = bht.export_transfer(cuid, tmp_path / "3.oro-bht")
    last = other.import_transfer(tmp_path / "3.oro-bht", third.passphrase)
    assert (last.meetings, last.topics, last.unchanged) == (1, 1, 2)
    assert sorted(m.uid for m in other.meetings()) == sorted([m1, m2, m3])
    detail = other_session.store.conn.execute(
        "SELECT detail FROM audit WHERE action = 'import' ORDER BY id DESC LIMIT 1").fetchone()[0]
    assert json.loads(detail)["unchanged"] == 2
