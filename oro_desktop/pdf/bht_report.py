"""The yearly follow-up of the barnhälsoteam guideline (section 3) as a PDF, in memory.

Why its own renderer (not a form definition): the report is mostly numbers counted from
the meetings and a chart of meetings per month, which a form's fields cannot draw. It
shares the forms' look (pdf/layout.py: type scale, ruled boxes, the footer with "Sida x
av y"), the embedded DejaVu fonts, A4, and is deterministic (no timestamps), so the same
report prints the same bytes. The questions are the guideline file's own words, in its
order; no name of a child ever reaches it (core/barnhalsoteam/followup.py).
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from reportlab.graphics.charts.barcharts import VerticalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Spacer, Table,
    TableStyle,
)

from oro_desktop.core.barnhalsoteam.followup import MONTHS, FollowUpReport
from oro_desktop.core.barnhalsoteam.guideline import BhtGuideline
from oro_desktop.core.barnhalsoteam.model import LEVEL_LABELS
from oro_desktop.core.barnhalsoteam.roles import role_label
from oro_desktop.pdf.fonts import FontNames, register_fonts
from oro_desktop.pdf.layout import (
    CONTENT_W, FILL, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAGE_H, PAGE_W, RULE,
    Styles, boxed_grid, make_styles, numbered_canvas, para,
)

BAR = colors.HexColor("#3b6ea5")
NOT_ANSWERED = "Ej besvarat"
MAX_FREE_TEXT = 2000


def _yes_no(value: bool | None) -> str:
    return NOT_ANSWERED if value is None else ("Ja" if value else "Nej")


def meetings_chart(per_month: tuple[int, ...], fonts: FontNames, *,
                   width: float = CONTENT_W, height: float = 62 * mm) -> Drawing:
    """Bars of meetings per month (jan-dec), integer axis, the count above each bar."""
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 10 * mm, 8 * mm
    chart.width, chart.height = width - 14 * mm, height - 12 * mm
    chart.data = [list(per_month)]
    top = max(max(per_month, default=0), 1)
    step = max(1, -(-top // 5))
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = step * (-(-top // step)) + (step if top % step == 0 else 0)
    chart.valueAxis.valueStep = step
    chart.valueAxis.labels.fontName = fonts.regular
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.labelTextFormat = "%d"
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    chart.valueAxis.visibleGrid = True
    chart.categoryAxis.categoryNames = list(MONTHS)
    chart.categoryAxis.labels.fontName = fonts.regular
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.dy = -2
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = lambda v: "" if not v else str(int(v))
    chart.barLabels.fontName = fonts.bold
    chart.barLabels.fontSize = 7.5
    chart.barLabels.nudge = 6
    drawing.add(chart)
    return drawing


def _clip(text: str) -> str:
    return text if len(text) <= MAX_FREE_TEXT else text[: MAX_FREE_TEXT - 1] + "…"


class _Report:
    def __init__(self, report: FollowUpReport, guideline: BhtGuideline, styles: Styles,
                 fonts: FontNames) -> None:
        self.r = report
        self.g = guideline
        self.s = styles
        self.fonts = fonts

    def question(self, qid: str, body: list[Flowable]) -> list[Flowable]:
        q = self.g.question(qid)
        head = para(q.text, self.s.question)
        return [KeepTogether([head, *body[:1]]), *body[1:]]

    def free(self, text: str) -> list[Flowable]:
        """A free-text answer in a ruled box (empty: room to write by hand)."""
        content = [para(_clip(text), self.s.value)] if text.strip() else []
        return [boxed_grid([[("Svar", content, 14 * mm if not content else 0)]], self.s)]

    def table(self, rows: list[list[str]], widths: list[float]) -> Table:
        data = [[para(c, self.s.body if i else self.s.label) for c in row]
                for i, row in enumerate(rows)]
        table = Table(data, colWidths=widths, hAlign="LEFT", repeatRows=1)
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.6, RULE), ("BACKGROUND", (0, 0), (-1, 0), FILL),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 1.2 * mm),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 0.2 * mm),
        ]))
        return table

    def story(self) -> list[Flowable]:
        r, n, s = self.r, self.r.numbers, self.s
        teams = ", ".join(r.team_names) or "–"
        out: list[Flowable] = [
            para(f"Uppföljning av barnhälsoteam {n.year}", s.title),
            para(f"{self.g.title}, {self.g.region} · 3. Uppföljning av riktlinjen", s.source),
            boxed_grid([[("Kommun", [para(r.municipality or "–", s.value)], 0),
                         ("År", [para(str(n.year), s.value)], 0)],
                        [("Barnhälsoteam", [para(teams, s.value)], 0)]], s,
                       [CONTENT_W * 0.75, CONTENT_W * 0.25]),
            Spacer(1, 2 * mm),
            para(self.g.follow_up.text, s.small),
            para("Antal möten, deltagare och frågor är räknade ur de möten som registrerats i "
                 "programmet. Inga uppgifter om enskilda barn finns i rapporten.", s.small),
        ]
        out += self.question("implemented", [para(_yes_no(r.answers.implemented), s.value)])
        formed = f"Ja, {n.teams_formed} team: {teams}" if n.teams_formed else "Nej"
        out += self.question("teams_formed", [para(formed, s.value)])
        out += self.question("meetings_held", [para("Ja" if n.meetings_held else "Nej", s.value)])
        out += self.question("meeting_count", [
            para(f"{n.meeting_count} möten under {n.year}.", s.value),
            Spacer(1, 2 * mm), para(f"Möten per månad {n.year}", s.label),
            meetings_chart(n.per_month, self.fonts),
        ])
        rows = [["Roll", f"Antal möten med rollen närvarande (av {n.meeting_count})"]]
        rows += [[role_label(role), str(count)] for role, count in n.participation]
        out += self.question("participants", [
            self.table(rows, [CONTENT_W * 0.5, CONTENT_W * 0.5]) if n.participation
            else para("Inga registrerade deltagare.", s.value)])
        out += self.question("how_it_worked", self.free(r.answers.how_it_worked))
        out += self.question("effects", self.free(r.answers.effects))
        levels = "; ".join(f"{LEVEL_LABELS[lv].lower()} {count}" for lv, count in n.topics_by_level)
        example_rows = [["Fråga"]] + [[e] for e in n.examples]
        out += self.question("examples", [
            self.table(example_rows, [CONTENT_W]) if n.examples
            else para("Inga frågor registrerade.", s.value),
            Spacer(1, 1.5 * mm),
            para(f"Frågor per nivå: {levels}. På individnivå: {n.deidentified} avidentifierat, "
                 f"{n.identified} identifierat med samtycke (redovisas inte här). "
                 f"Beslut att initiera SIP: {n.sip_initiated}.", s.small),
        ])
        out += self.question("improvements", self.free(r.answers.improvements))
        return out


def render_bht_report(report: FollowUpReport, guideline: BhtGuideline, *,
                      fonts_dir: Path) -> bytes:
    """The report as A4 PDF bytes (fonts_dir: resources/fonts)."""
    fonts = register_fonts(fonts_dir)
    styles = make_styles(fonts)
    buffer = BytesIO()
    title = f"Uppföljning av barnhälsoteam {report.numbers.year}"
    doc = BaseDocTemplate(
        buffer, pagesize=(PAGE_W, PAGE_H), leftMargin=MARGIN_X, rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, title=title,
        subject=f"{guideline.title}, {guideline.region}", author="oro_desktop",
        creator=f"oro_desktop rapport {guideline.id} v{guideline.version}", invariant=1,
    )
    footer = (
        f"{title} · {report.municipality}",
        f"Riktlinje för samverkan i form av barnhälsoteam, {guideline.region}, avsnitt 3 · "
        f"{guideline.id}, version {guideline.version}",
    )
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_W, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    doc.addPageTemplates([PageTemplate(id="report", frames=[frame])])
    doc.build(_Report(report, guideline, styles, fonts).story(),
              canvasmaker=numbered_canvas(footer, fonts))
    return buffer.getvalue()


__all__ = ["meetings_chart", "render_bht_report"]
