"""The Barnhälsoteam view's actions on teams, members, transfers and meetings: each opens
its dialog (imported when first used) or asks before it writes through `services.bht`.

A mixin of `BhtView` (team_view.py), which builds the widgets it uses: `teams`,
`members`, `notes`, the member buttons, `_views`, `bht` and `current_team_uid()`.
"""

from __future__ import annotations

from oro_desktop.errors import OroError
from oro_desktop.gui.barnhalsoteam.meeting_editor import MeetingEditor


class TeamActions:
    # -- teams -------------------------------------------------------------------------
    def new_team(self):
        from oro_desktop.gui.barnhalsoteam.team_dialogs import TeamDialog

        dialog = TeamDialog(self.bht, self)
        dialog.open()
        return dialog

    def new_member(self):
        from oro_desktop.gui.barnhalsoteam.team_dialogs import MemberDialog

        uid = self.current_team_uid()
        if not uid:
            return None
        dialog = MemberDialog(self.bht, uid, self)
        dialog.open()
        return dialog

    def selected_member(self):
        """The member selected in the table (core Member), or None."""
        row = self.members.currentRow() if self.members.selectedItems() else -1
        i = self.teams.currentRow()
        if not 0 <= i < len(self._views):
            return None
        members = self._views[i].team.members
        return members[row] if 0 <= row < len(members) else None

    def _member_actions(self) -> None:
        chosen = self.selected_member() is not None
        imported = (0 <= self.teams.currentRow() < len(self._views)
                    and self._views[self.teams.currentRow()].imported)
        for button in (self.edit_member_button, self.remove_member_button):
            button.setEnabled(chosen and not imported)
            button.setToolTip("" if chosen else "Välj en medlem i listan först.")

    def edit_member(self):
        from oro_desktop.gui.barnhalsoteam.team_dialogs import MemberDialog

        member, uid = self.selected_member(), self.current_team_uid()
        if member is None or not uid:
            return None
        dialog = MemberDialog(self.bht, uid, self, member=member)
        dialog.open()
        return dialog

    def remove_member(self, *, ask=None) -> bool:
        """Remove the selected member after a confirmation (audited by the service)."""
        from oro_desktop.gui.barnhalsoteam.team_dialogs import confirm_remove

        member, uid = self.selected_member(), self.current_team_uid()
        if member is None or not uid or not (ask or confirm_remove)(self, member):
            return False
        try:
            self.bht.remove_member(uid, member.uid)
        except OroError as exc:
            self.notes.setText(str(exc))
            return False
        return True

    # -- transfer on moving (2.10) -----------------------------------------------------
    def export_transfer(self, child_uid: str = ""):
        from oro_desktop.gui.barnhalsoteam.transfer_dialogs import ExportTransferDialog

        dialog = ExportTransferDialog(self.bht, child_uid, self)
        dialog.open()
        return dialog

    def import_transfer(self):
        from oro_desktop.gui.barnhalsoteam.transfer_dialogs import ImportTransferDialog

        dialog = ImportTransferDialog(self.bht, self)
        dialog.open()
        return dialog

    # -- meetings ------------------------------------------------------------------------
    def new_meeting(self) -> MeetingEditor | None:
        uid = self.current_team_uid()
        if not uid:
            return None
        editor = MeetingEditor(self.bht, uid, self)
        editor.open()
        return editor
