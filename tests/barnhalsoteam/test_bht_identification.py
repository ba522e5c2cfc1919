"""Identified discussion: only with a consent in force on the meeting date covering every
party present; otherwise refused with the reason and the de-identified way offered."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date

import pytest

from oro_desktop.core.barnhalsoteam import (
    DEIDENTIFIED_OFFER, Attendee, BhtConsent, DeidentifiedDiscussion, GuardianSignature,
    IdentificationRefused, IdentifiedDiscussion, Meeting, Topic, check_identification,
)
from oro_desktop.errors import InvalidInput
from tests.barnhalsoteam.conftest import CHILD, CORE, TEAM, uid

Make = Callable[..., BhtConsent]
ROLES = ("forskolechef", "socialtjanst", "bhv_sjukskoterska")
DAY = date(2026, 4, 15)


def test_allowed_with_a_consent_in_force_covering_everyone(consent: Make) -> None:
    assert check_identification(consent(), DAY, ROLES).allowed
    d = IdentifiedDiscussion.for_meeting(CHILD, consent(), "Sömnen.", meeting_date=DAY,
                                         roles_present=ROLES)
    assert d.identified and d.child_uid == CHILD


def test_refused_without_consent() -> None:
    result = check_identification(None, DAY, ROLES)
    assert not result.allowed and "inget samtycke" in result.message
    assert result.message.endswith(DEIDENTIFIED_OFFER)
    with pytest.raises(IdentificationRefused, match="avidentifierat"):
        IdentifiedDiscussion.for_meeting(CHILD, None, "Sömnen.", meeting_date=DAY,
                                         roles_present=ROLES)


def test_refused_when_a_party_present_is_not_covered(consent: Make) -> None:
    without_ifo = consent(parties=frozenset({"forskola", "bvc"}))
    result = check_identification(without_ifo, DAY, ROLES)
    assert not result.allowed
    assert "Individ- och familjeomsorgen är inte markerad" in result.message
    # The same consent is enough when social services are not in the room.
    assert check_identification(without_ifo, DAY, ("forskolechef", "bhv_sjukskoterska")).allowed


def test_elevhalsan_needs_grundskola_and_fbh_has_no_box(consent: Make) -> None:
    assert not check_identification(consent(), DAY, ROLES + ("elevhalsan",)).allowed
    every_box = consent(parties=frozenset({"forskola", "grundskola", "bvc", "ifo"}))
    assert check_identification(every_box, DAY, ROLES + ("elevhalsan",)).allowed
    result = check_identification(every_box, DAY, ROLES + ("foraldra_och_barnhalsan",))
    assert not result.allowed and "saknar ruta" in result.message


@pytest.mark.parametrize(("day", "words"), [
    (date(2026, 3, 1), "inte underskrivet"),        # before any signature was registered
    (date(2027, 3, 2), "gick ut 2027-03-01"),
])
def test_refused_outside_the_consents_days(consent: Make, day: date, words: str) -> None:
    result = check_identification(consent(), day, ROLES)
    assert not result.allowed and words in result.message


def test_refused_while_waiting_for_the_second_guardian(consent: Make) -> None:
    one = consent(signatures=(GuardianSignature(1, "Tolvan Tolvansson", date(2026, 3, 2),
                                                date(2026, 3, 2)),))
    result = check_identification(one, DAY, ROLES)
    assert not result.allowed and "väntar på den andra vårdnadshavarens underskrift" in result.message


def test_refused_after_revocation(consent: Make) -> None:
    result = check_identification(consent(revoked_on=date(2026, 4, 1)), DAY, ROLES)
    assert not result.allowed and "återkallades 2026-04-01" in result.message


def test_consent_of_another_child_is_refused(consent: Make) -> None:
    with pytest.raises(IdentificationRefused, match="annat barn"):
        IdentifiedDiscussion.for_meeting(uid(999), consent(), "x", meeting_date=DAY,
                                         roles_present=ROLES)


def test_the_meeting_rechecks_its_own_date_and_attendees(consent: Make) -> None:
    discussion = IdentifiedDiscussion(CHILD, consent(parties=frozenset({"forskola", "bvc"})), "x")
    topic = Topic("Ett barns sömn", "individual", discussion)
    # Built for a meeting without social services, then put in one with them: refused.
    with pytest.raises(IdentificationRefused, match="Individ- och familjeomsorgen"):
        Meeting(uid(500), TEAM, DAY, CORE, (topic,))
    Meeting(uid(500), TEAM, DAY, (CORE[0], CORE[2]), (topic,))
    with pytest.raises(IdentificationRefused, match="gick ut"):
        Meeting(uid(501), TEAM, date(2027, 6, 1), (CORE[0], CORE[2]), (topic,))


def test_deidentified_stores_nothing_identifying() -> None:
    fields = {f.name for f in dataclasses.fields(DeidentifiedDiscussion)}
    assert fields == {"summary", "age_years"}
    DeidentifiedDiscussion("Fyraåring med oro för språket, möte 2026-03-02 och 2026-04-05.", 4)
    for text in ("Barnet 201801012383 har svårt", "Ring 063-123 45 67",
                 "mejla tolvan@example.se", "20180101-2383", "180101-2383"):
        with pytest.raises(InvalidInput, match="avidentifierad"):
            DeidentifiedDiscussion(text)
    with pytest.raises(InvalidInput):
        DeidentifiedDiscussion("x", age_years=14)


def test_a_child_only_at_individual_level() -> None:
    with pytest.raises(InvalidInput, match="individnivå"):
        Topic("Språk", "group", DeidentifiedDiscussion("Språket"))
