"""The barnhälsoteam consent, built from the real forms/ directory, filled as a user would."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from oro_desktop.gui.forms.builder import FormWidget
from tests.gui_forms.helpers import click, type_text


def _type(qtbot, widget, text: str) -> None:
    type_text(qtbot, widget, text)


def _leave(qtbot, form: FormWidget, target) -> None:
    """Move keyboard focus elsewhere, as Tab or a click would (the field is then touched)."""
    target.setFocus()
    qtbot.wait(10)


def test_fill_by_typing_and_clicking_gives_the_example_data(qtbot, make_form, consent, example):
    form = make_form(consent)
    verksamheter = form.field_widget("verksamheter")
    for value in ("forskola", "bvc", "ifo"):
        click(qtbot, form, verksamheter.boxes[value])
    _type(qtbot, form.field_widget("barn_namn").edit, "Tyra Tolvansson")
    _type(qtbot, form.field_widget("barn_personnummer").number, "20210315-9808")
    adress = form.field_widget("barn_adress").edit
    _type(qtbot, adress, "Exempelgatan 12")
    qtbot.keyClick(adress, Qt.Key.Key_Return)
    type_text(qtbot, adress, "831 30 Östersund")
    _type(qtbot, form.field_widget("barn_telefon").edit, "063-123 45 67")
    signers = form.field_widget("underskrifter")
    for row, name in zip(signers.rows, ("Tolvan Tolvansson", "Elva Elvasdotter")):
        _type(qtbot, row.cells["name"].edit, name)
        _type(qtbot, row.cells["date"].picker.edit, "20260302")  # tidied on leaving
    _type(qtbot, form.field_widget("inhamtat_namn").edit, "Maja Exempelsson")
    _type(qtbot, form.field_widget("inhamtat_funktion").edit, "Förskolechef, Förskolan Exemplet")
    _type(qtbot, form.field_widget("inhamtat_kontakt").edit,
          "063-000 00 00, maja.exempelsson@example.se")
    giltighet = form.field_widget("giltighet")
    _type(qtbot, giltighet.pickers["from"].edit, "2026-03-02")
    _type(qtbot, giltighet.pickers["to"].edit, "2027-03-01")
    click(qtbot, form, form.field_widget("overforing_vid_flytt").yes)

    assert form.data() == example
    assert form.field_widget("barn_personnummer").number.text() == "20210315-9808"
    assert form.problems() == []


def test_example_round_trips(qtbot, make_form, consent, example):
    form = make_form(consent)
    form.set_data(example)
    assert form.data() == example
    assert form.data(include_hidden=False) == example
    assert form.validate_all() == []
    assert not form.summary.isVisible()


def test_changed_on_every_edit_but_not_while_loading(qtbot, make_form, consent, example):
    form = make_form(consent)
    seen: list[dict] = []
    form.changed.connect(seen.append)
    settled: list[dict] = []
    form.settled.connect(settled.append)

    form.set_data(example)
    qtbot.wait(600)  # longer than the settle delay
    assert seen == [] and settled == []

    edit = form.field_widget("barn_namn").edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "Ada")
    assert [d["barn_namn"] for d in seen] == ["A", "Ad", "Ada"]
    qtbot.waitUntil(lambda: len(settled) == 1, timeout=2000)
    assert settled[0]["barn_namn"] == "Ada"
    assert settled[0]["verksamheter"] == example["verksamheter"]

    click(qtbot, form, form.field_widget("verksamheter").boxes["grundskola"])
    assert seen[-1]["verksamheter"] == ["forskola", "grundskola", "bvc", "ifo"]


def test_flush_pending_emits_settled_at_once(qtbot, make_form, consent):
    form = make_form(consent)
    settled: list[dict] = []
    form.settled.connect(settled.append)
    _type(qtbot, form.field_widget("barn_namn").edit, "Bo")
    form.flush_pending()
    assert settled == [{"barn_namn": "Bo"}]
    form.flush_pending()
    assert len(settled) == 1


def test_validate_all_shows_each_message_beside_its_field(qtbot, make_form, consent, example):
    form = make_form(consent)
    data = dict(example)
    del data["verksamheter"], data["overforing_vid_flytt"]
    data["barn_personnummer"] = {"kind": "personnummer", "value": "20210315-9809"}
    data["giltighet"] = {"from": "2026-03-02", "to": "2027-06-30"}
    form.set_data(data)
    problems = form.validate_all()
    assert {p.field for p in problems} == {
        "verksamheter", "barn_personnummer", "giltighet", "overforing_vid_flytt"}

    def shown(field_id: str) -> str:
        label = form.message_label(field_id)
        assert label.isVisible(), field_id
        assert label.text().startswith("⚠")  # not colour alone
        return label.text()

    assert "Markera minst en verksamhet" in shown("verksamheter")
    assert "inte ett giltigt personnummer" in shown("barn_personnummer")
    assert "högst 12 månader" in shown("giltighet")
    assert "2027-03-01" in shown("giltighet")
    assert "överföras vid flytt" in shown("overforing_vid_flytt")
    assert not form.message_label("barn_namn").isVisible()
    assert form.summary.isVisible() and "4 uppgifter" in form.summary.text()
    assert form.field_widget("barn_personnummer").number.property("invalid") is True
    assert "Fel:" in form.field_widget("barn_personnummer").number.accessibleDescription()

    first = form.focus_first_problem()
    assert first is not None and first.field == "verksamheter"
    assert QApplication.focusWidget() is form.field_widget("verksamheter").boxes["forskola"]

    click(qtbot, form, form.field_widget("verksamheter").boxes["bvc"])
    qtbot.waitUntil(lambda: not form.message_label("verksamheter").isVisible(), timeout=2000)


def test_row_messages_sit_at_their_row(qtbot, make_form, consent, example):
    form = make_form(consent)
    data = dict(example)
    data["underskrifter"] = [{"name": "Tolvan Tolvansson", "date": "2026-03-02"},
                             {"name": "Elva Elvasdotter", "date": "2026-03-12"}]
    form.set_data(data)
    form.validate_all()
    rows = form.field_widget("underskrifter").rows
    assert not rows[0].message.isVisible()
    assert rows[1].message.isVisible()
    assert "framtiden" in rows[1].message.text()


def test_live_validation_only_for_touched_fields(qtbot, make_form, consent):
    form = make_form(consent)
    number = form.field_widget("barn_personnummer").number
    _type(qtbot, number, "20210315-9809")
    _leave(qtbot, form, form.field_widget("barn_telefon").edit)
    label = form.message_label("barn_personnummer")
    qtbot.waitUntil(label.isVisible, timeout=2000)
    assert "inte ett giltigt personnummer" in label.text()
    # Untouched required fields stay quiet until the user asks for a full check.
    assert not form.message_label("barn_namn").isVisible()
    assert not form.message_label("verksamheter").isVisible()
    assert not form.summary.isVisible()

    number.setFocus()
    number.selectAll()
    qtbot.keyClicks(number, "20210315-9808")
    qtbot.waitUntil(lambda: not label.isVisible(), timeout=2000)


def test_moving_within_a_field_does_not_touch_it(qtbot, make_form, consent):
    form = make_form(consent)
    ident = form.field_widget("barn_personnummer")
    ident.kind.setFocus()
    qtbot.waitUntil(ident.kind.hasFocus, timeout=1000)
    qtbot.keyClick(ident.kind, Qt.Key.Key_Tab)
    assert ident.number.hasFocus()
    qtbot.wait(400)  # longer than the validation delay
    assert not form.message_label("barn_personnummer").isVisible()
    qtbot.keyClick(ident.number, Qt.Key.Key_Tab)  # to "Skyddade personuppgifter": inside
    assert ident.protected.hasFocus()
    qtbot.keyClick(ident.protected, Qt.Key.Key_Tab)  # now it is left, still empty
    assert form.field_widget("barn_adress").edit.hasFocus()
    label = form.message_label("barn_personnummer")
    qtbot.waitUntil(label.isVisible, timeout=2000)
    assert "Måste fyllas i" in label.text()


def test_yes_no_by_keyboard(qtbot, make_form, consent):
    form = make_form(consent)
    widget = form.field_widget("overforing_vid_flytt")
    form.scroll.ensureWidgetVisible(widget.yes)
    widget.yes.setFocus()
    qtbot.waitUntil(widget.yes.hasFocus, timeout=1000)
    qtbot.keyClick(widget.yes, Qt.Key.Key_Space)
    assert form.data()["overforing_vid_flytt"] is True
    qtbot.keyClick(widget.yes, Qt.Key.Key_Right)
    assert widget.no.hasFocus()
    qtbot.keyClick(widget.no, Qt.Key.Key_Space)
    assert form.data()["overforing_vid_flytt"] is False


def test_undo_reports_the_change(qtbot, make_form, consent):
    form = make_form(consent)
    seen: list[dict] = []
    form.changed.connect(seen.append)
    edit = form.field_widget("barn_namn").edit
    type_text(qtbot, edit, "Ada")
    qtbot.keyClick(edit, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert edit.text() == "" and "barn_namn" not in seen[-1]


def test_unanswered_yes_no_is_absent_and_flagged(qtbot, make_form, consent):
    form = make_form(consent)
    widget = form.field_widget("overforing_vid_flytt")
    assert widget.value() is None
    assert not widget.yes.isChecked() and not widget.no.isChecked()
    click(qtbot, form, widget.no)
    assert form.data()["overforing_vid_flytt"] is False
    form.set_data({})
    assert "overforing_vid_flytt" not in form.data()
    assert not widget.yes.isChecked() and not widget.no.isChecked()


def test_protected_identity_hides_the_address(qtbot, make_form, consent, example):
    form = make_form(consent)
    form.set_data(example)
    adress = form.field_widget("barn_adress")
    assert adress.isVisibleTo(form)
    click(qtbot, form, form.field_widget("barn_personnummer").protected)
    assert not adress.isVisibleTo(form)
    assert form.data()["barn_personnummer"]["protected"] is True
    assert "barn_adress" in form.data()  # typing is never thrown away...
    assert "barn_adress" not in form.data(include_hidden=False)  # ...but never saved as final
    assert "barn_adress" in form.hidden_fields()


def test_signature_has_the_defined_slots_and_can_grow(qtbot, make_form, consent):
    form = make_form(consent)
    signers = form.field_widget("underskrifter")
    assert len(signers.rows) == 2  # slots: 2
    assert "vårdnadshavare" in signers.add_button.text()
    click(qtbot, form, signers.add_button)
    assert len(signers.rows) == 3
    _type(qtbot, signers.rows[2].cells["name"].edit, "Tredje Person")
    assert form.data()["underskrifter"] == [{}, {}, {"name": "Tredje Person"}]
    click(qtbot, form, signers.rows[2].remove)
    assert len(signers.rows) == 2
    assert "underskrifter" not in form.data()
    assert not signers.rows[0].remove.isVisible()  # the defined slots stay


def test_every_control_has_an_accessible_name_and_labels_have_buddies(qtbot, make_form, consent):
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLabel, QLineEdit, QPlainTextEdit

    form = make_form(consent)
    controls = [w for cls in (QLineEdit, QPlainTextEdit, QComboBox, QAbstractButton)
                for w in form.findChildren(cls)]
    assert len(controls) > 20
    missing = [f"{type(w).__name__}:{w.objectName()}" for w in controls if not w.accessibleName()]
    assert missing == []
    assert form.field_widget("barn_namn").edit.accessibleName() == "Barnet – Namn"
    assert form.field_widget("inhamtat_namn").edit.accessibleName() == "Samtycke inhämtat av – Namn"
    pnr = form.field_widget("barn_personnummer")
    assert pnr.number.accessibleName() == "Personnummer – nummer"
    assert "Obligatoriskt" in pnr.number.accessibleDescription()
    buddies = {label.buddy() for label in form.findChildren(QLabel) if label.buddy()}
    for field_id in ("barn_namn", "barn_personnummer", "barn_adress", "inhamtat_namn"):
        assert form.field_widget(field_id).controls()[0] in buddies


def test_tab_order_follows_the_visual_order(qtbot, make_form, consent):
    form = make_form(consent)
    expected = [c for fid in ("barn_namn", "barn_personnummer", "barn_adress", "barn_telefon")
                for c in form.field_widget(fid).controls() if c.isVisibleTo(form)]
    expected.append(form.field_widget("underskrifter").rows[0].cells["date"].picker.edit)
    expected[0].setFocus()
    qtbot.waitUntil(expected[0].hasFocus, timeout=1000)
    visited = [QApplication.focusWidget()]
    for _ in expected[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        visited.append(QApplication.focusWidget())
    assert [w.accessibleName() for w in visited] == [w.accessibleName() for w in expected]


def test_read_only_shows_but_does_not_change(qtbot, make_form, consent, example):
    form = make_form(consent)
    form.set_data(example)
    form.set_read_only(True)
    seen: list[dict] = []
    form.changed.connect(seen.append)
    name = form.field_widget("barn_namn").edit
    type_text(qtbot, name, "X")
    click(qtbot, form, form.field_widget("verksamheter").boxes["grundskola"])
    signers = form.field_widget("underskrifter")
    assert not signers.add_button.isEnabled()
    assert not signers.rows[0].cells["date"].picker.button.isEnabled()
    assert form.data() == example and seen == []
    assert name.isEnabled()  # readable and selectable, not greyed out
    form.set_read_only(False)
    type_text(qtbot, name, "X")
    assert form.data()["barn_namn"] == "Tyra TolvanssonX"


def test_common_accessibility_check_finds_nothing(qtbot, make_form, consent):
    from oro_desktop.gui.a11y import missing_accessible_names

    form = make_form(consent)
    assert missing_accessible_names(form) == []
