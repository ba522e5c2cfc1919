"""The Kontakter section's buttons for keeping the directory current.

"Ny kontakt…" (Ctrl+N), "Redigera…" (Enter/F2 on a row), "Dölj", "Återställ till
levererad uppgift" and "Visa dolda/lokala ändringar…" for every signed-in user; "Exportera
katalog…" and "Importera katalog…" for admins only (see gui/contacts/__init__.py for
why). The bar exists only when the service can store changes. Questions (hide, revert)
are asked with non-blocking message boxes so that nothing waits in a nested event loop.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QMessageBox, QPushButton, QWidget

from oro_desktop.core.contacts import ContactEntry
from oro_desktop.errors import OroError
from oro_desktop.gui.contacts import form
from oro_desktop.gui.contacts.drafts import EditorDraft
from oro_desktop.gui.contacts.editor import ContactEditor
from oro_desktop.gui.contacts.local_changes import LocalChangesDialog
from oro_desktop.gui.contacts.transfer import DirectoryTransfer
from oro_desktop.gui.messages import show_error

if TYPE_CHECKING:
    from oro_desktop.gui.sections.contacts import ContactsView


class EditBar(QObject):
    """Buttons and flows that change the directory; `bar` is the row of buttons."""

    def __init__(self, view: ContactsView, *, actor: str = "",
                 today: Callable[[], date] = date.today, drafts: Any | None = None) -> None:
        super().__init__(view)
        self.draft = EditorDraft(drafts, self)
        self.view = view
        self.service = view.service
        self.actor = actor
        self.today = today
        self.editor: ContactEditor | None = None
        self.question: QMessageBox | None = None
        self.local_dialog: LocalChangesDialog | None = None
        self.bar = QWidget(view)
        self.bar.setObjectName("contactsEditBar")
        row = QHBoxLayout(self.bar)
        row.setContentsMargins(0, 0, 0, 0)

        def button(text: str, name: str, accessible: str, slot: Callable[[], object],
                   keys: str = "", tip: str = "", *, in_bar: bool = True) -> QPushButton:
            widget = QPushButton(text, self.bar if in_bar else view)
            widget.setObjectName(name)
            widget.setAccessibleName(accessible)
            if keys:
                widget.setShortcut(QKeySequence(keys))
            if tip:
                widget.setToolTip(tip)
            widget.clicked.connect(lambda _c=False: slot())
            if in_bar:
                row.addWidget(widget)
            return widget

        self.new_button = button("Ny kontakt…", "contactsNew", "Ny kontakt", self.new_entry,
                                 "Ctrl+N", "Lägg till en kontakt (Ctrl+N)")
        self.edit_button = button("Redigera…", "contactsEdit", "Redigera vald kontakt",
                                  self.edit_selected, tip="Redigera vald kontakt (Enter eller F2)")
        self.hide_button = button("Dölj", "contactsHide", "Dölj vald kontakt", self.hide_selected,
                                  tip="Dölj kontakten i sökningen (kan visas igen)")
        self.revert_button = button(
            "Återställ till levererad uppgift", "contactsRevert",
            "Återställ vald kontakt till levererad uppgift", self.revert_selected,
            tip="Ta bort enhetens ändring så att riktlinjens uppgift visas igen")
        self.local_button = button("Visa dolda/lokala ändringar…", "contactsLocal",
                                   "Visa dolda och lokalt ändrade kontakter", self.show_local_changes)
        row.addStretch(1)
        # The admin's two buttons are created here but placed by the section on its
        # filter row: one row of seven buttons would make the window wider than a
        # 1280-pixel screen allows.
        self.transfer: DirectoryTransfer | None = None
        self.export_button: QPushButton | None = None
        self.import_button: QPushButton | None = None
        if self.service.can_transfer:
            self.transfer = DirectoryTransfer(self.service, view, self.changed)
            self.export_button = button("Exportera katalog…", "contactsExport",
                                        "Exportera kontaktkatalogen till fil",
                                        self.transfer.start_export, in_bar=False,
                                        tip="Spara hela katalogen med enhetens ändringar som YAML-fil")
            self.import_button = button("Importera katalog…", "contactsImport",
                                        "Importera kontaktkatalog från fil",
                                        self.transfer.start_import, in_bar=False,
                                        tip="Läs in en katalogfil från en annan enhet (kontrolleras först)")

    def buttons(self) -> list[QPushButton]:
        """The edit buttons in their visible order (for the section's tab order)."""
        return [self.new_button, self.edit_button, self.hide_button, self.revert_button,
                self.local_button]

    def admin_buttons(self) -> list[QPushButton]:
        """Export and import, for admins; empty for everyone else."""
        return [b for b in (self.export_button, self.import_button) if b is not None]

    @property
    def busy(self) -> bool:
        return self.transfer is not None and self.transfer.busy

    def update_for(self, entry: ContactEntry | None) -> None:
        """Enable what makes sense for the selected entry."""
        self.edit_button.setEnabled(entry is not None)
        self.hide_button.setEnabled(entry is not None)
        revertible = (entry is not None and entry.local
                      and self.service.shipped_entry(entry.id) is not None)
        self.revert_button.setEnabled(revertible)

    def changed(self, select_id: str | None = None) -> None:
        """After any change: re-read the local marks, search again, keep the selection."""
        self.view.reload_local(select_id)

    # -- flows -------------------------------------------------------------------------

    def new_entry(self) -> ContactEditor:
        return self._open_editor(None)

    def edit_selected(self) -> ContactEditor | None:
        entry = self.view.selected_entry()
        return self._open_editor(entry) if entry is not None else None

    def _open_editor(self, entry: ContactEntry | None,
                     draft: form.EditorValues | None = None) -> ContactEditor:
        editor = ContactEditor(self.service, entry, actor=self.actor, today=self.today,
                               draft=draft, parent=self.view)
        editor.accepted.connect(
            lambda: self.changed(editor.saved_entry.id if editor.saved_entry else None))
        self.editor = editor
        self.draft.watch(editor)
        editor.open()
        return editor

    def restore_draft(self) -> ContactEditor | None:
        """Reopen the editor with fields left unsaved by a lock or close, if any."""
        pending = self.draft.pending()
        if pending is None:
            return None
        base_id, values = pending
        base = None
        if base_id is not None:
            base = self.service.get(base_id) or self.service.shipped_entry(base_id)
            if base is None:  # the entry went away meanwhile: keep the typing as a new one
                base_id = None
        return self._open_editor(base, values)

    def hide_selected(self) -> QMessageBox | None:
        entry = self.view.selected_entry()
        if entry is None:
            return None
        return self._ask(
            "Dölj kontakt",
            f"Dölj ”{entry.title}”? Kontakten syns inte längre i sökningen. Den kan visas "
            "igen under ”Visa dolda/lokala ändringar”.",
            "Dölj", lambda: self.service.hide_entry(entry.id), None)

    def revert_selected(self) -> QMessageBox | None:
        entry = self.view.selected_entry()
        if entry is None or self.service.shipped_entry(entry.id) is None:
            return None
        return self._ask(
            "Återställ kontakt",
            f"Återställ ”{entry.title}” till den levererade uppgiften? Enhetens ändring "
            "tas bort.",
            "Återställ", lambda: self.service.revert_entry(entry.id), entry.id)

    def show_local_changes(self) -> LocalChangesDialog:
        dialog = LocalChangesDialog(self.service, lambda: self.changed(None), self.view)
        self.local_dialog = dialog
        dialog.open()
        return dialog

    def _ask(self, title: str, text: str, yes_text: str, action: Callable[[], object],
             select_id: str | None) -> QMessageBox:
        box = QMessageBox(QMessageBox.Icon.Question, title, text,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                          self.view)
        box.setAccessibleName(title)
        yes = box.button(QMessageBox.StandardButton.Yes)
        yes.setText(yes_text)
        box.button(QMessageBox.StandardButton.No).setText("Avbryt")
        box.setDefaultButton(QMessageBox.StandardButton.No)

        def finished(_result: int) -> None:
            if box.clickedButton() is not yes:
                return
            try:
                action()
            except OroError as exc:
                show_error(self.view, f"{title}: det gick inte", exc)
                return
            self.changed(select_id)

        box.finished.connect(finished)
        self.question = box
        box.open()
        return box
