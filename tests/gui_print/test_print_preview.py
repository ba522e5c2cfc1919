"""The print preview works from bytes in memory: pages shown, printed, saved only on request."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader
from PySide6.QtPrintSupport import QPrinter
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from oro_desktop.errors import OroError
from oro_desktop.gui.forms.pdf_output import PdfUnreadable, load_pdf_document
from oro_desktop.gui.forms.print_preview import PdfPreviewDialog


def _pdf(pages: int) -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    for number in range(1, pages + 1):
        pdf.drawString(72, 760, f"Testsida {number}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def test_preview_loads_every_page_from_memory(qtbot) -> None:
    dialog = PdfPreviewDialog(_pdf(3), "Samtycke")
    qtbot.addWidget(dialog)
    assert dialog.document.pageCount() == 3
    assert "Förhandsgranskning" in dialog.windowTitle()


def test_not_a_pdf_is_a_clear_error(qtbot) -> None:
    with pytest.raises(PdfUnreadable):
        load_pdf_document(b"this is not a pdf")


def test_print_paints_every_page_and_is_audited(qtbot, tmp_path) -> None:
    events: list[tuple[str, dict]] = []
    dialog = PdfPreviewDialog(_pdf(2), "Samtycke", audit=lambda a, d: events.append((a, d)))
    qtbot.addWidget(dialog)
    # A PDF printer stands in for paper here; the application never prints to a file.
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "printer-output.pdf"
    printer.setOutputFileName(str(target))
    dialog.confirm_unencrypted = lambda *a: True  # a print to a file asks first (defect 11)
    assert dialog.print_to(printer) == 2
    assert len(PdfReader(target).pages) == 2
    assert [action for action, _ in events] == ["print"]
    assert events[0][1]["pages"] == 2


def test_save_writes_exact_bytes_and_audits_export(qtbot, tmp_path) -> None:
    data = _pdf(1)
    events: list[tuple[str, dict]] = []
    dialog = PdfPreviewDialog(data, "Samtycke", audit=lambda a, d: events.append((a, d)))
    qtbot.addWidget(dialog)
    path = tmp_path / "kopia.pdf"
    dialog.save_to(path)
    assert path.read_bytes() == data
    assert events == [("export", {"format": "pdf", "path": str(path)})]
    assert [p.name for p in tmp_path.iterdir()] == ["kopia.pdf"], "no temp file left behind"


def test_save_to_unwritable_place_changes_nothing(qtbot, tmp_path) -> None:
    events: list = []
    dialog = PdfPreviewDialog(_pdf(1), "Samtycke", audit=lambda a, d: events.append(a))
    qtbot.addWidget(dialog)
    with pytest.raises(OroError):
        dialog.save_to(tmp_path / "saknas" / "kopia.pdf")
    assert events == []
