"""Choice (radio buttons or a list), multi-choice (check boxes) and yes/no (Ja/Nej).

Why no defaults: an unanswered question must look unanswered and be stored as absent. A
pre-selected "Nej" would be a consent decision nobody made.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from oro_desktop.core.forms.model import Field
from oro_desktop.gui.forms.widgets.base import FieldContext, FieldWidget

#: More choices than this are offered in a drop-down list instead of radio buttons.
MAX_RADIOS = 5
_UNANSWERED = "– välj –"


def _box(widget: QWidget, horizontal: bool) -> QBoxLayout:
    layout: QBoxLayout = QHBoxLayout(widget) if horizontal else QVBoxLayout(widget)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(16 if horizontal else 2)
    return layout


class _RadioGroup:
    """Exclusive radio buttons that can also show "nothing chosen"."""

    def __init__(self, owner: QWidget) -> None:
        self.group = QButtonGroup(owner)
        self.group.setExclusive(True)
        self.values: list[Any] = []

    def add(self, button: QRadioButton, value: Any) -> None:
        self.group.addButton(button, len(self.values))
        self.values.append(value)

    def value(self) -> Any:
        checked = self.group.checkedId()
        return None if checked < 0 else self.values[checked]

    def set_value(self, value: Any) -> None:
        # An exclusive group cannot uncheck its last button; lift exclusivity for a moment.
        self.group.setExclusive(False)
        for i, button in enumerate(self.group.buttons()):
            button.setChecked(
                value is not None and self.values[i] == value and type(self.values[i]) is type(value)
            )
        self.group.setExclusive(True)


class ChoiceField(FieldWidget):
    """One of several values: radio buttons, or a drop-down list for long lists.

    In a table row (compact) it is always a drop-down list, to keep the row one line.
    """

    touch_on_edit = True

    def __init__(
        self, field: Field, context: FieldContext, parent: QWidget | None = None,
        *, compact: bool = False,
    ) -> None:
        super().__init__(field, context, parent)
        self.combo: QComboBox | None = None
        self.radios: _RadioGroup | None = None
        if compact or len(field.choices) > MAX_RADIOS:
            self.combo = QComboBox(self)
            self.combo.addItem(_UNANSWERED, None)
            for choice in field.choices:
                self.combo.addItem(choice.label, choice.value)
            self.combo.activated.connect(self._emit_edited)
            _box(self, True).addWidget(self.combo)
            self.register(self.combo)
            return
        self.radios = _RadioGroup(self)
        short = sum(len(c.label) for c in field.choices) < 48
        layout = _box(self, short)
        for choice in field.choices:
            button = QRadioButton(choice.label, self)
            self.radios.add(button, choice.value)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignLeft)
            self.register(button, choice.label)
        if short:
            layout.addStretch(1)
        self.radios.group.buttonClicked.connect(self._emit_edited)

    def value(self) -> str | None:
        if self.combo is not None:
            return self.combo.currentData()
        assert self.radios is not None
        return self.radios.value()

    def set_value(self, value: Any) -> None:
        if self.combo is not None:
            index = self.combo.findData(value) if value is not None else 0
            if index < 0:  # not one of the choices: keep it visible, the validator says so
                self.combo.addItem(str(value), value)
                index = self.combo.count() - 1
            self.combo.setCurrentIndex(index)
        else:
            assert self.radios is not None
            self.radios.set_value(value)


class MultiChoiceField(FieldWidget):
    """Check boxes, one per choice. Value: the ticked values in the definition's order."""

    touch_on_edit = True

    def __init__(self, field: Field, context: FieldContext, parent: QWidget | None = None) -> None:
        super().__init__(field, context, parent)
        self.boxes: dict[str, QCheckBox] = {}
        self._unknown: list[Any] = []
        layout = _box(self, False)
        for choice in field.choices:
            box = QCheckBox(choice.label, self)
            box.toggled.connect(self._emit_edited)
            layout.addWidget(box, 0, Qt.AlignmentFlag.AlignLeft)
            self.boxes[choice.value] = box
            self.register(box, choice.label)

    def value(self) -> list[Any] | None:
        ticked = [v for v, box in self.boxes.items() if box.isChecked()]
        return (ticked + self._unknown) or None

    def set_value(self, value: Any) -> None:
        values = list(value) if isinstance(value, (list, tuple)) else []
        # Values that are no longer choices are kept (and reported by the validator).
        self._unknown = [v for v in values if v not in self.boxes]
        for v, box in self.boxes.items():
            box.setChecked(v in values)


class YesNoField(FieldWidget):
    """Two radio buttons, Ja and Nej (labels from the definition), none chosen at first."""

    touch_on_edit = True

    def __init__(self, field: Field, context: FieldContext, parent: QWidget | None = None) -> None:
        super().__init__(field, context, parent)
        self.radios = _RadioGroup(self)
        self.yes = QRadioButton(field.sub_label("yes"), self)
        self.no = QRadioButton(field.sub_label("no"), self)
        layout = _box(self, True)
        for button, answer in ((self.yes, True), (self.no, False)):
            self.radios.add(button, answer)
            layout.addWidget(button)
            self.register(button, button.text())
        layout.addStretch(1)
        self.radios.group.buttonClicked.connect(self._emit_edited)

    def value(self) -> bool | None:
        return self.radios.value()

    def set_value(self, value: Any) -> None:
        self.radios.set_value(value if isinstance(value, bool) else None)

    def button_for(self, answer: bool) -> QAbstractButton:
        return self.yes if answer else self.no
