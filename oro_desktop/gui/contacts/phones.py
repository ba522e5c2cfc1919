"""The editor's phone list: one row per number (number + what it is for), add and remove.

Units give several numbers ("växel", "direkt", "kontorstid"); a fixed pair of fields
would force people to squeeze two numbers into one. Rows are renumbered after a removal
so that accessible names ("Telefonnummer 2") and error messages ("Telefon 2: ...") keep
pointing at what the user sees.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget


class PhoneRow(QWidget):
    """One number with its label and a remove button."""

    def __init__(self, number: str, label: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.number_edit = QLineEdit(number, self)
        self.number_edit.setObjectName("phoneNumber")
        self.number_edit.setPlaceholderText("0470-123 45")
        self.label_edit = QLineEdit(label, self)
        self.label_edit.setObjectName("phoneLabel")
        self.label_edit.setPlaceholderText("t.ex. växel, direkt, kontorstid")
        self.remove_button = QPushButton("Ta bort", self)
        self.remove_button.setObjectName("phoneRemove")
        line = QHBoxLayout(self)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.number_edit, 3)
        line.addWidget(self.label_edit, 3)
        line.addWidget(self.remove_button)

    def set_position(self, position: int) -> None:
        """Name the row's controls after its place in the list (1-based)."""
        self.number_edit.setAccessibleName(f"Telefonnummer {position}")
        self.label_edit.setAccessibleName(f"Vad telefon {position} är till (etikett)")
        self.remove_button.setAccessibleName(f"Ta bort telefon {position}")

    def value(self) -> tuple[str, str]:
        return self.number_edit.text(), self.label_edit.text()


class PhoneRows(QWidget):
    """Editable rows of (number, label); emits `changed` on every edit, add or removal."""

    changed = Signal()

    def __init__(self, phones: list[tuple[str, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("phoneRows")
        self.rows: list[PhoneRow] = []
        self._rows_layout = QVBoxLayout()
        self._rows_layout.setContentsMargins(0, 0, 0, 0)
        self.add_button = QPushButton("Lägg till telefon", self)
        self.add_button.setObjectName("phoneAdd")
        self.add_button.setAccessibleName("Lägg till telefonnummer")
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addLayout(self._rows_layout)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        for number, label in phones or [("", "")]:
            self.add_row(number, label)

    def add_row(self, number: str = "", label: str = "", *, focus: bool = False) -> PhoneRow:
        row = PhoneRow(number, label, self)
        row.number_edit.textChanged.connect(self.changed)
        row.label_edit.textChanged.connect(self.changed)
        row.remove_button.clicked.connect(lambda _c=False, r=row: self.remove_row(r))
        self.rows.append(row)
        self._rows_layout.addWidget(row)
        row.show()  # at once, not when the layout gets round to it: focus can move there now
        self._renumber()
        if focus:
            row.number_edit.setFocus()
        self.changed.emit()
        return row

    def remove_row(self, row: PhoneRow) -> None:
        """Drop `row`; focus moves to the neighbouring row (or the add button)."""
        index = self.rows.index(row)
        self.rows.remove(row)
        self._rows_layout.removeWidget(row)
        row.hide()
        row.deleteLater()
        self._renumber()
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].number_edit.setFocus()
        else:
            self.add_button.setFocus()
        self.changed.emit()

    def values(self) -> list[tuple[str, str]]:
        return [row.value() for row in self.rows]

    def _renumber(self) -> None:
        """Names follow the position; Tab walks the rows in order, then "Lägg till".

        A row added after the dialog was built would otherwise come last in the focus
        chain (after Spara), since Qt orders focus by creation.
        """
        previous: QWidget | None = None
        for position, row in enumerate(self.rows, start=1):
            row.set_position(position)
            for widget in (row.number_edit, row.label_edit, row.remove_button):
                if previous is not None:
                    QWidget.setTabOrder(previous, widget)
                previous = widget
        if previous is not None:
            QWidget.setTabOrder(previous, self.add_button)
