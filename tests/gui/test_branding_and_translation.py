"""The product name and version a clinician reads, and Qt's own texts in Swedish."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from oro_desktop import __version__
from oro_desktop.gui.app import install_swedish_translation
from oro_desktop.gui.branding import APP_TITLE, PRODUCT_NAME
from oro_desktop.gui.first_run import FirstRunWizard
from oro_desktop.gui.help_dialogs import show_about
from oro_desktop.gui.main_window import MainWindow
from oro_desktop.services.session import Session

from .helpers import ADMIN, ADMIN_PASSWORD


@pytest.fixture
def session(store_path, kdf):
    s = Session.unlock(store_path, ADMIN, ADMIN_PASSWORD, kdf=kdf)
    yield s
    s.close()


@pytest.fixture
def swedish_qt(qapp: QApplication):
    from PySide6.QtCore import QLocale

    before = QLocale()
    assert install_swedish_translation(qapp)
    assert QLocale().language() == QLocale.Language.Swedish  # dates, weekday names
    yield qapp
    qapp.removeTranslator(qapp._oro_translator)
    QLocale.setDefault(before)


def test_standard_buttons_are_translated_by_qt_itself(qtbot, swedish_qt) -> None:
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        | QDialogButtonBox.StandardButton.Open | QDialogButtonBox.StandardButton.Close
    )
    qtbot.addWidget(buttons)
    B = QDialogButtonBox.StandardButton
    texts = {b: buttons.button(b).text().replace("&", "") for b in (B.Save, B.Cancel, B.Open, B.Close)}
    assert texts == {B.Save: "Spara", B.Cancel: "Avbryt", B.Open: "Öppna", B.Close: "Stäng"}
    box = QMessageBox(QMessageBox.Icon.Question, "t", "t",
                      QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
    qtbot.addWidget(box)
    assert box.button(QMessageBox.StandardButton.No).text().replace("&", "") == "Nej"


def test_the_product_name_not_the_package_name(qtbot, session) -> None:
    assert "oro_desktop" not in PRODUCT_NAME and APP_TITLE == PRODUCT_NAME
    window = MainWindow(session.services, [])
    qtbot.addWidget(window)
    assert window.windowTitle().startswith(PRODUCT_NAME)
    box = show_about(window)
    assert PRODUCT_NAME in box.windowTitle() and f"{PRODUCT_NAME} {__version__}" in box.text()
    box.close()


def test_the_wizard_welcomes_with_the_product_name(qtbot, tmp_path) -> None:
    wizard = FirstRunWizard(tmp_path / "oro.db", lambda *a: None, lambda p: False)
    qtbot.addWidget(wizard)
    assert wizard.windowTitle().startswith(PRODUCT_NAME)
    assert PRODUCT_NAME in wizard.page(wizard.startId()).title()
