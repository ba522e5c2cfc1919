"""Every field type, from a synthetic definition loaded like any form: build, round-trip,
conditions, rows, identity kinds and names. Adding a form must need no code."""

from __future__ import annotations

import copy

import pytest
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit

from oro_desktop.core.forms import FIELD_TYPES
from oro_desktop.gui.forms.widgets.problems import split_problem_field
from oro_desktop.gui.forms.widgets import WIDGETS
from tests.gui_forms.helpers import click, type_text

FULL = {
    "text": "En text",
    "rader": "rad 1\nrad 2",
    "datum": "2026-03-02",
    "period": {"from": "2026-01-01", "to": "2026-06-30"},
    "ident": {"kind": "saknas", "reason": "väntat barn", "protected": True},
    "telefon": "070-123 45 67",
    "epost": "anna@example.se",
    "val": "b",
    "lang_lista": "fem",
    "flera": ["x", "y"],
    "jn": True,
    "villkor": "syns vid ja",
    "person": {"name": "Anna Andersson", "person_id": "p-1"},
    "parter": [{"organisation": "BVC", "role": "Sjuksköterska", "name": "Eva", "contact": "063-1"}],
    "insatser": [
        {"vad": "Stöd", "beskrivning": "x\ny", "fran": "2026-02-01", "tfn": "063-2",
         "mejl": "c@example.se", "typ": "vård", "klar": False},
        {},
        {"vad": "Uppföljning", "klar": True},
    ],
    "sign": [{"date": "2026-03-01", "name": "A"}, {"name": "B"}, {"name": "C", "date": "2026-03-02"}],
}


def test_every_field_type_has_a_widget():
    assert set(WIDGETS) == set(FIELD_TYPES)


def test_synthetic_definition_uses_every_type(all_types):
    assert {f.type for f in all_types.fields()} == set(FIELD_TYPES)


def test_every_type_round_trips(qtbot, make_form, all_types):
    form = make_form(all_types)
    assert form.data() == {}
    form.set_data(copy.deepcopy(FULL))
    assert form.data() == FULL
    form.set_data({})
    assert form.data() == {}


@pytest.mark.parametrize("value", [
    {"kind": "personnummer", "value": "202103159808"},
    {"kind": "samordningsnummer", "value": "199001752385"},
    {"kind": "reservnummer", "value": "R-12345"},
    {"kind": "saknas", "reason": "ej folkbokförd"},
    {"kind": "saknas"},
    {"kind": "personnummer", "value": "inte ett nummer"},
])
def test_identity_values_round_trip(qtbot, make_form, all_types, value):
    form = make_form(all_types)
    form.set_data({"ident": value})
    assert form.data() == {"ident": value}


def test_identity_reason_only_for_saknas_and_number_is_normalised(qtbot, make_form, all_types):
    form = make_form(all_types)
    ident = form.field_widget("ident")
    assert not ident.reason.isVisibleTo(form) and ident.number.isVisibleTo(form)
    ident.kind.setCurrentIndex(ident.kind.findData("saknas"))
    assert ident.reason.isVisibleTo(form) and not ident.number.isVisibleTo(form)
    ident.kind.setCurrentIndex(ident.kind.findData("personnummer"))
    type_text(qtbot, ident.number, "2103159808")  # ten digits: century from today
    assert form.data()["ident"] == {"kind": "personnummer", "value": "202103159808"}
    type_text(qtbot, form.field_widget("telefon").edit, "")  # leave the number field
    qtbot.waitUntil(lambda: ident.number.text() == "20210315-9808", timeout=1000)


def test_condition_hides_and_shows_live_and_keeps_typing(qtbot, make_form, all_types):
    form = make_form(all_types)
    villkor = form.field_widget("villkor")
    yes_no = form.field_widget("jn")
    assert not villkor.isVisibleTo(form)  # unanswered: the condition does not hold
    click(qtbot, form, yes_no.yes)
    assert villkor.isVisibleTo(form)
    type_text(qtbot, villkor.edit, "hemligt")
    click(qtbot, form, yes_no.no)
    assert not villkor.isVisibleTo(form)
    assert form.data()["villkor"] == "hemligt"  # kept while hidden...
    assert "villkor" not in form.data(include_hidden=False)  # ...but not saved as final
    assert "villkor" in form.hidden_fields()
    click(qtbot, form, yes_no.yes)
    assert villkor.isVisibleTo(form) and villkor.edit.text() == "hemligt"


def test_condition_is_applied_when_loading(qtbot, make_form, all_types):
    form = make_form(all_types)
    form.set_data({"jn": True})
    assert form.field_widget("villkor").isVisibleTo(form)
    form.set_data({"jn": False})
    assert not form.field_widget("villkor").isVisibleTo(form)


def test_typed_dates_are_tidied_and_kept_when_malformed(qtbot, make_form, all_types):
    form = make_form(all_types)
    edit = form.field_widget("datum").picker.edit
    type_text(qtbot, edit, "20260229")  # not a date: 2026 is no leap year
    edit.editingFinished.emit()
    assert form.data()["datum"] == "20260229"
    edit.selectAll()
    type_text(qtbot, edit, "20260228")
    edit.editingFinished.emit()
    assert form.data()["datum"] == "2026-02-28"
    period = form.field_widget("period")
    type_text(qtbot, period.pickers["from"].edit, "2026-01-01")
    assert form.data()["period"] == {"from": "2026-01-01"}


def test_calendar_popup_picks_a_date(qtbot, make_form, all_types):
    from PySide6.QtCore import QDate

    form = make_form(all_types)
    picker = form.field_widget("datum").picker
    picker.open_calendar()
    assert picker._calendar is not None and picker._calendar.isVisible()
    picker._calendar.activated.emit(QDate(2026, 4, 1))
    assert not picker._calendar.isVisible()
    assert form.data()["datum"] == "2026-04-01"


def test_rows_add_remove_and_messages_at_the_row(qtbot, make_form, all_types):
    form = make_form(all_types)
    insatser = form.field_widget("insatser")
    assert len(insatser.rows) == 1
    click(qtbot, form, insatser.add_button)
    assert len(insatser.rows) == 2
    assert insatser.rows[1].cells["vad"].edit.hasFocus()
    type_text(qtbot, insatser.rows[1].cells["beskrivning"].edit, "utan vad")
    assert form.data()["insatser"] == [{}, {"beskrivning": "utan vad"}]
    problems = form.validate_all()
    assert "insatser[2].vad" in {p.field for p in problems}
    assert split_problem_field("insatser[2].vad") == ("insatser", 2, "vad")
    assert insatser.rows[1].message.isVisible()
    assert "Vad saknas" in insatser.rows[1].message.text()
    assert not insatser.rows[0].message.isVisible()
    assert form.focus_first_problem().field == "text"  # reading order: "Text" comes first
    click(qtbot, form, insatser.rows[1].remove)
    assert len(insatser.rows) == 1 and "insatser" not in form.data()


def test_signature_texts_come_from_the_definition(qtbot, make_form, all_types):
    form = make_form(all_types)
    sign = form.field_widget("sign")
    assert sign.add_button.text() == "Lägg till person som skriver under"
    assert [h.text() for h in sign.headers] == ["Datum", "Namnförtydligande"]
    assert len(sign.rows) == 2


def test_choice_widgets(qtbot, make_form, all_types):
    form = make_form(all_types)
    short = form.field_widget("val")
    assert short.combo is None  # two choices: radio buttons
    click(qtbot, form, short.radios.group.buttons()[1])
    assert form.data()["val"] == "b"
    long_list = form.field_widget("lang_lista")
    assert long_list.combo is not None and long_list.combo.currentData() is None
    long_list.combo.setCurrentIndex(long_list.combo.findData("tre"))
    long_list.combo.activated.emit(long_list.combo.currentIndex())
    assert form.data()["lang_lista"] == "tre"
    form.set_data({"val": "b"})
    form.set_data({})
    assert "val" not in form.data()


def test_multiline_tab_moves_focus(qtbot, make_form, all_types):
    from PySide6.QtCore import Qt

    form = make_form(all_types)
    edit = form.field_widget("rader").edit
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_Tab)
    assert "\t" not in edit.toPlainText()
    assert not edit.hasFocus()


def test_all_controls_have_accessible_names(qtbot, make_form, all_types):
    form = make_form(all_types)
    form.set_data(copy.deepcopy(FULL))  # extra rows included
    controls = [w for cls in (QLineEdit, QPlainTextEdit, QComboBox, QAbstractButton)
                for w in form.findChildren(cls)]
    missing = [f"{type(w).__name__}:{w.objectName()}" for w in controls if not w.accessibleName()]
    assert missing == []
    insatser = form.field_widget("insatser")
    assert insatser.rows[2].cells["vad"].edit.accessibleName() == "Insatser – rad 3 – Vad"
    names = [c.accessibleName() for c in form.field_widget("period").controls()]
    assert names == ["Period – Från och med", "Period – Till och med"]


def test_unknown_keys_are_kept_not_lost(qtbot, make_form, all_types):
    form = make_form(all_types)
    form.set_data({"text": "x", "borttaget_falt": "gammalt"})
    assert form.data() == {"text": "x", "borttaget_falt": "gammalt"}
    problems = form.validate_all()
    assert any(p.field == "borttaget_falt" for p in problems)
    assert "borttaget_falt" in form.summary.text()
