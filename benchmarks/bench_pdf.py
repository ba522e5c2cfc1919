"""Rendering the filled barnhälsoteam consent vs a bare reportlab document of the same text.

Why: the generic renderer (definition walk, boxed tables, check boxes, two-pass page
numbering) must not cost much more than reportlab itself; target <= 3x. Both run in the
same process with fonts registered, so font loading is excluded from both.

Run: .venv/bin/python benchmarks/bench_pdf.py [--repeat N]
(`--store` is accepted for run_all.py and ignored: rendering reads no store.)
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from io import BytesIO
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph, SimpleDocTemplate

sys.path.insert(0, str(Path(__file__).resolve().parent))

from benchlib import add_store_argument, exit_code, verdict  # noqa: E402

from oro_desktop.core.forms import FormLibrary
from oro_desktop.pdf import register_fonts, render_form
from oro_desktop.pdf.render import display_value

ROOT = Path(__file__).resolve().parent.parent
FORMS = ROOT / "forms"
FONTS = ROOT / "resources" / "fonts"


def _same_text(definition, data) -> list[str]:
    """Every text the form prints: title, headings, labels, fixed texts, values."""
    out = [definition.title, definition.source.display()]
    for section in definition.sections:
        if section.title:
            out.append(section.title)
        for f in section.fields:
            out.append(f.text or f.label)
            out += [c.label for c in f.choices]
            if f.type not in ("fixed_text", "signature", "date_range", "multi_choice"):
                out.append(display_value(f, data.get(f.id)))
    return [t for t in out if t]


def bare(texts: list[str], font: str) -> bytes:
    buf = BytesIO()
    style = ParagraphStyle("p", fontName=font, fontSize=9.5, leading=12.5)
    SimpleDocTemplate(buf, pagesize=A4, invariant=1).build([Paragraph(t, style) for t in texts])
    return buf.getvalue()


def timed(fn, repeat: int) -> list[float]:
    fn()  # warm up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


TARGET = 3.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    add_store_argument(parser, needed=False)
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    definition = FormLibrary(FORMS).get("barnhalsoteam-samtycke", 1)
    data = json.loads((FORMS / "examples" / "barnhalsoteam-samtycke.v1.json").read_text("utf-8"))
    fonts = register_fonts(FONTS)
    texts = _same_text(definition, data)
    form_t = timed(lambda: render_form(definition, data, fonts_dir=FONTS), args.repeat)
    bare_t = timed(lambda: bare(texts, fonts.regular), args.repeat)
    form_ms, bare_ms = statistics.median(form_t) * 1000, statistics.median(bare_t) * 1000
    print(f"filled consent (render_form): median {form_ms:.1f} ms over {args.repeat} runs")
    print(f"bare reportlab, same text:    median {bare_ms:.1f} ms over {args.repeat} runs")
    ratio = form_ms / bare_ms
    return exit_code([verdict("pdf_render", ratio <= TARGET, form_ms, bare_ms, f"<={TARGET:.0f}x")])


if __name__ == "__main__":
    sys.exit(main())
