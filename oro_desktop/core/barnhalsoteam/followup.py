"""The yearly follow-up of the guideline (section 3), counted from the recorded meetings.

Why counted: "Har möten skett? Hur många möten har hållits? Vilka har deltagit?" are
facts the meetings already hold, so a person should not count them by hand; what only a
person can answer (implemented? how did it work, effects, improvements) is free text
beside them. Examples of questions handled are taken from organisation- and group-level
topics and de-identified cases only: a report leaves the team (to the regional Jämtbus
group), so nothing from an identified discussion goes into it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from oro_desktop.core.barnhalsoteam._bounds import MAX_TEXT, bounded
from oro_desktop.core.barnhalsoteam.guideline import LEVELS
from oro_desktop.core.barnhalsoteam.model import Meeting, Team
from oro_desktop.core.barnhalsoteam.no_identity import find_identity_number
from oro_desktop.core.barnhalsoteam.roles import ROLES
from oro_desktop.errors import InvalidInput

MAX_EXAMPLES = 12
MONTHS = ("jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec")


@dataclass(frozen=True)
class FollowUpAnswers:
    """What a person answers; `implemented` None means not answered."""

    implemented: bool | None = None
    how_it_worked: str = ""
    effects: str = ""
    improvements: str = ""

    def __post_init__(self) -> None:
        for text, what in ((self.how_it_worked, "Hur det har fungerat"),
                           (self.effects, "Effekten"), (self.improvements, "Förbättringar")):
            bounded(text, what, MAX_TEXT)


@dataclass(frozen=True)
class FollowUpNumbers:
    year: int
    teams_formed: int
    meeting_count: int
    #: (role, number of meetings with that role present), in the guideline's order.
    participation: tuple[tuple[str, int], ...]
    per_month: tuple[int, ...]
    #: (level, number of topics at that level)
    topics_by_level: tuple[tuple[str, int], ...]
    identified: int
    deidentified: int
    sip_initiated: int
    examples: tuple[str, ...] = field(default=())

    @property
    def meetings_held(self) -> bool:
        return self.meeting_count > 0


@dataclass(frozen=True)
class FollowUpReport:
    """One report: whose (teams, municipality), which year, the numbers, the answers."""

    municipality: str
    team_names: tuple[str, ...]
    numbers: FollowUpNumbers
    answers: FollowUpAnswers


def yearly_numbers(teams: Iterable[Team], meetings: Iterable[Meeting], year: int) -> FollowUpNumbers:
    """Count the meetings of `teams` held in `year` (meetings of other teams are ignored)."""
    if not 1900 <= year <= 2200:
        raise InvalidInput("Året ska vara 1900–2200.")
    teams = tuple(teams)
    uids = {t.uid for t in teams}
    held = sorted((m for m in meetings if m.team_uid in uids and m.date.year == year),
                  key=lambda m: (m.date, m.uid))
    end = date(year, 12, 31)
    per_month = [0] * 12
    by_role = dict.fromkeys(ROLES, 0)
    by_level = dict.fromkeys(LEVELS, 0)
    identified = deidentified = sip = 0
    examples: list[str] = []
    for meeting in held:
        per_month[meeting.date.month - 1] += 1
        for role in meeting.roles_present:
            by_role[role] += 1
        sip += sum(1 for d in meeting.decisions if d.kind == "initiera_sip")
        for topic in meeting.topics:
            by_level[topic.level] += 1
            if topic.identified:
                identified += 1
                continue
            if topic.discussion is not None:
                deidentified += 1
            # a question stored before numbers were refused is counted, never printed
            if (topic.text not in examples and len(examples) < MAX_EXAMPLES
                    and find_identity_number(topic.text) is None):
                examples.append(topic.text)
    return FollowUpNumbers(
        year=year, teams_formed=sum(1 for t in teams if t.formed_on <= end),
        meeting_count=len(held),
        participation=tuple((r, n) for r, n in by_role.items() if n),
        per_month=tuple(per_month), topics_by_level=tuple(by_level.items()),
        identified=identified, deidentified=deidentified, sip_initiated=sip,
        examples=tuple(examples),
    )


def follow_up_report(teams: Iterable[Team], meetings: Iterable[Meeting], year: int,
                     answers: FollowUpAnswers) -> FollowUpReport:
    teams = tuple(teams)
    municipalities = sorted({t.municipality for t in teams})
    return FollowUpReport(", ".join(municipalities), tuple(t.name for t in teams),
                          yearly_numbers(teams, meetings, year), answers)
