"""Building blocks of a printed form: styles, check boxes, labelled boxes, page footer.

Why separate from render.py: render.py decides WHAT to print for each field type; this
module decides how it LOOKS (sizes, greys, line widths), so the look can be tuned in
one place and every form shares it.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from oro_desktop.pdf.fonts import FontNames

PAGE_W, PAGE_H = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 12 * mm
MARGIN_BOTTOM = 20 * mm
CONTENT_W = PAGE_W - 2 * MARGIN_X
INK = colors.HexColor("#111111")
GREY = colors.HexColor("#555555")
RULE = colors.HexColor("#333333")
FILL = colors.HexColor("#f2f2f2")
BOX = 3.6 * mm  # check-box side


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    source: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    question: ParagraphStyle
    label: ParagraphStyle
    value: ParagraphStyle
    small: ParagraphStyle


def make_styles(fonts: FontNames) -> Styles:
    """The type scale: title 15, heading 11, body 9.5, box labels 7.5 (grey)."""
    r, b = fonts.regular, fonts.bold
    return Styles(
        title=ParagraphStyle("title", fontName=b, fontSize=13, leading=16, textColor=INK,
                             spaceAfter=1 * mm),
        source=ParagraphStyle("source", fontName=r, fontSize=8, leading=10, textColor=GREY,
                              spaceAfter=4 * mm),
        heading=ParagraphStyle("heading", fontName=b, fontSize=10.5, leading=13, textColor=INK,
                               spaceBefore=3.5 * mm, spaceAfter=1.5 * mm),
        body=ParagraphStyle("body", fontName=r, fontSize=9.5, leading=12.5, textColor=INK,
                            spaceAfter=2 * mm),
        question=ParagraphStyle("question", fontName=b, fontSize=9.5, leading=12.5,
                                textColor=INK, spaceBefore=3 * mm, spaceAfter=1.5 * mm),
        label=ParagraphStyle("label", fontName=r, fontSize=7.5, leading=9, textColor=GREY),
        value=ParagraphStyle("value", fontName=r, fontSize=10, leading=13, textColor=INK),
        small=ParagraphStyle("small", fontName=r, fontSize=8, leading=10.5, textColor=INK,
                             spaceAfter=1.2 * mm),
    )


def para(text: str, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (escaped; newlines kept as line breaks)."""
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


class CheckBox(Flowable):
    """A square check box, with a cross when ticked (drawn, not a font glyph)."""

    def __init__(self, checked: bool, size: float = BOX) -> None:
        super().__init__()
        self.checked = checked
        self.size = size

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        return self.size, self.size

    def draw(self) -> None:
        c, s = self.canv, self.size
        c.setStrokeColor(INK)
        c.setLineWidth(0.8)
        c.rect(0, 0, s, s)
        if self.checked:
            c.setLineWidth(1.3)
            inset = s * 0.2
            c.line(inset, inset, s - inset, s - inset)
            c.line(inset, s - inset, s - inset, inset)


def checkbox_row(items: list[tuple[str, bool]], style: ParagraphStyle, per_row: int) -> Table:
    """Check boxes with their labels, `per_row` to a line (e.g. the four parties)."""
    cells: list[list[object]] = []
    row: list[object] = []
    for text, checked in items:
        row += [CheckBox(checked), para(text, style)]
        if len(row) == 2 * per_row:
            cells.append(row)
            row = []
    if row:
        cells.append(row + [""] * (2 * per_row - len(row)))
    col_w = CONTENT_W / per_row
    table = Table(cells, colWidths=[BOX + 2.5 * mm, col_w - BOX - 2.5 * mm] * per_row,
                  hAlign="LEFT")
    table.setStyle(TableStyle([
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ("RIGHTPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def boxed_grid(
    cells: list[list[tuple[str, list[Flowable], float]]],
    styles: Styles,
    col_widths: list[float] | None = None,
) -> Table:
    """Rows of labelled boxes: each cell is (label, content flowables, min height).

    Official Swedish forms put a small label in the top-left corner of a ruled box and
    the answer (or the hand-writing) below it; a blank form keeps the boxes empty with
    room to write.
    """
    ncols = max(len(r) for r in cells)
    widths = col_widths or [CONTENT_W / ncols] * ncols
    data: list[list[object]] = []
    spans: list[tuple] = []
    for r, row in enumerate(cells):
        line: list[object] = [
            MinHeight([para(label, styles.label), *content], height)
            for label, content, height in row
        ]
        if len(row) < ncols:
            spans.append(("SPAN", (len(row) - 1, r), (ncols - 1, r)))
            line += [""] * (ncols - len(row))
        data.append(line)
    table = Table(data, colWidths=widths, hAlign="LEFT")
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.6, RULE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 2 * mm),
        ("RIGHTPADDING", (0, 0), (-1, -1), 2 * mm),
        ("TOPPADDING", (0, 0), (-1, -1), 1.2 * mm),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5 * mm),
        *spans,
    ]))
    return table


class MinHeight(Flowable):
    """Flowables stacked top-down in a block at least `min_height` tall (room to write)."""

    def __init__(self, flowables: list[Flowable], min_height: float) -> None:
        super().__init__()
        self.flowables = flowables
        self.min_height = min_height
        self._sizes: list[tuple[float, float]] = []

    def wrap(self, avail_w: float, avail_h: float) -> tuple[float, float]:
        self._sizes = [f.wrap(avail_w, avail_h) for f in self.flowables]
        self.width = avail_w
        self.height = max(self.min_height, sum(h for _, h in self._sizes))
        return self.width, self.height

    def draw(self) -> None:
        y = self.height
        for f, (_, h) in zip(self.flowables, self._sizes):
            y -= h
            f.drawOn(self.canv, 0, y)


def numbered_canvas(footer_lines: tuple[str, str], fonts: FontNames) -> type[Canvas]:
    """A canvas class that prints the footer and "Sida x av y" on every page.

    Why a deferred canvas: the total page count is known only after the last page, so
    each page is kept and the footers are drawn at save (the reportlab idiom).
    """

    class _Canvas(Canvas):
        def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002,ANN003
            super().__init__(*args, **kwargs)
            self._pages: list[dict] = []

        def showPage(self) -> None:  # noqa: N802
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._footer(total)
                super().showPage()
            super().save()

        def _footer(self, total: int) -> None:
            y = MARGIN_BOTTOM - 8 * mm
            self.setStrokeColor(RULE)
            self.setLineWidth(0.5)
            self.line(MARGIN_X, y + 7 * mm, PAGE_W - MARGIN_X, y + 7 * mm)
            self.setFillColor(GREY)
            self.setFont(fonts.regular, 7.5)
            self.drawString(MARGIN_X, y + 3.5 * mm, footer_lines[0])
            self.drawString(MARGIN_X, y, footer_lines[1])
            self.setFont(fonts.bold, 8.5)
            self.drawRightString(PAGE_W - MARGIN_X, y + 3.5 * mm,
                                 f"Sida {self._pageNumber} av {total}")

    return _Canvas
