"""Developer tool: the Vägledning and Att göra screens on demo data, as PNGs.

    QT_QPA_PLATFORM=offscreen python tools/screenshots_guidance.py docs/screenshots

The main window at 1366×740 (a 1366×768 screen less a taskbar) on a throwaway demo store;
Vägledning shows Kronoberg, Markaryd, a Friday at 15.30, one parent yes and one no.
"""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import oro_desktop.gui  # noqa: F401 - refcount guard before Qt objects

from PySide6.QtWidgets import QApplication

from shots import MAIN_SIZE, throwaway_settings
from shots import wait as _wait


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    tmp = throwaway_settings()
    from oro_desktop.gui.controller import AppController
    from oro_desktop.gui.style import apply_style

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_style(app)
    demo = AppController(tmp / "unused.db", demo=True, remember_path=False, quit_app=False)
    demo.start()
    _wait(app, lambda: demo.window is not None and not demo.window.pending)  # store attached
    window = demo.window
    window.resize(MAIN_SIZE)
    window.show_section("todo")
    todo = window.section_widget("todo")
    _wait(app, lambda: todo.data is not None and bool(todo.rows("expiring"))
          and bool(todo.rows("unsigned")) and not todo.busy_now)
    window.grab().save(str(out / "todo.png"))
    print(out / "todo.png")

    window.show_section("guidance")
    view = window.section_widget("guidance")
    _wait(app, lambda: view.ready)
    form = view.form
    form.select_guideline("kronoberg-nyfott-barn")
    form.municipality_combo.setCurrentIndex(form.municipality_combo.findText("Markaryd"))
    form.name_edit.setText("BB-avdelningen, Centrallasarettet Växjö")
    form.answer_box("Förälder 1").set_answer("yes")
    form.answer_box("Förälder 2").set_answer("no")
    form.now_check.setChecked(False)
    form.time_edit.setDateTime(datetime(2026, 11, 27, 15, 30))
    _wait(app, lambda: True)
    window.grab().save(str(out / "guidance.png"))
    print(out / "guidance.png")
    demo.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
