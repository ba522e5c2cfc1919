"""The consent editor: the generic FormWidget in a window, with drafts and saving.

Why drafts: a clinician may be typing with a guardian beside her when the workstation
locks itself or crashes. Every pause in typing (the builder's `settled`, 400 ms) writes
the whole form to `session.drafts` under "consent:<id>" (or "consent:new-<uuid>" before
the first save); `flush_drafts()` writes at once (the section calls it before a lock).
Opening a consent that has such a draft offers it back. Saving stores the form in the
store (a draft may be incomplete: its problems are shown beside the fields) and drops
the draft; closing with unsaved changes asks.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from oro_desktop.core.consent import ConsentStatus
from oro_desktop.errors import OroError
from oro_desktop.gui.consents import common
from oro_desktop.gui.consents.model import status_text
from oro_desktop.gui.forms.builder import FormWidget

if TYPE_CHECKING:
    from oro_desktop.services.consents import ConsentService
    from oro_desktop.services.session import Session

DRAFT_KIND = "consent"
NEW_PREFIX = "consent:new-"


def draft_key(consent_id: int | None) -> str:
    return f"consent:{consent_id}" if consent_id is not None else f"{NEW_PREFIX}{uuid.uuid4().hex}"


def _when(payload: dict[str, Any]) -> str:
    return str(payload.get("saved_at") or "tidigare")


class ConsentEditor(QDialog):
    """Edit (or view) one consent. `saved(id)` after every successful save."""

    saved = Signal(int)

    def __init__(self, service: ConsentService, session: Session, *, consent_id: int | None = None, new=None,
                 key: str | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service, self.session = service, session
        self.consent_id = consent_id
        self.setObjectName("consentEditor")
        if consent_id is not None:
            view = service.get(consent_id)
            definition, data, status = view.definition, view.data, view.status
            self.form_id, editable = view.form_id, view.editable
        else:
            new = new or service.new_draft()
            definition = service.library.get(new.form_id, new.form_version)
            data, status, self.form_id, editable = dict(new.data), ConsentStatus.DRAFT, new.form_id, True
        self.definition = definition
        self.key = key or draft_key(consent_id)
        self.editable = editable
        self._saved_data: dict[str, Any] = dict(data)
        self._closed = False
        self._quiet = False
        self._set_title(view.child.name if consent_id is not None and view.child else None)
        self.resize(1000, 720)

        self.form = FormWidget(definition, today_provider=service.today, parent=self)
        self.form.set_data(data)
        self.form.settled.connect(self._save_draft)
        self.status_label = QLabel(self)
        self.status_label.setObjectName("consentEditorStatus")
        self.status_label.setWordWrap(True)
        self.message = QLabel("", self)
        self.message.setObjectName("consentEditorMessage")
        self.message.setProperty("role", "muted")
        self.message.setWordWrap(True)
        self._show_status(status)
        from oro_desktop.gui.barnhalsoteam.consent_banner import consent_banner  # issue 12

        self.bht_banner = consent_banner(session, view if consent_id is not None else None, self)
        if self.bht_banner is not None:
            self.bht_banner.guard_address(self.form)  # a secret address is not shown

        self.save_button = QPushButton("&Spara", self)
        self.save_button.setShortcut(QKeySequence.StandardKey.Save)
        self.save_button.setToolTip("Spara samtycket (Ctrl+S). Ett utkast får vara ofullständigt.")
        self.save_button.setDefault(True)
        self.save_button.setAutoDefault(False)
        self.print_button = QPushButton("Skriv &ut…", self)
        self.print_button.setShortcut(QKeySequence.StandardKey.Print)
        self.print_button.setToolTip("Spara och förhandsgranska för utskrift (Ctrl+P)")
        self.print_button.setAutoDefault(False)
        close_button = QPushButton("S&täng", self)
        close_button.setAutoDefault(False)
        self.save_button.clicked.connect(self.save)
        self.print_button.clicked.connect(self.print_)
        close_button.clicked.connect(self.close)
        if not editable:
            self.form.content.setEnabled(False)
            self.save_button.setEnabled(False)
            self.save_button.setToolTip(  # issue 13: say why it cannot act
                "Ett samtycke som har skrivits under, avböjts eller återkallats ändras inte. "
                "Använd Förnya samtycke för ett nytt.")

        bar = QHBoxLayout()
        bar.addWidget(self.message, 1)
        bar.addWidget(self.save_button)
        bar.addWidget(self.print_button)
        bar.addWidget(close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status_label)
        if self.bht_banner is not None:
            layout.addWidget(self.bht_banner)
        layout.addWidget(self.form, 1)
        layout.addLayout(bar)

    def _set_title(self, child: str | None) -> None:
        base = "Samtycke" if self.consent_id is not None else "Nytt samtycke"
        self.setWindowTitle(f"{base} – {child}" if child else base)

    # -- status -------------------------------------------------------------------------
    def _show_status(self, status: ConsentStatus) -> None:
        text = f"<b>Status:</b> {status_text(status)}"
        if not self.editable:
            text += ("<br>Samtycket kan inte längre ändras. Använd <b>Förnya samtycke</b> "
                     "för att göra ett nytt utifrån detta.")
        elif status is ConsentStatus.PRINTED:
            text += "<br>Ändrar du uppgifterna behöver samtycket skrivas ut igen."
        self.status_label.setText(text)

    # -- drafts -------------------------------------------------------------------------
    def is_dirty(self) -> bool:
        return self.editable and self.form.data() != self._saved_data

    def _save_draft(self, data: dict[str, Any]) -> None:
        if not self.editable or self._closed:
            return
        if data == self._saved_data:
            self.session.drafts.delete(self.key)
            return
        self.session.drafts.save(self.key, DRAFT_KIND, {
            "consent_id": self.consent_id, "form_id": self.definition.id,
            "form_version": self.definition.version, "data": data,
            "saved_at": datetime.now().strftime("%Y-%m-%d %H:%M")})

    def flush_drafts(self) -> None:
        """Write what is typed to the draft store now (before a lock or a close)."""
        self.form.flush_pending()
        if self.is_dirty():
            self._save_draft(self.form.data())

    def prepare_for_lock(self) -> None:
        """Save the draft now; the window is about to close without asking (auto-lock)."""
        self.flush_drafts()
        self._quiet = True

    def pending_draft(self) -> dict[str, Any] | None:
        """The stored draft for this consent if it differs from what is shown."""
        payload = self.session.drafts.load(self.key)
        if not payload or payload.get("data") == self.form.data():
            return None
        if payload.get("form_version") != self.definition.version:
            return None  # filled for another version of the form: not restorable here
        return payload

    def offer_draft(self) -> bool:
        """Ask to restore a pending draft; True when it was restored."""
        payload = self.pending_draft()
        if payload is None:
            return False
        if common.ask_restore(self, _when(payload)):
            self.form.set_data(payload["data"])
            self.message.setText(f"Osparade ändringar från {_when(payload)} är återställda.")
            return True
        self.session.drafts.delete(self.key)
        return False

    # -- saving and printing ------------------------------------------------------------
    def save(self) -> bool:
        """Save to the store; problems are shown beside the fields. False if it failed."""
        data = self.form.data(include_hidden=False)
        try:
            result = self.service.save(self.consent_id, data, form_id=self.form_id)
        except OroError as exc:
            common.warn(self, "Samtycket sparades inte", exc.message)
            return False
        old_key = self.key
        self.consent_id = result.id
        self.key = draft_key(result.id)
        self.session.drafts.delete(old_key)
        if old_key != self.key:
            self.session.drafts.delete(self.key)
        view = result.view  # the save hands back what it stored: no second (audited) read
        assert view is not None
        self._saved_data = view.data
        self.form.set_data(view.data)
        self._set_title(view.child.name if view.child else None)
        self._show_status(view.status)
        if result.problems:
            self.form.show_problems(result.problems)
            count = len(result.problems)
            self.message.setText(
                f"Sparat som utkast. {count} uppgift{'er' if count != 1 else ''} behöver "
                "rättas innan samtycket kan skrivas ut för underskrift.")
        else:
            self.form.show_problems([])
            self.message.setText("Sparat. Samtycket är komplett och kan skrivas ut.")
        self.saved.emit(result.id)
        return True

    def print_(self) -> None:
        """Save (if needed), refuse an incomplete consent, then preview it for printing."""
        from oro_desktop.gui.consents.printing import print_consent

        if self.editable and (self.consent_id is None or self.is_dirty()):
            if not self.save():
                return
        if self.editable:
            problems = self.form.problems()
            if problems:
                self.form.show_problems(problems)
                self.form.focus_first_problem()
                common.warn(self, "Samtycket är inte komplett",
                            "Rätta uppgifterna som visas i formuläret innan samtycket skrivs "
                            "ut för underskrift.")
                return
        assert self.consent_id is not None
        self.print_task = print_consent(self, self.service, self.consent_id,
                                        on_closed=lambda: self._refresh_status())

    def _refresh_status(self) -> None:
        if self.consent_id is not None:
            view = self.service.get(self.consent_id)
            self.saved.emit(view.id)
            self._show_status(view.status)

    # -- closing ------------------------------------------------------------------------
    def _may_close(self) -> bool:
        """Ask about unsaved changes: save, discard (drops the draft) or stay."""
        if self._quiet:  # the shell is locking: the typing is already a draft, never ask
            self._closed = True
            return True
        if self.is_dirty():
            choice = common.ask_unsaved(self)
            if choice == "cancel" or (choice == "save" and not self.save()):
                return False
            if choice == "discard":
                self._closed = True
                self.session.drafts.delete(self.key)
        else:
            self.form.flush_pending()
        self._closed = True
        return True

    def reject(self) -> None:
        """Escape, Stäng and the window's close button all end here (QDialog routes
        closeEvent to reject), so unsaved changes are always asked about."""
        if self._may_close():
            super().reject()

    def close_keeping_draft(self) -> None:
        """Close at once, the typing kept as a draft (the window goes away before a lock)."""
        self.flush_drafts()
        self._closed = True
        self.done(QDialog.DialogCode.Rejected)
