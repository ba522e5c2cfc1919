"""Att göra with real widgets on a seeded store: expiring and unsigned consents, the
expiring guideline, opening a consent in the Samtycken editor, refresh on a change."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt

from oro_desktop.core.consent import ConsentStatus
from oro_desktop.gui.main_window import MainWindow
from oro_desktop.gui.sections import discover
from oro_desktop.gui.todo.view import TodoView
from oro_desktop.services.consents_demo import demo_seed

DECEMBER = datetime(2026, 12, 1, 9, 0)  # Jämtland's guideline has 30 days left


def make_todo(qtbot, services, now=DECEMBER) -> TodoView:
    view = TodoView(services, None, now=lambda: now)
    qtbot.addWidget(view)
    view.resize(1120, 600)
    view.show()
    qtbot.waitUntil(lambda: not view.busy_now and view.data is not None, timeout=15_000)
    return view


def test_lists_what_needs_doing_from_the_store(qtbot, session, services):
    demo_seed(session)
    expiring = services.consents.list(status=ConsentStatus.EXPIRING)
    printed = services.consents.list(status=ConsentStatus.PRINTED)
    waiting = services.consents.list(status=ConsentStatus.WAITING_OTHER)
    assert expiring and printed and waiting  # the seed has all three
    view = make_todo(qtbot, services)
    assert [r.ref for r in view.rows("expiring")] == [r.id for r in expiring]
    # One guardian of two has signed: not in force, so it waits with the unsigned (issue 12).
    assert [r.ref for r in view.rows("unsigned")] == [r.id for r in waiting + printed]
    assert all("andra vårdnadshavarens underskrift" in r.detail
               for r in view.rows("unsigned")[:len(waiting)])
    hugo = view.rows("expiring")[0]
    assert hugo.title.startswith("Hugo Exempelsson") and "dagar kvar" in hugo.detail
    guidelines = view.rows("guidelines")
    assert [r.ref for r in guidelines] == ["jamtland-harjedalen-vantat-barn"]
    assert "2026-12-31" in guidelines[0].detail and "30 dagar kvar" in guidelines[0].detail
    heads = [view.tree.topLevelItem(i).text(0) for i in range(view.tree.topLevelItemCount())]
    assert heads[0] == f"Samtycken som går ut inom 30 dagar ({len(expiring)})"


def test_an_expired_guideline_and_empty_groups_say_so(qtbot, services):
    view = make_todo(qtbot, services, now=datetime(2027, 1, 4, 9, 0))
    row = view.rows("guidelines")[0]
    assert row.urgent and row.detail.startswith("Riktlinjen gällde t.o.m. 2026-12-31 – kontrollera")
    first = view.tree.topLevelItem(0)
    assert first.child(0).text(0) == "Inga samtycken går ut inom 30 dagar."


def test_a_new_expiring_consent_appears_through_the_change_stream(qtbot, session, services):
    view = make_todo(qtbot, services)
    assert view.rows("expiring") == []
    demo_seed(session)  # another service object writes; the change stream tells the view
    qtbot.waitUntil(lambda: bool(view.rows("expiring")) and not view.busy_now, timeout=15_000)


def test_enter_on_an_expiring_consent_opens_it_in_samtycken(qtbot, session, services, quiet_dialogs):
    demo_seed(session)
    window = MainWindow(services, discover(strict=True))
    qtbot.addWidget(window)
    window.resize(1366, 740)
    window.show()
    assert window.current_section().id == "todo"
    todo = window.section_widget("todo")
    qtbot.waitUntil(lambda: todo.data is not None and not todo.busy_now, timeout=15_000)
    target = todo.rows("expiring")[0]
    assert todo.select("consent", target.ref)
    todo.tree.setFocus()
    qtbot.keyClick(todo.tree, Qt.Key.Key_Return)
    assert window.current_section().id == "consents"
    consents = window.section_widget("consents")
    assert [e.consent_id for e in consents.editors] == [target.ref]
    assert consents.editors[0].isVisible() and quiet_dialogs == []
    for editor in list(consents.editors):
        editor.reject()


def test_a_guideline_row_opens_vagledning_on_that_guideline(qtbot, services):
    window = MainWindow(services, discover(strict=True))
    qtbot.addWidget(window)
    window.show()
    todo = window.section_widget("todo")
    qtbot.waitUntil(lambda: todo.data is not None and not todo.busy_now, timeout=15_000)
    todo.now = lambda: DECEMBER  # the section's clock, as a test injects it
    todo.reload()
    qtbot.waitUntil(lambda: bool(todo.rows("guidelines")) and not todo.busy_now, timeout=15_000)
    assert todo.select("guideline", "jamtland-harjedalen-vantat-barn")
    todo.open_button.click()
    assert window.current_section().id == "guidance"
    guidance = window.section_widget("guidance")
    qtbot.waitUntil(lambda: guidance.ready, timeout=15_000)
    assert guidance.form.guideline().id == "jamtland-harjedalen-vantat-barn"


def test_a_protected_child_is_marked_in_att_gora():
    """The mark beside the child follows the row everywhere (domain.md), Att göra too."""
    from types import SimpleNamespace

    from oro_desktop.gui.todo.load import _child

    plain = SimpleNamespace(child_name="Tolvan Tolvansson", child_number="20121212-1212", mark="")
    marked = SimpleNamespace(child_name="Tyra Tolvansson", child_number="",
                             mark="Hemlig vistelseort")
    assert _child(plain) == "Tolvan Tolvansson (20121212-1212)"
    assert _child(marked) == "Tyra Tolvansson (Hemlig vistelseort)"
