"""Arkiv → Min profil…: every user edits their own profile, checked as typed in Swedish;
the saved profile fills "Samtycke inhämtat av" on the next new consent."""

from __future__ import annotations

import pytest

from oro_desktop.core.forms import FormLibrary
from oro_desktop.gui.main_window import MainWindow
from oro_desktop.paths import forms_dir
from oro_desktop.services import users
from oro_desktop.services.consents import ConsentService
from oro_desktop.services.services import Services
from oro_desktop.services.session import Session
from oro_desktop.store.kdf import FAST_INSECURE


@pytest.fixture
def clinician(tmp_path):
    admin, _ = Session.create(tmp_path / "oro.db", "admin", "korrekt-häst-batteri",
                              kdf=FAST_INSECURE)
    users.add_user(admin, "bertil", "clinician", "bertils-långa-lösen", kdf=FAST_INSECURE)
    admin.close()
    s = Session.unlock(tmp_path / "oro.db", "bertil", "bertils-långa-lösen")
    yield s
    s.close()


def _window(qtbot, session):
    window = MainWindow(Services(session), [])
    qtbot.addWidget(window)
    return window


def test_a_clinician_reaches_min_profil_from_the_menu_and_saves(qtbot, clinician):
    window = _window(qtbot, clinician)
    arkiv = window.menuBar().actions()[0].menu()
    assert "Min &profil…" in [a.text() for a in arkiv.actions()]
    assert window.profile_action.isVisible() and window.profile_action.isEnabled()
    window.profile_action.trigger()
    dialog = window.findChild(__import__("oro_desktop.gui.admin.profile_dialog",
                                         fromlist=["ProfileDialog"]).ProfileDialog)
    assert dialog is not None and dialog.isVisible()
    # Untouched, empty profile: the name is asked for, Spara is off.
    assert not dialog.save_button.isEnabled()
    assert "Samtycke inhämtat av" in dialog.problem_label.text()
    dialog.full_name.setText("Bertil 2 Exempel")
    assert "bara innehålla bokstäver" in dialog.problem_label.text()
    assert not dialog.save_button.isEnabled()
    dialog.full_name.setText("Bertil  Exempelsson")
    dialog.function.setText("Specialpedagog")
    dialog.unit.setText("x" * 201)
    assert dialog.problem_label.text() == "Enhet är för långt (högst 200 tecken)."
    dialog.unit.setText("Förskolan Exemplet")
    assert dialog.save_button.isEnabled() and not dialog.problem_label.isVisible()
    assert "Specialpedagog, Förskolan Exemplet" in dialog.preview.text()
    with qtbot.waitSignal(dialog.saved) as saved:
        dialog.save_button.click()
    assert saved.args[0] == users.Profile("Bertil Exempelsson", "Specialpedagog",
                                          "Förskolan Exemplet")
    assert not dialog.isVisible()
    assert window.statusBar().currentMessage() == "Profilen är sparad."
    # Only bertil's row changed, and the next consent is filled from it.
    data = ConsentService(clinician, FormLibrary(forms_dir())).new_draft().data
    assert data["inhamtat_namn"] == "Bertil Exempelsson"
    assert data["inhamtat_funktion"] == "Specialpedagog, Förskolan Exemplet"
    row = clinician.store.conn.execute(
        "SELECT actor, action, record_type, record_id FROM audit ORDER BY id DESC LIMIT 1"
    ).fetchone()
    assert tuple(row) == ("bertil", "update", "user", "bertil")


def test_the_dialog_opens_with_the_saved_profile_and_cancel_keeps_it(qtbot, clinician):
    users.update_profile(clinician, full_name="Bertil Exempelsson", function="BVC",
                         unit="Hälsocentralen")
    window = _window(qtbot, clinician)
    dialog = window.open_profile()
    assert (dialog.full_name.text(), dialog.function.text(), dialog.unit.text()) == (
        "Bertil Exempelsson", "BVC", "Hälsocentralen")
    dialog.full_name.setText("Någon Annan")
    dialog.reject()
    assert users.profile(clinician).full_name == "Bertil Exempelsson"


def test_the_service_refuses_what_the_dialog_refuses(clinician):
    for bad, reason in (("", "Samtycke inhämtat av"), ("B", "Samtycke inhämtat av"),
                        ("Bertil\x07", "styrtecken"), ("Bertil <b>", "bokstäver")):
        with pytest.raises(Exception, match=reason):
            users.update_profile(clinician, full_name=bad, function="", unit="")
    assert users.profile(clinician) == users.Profile()
