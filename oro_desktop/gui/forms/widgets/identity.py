"""Identity number: kind, number (or the reason it is missing), skyddade personuppgifter.

Why the number is normalised in value(): stored identity numbers are always 12 digits
(core.identity), but people type 10 digits, dashes and spaces. A number that parses is
stored as 12 digits (and shown as ÅÅÅÅMMDD-NNNN once the field is left); one that does not
parse is stored exactly as typed, so the validator can say what is wrong with it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from oro_desktop.core.forms.model import Field
from oro_desktop.core.identity import IdentityKind, parse_number
from oro_desktop.errors import InvalidInput
from oro_desktop.gui.forms.widgets.base import FieldContext, FieldWidget

_NUMBERED = (IdentityKind.PERSONNUMMER.value, IdentityKind.SAMORDNINGSNUMMER.value)
_PLACEHOLDERS = {
    "personnummer": "ÅÅÅÅMMDD-NNNN",
    "samordningsnummer": "ÅÅÅÅMMDD-NNNN (dag + 60)",
    "reservnummer": "Reservnummer enligt regionens format",
}
PROTECTED_LABEL = "Skyddade personuppgifter"


class IdentityField(FieldWidget):
    """Value {'kind', 'value'} | {'kind': 'saknas', 'reason'}, plus 'protected': True if ticked.

    None when nothing is entered and the kind is not "saknas" (choosing "saknas" is itself
    an answer: the validator then asks for the reason). The reason is kept only for
    "saknas" and the number only for the other kinds; text typed in the hidden box stays
    on screen while the form is open but is not part of the data.
    """

    def __init__(self, field: Field, context: FieldContext, parent: QWidget | None = None) -> None:
        super().__init__(field, context, parent)
        kinds = field.kinds or tuple(k.value for k in IdentityKind)
        self.kind = QComboBox(self)
        for kind in kinds:
            self.kind.addItem(IdentityKind(kind).label, kind)
        self.number = QLineEdit(self)
        self.number.setMaxLength(40)
        self.reason_label = QLabel("Orsak:", self)
        self.reason = QLineEdit(self)
        self.reason.setPlaceholderText("Varför saknas nummer? T.ex. ej folkbokfört")
        self.reason_label.setBuddy(self.reason)
        self.protected = QCheckBox(PROTECTED_LABEL, self)
        self.protected.setToolTip(
            "Markera om personen har skyddade personuppgifter. Adressen visas då inte "
            "och skrivs aldrig ut."
        )

        top = QHBoxLayout()
        top.setSpacing(6)
        top.addWidget(self.kind)
        top.addWidget(self.number, 1)
        top.addWidget(self.reason_label)
        top.addWidget(self.reason, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addLayout(top)
        layout.addWidget(self.protected, 0, Qt.AlignmentFlag.AlignLeft)

        self.register(self.kind, "typ av nummer")
        self.register(self.number, "nummer")
        self.register(self.reason, "orsak till att nummer saknas")
        self.register(self.protected, PROTECTED_LABEL.lower())

        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.kind.activated.connect(self._emit_edited)
        self.number.textEdited.connect(self._emit_edited)
        self.number.editingFinished.connect(self._tidy_number)
        self.reason.textEdited.connect(self._emit_edited)
        self.protected.toggled.connect(self._emit_edited)
        self._kind_changed()

    # -- value ------------------------------------------------------------------------
    def current_kind(self) -> str:
        return str(self.kind.currentData())

    def _parsed(self) -> tuple[str, str] | None:
        """(kind, 12 digits) when the typed number is a valid pnr/samordningsnummer."""
        if self.current_kind() not in _NUMBERED:
            return None
        try:
            ident = parse_number(self.number.text(), self.context.today())
        except InvalidInput:
            return None
        return ident.kind.value, ident.value

    def value(self) -> dict[str, Any] | None:
        kind = self.current_kind()
        out: dict[str, Any] = {"kind": kind}
        if kind == IdentityKind.SAKNAS.value:
            if self.reason.text().strip():
                out["reason"] = self.reason.text().strip()
        elif self.number.text().strip():
            parsed = self._parsed()
            if parsed is not None and (parsed[0] in self._kinds() or not self._kinds()):
                out["kind"], out["value"] = parsed
            else:
                out["value"] = self.number.text().strip()
        if self.protected.isChecked():
            out["protected"] = True
        if len(out) == 1 and kind != IdentityKind.SAKNAS.value:
            return None
        return out

    def set_value(self, value: Any) -> None:
        data = value if isinstance(value, Mapping) else {}
        if isinstance(value, str):
            data = {"value": value}
        kind = str(data.get("kind") or self.kind.itemData(0))
        index = self.kind.findData(kind)
        if index < 0:  # a kind this field no longer offers: show it rather than lose it
            self.kind.addItem(IdentityKind(kind).label if kind in _ALL_KINDS else kind, kind)
            index = self.kind.count() - 1
        self.kind.setCurrentIndex(index)
        self.number.setText(str(data.get("value") or ""))
        self.reason.setText(str(data.get("reason") or ""))
        self.protected.setChecked(bool(data.get("protected")))
        self._tidy_number()

    def mark_invalid(self, invalid: bool) -> None:
        """Only the typed boxes get the red border (a red list box reads as a wrong kind)."""
        for control in (self.number, self.reason):
            if control.property("invalid") != invalid:
                control.setProperty("invalid", invalid)
                control.style().unpolish(control)
                control.style().polish(control)

    # -- behaviour ----------------------------------------------------------------------
    def _kinds(self) -> tuple[str, ...]:
        return tuple(self.kind.itemData(i) for i in range(self.kind.count()))

    def _kind_changed(self, *_args: object) -> None:
        missing = self.current_kind() == IdentityKind.SAKNAS.value
        self.number.setVisible(not missing)
        self.reason_label.setVisible(missing)
        self.reason.setVisible(missing)
        self.number.setPlaceholderText(_PLACEHOLDERS.get(self.current_kind(), ""))

    def _tidy_number(self) -> None:
        """Show a valid number as ÅÅÅÅMMDD-NNNN and switch the kind if the number says so."""
        parsed = self._parsed()
        if parsed is None:
            return
        kind, digits = parsed
        shown = f"{digits[:8]}-{digits[8:]}"
        if self.number.text() != shown:
            self.number.setText(shown)
        index = self.kind.findData(kind)
        if index >= 0 and index != self.kind.currentIndex():
            self.kind.setCurrentIndex(index)
            self.edited.emit()


_ALL_KINDS = {k.value for k in IdentityKind}
