"""The follow-up report PDF: A4, the guideline's questions, the counted numbers, a chart."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from pypdf import PdfReader

from oro_desktop.core.barnhalsoteam import BhtGuideline, FollowUpAnswers, follow_up_report
from oro_desktop.pdf.bht_report import meetings_chart, render_bht_report
from oro_desktop.pdf.fonts import register_fonts
from tests.barnhalsoteam.conftest import ROOT, team, year_of_meetings
from tests.barnhalsoteam.screenshot import ANSWERS, report_pdf

FONTS = ROOT / "resources" / "fonts"


@pytest.fixture(scope="module")
def text() -> str:
    reader = PdfReader(BytesIO(report_pdf()))
    assert all(round(float(p.mediabox.width)) == 595 and round(float(p.mediabox.height)) == 842
               for p in reader.pages)
    return "\n".join(page.extract_text() for page in reader.pages)


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_every_question_of_section_3_in_order(text: str) -> None:
    questions = ["Har kommunen implementerat riktlinjen?", "Har lokala barnhälsoteam bildats?",
                 "Har möten skett?", "Hur många möten har hållits?", "Vilka har deltagit?",
                 "Hur har det fungerat?", "Vilken effekt har teamen gett?",
                 "Exempel på frågor som har avhandlats.", "Vad kan förbättras?"]
    flat = _flat(text)
    positions = [flat.index(q) for q in questions]
    assert positions == sorted(positions)


def test_the_counted_numbers_are_printed(text: str) -> None:
    flat = _flat(text)
    assert "10 möten under 2026." in flat
    assert "Ja, 1 team: Barnhälsoteam Östersund centrum" in flat
    for role, count in (("Förskolechef", 10), ("Specialpedagog", 3), ("Socialtjänsten", 10),
                        ("BHV-sjuksköterska", 9), ("Elevhälsan", 1)):
        assert re.search(rf"{role} {count}\b", flat), role
    assert "organisationsnivå 5; gruppnivå 3; individnivå 2" in flat
    assert "Beslut att initiera SIP: 1." in flat
    # Chart: month names and the bar labels (2 in March).
    for month in ("jan", "mar", "jun", "dec"):
        assert month in flat
    assert ANSWERS.improvements in flat


def test_nothing_from_the_identified_child(text: str) -> None:
    assert "sömn" not in text and "Tolvan" not in text
    assert "Barn 3 år med sent tal" in _flat(text)


def test_footer_with_page_numbers_on_every_page() -> None:
    reader = PdfReader(BytesIO(report_pdf()))
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, 1):
        flat = _flat(page.extract_text())
        assert f"Sida {number} av {total}" in flat
        assert "jamtland-barnhalsoteam, version 1" in flat


def test_deterministic_and_unanswered(guideline: BhtGuideline) -> None:
    assert report_pdf() == report_pdf()
    empty = follow_up_report([team()], year_of_meetings(), 2024, FollowUpAnswers())
    pdf = render_bht_report(empty, guideline, fonts_dir=FONTS)
    flat = _flat("\n".join(p.extract_text() for p in PdfReader(BytesIO(pdf)).pages))
    assert "Ej besvarat" in flat and "0 möten under 2024." in flat
    assert "Har lokala barnhälsoteam bildats? Nej" in flat


def test_chart_bars_follow_the_months() -> None:
    fonts = register_fonts(FONTS)
    drawing = meetings_chart((1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 7), fonts)
    chart = drawing.contents[0]
    assert chart.data == [[1, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 7]]
    assert chart.valueAxis.valueMax >= 7 and chart.valueAxis.valueStep >= 1
