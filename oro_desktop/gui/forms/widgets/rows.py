"""Row fields: party list, repeating rows (e.g. insatser) and signature blocks.

Why rows of real field widgets rather than a QTableWidget: each cell is the same widget
as a top-level field of its type (a date cell accepts ÅÅÅÅ-MM-DD with a calendar, a choice
cell is a list), every cell has its own accessible name ("Insatser – rad 2 – Ansvarig"),
Tab walks the cells in reading order, and a validation message can sit under its row.

Value: a list of row dicts with only the filled cells. Empty rows in the middle are kept
as {} so that row numbers in validation messages ("rad 3") match the rows on screen;
trailing empty rows (such as unused signature slots) are dropped; no filled row -> None.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from oro_desktop.core.forms.model import PARTY_COLUMNS, Field
from oro_desktop.gui.forms.widgets.base import (
    ERROR,
    MESSAGE_PREFIX,
    FieldContext,
    FieldWidget,
    muted_label,
)
from oro_desktop.gui.forms.widgets.problems import RowMessages
from oro_desktop.gui.forms.widgets.choices import ChoiceField, YesNoField
from oro_desktop.gui.forms.widgets.dates import DateField
from oro_desktop.gui.forms.widgets.simple import EmailField, MultilineField, PhoneField, TextField


def _cell(col: Field, context: FieldContext, parent: QWidget) -> FieldWidget:
    """A compact field widget for one cell (column types are limited by the schema)."""
    if col.type == "multiline":
        return MultilineField(col, context, parent, lines=2)
    if col.type == "choice":
        return ChoiceField(col, context, parent, compact=True)
    kinds: dict[str, type[FieldWidget]] = {
        "text": TextField, "phone": PhoneField, "email": EmailField,
        "date": DateField, "yes_no": YesNoField,
    }
    return kinds.get(col.type, TextField)(col, context, parent)


class _Row:
    """The widgets of one row and the loaded keys no column shows (kept, not lost)."""

    def __init__(self, cells: dict[str, FieldWidget], remove: QPushButton, message: QLabel,
                 title: QLabel, labels: list[QLabel]) -> None:
        self.cells = cells
        self.remove = remove
        self.message = message
        self.title = title  # "Rad 2" above a stacked row
        self.labels = labels  # one per cell, beside it in a stacked row
        self.extra: dict[str, Any] = {}

    def value(self) -> dict[str, Any]:
        out = dict(self.extra)
        for key, cell in self.cells.items():
            v = cell.value()
            if v is not None:
                out[key] = v
        return out

    def widgets(self) -> list[QWidget]:
        return [*self.cells.values(), self.remove, self.message, self.title, *self.labels]


class RowsField(FieldWidget):
    """Rows of cells under column headings, with add and remove buttons.

    At least `field.slots` rows are always shown; rows beyond that can be removed. With
    more than STACK_AFTER columns a row no longer fits one line of a 900 px form, so each
    row is laid out as a small block: "Rad N", then one labelled line per column.
    """

    STACK_AFTER = 4

    add_text = "Lägg till rad"
    remove_text = "Ta bort rad"
    hint = ""

    def __init__(self, field: Field, context: FieldContext, parent: QWidget | None = None) -> None:
        super().__init__(field, context, parent)
        self.columns: tuple[Field, ...] = self.make_columns()
        self.rows: list[_Row] = []
        self.stacked = len(self.columns) > self.STACK_AFTER
        self.grid = QGridLayout()
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setHorizontalSpacing(8)
        self.grid.setVerticalSpacing(4)
        self.headers: list[QLabel] = []
        for i, col in enumerate(self.columns):
            mark = " *" if col.required else ""
            header = QLabel(f"{col.label}{mark}", self)
            header.setStyleSheet("font-weight: bold;")
            header.setVisible(not self.stacked)
            self.headers.append(header)
            fixed = col.type in ("date", "yes_no", "choice")
            self.grid.setColumnStretch(i, 0 if fixed or self.stacked else 1)
        if self.stacked:
            self.grid.setColumnStretch(1, 1)
        self.add_button = QPushButton(self.add_text, self)
        self.add_button.clicked.connect(self.add_row_by_user)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        if self.hint:
            layout.addWidget(muted_label(self.hint, self))
        layout.addLayout(self.grid)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        for _ in range(max(1, field.slots)):
            self._append_row()
        self._relayout()

    def make_columns(self) -> tuple[Field, ...]:
        """The cells of one row, as fields (subclasses decide)."""
        return self.field.columns

    # -- rows -------------------------------------------------------------------------
    def _append_row(self) -> _Row:
        cells = {col.id: _cell(col, self.context, self) for col in self.columns}
        remove = QPushButton(self.remove_text, self)
        message = QLabel(self)
        message.setWordWrap(True)
        message.setStyleSheet(f"color: {ERROR}; font-weight: bold;")
        message.hide()
        title = QLabel(self)
        title.setStyleSheet("font-weight: bold;")
        labels = []
        for col in self.columns:
            label = QLabel(f"{col.label}{' *' if col.required else ''}", self)
            label.setContentsMargins(0, 5, 12, 0)  # level with the text in the box
            controls = cells[col.id].controls()
            if controls:
                label.setBuddy(controls[0])
            labels.append(label)
        for widget in (title, *labels):
            widget.setVisible(self.stacked)
        row = _Row(cells, remove, message, title, labels)
        for cell in cells.values():
            cell.edited.connect(self.edited)
            cell.left.connect(self.left)
        remove.clicked.connect(lambda: self.remove_row_by_user(row))
        self.rows.append(row)
        return row

    def _relayout(self) -> None:
        """Put header and rows in the grid again (after a row was added or removed)."""
        while self.grid.count():
            self.grid.takeAt(0)
        for r in range(self.grid.rowCount()):
            self.grid.setRowMinimumHeight(r, 0)
        removable = len(self.rows) > max(1, self.field.slots)
        if self.stacked:
            self._relayout_stacked(removable)
        else:
            self._relayout_table(removable)
        if self.headers and self.rows:
            self.headers[0].setBuddy(self.rows[0].cells[self.columns[0].id].controls()[0])
        self.add_button.removeEventFilter(self)
        self.add_button.installEventFilter(self)
        self._name_rows()

    def _relayout_table(self, removable: bool) -> None:
        top = Qt.AlignmentFlag.AlignTop
        for i, header in enumerate(self.headers):
            self.grid.addWidget(header, 0, i)
        last = len(self.columns)
        for n, row in enumerate(self.rows, start=1):
            r = 2 * n - 1
            for i, cell in enumerate(row.cells.values()):
                self.grid.addWidget(cell, r, i, top)
            self.grid.addWidget(row.remove, r, last, top)
            row.remove.setVisible(removable)
            self.grid.addWidget(row.message, r + 1, 0, 1, last + 1)

    def _relayout_stacked(self, removable: bool) -> None:
        top = Qt.AlignmentFlag.AlignTop
        r = 0
        for n, row in enumerate(self.rows, start=1):
            row.title.setText(f"Rad {n}")
            self.grid.addWidget(row.title, r, 0, 1, 2)
            self.grid.addWidget(row.remove, r, 2, Qt.AlignmentFlag.AlignRight)
            row.remove.setVisible(removable)
            r += 1
            for label, cell in zip(row.labels, row.cells.values()):
                self.grid.addWidget(label, r, 0, top)
                self.grid.addWidget(cell, r, 1, 1, 2, top)
                r += 1
            self.grid.addWidget(row.message, r, 0, 1, 3)
            self.grid.setRowMinimumHeight(r + 1, 10)  # air between rows
            r += 2

    def _name_rows(self) -> None:
        """Accessible names "<field> – rad N – <column>" and the tab chain, in row order."""
        self._parts = []
        for n, row in enumerate(self.rows, start=1):
            for i, cell in enumerate(row.cells.values()):
                cell.rename(f"{self._name_base} – rad {n} – {self.columns[i].label}")
                self._parts += [(control, None) for control in cell.controls()]
            row.remove.setAccessibleName(f"{self._name_base} – {self.remove_text.lower()} {n}")
            self._parts.append((row.remove, None))
        self.add_button.setAccessibleName(f"{self._name_base} – {self.add_text.lower()}")
        self._parts.append((self.add_button, None))
        for control, _ in self._parts:
            control.setAccessibleDescription(self._description)

    def rename(self, base: str) -> None:
        self._name_base = base
        self._name_rows()

    def add_row_by_user(self) -> None:
        row = self._append_row()
        self._relayout()
        for cell in row.cells.values():
            cell.show()
        self.structure_changed.emit()
        self.edited.emit()
        next(iter(row.cells.values())).focus_first()

    def remove_row_by_user(self, row: _Row) -> None:
        if row not in self.rows or len(self.rows) <= max(1, self.field.slots):
            return
        index = self.rows.index(row)
        self.rows.remove(row)
        for widget in row.widgets():
            widget.hide()
            widget.deleteLater()
        self._relayout()
        self.structure_changed.emit()
        self.edited.emit()
        target = self.rows[min(index, len(self.rows) - 1)]
        next(iter(target.cells.values())).focus_first()

    # -- value ------------------------------------------------------------------------
    def value(self) -> list[dict[str, Any]] | None:
        rows = [row.value() for row in self.rows]
        while rows and not rows[-1]:
            rows.pop()
        return rows or None

    def set_value(self, value: Any) -> None:
        wanted = [r for r in value if isinstance(r, Mapping)] if isinstance(value, list) else []
        keep = max(max(1, self.field.slots), len(wanted))
        while len(self.rows) > keep:
            row = self.rows.pop()
            for widget in row.widgets():
                widget.hide()
                widget.deleteLater()
        while len(self.rows) < keep:
            self._append_row()
        for i, row in enumerate(self.rows):
            data = dict(wanted[i]) if i < len(wanted) else {}
            for key, cell in row.cells.items():
                cell.blockSignals(True)
                cell.set_value(data.pop(key, None))
                cell.blockSignals(False)
            row.extra = data
        self._relayout()
        self.structure_changed.emit()

    # -- messages ---------------------------------------------------------------------
    def show_row_messages(self, rows: RowMessages) -> bool:
        """Messages under their row; the cell of a named column gets the red border."""
        for n, row in enumerate(self.rows, start=1):
            entries = rows.get(n, [])
            texts = [text for _, text in entries]
            row.message.setText("\n".join(f"{MESSAGE_PREFIX} {m}" for m in texts))
            row.message.setAccessibleName(" ".join(f"Fel: {m}" for m in texts))
            row.message.setVisible(bool(texts))
            columns = {col for col, _ in entries}
            whole_row = None in columns
            for key, cell in row.cells.items():
                cell.mark_invalid(whole_row or key in columns)
        return True

    def focus_row(self, row: int) -> None:
        if 1 <= row <= len(self.rows):
            next(iter(self.rows[row - 1].cells.values())).focus_first()
        else:
            self.focus_first()

    def mark_invalid(self, invalid: bool) -> None:
        """Whole-field problems (e.g. "no one signs") mark no cell: the message says it."""


class PartyListField(RowsField):
    """Parties: organisation, role, name, contact (the columns of core PARTY_COLUMNS)."""

    def make_columns(self) -> tuple[Field, ...]:
        return tuple(Field(id=key, type="text", label=label) for key, label in PARTY_COLUMNS)


class RepeatingField(RowsField):
    """Rows whose columns the definition names (e.g. insatser: part, vad, ansvarig...)."""


class SignatureField(RowsField):
    """Signers: date and name per person. The signature itself is wet ink on the paper.

    One row per slot in the definition (at least); more signers can be added.
    """

    remove_text = "Ta bort"
    hint = (
        "Själva underskriften görs för hand på den utskrivna blanketten. Fyll i namn "
        "(namnförtydligande) och datum för varje person som skriver under."
    )

    def __init__(self, field: Field, context: FieldContext, parent: QWidget | None = None) -> None:
        # "Lägg till förälder/vårdnadshavare": the signers are named by the field's label.
        label = field.label or "Underskrift"
        self.add_text = f"Lägg till {label[0].lower()}{label[1:]}"
        super().__init__(field, context, parent)

    def make_columns(self) -> tuple[Field, ...]:
        return (
            Field(id="date", type="date", label=self.field.sub_label("date")),
            Field(id="name", type="text", label=self.field.sub_label("name")),
        )
