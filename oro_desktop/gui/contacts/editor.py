"""The contact editor: add a unit, or correct one, with the problem shown beside the field.

Every keystroke re-validates (`form.field_errors`); "Spara" stays disabled until the
fields make a valid entry, so bad input can never reach the store. A field's message
appears once the user has touched it (a new, empty form is not a wall of red), except
the opening hours, which are checked live as typed and show how they were read. Saving
goes through `ContactService.save_entry`, which validates once more, stores the change
encrypted and audits it; a refusal there is shown in the dialog and nothing closes.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from oro_desktop.core.contacts import ContactEntry, format_hours
from oro_desktop.errors import OroError
from oro_desktop.gui.a11y import announce, error_label
from oro_desktop.gui.contacts import form
from oro_desktop.gui.contacts.phones import PhoneRows
from oro_desktop.gui.messages import error_text
from oro_desktop.services.contacts import ContactService

REQUIRED_HINT = (
    "Obligatoriskt: organisation, typ av verksamhet, region och minst ett "
    "telefonnummer eller en e-postadress. Spara blir möjligt när inget fel återstår."
)


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


class ContactEditor(QDialog):
    """Add (`entry` None) or edit one directory entry; `saved_entry` is set on success.

    `draft`: fields typed earlier and kept in the store's drafts (after an auto-lock),
    shown instead of the entry's own values. `changed` fires on every edit, so the
    section can keep such a draft current.
    """

    changed = Signal()

    def __init__(
        self,
        service: ContactService,
        entry: ContactEntry | None,
        *,
        actor: str = "",
        today: Callable[[], date] = date.today,
        draft: form.EditorValues | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.base = entry
        self.actor = actor
        self.today = today
        self.saved_entry: ContactEntry | None = None
        self.touched: set[str] = set()
        title = "Ny kontakt" if entry is None else f"Redigera kontakt – {entry.title}"
        self.setWindowTitle(title)
        self.setAccessibleName(title)
        self.setObjectName("contactEditor")
        self.setMinimumWidth(640)
        values = form.values_from_entry(entry) if entry else form.EditorValues(verified=today())
        if draft is not None:
            values = draft

        self.restored = QLabel(
            "Återställt: det här skrevs in men hann inte sparas innan programmet låstes "
            "eller stängdes. Kontrollera och spara, eller avbryt.", self)
        self.restored.setObjectName("editorRestored")
        self.restored.setProperty("role", "warning")
        self.restored.setWordWrap(True)
        self.restored.setVisible(draft is not None)
        self.hint = QLabel(REQUIRED_HINT, self)
        self.hint.setWordWrap(True)
        self.hint.setProperty("role", "muted")
        self.errors: dict[str, QLabel] = {}
        self.fields: dict[str, QWidget] = {}
        grid = QFormLayout()
        grid.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.organisation = self._line(values.organisation, "t.ex. Växjö kommun")
        self._add(grid, form.ORGANISATION, "&Organisation:", self.organisation, "Organisation")
        self.unit = self._line(values.unit, "t.ex. Socialtjänsten, mottagningsgruppen")
        self._add(grid, form.UNIT, "&Enhet:", self.unit, "Enhet")

        self.kind = self._combo(form.known_kinds(service.entries()), values.kind)
        self._add(grid, form.KIND, "&Typ av verksamhet:", self.kind, "Typ av verksamhet")
        self.region = self._combo(service.regions(), values.region)
        self._add(grid, form.REGION, "&Region:", self.region, "Region")
        self.municipality = self._combo([], "")
        self._fill_municipalities(values.municipality or form.WHOLE_REGION)
        self._add(grid, form.MUNICIPALITY, "&Kommun:", self.municipality, "Kommun")
        self.region.currentTextChanged.connect(
            lambda _t: self._fill_municipalities(self.municipality.currentText())
        )

        self.phones = PhoneRows(values.phones, self)
        self.phones.changed.connect(lambda: self._edited(form.PHONES))
        self._add(grid, form.PHONES, "Telefon:", self.phones, "")
        self.emails = self._line(values.emails, "namn@kommun.se (flera skiljs med komma)")
        self._add(grid, form.EMAILS, "E-&post:", self.emails, "E-postadresser")

        self.hours = self._line(values.hours, form.HOURS_EXAMPLE)
        self.hours.setToolTip(
            "Veckodagar och tider, t.ex. ”mån–tors 8.00–16.00, fre 8.00–15.00”, "
            "eller ”dygnet runt”. Lämna tomt om tiderna inte är kända."
        )
        self.hours_preview = QLabel("", self)
        self.hours_preview.setObjectName("hoursPreview")
        self.hours_preview.setProperty("role", "muted")
        self.hours_preview.setWordWrap(True)
        self._add(grid, form.HOURS, "&Öppettider:", self.hours, "Öppettider", extra=self.hours_preview)

        self.notes = QPlainTextEdit(values.notes, self)
        self.notes.setTabChangesFocus(True)
        self.notes.setFixedHeight(64)
        self.notes.setPlaceholderText("t.ex. be att bli kopplad till mottagningsgruppen")
        self.notes.textChanged.connect(lambda: self._edited(form.NOTES))
        self._add(grid, form.NOTES, "&Anteckning:", self.notes, "Anteckning")

        self.verified = QDateEdit(_qdate(values.verified or today()), self)
        self.verified.setDisplayFormat("yyyy-MM-dd")
        self.verified.setCalendarPopup(True)
        self.verified.setMaximumDate(_qdate(today()))
        self._date_before = self.verified.date()
        self.verified.dateChanged.connect(lambda _d: self._edited(form.VERIFIED))
        self.checked_today = QCheckBox("Uppgifterna är kontrollerade &idag", self)
        self.checked_today.setObjectName("checkedToday")
        self.checked_today.setAccessibleName("Uppgifterna är kontrollerade idag")
        self.checked_today.toggled.connect(self._checked_toggled)
        verified_row = QWidget(self)
        line = QHBoxLayout(verified_row)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(self.verified)
        line.addWidget(self.checked_today)
        line.addStretch(1)
        self.verified.setAccessibleName("Senast kontrollerad (datum)")
        self.fields[form.VERIFIED] = self.verified
        self._add(grid, form.VERIFIED, "&Senast kontrollerad:", verified_row, "")

        self.general_error = error_label(self, object_name="editorError")
        self.save_button = QPushButton("Spara", self)
        self.save_button.setObjectName("editorSave")
        self.save_button.setAccessibleName("Spara kontakten")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.accept)
        self.cancel_button = QPushButton("Avbryt", self)
        self.cancel_button.setObjectName("editorCancel")
        self.cancel_button.setAccessibleName("Avbryt utan att spara")
        self.cancel_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.cancel_button)

        layout = QVBoxLayout(self)
        layout.addWidget(self.restored)
        layout.addWidget(self.hint)
        layout.addLayout(grid)
        layout.addWidget(self.general_error)
        layout.addLayout(buttons)
        self.checked_today.setChecked(values.checked_today)
        self.validate()
        self.organisation.setFocus()

    # -- building ----------------------------------------------------------------

    def _line(self, text: str, placeholder: str) -> QLineEdit:
        edit = QLineEdit(text, self)
        edit.setPlaceholderText(placeholder)
        return edit

    def _combo(self, items: list[str], current: str) -> QComboBox:
        box = QComboBox(self)
        box.setEditable(True)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        box.addItems(items)
        box.setCurrentText(current)
        return box

    def _add(self, grid: QFormLayout, name: str, label: str, widget: QWidget,
             accessible: str, *, extra: QWidget | None = None) -> None:
        """A form row: the field, then its (hidden) error line beneath it."""
        if accessible:
            widget.setAccessibleName(accessible)
            if isinstance(widget, QComboBox) and widget.lineEdit() is not None:
                widget.lineEdit().setAccessibleName(accessible)  # the typed part of the box
        widget.setObjectName(widget.objectName() or f"field_{name}")
        self.fields.setdefault(name, widget)
        error = QLabel("", self)
        error.setObjectName(f"error_{name}")
        error.setProperty("role", "error")
        error.setWordWrap(True)
        error.hide()
        self.errors[name] = error
        cell = QWidget(self)
        column = QVBoxLayout(cell)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        column.addWidget(widget)
        if extra is not None:
            column.addWidget(extra)
        column.addWidget(error)
        caption = QLabel(label, self)
        caption.setBuddy(self.fields[name])
        grid.addRow(caption, cell)
        if isinstance(widget, QLineEdit):
            widget.textChanged.connect(lambda _t, n=name: self._edited(n))
        elif isinstance(widget, QComboBox):
            widget.currentTextChanged.connect(lambda _t, n=name: self._edited(n))

    def _fill_municipalities(self, keep: str) -> None:
        """Offer the chosen region's municipalities; a typed name is kept as it is."""
        names = self.service.municipalities(self.region.currentText().strip() or None)
        self.municipality.blockSignals(True)
        self.municipality.clear()
        self.municipality.addItems([form.WHOLE_REGION, *names])
        self.municipality.setCurrentText(keep or form.WHOLE_REGION)
        self.municipality.blockSignals(False)

    # -- validation --------------------------------------------------------------

    def values(self) -> form.EditorValues:
        """What the fields hold now."""
        q = self.verified.date()
        return form.EditorValues(
            organisation=self.organisation.text(),
            unit=self.unit.text(),
            kind=self.kind.currentText(),
            region=self.region.currentText(),
            municipality=self.municipality.currentText(),
            phones=self.phones.values(),
            emails=self.emails.text(),
            hours=self.hours.text(),
            notes=self.notes.toPlainText(),
            verified=date(q.year(), q.month(), q.day()),
            checked_today=self.checked_today.isChecked(),
        )

    def _edited(self, name: str) -> None:
        self.touched.add(name)
        self.validate()
        self.changed.emit()

    def _checked_toggled(self, checked: bool) -> None:
        """Confirming the check dates the entry today; unchecking restores the old date."""
        self.changed.emit()
        if checked:
            self._date_before: QDate = self.verified.date()
            self.verified.setDate(_qdate(self.today()))
        else:
            self.verified.setDate(self._date_before)
        self.verified.setEnabled(not checked)

    def validate(self) -> dict[str, str]:
        """Show each touched field's problem beside it; Spara only when there is none."""
        # A new entry must be reachable; so must an edited one that was. An entry the
        # guideline leaves to local routine ("fylls i lokalt"), or one reached another way
        # (a mailbox in the record system), may stay without a number.
        needs_route = self.base is None or (self.base.reachable and not self.base.fill_locally)
        problems = form.field_errors(self.values(), today=self.today(), needs_route=needs_route)
        for name, label in self.errors.items():
            message = problems.get(name, "")
            shown = bool(message) and (name in self.touched or name == form.HOURS
                                       or self.base is not None)
            was_shown = label.isVisibleTo(self)
            label.setText(f"⚠ {message}" if shown else "")
            label.setVisible(shown)
            field = self.fields[name]
            field.setAccessibleDescription(message if shown else "")
            if shown and not was_shown:
                announce(label)
        self._show_hours_preview(problems)
        self.save_button.setEnabled(not problems)
        self.general_error.hide()
        return problems

    def _show_hours_preview(self, problems: dict[str, str]) -> None:
        text = self.hours.text().strip()
        if not text:
            self.hours_preview.setText("Inga öppettider anges: visas som ”tider saknas”.")
        elif form.HOURS in problems:
            self.hours_preview.setText("")
            self.hours_preview.hide()
            return
        else:
            parsed = form.parse_hours_field(text)
            assert parsed is not None
            self.hours_preview.setText(f"Tolkas som: {format_hours(parsed)}")
        self.hours_preview.show()

    # -- saving ------------------------------------------------------------------

    def entry_from_fields(self) -> ContactEntry:
        """The entry to store (call only when `validate()` found nothing)."""
        values = self.values()
        if self.base is not None:
            entry_id = self.base.id
        else:
            taken = {o.entry_id for o in self.service.local_overrides()}
            entry_id = form.new_entry_id(
                values, lambda i: i in taken or self.service.get(i) is not None
                or self.service.shipped_entry(i) is not None,
            )
        return form.build_entry(values, base=self.base, entry_id=entry_id,
                                actor=self.actor, today=self.today())

    def accept(self) -> None:
        """Save through the service; on a refusal say why and stay open."""
        self.touched.update(self.errors)
        if self.validate():
            return
        try:
            entry = self.entry_from_fields()
            if self.base is not None and entry == self.base:
                super().accept()  # nothing changed: no local copy pins the shipped entry
                return
            self.saved_entry = self.service.save_entry(entry)
        except OroError as exc:
            self.general_error.setText(f"⚠ Kontakten sparades inte: {error_text(exc)}")
            self.general_error.show()
            announce(self.general_error)
            return
        super().accept()
