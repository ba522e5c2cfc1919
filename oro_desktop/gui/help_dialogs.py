"""Hjälp menu: Om oro_desktop and the list of keyboard shortcuts (non-blocking boxes)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

SHORTCUTS = (
    ("Ctrl+F", "Sök i den del som visas (Esc tömmer sökfältet)"),
    ("Ctrl+L", "Lås programmet"),
    ("Ctrl+1 … Ctrl+9", "Gå till del 1–9 i navigeringen"),
    ("Ctrl+,", "Inställningar (administratör)"),
    ("Ctrl+Q", "Avsluta"),
    ("F1", "Den här listan"),
)


def show_about(parent: QWidget) -> QMessageBox:
    box = QMessageBox(parent)
    box.setWindowTitle("Om oro_desktop")
    box.setIcon(QMessageBox.Icon.Information)
    box.setText("<b>oro_desktop</b>")
    box.setInformativeText(
        "Stöd för samverkan vid oro för väntat barn, nyfött barn och barn i förskoleåldern, "
        "enligt regionernas riktlinjer. Allt sparas krypterat på den här datorn."
    )
    box.setAccessibleName("Om oro_desktop")
    box.open()
    return box


def show_shortcuts(parent: QWidget) -> QMessageBox:
    rows = "".join(f"<tr><td><b>{k}</b>&nbsp;&nbsp;</td><td>{v}</td></tr>" for k, v in SHORTCUTS)
    box = QMessageBox(parent)
    box.setWindowTitle("Kortkommandon")
    box.setText(f"<table>{rows}</table>")
    box.setAccessibleName("Kortkommandon")
    box.open()
    return box
