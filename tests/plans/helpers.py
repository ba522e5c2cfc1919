"""Cases to hang plans on (fictitious people, Skatteverket's test series)."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

from oro_desktop.core.identity import missing, parse_number
from oro_desktop.services.case_views import PersonInput
from tests.plans.conftest import STORE_TODAY, example


def pnr(text: str) -> Any:
    return parse_number(text, STORE_TODAY)


def newborn_case(services: Any, *, guardians: tuple[str, ...] = ()) -> tuple[str, list[str]]:
    """A Kronoberg newborn's case (barnets plan); returns (case uid, guardian uids)."""
    cases = services.cases
    uid = cases.open("Växjö", guideline_id="kronoberg-nyfott-barn",
                     child=PersonInput(name="Nova Provare", identity=missing("Nyfött")),
                     initiator_kind="BVC")
    people = {"Alva Provare": "19880101-9905", "Bo Provare": "19880101-9921"}
    added = [cases.add_person(uid, "guardian", PersonInput(name=n, identity=pnr(people[n])))
             for n in guardians]
    return uid, added


def expected_case(services: Any, guideline: str = "jamtland-harjedalen-vantat-barn",
                  town: str = "Östersund") -> tuple[str, str]:
    """An expected child's case with its pregnant person; returns (case uid, person uid)."""
    cases = services.cases
    uid = cases.open(town, guideline_id=guideline, due_date=date(2027, 4, 1),
                     initiator_kind="barnmorskemottagning")
    p = cases.add_person(uid, "pregnant", PersonInput(name="Tova Testsson",
                                                      identity=pnr("19850312-9804")))
    return uid, p


def filled(form_id: str, **changes: Any) -> dict[str, Any]:
    """The shipped example of the form (valid), with some fields changed."""
    data = copy.deepcopy(example(form_id))
    data.update(changes)
    return data
