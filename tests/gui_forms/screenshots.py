"""Save screenshots of the consent form for review: docs/screenshots/form-consent-*.png.

Run from the repository root (not collected by pytest: the file name has no test_ prefix):

    QT_QPA_PLATFORM=offscreen QT_QPA_FONTDIR=/usr/share/fonts/truetype/dejavu \
        .venv/bin/python tests/gui_forms/screenshots.py

Shots: the empty form, the example data, and a form with problems after "validate all",
each as the whole scrolled page at ~900 px wide, plus the first screenful of a
1366x768 window (what a clinician sees without scrolling).
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import oro_desktop.gui  # noqa: F401  (refcount guard before any Qt object)
from PySide6.QtCore import QRect
from PySide6.QtWidgets import QApplication, QFrame

from oro_desktop.core.forms import FormLibrary
from oro_desktop.gui.forms.builder import FormWidget

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "docs" / "screenshots"
TODAY = date(2026, 3, 10)


def _full_page(form: FormWidget, path: Path, width: int = 900) -> None:
    """Grab the whole scrolled page (the scroll area alone would show one screenful).

    The form is shown first: widgets never shown lay out their scroll bars lazily and
    would be photographed with scroll bars they do not have on screen.
    """
    form.resize(width, 700)
    form.show()
    QApplication.processEvents()
    page = form.scroll.widget()
    form.resize(width, page.sizeHint().height() + 4)
    QApplication.processEvents()
    cards = form.content.findChildren(QFrame, "formSection")
    bottom = max(c.mapTo(page, c.rect().bottomLeft()).y() for c in cards) + 17
    page.grab(QRect(0, 0, page.width(), min(bottom, page.height()))).save(str(path))
    form.close()


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    try:  # the application's look, when the style module is present
        from oro_desktop.gui.style import apply_style

        apply_style(app)
    except ImportError:
        pass
    OUT.mkdir(parents=True, exist_ok=True)
    definition = FormLibrary(ROOT / "forms").get("barnhalsoteam-samtycke")
    example = json.loads((ROOT / "forms/examples/barnhalsoteam-samtycke.v1.json").read_text())

    empty = FormWidget(definition, today_provider=lambda: TODAY)
    _full_page(empty, OUT / "form-consent-empty.png")

    filled = FormWidget(definition, today_provider=lambda: TODAY)
    filled.set_data(example)
    _full_page(filled, OUT / "form-consent-example.png")

    broken = dict(example)
    broken.pop("verksamheter")
    broken.pop("overforing_vid_flytt")
    broken["barn_personnummer"] = {"kind": "personnummer", "value": "20210315-9809"}
    broken["giltighet"] = {"from": "2026-03-02", "to": "2027-06-30"}
    broken["underskrifter"] = [{"name": "Tolvan Tolvansson", "date": "2026-03-02"},
                               {"date": "2026-03-12"}]
    problems = FormWidget(definition, today_provider=lambda: TODAY)
    problems.set_data(broken)
    problems.validate_all()
    _full_page(problems, OUT / "form-consent-problems.png")

    window = FormWidget(definition, today_provider=lambda: TODAY)
    window.set_data(broken)
    window.validate_all()
    window.resize(1366 - 220, 768 - 90)  # beside the navigation, under the tool bar
    window.show()
    window.focus_first_problem()
    QApplication.processEvents()
    window.grab().save(str(OUT / "form-consent-screen-1366x768.png"))
    window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
