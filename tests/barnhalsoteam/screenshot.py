"""Render the follow-up report of the test meetings to PNGs for docs/screenshots/bht/.

Not a test: run by hand after changing the report's look, then look at the pictures.
    QT_QPA_PLATFORM=offscreen .venv/bin/python -m tests.barnhalsoteam.screenshot
Uses QtPdf (pyside6-pdf, already a dependency) since poppler is not assumed installed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from oro_desktop.core.barnhalsoteam import FollowUpAnswers, follow_up_report, load_bht_guideline
from oro_desktop.pdf.bht_report import render_bht_report
from tests.barnhalsoteam.conftest import GUIDELINE_FILE, ROOT, team, year_of_meetings

ANSWERS = FollowUpAnswers(
    True,
    "Teamet har träffats ungefär en gång i månaden utom under sommaren. Förskolecheferna "
    "upplever att det är lättare att snabbt få kontakt med socialtjänsten och BVC.",
    "Fler familjer har fått föräldrastöd tidigt, och frågor inför skolstart har lösts i god tid.",
    "Elevhälsan bör delta oftare under våren inför skolstart. Kallelser bör skickas ut tidigare.",
)


def report_pdf() -> bytes:
    report = follow_up_report([team()], year_of_meetings(), 2026, ANSWERS)
    return render_bht_report(report, load_bht_guideline(GUIDELINE_FILE),
                             fonts_dir=ROOT / "resources" / "fonts")


def main(out_dir: Path) -> list[Path]:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtPdf import QPdfDocument

    app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    data = QByteArray(report_pdf())
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument(app)
    doc.load(buffer)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for page in range(doc.pageCount()):
        size = doc.pagePointSize(page)
        scale = 1240 / size.width()  # ~150 dpi on A4
        image = doc.render(page, QSize(int(size.width() * scale), int(size.height() * scale)))
        path = out_dir / f"bht-report-page{page + 1}.png"
        image.save(str(path))
        written.append(path)
    return written


if __name__ == "__main__":
    for p in main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshots" / "bht"):
        print(p)
