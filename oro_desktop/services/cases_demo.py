"""Demo data for cases: every region, both alternatives, a private provider, the violence
exemption, and a newborn whose parents answer differently (one yes, one no).

Fictitious people only (Skatteverket's test series); `services/demo.py` finds `demo_seed`
here by module discovery and runs it after the consents (order 30).
"""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from oro_desktop.core.identity import missing, parse_number
from oro_desktop.services.case_views import PersonInput
from oro_desktop.services.consents_demo import skatteverket_test_number
from oro_desktop.services.disclosures import Party

if TYPE_CHECKING:
    from oro_desktop.services.session import Session

DEMO_ORDER = 30


def demo_seed(session: "Session") -> None:
    cases = session.services.cases
    disclosures = session.services.disclosures
    today = cases.today()

    def who(name: str, birth: str, serial: int, **more: object) -> PersonInput:
        number = parse_number(skatteverket_test_number(birth, serial), today)
        return PersonInput(name=name, identity=number, **more)  # type: ignore[arg-type]

    def ask(case: str, person: str, answer: str, by: str, days_ago: int = 2) -> None:
        cases.record_consent(
            case, person, answer=answer, manner="written" if answer == "yes" else "oral",
            asked_on=today - timedelta(days=days_ago), asked_by=by, function="Barnmorska",
            content="Att det finns en oro och vilket stöd som kan behövas.",
            said="" if answer == "yes" else "Vill inte att kontakt tas just nu.")

    def tell(case: str, sender: Party, recipient: Party, basis: str, **telling: object) -> None:
        disclosures.record(case, disclosed_on=today - timedelta(days=1), sender=sender,
                           recipient=recipient, legal_basis=basis,
                           content="Att det finns en oro för barnet, inget mer.",
                           decided_by="Enhetschef (fiktiv)", **telling)  # type: ignore[arg-type]

    before = {"told_before_on": today - timedelta(days=2),
              "told_before": "Att kontakt tas med socialtjänsten och vad som kommer att sägas."}
    due = today + timedelta(days=120)

    # Jämtland Härjedalen, Alternativ 1: the pregnant person says yes.
    c = cases.open("Östersund", guideline_id="jamtland-harjedalen-vantat-barn", due_date=due,
                   concerns=["mental"], initiator_kind="barnmorskemottagning")
    p = cases.add_person(c, "pregnant", who("Tova Testsson", "19850312", 980))
    cases.add_person(c, "partner", who("Kim Testsson", "19840704", 982))
    ask(c, p, "yes", "Maja Exempelsson")
    cases.tick_step(c, "a1-1", note="Socialtjänsten kontaktad via mottagningens telefon.")
    # Jämtland Härjedalen, Alternativ 2, from social services.
    c = cases.open("Krokom", guideline_id="jamtland-harjedalen-vantat-barn",
                   due_date=due + timedelta(days=30), concerns=["substance"],
                   initiator_kind="socialtjänsten", responsible_unit="Socialtjänsten Krokom (fiktiv)")
    p = cases.add_person(c, "pregnant", who("Sara Provsdotter", "19900214", 984))
    ask(c, p, "no", "Socialsekreterare Eva Fiktiv")
    tell(c, Party("Socialtjänsten Krokom", "socialtjänsten", True),
         Party("Barnmorskemottagningen Krokom", "barnmorskemottagning", True), "osl-26-9", **before)
    # Jämtland Härjedalen, a private provider (not covered by the OSL provisions).
    c = cases.open("Åre", guideline_id="jamtland-harjedalen-vantat-barn",
                   due_date=due + timedelta(days=10), concerns=["social"],
                   initiator_kind="barnmorskemottagning", initiator_public=False,
                   responsible_unit="Hälsocentralen Exempel AB (privat, fiktiv)")
    cases.add_person(c, "pregnant", who("Lina Exempeldotter", "19920530", 986))
    # Västra Götaland, Alternativ 1 and 2.
    c = cases.open("Borås", guideline_id="vastra-gotaland-vantat-barn", due_date=due,
                   concerns=["disability"], initiator_kind="barnmorskemottagning")
    p = cases.add_person(c, "pregnant", who("Ada Testberg", "19880808", 988))
    ask(c, p, "yes", "Barnmorska Ulla Fiktiv")
    c = cases.open("Göteborg", guideline_id="vastra-gotaland-vantat-barn",
                   due_date=due + timedelta(days=60), concerns=["mental", "social"],
                   initiator_kind="barnmorskemottagning")
    p = cases.add_person(c, "pregnant",
                         who("Skyddad Provperson", "19870101", 990, protected=True,
                             address="Visas aldrig 1, 411 00 Göteborg"))
    ask(c, p, "no", "Barnmorska Ulla Fiktiv")
    tell(c, Party("Barnmorskemottagningen Göteborg", "barnmorskemottagning", True),
         Party("Socialtjänsten Göteborg", "socialtjänsten", True), "osl-25-12", **before)
    # Kronoberg: a newborn, one parent yes and the other no (each answers for himself/herself).
    c = cases.open("Växjö", guideline_id="kronoberg-nyfott-barn", concerns=["parenting"],
                   child=PersonInput(name="Nyfödd Provare", identity=missing("Nyfött, ännu ej folkbokfört")),
                   initiator_kind="BVC")
    a = cases.add_person(c, "guardian", who("Alva Provare", "19880101", 992))
    b = cases.add_person(c, "guardian", who("Bo Provare", "19860303", 994))
    ask(c, a, "yes", "BVC-sjuksköterska Maja Exempelsson")
    ask(c, b, "no", "BVC-sjuksköterska Maja Exempelsson")
    tell(c, Party("BVC Växjö", "BVC", True), Party("Socialtjänsten Växjö", "socialtjänsten", True),
         "osl-25-12", **before)
    # Kronoberg: violence, the exemption (the parents are not told).
    c = cases.open("Ljungby", guideline_id="kronoberg-nyfott-barn", concerns=["violence"],
                   child=PersonInput(name="Liten Testare", identity=missing("Nyfött, ännu ej folkbokfört")),
                   initiator_kind="BB")
    a = cases.add_person(c, "guardian", who("Robin Testare", "19910909", 996))
    ask(c, a, "no", "Barnmorska BB (fiktiv)")
    cases.set_contact_facts(c, violence=True, parent_takes_part=False)
    tell(c, Party("BB Växjö", "BB", True), Party("Socialtjänsten Ljungby", "socialtjänsten", True),
         "osl-25-12", exemption="vald",
         exemption_reason="Orosanmälan om misstänkt våld i nära relation; föräldern är inte delaktig.")
    # Kronoberg, Alternativ 1: the one guardian says yes.
    c = cases.open("Alvesta", guideline_id="kronoberg-nyfott-barn", concerns=["child_needs"],
                   child=who("Elsa Exempelberg", "20250101", 980), initiator_kind="BVC")
    a = cases.add_person(c, "guardian", who("Eva Exempelberg", "19890412", 982))
    ask(c, a, "yes", "BVC-sjuksköterska Maja Exempelsson")
    cases.tick_step(c, "a1-1", note="Samverkansmöte bokat.")
