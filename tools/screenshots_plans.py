"""Developer tool: the plan screens on demo data, as PNGs for the README.

    QT_QPA_PLATFORM=offscreen python tools/screenshots_plans.py docs/screenshots/plans

A throwaway demo store (fictitious people only). The Jämtland expected child's case
(Östersund), whose demo plan has two versions and a passed follow-up: its Planer tab;
the plan window after an added intervention row; the history with the diff between the
two versions; pages 1 and 2 of the plan's PDF and page 1 of the family copy, rendered by the plan
service and turned into PNGs with `pdftoppm -png`. Without demo plans, a barnets plan is
made for the Växjö newborn from the form's shipped example and saved twice.
"""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import oro_desktop.gui  # noqa: F401 - refcount guard before Qt objects

from PySide6.QtWidgets import QApplication

from shots import MAIN_SIZE, throwaway_settings
from shots import wait as _wait

ROOT = Path(__file__).resolve().parents[1]


def _example(form_id: str) -> dict:
    return json.loads((ROOT / "forms" / "examples" / f"{form_id}.v1.json").read_text("utf-8"))


def _plan_with_history(services, case_uid: str) -> str:
    """A plan of the case with two versions, the newest adding a row (made if missing)."""
    plans = services.plans
    rows = [r for r in plans.for_case(case_uid) if r.versions >= 2]
    if rows:
        return rows[0].uid
    uid = plans.create(case_uid, "barnets-plan")
    _definition, prefilled = plans.current(uid)  # the case's own child and parents
    data = {**_example("barnets-plan"), **{k: v for k, v in prefilled.items() if v}}
    plans.save_version(uid, data)
    data = copy.deepcopy(data)
    data.setdefault("insatser", []).append({
        "part": "Kommunen", "vad": "Föräldrastöd i hemmet: familjebehandlare en gång i veckan.",
        "ansvarig": "Sven Testsson, socialsekreterare", "status": "planerad"})
    data["nasta_uppfoljning"] = "2027-01-12"
    data["insatser"][0]["status"] = "klar"
    plans.save_version(uid, data)
    return uid


def _pdf_png(pdf: bytes, out: Path, page: int = 1) -> Path:
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "doc.pdf"
        src.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", str(page), "-l", str(page),
                        "-singlefile", str(src), str(out.with_suffix(""))], check=True)
    return out


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "docs/screenshots/plans")
    out.mkdir(parents=True, exist_ok=True)
    tmp = throwaway_settings()
    from oro_desktop.gui.controller import AppController
    from oro_desktop.gui.style import apply_style

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_style(app)
    demo = AppController(tmp / "unused.db", demo=True, remember_path=False, quit_app=False)
    seeded: list[bool] = []
    demo.demo_seeded.connect(lambda: seeded.append(True))
    demo.start()
    _wait(app, lambda: demo.window is not None and bool(seeded), limit=60)
    window = demo.window
    window.resize(MAIN_SIZE)
    services = window.services
    window.show_section("cases")
    _wait(app, lambda: window.section_widget("cases") is not None)
    view = window.section_widget("cases")
    _wait(app, lambda: not view.busy and bool(view.rows()))
    row = next((r for r in view.rows() if r.municipality == "Östersund"
                and services.plans.for_case(r.uid)), None)
    row = row or next(r for r in view.rows() if r.municipality == "Växjö")
    plan_uid = _plan_with_history(services, row.uid)
    detail = view.open_case(row.uid)
    _wait(app, lambda: detail.view is not None)
    tab = detail.plans_tab
    detail.tabs.setCurrentWidget(tab)
    _wait(app, lambda: not tab.busy and bool(tab.rows()))
    tab.select(plan_uid)
    written = [out / "app-case-plans.png"]
    window.grab().save(str(written[-1]))

    plan_window = tab.open_plan(plan_uid)
    plan_window.resize(1280, 720)
    _wait(app, plan_window.isVisible)
    editor = plan_window.editor
    rows = editor.rows_widget("insatser")
    editor.add_row("insatser", {"part": "Regionen", "vad": "Samtal med kurator på "
                                "barnmorskemottagningen.", "ansvarig": "Maja Exempelsson, barnmorska"})
    _wait(app, lambda: True)
    editor.form.scroll.ensureWidgetVisible(rows.rows[-1].cells["vad"], 50, 260)
    _wait(app, lambda: True)
    written.append(out / "app-plan-window.png")
    plan_window.grab().save(str(written[-1]))
    editor.undo_action.trigger()

    history = plan_window.open_history()
    history.resize(1100, 640)
    _wait(app, history.isVisible)
    written.append(out / "app-plan-history.png")
    history.grab().save(str(written[-1]))
    history.reject()
    plan_window.close_keeping_draft()
    services.drafts.delete(plan_window.key)

    plan_pdf = services.plans.pdf_job(plan_uid)()
    written.append(_pdf_png(plan_pdf, out / "app-plan-pdf-page1.png"))
    written.append(_pdf_png(plan_pdf, out / "app-plan-pdf-page2.png", page=2))
    written.append(_pdf_png(services.plans.pdf_job(plan_uid, family=True)(),
                            out / "app-plan-family-pdf-page1.png"))
    for path in written:
        print(path)
    demo.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
