"""Add, edit, hide and restore directory entries through the real dialogs and a real store."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QLabel, QPushButton

from oro_desktop.gui.a11y import missing_accessible_names
from oro_desktop.gui.contacts.editor import ContactEditor
from oro_desktop.gui.contacts.local_changes import HIDDEN, LocalChangesDialog
from oro_desktop.services.contacts import ContactService
from oro_desktop.services.session import Session

from .conftest import ADMIN, CLINICIAN, SHIPPED
from .helpers import answer, column, contact_audit, retype, type_text

MARKARYD = "kronoberg/socialtjanst/markaryd"
TODAY = date(2026, 11, 27)


def open_editor_with_f2(qtbot, view, query: str) -> ContactEditor:
    view.search(query)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_F2)
    editor = view.edit.editor
    assert editor is not None and editor.isVisible()
    return editor


def test_new_entry_typed_into_the_dialog_is_found_by_search(qtbot, admin_session: Session, make_view) -> None:
    view = make_view(admin_session)
    view.activateWindow()
    qtbot.waitUntil(lambda: view.isActiveWindow())
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)  # Ctrl+N
    qtbot.waitUntil(lambda: view.edit.editor is not None)  # a button shortcut animates a click
    editor = view.edit.editor
    assert editor is not None and editor.isVisible() and editor.base is None
    assert not editor.save_button.isEnabled()  # nothing typed yet
    assert editor.hours.placeholderText() == "mån–tors 8.00–16.00, fre 8.00–15.00"

    type_text(qtbot, editor.organisation, "Växjö kommun")
    type_text(qtbot, editor.unit, "Familjecentralen Teleborg")
    editor.kind.setFocus()
    editor.kind.lineEdit().selectAll()
    type_text(qtbot, editor.kind.lineEdit(), "familjecentral")
    editor.region.setCurrentText("Kronoberg")
    assert editor.municipality.findText("Växjö") > 0  # municipalities follow the region
    editor.municipality.setCurrentText("Växjö")
    row = editor.phones.rows[0]
    type_text(qtbot, row.number_edit, "0470-123 45")
    type_text(qtbot, row.label_edit, "reception")
    type_text(qtbot, editor.hours, "mån–fre 8.00–16.30")
    assert editor.hours_preview.text() == "Tolkas som: mån–fre 8.00–16.30"
    editor.checked_today.setFocus()
    qtbot.keyClick(editor.checked_today, Qt.Key.Key_Space)
    assert editor.save_button.isEnabled()
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)

    assert editor.result() == QDialog.DialogCode.Accepted
    saved = editor.saved_entry
    assert saved is not None and saved.id == "kronoberg/lokal/vaxjo-kommun-familjecentralen-teleborg"
    assert saved.verified == TODAY
    view.search("teleborg")
    assert column(view, 1) == ["Växjö kommun – Familjecentralen Teleborg"]
    assert column(view, 5) == ["2026-11-27 · Lokalt tillagd"]
    assert column(view, 0) == ["Öppet"]
    assert column(view, 3) == ["0470-123 45"]
    # Stored encrypted and audited with who did it; a fresh service reads it back.
    assert contact_audit(admin_session)[-1] == (ADMIN, "create", saved.id)
    again = ContactService(admin_session, SHIPPED).get(saved.id)
    assert again is not None and again.municipality == "Växjö" and again.phones[0].label == "reception"


def test_editing_a_shipped_phone_wins_and_the_row_is_marked(qtbot, admin_session: Session, make_view) -> None:
    view = make_view(admin_session)
    editor = open_editor_with_f2(qtbot, view, "markaryd")
    assert editor.base is not None and editor.base.id == MARKARYD
    assert editor.phones.rows[0].number_edit.text() == "0433-720 00"
    retype(qtbot, editor.phones.rows[0].number_edit, "0433-999 99")
    editor.checked_today.setChecked(True)
    qtbot.keyClick(editor.organisation, Qt.Key.Key_Return)  # Enter saves (default button)

    assert editor.result() == QDialog.DialogCode.Accepted
    view.search("markaryd")
    assert column(view, 3) == ["0433-999 99"]
    assert column(view, 5) == ["2026-11-27 · Lokalt ändrad"]
    accessible = view.model.data(view.model.index(0, 1), Qt.ItemDataRole.AccessibleTextRole)
    assert accessible == "Markaryds kommun – Socialtjänsten (lokalt ändrad)"
    font = view.model.data(view.model.index(0, 1), Qt.ItemDataRole.FontRole)
    assert font is not None and font.italic()
    tip = view.model.data(view.model.index(0, 1), Qt.ItemDataRole.ToolTipRole)
    assert "Lokalt ändrad 20" in tip and f"av {ADMIN}" in tip
    detail = [w.text() for w in view.detail.findChildren(QLabel)]
    assert any("Kontrollerad lokalt av anna 2026-11-27" in t for t in detail)
    assert view.edit.revert_button.isEnabled()
    # The override wins over the shipped file for everyone using this store.
    fresh = ContactService(admin_session, SHIPPED)
    assert fresh.get(MARKARYD).phones[0].number == "0433-999 99"
    assert fresh.shipped_entry(MARKARYD).phones[0].number == "0433-720 00"
    assert contact_audit(admin_session)[-1] == (ADMIN, "update", MARKARYD)


def test_revert_brings_the_shipped_value_back(qtbot, admin_session: Session, make_view) -> None:
    view = make_view(admin_session)
    editor = open_editor_with_f2(qtbot, view, "markaryd")
    retype(qtbot, editor.phones.rows[0].number_edit, "0433-999 99")
    editor.accept()
    view.search("markaryd")
    assert column(view, 3) == ["0433-999 99"]

    qtbot.mouseClick(view.edit.revert_button, Qt.MouseButton.LeftButton)
    answer(view.edit.question, "Återställ")
    assert column(view, 3) == ["0433-720 00"]
    assert column(view, 5) == ["2026-11-23"]  # the shipped date, no mark
    assert not view.edit.revert_button.isEnabled()
    assert ContactService(admin_session, SHIPPED).local_overrides() == []
    assert contact_audit(admin_session)[-1] == (ADMIN, "delete", MARKARYD)


def test_hide_removes_from_search_and_the_local_list_brings_it_back(qtbot, admin_session: Session, make_view) -> None:
    view = make_view(admin_session)
    view.search("lessebo")
    assert column(view, 1) == ["Lessebo kommun – Socialtjänsten"]
    qtbot.mouseClick(view.edit.hide_button, Qt.MouseButton.LeftButton)
    box = view.edit.question
    assert "Lessebo kommun – Socialtjänsten" in box.text()
    answer(box, "Avbryt")  # asking first: cancelling changes nothing
    view.search("lessebo")
    assert view.model.rowCount() == 1
    qtbot.mouseClick(view.edit.hide_button, Qt.MouseButton.LeftButton)
    answer(view.edit.question, "Dölj")
    view.search("lessebo")
    assert view.model.rowCount() == 0
    assert view.count_label.text() == "0 träffar"

    qtbot.mouseClick(view.edit.local_button, Qt.MouseButton.LeftButton)
    dialog = view.edit.local_dialog
    assert isinstance(dialog, LocalChangesDialog) and dialog.isVisible()
    assert dialog.table.item(0, 0).text() == "Lessebo kommun – Socialtjänsten"
    assert dialog.table.item(0, 1).text() == HIDDEN
    assert dialog.table.item(0, 3).text() == ADMIN
    assert dialog.action_button.text() == "Återställ till levererad uppgift"
    assert missing_accessible_names(dialog) == []
    qtbot.mouseClick(dialog.action_button, Qt.MouseButton.LeftButton)
    assert dialog.table.rowCount() == 0 and dialog.empty.isVisible()
    view.search("lessebo")
    assert column(view, 1) == ["Lessebo kommun – Socialtjänsten"]


def test_invalid_hours_disable_saving_show_why_and_store_nothing(qtbot, admin_session: Session, make_view) -> None:
    view = make_view(admin_session)
    audit_before = contact_audit(admin_session)
    editor = open_editor_with_f2(qtbot, view, "markaryd")
    assert editor.save_button.isEnabled()
    retype(qtbot, editor.hours, "man-fre 8.00-25.00")
    error = editor.errors["hours"]
    assert error.isVisible()
    assert "Ogiltig tid" in error.text() and "mån–tors 8.00–16.00, fre 8.00–15.00" in error.text()
    assert editor.hours.accessibleDescription().startswith("Ogiltig tid")
    assert not editor.save_button.isEnabled()
    assert editor.hours_preview.text() == ""
    editor.accept()  # even a forced accept (Enter, a script) stores nothing
    assert editor.isVisible() and editor.saved_entry is None
    assert ContactService(admin_session, SHIPPED).local_overrides() == []
    assert contact_audit(admin_session) == audit_before
    # Fixing the text clears the message and allows saving again.
    retype(qtbot, editor.hours, "man-fre 8.00-16.00")
    assert not error.isVisible() and editor.save_button.isEnabled()
    assert editor.hours_preview.text() == "Tolkas som: mån–fre 8.00–16.00"


def test_other_bad_input_is_named_beside_its_field(qtbot, admin_session: Session, make_view) -> None:
    view = make_view(admin_session)
    editor = view.edit.new_entry()
    retype(qtbot, editor.organisation, "x")
    retype(qtbot, editor.organisation, "")
    assert editor.errors["organisation"].text() == "⚠ Ange organisationen, t.ex. ”Växjö kommun”."
    retype(qtbot, editor.emails, "socialtjansten.vaxjo.se")
    assert "ingen giltig e-postadress" in editor.errors["emails"].text()
    type_text(qtbot, editor.phones.rows[0].number_edit, "ring")
    assert editor.errors["phones"].text() == "⚠ Telefon 1: numret ”ring” innehåller inga siffror."
    assert not editor.save_button.isEnabled()
    # A second phone row can be added and removed from the keyboard.
    editor.phones.add_button.setFocus()
    qtbot.keyClick(editor.phones.add_button, Qt.Key.Key_Space)
    assert len(editor.phones.rows) == 2
    assert editor.focusWidget() is editor.phones.rows[1].number_edit
    assert editor.phones.rows[1].remove_button.accessibleName() == "Ta bort telefon 2"
    qtbot.mouseClick(editor.phones.rows[0].remove_button, Qt.MouseButton.LeftButton)
    assert len(editor.phones.rows) == 1
    assert editor.phones.rows[0].number_edit.accessibleName() == "Telefonnummer 1"
    assert missing_accessible_names(editor) == []
    editor.reject()
    assert ContactService(admin_session, SHIPPED).local_overrides() == []


def test_saving_an_unchanged_entry_stores_no_override(qtbot, admin_session: Session, make_view) -> None:
    view = make_view(admin_session)
    editor = open_editor_with_f2(qtbot, view, "markaryd")
    qtbot.mouseClick(editor.save_button, Qt.MouseButton.LeftButton)
    assert editor.result() == QDialog.DialogCode.Accepted and editor.saved_entry is None
    assert ContactService(admin_session, SHIPPED).local_overrides() == []


def test_a_clinician_edits_but_sees_no_import_or_export(qtbot, clinician_session: Session, make_view) -> None:
    view = make_view(clinician_session)
    assert view.edit is not None
    assert view.edit.export_button is None and view.edit.import_button is None
    assert view.findChild(QPushButton, "contactsExport") is None
    assert view.findChild(QPushButton, "contactsImport") is None
    assert view.edit.transfer is None
    names = {b.text() for b in view.edit.bar.findChildren(type(view.edit.new_button))}
    assert names == {"Ny kontakt…", "Redigera…", "Dölj", "Återställ till levererad uppgift",
                     "Visa dolda/lokala ändringar…"}
    editor = open_editor_with_f2(qtbot, view, "markaryd")
    type_text(qtbot, editor.notes, "Fråga efter mottagningen")
    editor.accept()
    assert editor.saved_entry is not None and editor.saved_entry.notes.endswith("mottagningen")
    assert contact_audit(clinician_session)[-1] == (CLINICIAN, "update", MARKARYD)


def test_every_control_of_the_section_is_named(qtbot, admin_session: Session, make_view) -> None:
    view = make_view(admin_session)
    assert missing_accessible_names(view) == []
    assert view.edit.new_button.shortcut().toString() == "Ctrl+N"


def next_tab(widget):
    """The widget Tab moves to from `widget` (focus chain, skipping non-tab widgets)."""
    candidate = widget.nextInFocusChain()
    while not (candidate.focusPolicy() & Qt.FocusPolicy.TabFocus and candidate.isVisible()
               and candidate.isEnabled()):
        candidate = candidate.nextInFocusChain()
    return candidate


def test_keyboard_only_tab_order(qtbot, admin_session: Session, make_view) -> None:
    view = make_view(admin_session)
    view.search("markaryd")  # a selected row: every button is enabled
    order = [view.region_box, *view.edit.admin_buttons(),
             *[b for b in view.edit.buttons() if b.isEnabled()], view.table]
    for first, second in zip(order, order[1:]):
        assert next_tab(first) is second, (first.objectName(), second.objectName())
    editor = view.edit.new_entry()
    editor.phones.add_button.click()  # a row added later still sits before "Lägg till"
    rows = editor.phones.rows
    chain = [rows[0].number_edit, rows[0].label_edit, rows[0].remove_button,
             rows[1].number_edit, rows[1].label_edit, rows[1].remove_button,
             editor.phones.add_button, editor.emails, editor.hours]
    for first, second in zip(chain, chain[1:]):
        assert next_tab(first) is second
    rows[0].remove_button.setFocus()
    qtbot.keyClick(rows[0].remove_button, Qt.Key.Key_Tab)
    assert editor.focusWidget() is rows[1].number_edit
    editor.reject()


def test_filling_in_a_route_the_guideline_leaves_to_the_clinic(qtbot, admin_session: Session, make_view) -> None:
    view = make_view(admin_session)
    view.search("borås socialtjänsten")
    assert column(view, 3) == ["fylls i lokalt"]
    editor = view.edit.edit_selected()
    assert editor.save_button.isEnabled()  # no number is fine for such an entry...
    type_text(qtbot, editor.phones.rows[0].number_edit, "033-123 45 67")
    type_text(qtbot, editor.phones.rows[0].label_edit, "mottagningen")
    editor.accept()
    view.search("borås socialtjänsten")
    assert column(view, 3) == ["033-123 45 67"]  # ...and once given, it is what the row shows
    assert view.model.mark(0) == "Lokalt ändrad"
    view.search("033 123 45 67")
    assert view.model.rowCount() == 1
