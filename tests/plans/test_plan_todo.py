"""Att göra lists plans whose follow-up is due (today or passed), each opening its case,
and picks up a saved version through the change stream."""

from __future__ import annotations

from datetime import datetime

from oro_desktop.gui.todo.load import load_todo
from oro_desktop.gui.todo.view import TodoView
from tests.plans.helpers import filled, newborn_case


def _view(qtbot, services, now):
    view = TodoView(services, None, now=lambda: now)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: not view.busy_now and view.data is not None, timeout=15_000)
    return view


def test_a_due_follow_up_is_listed_and_opens_its_case(services):
    case, _ = newborn_case(services)
    uid = services.plans.create(case, "barnets-plan")
    services.plans.save_version(uid, filled("barnets-plan", nasta_uppfoljning="2026-12-15"))
    group = {g.key: g for g in load_todo(services, datetime(2026, 12, 14, 9)).groups}["plans"]
    assert group.rows == () and group.empty_text.startswith("Ingen plan")
    group = {g.key: g for g in load_todo(services, datetime(2026, 12, 15, 9)).groups}["plans"]
    (row,) = group.rows
    assert (row.kind, row.ref, row.urgent) == ("case", case, False)
    assert row.title == "Nova Provare – Växjö"
    assert row.detail.startswith("Barnets plan: uppföljning 2026-12-15 (i dag), följs upp av Sven")
    group = {g.key: g for g in load_todo(services, datetime(2026, 12, 18, 9)).groups}["plans"]
    assert group.rows[0].urgent and "för 3 dagar sedan" in group.rows[0].detail
    assert group.title == "Planer att följa upp" and group.total == 1


def test_the_view_reloads_when_a_plan_is_saved(qtbot, services):
    case, _ = newborn_case(services)
    uid = services.plans.create(case, "barnets-plan")
    view = _view(qtbot, services, datetime(2026, 12, 20, 9))
    assert view.rows("plans") == []
    services.plans.save_version(uid, filled("barnets-plan", nasta_uppfoljning="2026-12-19"))
    qtbot.waitUntil(lambda: bool(view.rows("plans")) and not view.busy_now, timeout=15_000)
    assert view.rows("plans")[0].ref == case
