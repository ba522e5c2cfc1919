"""Issue 13: the print preview fits a 1366×768 screen with its buttons in view."""

from __future__ import annotations

from PySide6.QtCore import QRect

from oro_desktop.gui.forms.print_preview import (
    FRAME_MARGIN, PREFERRED_SIZE, PdfPreviewDialog, fitted_geometry,
)

from tests.gui_print.test_print_preview import _pdf


def test_fits_a_1366x768_laptop_screen() -> None:
    available = QRect(0, 0, 1366, 728)  # 768 minus a 40 px taskbar
    rect = fitted_geometry(available)
    assert available.contains(rect)
    assert rect.bottom() + FRAME_MARGIN.height() // 2 <= available.bottom()
    assert rect.height() < PREFERRED_SIZE.height() and rect.width() == PREFERRED_SIZE.width()


def test_keeps_the_preferred_size_on_a_large_screen() -> None:
    rect = fitted_geometry(QRect(1920, 0, 1920, 1160))
    assert rect.size() == PREFERRED_SIZE
    assert QRect(1920, 0, 1920, 1160).contains(rect)  # on the screen it opens on


def test_dialog_and_its_buttons_are_inside_the_available_screen(qtbot) -> None:
    dialog = PdfPreviewDialog(_pdf(2), "Samtycke")
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    available = dialog.screen().availableGeometry()
    assert available.contains(dialog.geometry())
    for button in (dialog.print_button, dialog.save_button):
        top_left = button.mapToGlobal(button.rect().topLeft())
        bottom_right = button.mapToGlobal(button.rect().bottomRight())
        assert available.contains(top_left) and available.contains(bottom_right)
        assert button.isVisible()
