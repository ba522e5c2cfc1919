"""What the main window asks of the controller: settings, own password, admin recovery, restore.

Mixed into `AppController` (gui/controller.py). The window only emits requests or calls
the handlers the controller sets on it (`restore_handler`, `recover_handler`); restore
and an admin's password reset need the store's lock, which the session holds, so they
lock the app first (gui/controller_unlock.py). Dialogs are imported when opened.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path


class AccountActions:
    """Settings, Byt lösenord, an admin's Återställ lösenord and restore of a backup."""

    def open_settings(self) -> None:
        from oro_desktop.gui.settings_dialog import SettingsDialog

        if self.window is None or self.session is None:
            return
        dialog = SettingsDialog(self.session, self.window)
        dialog.saved.connect(lambda _values: self._apply_idle_time())
        dialog.finished.connect(dialog.deleteLater)
        self.settings_dialog = dialog
        dialog.open()

    def open_password_dialog(self) -> None:
        """Arkiv → Byt lösenord: the signed-in user's own password (any role)."""
        from oro_desktop.gui.admin.actions import UserActions
        from oro_desktop.gui.admin.dialogs import OwnPasswordDialog

        if self.window is None or self.session is None:
            return
        dialog = OwnPasswordDialog(UserActions(self.session, kdf=self.kdf), self.window)
        dialog.done.connect(self._password_changed)
        dialog.finished.connect(dialog.deleteLater)
        self.password_dialog = dialog
        dialog.open()

    def _password_changed(self, _change: object) -> None:
        if self.window is not None:
            self.window.statusBar().showMessage("Lösenordet är bytt.", 10_000)

    def recover_user_password(self, name: str) -> None:
        """Admin → Återställ lösenord: the reset needs the store's lock, which the session
        holds, so the app is locked and the unlock dialog opens its recovery form for
        `name` (the same path as Glömt lösenordet)."""
        if self.session is None:
            return
        self.lock(notice=f"Återställ lösenordet för {name} med återställningsnyckeln, "
                         "och logga sedan in igen.")
        dialog = self.unlock_dialog
        if dialog is not None:
            recover = dialog.open_recover()
            if recover is not None:
                recover.name_edit.setText(name)

    def restore_backup(self, backup: Path, password: str) -> None:
        """Lock, put `backup` in place of the store (off the UI thread), then ask to sign in.

        The open session holds the store's lock, so restore (services/restore.py) runs
        after the session is locked; it checks `password` against the live store's key
        file and that this user is an admin there. Either way the unlock dialog follows.
        """
        from oro_desktop.gui.tasks import run_with_progress
        from oro_desktop.services.maintenance import before_restore_path, restore

        if self.session is None:
            return
        user = self.session.user.name
        path = self.path
        self.lock(show=False)

        def done(_counts: object) -> None:
            kept = before_restore_path(path).name
            self.show_unlock(f"Säkerhetskopian är återställd. Den tidigare filen finns kvar som "
                             f"{kept}. Logga in igen.")
            self.restore_finished.emit(True)

        def failed(exc: BaseException) -> None:
            from oro_desktop.gui.messages import error_text

            self.show_unlock(f"Återställningen gjordes inte: {error_text(exc)}")
            self.restore_finished.emit(False)

        self.restore_task = run_with_progress(
            None, "Återställ", "Kontrollerar och återställer säkerhetskopian …",
            lambda progress: restore(path, backup, user, password), on_result=done,
            on_error=failed)
