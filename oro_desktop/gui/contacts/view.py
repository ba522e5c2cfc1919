"""Kontakter (the section widget; registered in gui/sections/contacts.py): who do I call now? Search the directory as you type, see open/closed.

A thin view over `ContactService`: the window's search field feeds `search(text)`, the
service's prebuilt index answers within milliseconds, and the "now" ordering puts the
after-hours route (112, socialjour) first outside office hours. One click on a phone
number or e-mail address in the list copies it; the detail pane has a copy button for
each. Entries not verified for 12 months are marked, and so are entries the clinic
changed. With an unlocked store the edit bar (gui/contacts/edit_bar.py) lets any user
add, edit, hide and restore entries, and an admin export and import the directory.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QModelIndex, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from oro_desktop.core.contacts import ContactEntry, Override, verified_text
from oro_desktop.gui.contacts.edit_bar import EditBar
from oro_desktop.gui.contacts.table_model import (
    ADDED_MARK,
    CHANGED_MARK,
    COLUMNS,
    EMAIL_COLUMN,
    PHONE_COLUMN,
    STALE_MARK,
    STATE_WORDS,
    ContactsModel,
)
from oro_desktop.services.contacts import ContactService
from oro_desktop.services.services import Services

if TYPE_CHECKING:
    from oro_desktop.services.drafts import DraftService

__all__ = [
    "ADDED_MARK", "CHANGED_MARK", "COLUMNS", "STALE_MARK", "STATE_WORDS", "ContactsModel",
    "ContactsView", "make_widget",
]

#: More hits than this are not listed; the count says so and asks for more letters.
MAX_ROWS = 500
ALL_REGIONS = "Alla regioner"
EDIT_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_F2)


class ContactsView(QWidget):
    """The section widget; implements the window's optional `search(text)` hook."""

    search_placeholder = "Sök kommun, verksamhet, nummer eller e-post"

    def __init__(self, service: ContactService, parent: QWidget | None = None,
                 *, clock: Callable[[], datetime] = datetime.now, actor: str = "",
                 drafts: DraftService | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.clock = clock
        self.query = ""
        self._local: dict[str, Override] = {}
        self.setObjectName("contactsView")
        self.setAccessibleName("Kontakter")

        heading = QLabel("Kontakter", self)
        heading.setProperty("role", "heading")
        self.explanation = QLabel("", self)
        self.explanation.setObjectName("contactsExplanation")
        self.explanation.setWordWrap(True)
        # Where the guideline names no after-hours route: call 112 (see core now.py).
        self.emergency = QLabel("", self)
        self.emergency.setObjectName("contactsEmergency")
        self.emergency.setProperty("role", "warning")
        self.emergency.setWordWrap(True)
        self.emergency.setVisible(False)
        self.problems = QLabel("\n".join(service.problems), self)
        self.problems.setObjectName("contactsProblems")
        self.problems.setWordWrap(True)
        self.problems.setVisible(bool(service.problems))

        self.region_box = QComboBox(self)
        self.region_box.setObjectName("contactsRegion")
        self.region_box.setAccessibleName("Visa kontakter i region")
        self._fill_regions()
        # The unit's own region (Inställningar, default_region) is where Kontakter starts;
        # "Alla regioner" is one choice away.
        own = self.region_box.findData(service.own_region()) if service.own_region() else -1
        if own > 0:
            self.region_box.setCurrentIndex(own)
        self.region_box.currentIndexChanged.connect(lambda _i: self.refresh())
        region_label = QLabel("&Region:", self)
        region_label.setBuddy(self.region_box)
        self.count_label = QLabel("", self)
        self.count_label.setObjectName("contactsCount")
        self.count_label.setProperty("role", "muted")
        self.copied_label = QLabel("", self)
        self.copied_label.setObjectName("contactsCopied")

        self.model = ContactsModel(self)
        self.table = QTableView(self)
        self.table.setObjectName("contactsTable")
        self.table.setAccessibleName("Kontakter, ordnade efter vem som nås nu")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((100, 300, 150, 130, 220)):
            self.table.setColumnWidth(column, width)
        self.table.clicked.connect(self._cell_clicked)
        self.table.selectionModel().currentRowChanged.connect(lambda cur, _prev: self._show_detail(cur.row()))

        # Editing only where changes can be stored (an unlocked store with the table).
        self.edit: EditBar | None = None
        if service.editable:
            self.edit = EditBar(self, actor=actor, today=lambda: self.clock().date(), drafts=drafts)
            self.table.installEventFilter(self)
            self.table.doubleClicked.connect(
                lambda index: self.edit.edit_selected() if self.edit and index.column() not in
                (PHONE_COLUMN, EMAIL_COLUMN) else None)
            self._local = self._load_local()

        self.detail = QGroupBox("Vald kontakt", self)
        self.detail.setObjectName("contactsDetail")
        self.detail_form = QFormLayout(self.detail)

        bar = QHBoxLayout()
        bar.addWidget(region_label)
        bar.addWidget(self.region_box)
        bar.addStretch(1)
        bar.addWidget(self.copied_label)
        bar.addWidget(self.count_label)
        for admin_button in self.edit.admin_buttons() if self.edit is not None else []:
            bar.addWidget(admin_button)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.explanation)
        layout.addWidget(self.emergency)
        layout.addWidget(self.problems)
        layout.addLayout(bar)
        if self.edit is not None:
            layout.addWidget(self.edit.bar)
            # Tab in reading order: the filter row, the edit buttons, then the list.
            chain = [self.region_box, *self.edit.admin_buttons(), *self.edit.buttons(), self.table]
            for first, second in zip(chain, chain[1:]):
                QWidget.setTabOrder(first, second)
        layout.addWidget(splitter, 1)

        # Open/closed changes with the clock: re-evaluate every minute.
        self.timer = QTimer(self)
        self.timer.setInterval(60_000)
        self.timer.timeout.connect(self._tick)
        self.timer.start()
        self.refresh()
        if self.edit is not None:
            # After the widget is in place (the window builds it, then shows it).
            QTimer.singleShot(0, self, self.edit.restore_draft)

    # -- the window's hooks --------------------------------------------------------

    def search(self, text: str) -> None:
        """Called by the window's search field as the user types."""
        self.query = text
        self.refresh()

    def flush_drafts(self) -> None:
        """Called before a lock or close: keep an open editor's fields in the drafts."""
        if self.edit is not None:
            self.edit.draft.keep()

    # -- behaviour -------------------------------------------------------------------

    def refresh(self, select_id: str | None = None) -> None:
        """Search, order for the current time, and show the result.

        While an export or import runs in the background the service's cache belongs to
        it, so the refresh waits and runs when the task is done.
        """
        if self.edit is not None and self.edit.busy:
            return  # the transfer refreshes when its task is done
        at = self.clock()
        region = self.region_box.currentData() or None
        found = self.service.search(self.query, region=region)
        view = self.service.now(found[:MAX_ROWS], at)
        today: date = at.date()
        items = list(view.items)
        marks = [self.local_mark(i.entry) for i in items]
        notes = [self.local_note(i.entry) for i in items]
        self.model.set_items(items, [self.service.is_stale(i.entry, today) for i in items],
                             marks, notes)
        self.explanation.setText(view.explanation)
        self.emergency.setText(view.emergency)
        self.emergency.setVisible(bool(view.emergency))
        self.emergency.setAccessibleName(view.emergency)
        self.problems.setText("\n".join(self.service.problems))
        self.problems.setVisible(bool(self.service.problems))
        if len(found) > MAX_ROWS:
            self.count_label.setText(f"Visar {MAX_ROWS} av {len(found)} träffar – skriv fler bokstäver")
        elif not found and region and self.query:
            elsewhere = len(self.service.search(self.query, region=""))
            self.count_label.setText(f"Inga träffar i {region}" + (
                f" – {elsewhere} i andra regioner (välj {ALL_REGIONS})" if elsewhere else ""))
        else:
            self.count_label.setText("1 träff" if len(found) == 1 else f"{len(found)} träffar")
        row = self.model.row_of(select_id) if select_id else -1
        row = row if row >= 0 else (0 if items else -1)
        if row >= 0:
            self.table.selectRow(row)
        self._show_detail(row)

    def _tick(self) -> None:
        """The minute timer: re-evaluate open/closed, keeping the selected row."""
        current = self.selected_entry()
        self.refresh(current.id if current else None)

    def reload_local(self, select_id: str | None = None) -> None:
        """After a change: read the local changes again, then search again."""
        self._local = self._load_local()
        self._fill_regions()
        self.refresh(select_id)

    def _fill_regions(self) -> None:
        """The region filter: every region shown, including one a clinic added locally."""
        regions = self.service.regions()
        if [self.region_box.itemData(i) for i in range(1, self.region_box.count())] == regions:
            return
        current = self.region_box.currentData() or ""
        self.region_box.blockSignals(True)
        self.region_box.clear()
        self.region_box.addItem(ALL_REGIONS, "")
        for region in regions:
            self.region_box.addItem(region, region)
        self.region_box.setCurrentIndex(max(0, self.region_box.findData(current)))
        self.region_box.blockSignals(False)

    def _load_local(self) -> dict[str, Override]:
        if not self.service.editable:
            return {}
        return {o.entry_id: o for o in self.service.local_overrides()}

    def local_mark(self, entry: ContactEntry) -> str:
        """"Lokalt ändrad", "Lokalt tillagd" or "" for `entry`."""
        if not entry.local:
            return ""
        return CHANGED_MARK if self.service.shipped_entry(entry.id) is not None else ADDED_MARK

    def local_note(self, entry: ContactEntry) -> str:
        """"Lokalt ändrad 2026-11-23 10:15 av anna" (when and by whom), or ""."""
        mark = self.local_mark(entry)
        override = self._local.get(entry.id)
        if not mark or override is None:
            return mark
        who = f" av {override.updated_by}" if override.updated_by else ""
        return f"{mark} {override.updated_at[:16]}{who}"

    def selected_entry(self) -> ContactEntry | None:
        """The entry of the current row, or None."""
        row = self.table.currentIndex().row()
        return self.model.items[row].entry if 0 <= row < len(self.model.items) else None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Enter or F2 on a row opens it in the editor (the list itself is read-only)."""
        if (watched is self.table and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() in EDIT_KEYS
                and event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
                and self.edit is not None and self.selected_entry() is not None):
            self.edit.edit_selected()
            return True
        return super().eventFilter(watched, event)

    def copy(self, text: str) -> None:
        """Put `text` on the clipboard and say so."""
        QGuiApplication.clipboard().setText(text)
        self.copied_label.setText(f"Kopierat: {text}")

    def _cell_clicked(self, index: QModelIndex) -> None:
        if index.column() not in (PHONE_COLUMN, EMAIL_COLUMN):
            return
        entry = self.model.items[index.row()].entry
        if index.column() == PHONE_COLUMN:
            value = entry.phones[0].number if entry.phones else ""
        else:
            value = entry.emails[0] if entry.emails else ""
        if value:
            self.copy(value)

    def _show_detail(self, row: int) -> None:
        while self.detail_form.rowCount():
            self.detail_form.removeRow(0)
        if not 0 <= row < len(self.model.items):
            self.detail.setTitle("Vald kontakt")
            if self.edit is not None:
                self.edit.update_for(None)
            return
        item = self.model.items[row]
        entry = item.entry
        if self.edit is not None:
            self.edit.update_for(entry)
        self.detail.setTitle(entry.title)
        if note := self.local_note(entry):
            revert = (" Kan återställas till den levererade uppgiften."
                      if self.local_mark(entry) == CHANGED_MARK else "")
            self._add_text("Lokal ändring", note + "." + revert)
        self._add_text("Nu", item.status.text)
        for phone in entry.phones:
            self._add_copy_row("Telefon", phone.number, phone.label)
        for email in entry.emails:
            self._add_copy_row("E-post", email, "")
        if entry.fill_locally and not entry.reachable:
            self._add_text("Kontaktväg", "Saknas i riktlinjen: fylls i lokalt.")
        if entry.notes:
            self._add_text("Anteckning", entry.notes)
        source = entry.source.guideline + (f" ({entry.source.date})" if entry.source.date else "")
        self._add_text("Källa", source)
        verified = verified_text(entry)
        if self.service.is_stale(entry, self.clock().date()):
            verified += f" – {STALE_MARK}: kontrollera numret"
        if entry.verification_note:
            verified += f". {entry.verification_note}"
        self._add_text("Verifierad", verified)

    def _add_text(self, label: str, text: str) -> None:
        value = QLabel(text, self.detail)
        value.setWordWrap(True)
        value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        value.setAccessibleName(f"{label}: {text}")
        self.detail_form.addRow(f"{label}:", value)

    def _add_copy_row(self, label: str, value: str, note: str) -> None:
        row = QWidget(self.detail)
        line = QHBoxLayout(row)
        line.setContentsMargins(0, 0, 0, 0)
        shown = QLabel(value + (f"  ({note})" if note else ""), row)
        shown.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        shown.setAccessibleName(f"{label}: {shown.text()}")
        button = QPushButton("Kopiera", row)
        button.setObjectName("copyButton")
        button.setAccessibleName(f"Kopiera {value}")
        button.clicked.connect(lambda _checked=False, v=value: self.copy(v))
        line.addWidget(shown)
        line.addWidget(button)
        line.addStretch(1)
        self.detail_form.addRow(f"{label}:", row)


def make_widget(services: Services, parent: QWidget | None = None) -> QWidget:
    """Section factory: the session's contact service (shipped directory + local changes)."""
    return ContactsView(services.contacts, parent, actor=services.user.name,
                        drafts=services.drafts)
