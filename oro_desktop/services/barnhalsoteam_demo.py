"""Demo data for barnhälsoteam: one team with a year of meetings (fictitious people).

Runs after the consent demo (DEMO_ORDER), which already leaves a consent waiting for the
second guardian (Elsa Väntesson); here one child with a consent in force (Sigrid
Testberg, from the consent demo) is discussed by name, the others de-identified.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from oro_desktop.core.barnhalsoteam import (
    INITIATE_SIP, Attendee, Decision, DeidentifiedDiscussion, FollowUp,
)
from oro_desktop.core.forms import FormLibrary
from oro_desktop.errors import InvalidInput
from oro_desktop.services.barnhalsoteam import BhtService, NamedChild, TopicInput

if TYPE_CHECKING:
    from oro_desktop.services.session import Session

DEMO_ORDER = 30
ROLES_ALL = ("forskolechef", "specialpedagog", "socialtjanst", "bhv_sjukskoterska")


def demo_seed(session: Session) -> None:
    from oro_desktop.paths import forms_dir, resources_dir

    bht = BhtService(session, FormLibrary(forms_dir()), fonts_dir=resources_dir() / "fonts")
    today = bht.today()
    team = bht.create_team("Barnhälsoteam Östersund söder", "Östersund",
                           today - timedelta(days=400), area="Söder")
    for role, name, org, mandate in (
            ("forskolechef", "Maja Exempelsson", "Förskolan Exemplet",
             "Kallar till möten, beslutar om förskolans insatser"),
            ("specialpedagog", "Kim Provare", "Förskoleförvaltningen",
             "Handleder personal, ingen budget"),
            ("socialtjanst", "Robin Testare", "Individ- och familjeomsorgen",
             "Informerar om socialtjänstens insatser; tar inte emot anmälan i teamet"),
            ("bhv_sjukskoterska", "Elva Elvasdotter", "BVC Hälsocentralen Exemplet",
             "Beslutar om BVC:s insatser")):
        bht.add_member(team, role, name, organisation=org, mandate=mandate)
    named = _child_in_force(session, bht, today)
    if named:  # the guideline's notice for a family home under SoL shows where she is named
        bht.set_situation(named, protected_identity=False, secret_address=False,
                          lvu_placement=False, family_home_sol=True, undocumented=False)
    examples = ["Språkutveckling i barngrupp", "Rutiner vid oro", "Samverkan med öppna förskolan",
                "Sömn och rutiner", "Föräldrastöd i gruppform", "Överlämning till förskoleklass"]
    for i in range(11):  # about once a month, the last few weeks ago
        day = today - timedelta(days=25 + 30 * (10 - i))
        present = ROLES_ALL if i % 3 else ROLES_ALL[:1] + ROLES_ALL[2:]
        topics = [TopicInput(examples[i % len(examples)], "group" if i % 2 else "organisation")]
        if i % 4 == 1:
            topics.append(TopicInput("Oro för ett barn", "individual", DeidentifiedDiscussion(
                f"Ett barn, {2 + i % 4} år: oro för språket. Föreslår logopedkontakt.", 2 + i % 4)))
        decisions = [Decision("Initiera SIP tillsammans med familjen", INITIATE_SIP,
                              "socialtjanst")] if i == 5 else []
        if named and i >= 9:
            topics.append(TopicInput("Uppföljning av barnets stöd", "individual",
                                     NamedChild(named, "Logoped kontaktad; följs upp i teamet.")))
        try:
            bht.record_meeting(team, day, [Attendee(r) for r in present], topics, decisions,
                               FollowUp("Följs upp vid nästa möte", day + timedelta(days=30)))
        except InvalidInput:  # a named child whose consent does not cover that day
            bht.record_meeting(team, day, [Attendee(r) for r in present], topics[:-1], decisions)


def _child_in_force(session: Session, bht: BhtService, today: date) -> str | None:
    """A child whose barnhälsoteam consent from the consent demo is in force today."""
    from oro_desktop.services.consents import ConsentService

    from oro_desktop.paths import forms_dir

    service = ConsentService(session, FormLibrary(forms_dir()), today=bht.today)
    for row in service.list(today):
        if row.child_name == "Sigrid Testberg" and row.child_id is not None:
            child = service.get(row.id).child
            return child.uid if child is not None else None
    return None
