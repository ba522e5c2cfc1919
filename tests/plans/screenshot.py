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


def main(out_dir: Path, width: int = 1240) -> list[Path]:
    return [p for stem, pdf in pdfs().items() for p in pdf_to_pngs(pdf, out_dir, stem, width)]


if __name__ == "__main__":
    for p in main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots" / "plans",
                  int(sys.argv[2]) if len(sys.argv) > 2 else 1240):
        print(p)
