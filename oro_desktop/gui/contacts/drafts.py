"""Keep what is typed into the contact editor in the store's drafts until it is saved.

Widgets never hold the only copy of typed data (architecture.md): an auto-lock destroys
the section and its open editor, so the fields go to `session.drafts` a moment after
each edit and at once when the window asks (`flush`). When the section is built again
after unlocking, the editor reopens with them. Saving or cancelling drops the draft.
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QObject, QTimer

from oro_desktop.errors import OroError
from oro_desktop.gui.contacts import form
from oro_desktop.gui.contacts.editor import ContactEditor

log = logging.getLogger(__name__)

DRAFT_KEY = "contacts/editor"
DRAFT_KIND = "contact_entry"
AUTOSAVE_MS = 1500


class EditorDraft(QObject):
    """The draft of the one open contact editor (`drafts` is `session.drafts` or None)."""

    def __init__(self, drafts: Any | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.drafts = drafts
        self.editor: ContactEditor | None = None
        self._kept: ContactEditor | None = None  # flushed for a lock: closing keeps the draft
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(AUTOSAVE_MS)
        self.timer.timeout.connect(self.flush)

    def watch(self, editor: ContactEditor) -> None:
        """Follow `editor`: save its fields after edits, drop them when it closes."""
        if self.drafts is None:
            return
        self.editor = editor
        editor.changed.connect(self.timer.start)
        editor.finished.connect(lambda result, e=editor: self._closed(e, result))

    def keep(self) -> None:
        """Before a lock or close: save now, and let the window's closing of the editor
        (a reject) keep the draft; only the user's own Spara or Avbryt drops it."""
        self.flush()
        self._kept = self.editor

    def flush(self) -> None:
        """Save the open editor's fields now."""
        self.timer.stop()
        editor = self.editor
        if self.drafts is None or editor is None or not editor.isVisible():
            return
        payload = {"base_id": editor.base.id if editor.base else None,
                   "values": form.values_to_payload(editor.values())}
        try:
            self.drafts.save(DRAFT_KEY, DRAFT_KIND, payload)
        except OroError:
            log.exception("The contact editor's draft could not be saved")

    def pending(self) -> tuple[str | None, form.EditorValues] | None:
        """(entry id or None for a new entry, fields) of a draft left behind, if any."""
        if self.drafts is None:
            return None
        try:
            payload = self.drafts.load(DRAFT_KEY)
        except OroError:  # e.g. locked again before the section was shown
            return None
        if not isinstance(payload, dict) or not isinstance(payload.get("values"), dict):
            return None
        base_id = payload.get("base_id")
        return (base_id if isinstance(base_id, str) else None,
                form.values_from_payload(payload["values"]))

    def _closed(self, editor: ContactEditor, result: int) -> None:
        if editor is not self.editor:
            return
        self.timer.stop()
        self.editor = None
        if editor is self._kept and result != ContactEditor.DialogCode.Accepted.value:
            return
        try:
            self.drafts.delete(DRAFT_KEY)
        except OroError:
            log.exception("The contact editor's draft could not be removed")
