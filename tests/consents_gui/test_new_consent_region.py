""""Nytt samtycke" offers the forms of the region set in Inställningar: a Kronoberg unit
never gets Jämtland's form by default, and every form is still reachable explicitly."""

from __future__ import annotations

import pytest

from oro_desktop.gui.consents.form_chooser import FormChooser

from .test_consents_section import make_view

JAMTLAND_FORM = "barnhalsoteam-samtycke"


@pytest.mark.parametrize("region,offered", [
    ("jamtland-harjedalen", [JAMTLAND_FORM]), ("kronoberg", []),
    ("vastra-gotaland", []), ("", []),
])
def test_the_service_offers_the_region_settings_forms(session, service, region, offered):
    session.set_setting("default_region", region)
    offer = service.offered_forms()
    assert [f.form_id for f in offer.offered] == offered
    assert JAMTLAND_FORM in [f.form_id for f in offer.forms]  # reachable explicitly
    names = {"jamtland-harjedalen": "Jämtland Härjedalen", "kronoberg": "Kronoberg",
             "vastra-gotaland": "Västra Götaland", "": ""}
    assert offer.region == names[region]


def test_a_jamtland_unit_gets_its_form_at_once(qtbot, session, services, questions):
    session.set_setting("default_region", "jamtland-harjedalen")
    view = make_view(qtbot, services)
    editor = view.new_consent()
    assert editor is not None and editor.form_id == JAMTLAND_FORM
    assert view.dialog is None  # no question when the region offers exactly one form
    editor.reject()


def test_a_kronoberg_unit_is_not_given_the_jamtland_form(qtbot, session, services, questions):
    session.set_setting("default_region", "kronoberg")
    view = make_view(qtbot, services)
    assert view.new_consent() is None and view.editors == []
    chooser = view.dialog
    assert isinstance(chooser, FormChooser) and chooser.isVisible()
    text = chooser.text.text()
    assert "Kronoberg" in text and "antecknas i ärendet" in text
    assert chooser.shown() == [] and not chooser.ok.isEnabled() and chooser.list.isHidden()
    chooser.show_all.setChecked(True)  # "Visa alla blanketter": reachable explicitly
    shown = chooser.shown()
    assert [c.form_id for c in shown] == [JAMTLAND_FORM]
    assert chooser.list.item(0).text().endswith("Jämtland Härjedalen") and chooser.list.isVisible()
    chooser.ok.click()
    qtbot.waitUntil(lambda: len(view.editors) == 1)
    assert view.editors[0].form_id == JAMTLAND_FORM
    view.editors[0].reject()


def test_without_a_region_nothing_regional_is_offered_by_default(qtbot, session, services,
                                                                 questions):
    session.set_setting("default_region", "")
    view = make_view(qtbot, services)
    assert view.new_consent() is None
    assert "Ingen region är vald" in view.dialog.text.text()
    assert view.dialog.choose(JAMTLAND_FORM) and view.dialog.show_all.isChecked()
    view.dialog.reject()
    assert view.editors == []
