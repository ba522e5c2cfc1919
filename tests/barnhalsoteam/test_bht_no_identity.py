"""A personnummer or samordningsnummer in a team's own texts is found by parsing (the
`personnummer` package), in every written form, and a number that does not parse is not."""

from __future__ import annotations

from datetime import date

import pytest

from oro_desktop.core.barnhalsoteam import (
    Attendee, Decision, DeidentifiedDiscussion, FollowUp, Meeting, Team, Topic,
    find_identity_number, new_uid, refuse_identity_numbers, yearly_numbers,
)
from oro_desktop.errors import InvalidInput

DAY = date(2026, 3, 2)


@pytest.mark.parametrize("text", [
    "Tyra Tolvansson 20210315-9808", "202103159808", "210315-9808", "2103159808",
    "210315+9808", "Barnet 20210375-9805 (samordningsnummer)", "om 19121212 - 1212"])
def test_a_valid_number_is_found_in_every_form(text):
    assert find_identity_number(text) is not None


@pytest.mark.parametrize("text", [
    "Inskolning hösten 2026", "20210315-9809",  # wrong check digit
    "Möte 2026-03-02 kl 13", "Telefon 063-14 20 00", "1234567890", "Fler än 12 barn"])
def test_what_does_not_parse_is_not_a_number(text):
    assert find_identity_number(text) is None


def _meeting(**kw) -> Meeting:
    return Meeting(new_uid(), new_uid(), DAY, (Attendee("forskolechef"),), **kw)


@pytest.mark.parametrize("meeting", [
    lambda: _meeting(topics=(Topic("Gruppen 20210315-9808", "group"),)),
    lambda: _meeting(topics=(Topic("Organisationen 2103159808", "organisation"),)),
    lambda: _meeting(decisions=(Decision("Kontakta BVC om 20210315-9808"),)),
    lambda: _meeting(follow_up=FollowUp("Följ upp 210315-9808")),
])
def test_a_meeting_with_a_number_in_its_own_texts_is_refused(meeting):
    with pytest.raises(InvalidInput) as err:
        refuse_identity_numbers(meeting())
    message = str(err.value)
    assert "personnummer eller samordningsnummer" in message
    assert "samtycke" in message and "ta bort numret" in message


def test_a_plain_meeting_passes():
    refuse_identity_numbers(_meeting(
        topics=(Topic("Språkutveckling i gruppen", "group"),
                Topic("Ett barn", "individual", DeidentifiedDiscussion("Barn, 4 år", 4))),
        decisions=(Decision("Bjud in logoped"),), follow_up=FollowUp("Nästa möte")))


def test_a_stored_question_with_a_number_is_counted_but_never_an_example():
    team = Team(new_uid(), "Barnhälsoteam Test", "Östersund", date(2025, 1, 1))
    meeting = Meeting(new_uid(), team.uid, DAY, (Attendee("forskolechef"),),
                      (Topic("Tyra 20210315-9808", "group"), Topic("Inskolning", "group")))
    numbers = yearly_numbers([team], [meeting], 2026)
    assert numbers.examples == ("Inskolning",)
    assert dict(numbers.topics_by_level)["group"] == 2
