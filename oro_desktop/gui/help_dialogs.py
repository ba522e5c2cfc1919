"""Hjälp menu: Om oro_desktop and the list of keyboard shortcuts (non-blocking boxes)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from oro_desktop.gui.branding import ABOUT_TITLE, PRODUCT_TAGLINE, name_with_version

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
    box.setWindowTitle(ABOUT_TITLE)
    box.setIcon(QMessageBox.Icon.Information)
    box.setText(f"<b>{name_with_version()}</b>")
    box.setInformativeText(f"{PRODUCT_TAGLINE} Allt sparas krypterat på den här datorn.")
    box.setAccessibleName(ABOUT_TITLE)
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
