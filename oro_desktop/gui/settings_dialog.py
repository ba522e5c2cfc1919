"""Inställningar (admins only): idle time, the unit's name on documents, default region.

Reads and writes through ``session.get_setting`` / ``session.set_setting`` (the store
audits each change). Emits `saved(dict)` with the values that were written, so the
controller can apply a new idle time at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from oro_desktop.gui.a11y import announce, error_label
from oro_desktop.gui.messages import error_text

if TYPE_CHECKING:
    from oro_desktop.services.session import Session

# Region ids are the stems of resources/contacts/<id>.yaml; names are what users see.
REGIONS: tuple[tuple[str, str], ...] = (
    ("jamtland-harjedalen", "Jämtland Härjedalen"),
    ("vastra-gotaland", "Västra Götaland"),
    ("kronoberg", "Kronoberg"),
)
MIN_IDLE, MAX_IDLE = 1, 120


class SettingsDialog(QDialog):
    """Edits the three organisation-wide settings; open with ``open()``."""

    saved = Signal(dict)

    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("settingsDialog")
        self.setWindowTitle("Inställningar")
        self.setAccessibleName("Inställningar")
        self.setMinimumWidth(600)

        heading = QLabel("Inställningar för verksamheten", self)
        heading.setProperty("role", "heading")
        intro = QLabel("Gäller alla användare av den här databasen. Ändringar loggas.", self)
        intro.setProperty("role", "muted")

        self.idle_spin = QSpinBox(self)
        self.idle_spin.setObjectName("idleMinutes")
        self.idle_spin.setRange(MIN_IDLE, MAX_IDLE)
        self.idle_spin.setSuffix(" min")
        self.idle_spin.setAccessibleName("Lås efter inaktivitet, minuter")
        self.idle_spin.setMaximumWidth(110)
        self.idle_spin.setValue(_int(session.get_setting("idle_minutes", 10), 10))

        self.unit_edit = QLineEdit(self)
        self.unit_edit.setObjectName("unitName")
        self.unit_edit.setAccessibleName("Enhetens eller organisationens namn")
        self.unit_edit.setMaxLength(120)
        self.unit_edit.setMinimumWidth(320)
        self.unit_edit.setPlaceholderText("t.ex. Barnmorskemottagningen Östersund")
        self.unit_edit.setText(str(session.get_setting("unit_name", "") or ""))

        self.region_combo = QComboBox(self)
        self.region_combo.setObjectName("defaultRegion")
        self.region_combo.setAccessibleName("Enhetens region")
        self.region_combo.setToolTip("Avgör riktlinjen för nya ärenden, vilka samtyckesblanketter "
                                     "som erbjuds och vilka kontakter som visas först")
        self.region_combo.addItem("Ingen vald", "")
        for region_id, name in REGIONS:
            self.region_combo.addItem(name, region_id)
        current = str(session.get_setting("default_region", "") or "")
        index = self.region_combo.findData(current)
        self.region_combo.setCurrentIndex(max(index, 0))

        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        form.addRow(self._label("&Lås efter inaktivitet:", self.idle_spin), self.idle_spin)
        form.addRow(self._label("&Enhetens namn på dokument:", self.unit_edit), self.unit_edit)
        form.addRow(self._label("Enhetens &region:", self.region_combo), self.region_combo)

        self.error_label = error_label(self)

        buttons = QDialogButtonBox(self)
        self.save_button = QPushButton("&Spara", self)
        self.save_button.setObjectName("saveSettings")
        self.save_button.setAccessibleName("Spara inställningarna")
        self.save_button.setDefault(True)
        cancel = QPushButton("Avbryt", self)
        cancel.setObjectName("cancelSettings")
        cancel.setAccessibleName("Avbryt")
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(cancel, QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.clicked.connect(self.accept)
        cancel.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(22, 18, 22, 16)
        layout.setSpacing(10)
        layout.addWidget(heading)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addStretch(1)
        layout.addWidget(buttons)

    def _label(self, text: str, buddy: QWidget) -> QLabel:
        label = QLabel(text, self)
        label.setBuddy(buddy)
        return label

    def values(self) -> dict[str, Any]:
        return {
            "idle_minutes": self.idle_spin.value(),
            "unit_name": self.unit_edit.text().strip(),
            "default_region": self.region_combo.currentData() or "",
        }

    def accept(self) -> None:
        values = self.values()
        try:
            for key, value in values.items():
                if self.session.get_setting(key) != value:
                    self.session.set_setting(key, value)
        except Exception as exc:  # OroError (e.g. PermissionDenied) has a Swedish message
            self.error_label.setText(error_text(exc))
            self.error_label.show()
            announce(self.error_label)
            return
        self.saved.emit(values)
        super().accept()


def _int(value: Any, default: int) -> int:
    try:
        return min(MAX_IDLE, max(MIN_IDLE, int(value)))
    except (TypeError, ValueError):
        return default
