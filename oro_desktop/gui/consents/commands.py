"""Samtycken's steps on the selected consent that open no editor.

Why a module of its own: printing (an unsigned consent must be complete first), the
recorded facts (the signed original came in, a written revocation, declined) and
deleting a draft made by mistake each act on the selected row through its own dialog;
that is one job, apart from the list and the editors. The dialogs are imported on
first use (start-up time). `ConsentCommandsMixin` is mixed into `ConsentsView`
(gui/consents/view.py).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt

from oro_desktop.errors import OroError
from oro_desktop.gui.consents import common
from oro_desktop.gui.consents.actions import UNSIGNED, S

if TYPE_CHECKING:  # imported when first used: the dialogs cost start-up time
    from oro_desktop.gui.consents.decline_dialog import DeclineDialog
    from oro_desktop.gui.consents.register_dialog import RegisterSignatureDialog
    from oro_desktop.gui.consents.revoke_dialog import RevokeDialog


class ConsentCommandsMixin:
    """Print, register, revoke, decline and delete for `ConsentsView`; relies on the
    view's `service`, `session`, `selected_row` and `_select_when_shown`."""

    def print_selected(self):
        """Preview for printing; an unsigned consent must be complete first (as in the editor)."""
        row = self.selected_row()
        if row is None:
            return None
        if row.status in UNSIGNED and self.service.get(row.id).problems:
            common.warn(self, "Samtycket är inte komplett",
                        "Öppna samtycket och rätta uppgifterna som visas innan det skrivs ut "
                        "för underskrift.")
            return None
        from oro_desktop.gui.consents.printing import print_consent

        self.print_task = print_consent(self, self.service, row.id,
                                        on_closed=lambda: self._select_when_shown(row.id))
        return self.print_task

    def _fact(self, dialog_class) -> Any:
        row = self.selected_row()
        if row is None:
            return None
        subject = f"Barn: {row.child_name}" + (f" ({row.child_number})" if row.child_number else "")
        dialog = dialog_class(self.service, row.id, user=self.session.user.name,
                              subject=subject, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self._select_when_shown(row.id))
        dialog.open()
        return dialog

    def delete_selected(self) -> bool:
        """Delete the selected draft after a question (audited; services/drafts.py)."""
        from oro_desktop.services.drafts import discard_consent_draft

        row = self.selected_row()
        if row is None or row.status is not S.DRAFT:
            return False
        if not common.ask_delete_draft(self, row.child_name or "utan namn"):
            return False
        try:
            discard_consent_draft(self.session, row.id)
        except OroError as exc:
            common.warn(self, "Utkastet kunde inte tas bort", exc.message)
            return False
        return True

    def register_selected(self) -> RegisterSignatureDialog | None:
        from oro_desktop.gui.consents.register_dialog import RegisterSignatureDialog

        return self._fact(RegisterSignatureDialog)

    def revoke_selected(self) -> RevokeDialog | None:
        from oro_desktop.gui.consents.revoke_dialog import RevokeDialog

        return self._fact(RevokeDialog)

    def decline_selected(self) -> DeclineDialog | None:
        from oro_desktop.gui.consents.decline_dialog import DeclineDialog

        return self._fact(DeclineDialog)
