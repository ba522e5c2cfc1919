"""Whom a disclosure without consent is to be told about, in the entry and in Att göra's
"Ska informeras i efterhand": the person who said no by name (for a newborn only the
parent who said no, not the one who said yes), a protected person marked and never with
an address or number."""

from __future__ import annotations

from datetime import datetime, timedelta

import oro_desktop.gui  # noqa: F401  - refcount guard before any Qt object
from oro_desktop.services.services import Services
from tests.cases.conftest import PARENT_A, PARENT_B, PREGNANT, TODAY, person, public
from tests.cases.test_case_scenarios import _consent, _open

ADDRESS = "Hemliga gränd 7, 831 00 Östersund"


def _disclose(disclosures, uid, sender=("BVC Växjö", "BVC")):
    return disclosures.record(uid, disclosed_on=TODAY, sender=public(*sender),
                              recipient=public("Socialtjänsten", "socialtjänsten"),
                              legal_basis="osl-25-12", content="Oro för barnet.",
                              decided_by="Enhetschef", told_before_on=TODAY,
                              told_before="Att kontakt tas.")


def test_only_the_parent_who_said_no_is_named(cases, disclosures):
    _g, uid, (a, b) = _open(cases, "kronoberg-nyfott-barn", "Växjö", "BVC")
    _consent(cases, uid, a, "yes")
    _consent(cases, uid, b, "no")
    _disclose(disclosures, uid)
    (entry,) = disclosures.to_tell_after()
    assert [p.name for p in entry.to_tell] == [PARENT_B[0]]
    assert [p.uid for p in entry.to_tell] == [b]
    (same,) = disclosures.for_case(uid)
    assert same.to_tell == entry.to_tell
    assert PARENT_A[0] not in repr(entry.to_tell)


def test_att_gora_names_a_protected_person_marked_without_address(qtbot, session):
    from oro_desktop.gui.todo.view import TodoView

    services = Services(session, today=lambda: TODAY)
    cases = services.cases
    uid = cases.open("Östersund", guideline_id="jamtland-harjedalen-vantat-barn",
                     due_date=TODAY + timedelta(days=90), concerns=["mental"],
                     initiator_kind="barnmorskemottagning")
    pregnant = cases.add_person(uid, "pregnant", person(*PREGNANT, protected=True,
                                                        address=ADDRESS))
    _consent(cases, uid, pregnant, "no")
    _disclose(services.disclosures, uid, sender=("Barnmorskemottagningen Lugnvik",
                                                 "barnmorskemottagning"))
    view = TodoView(services, None, now=lambda: datetime(2026, 3, 2, 9, 0))
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: not view.busy_now and view.data is not None, timeout=15_000)
    (row,) = view.rows("tell_after")
    text = row.title + " " + row.detail
    assert f"{PREGNANT[0]} [skyddade personuppgifter]" in row.title
    assert "Hemliga" not in text and PREGNANT[1] not in text and PREGNANT[1][:8] not in text
