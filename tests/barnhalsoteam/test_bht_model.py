"""Teams and meetings: a forum for the professions, stable ids, SIP as a decision."""

from __future__ import annotations

from datetime import date

import pytest

from oro_desktop.core.barnhalsoteam import (
    INITIATE_SIP, Attendee, Decision, FollowUp, Meeting, Member, Team, Topic, new_uid,
)
from oro_desktop.errors import InvalidInput
from tests.barnhalsoteam.conftest import CORE, TEAM, team, uid


@pytest.mark.parametrize("who", ["vardnadshavare", "Barn", "förälder"])
def test_guardians_and_children_never_attend(who: str) -> None:
    with pytest.raises(InvalidInput, match="mötesplats för professionen") as info:
        Attendee(who)
    assert "initiera en SIP" in info.value.message
    with pytest.raises(InvalidInput, match="mötesplats för professionen"):
        Member(uid(9), who, "Tolvan Tolvansson")


def test_unknown_role_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(InvalidInput, match="Okänd roll ”polis”.*Förskolechef"):
        Attendee("polis")


def test_team_members_convenor_missing_roles_and_mandates() -> None:
    t = team()
    assert [m.name for m in t.convenors] == ["Maja Exempelsson"]
    assert t.missing_roles() == ()
    assert [m.role for m in t.members_without_mandate()] == ["specialpedagog"]
    small = Team(new_uid(), "Litet team", "Bräcke", date(2026, 1, 1),
                 members=(t.members[0],))
    assert small.missing_roles() == ("Socialtjänsten", "BHV-sjuksköterska")
    with pytest.raises(InvalidInput, match="två gånger"):
        Team(new_uid(), "Dubbel", "Bräcke", date(2026, 1, 1),
             members=(t.members[0], t.members[0]))


def test_stable_ids_are_uuids() -> None:
    assert new_uid() != new_uid()
    with pytest.raises(InvalidInput, match="felaktigt id"):
        Team("team-1", "X", "Åre", date(2026, 1, 1))
    with pytest.raises(InvalidInput, match="felaktigt id"):
        Meeting("AAAAAAAA-0000-4000-8000-000000000001", TEAM, date(2026, 1, 1), CORE)


def test_meeting_levels_sip_and_follow_up() -> None:
    m = Meeting(uid(200), TEAM, date(2026, 5, 6), CORE,
                (Topic("Inskolning", "organisation"), Topic("Språk", "group")),
                (Decision("Initiera SIP", INITIATE_SIP, "socialtjanst"),),
                FollowUp("Återkoppling nästa möte", date(2026, 6, 3)))
    assert m.levels == ("organisation", "group") and m.initiates_sip
    assert m.roles_present == ("forskolechef", "socialtjanst", "bhv_sjukskoterska")
    with pytest.raises(InvalidInput, match="före mötet"):
        Meeting(uid(201), TEAM, date(2026, 5, 6), CORE, follow_up=FollowUp("x", date(2026, 5, 1)))


def test_meeting_refuses_bad_input() -> None:
    with pytest.raises(InvalidInput, match="vilka som deltog"):
        Meeting(uid(202), TEAM, date(2026, 5, 6), ())
    with pytest.raises(InvalidInput, match="Okänd nivå"):
        Topic("x", "nation")
    with pytest.raises(InvalidInput, match="högst 300"):
        Topic("x" * 301, "group")
    with pytest.raises(InvalidInput, match="Okänd sorts beslut"):
        Decision("x", "sip")
    with pytest.raises(InvalidInput, match="två gånger"):
        Meeting(uid(203), TEAM, date(2026, 5, 6), (CORE[0], CORE[0]))
    with pytest.raises(InvalidInput, match="Högst 30"):
        Meeting(uid(204), TEAM, date(2026, 5, 6), (Attendee("specialpedagog"),) * 31)
