"""Defect 11: a print whose printer writes to a file is a save (warning, 0600, path audited)."""

from __future__ import annotations

import io
import os
import stat

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QMessageBox
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from oro_desktop.gui.forms.pdf_output import printer_output_file
from oro_desktop.gui.forms.print_preview import UNENCRYPTED_WARNING, PdfPreviewDialog


def _pdf(pages: int = 1) -> bytes:
    out = io.BytesIO()
    pdf = canvas.Canvas(out, pagesize=A4)
    for number in range(pages):
        pdf.drawString(72, 760, f"Tolvan Tolvansson 19121212-1212, sida {number + 1}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


def _file_printer(target) -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    return printer


def _answer(button: QMessageBox.StandardButton, seen: list[str]) -> None:
    """Answer the warning box once it is up (the real QMessageBox, run by exec())."""
    def click() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, click)
            return
        seen.append(box.text())
        box.button(button).click()
    QTimer.singleShot(0, click)


def test_print_to_a_file_warns_writes_0600_and_audits_the_path(qtbot, tmp_path, umask_022):
    events: list[tuple[str, dict]] = []
    dialog = PdfPreviewDialog(_pdf(2), "Samtycke", audit=lambda a, d: events.append((a, d)))
    qtbot.addWidget(dialog)
    target = tmp_path / "print.pdf"
    seen: list[str] = []
    _answer(QMessageBox.StandardButton.Save, seen)
    assert dialog.print_to(_file_printer(target)) == 2
    assert seen == [UNENCRYPTED_WARNING]
    assert target.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert events == [("print", {"pages": 2, "printer": "fil", "format": "pdf",
                                 "path": str(target.resolve())})]


def test_cancelling_the_warning_writes_nothing_and_audits_nothing(qtbot, tmp_path):
    events: list = []
    dialog = PdfPreviewDialog(_pdf(), "Samtycke", audit=lambda a, d: events.append(a))
    qtbot.addWidget(dialog)
    target = tmp_path / "print.pdf"
    seen: list[str] = []
    _answer(QMessageBox.StandardButton.Cancel, seen)
    assert dialog.print_to(_file_printer(target)) == 0
    assert seen and not target.exists() and events == []


def test_an_existing_world_readable_file_becomes_0600(qtbot, tmp_path, umask_022):
    target = tmp_path / "gammal.pdf"
    target.write_bytes(b"old")
    target.chmod(0o644)
    dialog = PdfPreviewDialog(_pdf(), "Samtycke", audit=lambda a, d: None)
    qtbot.addWidget(dialog)
    dialog.confirm_unencrypted = lambda *a: True
    assert dialog.print_to(_file_printer(target)) == 1
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_pdf_format_without_a_name_still_counts_as_a_file(qtbot):
    printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName("")
    assert printer_output_file(printer) is not None


def test_saving_a_copy_is_0600_too(qtbot, tmp_path, umask_022):
    dialog = PdfPreviewDialog(_pdf(), "Samtycke", audit=lambda a, d: None)
    qtbot.addWidget(dialog)
    dialog.save_to(tmp_path / "kopia.pdf")
    assert stat.S_IMODE((tmp_path / "kopia.pdf").stat().st_mode) == 0o600
