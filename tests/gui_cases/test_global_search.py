"""Ctrl+F finds persons and cases as you type, grouped "Personer" / "Ärenden" in Ärenden;
choosing a person opens the one case or lists the person's cases; from a section without
a search of its own (Att göra) the search goes to Ärenden. Protected addresses never
appear, and a protected person's number is masked."""

from __future__ import annotations

from PySide6.QtCore import Qt

from oro_desktop.gui.main_window import MainWindow
from oro_desktop.gui.sections import discover

from .conftest import who


def window_on(qtbot, services, section):
    window = MainWindow(services, discover(strict=True))
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    window.show_section(section)
    qtbot.waitExposed(window)
    widget = window.section_widget(section)
    if section == "cases":
        qtbot.waitUntil(lambda: not widget.busy, timeout=15_000)
    else:  # Att göra reads on a worker and then focuses its list
        qtbot.waitUntil(lambda: not widget.busy_now, timeout=15_000)
        qtbot.wait(50)
    return window


def type_search(qtbot, window, text):
    window.activateWindow()
    window.search_action.trigger()  # Ctrl+F (the key itself: test_case_view.py)
    assert window.search_field.hasFocus()
    window.search_field.selectAll()
    qtbot.keyClicks(window.search_field, text)
    qtbot.keyClick(window.search_field, Qt.Key.Key_Return)


def test_a_name_shows_persons_and_cases_grouped_and_a_person_opens_the_case(qtbot, services, seeded):
    window = window_on(qtbot, services, "cases")
    view = window.section_widget("cases")
    qtbot.waitUntil(lambda: not view.busy and len(view.rows()) == 2, timeout=15_000)
    assert view.person_results.isHidden()  # no search: just the list
    type_search(qtbot, window, "Provare")
    qtbot.waitUntil(lambda: not view.busy and view.person_results.isVisible(), timeout=15_000)
    names = [h.name for h in view.person_results.hits()]
    assert {"Alva Provare", "Bo Provare", "Nyfödd Provare"} <= set(names)
    assert view.person_results.heading.text() == f"Personer ({len(names)})"
    assert view.cases_heading.text() == "Ärenden (1)" and [r.uid for r in view.rows()] == [seeded.newborn]
    alva = next(h for h in view.person_results.hits() if h.name == "Alva Provare")
    assert alva.number == "19880101-9905"
    assert view.person_results.choose(seeded.parent_a)  # one case: it opens
    qtbot.waitUntil(lambda: view.detail.view is not None and view.detail.view.row.uid == seeded.newborn)
    assert view.pages.currentWidget() is view.detail


def test_a_person_in_two_cases_lists_them(qtbot, services, seeded):
    cases = services.cases
    second = cases.open("Ljungby", guideline_id="kronoberg-nyfott-barn", concerns=["parenting"],
                        child=who(services, "Lilla Provare", "20210315-9808"), initiator_kind="BVC")
    cases.add_person(second, "guardian", who(services, "Alva Provare", "19880101-9905"))
    window = window_on(qtbot, services, "cases")
    view = window.section_widget("cases")
    type_search(qtbot, window, "Alva")
    qtbot.waitUntil(lambda: not view.busy and len(view.person_results.hits()) == 1, timeout=15_000)
    hit = view.person_results.hits()[0]
    assert len(hit.case_uids) == 2 and view.person_results.tree.topLevelItem(0).text(2).startswith("2 ärenden")
    view.person_results.tree.setFocus()  # Tab from the search field reaches it
    qtbot.keyClick(view.person_results.tree, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not view.busy and view.model.person is not None, timeout=15_000)
    assert sorted(r.uid for r in view.rows()) == sorted([seeded.newborn, second])
    assert view.cases_heading.text() == "Ärenden för Alva Provare (2)"
    assert view.all_hits.isVisible()
    view.all_hits.click()
    qtbot.waitUntil(lambda: not view.busy and view.model.person is None, timeout=15_000)
    assert view.cases_heading.text().startswith("Ärenden (")


def test_from_att_gora_the_search_goes_to_arenden_and_hides_a_protected_address(qtbot, services,
                                                                                 seeded):
    window = window_on(qtbot, services, "todo")
    assert window.search_field.isEnabled()
    assert window.search_field.placeholderText() == "Sök i Ärenden (Ctrl+F)"
    type_search(qtbot, window, "Tova")
    assert window.current_section().id == "cases"
    assert window.search_field.text() == "Tova"  # the text typed is kept
    view = window.section_widget("cases")
    qtbot.waitUntil(lambda: not view.busy and len(view.person_results.hits()) == 1, timeout=15_000)
    item = view.person_results.tree.topLevelItem(0)
    assert item.text(0) == "Tova Testsson" and item.text(1) == "19850312-****"
    assert "Skyddade personuppgifter" in item.toolTip(1)
    shown = [item.text(c) for c in range(3)] + [view.model.data(view.model.index(0, c))
                                                for c in range(view.model.columnCount())]
    assert not any("Hemlig" in str(t) for t in shown)
    assert [r.uid for r in view.rows()] == [seeded.expected]


def test_nothing_found_says_so(qtbot, services, seeded):
    window = window_on(qtbot, services, "cases")
    view = window.section_widget("cases")
    type_search(qtbot, window, "Ingenstansson")
    qtbot.waitUntil(lambda: not view.busy and view.person_results.isVisible(), timeout=15_000)
    assert view.person_results.heading.text() == "Personer: inga träffar"
    assert view.cases_heading.text() == "Ärenden: inga träffar" and view.rows() == []
