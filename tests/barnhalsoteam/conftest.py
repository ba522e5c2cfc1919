"""Fixtures: the shipped guideline, fictitious children's consents and a year of meetings.

Every date is fixed; every uid is a constant so failures read the same each run.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from oro_desktop.core.barnhalsoteam import (
    Attendee, BhtConsent, BhtGuideline, Decision, DeidentifiedDiscussion, FollowUp,
    GuardianSignature, IdentifiedDiscussion, Meeting, Member, Team, Topic, load_bht_guideline,
)

ROOT = Path(__file__).resolve().parents[2]
GUIDELINE_FILE = ROOT / "resources" / "guidelines" / "jamtland-barnhalsoteam.yaml"
SEED = ROOT.parent / "shared" / "seeds" / "jamtland-barnhalsoteam.txt"

TEAM = "11111111111141118111111111111111"
OTHER_TEAM = "22222222222242228222222222222222"
CHILD = "33333333333343338333333333333333"
CONSENT = "44444444444444448444444444444444"


def uid(n: int) -> str:
    return f"00000000000040008000{n:012d}"


@pytest.fixture(scope="session")
def guideline() -> BhtGuideline:
    return load_bht_guideline(GUIDELINE_FILE)


def make_consent(**over: Any) -> BhtConsent:
    """Two guardians, both registered 2026-03-02, valid 2026-03-02..2027-03-01, Ja to
    transfer, boxes förskola + BVC + IFO (the example form's)."""
    base: dict[str, Any] = dict(
        uid=CONSENT, child_uid=CHILD, parties=frozenset({"forskola", "bvc", "ifo"}),
        valid_from=date(2026, 3, 2), valid_to=date(2027, 3, 1), guardians=2,
        signatures=(
            GuardianSignature(1, "Tolvan Tolvansson", date(2026, 3, 2), date(2026, 3, 2)),
            GuardianSignature(2, "Elva Elvasdotter", date(2026, 3, 2), date(2026, 3, 2)),
        ),
        transfer_on_move=True,
    )
    base.update(over)
    return BhtConsent(**base)


@pytest.fixture
def consent() -> Callable[..., BhtConsent]:
    return make_consent


CORE = (Attendee("forskolechef", uid(1)), Attendee("socialtjanst", uid(2)),
        Attendee("bhv_sjukskoterska", uid(3)))


def team() -> Team:
    return Team(
        uid=TEAM, name="Barnhälsoteam Östersund centrum", municipality="Östersund",
        area="Centrum", formed_on=date(2025, 9, 1),
        members=(
            Member(uid(1), "forskolechef", "Maja Exempelsson", "Förskolan Exemplet",
                   "Beslutar om stöd i förskolan och sammankallar."),
            Member(uid(2), "socialtjanst", "Sven Testsson", "Individ- och familjeomsorgen",
                   "Beslutar om råd och stöd, kan initiera utredning."),
            Member(uid(3), "bhv_sjukskoterska", "Bodil Provsdotter", "BVC Exempelhälsan",
                   "Erbjuder extra BVC-besök."),
            Member(uid(4), "specialpedagog", "Pia Prov", "Förskoleförvaltningen", ""),
        ),
    )


def year_of_meetings() -> list[Meeting]:
    """Ten meetings of TEAM in 2026 (one in 2025, one of another team: both ignored).

    Months: jan 1, feb 1, mar 2, apr 1, maj 1, jun 0, jul 0, aug 1, sep 1, okt 1, nov 1 = 10.
    """
    consent = make_consent()
    spec = Attendee("specialpedagog", uid(4))

    def m(n: int, day: date, attendees: tuple[Attendee, ...] = CORE, topics: tuple[Topic, ...] = (),
          decisions: tuple[Decision, ...] = (), team_uid: str = TEAM) -> Meeting:
        return Meeting(uid(100 + n), team_uid, day, attendees, topics, decisions)

    return [
        m(0, date(2025, 12, 10), topics=(Topic("Planering inför 2026", "organisation"),)),
        m(1, date(2026, 1, 14), CORE + (spec,), (Topic("Rutin för inskolning", "organisation"),)),
        m(2, date(2026, 2, 11), topics=(Topic("Språkutveckling i småbarnsgrupper", "group"),)),
        m(3, date(2026, 3, 4), topics=(
            Topic("Oro för ett barns sömn och matsituation", "individual",
                  IdentifiedDiscussion(CHILD, consent, "Kontakt med BVC om sömnen.")),),
          decisions=(Decision("Initiera SIP för barnet", "initiera_sip", "socialtjanst"),)),
        m(4, date(2026, 3, 25), CORE + (spec,), (
            Topic("Barn 3 år med sent tal", "individual",
                  DeidentifiedDiscussion("Treåring med sent tal, föräldrarna oroliga.", 3)),)),
        m(5, date(2026, 4, 15), topics=(Topic("Vägledning inför skolstart", "group"),)),
        m(6, date(2026, 5, 20), (Attendee("forskolechef", uid(1)), Attendee("socialtjanst", uid(2))),
          (Topic("Föräldrastöd i kommunen", "organisation"),)),
        m(7, date(2026, 8, 19), CORE + (Attendee("elevhalsan"),),
          (Topic("Vägledning inför skolstart", "group"),)),
        m(8, date(2026, 9, 16), topics=(Topic("Kompetensutveckling om våld i nära relation", "organisation"),)),
        m(9, date(2026, 10, 14), CORE + (Attendee("foraldra_och_barnhalsan"),),
          (Topic("Samverkan med Föräldra- och Barnhälsan", "organisation"),)),
        m(10, date(2026, 11, 18), CORE + (spec,), (Topic("Utvärdering av året", "organisation"),),
          decisions=(Decision("Fortsätt med möten varannan månad"),)),
        m(11, date(2026, 6, 3), team_uid=OTHER_TEAM,
          topics=(Topic("Annat teams möte", "organisation"),)),
    ]


@pytest.fixture
def meetings() -> list[Meeting]:
    return year_of_meetings()


@pytest.fixture
def the_team() -> Team:
    return team()


__all__ = ["CHILD", "CONSENT", "CORE", "FollowUp", "OTHER_TEAM", "TEAM", "make_consent",
           "team", "uid", "year_of_meetings"]
