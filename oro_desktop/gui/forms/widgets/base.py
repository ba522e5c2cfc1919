"""The contract every field widget keeps with the form builder.

Why one small base class: the builder (builder.py) knows nothing about line edits, radio
buttons or rows. It asks each field widget for its value in the JSON shape of filled
data, gives it a value to show, learns when the user edited it or left it, and gets the
focusable controls in visual order for the tab chain. Everything type-specific lives in
the subclasses, one small module per family of types.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtCore import QEvent, QObject, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from oro_desktop.core.forms.model import Field

#: Colours shared by the form widgets (same values as the application style: text
#: contrast of at least 4.5:1). Kept here so the builder does not depend on app start-up.
ERROR = "#a4141a"
MUTED = "#4a525c"
FOCUS = "#e07b00"
BORDER = "#b9c1cb"

#: Prefix of every validation message: a glyph and a word, so colour is not the only signal.
MESSAGE_PREFIX = "⚠"


@dataclass(frozen=True)
class FieldContext:
    """What a field widget may need from outside: today's date (never a hidden clock)."""

    today: Callable[[], date]


class FieldWidget(QWidget):
    """One field of a form. Subclasses build their controls and call `register` on each.

    value() returns the field's value in the filled-data shape (see core FIELD_TYPES), or
    None when nothing is filled in (the builder then omits the key). set_value() shows a
    value; the builder blocks this widget's signals while loading, so it emits nothing.
    """

    #: The user edited the value (emitted on every keystroke / click).
    edited = Signal()
    #: Keyboard focus left one of this field's controls (the field counts as touched).
    left = Signal()
    #: Rows were added or removed: the builder rebuilds the tab order.
    structure_changed = Signal()

    #: True for fields edited by a single decisive click (boxes, radio buttons): the first
    #: edit already counts as touched, so its validation message may show at once.
    touch_on_edit = False

    def __init__(self, field: Field, context: FieldContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.field = field
        self.context = context
        self._name_base = field.label or field.id
        self._parts: list[tuple[QWidget, str | None]] = []
        self._description = ""

    # -- the value -------------------------------------------------------------------
    def value(self) -> Any:
        """The value in filled-data shape, or None when empty."""
        raise NotImplementedError

    def set_value(self, value: Any) -> None:
        """Show `value` (None clears). Must accept anything value() can return."""
        raise NotImplementedError

    # -- controls, names, focus --------------------------------------------------------
    def register(self, control: QWidget, part: str | None = None) -> QWidget:
        """Record a focusable control: accessible name, focus-out watch, tab position."""
        self._parts.append((control, part))
        control.installEventFilter(self)
        self._apply_name(control, part)
        control.setAccessibleDescription(self._description)
        return control

    def unregister(self, control: QWidget) -> None:
        """Forget a control that is being deleted (a removed row)."""
        self._parts = [(c, p) for c, p in self._parts if c is not control]

    def controls(self) -> list[QWidget]:
        """Focusable controls in visual order (the builder chains them for Tab)."""
        return [c for c, _ in self._parts]

    def rename(self, base: str) -> None:
        """Change the accessible-name base (row cells are renamed "<field> rad N – <col>")."""
        self._name_base = base
        for control, part in self._parts:
            self._apply_name(control, part)

    def _apply_name(self, control: QWidget, part: str | None) -> None:
        control.setAccessibleName(f"{self._name_base} – {part}" if part else self._name_base)

    def describe(self, text: str) -> None:
        """Accessible description of every control: required, help, current problem."""
        self._description = text
        for control, _ in self._parts:
            control.setAccessibleDescription(text)

    def focus_first(self) -> None:
        """Give keyboard focus to the first visible control."""
        for control in self.controls():
            if control.isVisibleTo(self) and control.isEnabled():
                control.setFocus()
                return

    def set_read_only(self, read_only: bool) -> None:
        """Show without allowing edits: text stays readable and selectable (a disabled box
        is grey and hard to read); buttons, boxes and lists are disabled."""
        for edit in [*self.findChildren(QLineEdit), *self.findChildren(QPlainTextEdit)]:
            edit.setReadOnly(read_only)
        for control in [*self.findChildren(QAbstractButton), *self.findChildren(QComboBox)]:
            control.setEnabled(not read_only)

    def mark_invalid(self, invalid: bool) -> None:
        """Red border on text-like controls (a second signal beside the message)."""
        for control in self.controls():
            if control.property("invalid") != invalid:
                control.setProperty("invalid", invalid)
                control.style().unpolish(control)
                control.style().polish(control)

    # -- rows (only row-based widgets override) ------------------------------------------
    def show_row_messages(self, rows: dict[int, list[tuple[str | None, str]]]) -> bool:
        """Show {row (1-based): [(column, message)]} at the rows. False: not a row widget,
        so the builder shows them with the field's own messages."""
        return False

    def focus_row(self, row: int) -> None:
        """Focus the first control of a row (1-based); plain fields focus themselves."""
        self.focus_first()

    # -- plumbing -----------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt name)
        if event.type() == QEvent.Type.FocusOut:
            self.left.emit()
        return False

    def _emit_edited(self, *_args: object) -> None:
        """Slot for any child signal that means "the value changed"."""
        self.edited.emit()


def muted_label(text: str, parent: QWidget | None = None) -> QLabel:
    """A small grey explanatory text that wraps (help texts, hints)."""
    label = QLabel(text, parent)
    label.setWordWrap(True)
    label.setProperty("role", "muted")
    label.setStyleSheet(f"color: {MUTED};")
    return label


def text_or_none(text: str) -> str | None:
    """The text as typed, or None when it is blank (blank counts as not filled in)."""
    return text if text.strip() else None
