"""The Administration section's widget (registered in gui/sections/admin.py). Admins only: users, backup and restore, and the way to the audit log.

Nobody needs `oro-admin` for daily work (issue 13): what an admin does on a normal day is
here, through the same services as the CLI. One's own password is for every user and
lives in the Arkiv menu (gui/controller.py opens gui/admin/dialogs.OwnPasswordDialog).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from oro_desktop.gui.admin.actions import UserActions
from oro_desktop.gui.admin.backup_panel import BackupPanel
from oro_desktop.gui.admin.users_panel import UsersPanel


class AdminView(QWidget):
    def __init__(self, session: Any, parent: QWidget | None = None, *, kdf: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("adminView")
        self.setAccessibleName("Administration")
        self.actions = UserActions(session, kdf=kdf)
        heading = QLabel("Administration", self)
        heading.setProperty("role", "heading")
        self.users = UsersPanel(self.actions, self,
                                recover_handler=lambda: getattr(self.window(), "recover_handler", None))
        self.backup = BackupPanel(self.actions, self._restore_handler, self)
        self.audit_button = QPushButton("Öppna &granskningsloggen", self)
        self.audit_button.setObjectName("openAuditLog")
        self.audit_button.setAccessibleName("Öppna granskningsloggen")
        self.audit_button.setToolTip("Vem som har läst och ändrat vad, och loggranskningen")
        self.audit_button.clicked.connect(self.open_audit_log)
        safety = QWidget(self)
        safety_layout = QVBoxLayout(safety)
        safety_layout.addWidget(self.backup)
        row = QHBoxLayout()
        row.addWidget(self.audit_button)
        row.addStretch(1)
        safety_layout.addLayout(row)
        safety_layout.addStretch(1)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("adminTabs")
        self.tabs.setAccessibleName("Administration")
        self.tabs.addTab(self.users, "&Användare")
        self.tabs.addTab(safety, "&Säkerhetskopia och logg")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(heading)
        layout.addWidget(self.tabs, 1)

    def _restore_handler(self) -> Any:
        return getattr(self.window(), "restore_handler", None)

    def open_audit_log(self) -> None:
        show = getattr(self.window(), "show_section", None)
        if callable(show):
            show("audit_log")
