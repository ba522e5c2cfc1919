"""Adding a region is adding files, through the Ärenden GUI: a fictitious fourth region's
guideline, contact directory and consent form are written into temporary folders, a
session's service graph is given those folders, and the case GUI is driven with real
widgets: a new case in that region (the region setting's guideline by default), its
steps, the pregnant person's own consent, and the guidance for it."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from oro_desktop.paths import forms_dir, resources_dir
from oro_desktop.services.services import ServicePaths, Services
from tests.guidance.test_guidance_fourth_region import CONTACTS, GUIDELINE

from .conftest import make_cases
from .test_case_view import answer

FORM_ID = "exempel-vantat-barn-samtycke"


def _fourth_region(tmp_path: Path) -> ServicePaths:
    resources = tmp_path / "resources"
    for part in ("legal", "guidelines", "contacts", "fonts"):
        shutil.copytree(resources_dir() / part, resources / part)
    (resources / "guidelines" / "exempel-vantat-barn.yaml").write_text(GUIDELINE, encoding="utf-8")
    (resources / "contacts" / "exempel.yaml").write_text(CONTACTS, encoding="utf-8")
    forms = tmp_path / "forms"
    shutil.copytree(forms_dir(), forms)
    text = (forms / "jamtland-vantat-barn-samtycke.v1.yaml").read_text(encoding="utf-8")
    text = (text.replace("id: jamtland-vantat-barn-samtycke", f"id: {FORM_ID}")
            .replace("regions: [Jämtland Härjedalen]", "regions: [Region Exempel]")
            .replace("– Jämtland Härjedalen", "– Region Exempel"))
    (forms / f"{FORM_ID}.v1.yaml").write_text(text, encoding="utf-8")
    return ServicePaths(forms, resources / "fonts", resources / "contacts")


@pytest.fixture
def fourth(session, tmp_path) -> Services:
    session.set_setting("default_region", "region-exempel")
    return Services(session, _fourth_region(tmp_path))


def test_a_fourth_region_through_the_case_gui(qtbot, fourth, session):
    view = make_cases(qtbot, fourth)
    dialog = view.new_case()
    assert dialog.guideline.currentData() == "exempel-vantat-barn"  # the region setting's
    assert [dialog.municipality.itemText(i) for i in range(dialog.municipality.count())] == [
        "Ankeby", "Bortby"]
    dialog.municipality.setCurrentText("Ankeby")
    dialog.kind.setCurrentText("BB")
    dialog.concern_boxes["substance"].setChecked(True)
    dialog.submit()
    detail = view.detail
    qtbot.waitUntil(lambda: detail.view is not None and view.pages.currentWidget() is detail)
    case_uid = detail.view.row.uid
    assert detail.title.text().endswith("– Ankeby")
    assert detail.view.row.region == "Region Exempel"
    assert "missbruk" in detail.summary.text()
    # the pregnant person, then her own answer on the region's own consent form
    form = detail.person_form
    form.role.setCurrentIndex(form.role.findData("pregnant"))
    form.name.setText("Tova Testsson")
    form.number.setText("19850312-9804")
    pregnant = detail.add_person()
    assert pregnant
    assert fourth.cases.consent_form(case_uid).id == FORM_ID
    detail.tabs.setCurrentIndex(detail.tabs.indexOf(detail.steps_tab))
    assert [detail.steps.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)
            for i in range(detail.steps.topLevelItemCount())] == ["ask-consent"]
    assert answer(detail, pregnant, yes=True)
    # the steps of Alternativ 1 of the fictitious guideline, with where they come from
    shown = [detail.steps.topLevelItem(i) for i in range(detail.steps.topLevelItemCount())]
    assert [i.data(0, Qt.ItemDataRole.UserRole) for i in shown] == ["a1-1", "a1-2"]
    assert shown[0].text(1) == "Kontakta socialtjänsten."
    assert "2. Alternativ 1, punkt 1" in shown[0].toolTip(1)
    assert detail.select_step("a1-1") and detail.tick_selected(True)
    # the guidance beside it: Alternativ 1, the region's own contact route
    guidance = detail.guidance.result.guidance
    assert guidance is not None and guidance.guideline.id == "exempel-vantat-barn"
    assert guidance.alternative == 1
    numbers = [item.entry.phones[0].number for route in guidance.contacts for item in route.items]
    assert "0999-100 00" in numbers or "0999-200 00" in numbers
    assert detail.view.situation == fourth.cases.situation(case_uid)
    assert detail.guidance.result.isVisibleTo(detail.guidance)
    assert any("svarade ja" in h.text for h in detail.view.history)


def test_a_refusal_in_the_fourth_region_puts_her_on_alternativ_2(qtbot, fourth):
    cases = fourth.cases
    uid = cases.open("Bortby", due_date=cases.today().replace(year=cases.today().year + 1),
                     initiator_kind="BB")  # the region setting's guideline
    assert cases.row(uid).guideline_id == "exempel-vantat-barn"
    view = make_cases(qtbot, fourth)
    detail = view.open_case(uid)
    qtbot.waitUntil(lambda: detail.view is not None)
    form = detail.person_form
    form.role.setCurrentIndex(form.role.findData("pregnant"))
    form.name.setText("Tova Testsson")
    form.number.setText("19850312-9804")
    pregnant = detail.add_person()
    assert answer(detail, pregnant, yes=False, manner="oral", said="Vill inte nu.")
    assert [s.step_id for s in detail.view.steps] == ["a2-1", "a2-2"]
    assert detail.guidance.result.guidance.alternative == 2
    assert not detail.no_consent.isHidden()
    bases = [detail.disclosure_form.basis.itemData(i)
             for i in range(detail.disclosure_form.basis.count())]
    assert "osl-25-12" in bases
