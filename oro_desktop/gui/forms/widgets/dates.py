"""Date and date-range fields: typed as ÅÅÅÅ-MM-DD, with a calendar on F4 or a button.

Why not QDateEdit: it always holds some date, so "not filled in yet" cannot be shown, and
a date the user never chose would be saved silently. A line edit holds exactly what was
typed ("" when empty); an 8-digit date is tidied to ÅÅÅÅ-MM-DD when the field is left,
and a malformed date is kept as typed so the validator can say what is wrong with it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QLocale, QRegularExpression, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QIcon,
    QKeyEvent,
    QPainter,
    QPixmap,
    QRegularExpressionValidator,
)
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from oro_desktop.core.forms.model import Field
from oro_desktop.gui.forms.widgets.base import FieldContext, FieldWidget, text_or_none

_LOOSE_DATE = re.compile(r"^(\d{4})-?(\d{1,2})-?(\d{1,2})$")
_SWEDISH = QLocale(QLocale.Language.Swedish, QLocale.Country.Sweden)


def tidy_date(text: str) -> str:
    """'20260302' or '2026-3-2' -> '2026-03-02' when it is a real date; else unchanged."""
    raw = text.strip()
    match = _LOOSE_DATE.match(raw)
    if not match:
        return text
    year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return text


def _calendar_icon() -> QIcon:
    """A small drawn calendar (no emoji: the shipped fonts may lack it)."""
    pix = QPixmap(32, 32)
    pix.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pix)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    ink = QColor("#3a4450")
    painter.setPen(ink)
    painter.setBrush(QColor("#ffffff"))
    painter.drawRoundedRect(3, 6, 26, 23, 3, 3)
    painter.fillRect(4, 7, 25, 6, QColor("#1d5a93"))
    for row in range(3):
        for col in range(4):
            painter.fillRect(7 + col * 5, 16 + row * 4, 3, 2, ink)
    painter.fillRect(9, 3, 2, 6, ink)
    painter.fillRect(21, 3, 2, 6, ink)
    painter.end()
    return QIcon(pix)


class DateLineEdit(QLineEdit):
    """A line edit for one date; F4 or Alt+Down asks for the calendar."""

    calendar_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("ÅÅÅÅ-MM-DD")
        self.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9\-]{0,10}"), self)
        )
        self.setMaxLength(10)
        width = self.fontMetrics().horizontalAdvance("0000-00-00") + 28
        self.setFixedWidth(max(width, 110))
        self.editingFinished.connect(self._tidy)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        alt_down = (
            event.key() == Qt.Key.Key_Down
            and event.modifiers() & Qt.KeyboardModifier.AltModifier
        )
        if event.key() == Qt.Key.Key_F4 or alt_down:
            self.calendar_requested.emit()
            return
        super().keyPressEvent(event)

    def _tidy(self) -> None:
        tidy = tidy_date(self.text())
        if tidy != self.text():
            self.setText(tidy)
            self.textEdited.emit(tidy)  # a user-driven change: the form must hear of it


class DatePicker(QWidget):
    """A DateLineEdit and a calendar button (the button is for the mouse; F4 for keys)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = DateLineEdit(self)
        self.button = QToolButton(self)
        self.button.setIcon(_calendar_icon())
        self.button.setToolTip("Välj i kalender (F4)")
        self.button.setAccessibleName("Välj datum i kalender")
        self.button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.button.setAutoRaise(True)
        self.button.setStyleSheet("QToolButton { padding: 2px; border: none; min-height: 0; }")
        self.button.clicked.connect(self.open_calendar)
        self.edit.calendar_requested.connect(self.open_calendar)
        self._calendar: QCalendarWidget | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit)
        layout.addWidget(self.button)

    def open_calendar(self) -> None:
        """Show a calendar popup below the edit (non-modal; Esc or a click closes it)."""
        if self._calendar is None:
            cal = QCalendarWidget(self)
            cal.setWindowFlags(Qt.WindowType.Popup)
            cal.setLocale(_SWEDISH)
            cal.setFirstDayOfWeek(Qt.DayOfWeek.Monday)
            cal.setGridVisible(True)
            cal.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.ISOWeekNumbers)
            cal.setAccessibleName(f"{self.edit.accessibleName()} – kalender")
            cal.activated.connect(self._picked)
            cal.clicked.connect(self._picked)
            self._calendar = cal
        current = QDate.fromString(self.edit.text(), "yyyy-MM-dd")
        self._calendar.setSelectedDate(current if current.isValid() else QDate.currentDate())
        self._calendar.move(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
        self._calendar.show()
        self._calendar.setFocus()

    def _picked(self, day: QDate) -> None:
        text = day.toString("yyyy-MM-dd")
        if self._calendar is not None:
            self._calendar.hide()
        self.edit.setText(text)
        self.edit.textEdited.emit(text)
        self.edit.setFocus()


class DateField(FieldWidget):
    """One date: value 'ÅÅÅÅ-MM-DD' (as typed when malformed) or None."""

    def __init__(self, field: Field, context: FieldContext, parent: QWidget | None = None) -> None:
        super().__init__(field, context, parent)
        self.picker = DatePicker(self)
        self.picker.edit.textEdited.connect(self._emit_edited)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.picker)
        layout.addStretch(1)
        self.register(self.picker.edit)

    def value(self) -> str | None:
        return text_or_none(self.picker.edit.text())

    def set_value(self, value: Any) -> None:
        self.picker.edit.setText("" if value is None else str(value))


class DateRangeField(FieldWidget):
    """Two dates side by side, labelled from the definition ('Datum f.r.o.m' / 't.o.m').

    Value {'from': ..., 'to': ...} with only the parts filled in, or None when both are
    empty; a half-filled range is kept so the validator can say which half is missing.
    """

    PARTS = ("from", "to")

    def __init__(self, field: Field, context: FieldContext, parent: QWidget | None = None) -> None:
        super().__init__(field, context, parent)
        self.pickers: dict[str, DatePicker] = {}
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        for i, key in enumerate(self.PARTS):
            label = QLabel(field.sub_label(key), self)
            picker = DatePicker(self)
            label.setBuddy(picker.edit)
            picker.edit.textEdited.connect(self._emit_edited)
            if i:
                layout.addSpacing(16)
            layout.addWidget(label)
            layout.addWidget(picker)
            self.pickers[key] = picker
            self.register(picker.edit, field.sub_label(key))
        layout.addStretch(1)

    def value(self) -> dict[str, str] | None:
        out = {}
        for key, picker in self.pickers.items():
            text = text_or_none(picker.edit.text())
            if text is not None:
                out[key] = text
        return out or None

    def set_value(self, value: Any) -> None:
        parts = value if isinstance(value, Mapping) else {}
        for key, picker in self.pickers.items():
            part = parts.get(key)
            picker.edit.setText("" if part is None else str(part))
