"""Vägledning with real widgets and the shipped guidelines: each parent answers for
himself/herself, the private-provider warning, the expired-guideline flag, whom to call
on a Friday afternoon in Markaryd, and the keyboard."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from oro_desktop.gui.a11y import missing_accessible_names
from oro_desktop.gui.sections import discover

from .conftest import FRIDAY_1530, make_guidance

KRONOBERG = "kronoberg-nyfott-barn"
JAMTLAND = "jamtland-harjedalen-vantat-barn"


def _kronoberg(view, municipality: str = "Växjö") -> None:
    form = view.form
    assert form.select_guideline(KRONOBERG)
    form.municipality_combo.setCurrentIndex(form.municipality_combo.findText(municipality))


def _steps_for(view, person: str) -> list[tuple[int | None, str]]:
    guidance = view.panel.result.guidance
    return [(s.alternative, s.step.id) for s in guidance.steps if person in s.applies_to]


def test_sections_are_registered_with_att_gora_first():
    sections = discover(strict=True)
    assert sections[0].id == "todo" and sections[0].title == "Att göra"
    assert "guidance" in {s.id for s in sections}


def test_the_region_setting_puts_its_guideline_first(qtbot, session, services):
    session.set_setting("default_region", "kronoberg")
    view = make_guidance(qtbot, services)
    combo = view.form.guideline_combo
    assert combo.itemData(0) == KRONOBERG and view.form.guideline().id == KRONOBERG
    labels = [combo.itemText(i) for i in range(combo.count())]
    assert any("Jämtland" in t and "2026-12-31" in t for t in labels)  # validity in the list
    assert [b.person for b in view.form.answers] == ["Förälder 1", "Förälder 2"]


def test_one_parent_yes_the_other_no_each_gets_their_own_alternative(qtbot, services):
    view = make_guidance(qtbot, services)
    _kronoberg(view)
    one, two = view.form.answer_box("Förälder 1"), view.form.answer_box("Förälder 2")
    assert one.group is not two.group  # two independent controls, never one for both
    qtbot.mouseClick(one.buttons["yes"], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(two.buttons["no"], Qt.MouseButton.LeftButton)
    assert one.answer() == "yes" and two.answer() == "no"  # clicking one left the other
    text = view.panel.result.persons.text()
    assert "Förälder 1</b>: ja → <b>Alternativ 1" in text
    assert "Förälder 2</b>: nej → <b>Alternativ 2" in text
    guidance = view.panel.result.guidance
    assert {p.person: p.alternative for p in guidance.persons} == {"Förälder 1": 1, "Förälder 2": 2}
    two_steps = [s for a, s in _steps_for(view, "Förälder 2") if a == 2]
    assert two_steps and not [s for a, s in _steps_for(view, "Förälder 1") if a == 2]
    assert "each_parent_answers" in view.panel.result.warning_codes()
    # The other parent's answer changes nothing for the first.
    qtbot.mouseClick(two.buttons["yes"], Qt.MouseButton.LeftButton)
    assert one.answer() == "yes"
    qtbot.mouseClick(two.buttons["not_asked"], Qt.MouseButton.LeftButton)
    guidance = view.panel.result.guidance
    assert {p.person: p.alternative for p in guidance.persons} == {"Förälder 1": 1, "Förälder 2": None}
    assert "consent_not_asked" in view.panel.result.warning_codes()
    assert any(t.startswith("Varning: Förälder 2 har inte tillfrågats") for t in view.panel.result.warning_texts())
    assert not any("Förälder 1 har inte tillfrågats" in t for t in view.panel.result.warning_texts())


def test_a_private_initiator_gets_the_psl_warning(qtbot, services):
    view = make_guidance(qtbot, services)
    assert view.form.select_guideline(JAMTLAND)
    view.form.answer_box("Den gravida").set_answer("no")
    assert "private_party" not in view.panel.result.warning_codes()
    qtbot.keyClicks(view.form.name_edit, "Privata vardcentralen")
    qtbot.mouseClick(view.form.private_radio, Qt.MouseButton.LeftButton)
    codes = view.panel.result.warning_codes()
    assert "private_party" in codes
    text = view.panel.result.warning_texts()[codes.index("private_party")]
    assert "Privata vardcentralen är en privat verksamhet" in text
    assert "Patientsäkerhetslagen (2010:659) 6 kap. 12 §" in text
    assert "Patientsäkerhetslagen (2010:659) 6 kap. 12 §" in view.panel.result.browsers["legal"].toPlainText()


def test_jamtland_is_flagged_on_and_after_its_valid_through_date(qtbot, services):
    flag = "Riktlinjen gällde t.o.m. 2026-12-31 – kontrollera om det finns en ny version."
    for day in (datetime(2026, 12, 31, 9, 0), datetime(2027, 3, 1, 9, 0)):
        view = make_guidance(qtbot, services, now=day)
        assert view.form.select_guideline(JAMTLAND)
        result = view.panel.result
        assert flag in result.validity.text() and result.validity.property("role") == "warning"
        assert result.warning_codes()[0] == "guideline_expired"
        qtbot.waitUntil(view.form.validity_label.isVisible)
        assert view.form.validity_label.text() == flag
        combo = view.form.guideline_combo
        assert "har gått ut" in combo.itemText(combo.findData(JAMTLAND))
    before = make_guidance(qtbot, services, now=datetime(2026, 12, 30, 9, 0))
    before.form.select_guideline(JAMTLAND)
    assert "guideline_expired" not in before.panel.result.warning_codes()
    assert "gällde" not in before.panel.result.validity.text()


def test_markaryd_on_a_friday_at_1530_is_closed_with_the_112_line_first(qtbot, services):
    view = make_guidance(qtbot, services, now=FRIDAY_1530)
    _kronoberg(view, "Markaryd")
    view.form.answer_box("Förälder 1").set_answer("yes")
    view.form.answer_box("Förälder 2").set_answer("yes")
    contacts = view.panel.result.contacts
    social = [line for line in contacts.lines() if line[0].startswith("Socialtjänsten")]
    assert social[0][1:3] == ("112 (larmnummer)", "112")
    assert "ring 112" in social[0][3]
    markaryd = social[1]
    assert "Markaryd" in markaryd[1] and markaryd[2] == "0433-720 00"
    assert markaryd[3].startswith("Stängt nu")
    head = contacts.tree.topLevelItem(0)
    assert head.text(2) == "Stängt nu" and "enhetens egna öppettider" in head.toolTip(0)
    assert "no_after_hours_route" in view.panel.result.warning_codes()
    # Ctrl+C on the selected contact copies its number.
    contacts.tree.setFocus()
    contacts.tree.setCurrentItem(head.child(1))
    QGuiApplication.clipboard().clear()
    qtbot.keyClick(contacts.tree, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QGuiApplication.clipboard().text() == "0433-720 00"
    assert contacts.copied.text() == "Kopierat: 0433-720 00"
    # At 14.30 the same day the unit is open and comes first.
    view.form.now_check.setChecked(False)
    view.form.time_edit.setDateTime(datetime(2026, 11, 27, 14, 30))
    social = [line for line in contacts.lines() if line[0].startswith("Socialtjänsten")]
    assert "Markaryd" in social[0][1] and social[0][3].startswith("Öppet nu")


def test_the_steps_show_their_source_and_current_law(qtbot, services):
    view = make_guidance(qtbot, services)
    _kronoberg(view)
    view.form.answer_box("Förälder 1").set_answer("no")
    view.form.answer_box("Förälder 2").set_answer("no")
    steps = view.panel.result.browsers["steps"].toPlainText()
    assert "Källa: Samverkan vid avsaknad av samtycke, punkt 2" in steps
    assert "SoL (2025:400) 19 kap. 1 § (tidigare SoL (2001:453) 14 kap. 1 §)" in steps
    assert view.panel.result.tabs.isTabEnabled(3)  # ways to motivate consent
    assert "motivera" in view.panel.result.browsers["motivate"].toPlainText()
    assert "Kommunen kan" in view.panel.result.browsers["interventions"].toPlainText()


def test_keyboard_reaches_every_control_and_each_has_a_name(qtbot, services):
    view = make_guidance(qtbot, services)
    _kronoberg(view)
    view.form.violence_check.setChecked(True)  # enables "delaktig"
    view.form.now_check.setChecked(False)  # enables the time
    view.activateWindow()
    assert missing_accessible_names(view) == []
    wanted = [w for w in view.findChildren(QWidget)
              if w.isVisibleTo(view) and w.isEnabled()
              and w.focusPolicy() & Qt.FocusPolicy.TabFocus
              and not w.objectName().startswith("qt_")
              and w.metaObject().className() not in ("QScrollBar", "QTabBar", "QTabWidget", "QWidget",
                                                         "QSplitterHandle")]
    names = {w.objectName() for w in wanted}
    for expected in ("guidelineCombo", "municipalityCombo", "initiatorCombo", "initiatorName",
                     "violenceCheck", "parentTakesPart", "useNow", "situationTime",
                     "contactsNowTree", "guidance_steps"):
        assert expected in names
    view.form.guideline_combo.setFocus()
    reached = set()
    for _ in range(80):
        widget = QApplication.focusWidget()
        if widget is not None:
            reached.add(widget)
        qtbot.keyClick(QApplication.focusWidget() or view, Qt.Key.Key_Tab)
    # Radio buttons of one group share a tab stop (arrows move within it): one per group.
    missing = [w.objectName() for w in wanted if w not in reached
               and not (w.metaObject().className() == "QRadioButton")]
    assert missing == []
    for box in view.form.answers:
        assert any(b in reached for b in box.buttons.values()), box.person
    assert any(b in reached for b in (view.form.public_radio, view.form.private_radio))
    assert view.panel.result.tabs.tabBar() in reached  # the tabs: Steg, Lagrum, ...


def test_mnemonics_are_unique_and_leave_the_windows_own_free(qtbot, services):
    from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel

    view = make_guidance(qtbot, services)
    _kronoberg(view)
    letters: list[str] = []
    for widget in view.findChildren(QWidget):
        if not isinstance(widget, (QLabel, QAbstractButton, QGroupBox)) or not widget.isVisibleTo(view):
            continue
        text = widget.title() if isinstance(widget, QGroupBox) else widget.text()
        if isinstance(widget, QLabel) and widget.textFormat() == Qt.TextFormat.RichText:
            continue
        index = text.replace("&&", "").find("&")
        if index >= 0:
            letters.append(text.replace("&&", "")[index + 1].lower())
    assert len(letters) == len(set(letters)) and len(letters) >= 12
    assert not set(letters) & set("slarvh")  # Sök, Lås, Arkiv, Redigera, Visa, Hjälp


def test_a_local_number_edited_under_kontakter_shows_when_the_view_is_shown_again(qtbot, services):
    from dataclasses import replace

    from oro_desktop.core.contacts.model import Phone

    view = make_guidance(qtbot, services)
    _kronoberg(view, "Markaryd")
    assert any(line[2] == "0433-720 00" for line in view.panel.result.contacts.lines())
    entry = services.contacts.get("kronoberg/socialtjanst/markaryd")
    services.contacts.save_entry(replace(entry, phones=(Phone("0433-999 99", "lokalt nummer"),)))
    view.hide()
    view.show()
    numbers = [line[2] for line in view.panel.result.contacts.lines()]
    assert "0433-999 99" in numbers and "0433-720 00" not in numbers
