"""The recovery key is printed on paper only: a printer that writes a file is refused."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtPrintSupport import QPrinter

from oro_desktop.gui.first_run import display_key
from oro_desktop.gui.recovery_print import print_to_paper, recovery_document

KEY = "-".join(["ABCD"] * 13 + ["WXYZ"])


def test_document_has_key_and_instructions():
    text = recovery_document(KEY, Path("/enhet/oro.db"), "anna").toPlainText()
    for line in display_key(KEY).splitlines():
        assert line in text
    assert "/enhet/oro.db" in text and "anna" in text
    assert "inlåst" in text


def test_file_printers_are_refused(tmp_path):
    target = tmp_path / "nyckel.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    assert print_to_paper(printer, KEY, Path("/enhet/oro.db"), "anna") is False
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_display_key_is_two_lines_of_seven_groups():
    lines = display_key(KEY).splitlines()
    assert len(lines) == 2 and all(len(line.split("-")) == 7 for line in lines)
    assert "-".join(lines) == KEY
