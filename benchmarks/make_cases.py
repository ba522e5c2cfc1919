"""Cases with coordinated plans for the benchmark store (make_store.py --cases N).

Why: the plan list and Att göra read plans joined to their cases, participants and
versions; measuring them on an empty table would measure nothing. A clinic that works
under the guidelines has a few thousand cases over the years; the default is 3000 cases
with one plan each and 2-4 saved versions per plan.

Made the way the program makes them: the repositories (store/repos/cases.py,
plans.py, forms.py) in units of work, an audit entry per write, the plan columns from
core.plans.plan_from_data of the newest version. Deterministic for a seed. The mix:
40 % Jämtland Härjedalen and 30 % Västra Götaland (an expected child, its own person
without a number, the pregnant person from the store's adults; samordnad plan), 30 %
Kronoberg (a newborn from the store's children and their guardians; barnets plan);
a fifth of the cases closed; next follow-ups spread from 120 days ago to 120 days ahead
of TODAY, so about half are due. Plans made without consent: about a third.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Any

from oro_desktop.core.forms import FormLibrary
from oro_desktop.core.identity import missing
from oro_desktop.core.plans import plan_from_data
from oro_desktop.paths import forms_dir
from oro_desktop.store.repos import cases as cases_repo
from oro_desktop.store.repos import forms as forms_repo
from oro_desktop.store.repos import persons as persons_repo
from oro_desktop.store.repos import plans as plans_repo

GUIDELINES = (
    (0.4, "jamtland-harjedalen-vantat-barn", ("Östersund", "Krokom", "Åre", "Strömsund", "Bräcke")),
    (0.7, "vastra-gotaland-vantat-barn", ("Göteborg", "Borås", "Trollhättan", "Alingsås", "Skövde")),
    (1.0, "kronoberg-nyfott-barn", ("Växjö", "Ljungby", "Alvesta", "Älmhult", "Tingsryd")),
)
PARTIES = (("Regionen", "Barnmorskemottagningen", "Barnmorska"),
           ("Kommunen", "Socialtjänsten", "Socialsekreterare"),
           ("Regionen", "Barnavårdscentralen", "BVC-sjuksköterska"),
           ("Regionen", "Vuxenpsykiatrin", "Kurator"))
INTERVENTIONS = (
    "Tätare besök på barnmorskemottagningen, varannan vecka.",
    "Samtalsstöd om alkohol hos beroendeenheten, en gång i veckan.",
    "Planering för en sammanhållen vårdkedja mellan mödrahälsovård, BB och barnhälsovård.",
    "Utökat stöd från barnhälsovården: hembesök varje vecka i sex veckor.",
    "Kontakt med föräldrarna för att informera om och erbjuda hjälp och stöd.",
    "Föräldrastödsgrupp på familjecentralen.",
    "Kontakt med vuxenpsykiatrin för bedömning av behov av stöd.",
)


def _people(rng: random.Random, names: list[str], town: str, n: int) -> list[dict[str, str]]:
    return [{"namn": rng.choice(names), "organisation": f"{org} {town}", "roll": role,
             "regi": "privat" if rng.random() < 0.05 else "offentlig"}
            for _, org, role in rng.sample(PARTIES, k=n)]


def plan_data(rng: random.Random, form_id: str, *, person: str, ident: dict[str, Any],
              town: str, opened: date, follow_up: date, consent: bool,
              due: date | None, names: list[str], version: int) -> dict[str, Any]:
    """A filled plan of `form_id` as the editor saves it (valid for the form engine)."""
    deltagare = _people(rng, names, town, rng.randint(2, 4))
    insatser = [{"part": rng.choice(("Regionen", "Kommunen")), "vad": rng.choice(INTERVENTIONS),
                 "ansvarig": f"{rng.choice(names)}, {rng.choice(PARTIES)[2].lower()}",
                 "fran": (opened + timedelta(days=rng.randint(0, 20))).isoformat(),
                 "status": rng.choice(("planerad", "pagar", "pagar", "klar"))}
                for _ in range(rng.randint(2, 3 + version))]
    data: dict[str, Any] = {
        "samtycke": "med" if consent else "utan",
        "moten": [{"datum": (opened + timedelta(days=7 * i)).isoformat(), "form": "Samverkansmöte"}
                  for i in range(version)],
        "deltagare": deltagare,
        "delaktighet": "deltog" if consent else "deltog_inte",
        "egen_syn": f"{person} har berättat om sin situation och vad som skulle hjälpa (version {version}).",
        "behov": "Stöd under den första tiden och en trygg start för barnet.",
        "mal": "Barnet får en trygg start; föräldrarna har en kontakt de litar på.",
        "insatser": insatser,
        "andra_aktorer": "Nätverket: en syster följer med på besöken.",
        "samordningsansvarig": f"{deltagare[0]['namn']}, {deltagare[0]['organisation']}",
        "samordnare_kontakt": "0000-00 00 00, vardagar 8–12 (fiktivt)",
        "uppfoljning_ansvarig": f"{deltagare[-1]['namn']}, {deltagare[-1]['organisation']}",
        "nasta_uppfoljning": follow_up.isoformat(),
        "uppfoljning_hur": "Nytt samverkansmöte med alla deltagare.",
    }
    if form_id == "barnets-plan":
        data.update(typ="barnets-plan", barn_namn=person, barn_personnummer=ident,
                    foraldrar=" och ".join(rng.sample(names, k=2)))
    else:
        data.update(typ="samordnad-plan", gravid_namn=person, gravid_personnummer=ident,
                    beraknad_forlossning=due.isoformat() if due else opened.isoformat())
    return data


def make_cases(session: Any, rng: random.Random, children: list[Any], count: int, *,
               user: str, today: date, batch: int = 500) -> int:
    """`count` cases with one plan each (2-4 versions); returns the number of plans."""
    library = FormLibrary(forms_dir())
    forms = {f: library.get(f) for f in ("samordnad-plan-vantat-barn", "barnets-plan")}
    adults = [(gid, name) for c in children for gid, name in c.guardians]
    names = sorted({name for _, name in adults[:2000]}) or ["Anna Andersson"]
    done = 0
    while done < count and children:
        with session.store.unit_of_work(user) as uow:
            conn = uow.conn
            for _ in range(min(batch, count - done)):
                roll = rng.random()
                guideline, towns = next((g, t) for limit, g, t in GUIDELINES if roll < limit)
                town = rng.choice(towns)
                opened = today - timedelta(days=rng.randint(10, 700))
                closed = opened + timedelta(days=rng.randint(30, 300)) \
                    if rng.random() < 0.2 else None
                if closed is not None and closed > today:
                    closed = None
                newborn = guideline.startswith("kronoberg")
                case_id = cases_repo.insert_case(
                    conn, user, guideline_id=guideline, municipality=town,
                    responsible_user=user, responsible_unit="", initiator_kind="BVC" if newborn
                    else "barnmorskemottagning", initiator_public=rng.random() > 0.05,
                    concerns=rng.sample(["mental", "substance", "social", "violence"], k=1),
                    opened_on=opened, status="closed" if closed else "open", closed_on=closed)
                due: date | None = None
                if newborn:
                    child = rng.choice(children)
                    cases_repo.add_participant(conn, user, case_id, child.id, "child")
                    for gid, _name in child.guardians:
                        cases_repo.add_participant(conn, user, case_id, gid, "guardian")
                    person, ident = child.name, child.identity.to_dict()
                    form = forms["barnets-plan"]
                else:
                    due = opened + timedelta(days=rng.randint(60, 200))
                    expected = persons_repo.insert(conn, user, missing("Väntat barn"),
                                                   f"Väntat barn (BF {due.isoformat()})")
                    cases_repo.add_participant(conn, user, case_id, expected, "expected_child", due)
                    gid, person = rng.choice(adults)
                    cases_repo.add_participant(conn, user, case_id, gid, "pregnant")
                    ident = {"kind": "saknas", "reason": "Anges i journalen"}
                    form = forms["samordnad-plan-vantat-barn"]
                cases_repo.add_event(conn, user, case_id, "open", f"Ärendet öppnades, {town}.")
                uow.audit("create", "case", case_id, {"guideline": guideline})
                consent = rng.random() > 0.33
                plan_id = plans_repo.insert(conn, user, case_id, form.id, form.version, {})
                form_row = int(conn.execute("SELECT filled_form_id FROM case_plans WHERE id = ?",
                                            (plan_id,)).fetchone()[0])
                uow.audit("create", "plan", plan_id, {"form": form.id})
                follow_up = today + timedelta(days=rng.randint(-120, 120))
                data: dict[str, Any] = {}
                last = rng.randint(2, 4)
                for version in range(1, last + 1):
                    earlier = timedelta(days=30 * (last - version))  # each save moves it on
                    data = plan_data(rng, form.id, person=person, ident=ident, town=town,
                                     opened=opened, follow_up=follow_up - earlier,
                                     consent=consent, due=due, names=names, version=version)
                    forms_repo.add_version(conn, user, form_row, data)
                    uow.audit("update", "plan", plan_id, {"version": version})
                plan = plan_from_data(form, data)
                plans_repo.update_columns(conn, user, plan_id, with_consent=plan.with_consent,
                                          coordinator=plan.coordinator,
                                          follow_up_by=plan.follow_up_by,
                                          next_follow_up=plan.next_follow_up)
                done += 1
    return done
