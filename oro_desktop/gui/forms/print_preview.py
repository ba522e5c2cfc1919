"""Print preview dialog for a PDF held in memory: look, print, or save a copy.

Every print and save is reported through `audit(action, detail)` (the caller passes the
session service that writes the audit log), so the dialog itself never knows about SQL.
A print whose printer writes to a file (Qt's "Print to File (PDF)") is a save: it asks
the same question as "Spara som PDF", writes the file 0600, and its audit entry ("print")
carries the path, so a log review sees where the pages went.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from oro_desktop.errors import OroError
from oro_desktop.gui.forms.pdf_output import (
    load_pdf_document, prepare_private_file, print_document, printer_output_file, save_pdf,
)

AuditCallback = Callable[[str, dict], None]

UNENCRYPTED_WARNING = (
    "PDF-filen sparas okrypterad. Den innehåller känsliga personuppgifter och skyddas "
    "inte av programmets kryptering.\n\nSpara bara på en plats som din verksamhet har "
    "godkänt, och radera filen när den inte längre behövs."
)


PREFERRED_SIZE = QSize(820, 900)
#: Room left for the window frame and title bar (outside the dialog's own geometry) and a
#: taskbar the platform does not report: 1366×768 laptops lost the buttons otherwise.
FRAME_MARGIN = QSize(24, 64)


def fitted_geometry(available: QRect, preferred: QSize = PREFERRED_SIZE) -> QRect:
    """The preferred size, shrunk to fit `available` (a screen's available geometry) with
    its frame, and centred there, so the buttons at the bottom are always on screen."""
    width = max(320, min(preferred.width(), available.width() - FRAME_MARGIN.width()))
    height = max(240, min(preferred.height(), available.height() - FRAME_MARGIN.height()))
    rect = QRect(0, 0, width, height)
    rect.moveCenter(available.center())
    rect.moveTop(max(available.top() + FRAME_MARGIN.height() // 2, rect.top()))
    return rect


class PdfPreviewDialog(QDialog):
    """Shows the pages, prints through the system dialog, saves only where the user says."""

    def __init__(
        self,
        pdf_bytes: bytes,
        title: str,
        *,
        suggested_name: str = "dokument.pdf",
        audit: AuditCallback | None = None,
        parent=None,
    ) -> None:
        super().__init__(parent)
        self._pdf_bytes = pdf_bytes
        self._suggested_name = suggested_name
        self._audit = audit or (lambda action, detail: None)
        self.setWindowTitle(f"Förhandsgranskning – {title}")
        self.fit_to_screen()

        self.document = load_pdf_document(pdf_bytes, self)
        self.view = QPdfView(self)
        self.view.setAccessibleName("Förhandsgranskning av dokumentet")
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)

        pages = QLabel(f"{self.document.pageCount()} sida(or)", self)
        self.print_button = QPushButton("&Skriv ut…", self)
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.setAccessibleName("Skriv ut dokumentet")
        self.save_button = QPushButton("Spara som &PDF…", self)
        self.save_button.setAccessibleName("Spara dokumentet som okrypterad PDF-fil")
        close_button = QPushButton("S&täng", self)
        close_button.setAccessibleName("Stäng förhandsgranskningen")
        self.print_button.clicked.connect(self.print_with_dialog)
        self.save_button.clicked.connect(self.save_with_dialog)
        close_button.clicked.connect(self.reject)
        self.print_button.setDefault(True)

        buttons = QHBoxLayout()
        buttons.addWidget(pages)
        buttons.addStretch(1)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

    def fit_to_screen(self) -> None:
        """Size and place the dialog inside the screen it opens on (issue 13: 820×900 ran
        off a 1366×768 screen and hid Skriv ut / Stäng)."""
        parent = self.parentWidget()
        screen = (parent.screen() if parent is not None else None) or self.screen()
        if screen is None:
            self.resize(PREFERRED_SIZE)
            return
        self.setGeometry(fitted_geometry(screen.availableGeometry()))

    # -- printing -------------------------------------------------------------------

    def print_to(self, printer: QPrinter) -> int:
        """Print on an already configured printer and audit it; returns pages printed.

        When the printer writes to a file, the user is warned first (0 pages and no
        audit entry if they cancel), the file is 0600 and the audit entry has its path.
        """
        target = printer_output_file(printer)
        if target is None:
            printed = print_document(self.document, printer)
            self._audit("print", {"pages": printed, "printer": printer.printerName()})
            return printed
        if not self.confirm_unencrypted("Skriva ut till en okrypterad fil?"):
            return 0
        target = target.resolve()
        printer.setOutputFileName(str(target))
        prepare_private_file(target)
        printed = print_document(self.document, printer)
        os.chmod(target, 0o600)
        self._audit("print", {"pages": printed, "printer": printer.printerName() or "fil",
                              "format": "pdf", "path": str(target)})
        return printed

    def confirm_unencrypted(self, title: str = "Spara okrypterad fil?") -> bool:
        """The unencrypted-PDF warning; True if the user chose to save anyway."""
        box = QMessageBox(QMessageBox.Icon.Warning, title, UNENCRYPTED_WARNING,
                          QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
                          self)
        box.setObjectName("unencryptedWarning")
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        return box.exec() == QMessageBox.StandardButton.Save

    def print_with_dialog(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setFullPage(False)
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle("Skriv ut")
        dialog.setMinMax(1, self.document.pageCount())
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            self.print_to(printer)
        except OroError as exc:
            QMessageBox.warning(self, "Utskriften misslyckades", exc.message)

    # -- saving ---------------------------------------------------------------------

    def save_to(self, path: Path) -> None:
        """Write the PDF to `path` (already confirmed by the user) and audit the export."""
        save_pdf(self._pdf_bytes, Path(path))
        self._audit("export", {"format": "pdf", "path": str(path)})

    def save_with_dialog(self) -> None:
        if not self.confirm_unencrypted():
            return
        path, _ = QFileDialog.getSaveFileName(
            self, "Spara som PDF", self._suggested_name, "PDF-dokument (*.pdf)"
        )
        if not path:
            return
        if not path.lower().endswith(".pdf"):
            path += ".pdf"
        try:
            self.save_to(Path(path))
        except OroError as exc:
            QMessageBox.warning(self, "Filen sparades inte", exc.message)

    def keyPressEvent(self, event) -> None:  # noqa: N802 (Qt naming)
        if event.key() == Qt.Key.Key_Escape:
            self.reject()
            return
        super().keyPressEvent(event)
