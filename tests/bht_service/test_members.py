"""Editing and removing a team member: audited, published, refused for a member that is
not (or no longer) in the team; a removed member's record is kept, so past meetings still
name it among those present."""

from __future__ import annotations

from datetime import date

import pytest

from oro_desktop.core.barnhalsoteam import Attendee
from oro_desktop.errors import InvalidInput

from .conftest import TODAY


def _team(bht) -> tuple[str, str]:
    team = bht.create_team("Barnhälsoteam Krokom", "Krokom", date(2025, 8, 1))
    member = bht.add_member(team, "specialpedagog", "Maja Exempelsson",
                            organisation="Förskolan Tallen", mandate="")
    return team, member


def _audit(session):
    return session.store.conn.execute(
        "SELECT action, record_type, record_id, detail FROM audit ORDER BY id DESC LIMIT 1"
    ).fetchone()


def test_a_member_is_edited_and_the_change_is_audited(bht, session):
    team, member = _team(bht)
    seen = []
    session.changes.subscribe(seen.append)
    bht.update_member(team, member, role="specialpedagog", name="Maja Exempelsson",
                      organisation="Förskolan Tallen", mandate="Beslutar om stöd i gruppen")
    [m] = bht.team(team).members
    assert (m.uid, m.mandate) == (member, "Beslutar om stöd i gruppen")
    action, kind, rid, detail = _audit(session)
    assert (action, kind, rid) == ("update", "bht_team", team)
    assert "member_changed" in detail and "mandate" in detail and "Beslutar" not in detail
    assert [(c.kind, c.id, c.action) for c in seen] == [("team", team, "updated")]
    # Nothing changed: nothing written, nothing published.
    before = session.store.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    bht.update_member(team, member, role="specialpedagog", name="Maja Exempelsson",
                      organisation="Förskolan Tallen", mandate="Beslutar om stöd i gruppen")
    assert session.store.conn.execute("SELECT count(*) FROM audit").fetchone()[0] == before
    assert len(seen) == 1


def test_an_edit_is_checked_like_a_new_member(bht):
    team, member = _team(bht)
    with pytest.raises(InvalidInput):
        bht.update_member(team, member, role="vardnadshavare", name="Tolvan Tolvansson")
    with pytest.raises(InvalidInput):
        bht.update_member(team, member, role="specialpedagog", name="  ")
    assert bht.team(team).members[0].name == "Maja Exempelsson"


def test_a_removed_member_leaves_the_team_but_stays_in_past_meetings(bht, session, clock):
    team, member = _team(bht)
    meeting = bht.record_meeting(team, TODAY, [Attendee("forskolechef"),
                                               Attendee("specialpedagog", member)])
    bht.remove_member(team, member)
    assert bht.team(team).members == ()
    [past] = bht.meetings()
    assert past.uid == meeting and past.attendees[1] == Attendee("specialpedagog", member)
    conn = session.store.conn
    row = conn.execute("SELECT name, removed_at, removed_by FROM bht_members WHERE uid = ?",
                       (member,)).fetchone()
    assert row[0] == "Maja Exempelsson" and row[1] and row[2] == "admin"
    action, kind, rid, detail = _audit(session)
    assert (action, kind, rid) == ("update", "bht_team", team) and "member_removed" in detail
    # Removed is final: no second removal, no edit, no delete.
    for call in (lambda: bht.remove_member(team, member),
                 lambda: bht.update_member(team, member, role="specialpedagog", name="Ny")):
        with pytest.raises(InvalidInput, match="finns inte i teamet"):
            call()
    with pytest.raises(Exception):
        conn.execute("DELETE FROM bht_members WHERE uid = ?", (member,))
    with pytest.raises(Exception):
        conn.execute("UPDATE bht_members SET removed_at = NULL, removed_by = NULL"
                     " WHERE uid = ?", (member,))


def test_a_member_of_another_team_is_not_touched(bht):
    team, member = _team(bht)
    other = bht.create_team("Barnhälsoteam Åre", "Åre", date(2025, 8, 1))
    with pytest.raises(InvalidInput):
        bht.remove_member(other, member)
    assert [m.uid for m in bht.team(team).members] == [member]
