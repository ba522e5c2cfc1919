"""The plan screens with real widgets on a real store: a plan created from the case's tab,
edited in its window (rows added, moved, removed; undo and redo), saved as versions with
Ctrl+S, a refused save that changes nothing, the draft kept when the window is closed
without saving (and when it goes away as at an auto-lock) and restored on reopening, the
history with a Swedish diff, the list sorted by the next follow-up, printing and the
refused family copy."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QTabWidget, QWidget
from shiboken6 import isValid

from oro_desktop.gui.plans.case_tab import TAB_TITLE, TAB_TITLE_DUE
from oro_desktop.gui.plans.plan_model import COL_FOLLOW_UP, PASSED
from oro_desktop.gui.plans.window import draft_key
from oro_desktop.services.disclosures import Party
from oro_desktop.services.services import Services

from .conftest import TODAY, filled_plan, make_tab

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def new_plan_window(qtbot, tab):
    """Ny plan… -> the case's one kind (Barnets plan) -> its window."""
    tab.new_menu.aboutToShow.emit()
    actions = [a for a in tab.new_menu.actions() if a.isEnabled()]
    assert [a.text() for a in actions] == ["Barnets plan"]
    actions[0].trigger()
    window = next(iter(tab.windows.values()))
    qtbot.waitUntil(window.isVisible)
    window.activateWindow()  # shortcuts (Ctrl+Z, Ctrl+S) go to the active window
    qtbot.waitUntil(window.isActiveWindow)
    return window


def answer(window, text: str) -> None:
    box = window.question
    assert box is not None and box.isVisible()
    assert "inte är sparade som version" in box.text()
    button = next(b for b in box.buttons() if b.text() == text)
    button.click()


def vad(window) -> list:
    return [r.get("vad") for r in window.editor.data()["insatser"]]


def test_a_new_plan_from_the_tab_opens_its_window_unsaved(qtbot, services, seeded) -> None:
    tab = make_tab(qtbot, services, seeded.newborn)
    assert tab.rows() == [] and not tab.open_button.isEnabled()
    window = new_plan_window(qtbot, tab)
    assert window.windowTitle() == "Barnets plan – inte sparad än[*]"
    # filled from the case: the child's name
    assert window.editor.data().get("barn_namn") == "Nyfödd Provare"
    qtbot.waitUntil(lambda: len(tab.rows()) == 1)
    row = tab.rows()[0]
    assert row.title == "Barnets plan" and row.versions == 0
    assert tab.open_button.isEnabled()
    # the undo and redo actions are in the window's toolbar; Spara version is Ctrl+S
    texts = [a.text() for a in window.editor.toolbar.actions()]
    assert texts[:2] == ["Ångra", "Gör om"]
    assert window.save_action.shortcut().toString() == "Ctrl+S"
    assert window.heading.text() == "Barnets plan – Nyfödd Provare – Växjö"
    assert window.state.text() == "Inte sparad som version än"


def test_rows_undo_redo_and_save_a_version_with_ctrl_s(qtbot, services, seeded) -> None:
    tab = make_tab(qtbot, services, seeded.newborn)
    window = new_plan_window(qtbot, tab)
    editor = window.editor
    editor.set_data(filled_plan())
    original = vad(window)
    rows = editor.rows_widget("insatser")

    rows.add_button.click()
    assert len(rows.rows) == 4
    cells = rows.rows[3].cells
    qtbot.keyClicks(cells["part"].edit, "Kommunen")
    qtbot.keyClicks(cells["vad"].edit, "Familjebehandlare i hemmet")
    qtbot.keyClicks(cells["ansvarig"].edit, "Sven Testsson")
    assert vad(window) == [*original, "Familjebehandlare i hemmet"]
    assert window.isWindowModified()

    assert editor.move_row("insatser", 3, -1)  # the new row one place up
    assert vad(window) == [*original[:2], "Familjebehandlare i hemmet", original[2]]
    moved = rows.rows[2].cells["vad"].edit
    moved.setFocus()
    qtbot.keyClick(moved, Qt.Key.Key_Z, CTRL)
    assert vad(window) == [*original, "Familjebehandlare i hemmet"]  # the move undone
    editor.redo_action.trigger()
    assert vad(window) == [*original[:2], "Familjebehandlare i hemmet", original[2]]
    editor.remove_row("insatser", 0)
    assert vad(window) == [original[1], "Familjebehandlare i hemmet", original[2]]
    editor.undo_action.trigger()
    assert vad(window) == [*original[:2], "Familjebehandlare i hemmet", original[2]]

    qtbot.keyClick(window, Qt.Key.Key_S, CTRL)
    assert window.version == 1, window.message.text()
    assert window.windowTitle() == "Barnets plan – version 1[*]"
    assert not window.isWindowModified() and not editor.is_modified()
    assert window.message.text() == "Version 1 sparad."
    assert window.state.text() == f"Version 1, sparad {date.today().isoformat()} av anna"
    assert services.drafts.load(draft_key(window.plan_uid)) is None
    _definition, saved = services.plans.current(window.plan_uid)
    assert [r["vad"] for r in saved["insatser"]] == vad(window)
    qtbot.waitUntil(lambda: tab.rows() and tab.rows()[0].versions == 1)


def test_a_refused_save_shows_the_reason_and_changes_nothing(qtbot, services, seeded) -> None:
    tab = make_tab(qtbot, services, seeded.newborn)
    window = new_plan_window(qtbot, tab)
    window.editor.set_data(filled_plan())
    assert window.save_version()
    before = services.plans.current(window.plan_uid)[1]
    versions = len(services.plans.versions(window.plan_uid))

    rows = window.editor.rows_widget("insatser")
    rows.add_button.click()
    qtbot.keyClicks(rows.rows[3].cells["vad"].edit, "Insats utan ansvarig")  # no party, no one
    window.save_button.click()
    text = window.message.text()
    assert text.startswith("⚠ Planen kan inte sparas:") and "\n" not in text
    assert window.message.isVisible()
    assert len(services.plans.versions(window.plan_uid)) == versions
    assert services.plans.current(window.plan_uid)[1] == before
    assert window.version == 1 and window.isWindowModified()
    assert "Insats utan ansvarig" in vad(window)  # the typing is still there ...
    draft = services.drafts.load(draft_key(window.plan_uid))
    assert "Insats utan ansvarig" in [r.get("vad") for r in draft["data"]["insatser"]]  # ... and kept


def test_closing_without_saving_keeps_a_draft_restored_on_reopening(qtbot, services, seeded) -> None:
    tab = make_tab(qtbot, services, seeded.newborn)
    window = new_plan_window(qtbot, tab)
    window.editor.set_data(filled_plan())
    window.save_version()
    box = window.editor.form.field_widget("mal")
    box.edit.setFocus()
    qtbot.keyClicks(box.edit, " Ett nytt mal.")
    typed = window.editor.data()["mal"]

    window.reject()  # Escape / Stäng / the close button: asks first
    answer(window, "Avbryt")
    assert window.isVisible()
    window.reject()
    answer(window, "Behåll som utkast")
    qtbot.waitUntil(lambda: not tab.windows)
    assert services.plans.current(tab.rows()[0].uid)[1]["mal"] != typed  # not a version

    again = tab.open_selected()
    qtbot.waitUntil(again.isVisible)
    assert again is not window
    assert again.editor.data()["mal"] == typed
    assert again.notice.isVisible()
    assert again.notice.text().startswith("Osparade ändringar från ")
    assert "återställdes" in again.notice.text()
    assert again.isWindowModified()
    # Spara version from the question: a version, and the draft is gone
    again.reject()
    answer(again, "Spara version")
    qtbot.waitUntil(lambda: not tab.windows)
    assert services.plans.current(again.plan_uid)[1]["mal"] == typed
    assert services.drafts.load(draft_key(again.plan_uid)) is None


def test_a_window_that_goes_away_as_at_a_lock_loses_nothing(qtbot, services, seeded) -> None:
    """The controller rejects every open dialog of the window before a lock, then destroys
    the window: the draft is written before the question, so nothing typed is lost."""
    from oro_desktop.gui.plans.case_tab import CasePlansTab

    main = QWidget()  # stands for the main window: the lock destroys it
    main.resize(1000, 600)
    tab = CasePlansTab(services, main)
    main.show()
    tab.set_case(seeded.newborn)
    window = new_plan_window(qtbot, tab)
    uid = window.plan_uid
    box = window.editor.form.field_widget("behov")
    box.edit.setFocus()
    qtbot.keyClicks(box.edit, "Tat kontakt")  # less than the draft pause: nothing saved yet
    window.reject()                              # what the lock does to visible dialogs
    main.deleteLater()                           # ... then the window and its views go
    qtbot.waitUntil(lambda: not isValid(window))

    draft = services.drafts.load(draft_key(uid))
    assert draft["data"]["behov"].endswith("Tat kontakt")
    tab2 = make_tab(qtbot, services, seeded.newborn)
    again = tab2.open_plan(uid)
    assert again.editor.data()["behov"].endswith("Tat kontakt")
    assert "återställdes" in again.notice.text()


def test_prepare_for_lock_closes_without_asking(qtbot, services, seeded) -> None:
    tab = make_tab(qtbot, services, seeded.newborn)
    window = new_plan_window(qtbot, tab)
    box = window.editor.form.field_widget("mal")
    box.edit.setFocus()
    qtbot.keyClicks(box.edit, "Trygg hemgang")
    tab.flush_drafts()  # the section hook before a lock
    window.reject()
    assert window.question is None
    qtbot.waitUntil(lambda: not tab.windows)
    assert services.drafts.load(draft_key(window.plan_uid))["data"]["mal"].endswith("Trygg hemgang")


def test_history_lists_versions_and_shows_the_diff_in_swedish(qtbot, services, seeded) -> None:
    tab = make_tab(qtbot, services, seeded.newborn)
    window = new_plan_window(qtbot, tab)
    window.editor.set_data(filled_plan())
    assert window.save_version()
    data = filled_plan(nasta_uppfoljning="2027-01-12")
    data["insatser"].append({"part": "Kommunen", "vad": "Hembesök av familjebehandlare",
                             "ansvarig": "Sven Testsson"})
    window.editor.set_data(data)
    assert window.save_version()
    window.accept()
    qtbot.waitUntil(lambda: tab.rows() and tab.rows()[0].versions == 2)

    dialog = tab.history_selected()
    qtbot.waitUntil(dialog.isVisible)
    listed = [dialog.versions.topLevelItem(i).text(0)
              for i in range(dialog.versions.topLevelItemCount())]
    assert listed == ["Version 2 (gällande)", "Version 1"]
    assert dialog.versions.topLevelItem(0).text(2) == "anna"
    assert dialog.versions.topLevelItem(0).text(1).startswith(date.today().isoformat())
    assert dialog.from_box.currentData() == 1 and dialog.to_box.currentData() == 2
    lines = dialog.diff_lines()
    assert "Nästa uppföljning: 2026-12-15 → 2027-01-12" in lines
    assert "Insatser och ansvar: rad 4 tillagd" in lines
    assert "  Insats (vad): Hembesök av familjebehandlare" in lines
    assert dialog.summary.text() == "4 ändringar från version 1 till version 2."
    assert [i.title for i in dialog.items] == ["Insatser och ansvar: rad 4 tillagd",
                                               "Nästa uppföljning"]
    shown_text = dialog.diff.toPlainText()  # what is on screen
    for words in ("Insatser och ansvar: rad 4 tillagd", "Hembesök av familjebehandlare",
                  "Nästa uppföljning", "2026-12-15", "2027-01-12"):
        assert words in shown_text
    # the other way round, chosen in the boxes
    dialog.from_box.setCurrentIndex(dialog.from_box.findData(2))
    dialog.to_box.setCurrentIndex(dialog.to_box.findData(1))
    assert "Insatser och ansvar: rad 4 borttagen" in dialog.diff_lines()
    # print the selected (old) version
    assert dialog.select_version(1)
    task = dialog.print_selected()
    qtbot.waitUntil(lambda: task.done, timeout=15_000)
    preview = dialog.findChild(type(dialog), "planPrintPreview") or next(
        w for w in QApplication.topLevelWidgets() if w.objectName() == "planPrintPreview")
    qtbot.waitUntil(preview.isVisible)
    assert preview.windowTitle() == "Förhandsgranskning – Plan, version 1"
    assert preview.document.pageCount() >= 1
    preview.reject()


def _plan_with(services, case_uid: str, follow_up: str) -> str:
    uid = services.plans.create(case_uid, "barnets-plan")
    services.plans.save_version(uid, filled_plan(nasta_uppfoljning=follow_up))
    return uid


def test_sorted_by_next_follow_up_and_a_passed_one_said_in_words(qtbot, session, services,
                                                                 seeded) -> None:
    late = _plan_with(services, seeded.newborn, "2027-02-01")
    soon = _plan_with(services, seeded.newborn, "2026-12-15")
    mid = _plan_with(services, seeded.newborn, "2027-01-10")
    later = Services(session, today=lambda: date(2026, 12, 20))  # the same store, days later
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    from oro_desktop.gui.plans.case_tab import CasePlansTab

    tab = CasePlansTab(later, tabs)
    tabs.addTab(tab, TAB_TITLE)
    tabs.show()
    tab.set_case(seeded.newborn)
    assert [r.uid for r in tab.rows()] == [soon, mid, late]  # soonest first by default
    shown = [tab.proxy.index(i, COL_FOLLOW_UP).data() for i in range(3)]
    assert shown == [f"2026-12-15 – {PASSED}", "2027-01-10 (om 21 dagar)",
                     "2027-02-01 (om 43 dagar)"]
    assert tabs.tabText(0) == TAB_TITLE_DUE
    assert tab.due_label.isVisible()
    assert tab.due_label.text() == ("Uppföljning passerad: Barnets plan skulle ha följts upp "
                                    "2026-12-15 av Sven Testsson, Socialtjänsten Växjö kommun.")
    header = tab.table.horizontalHeader()
    at = QPoint(header.sectionViewportPosition(COL_FOLLOW_UP) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=at)  # the header again
    assert [r.uid for r in tab.rows()] == [late, mid, soon]

    # the passed one followed up: a new version with the next date; the tab says so at once
    later.plans.save_version(soon, filled_plan(nasta_uppfoljning="2027-03-01"))
    qtbot.waitUntil(lambda: tabs.tabText(0) == TAB_TITLE)
    assert not tab.due_label.isVisible()


def test_enter_opens_the_selected_plan(qtbot, services, seeded) -> None:
    uid = _plan_with(services, seeded.newborn, "2026-12-15")
    tab = make_tab(qtbot, services, seeded.newborn)
    tab.table.setFocus()
    assert tab.selected_uid() == uid
    qtbot.keyClick(tab.table, Qt.Key.Key_Return)
    window = tab.windows[uid]
    qtbot.waitUntil(window.isVisible)
    assert window.windowTitle() == "Barnets plan – version 1[*]"


def test_print_and_the_family_copy_then_the_refused_family_copy(qtbot, services, seeded) -> None:
    uid = _plan_with(services, seeded.newborn, "2026-12-15")
    tab = make_tab(qtbot, services, seeded.newborn)
    seen = []
    for family, name in ((False, "planPrintPreview"), (True, "planFamilyPreview")):
        task = tab.print_selected(family=family)
        qtbot.waitUntil(lambda: task.done, timeout=15_000)
        preview = next(w for w in QApplication.topLevelWidgets()
                       if w.objectName() == name and w.isVisible())
        seen.append(preview.windowTitle())
        assert preview.document.pageCount() >= 1
        preview.reject()
    assert seen == ["Förhandsgranskning – Plan", "Förhandsgranskning – Planen i korthet "
                    "(familjens version)"]

    a = services.cases.view(seeded.newborn).persons[1].uid
    services.cases.record_consent(seeded.newborn, a, answer="no", manner="oral", asked_on=TODAY,
                                  asked_by="BVC", function="BVC", content="Oron", said="Nej")
    services.cases.set_contact_facts(seeded.newborn, violence=True, parent_takes_part=False)
    services.disclosures.record(
        seeded.newborn, disclosed_on=TODAY, sender=Party("BVC Växjö", "BVC", True),
        recipient=Party("Socialtjänsten Växjö", "socialtjänsten", True), legal_basis="osl-25-12",
        content="Oro", decided_by="Chef", exemption="vald",
        exemption_reason="Misstänkt våld; föräldern är inte delaktig.")
    assert tab.print_selected(family=True) is None
    text = tab.message.text()
    assert tab.message.isVisible()
    assert text.startswith("⚠ Familjeexemplaret skrivs inte ut") and "\n" not in text
    assert not any(w.objectName() == "planFamilyPreview" and w.isVisible()
                   for w in QApplication.topLevelWidgets())


def test_every_control_has_an_accessible_name(qtbot, services, seeded) -> None:
    from oro_desktop.gui.a11y import missing_accessible_names

    uid = _plan_with(services, seeded.newborn, "2026-12-15")
    services.plans.save_version(uid, filled_plan(nasta_uppfoljning="2027-01-12"))
    tab = make_tab(qtbot, services, seeded.newborn)
    assert missing_accessible_names(tab) == []
    history = tab.history_selected()
    qtbot.waitUntil(history.isVisible)
    assert missing_accessible_names(history) == []
    window = tab.open_plan(uid)
    qtbot.waitUntil(window.isVisible)
    assert missing_accessible_names(window) == []


def test_a_draft_on_an_older_version_says_so_and_can_be_thrown_away(qtbot, services,
                                                                     seeded) -> None:
    uid = _plan_with(services, seeded.newborn, "2026-12-15")
    tab = make_tab(qtbot, services, seeded.newborn)
    window = tab.open_plan(uid)
    qtbot.waitUntil(window.isVisible)
    box = window.editor.form.field_widget("mal")
    box.edit.setFocus()
    qtbot.keyClicks(box.edit, " Mitt utkast.")
    window.close_keeping_draft()
    qtbot.waitUntil(lambda: not tab.windows)
    # meanwhile someone saves version 2
    services.plans.save_version(uid, filled_plan(nasta_uppfoljning="2027-01-12"))

    again = tab.open_plan(uid)
    qtbot.waitUntil(again.isVisible)
    assert "Mitt utkast." in again.editor.data()["mal"]
    assert "De gjordes i version 1; planen har nu version 2." in again.notice.text()
    again.discard_button.click()
    assert not again.notice.isVisible()
    assert again.editor.data() == again._saved
    assert again.editor.data()["nasta_uppfoljning"] == "2027-01-12"
    assert not again.isWindowModified()
    assert services.drafts.load(draft_key(uid)) is None
