"""The plan editor on real widgets (qtbot): rows added, edited, moved and removed, each
undone and redone, with the data checked after every step; the shortcuts; the pick list."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from oro_desktop.core.forms import FormLibrary
from oro_desktop.core.guidance import Guideline
from oro_desktop.core.plans import intervention_choices
from oro_desktop.gui.plans.editor import PlanEditor

from .conftest import example

TODAY = date(2026, 11, 23)
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def editor(qtbot, library: FormLibrary, guidelines: dict[str, Guideline]) -> PlanEditor:
    widget = PlanEditor(library.get("barnets-plan"), today_provider=lambda: TODAY,
                        guideline=guidelines["kronoberg-nyfott-barn"])
    qtbot.addWidget(widget)
    widget.resize(1000, 800)
    widget.show()
    qtbot.waitExposed(widget)
    widget.activateWindow()
    widget.set_data(example("barnets-plan"))
    return widget


def _what(editor: PlanEditor) -> list[Any]:
    return [r.get("vad") for r in editor.data()["insatser"]]


def test_add_edit_move_remove_rows_each_undone_and_redone(qtbot, editor: PlanEditor) -> None:
    original = example("barnets-plan")
    rows = editor.rows_widget("insatser")
    stack = editor.undo_stack
    assert not editor.is_modified() and stack.count() == 0

    # add a row with the row widget's own button
    qtbot.mouseClick(rows.add_button, Qt.MouseButton.LeftButton)
    assert len(rows.rows) == 4 and editor.data() == original  # an empty row is no data
    assert stack.undoText() == "Lägg till rad i Insatser och ansvar"
    stack.undo()
    assert len(rows.rows) == 3 and editor.data() == original
    stack.redo()
    assert len(rows.rows) == 4

    # type into the new row: one undo step for the whole word
    cell = rows.rows[3].cells["vad"].edit
    cell.setFocus()
    qtbot.keyClicks(cell, "Hembesok")
    qtbot.keyClicks(rows.rows[3].cells["part"].edit, "Kommunen")
    assert editor.data()["insatser"][3] == {"vad": "Hembesok", "part": "Kommunen"}
    stack.undo()  # the party typed
    assert editor.data()["insatser"][3] == {"vad": "Hembesok"}
    stack.undo()  # the intervention typed, all of it at once
    assert len(editor.data()["insatser"]) == 3 and len(rows.rows) == 4
    stack.redo()
    stack.redo()
    typed = editor.data()["insatser"][3]
    assert typed == {"vad": "Hembesok", "part": "Kommunen"}

    # move the new row up one place
    assert editor.move_row("insatser", 3, -1)
    assert _what(editor) == [original["insatser"][0]["vad"], original["insatser"][1]["vad"],
                             "Hembesok", original["insatser"][2]["vad"]]
    assert stack.undoText() == "Flytta rad 4 upp i Insatser och ansvar"
    stack.undo()
    assert _what(editor)[3] == "Hembesok" and _what(editor)[2] == original["insatser"][2]["vad"]
    stack.redo()
    assert _what(editor)[2] == "Hembesok"
    assert not editor.move_row("insatser", 0, -1)  # the first row cannot go up

    # remove the first row with its own button
    moved = copy.deepcopy(editor.data())
    qtbot.mouseClick(rows.rows[0].remove, Qt.MouseButton.LeftButton)
    assert editor.data()["insatser"] == moved["insatser"][1:]
    assert stack.undoText() == "Ta bort rad 1 i Insatser och ansvar"
    stack.undo()
    assert editor.data() == moved
    stack.redo()
    assert editor.data()["insatser"] == moved["insatser"][1:]

    # all the way back is the plan as loaded, and forward again
    while stack.canUndo():
        stack.undo()
    assert editor.data() == original and len(rows.rows) == 3 and not editor.is_modified()
    while stack.canRedo():
        stack.redo()
    assert editor.data()["insatser"] == moved["insatser"][1:]


def test_shortcuts_undo_and_redo_in_a_text_box(qtbot, editor: PlanEditor) -> None:
    box = editor.form.field_widget("samordningsansvarig").edit
    box.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is box)
    before = box.text()
    box.end(False)
    qtbot.keyClicks(box, " (ny)")
    assert editor.data()["samordningsansvarig"] == before + " (ny)"
    assert editor.undo_stack.count() == 1  # the typing is one step
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL)
    assert editor.data()["samordningsansvarig"] == before
    # the plan's stack undid it (not the text box's own undo, which would add a step)
    assert editor.undo_stack.index() == 0 and editor.undo_stack.canRedo()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL | SHIFT)
    assert editor.data()["samordningsansvarig"] == before + " (ny)"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL)
    assert editor.data()["samordningsansvarig"] == before
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Y, CTRL)
    assert editor.data()["samordningsansvarig"] == before + " (ny)"


def test_alt_arrows_move_the_row_that_has_focus(qtbot, editor: PlanEditor) -> None:
    rows = editor.rows_widget("deltagare")
    names = [r["namn"] for r in editor.data()["deltagare"]]
    rows.rows[0].cells["namn"].edit.setFocus()
    qtbot.waitUntil(lambda: editor.move_down_action.isEnabled())
    assert not editor.move_up_action.isEnabled()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [r["namn"] for r in editor.data()["deltagare"]] == [names[1], names[0], names[2]]
    # focus followed the row, so a second Alt+Ned moves it on
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Down, Qt.KeyboardModifier.AltModifier)
    assert [r["namn"] for r in editor.data()["deltagare"]] == [names[1], names[2], names[0]]
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Z, CTRL)
    assert [r["namn"] for r in editor.data()["deltagare"]] == [names[1], names[0], names[2]]


def test_changed_is_emitted_on_every_change_undo_included(qtbot, editor: PlanEditor) -> None:
    seen: list[dict[str, Any]] = []
    editor.changed.connect(seen.append)
    box = editor.form.field_widget("uppfoljning_ansvarig").edit
    box.setFocus()
    qtbot.keyClicks(box, "X")
    assert seen[-1]["uppfoljning_ansvarig"].endswith("X")
    editor.undo_stack.undo()
    assert seen[-1] == example("barnets-plan")
    with qtbot.waitSignal(editor.settled, timeout=2000) as blocker:
        editor.undo_stack.redo()
    assert blocker.args[0]["uppfoljning_ansvarig"].endswith("X")


def test_a_choice_click_is_its_own_step(qtbot, editor: PlanEditor) -> None:
    consent = editor.form.field_widget("samtycke")
    button = next(b for b in consent.radios.group.buttons() if b.text().startswith("Med"))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert editor.data()["samtycke"] == "med"
    assert editor.undo_stack.undoText() == "Ändra Planen görs"
    editor.undo_stack.undo()
    assert editor.data()["samtycke"] == "utan"


def test_pick_list_follows_the_consent_answer_and_is_undoable(
        qtbot, editor: PlanEditor, guidelines: dict[str, Guideline]) -> None:
    g = guidelines["kronoberg-nyfott-barn"]
    assert editor.choices() == intervention_choices(g, False)  # the example: utan samtycke
    choice = next(c for c in editor.choices() if "LVU" in c.text)
    editor.pick(choice)
    row = editor.data()["insatser"][-1]
    assert row == {"part": "Kommunen", "vad": choice.text}
    assert len(editor.data()["insatser"]) == 4
    editor.undo_stack.undo()
    assert editor.data() == example("barnets-plan")
    data = example("barnets-plan")
    data["samtycke"] = "med"
    editor.set_data(data)
    assert editor.choices() == intervention_choices(g, True)
    editor.pick_menu.aboutToShow.emit()
    menus = [a.text() for a in editor.pick_menu.actions()]
    assert menus == ["Kommunen kan göra", "Regionen kan göra"]


def test_free_text_is_always_allowed(qtbot, editor: PlanEditor) -> None:
    row = {"part": "Förskolan", "vad": "Egen insats som inte står i listan", "ansvarig": "Rektor"}
    editor.add_row("insatser", row)
    assert editor.data()["insatser"][-1] == row
    assert editor.form.problems() == []


def test_set_data_starts_a_new_history(qtbot, editor: PlanEditor) -> None:
    editor.move_row("insatser", 0, 1)
    assert editor.is_modified() and editor.undo_stack.canUndo()
    editor.set_clean()
    assert not editor.is_modified()
    editor.set_data(example("samordnad-plan-vantat-barn") | {"insatser": []})
    assert not editor.undo_stack.canUndo()


def test_ctrl_z_in_a_multiline_cell_uses_the_plans_history(qtbot, editor: PlanEditor) -> None:
    cell = editor.rows_widget("insatser").rows[0].cells["vad"].edit
    cell.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is cell)
    first = editor.data()["insatser"][0]["vad"]
    cell.moveCursor(cell.textCursor().MoveOperation.End)
    qtbot.keyClicks(cell, " Varje vecka.")
    assert editor.data()["insatser"][0]["vad"] == first + " Varje vecka."
    qtbot.keyClick(cell, Qt.Key.Key_Z, CTRL)
    assert editor.data()["insatser"][0]["vad"] == first
    assert editor.undo_stack.index() == 0
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Y, CTRL)
    assert editor.data()["insatser"][0]["vad"] == first + " Varje vecka."


def test_a_private_participant_is_warned_about_without_consent(qtbot, editor: PlanEditor) -> None:
    assert editor.private_warning.isHidden()  # every participant of the example is public
    data = example("barnets-plan")
    data["deltagare"].append({"namn": "Privat Doktorsson", "organisation": "Hälsocentralen AB",
                              "regi": "privat"})
    editor.set_data(data)
    assert not editor.private_warning.isHidden()
    assert "Hälsocentralen AB" in editor.private_warning.text()
    assert "6 kap. 12 § patientsäkerhetslagen" in editor.private_warning.text()
    consent = editor.form.field_widget("samtycke")
    button = next(b for b in consent.radios.group.buttons() if b.text().startswith("Med"))
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert editor.private_warning.isHidden()  # with consent the OSL limit is not the question
    editor.undo_stack.undo()
    assert not editor.private_warning.isHidden()
