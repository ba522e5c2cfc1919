"""PDF bytes -> PNG pages with QtPdf (poppler is not assumed installed). Not a test."""

from __future__ import annotations

import sys
from pathlib import Path


def pdf_to_pngs(pdf: bytes, out_dir: Path, stem: str, width: int = 1240) -> list[Path]:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtPdf import QPdfDocument

    app = QGuiApplication.instance() or QGuiApplication(sys.argv)
    data = QByteArray(pdf)
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    doc = QPdfDocument(app)
    doc.load(buffer)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for page in range(doc.pageCount()):
        size = doc.pagePointSize(page)
        scale = width / size.width()
        image = doc.render(page, QSize(int(size.width() * scale), int(size.height() * scale)))
        path = out_dir / f"{stem}-page{page + 1}.png"
        image.save(str(path))
        written.append(path)
    return written
