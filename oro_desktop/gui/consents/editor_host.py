"""Samtycken's editor hosting: opening consent editors and keeping track of them.

Why a module of its own: a new consent (a draft left by a crash or a lock is offered
first; the region setting decides the form, or the chooser asks), a renewal, opening a
row, and flushing every open editor's typing to `session.drafts` before a lock are one
job: the editors the section has open. `EditorHostMixin` is mixed into `ConsentsView`
(gui/consents/view.py), which holds `editors` and `dialog`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt

from oro_desktop.errors import OroError
from oro_desktop.gui.consents import common

if TYPE_CHECKING:  # imported when first used: the editor costs start-up time
    from oro_desktop.gui.consents.editor import ConsentEditor


class EditorHostMixin:
    """The editors of `ConsentsView` (`new_consent`, `open_consent`, `flush_drafts`, ...);
    relies on the view's `service`, `session`, `editors`, `selected_row` and `select`."""

    def flush_drafts(self) -> None:
        """Save every open editor's typing as a draft now. The shell calls this only right
        before a lock or a close, so the editors then close without asking."""
        for editor in list(self.editors):
            editor.prepare_for_lock()
    def _open_editor(self, editor: ConsentEditor) -> ConsentEditor:
        self.editors.append(editor)
        # The save published a Change: the model reads that one row again; select it then.
        editor.saved.connect(self._select_when_shown)
        editor.finished.connect(lambda _r, e=editor: self._editor_closed(e))
        editor.open()
        editor.offer_draft()
        return editor

    def _select_when_shown(self, consent_id: int) -> None:
        if not self.select(consent_id):
            self._pending_select = consent_id

    def _editor_closed(self, editor: ConsentEditor) -> None:
        if editor in self.editors:
            self.editors.remove(editor)
        editor.deleteLater()

    def new_consent(self, new=None) -> ConsentEditor | None:
        """A new consent; an unsaved new one left by a crash or a lock is offered first.

        Which form: the one the region setting offers (`services.consents.offered_forms`);
        when it offers none or several, `choose_form` asks (the chooser is `self.dialog`)
        and this returns None.
        """
        from oro_desktop.gui.consents.editor import NEW_PREFIX, ConsentEditor

        orphans = [d for d in self.session.drafts.list("consent") if d.key.startswith(NEW_PREFIX)]
        key = orphans[0].key if orphans else None
        try:
            if new is None and key is not None:  # the unsaved form is the one it was
                payload = self.session.drafts.load(key) or {}
                if payload.get("form_id"):
                    new = self.service.new_draft(str(payload["form_id"]))
            if new is None:
                form_id = self._offered_form(lambda f: self.new_consent(self.service.new_draft(f)))
                if form_id is None:
                    return None
                new = self.service.new_draft(form_id)
        except OroError as exc:
            common.warn(self, "Samtycket kunde inte skapas", exc.message)
            return None
        return self._open_editor(ConsentEditor(self.service, self.session, new=new, key=key,
                                               parent=self))

    def _offered_form(self, then) -> str | None:
        """The one form the region setting offers, or None after opening the chooser
        (which calls `then(form_id)` when a form is chosen)."""
        offer = self.service.offered_forms()
        if len(offer.offered) == 1:
            return offer.offered[0].form_id
        self.choose_form(then, offer)
        return None

    def choose_form(self, then, offer=None):
        """Ask which form ("Visa alla blanketter" reaches every form explicitly)."""
        from oro_desktop.gui.consents.form_chooser import FormChooser

        dialog = FormChooser(offer or self.service.offered_forms(), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def chosen(form_id: str) -> None:
            try:
                then(form_id)
            except OroError as exc:
                common.warn(self, "Samtycket kunde inte skapas", exc.message)

        dialog.chosen.connect(chosen)
        dialog.open()
        self.dialog = dialog
        return dialog

    def new_for_child(self) -> ConsentEditor | None:
        row = self.selected_row()
        if row is None or row.child_id is None:
            return None
        child = row.child_id
        try:
            form_id = self._offered_form(
                lambda f: self.new_consent(self.service.from_person(child, f)))
            return None if form_id is None else self.new_consent(
                self.service.from_person(child, form_id))
        except OroError as exc:
            common.warn(self, "Samtycket kunde inte skapas", exc.message)
            return None

    def open_consent(self, consent_id: int) -> ConsentEditor:
        from oro_desktop.gui.consents.editor import ConsentEditor

        return self._open_editor(ConsentEditor(self.service, self.session,
                                               consent_id=consent_id, parent=self))

    def open_selected(self) -> ConsentEditor | None:
        row = self.selected_row()
        return self.open_consent(row.id) if row else None

    def renew_selected(self) -> ConsentEditor | None:
        row = self.selected_row()
        if row is None:
            return None
        try:
            new_id = self.service.renew(row.id)
        except OroError as exc:
            common.warn(self, "Samtycket kunde inte förnyas", exc.message)
            return None
        self._select_when_shown(new_id)
        return self.open_consent(new_id)
