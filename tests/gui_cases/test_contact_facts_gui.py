"""The case view's "Kontakten" box with real widgets on a real store: ticking it records
the violence facts (history, guidance), and the disclosure form offers the exemption only
for a violence report the parent is not part of."""

from __future__ import annotations

import os

from PySide6.QtCore import Qt

from oro_desktop.services.case_views import PersonInput
from oro_desktop.core.identity import missing

from .conftest import make_cases, who
from .test_case_view import answer, open_detail


def _violence_case(services):
    cases = services.cases
    uid = cases.open("Ljungby", guideline_id="kronoberg-nyfott-barn", concerns=["violence"],
                     child=PersonInput(name="Liten Testare",
                                       identity=missing("Nyfött, ännu ej folkbokfört")),
                     initiator_kind="BB")
    parent = cases.add_person(uid, "guardian", who(services, "Robin Testare", "19910909-9961"))
    return uid, parent


def test_the_contact_box_records_the_facts_and_drives_the_exemption(qtbot, services):
    uid, parent = _violence_case(services)
    view = make_cases(qtbot, services)
    view.resize(1366, 740)
    detail = open_detail(qtbot, view, uid)
    assert answer(detail, parent, False, manner="oral", said="Nej.")
    box = detail.disclosures_tab.contact_box
    form = detail.disclosure_form
    assert not box.violence.isChecked() and not box.takes_part.isEnabled()
    assert box.effect.text().startswith("Inte angivet")
    assert "Uppgiftslämnanden" in detail.notices.text()
    assert not form.exemption.isVisibleTo(form)
    assert "inform_before_after" in detail.view.guidance.codes()

    box.violence.click()
    qtbot.waitUntil(lambda: detail.view.contact.violence)
    assert "violence_exemption" in detail.view.guidance.codes()
    assert box.takes_part.isEnabled() and "informeras inte" in box.effect.text()
    assert form.exemption.isVisibleTo(form) and form.exemption.isChecked()
    assert "är inte delaktig" in form.exemption_reason.text()
    history = [detail.history.topLevelItem(i).text(2)
               for i in range(detail.history.topLevelItemCount())]
    assert any("inte är delaktig" in h for h in history), history
    if os.environ.get("ORO_SHOTS"):
        detail.tabs.setCurrentWidget(detail.tabs.widget(3))
        detail.grab().save(os.path.join(os.environ["ORO_SHOTS"], "contact-box.png"))

    box.takes_part.click()
    qtbot.waitUntil(lambda: detail.view.contact.parent_takes_part)
    assert "violence_exemption" not in detail.view.guidance.codes()
    assert "inform_before_after" in detail.view.guidance.codes()
    assert not form.exemption.isVisibleTo(form) and not form.exemption.isChecked()
    assert box.effect.text().startswith("Föräldern informeras före och efter")


def test_a_closed_case_shows_the_facts_read_only(qtbot, services):
    uid, _parent = _violence_case(services)
    services.cases.set_contact_facts(uid, violence=True)
    services.cases.close(uid)
    view = make_cases(qtbot, services)
    detail = open_detail(qtbot, view, uid)
    box = detail.disclosures_tab.contact_box
    assert box.violence.isChecked() and not box.violence.isEnabled()
    assert not box.takes_part.isEnabled()
    assert not any("Uppgiftslämnanden" in n for n in detail.view.notices)
