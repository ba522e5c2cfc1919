"""Demo plans: one per guideline, each with two saved versions so the history shows a diff.

- Jämtland Härjedalen (Östersund, the pregnant person said yes): a samordnad plan made
  with consent whose follow-up date has passed, so it shows in Att göra;
- Västra Götaland (Göteborg, the pregnant person said no): a samordnad plan made without
  consent (the page says it is a copy for each party's own records);
- Kronoberg (Alvesta, the guardian said yes): barnets plan with a follow-up ahead;
- Kronoberg (Ljungby, the violence exemption): barnets plan whose family copy is refused.

Fictitious people only; the cases come from services/cases_demo.py (order 30), so this
runs after it (order 40). `services/demo.py` finds `demo_seed` by module discovery.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from oro_desktop.services.session import Session

DEMO_ORDER = 40


def _participants(*rows: tuple[str, str, str, str]) -> list[dict[str, str]]:
    return [{"namn": n, "organisation": o, "roll": r, **({"regi": g} if g else {})}
            for n, o, r, g in rows]


def _intervention(part: str, what: str, who: str, start: date, status: str) -> dict[str, str]:
    return {"part": part, "vad": what, "ansvarig": who, "fran": start.isoformat(),
            "status": status}


def _expected(today: date, town: str, region: str, consent: bool) -> dict[str, Any]:
    midwife = "Maja Exempelsson, barnmorska"
    social = "Sven Testsson, socialsekreterare"
    return {
        "samtycke": "med" if consent else "utan",
        "moten": [{"datum": (today - timedelta(days=12)).isoformat(),
                   "form": "Samverkansmöte på barnmorskemottagningen"}],
        "deltagare": _participants(
            ("Maja Exempelsson", f"Barnmorskemottagningen {town}, {region}", "Barnmorska", "offentlig"),
            ("Sven Testsson", f"Socialtjänsten, {town}s kommun", "Socialsekreterare", "offentlig")),
        "delaktighet": "deltog" if consent else "deltog_inte",
        "egen_syn": ("Hon vill ha stöd under graviditeten och att barnmorskan och socialtjänsten "
                     "pratar med varandra." if consent else
                     "Hon vill inte att kontakt tas och har sagt nej till samtycke. Planen gäller "
                     "det parterna var för sig gör."),
        "behov": "Stöd under graviditeten och en trygg start för barnet efter förlossningen.",
        "mal": "BB och barnhälsovården vet om planen innan barnet föds.",
        "insatser": [
            _intervention("Regionen", "Tätare besök på barnmorskemottagningen, varannan vecka.",
                          midwife, today - timedelta(days=10), "pagar"),
            _intervention("Kommunen", "Samtalsstöd hos socialtjänsten, en gång i veckan.",
                          social, today - timedelta(days=7), "planerad")],
        "samordningsansvarig": f"Sven Testsson, Socialtjänsten {town}",
        "samordnare_kontakt": "0000-00 00 00, vardagar 8–12 (fiktivt)",
        "uppfoljning_ansvarig": f"Maja Exempelsson, Barnmorskemottagningen {town}",
        "uppfoljning_hur": "Nytt samverkansmöte med alla deltagare.",
    }


def _newborn(today: date, town: str, parents: str, consent: bool) -> dict[str, Any]:
    bvc = "Anna Provsson, BVC-sjuksköterska"
    return {
        "samtycke": "med" if consent else "utan",
        "foraldrar": parents,
        "moten": [{"datum": (today - timedelta(days=6)).isoformat(), "form": "Möte på BB"}],
        "deltagare": _participants(
            ("Anna Provsson", f"Barnavårdscentralen {town}", "BVC-sjuksköterska", "offentlig"),
            ("Sven Testsson", f"Socialtjänsten, {town} kommun", "Socialsekreterare", "offentlig")),
        "delaktighet": "deltog" if consent else "deltog_inte",
        "egen_syn": "Föräldrarna vill ha hjälp med sömn och matning och tar emot hembesök.",
        "behov": "Barnet behöver tät kontakt med barnhälsovården första månaden.",
        "mal": "Barnet väger in och mår bra vid sex veckors ålder.",
        "insatser": [
            _intervention("Regionen", "Utökat stöd från barnhälsovården: hembesök varje vecka.",
                          bvc, today - timedelta(days=5), "pagar"),
            _intervention("Kommunen", "Kontakt med föräldrarna för att erbjuda stöd.",
                          "Sven Testsson, socialsekreterare", today - timedelta(days=3), "planerad")],
        "samordningsansvarig": f"Anna Provsson, Barnavårdscentralen {town}",
        "samordnare_kontakt": "0000-00 00 01, vardagar 8–16 (fiktivt)",
        "uppfoljning_ansvarig": f"Sven Testsson, Socialtjänsten {town}",
        "uppfoljning_hur": "Telefonmöte mellan BVC och socialtjänsten.",
    }


def demo_seed(session: "Session") -> None:
    services = session.services
    plans = services.plans
    today = plans.today()
    found = {(r.guideline_id, r.municipality): r for r in services.cases.list_page(0, 200)}

    def plan(guideline: str, town: str, form_id: str, data: dict[str, Any],
             first_follow_up: date, second_follow_up: date,
             second: dict[str, Any]) -> str | None:
        row = found.get((guideline, town))
        if row is None:
            return None
        uid = plans.create(row.uid, form_id)
        _definition, initial = plans.current(uid)
        v1 = {**data, **{k: v for k, v in initial.items() if k != "samtycke"},
              "nasta_uppfoljning": first_follow_up.isoformat()}
        plans.save_version(uid, v1)
        v2 = {**v1, **second, "nasta_uppfoljning": second_follow_up.isoformat()}
        plans.save_version(uid, v2)
        return uid

    def more(data: dict[str, Any], row: dict[str, str], **changes: Any) -> dict[str, Any]:
        rows = [dict(r, status="klar") if i == 0 else r for i, r in enumerate(data["insatser"])]
        return {"insatser": rows + [row], **changes}

    j = _expected(today, "Östersund", "Region Jämtland Härjedalen", True)
    plan("jamtland-harjedalen-vantat-barn", "Östersund", "samordnad-plan-vantat-barn", j,
         today - timedelta(days=20), today - timedelta(days=4),
         more(j, _intervention("Kommunen", "Föräldrastödsgrupp inför förlossningen.",
                               "Sven Testsson, socialsekreterare", today - timedelta(days=2),
                               "planerad"),
              mal="BB och barnhälsovården vet om planen innan barnet föds. Hon har ett nätverk."))
    v = _expected(today, "Göteborg", "Västra Götalandsregionen", False)
    plan("vastra-gotaland-vantat-barn", "Göteborg", "samordnad-plan-vantat-barn", v,
         today + timedelta(days=14), today + timedelta(days=21),
         {"andra_aktorer": "Mödrahälsovården informerar BB inför förlossningen."})
    k = _newborn(today, "Alvesta", "Eva Exempelberg", True)
    plan("kronoberg-nyfott-barn", "Alvesta", "barnets-plan", k,
         today + timedelta(days=10), today + timedelta(days=30),
         more(k, _intervention("Regionen", "Kontakt med familjecentralen i Alvesta.",
                               "Anna Provsson, BVC-sjuksköterska", today, "planerad")))
    x = _newborn(today, "Ljungby", "Robin Testare", False)
    plan("kronoberg-nyfott-barn", "Ljungby", "barnets-plan", x,
         today + timedelta(days=7), today + timedelta(days=14),
         {"egen_syn": "Föräldern har inte tillfrågats om planen (se uppgiftslämnandet)."})
