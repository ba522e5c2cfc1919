"""Render the plan PDFs (both forms, the family copies) to PNGs for docs/screenshots/plans/.

Not a test: run by hand after changing the look, then look at the pictures.
    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.plans.screenshot
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from oro_desktop.core.forms import FormLibrary
from oro_desktop.core.plans import plan_from_data
from oro_desktop.pdf import render_form
from oro_desktop.pdf.plan_family import render_family_copy
from tests.plans.pdf_png import pdf_to_pngs

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "resources" / "fonts"
STAMP = "Version 1 · sparad 2026-11-23"


def pdfs() -> dict[str, bytes]:
    library = FormLibrary(ROOT / "forms")
    out = {}
    for form_id in ("samordnad-plan-vantat-barn", "barnets-plan"):
        definition = library.get(form_id)
        data = json.loads((ROOT / "forms" / "examples" / f"{form_id}.v1.json").read_text("utf-8"))
        out[form_id] = render_form(definition, data, fonts_dir=FONTS, stamp=STAMP)
        out[f"{form_id}-familj"] = render_family_copy(plan_from_data(definition, data),
                                                      fonts_dir=FONTS, stamp=STAMP)
    return out


def editor_pngs(out_dir: Path) -> list[Path]:
    """The editor with the Kronoberg example after a typed row: top, and the interventions."""
    from datetime import date

    from PySide6.QtWidgets import QApplication

    from oro_desktop.core.guidance import load_guidelines, load_references
    from oro_desktop.gui.plans.editor import PlanEditor

    app = QApplication.instance() or QApplication(sys.argv)
    refs = load_references(ROOT / "resources" / "legal" / "references.yaml")
    guideline = load_guidelines(ROOT / "resources" / "guidelines", refs)["kronoberg-nyfott-barn"]
    editor = PlanEditor(FormLibrary(ROOT / "forms").get("barnets-plan"),
                        today_provider=lambda: date(2026, 11, 23), guideline=guideline)
    editor.set_data(json.loads((ROOT / "forms" / "examples" / "barnets-plan.v1.json")
                               .read_text("utf-8")))
    editor.move_row("insatser", 2, -1)  # something to undo: the toolbar names it
    editor.resize(1000, 900)
    editor.show()
    app.processEvents()
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    top = out_dir / "plan-editor.png"
    editor.grab().save(str(top))
    written.append(top)
    rows = editor.rows_widget("insatser")
    editor.form.scroll.ensureWidgetVisible(rows, 0, 0)
    editor.form.scroll.verticalScrollBar().setValue(rows.mapTo(editor.form.scroll.widget(),
                                                               rows.rect().topLeft()).y() - 60)
    app.processEvents()
    lower = out_dir / "plan-editor-insatser.png"
    editor.grab().save(str(lower))
    written.append(lower)
    editor.close()
    return written


def main(out_dir: Path, width: int = 1240) -> list[Path]:
    from PySide6.QtWidgets import QApplication

    QApplication.instance() or QApplication(sys.argv)
    pngs = [p for stem, pdf in pdfs().items() for p in pdf_to_pngs(pdf, out_dir, stem, width)]
    return pngs + editor_pngs(out_dir)


if __name__ == "__main__":
    for p in main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots" / "plans",
                  int(sys.argv[2]) if len(sys.argv) > 2 else 1240):
        print(p)
