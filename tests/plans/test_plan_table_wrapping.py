"""A repeating field's table breaks the words of a cell at spaces, never inside a word:
the plan PDF's "Sven Testsson, socialsekreterare" and "Barnmorskemottagningen" stay whole
(the columns are widened to their longest word, taken from columns with room)."""

from __future__ import annotations

import io

from pypdf import PdfReader

from oro_desktop.core.forms import FormLibrary
from oro_desktop.paths import forms_dir, resources_dir
from oro_desktop.pdf import render_form
from oro_desktop.pdf.render import CELL_PADDING, fit_widths
from tests.plans.conftest import example


def _lines(pdf: bytes) -> list[str]:
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages)
    return [line.strip() for line in text.splitlines()]


def test_long_words_in_plan_cells_are_never_split():
    definition = FormLibrary(forms_dir()).get("samordnad-plan-vantat-barn")
    data = example("samordnad-plan-vantat-barn")
    pdf = render_form(definition, data, fonts_dir=resources_dir() / "fonts")
    words = {w for line in _lines(pdf) for w in line.split()}
    rows = [r for v in data.values() if isinstance(v, list) for r in v if isinstance(r, dict)]
    cell_words = {w.strip(",.") for r in rows for v in r.values() if isinstance(v, str)
                  for w in v.split() if len(w) >= 12}
    assert cell_words, "the example has long words in its tables"
    found = {w.strip(",.") for w in words}
    assert cell_words <= found, sorted(cell_words - found)


def test_fit_widths_widens_a_narrow_column_from_the_others():
    widths = fit_widths([100.0, 100.0, 100.0], [10.0, 10.0, 10.0], [20.0, 120.0, 30.0])
    assert abs(sum(widths) - 300.0) < 1e-6
    assert widths[1] >= 120.0 + CELL_PADDING - 1e-6
    assert widths[0] >= 20.0 + CELL_PADDING and widths[2] >= 30.0 + CELL_PADDING
    # nothing to fit: the weighted widths stay
    assert fit_widths([100.0, 200.0], [5.0, 5.0], [10.0, 10.0]) == [100.0, 200.0]
    # words that cannot all fit: the weighted widths stay (reportlab splits them)
    assert fit_widths([100.0, 100.0], [5.0, 5.0], [130.0, 130.0]) == [100.0, 100.0]
