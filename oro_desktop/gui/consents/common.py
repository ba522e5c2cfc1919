"""Small pieces shared by the consent dialogs: date fields, the error line, questions.

Why the questions are module functions: a dialog that blocks in exec() cannot be driven
by tests, so every yes/no goes through `ask_*` here, which tests replace.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from oro_desktop.errors import OroError
from oro_desktop.gui.date_fields import DATE_FORMAT, date_edit, error_label, to_date

__all__ = ["DATE_FORMAT", "ask_delete_draft", "ask_restore", "ask_unsaved", "date_edit", "error_label",
           "show_error", "tell", "to_date", "warn"]


def show_error(label: QLabel, exc: BaseException) -> None:
    """Put an OroError's Swedish message in the label; anything else is a bug: re-raise."""
    if not isinstance(exc, OroError):
        raise exc
    label.setText(f"⚠ {exc.message}")
    label.setAccessibleName(f"Fel: {exc.message}")
    label.show()


def ask_restore(parent: QWidget, when: str) -> bool:
    """Offer a draft left by a crash or an auto-lock."""
    answer = QMessageBox.question(
        parent, "Osparade ändringar",
        f"Det finns osparade ändringar från {when}. Återställ?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes)
    return answer == QMessageBox.StandardButton.Yes


def ask_delete_draft(parent: QWidget, child: str) -> bool:
    """Confirm deleting a draft consent started by mistake."""
    answer = QMessageBox.question(
        parent, "Ta bort utkast",
        f"Ta bort utkastet för {child}? Borttagningen loggas och kan inte ångras.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No)
    return answer == QMessageBox.StandardButton.Yes


def ask_unsaved(parent: QWidget) -> str:
    """'save', 'discard' or 'cancel' when closing an editor with unsaved changes."""
    box = QMessageBox(QMessageBox.Icon.Question, "Osparade ändringar",
                      "Samtycket har ändringar som inte är sparade. Vill du spara dem?",
                      parent=parent)
    save = box.addButton("Spara", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Kasta ändringarna", QMessageBox.ButtonRole.DestructiveRole)
    box.addButton("Avbryt", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(save)
    box.exec()
    clicked = box.clickedButton()
    return "save" if clicked is save else "discard" if clicked is discard else "cancel"


def tell(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)
