"""The yearly follow-up's numbers from a fixed set of meetings (conftest.year_of_meetings)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from oro_desktop.core.barnhalsoteam import (
    FollowUpAnswers, Meeting, Team, follow_up_report, yearly_numbers,
)
from oro_desktop.errors import InvalidInput


def test_numbers_of_2026(the_team: Team, meetings: list[Meeting]) -> None:
    n = yearly_numbers([the_team], meetings, 2026)
    assert n.meeting_count == 10 and n.meetings_held and n.teams_formed == 1
    assert n.per_month == (1, 1, 2, 1, 1, 0, 0, 1, 1, 1, 1, 0)
    assert dict(n.participation) == {
        "forskolechef": 10, "socialtjanst": 10, "bhv_sjukskoterska": 9, "specialpedagog": 3,
        "foraldra_och_barnhalsan": 1, "elevhalsan": 1}
    assert [r for r, _ in n.participation][:3] == ["forskolechef", "specialpedagog", "socialtjanst"]
    assert dict(n.topics_by_level) == {"organisation": 5, "group": 3, "individual": 2}
    assert (n.identified, n.deidentified, n.sip_initiated) == (1, 1, 1)


def test_examples_never_come_from_an_identified_child(the_team: Team,
                                                      meetings: list[Meeting]) -> None:
    n = yearly_numbers([the_team], meetings, 2026)
    assert "Oro för ett barns sömn och matsituation" not in n.examples
    assert "Barn 3 år med sent tal" in n.examples
    assert n.examples.count("Vägledning inför skolstart") == 1
    assert n.examples[0] == "Rutin för inskolning"
    assert "Annat teams möte" not in n.examples and "Planering inför 2026" not in n.examples


def test_a_year_without_meetings_and_a_team_not_yet_formed(the_team: Team,
                                                           meetings: list[Meeting]) -> None:
    n = yearly_numbers([the_team], meetings, 2024)
    assert (n.meeting_count, n.meetings_held, n.teams_formed) == (0, False, 0)
    assert n.per_month == (0,) * 12 and n.participation == () and n.examples == ()
    later = replace(the_team, formed_on=the_team.formed_on.replace(year=2027))
    assert yearly_numbers([later], meetings, 2026).teams_formed == 0


def test_report_carries_answers_and_names(the_team: Team, meetings: list[Meeting]) -> None:
    answers = FollowUpAnswers(True, "Bra", "Tidigare insatser", "Fler möten")
    report = follow_up_report([the_team], meetings, 2026, answers)
    assert report.municipality == "Östersund"
    assert report.team_names == ("Barnhälsoteam Östersund centrum",)
    assert report.numbers.meeting_count == 10 and report.answers.implemented is True
    with pytest.raises(InvalidInput):
        FollowUpAnswers(how_it_worked="x" * 2001)
    with pytest.raises(InvalidInput):
        yearly_numbers([the_team], meetings, 99999)
