"""Migration 0011: barnhälsoteam ids written at schema 10 (dashed UUIDs) become 32 hex in
place, references and the import ledger included; the guards hold afterwards; and a
transfer file from a version before 0011 (dashed ids everywhere) still imports."""

from __future__ import annotations

import json
import re
import uuid
from datetime import timedelta

import pytest

from oro_desktop.core.identity import IdentityKind, IdentityNumber
from oro_desktop.store import migrations, transfer
from oro_desktop.store.connection import open_connection
from oro_desktop.store.kdf import FAST_INSECURE
from oro_desktop.store.repos import barnhalsoteam as repo
from oro_desktop.store.repos import persons as persons_repo
from oro_desktop.services.barnhalsoteam import NamedChild, TopicInput
from oro_desktop.services.barnhalsoteam_transfer import build_payload

from .conftest import ALL, TODAY, child_uid, signed_consent
from .test_transfer import receiver  # noqa: F401  (fixture)

HEX = re.compile(r"[0-9a-f]{32}")
NOW = "2026-03-02T10:00:00Z"


def dashed() -> str:
    return str(uuid.uuid4())


def _dash(hex_uid: str) -> str:
    return str(uuid.UUID(hex_uid))


@pytest.fixture
def v10(tmp_path):
    """A store at schema 10 with barnhälsoteam rows as version 10 wrote them."""
    conn = open_connection(tmp_path / "m.db", bytes(range(32)), create=True)
    migrations.migrate(conn, 10)
    assert migrations.current_version(conn) == 10
    ids = {k: dashed() for k in ("team", "imported_team", "member", "meeting", "imported",
                                 "topic_id", "topic_de", "topic_group", "consent", "package")}
    conn.execute("BEGIN")
    pid = persons_repo.insert(conn, "admin", IdentityNumber(IdentityKind.PERSONNUMMER,
                                                            "202103159808"), "Tyra Tolvansson")
    child_hex = conn.execute("SELECT uid FROM persons WHERE id = ?", (pid,)).fetchone()[0]
    ids["child"] = _dash(child_hex)
    for key, imported_from in (("team", None), ("imported_team", ids["package"])):
        conn.execute("INSERT INTO bht_teams (uid, name, municipality, formed_on, imported_from,"
                     " created_at, created_by) VALUES (?, ?, 'Krokom', '2025-08-01', ?, ?, 'admin')",
                     (ids[key], f"Team {key}", imported_from, NOW))
    conn.execute("INSERT INTO bht_members (uid, team_id, role, name, created_at, created_by)"
                 " VALUES (?, 1, 'forskolechef', 'Maja Exempelsson', ?, 'admin')",
                 (ids["member"], NOW))
    for key, team_id, imported_from in (("meeting", 1, None), ("imported", 2, ids["package"])):
        conn.execute(
            "INSERT INTO bht_meetings (uid, team_id, date, attendees, decisions, imported_from,"
            " created_at, created_by) VALUES (?, ?, '2026-03-02', ?, '[]', ?, ?, 'admin')",
            (ids[key], team_id, json.dumps([["forskolechef", ids["member"]], ["socialtjanst", ""]]),
             imported_from, NOW))
    facts = {"uid": ids["consent"], "child_uid": ids["child"], "parties": ["forskola", "ifo"],
             "valid_from": "2026-03-02", "valid_to": "2027-03-01", "guardians": 1,
             "transfer_on_move": True, "revoked_on": None,
             "signatures": [{"guardian": 1, "name": "Tolvan Tolvansson",
                             "signed_on": "2026-03-02", "registered_on": "2026-03-02"}]}
    conn.execute("INSERT INTO bht_topics (uid, meeting_id, position, text, level, discussion,"
                 " summary, child_uid, consent_uid, consent_facts) VALUES"
                 " (?, 1, 0, 'Språket', 'individual', 'identified', 'Logoped', ?, ?, ?)",
                 (ids["topic_id"], ids["child"], ids["consent"], json.dumps(facts)))
    conn.execute("INSERT INTO bht_topics (uid, meeting_id, position, text, level, discussion,"
                 " summary, age_years) VALUES (?, 1, 1, 'Ett barn', 'individual',"
                 " 'deidentified', 'Barn, 4 år', 4)", (ids["topic_de"],))
    conn.execute("INSERT INTO bht_topics (uid, meeting_id, position, text, level) VALUES"
                 " (?, 2, 0, 'Inskolning', 'group')", (ids["topic_group"],))
    conn.execute("INSERT INTO bht_imports (package_id, created, child_uid, imported_at,"
                 " imported_by) VALUES (?, '2026-03-01', ?, ?, 'admin')",
                 (ids["package"], ids["child"], NOW))
    conn.execute("INSERT INTO drafts (user, key, kind, payload, created_at, updated_at)"
                 " VALUES ('admin', ?, 'bht-report', '{}', ?, ?)",
                 (f"bht-report:{ids['team']}:2026", NOW, NOW))
    conn.execute("COMMIT")
    yield conn, ids, child_hex
    conn.close()


def _hex(d: str) -> str:
    return d.replace("-", "")


def test_0011_converts_every_id_and_reference_in_place(v10):
    conn, ids, child_hex = v10
    assert migrations.migrate(conn, 11) == [11]
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    assert [r[0] for r in conn.execute("SELECT uid FROM bht_teams ORDER BY id")] == [
        _hex(ids["team"]), _hex(ids["imported_team"])]
    assert conn.execute("SELECT uid FROM bht_members").fetchone()[0] == _hex(ids["member"])
    assert [r[0] for r in conn.execute("SELECT uid FROM bht_meetings ORDER BY id")] == [
        _hex(ids["meeting"]), _hex(ids["imported"])]
    assert {r[0] for r in conn.execute("SELECT imported_from FROM bht_teams UNION"
                                       " SELECT imported_from FROM bht_meetings")} == {
        None, _hex(ids["package"])}
    assert [r[0] for r in conn.execute("SELECT uid FROM bht_topics ORDER BY id")] == [
        _hex(ids["topic_id"]), _hex(ids["topic_de"]), _hex(ids["topic_group"])]
    # One child, one spelling: the topic's child is the person's uid.
    child, consent, facts = conn.execute(
        "SELECT child_uid, consent_uid, consent_facts FROM bht_topics WHERE child_uid IS NOT NULL"
    ).fetchone()
    assert child == child_hex
    assert conn.execute("SELECT count(*) FROM persons p JOIN bht_topics t ON t.child_uid = p.uid"
                        ).fetchone()[0] == 1
    assert consent == _hex(ids["consent"])
    assert json.loads(facts)["uid"] == consent and json.loads(facts)["child_uid"] == child_hex
    assert json.loads(facts)["signatures"][0]["name"] == "Tolvan Tolvansson"
    attendees = json.loads(conn.execute("SELECT attendees FROM bht_meetings WHERE id = 1")
                           .fetchone()[0])
    assert attendees == [["forskolechef", _hex(ids["member"])], ["socialtjanst", ""]]
    assert conn.execute("SELECT package_id, child_uid FROM bht_imports").fetchone() == (
        _hex(ids["package"]), child_hex)
    assert conn.execute("SELECT key FROM drafts").fetchall() == [
        (f"bht-report:{_hex(ids['team'])}:2026",)]
    # The records read back through the repository as before, now in the contract's form.
    rows = repo.meetings(conn)
    assert [r.meeting.uid for r in rows] == [_hex(ids["meeting"]), _hex(ids["imported"])]
    assert rows[0].meeting.topics[0].discussion.child_uid == child_hex
    assert rows[0].meeting.attendees[0].member_uid == _hex(ids["member"])
    assert repo.imported_packages(conn) == {_hex(ids["package"])}
    assert [r.team.members[0].uid for r in repo.teams(conn) if r.team.members] == [
        _hex(ids["member"])]


def test_after_0011_the_guards_hold(v10):
    conn, ids, _child = v10
    migrations.migrate(conn, 11)
    bad = [
        ("INSERT INTO bht_teams (uid, name, municipality, formed_on, created_at, created_by)"
         " VALUES (?, 'T', 'K', '2025-01-01', 'x', 'y')", (dashed(),)),
        ("INSERT INTO bht_teams (uid, name, municipality, formed_on, created_at, created_by)"
         " VALUES (?, 'T', 'K', '2025-01-01', 'x', 'y')", (uuid.uuid4().hex.upper(),)),
        ("INSERT INTO bht_members (uid, team_id, role, name, created_at, created_by)"
         " VALUES (?, 1, 'forskolechef', 'N', 'x', 'y')", (dashed(),)),
        ("INSERT INTO bht_imports (package_id, created, child_uid, imported_at, imported_by)"
         " VALUES (?, '2026-01-01', ?, 'x', 'y')", (dashed(), uuid.uuid4().hex)),
        ("UPDATE bht_teams SET uid = ? WHERE id = 1", (uuid.uuid4().hex,)),
        ("UPDATE bht_members SET uid = ? WHERE id = 1", (uuid.uuid4().hex,)),
        ("UPDATE bht_meetings SET date = '2026-03-03' WHERE id = 1", ()),
        ("DELETE FROM bht_topics WHERE id = 3", ()),
        ("DELETE FROM bht_imports", ()),
    ]
    for sql, params in bad:
        with pytest.raises(Exception):
            conn.execute(sql, params)
    # what ordinary use changes still changes
    conn.execute("UPDATE bht_members SET mandate = 'Kallar' WHERE id = 1")
    conn.execute("UPDATE bht_teams SET name = 'Nytt namn' WHERE id = 1")


def test_a_transfer_file_from_before_0011_still_imports(bht, consents, clock, receiver,
                                                        session, tmp_path):
    cuid = child_uid(consents, signed_consent(consents))
    team = bht.create_team("Barnhälsoteam Krokom", "Krokom", TODAY - timedelta(days=200))
    member = bht.add_member(team, "forskolechef", "Maja Exempelsson")
    meeting = bht.record_meeting(team, TODAY, ALL, [
        TopicInput("Språket", "individual", NamedChild(cuid, "Logoped föreslås."))])
    with session.store.unit_of_work("admin") as uow:
        payload, _m, _t = build_payload(uow.conn, bht.consent_for(cuid, TODAY).child_uid, TODAY)
    text = json.dumps(payload)
    # what a version before 0011 wrote: every id dashed, the package id too
    old = re.sub(r"\b([0-9a-f]{32})\b", lambda m: _dash(m.group(1)), text)
    assert _dash(meeting) in old and meeting not in old
    old_payload = json.loads(old)
    old_payload["meetings"][0]["attendees"][0][1] = _dash(member)
    package = dashed()
    out = tmp_path / "gammal.oro-bht"
    passphrase = transfer.new_passphrase()
    out.write_bytes(transfer.seal(old_payload, passphrase, created=TODAY, kdf=FAST_INSECURE,
                                  package_id=package))
    other, other_session = receiver
    result = other.import_transfer(out, passphrase)
    assert result.package_id == _hex(package)
    assert result.child_uid == cuid and HEX.fullmatch(cuid)
    [got] = other.meetings()
    assert got.uid == meeting and got.team_uid == team
    assert got.topics[0].discussion.child_uid == cuid
    assert got.topics[0].discussion.consent.uid == HEX.fullmatch(
        got.topics[0].discussion.consent.uid).group(0)
    assert got.attendees[0].member_uid == member
    conn = other_session.store.conn
    assert conn.execute("SELECT uid FROM persons").fetchall() == [(cuid,)]
    assert conn.execute("SELECT package_id, child_uid FROM bht_imports").fetchall() == [
        (_hex(package), cuid)]
    # the same file again, in either spelling of its id, is refused
    with pytest.raises(Exception, match="redan"):
        other.import_transfer(out, passphrase)
