"""Developer tool: the Ärenden case view on demo data, as PNGs.

    QT_QPA_PLATFORM=offscreen python tools/screenshots_cases.py docs/screenshots [--all]

The main window at 1366×740 (a 1366×768 screen less a taskbar) on a throwaway demo store;
the Kronoberg newborn whose parents answered differently (one yes, one no), on the
Samtycken tab. With --all, every tab and the list too (to look at, not to ship).
"""

from __future__ import annotations

import sys
from pathlib import Path

import oro_desktop.gui  # noqa: F401 - refcount guard before Qt objects

from PySide6.QtWidgets import QApplication

from shots import MAIN_SIZE, throwaway_settings
from shots import wait as _wait


def main(argv: list[str]) -> int:
    every = "--all" in argv
    argv = [a for a in argv if a != "--all"]
    out = Path(argv[0] if argv else "docs/screenshots")
    out.mkdir(parents=True, exist_ok=True)
    tmp = throwaway_settings()
    from oro_desktop.gui.controller import AppController
    from oro_desktop.gui.style import apply_style

    app = QApplication.instance() or QApplication(sys.argv[:1])
    apply_style(app)
    demo = AppController(tmp / "unused.db", demo=True, remember_path=False, quit_app=False)
    demo.start()
    _wait(app, lambda: demo.window is not None)
    window = demo.window
    window.resize(MAIN_SIZE)
    window.show_section("cases")
    _wait(app, lambda: window.section_widget("cases") is not None)
    view = window.section_widget("cases")
    _wait(app, lambda: not view.busy and bool(view.rows()))
    if every:
        window.grab().save(str(out / "cases-list.png"))
    row = next(r for r in view.rows() if r.municipality == "Växjö")
    detail = view.open_case(row.uid)
    _wait(app, lambda: detail.view is not None)
    detail.tabs.setCurrentIndex(1)
    _wait(app, lambda: True)
    window.grab().save(str(out / "case-view.png"))
    print(out / "case-view.png")
    if every:
        for index in range(detail.tabs.count()):
            detail.tabs.setCurrentIndex(index)
            _wait(app, lambda: True)
            window.grab().save(str(out / f"case-tab-{index}.png"))
    demo.quit()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
