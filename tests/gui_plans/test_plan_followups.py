"""Plan follow-ups with real widgets on a real store: the cases section forwards the shell's
flush_drafts() to open plan windows (drafted, closed without asking), "Familjens version…"
is disabled with the reason under the violence exemption, a closed case's plan opens
read-only, and the whole case tab bar is visible at 1366×740 with a passed follow-up."""

from __future__ import annotations

import os
from datetime import date

from PySide6.QtWidgets import QApplication, QMessageBox

from oro_desktop.gui.plans.case_tab import DUE_TIP, TAB_TITLE_DUE
from oro_desktop.gui.plans.texts import FAMILY_REFUSED
from oro_desktop.gui.plans.window import draft_key
from oro_desktop.services.services import Services

from .conftest import TODAY, filled_plan, make_tab

SHOTS = os.environ.get("ORO_SHOTS")


def _cases_view(qtbot, services, case_uid, size=(1366, 740)):
    from oro_desktop.gui.cases.section import CasesView

    view = CasesView(services, None)
    qtbot.addWidget(view)
    view.resize(*size)
    view.show()
    qtbot.waitUntil(lambda: not view.busy, timeout=15_000)
    detail = view.open_case(case_uid)
    qtbot.waitUntil(lambda: detail.view is not None and detail.view.row.uid == case_uid)
    return view, detail


def _saved_plan(services, case_uid, follow_up="2026-12-15"):
    uid = services.plans.create(case_uid, "barnets-plan")
    services.plans.save_version(uid, filled_plan(nasta_uppfoljning=follow_up))
    return uid


def test_the_cases_section_forwards_flush_drafts_to_open_plan_windows(qtbot, services, seeded):
    plan = _saved_plan(services, seeded.newborn)
    view, detail = _cases_view(qtbot, services, seeded.newborn)
    window = detail.plans_tab.open_plan(plan)
    qtbot.waitUntil(window.isVisible)
    box = window.editor.form.field_widget("mal")
    box.edit.setFocus()
    qtbot.keyClicks(box.edit, " Trygg hemgång")
    view.flush_drafts()  # what the main window calls before an auto-lock
    assert services.drafts.load(draft_key(plan))["data"]["mal"].startswith(" Trygg hemgång")
    window.reject()  # the controller rejects every dialog at a lock
    assert window.question is None  # closed without asking
    assert not any(isinstance(w, QMessageBox) and w.isVisible()
                   for w in QApplication.topLevelWidgets())
    assert plan not in detail.plans_tab.windows


def test_the_family_copy_is_disabled_with_the_reason_under_the_exemption(qtbot, services, seeded):
    plan = _saved_plan(services, seeded.newborn)
    tab = make_tab(qtbot, services, seeded.newborn)
    assert tab.family_button.isEnabled() and not tab.exempt_label.isVisible()
    parent = services.cases.view(seeded.newborn).persons[1].uid
    services.cases.record_consent(seeded.newborn, parent, answer="no", manner="oral",
                                  asked_on=TODAY, asked_by="BVC", function="BVC",
                                  content="Oron", said="Nej")
    services.cases.set_contact_facts(seeded.newborn, violence=True, parent_takes_part=False)
    qtbot.waitUntil(lambda: not tab.family_button.isEnabled())  # Change("case") reloads
    assert tab.family_button.toolTip() == FAMILY_REFUSED
    assert tab.exempt_label.isVisible() and tab.print_button.isEnabled()
    window = tab.open_plan(plan)
    qtbot.waitUntil(window.isVisible)
    assert not window.family_button.isEnabled()
    assert window.family_button.toolTip() == FAMILY_REFUSED
    window.reject()
    # the parent takes part after all: the family copy is offered again
    services.cases.set_contact_facts(seeded.newborn, violence=True, parent_takes_part=True)
    qtbot.waitUntil(tab.family_button.isEnabled)
    assert not tab.exempt_label.isVisible()


def test_a_plan_of_a_closed_case_opens_read_only(qtbot, services, seeded):
    plan = _saved_plan(services, seeded.newborn)
    services.cases.close(seeded.newborn)
    tab = make_tab(qtbot, services, seeded.newborn)
    window = tab.open_plan(plan)
    qtbot.waitUntil(window.isVisible)
    assert window.read_only_banner.isVisible()
    assert "avslutades" in window.read_only_banner.text()
    assert not window.save_button.isVisible() and not window.save_action.isEnabled()
    assert window.editor.form.is_read_only() and not window.editor.toolbar.isEnabled()
    assert window.print_button.isEnabled()
    box = window.editor.form.field_widget("mal")
    before = window.editor.data()
    box.edit.setFocus()
    qtbot.keyClicks(box.edit, "x")
    assert window.editor.data() == before and not window.is_dirty()
    assert window.save_version() is False
    assert [v.number for v in services.plans.versions(plan)] == [1]
    assert services.drafts.load(draft_key(plan)) is None
    if SHOTS:
        window.resize(1060, 700)
        window.grab().save(os.path.join(SHOTS, "plan-read-only.png"))
    window.reject()


def test_the_whole_tab_bar_is_visible_at_1366_with_a_passed_follow_up(qtbot, session, services,
                                                                       seeded):
    _saved_plan(services, seeded.newborn, "2026-12-15")
    later = Services(session, today=lambda: date(2026, 12, 20))
    view, detail = _cases_view(qtbot, later, seeded.newborn, size=(1366, 740))
    tabs = detail.tabs
    index = tabs.indexOf(detail.plans_tab)
    qtbot.waitUntil(lambda: tabs.tabText(index) == TAB_TITLE_DUE)
    assert tabs.tabToolTip(index) == DUE_TIP
    assert "uppföljning passerad" in tabs.tabBar().accessibleTabName(index)
    bar = tabs.tabBar()
    last = bar.tabRect(bar.count() - 1)
    assert bar.tabRect(0).left() >= 0 and last.right() <= bar.width(), (last, bar.width())
    assert all(bar.tabRect(i).width() > 0 for i in range(bar.count()))
    if SHOTS:
        view.grab().save(os.path.join(SHOTS, "case-tabs-1366.png"))


def _todo_item(todo, key):
    from oro_desktop.gui.todo.view import GROUP_ROLE

    for i in range(todo.tree.topLevelItemCount()):
        head = todo.tree.topLevelItem(i)
        if head.data(0, GROUP_ROLE) == key and head.childCount():
            return head.child(0)
    return None


def test_att_gora_opens_a_plan_follow_up_on_the_planer_tab(qtbot, session, services, seeded):
    from PySide6.QtCore import Qt

    from oro_desktop.gui.main_window import MainWindow
    from oro_desktop.gui.sections import discover
    from oro_desktop.services.disclosures import Party

    plan = _saved_plan(services, seeded.newborn, TODAY.isoformat())  # due today
    parent = services.cases.view(seeded.newborn).persons[1].uid
    services.cases.record_consent(seeded.newborn, parent, answer="no", manner="oral",
                                  asked_on=TODAY, asked_by="BVC", function="BVC",
                                  content="Oron", said="Nej")
    services.disclosures.record(
        seeded.newborn, disclosed_on=TODAY, sender=Party("BVC Växjö", "BVC", True),
        recipient=Party("Socialtjänsten Växjö", "socialtjänsten", True), legal_basis="osl-25-12",
        content="Oro", decided_by="Chef", told_before_on=TODAY, told_before="Att kontakt tas.")
    window = MainWindow(services, discover(strict=True))
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    todo = window.section_widget("todo")
    qtbot.waitUntil(lambda: todo.data is not None and not todo.busy_now, timeout=15_000)
    assert [(r.kind, r.ref) for r in todo.rows("plans")] == [("case", seeded.newborn)]
    todo.tree.setCurrentItem(_todo_item(todo, "plans"))
    qtbot.keyClick(todo.tree, Qt.Key.Key_Return)
    assert window.current_section().id == "cases"
    detail = window.section_widget("cases").detail
    qtbot.waitUntil(lambda: detail.view is not None and detail.view.row.uid == seeded.newborn)
    assert detail.tabs.currentWidget() is detail.plans_tab
    assert detail.plans_tab.selected_uid() == plan
    # the same case's "to be told afterwards" row opens it as before, not on Planer
    detail.tabs.setCurrentIndex(0)
    window.show_section("todo")
    todo.tree.setCurrentItem(_todo_item(todo, "tell_after"))
    qtbot.keyClick(todo.tree, Qt.Key.Key_Return)
    assert detail.tabs.currentWidget() is not detail.plans_tab
