"""The family copy of a plan: who does what and when, and whom to call, in plain Swedish.

Why its own small document (not the form): the Kronoberg guideline asks that information
be adapted to the parents' needs and ability to take it in. The form copy is the
parties' record, with every heading and legal note; the family copy keeps short
sentences, a table of "Vem, Vad, Från när", the one person to call and the next
follow-up, in a larger type. It is built from the core plan model (core/plans), prints
on its own, shares the app's embedded fonts and page footer (pdf/layout.py) and is
deterministic: the same plan prints the same bytes.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    BaseDocTemplate, Flowable, Frame, KeepTogether, PageTemplate, Spacer, Table, TableStyle,
)

from oro_desktop.core.plans.model import Plan
from oro_desktop.pdf.fonts import FontNames, register_fonts
from oro_desktop.pdf.layout import (
    CONTENT_W, FILL, GREY, INK, MARGIN_BOTTOM, MARGIN_TOP, MARGIN_X, PAGE_H, PAGE_W, RULE,
    numbered_canvas, para,
)

TITLE = "Planen i korthet"
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti",
          "september", "oktober", "november", "december")
MAX_TEXT = 600  # a family copy never receives an unbounded string


def long_date(day: date) -> str:
    """"21 november 2026": how a date reads in a letter."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _clip(text: str) -> str:
    text = " ".join(text.split()) if "\n" not in text else text.strip()
    return text if len(text) <= MAX_TEXT else text[: MAX_TEXT - 1] + "…"


class _Styles:
    def __init__(self, fonts: FontNames) -> None:
        r, b = fonts.regular, fonts.bold
        self.title = ParagraphStyle("ftitle", fontName=b, fontSize=17, leading=21,
                                    textColor=INK, spaceAfter=2 * mm)
        self.lead = ParagraphStyle("flead", fontName=r, fontSize=11.5, leading=15.5,
                                   textColor=INK, spaceAfter=2 * mm)
        self.heading = ParagraphStyle("fhead", fontName=b, fontSize=13, leading=16,
                                      textColor=INK, spaceBefore=5 * mm, spaceAfter=2 * mm)
        self.body = ParagraphStyle("fbody", fontName=r, fontSize=11.5, leading=15.5,
                                   textColor=INK, spaceAfter=1.5 * mm)
        self.strong = ParagraphStyle("fstrong", parent=self.body, fontName=b)
        self.cell = ParagraphStyle("fcell", fontName=r, fontSize=11, leading=14.5, textColor=INK)
        self.head_cell = ParagraphStyle("fhcell", fontName=b, fontSize=10, leading=13,
                                        textColor=INK)
        self.small = ParagraphStyle("fsmall", fontName=r, fontSize=9, leading=12,
                                    textColor=GREY, spaceBefore=4 * mm)


def family_sentences(plan: Plan) -> dict[str, list[str]]:
    """The copy's text, section by section (heading -> sentences); what the PDF prints.

    Separate from the layout so the wording can be read and tested as text.
    """
    out: dict[str, list[str]] = {}
    intro = []
    if plan.person_name:
        intro.append(f"Planen gäller {plan.person_name}.")
    if plan.person_protected:
        intro.append("Skyddade personuppgifter: visa inte planen för andra än dem den gäller.")
    if plan.meetings:
        days = [long_date(m.on) for m in plan.meetings]
        named = [f"den {d}" for d in days]
        when = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " och " + named[-1]
        intro.append(f"Vi träffades {when} och gjorde planen tillsammans.")
    intro.append("Här står vem som gör vad, och när.")
    out[""] = intro
    goals = [_clip(text) for _, text in plan.goals]
    if goals:
        out["Det här vill vi uppnå"] = goals
    if plan.others:
        out["Andra som hjälper till"] = [_clip(plan.others)]
    call = []
    if plan.coordinator:
        call.append(f"{_clip(plan.coordinator)} håller ihop planen.")
        if plan.coordinator_contact:
            call.append(f"Ring om du undrar något: {_clip(plan.coordinator_contact)}.")
    if call:
        out["Vem du ringer"] = call
    follow = []
    if plan.next_follow_up is not None:
        follow.append(f"Vi går igenom planen igen den {long_date(plan.next_follow_up)}.")
    if plan.follow_up_by:
        follow.append(f"{_clip(plan.follow_up_by)} ansvarar för det.")
    if plan.follow_up_how:
        follow.append(_clip(plan.follow_up_how))
    if follow:
        out["Nästa gång"] = follow
    if plan.with_consent is False:
        out["Om samtycke"] = [
            "Planen gjordes utan ert samtycke.",
            "Ni kan fråga varför, och ni kan ändra ert svar när som helst.",
        ]
    return out


def _when(day: date | None, status: str) -> str:
    if status == "klar":
        return "Klart"
    if status == "avbruten":
        return "Avbrutet"
    if day is None:
        return "Pågår" if status == "pagar" else "–"
    return f"Från den {long_date(day)}"


def _who(name: str, party: str) -> str:
    return f"{name} ({party})" if name and party else name or party


def intervention_rows(plan: Plan) -> list[tuple[str, str, str]]:
    """(Vem, Vad, När) for each intervention, as printed."""
    return [(_clip(_who(i.responsible, i.party)), _clip(i.what), _when(i.start, i.status))
            for i in plan.interventions]


def _story(plan: Plan, s: _Styles) -> list[Flowable]:
    sentences = family_sentences(plan)
    out: list[Flowable] = [para(TITLE, s.title)]
    out += [para(t, s.lead) for t in sentences.pop("")]
    out.append(para("Vem gör vad", s.heading))
    rows = intervention_rows(plan)
    if rows:
        data = [[para(h, s.head_cell) for h in ("Vem", "Vad", "När")]]
        data += [[para(a, s.cell), para(b, s.cell), para(c, s.cell)] for a, b, c in rows]
        table = Table(data, colWidths=[CONTENT_W * 0.3, CONTENT_W * 0.45, CONTENT_W * 0.25],
                      repeatRows=1, hAlign="LEFT", splitInRow=1)
        table.setStyle(TableStyle([
            ("GRID", (0, 0), (-1, -1), 0.6, RULE), ("BACKGROUND", (0, 0), (-1, 0), FILL),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("TOPPADDING", (0, 0), (-1, -1), 2 * mm), ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
            ("LEFTPADDING", (0, 0), (-1, -1), 2 * mm), ("RIGHTPADDING", (0, 0), (-1, -1), 2 * mm),
        ]))
        out.append(table)
    else:
        out.append(para("Inga insatser är bestämda ännu.", s.body))
    for heading, texts in sentences.items():
        out.append(KeepTogether([para(heading, s.heading), *(para(t, s.body) for t in texts)]))
    out.append(Spacer(1, 2 * mm))
    return out


def render_family_copy(plan: Plan, *, fonts_dir: Path, stamp: str = "") -> bytes:
    """The family copy as A4 PDF bytes. stamp: the plan's version and date for the footer."""
    fonts = register_fonts(fonts_dir)
    styles = _Styles(fonts)
    buffer = BytesIO()
    doc = BaseDocTemplate(
        buffer, pagesize=(PAGE_W, PAGE_H), leftMargin=MARGIN_X, rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP + 4 * mm, bottomMargin=MARGIN_BOTTOM, title=TITLE,
        subject=plan.title, author="oro_desktop",
        creator=f"oro_desktop familjens exemplar {plan.form_id} v{plan.form_version}",
        invariant=1,
    )
    footer = (f"{TITLE} · {plan.title}",
              " · ".join(p for p in (stamp[:120], f"Formulär {plan.form_id}, version "
                                     f"{plan.form_version}") if p))
    frame = Frame(MARGIN_X, MARGIN_BOTTOM, CONTENT_W,
                  PAGE_H - MARGIN_TOP - 4 * mm - MARGIN_BOTTOM,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="body")
    doc.addPageTemplates([PageTemplate(id="family", frames=[frame])])
    doc.build(_story(plan, styles), canvasmaker=numbered_canvas(footer, fonts))
    return buffer.getvalue()


__all__ = ["family_sentences", "intervention_rows", "long_date", "render_family_copy"]
