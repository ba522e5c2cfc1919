"""Auto-lock with a plan window open, through the real controller: the idle time locks,
the window goes with the main window, and after unlocking the plan opens with what was
typed restored ("Osparade ändringar från … återställdes"). Nothing typed is lost."""

from __future__ import annotations

from pathlib import Path

from oro_desktop.core.identity import missing
from oro_desktop.gui.sections.cases import SECTION as CASES
from oro_desktop.gui.plans.window import draft_key
from oro_desktop.services.case_views import PersonInput
from oro_desktop.services.session import Session
from tests.gui.helpers import ADMIN, ADMIN_PASSWORD, KDF, WAIT_MS, finish, log_in, make_controller


def _store_with_case(tmp_path: Path) -> tuple[Path, str]:
    path = tmp_path / "oro.db"
    session, _key = Session.create(path, ADMIN, ADMIN_PASSWORD, kdf=KDF)
    case = session.services.cases.open(
        "Växjö", guideline_id="kronoberg-nyfott-barn", concerns=["parenting"],
        child=PersonInput(name="Nyfödd Provare", identity=missing("Nyfött")),
        initiator_kind="BVC")
    session.close()
    return path, case


def _open_plan(qtbot, controller, case_uid: str, plan_uid: str | None = None):
    window = controller.window
    window.show_section("cases")
    qtbot.waitUntil(lambda: window.section_widget("cases") is not None, timeout=WAIT_MS)
    view = window.section_widget("cases")
    qtbot.waitUntil(lambda: not view.busy and bool(view.rows()), timeout=WAIT_MS)
    detail = view.open_case(case_uid)
    qtbot.waitUntil(lambda: detail.view is not None, timeout=WAIT_MS)
    tab = detail.plans_tab
    if plan_uid is None:
        return tab, tab.new_plan("barnets-plan")
    return tab, tab.open_plan(plan_uid)


def test_an_idle_lock_keeps_the_typing_of_an_open_plan(qtbot, tmp_path) -> None:
    path, case = _store_with_case(tmp_path)
    controller = make_controller(path, KDF, idle_ms=1500, sections=[CASES])
    controller.start()
    log_in(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT_MS)
    _tab, plan = _open_plan(qtbot, controller, case)
    qtbot.waitUntil(plan.isVisible)
    uid = plan.plan_uid
    box = plan.editor.form.field_widget("mal")
    box.edit.setFocus()
    qtbot.keyClicks(box.edit, "Trygg hemgang")
    with qtbot.waitSignal(controller.locked, timeout=8000):
        pass  # no more input: the idle timer locks
    assert controller.window is None
    qtbot.waitUntil(lambda: controller.unlock_dialog is not None
                    and controller.unlock_dialog.isVisible(), timeout=WAIT_MS)

    log_in(qtbot, controller, ADMIN, ADMIN_PASSWORD)
    qtbot.waitUntil(lambda: controller.window is not None, timeout=WAIT_MS)
    assert controller.session.drafts.load(draft_key(uid))["data"]["mal"].endswith("Trygg hemgang")
    _tab, again = _open_plan(qtbot, controller, case, uid)
    qtbot.waitUntil(again.isVisible)
    assert again.editor.data()["mal"].endswith("Trygg hemgang")
    assert again.notice.text().startswith("Osparade ändringar från ")
    again.close_keeping_draft()
    finish(controller)
