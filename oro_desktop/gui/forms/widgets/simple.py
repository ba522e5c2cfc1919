"""Single-control fields: text, multiline, phone, e-mail, person reference, fixed text."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QFrame, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from oro_desktop.core.forms.model import Field
from oro_desktop.gui.forms.widgets.base import FieldContext, FieldWidget, text_or_none


def _single_layout(widget: QWidget) -> QVBoxLayout:
    layout = QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(4)
    return layout


class TextField(FieldWidget):
    """A one-line text (also the base of phone and e-mail, which differ by hint only)."""

    placeholder = ""

    def __init__(self, field: Field, context: FieldContext, parent: QWidget | None = None) -> None:
        super().__init__(field, context, parent)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.placeholder)
        limit = field.validation.get("max_length")
        if isinstance(limit, int):
            self.edit.setMaxLength(limit)
        self.edit.textEdited.connect(self._emit_edited)
        _single_layout(self).addWidget(self.edit)
        self.register(self.edit)

    def value(self) -> str | None:
        return text_or_none(self.edit.text())

    def set_value(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))


class PhoneField(TextField):
    """A phone number: any format a person writes (validation checks digits and signs)."""

    placeholder = "t.ex. 063-123 45 67"

    def __init__(self, field: Field, context: FieldContext, parent: QWidget | None = None) -> None:
        super().__init__(field, context, parent)
        self.edit.setInputMethodHints(Qt.InputMethodHint.ImhDialableCharactersOnly)


class EmailField(TextField):
    """An e-mail address."""

    placeholder = "namn@exempel.se"

    def __init__(self, field: Field, context: FieldContext, parent: QWidget | None = None) -> None:
        super().__init__(field, context, parent)
        self.edit.setInputMethodHints(Qt.InputMethodHint.ImhEmailCharactersOnly)


class MultilineField(FieldWidget):
    """Several lines (an address, a description). Tab moves on; it never inserts a tab."""

    def __init__(
        self, field: Field, context: FieldContext, parent: QWidget | None = None, *, lines: int = 3
    ) -> None:
        super().__init__(field, context, parent)
        self.edit = QPlainTextEdit(self)
        self.edit.setTabChangesFocus(True)
        line = QFontMetrics(self.edit.font()).lineSpacing()
        self.edit.setFixedHeight(line * lines + 28)  # padding, border, document margin
        self.edit.textChanged.connect(self._emit_edited)
        _single_layout(self).addWidget(self.edit)
        self.register(self.edit)

    def value(self) -> str | None:
        return text_or_none(self.edit.toPlainText())

    def set_value(self, value: Any) -> None:
        self.edit.setPlainText("" if value is None else str(value))


class PersonRefField(FieldWidget):
    """A person reference, for now only the name typed in a line edit.

    The stored shape is {'name': ..., 'person_id': ..., 'identity': {...}, 'protected': ...};
    keys other than name that a loaded value carries (a person picked elsewhere) are kept
    unchanged, so nothing is lost until a person picker replaces this widget.
    """

    def __init__(self, field: Field, context: FieldContext, parent: QWidget | None = None) -> None:
        super().__init__(field, context, parent)
        self._kept: dict[str, Any] = {}
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText("Namn")
        self.edit.textEdited.connect(self._emit_edited)
        _single_layout(self).addWidget(self.edit)
        self.register(self.edit, "namn")

    def value(self) -> dict[str, Any] | None:
        out = dict(self._kept)
        name = text_or_none(self.edit.text())
        if name is not None:
            out["name"] = name
        return out or None

    def set_value(self, value: Any) -> None:
        kept = dict(value) if isinstance(value, Mapping) else {}
        name = kept.pop("name", "") if kept else (value if isinstance(value, str) else "")
        self._kept = kept
        self.edit.setText(str(name or ""))


class FixedTextField(FieldWidget):
    """The legal text printed on the form, shown in full, read-only and selectable."""

    def __init__(self, field: Field, context: FieldContext, parent: QWidget | None = None) -> None:
        super().__init__(field, context, parent)
        self.text_label = QLabel(field.text, self)
        self.text_label.setWordWrap(True)
        self.text_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text_label.setObjectName("fixedText")
        self.text_label.setFrameShape(QFrame.Shape.NoFrame)
        self.text_label.setAccessibleName(field.label or "Text på blanketten")
        self.text_label.setAccessibleDescription(field.text)
        _single_layout(self).addWidget(self.text_label)

    def value(self) -> None:
        return None

    def set_value(self, value: Any) -> None:
        """Fixed text holds no data."""
