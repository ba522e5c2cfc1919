"""Teams and meetings through the service: the identification rule against the store's
consents, append-only records, audit and the change stream."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from oro_desktop.core.barnhalsoteam import (
    Attendee, Decision, DeidentifiedDiscussion, FollowUp, IdentificationRefused, INITIATE_SIP,
)
from oro_desktop.errors import InvalidInput
from oro_desktop.services.barnhalsoteam import NamedChild, TopicInput, canonical
from oro_desktop.store.errors import StoreError

from .conftest import ALL, TODAY, child_uid, signed_consent


def _team(bht) -> str:
    uid = bht.create_team("Barnhälsoteam Östersund centrum", "Östersund", date(2025, 8, 1),
                          area="Centrum")
    bht.add_member(uid, "forskolechef", "Maja Exempelsson", mandate="Kallar till möten")
    return uid


def _named(cuid: str) -> list[TopicInput]:
    return [TopicInput("Oro för språkutveckling", "individual",
                       NamedChild(cuid, "Föreslår kontakt med logoped."))]


def test_identified_discussion_refused_without_a_consent_in_force(bht, consents, clock):
    team = _team(bht)
    cid = signed_consent(consents, both=False)  # waiting for the other guardian
    cuid = child_uid(consents, cid)
    with pytest.raises(IdentificationRefused) as err:
        bht.record_meeting(team, TODAY, ALL, _named(cuid))
    assert "andra vårdnadshavarens underskrift" in str(err.value)
    assert "avidentifierat" in str(err.value).lower()
    assert bht.meetings() == []
    # The de-identified way is open.
    bht.record_meeting(team, TODAY, ALL, [TopicInput(
        "Oro för språkutveckling", "individual",
        DeidentifiedDiscussion("Ett barn, 4 år: föreslår kontakt med logoped.", 4))])
    assert len(bht.meetings()) == 1


def test_identified_discussion_allowed_with_a_consent_in_force(bht, consents, session):
    team = _team(bht)
    cuid = child_uid(consents, signed_consent(consents))
    seen = []
    session.changes.subscribe(seen.append)
    uid = bht.record_meeting(team, TODAY, ALL, _named(cuid),
                             [Decision("Initiera SIP med familjen", INITIATE_SIP)])
    [meeting] = bht.meetings()
    assert meeting.uid == uid and meeting.topics[0].identified
    assert meeting.topics[0].discussion.child_uid == canonical(cuid)
    assert meeting.initiates_sip
    assert [(c.kind, c.id, c.action) for c in seen] == [("meeting", uid, "created")]
    row = session.store.conn.execute(
        "SELECT action, record_type FROM audit WHERE record_id = ?", (uid,)).fetchone()
    assert tuple(row) == ("create", "bht_meeting")


def test_refused_when_a_party_present_is_not_covered(bht, consents):
    team = _team(bht)
    cuid = child_uid(consents, signed_consent(consents, verksamheter=["forskola", "bvc"]))
    with pytest.raises(IdentificationRefused, match="Individ- och familjeomsorgen"):
        bht.record_meeting(team, TODAY, ALL, _named(cuid))
    without_social = [Attendee("forskolechef"), Attendee("bhv_sjukskoterska")]
    bht.record_meeting(team, TODAY, without_social, _named(cuid))


def test_refused_before_the_period_after_expiry_and_after_revocation(bht, consents, clock):
    team = _team(bht)
    cid = signed_consent(consents, start=TODAY)
    cuid = child_uid(consents, cid)
    # The day before the paper was registered: no signature yet.
    with pytest.raises(IdentificationRefused, match="inte underskrivet"):
        bht.record_meeting(team, TODAY - timedelta(days=1), ALL, _named(cuid))
    clock.day = TODAY + timedelta(days=400)
    with pytest.raises(IdentificationRefused, match="gick ut"):
        bht.record_meeting(team, clock.day, ALL, _named(cuid))
    clock.day = TODAY + timedelta(days=10)
    consents.revoke(cid, received_on=clock.day, registered_by="admin")
    with pytest.raises(IdentificationRefused, match="återkallades"):
        bht.record_meeting(team, clock.day, ALL, _named(cuid))
    # A meeting before the revocation, registered afterwards, rested on a consent in force.
    bht.record_meeting(team, TODAY + timedelta(days=5), ALL, _named(cuid))


def test_guardians_and_children_are_not_attendees_and_no_future_meetings(bht):
    team = _team(bht)
    with pytest.raises(InvalidInput, match="Vårdnadshavare och barn"):
        bht.record_meeting(team, TODAY, [Attendee("vardnadshavare")])
    with pytest.raises(InvalidInput, match="framtiden"):
        bht.record_meeting(team, TODAY + timedelta(days=1), ALL)


def test_meetings_are_append_only_and_deidentified_rows_hold_no_identity(bht, session):
    team = _team(bht)
    bht.record_meeting(team, TODAY, ALL, [TopicInput("Ett barn", "individual",
                                                     DeidentifiedDiscussion("Oro, 3 år", 3))])
    conn = session.store.conn
    row = conn.execute("SELECT child_uid, consent_uid, consent_facts FROM bht_topics").fetchone()
    assert tuple(row) == (None, None, None)
    for sql in ("UPDATE bht_meetings SET date = '2026-01-01'", "DELETE FROM bht_topics"):
        with pytest.raises(Exception, match="append-only"):
            with session.store.unit_of_work("admin") as uow:
                uow.conn.execute(sql)


def test_teams_list_shows_members_and_missing_roles(bht):
    team = _team(bht)
    [view] = bht.teams()
    assert view.team.uid == team and not view.imported
    assert view.to_dict()["missing_roles"] == ["Socialtjänsten", "BHV-sjuksköterska"]
    with pytest.raises(InvalidInput):
        bht.add_member(team, "barn", "Någon")


@pytest.mark.parametrize("kwargs", [
    {"topics": [TopicInput("Tyra Tolvansson 20210315-9808", "group")]},
    {"topics": [TopicInput("Tyra 20210315-9808", "individual",
                           DeidentifiedDiscussion("Ett barn, 4 år: språket.", 4))]},
    {"decisions": [Decision("Kalla vårdnadshavarna till 20210315-9808")]},
    {"follow_up": FollowUp("Följ upp 202103159808 i maj")},
])
def test_an_identity_number_in_a_meetings_texts_writes_nothing(bht, session, kwargs):
    team = _team(bht)
    before = session.store.conn.execute("SELECT count(*) FROM audit").fetchone()[0]
    with pytest.raises(InvalidInput) as err:
        bht.record_meeting(team, TODAY, ALL, **kwargs)
    assert "personnummer eller samordningsnummer" in str(err.value)
    assert bht.meetings() == []
    assert session.store.conn.execute("SELECT count(*) FROM bht_topics").fetchone()[0] == 0
    assert session.store.conn.execute("SELECT count(*) FROM audit").fetchone()[0] == before


def test_a_named_childs_summary_may_hold_what_the_consent_covers(bht, consents):
    team = _team(bht)
    cuid = child_uid(consents, signed_consent(consents))
    bht.record_meeting(team, TODAY, ALL, [TopicInput(
        "Oro för språkutveckling", "individual",
        NamedChild(cuid, "Tyra, 20210315-9808: kontakt med logoped."))])
    assert len(bht.meetings()) == 1
