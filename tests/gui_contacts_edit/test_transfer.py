"""Export and import of the directory from the GUI: file dialog, check, confirm, result."""

from __future__ import annotations

import pytest

from dataclasses import replace
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox

from oro_desktop.gui.contacts.transfer import EXPORT_NOTE
from oro_desktop.services.contacts import ContactService
from oro_desktop.services.session import Session
from tests.contacts.samples import BAD_IMPORT

from .conftest import ADMIN, SHIPPED, create_store
from .helpers import WAIT_MS, answer, column, contact_audit

VAXJO = "kronoberg/socialtjanst/vaxjo"


def choose_file(qtbot, view, dialog: QFileDialog, path: Path) -> None:
    """Pick `path` in the (non-blocking) file dialog and wait for the work it starts."""
    assert dialog.isVisible()
    dialog.selectFile(str(path))
    dialog.accept()
    qtbot.waitUntil(lambda: not view.edit.transfer.busy, timeout=WAIT_MS)


def shown_message(qtbot, view) -> QMessageBox:
    qtbot.waitUntil(lambda: view.edit.transfer.message is not None
                    and view.edit.transfer.message.isVisible(), timeout=WAIT_MS)
    return view.edit.transfer.message


def test_import_of_a_bad_file_changes_nothing_and_shows_why(qtbot, admin_session: Session, make_view, tmp_path: Path) -> None:
    bad = tmp_path / "trasig.yaml"
    bad.write_text(BAD_IMPORT, encoding="utf-8")
    view = make_view(admin_session)
    audit_before = contact_audit(admin_session)
    view.edit.import_button.click()
    choose_file(qtbot, view, view.edit.transfer.file_dialog, bad)
    box = shown_message(qtbot, view)
    assert box.windowTitle() == "Filen kan inte importeras"
    text = box.text()
    assert "trasig.yaml: regions[0].entries[1].hours: post ”kronoberg/socialtjanst/alvesta”" in text
    assert "Ogiltig tid i öppettiderna" in text
    assert text.endswith("Ingenting har importerats eller ändrats.")
    assert ContactService(admin_session, SHIPPED).local_overrides() == []
    assert contact_audit(admin_session) == audit_before
    view.search("vaxjo socialtjänsten")
    assert column(view, 3) == ["0470-435 90"]  # the valid first entry was not applied either


@pytest.fixture
def swedish_qt(qapp):
    from oro_desktop.gui.app import install_swedish_translation

    from PySide6.QtCore import QLocale

    before = QLocale()
    assert install_swedish_translation(qapp)
    assert QLocale().language() == QLocale.Language.Swedish  # dates, weekday names
    yield
    qapp.removeTranslator(qapp._oro_translator)
    QLocale.setDefault(before)


def test_export_then_import_in_another_clinic(qtbot, admin_session: Session, make_view, tmp_path: Path,
                                              swedish_qt) -> None:
    # Clinic A corrects Växjö's number and adds a unit of its own, then exports.
    service_a = ContactService(admin_session, SHIPPED)
    vaxjo = service_a.get(VAXJO)
    service_a.save_entry(replace(vaxjo, phones=(replace(vaxjo.phones[0], number="0470-111 22"),)))
    service_a.save_entry(replace(vaxjo, id="kronoberg/lokal/familjecentralen", unit="Familjecentralen"))
    view_a = make_view(admin_session)
    view_a.edit.export_button.click()
    dialog = view_a.edit.transfer.file_dialog
    assert dialog.acceptMode() == QFileDialog.AcceptMode.AcceptSave
    # Qt's own Swedish translation (loaded as gui/app.py does) names the buttons.
    assert dialog.labelText(QFileDialog.DialogLabel.Accept).replace("&", "") == "Spara"
    assert dialog.labelText(QFileDialog.DialogLabel.Reject).replace("&", "") == "Avbryt"
    exported = tmp_path / "katalog.yaml"
    choose_file(qtbot, view_a, dialog, exported)
    box = shown_message(qtbot, view_a)
    assert box.windowTitle() == "Katalogen exporterad"
    assert box.icon() == QMessageBox.Icon.Information  # a plain note, not an alarm
    assert "83 kontakter sparades i ”katalog.yaml”" in box.text() and EXPORT_NOTE in box.text()
    assert exported.is_file() and "0470-111 22" in exported.read_text(encoding="utf-8")
    assert contact_audit(admin_session)[-1] == (ADMIN, "export", None)

    # Clinic B (its own store) checks the file, confirms, and gets both changes.
    other = create_store(tmp_path / "klinik-b.db")
    try:
        view_b = make_view(other)
        view_b.edit.import_button.click()
        choose_file(qtbot, view_b, view_b.edit.transfer.file_dialog, exported)
        confirm = shown_message(qtbot, view_b)
        assert confirm.windowTitle() == "Importera kontaktkatalog"
        assert "innehåller 83 kontakter" in confirm.text()
        assert "2 kontakter ändrar katalogen (1 ny och 1 ändrad) i: Kronoberg" in confirm.text()
        assert "• Växjö kommun – Familjecentralen" in confirm.text()
        assert ContactService(other, SHIPPED).local_overrides() == []  # nothing before "Importera"
        answer(confirm, "Importera")
        qtbot.waitUntil(lambda: not view_b.edit.transfer.busy, timeout=WAIT_MS)
        done = shown_message(qtbot, view_b)
        assert done.windowTitle() == "Katalogen importerad"
        assert "2 kontakter av 83" in done.text()
        view_b.search("vaxjo socialtjänsten")
        row = column(view_b, 1).index("Växjö kommun – Socialtjänsten")  # Swedish order by name
        assert column(view_b, 3)[row] == "0470-111 22"
        assert view_b.model.mark(row) == "Lokalt ändrad"
        view_b.search("familjecentralen")
        assert column(view_b, 1) == ["Växjö kommun – Familjecentralen"]
        assert view_b.model.mark(0) == "Lokalt tillagd"
        assert contact_audit(other)[-1] == (ADMIN, "import", None)

        # The same file again changes nothing, and says so instead of asking.
        view_b.edit.transfer.check_file(exported)
        qtbot.waitUntil(lambda: not view_b.edit.transfer.busy, timeout=WAIT_MS)
        again = shown_message(qtbot, view_b)
        assert again.windowTitle() == "Inget att importera"
    finally:
        other.close()


def test_cancelling_the_confirmation_imports_nothing(qtbot, admin_session: Session, make_view, tmp_path: Path) -> None:
    service = ContactService(admin_session, SHIPPED)
    service.save_entry(replace(service.get(VAXJO), notes="Ändrad"))
    exported = tmp_path / "katalog.yaml"
    service.export(exported)
    service.revert_entry(VAXJO)
    view = make_view(admin_session)
    view.edit.transfer.check_file(exported)
    qtbot.waitUntil(lambda: not view.edit.transfer.busy, timeout=WAIT_MS)
    answer(shown_message(qtbot, view), "Avbryt")
    assert ContactService(admin_session, SHIPPED).local_overrides() == []
