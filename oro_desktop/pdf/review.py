"""The printout of a log review (granskning av loggar, stickprov): A4, in memory.

Why a printout: the review is part of the unit's follow-up of access to records
(HSLF-FS 2016:40 4 kap. 9 §) and is often signed and filed; the same document shows what
was drawn, from which period and scope, and each entry's verdict and note. The input is
plain data (`ReviewDocument`) so this module knows nothing of the store or the services.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from io import BytesIO
from pathlib import Path

from reportlab.lib.units import mm
from reportlab.platypus import BaseDocTemplate, Frame, PageTemplate, Spacer, Table, TableStyle

from oro_desktop.pdf.fonts import register_fonts
from oro_desktop.pdf.layout import (
    CONTENT_W, FILL, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAGE_H, PAGE_W, RULE, make_styles,
    numbered_canvas, para,
)


@dataclass(frozen=True)
class ReviewLine:
    """One drawn entry: when, who, what, which record, and the reviewer's verdict."""

    entry: str      # "#123"
    when: str       # local time
    actor: str
    event: str      # "Läst", "Utskrift"
    record: str     # "Samtycke 4"
    verdict: str    # "Utan anmärkning" / "Med anmärkning" / "Ej granskad"
    note: str
    reviewer: str   # "anna 2026-12-01 09:10"


@dataclass(frozen=True)
class ReviewDocument:
    title: str
    facts: list[tuple[str, str]]          # label, value (unit, scope, period, sample ...)
    lines: list[ReviewLine] = field(default_factory=list)
    footer: str = ""


def render_review(document: ReviewDocument, *, fonts_dir: Path) -> bytes:
    """The review as A4 PDF bytes (deterministic for the same document)."""
    fonts = register_fonts(fonts_dir)
    styles = make_styles(fonts)
    buffer = BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=(PAGE_W, PAGE_H),
        leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=MARGIN_TOP,
        bottomMargin=MARGIN_BOTTOM, title=document.title, author="oro_desktop",
        creator="oro_desktop loggranskning", invariant=1,
    )
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_W, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    doc.addPageTemplates([PageTemplate(id="review", frames=[frame])])

    story: list = [para(document.title, styles.title), Spacer(1, 2 * mm)]
    facts = Table([[para(k, styles.label), para(v, styles.small)] for k, v in document.facts],
                  colWidths=[38 * mm, CONTENT_W - 38 * mm])
    facts.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"),
                               ("BOTTOMPADDING", (0, 0), (-1, -1), 1)]))
    story += [facts, Spacer(1, 4 * mm), para("Granskade poster", styles.heading)]
    if not document.lines:
        story.append(para("Inga poster i urvalet.", styles.body))
    else:
        header = ["Post", "Tid", "Användare", "Händelse", "Uppgift", "Bedömning", "Anteckning"]
        rows = [[para(h, styles.label) for h in header]]
        for line in document.lines:
            verdict = line.verdict + (f"\n{line.reviewer}" if line.reviewer else "")
            rows.append([para(x, styles.small) for x in (
                line.entry, line.when, line.actor, line.event, line.record, verdict, line.note)])
        widths = [12, 27, 22, 20, 27, 28]
        widths_pt = [w * mm for w in widths]
        widths_pt.append(CONTENT_W - sum(widths_pt))
        table = Table(rows, colWidths=widths_pt, repeatRows=1)
        table.setStyle(TableStyle([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ("BACKGROUND", (0, 0), (-1, 0), FILL),
            ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ]))
        story.append(table)
    story += [Spacer(1, 10 * mm),
              para("Granskad av (underskrift och namnförtydligande): "
                   "______________________________   Datum: ____________", styles.body)]
    doc.build(story, canvasmaker=numbered_canvas((document.title, document.footer), fonts))
    return buffer.getvalue()
