"""Printing the recovery key: on paper only, never to a file.

The recovery key opens the whole store; a copy in a PDF on disk would defeat the
encryption. The print dialog therefore offers no "print to file", and a printer that was
configured to write a file anyway (e.g. a PDF printer) is refused.
"""

from __future__ import annotations

import html
from datetime import date
from pathlib import Path

from PySide6.QtGui import QTextDocument
from PySide6.QtPrintSupport import QAbstractPrintDialog, QPrintDialog, QPrinter, QPrinterInfo
from PySide6.QtWidgets import QMessageBox, QWidget

NO_FILE = (
    "Återställningsnyckeln skrivs bara ut på papper, aldrig till en fil. "
    "Välj en riktig skrivare."
)
NO_PRINTER = (
    "Ingen skrivare hittades på den här datorn. Skriv av nyckeln för hand och förvara "
    "papperet inlåst."
)


def _lines(key: str, per_line: int = 7) -> list[str]:
    groups = key.split("-")
    return ["-".join(groups[i : i + per_line]) for i in range(0, len(groups), per_line)]


def recovery_document(key: str, store_path: Path, admin_name: str) -> QTextDocument:
    """The printed page: the key, where it belongs, and what to do with it."""
    doc = QTextDocument()
    doc.setHtml(
        f"""
        <h1>oro_desktop – återställningsnyckel</h1>
        <p>Databas: {html.escape(str(store_path))}<br>
        Skapad av: {html.escape(admin_name)}, {date.today().isoformat()}</p>
        <p style="font-family: 'DejaVu Sans Mono', monospace; font-size: 18pt;
           border: 1px solid black; padding: 12px;"><b>{"<br>".join(html.escape(line) for line in _lines(key))}</b></p>
        <h3>Så här förvarar du nyckeln</h3>
        <ul>
        <li>Förvara papperet inlåst, t.ex. i verksamhetens kassaskåp, skilt från datorn.</li>
        <li>Med nyckeln kan en administratör återställa ett glömt lösenord utan att
            uppgifter går förlorade.</li>
        <li>Den som har nyckeln och databasfilen kan läsa alla uppgifter. Kopiera den inte,
            fotografera den inte och spara den inte i en fil eller i e-post.</li>
        </ul>
        """
    )
    return doc


def print_recovery_key(parent: QWidget, key: str, store_path: Path, admin_name: str) -> QPrintDialog | None:
    """Open the print dialog (non-blocking); prints on OK. Returns the dialog, if any."""
    if not QPrinterInfo.availablePrinters():
        box = QMessageBox(QMessageBox.Icon.Information, "Skriv ut", NO_PRINTER, parent=parent)
        box.setAccessibleName("Ingen skrivare")
        box.open()
        return None
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.NativeFormat)
    printer.setDocName("oro_desktop återställningsnyckel")
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle("Skriv ut återställningsnyckeln")
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintToFile, False)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintSelection, False)
    dialog.setOption(QAbstractPrintDialog.PrintDialogOption.PrintPageRange, False)

    def accepted() -> None:
        if print_to_paper(printer, key, store_path, admin_name):
            return
        box = QMessageBox(QMessageBox.Icon.Warning, "Skriv ut", NO_FILE, parent=parent)
        box.open()

    dialog.accepted.connect(accepted)
    dialog._printer = printer  # type: ignore[attr-defined] # keep alive with the dialog
    dialog.open()
    return dialog


def print_to_paper(printer: QPrinter, key: str, store_path: Path, admin_name: str) -> bool:
    """Print on `printer` unless it would write a file; returns whether it printed."""
    if printer.outputFormat() != QPrinter.OutputFormat.NativeFormat or printer.outputFileName():
        return False
    recovery_document(key, store_path, admin_name).print_(printer)
    return True
