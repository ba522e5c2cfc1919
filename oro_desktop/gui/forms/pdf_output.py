"""Printing and saving PDF bytes that exist only in memory.

Design rule (design.md, "Printing"): a PDF with personal data is rendered in memory and
printed from memory. QtPdf reads the bytes from a QBuffer; each page is rasterised at the
printer's resolution and painted onto the QPrinter. A PDF reaches the disk only when a
user saves one: `save_pdf`, or a print dialog whose printer writes to a file (on Linux
it offers "Print to File (PDF)" first). Such a print is a save: the same warning, a
0600 file (`prepare_private_file` before Qt writes it), and the path in the audit.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter

from oro_desktop.errors import OroError


class PdfUnreadable(OroError):
    """The bytes are not a PDF QtPdf can open (a bug upstream, never user input)."""


def load_pdf_document(pdf_bytes: bytes, parent=None) -> QPdfDocument:
    """Open PDF bytes in QtPdf without touching the disk.

    The QBuffer and its QByteArray are parented to / kept on the document so they live
    exactly as long as it does (QtPdf reads lazily from the device).
    """
    document = QPdfDocument(parent)
    data = QByteArray(pdf_bytes)
    buffer = QBuffer(document)
    buffer.setData(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document._oro_buffer = buffer  # keep the device alive with the document
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready or document.pageCount() < 1:
        raise PdfUnreadable("Dokumentet kunde inte öppnas för förhandsgranskning.")
    return document


def print_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Paint every page of `document` onto `printer`; returns the number of pages printed.

    Honours the page range chosen in the print dialog (fromPage/toPage, 1-based, 0 = all).
    Each page is scaled to fit the printable area, keeping its aspect ratio.
    """
    first = max(printer.fromPage(), 1) if printer.fromPage() else 1
    last = printer.toPage() or document.pageCount()
    last = min(last, document.pageCount())
    painter = QPainter()
    if not painter.begin(printer):
        raise OroError("Skrivaren kunde inte startas. Kontrollera skrivaren och försök igen.")
    printed = 0
    try:
        dpi = printer.resolution()
        area = printer.pageLayout().paintRectPixels(dpi)
        for number in range(first, last + 1):
            if printed:
                printer.newPage()
            points = document.pagePointSize(number - 1)
            scale = min(area.width() / points.width(), area.height() / points.height())
            size = QSize(int(points.width() * scale), int(points.height() * scale))
            image = document.render(number - 1, size)
            painter.drawImage(QRect(0, 0, size.width(), size.height()), image)
            printed += 1
    finally:
        painter.end()
    return printed


def printer_output_file(printer: QPrinter) -> Path | None:
    """The file a printer writes to, or None for real paper.

    Qt prints to a file whenever `outputFileName` is set (PdfFormat always has one; the
    native format has one when the dialog's "print to file" was chosen).
    """
    name = printer.outputFileName()
    if name:
        return Path(name)
    if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
        return Path("print.pdf").resolve()  # Qt's own default when no name is given
    return None


def prepare_private_file(path: Path) -> None:
    """Create (or truncate) `path` as 0600 before Qt writes to it, whatever the umask.

    Qt opens an existing file without changing its mode, so the pages are never
    readable by others, not even for the moment before a chmod.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.fchmod(fd, 0o600)
        finally:
            os.close(fd)
    except OSError as exc:
        raise OroError(f"Filen kunde inte skapas: {exc.strerror or exc}") from exc


def save_pdf(pdf_bytes: bytes, path: Path) -> None:
    """Write the PDF to a path the user chose, atomically (no half-written file on a crash)."""
    path = Path(path)
    tmp: str | None = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".oro-", suffix=".pdf", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(pdf_bytes)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)  # mkstemp makes it 0600 already; say so explicitly
        os.replace(tmp, path)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise OroError(f"Filen kunde inte sparas: {exc.strerror or exc}") from exc
