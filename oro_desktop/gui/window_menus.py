"""The main window's menus and their actions: Arkiv, Redigera, Visa, Hjälp.

Mixed into `MainWindow` (gui/main_window.py). The actions only emit the window's
signals (settings, password, lock) or open a dialog of the window itself (Min profil,
Om, Kortkommandon), imported when it is opened; Visa holds one action per section
(Ctrl+1 to Ctrl+9 and a section's own shortcut).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

from oro_desktop.gui.branding import PRODUCT_NAME


class MenusActions:
    """The menu bar, its actions, and the dialogs the Arkiv and Hjälp menus open."""

    def _build_menus(self) -> None:
        menubar = self.menuBar()
        arkiv = menubar.addMenu("&Arkiv")
        self.settings_action = QAction("&Inställningar…", self)
        self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.settings_action.triggered.connect(self.settings_requested)
        self.settings_action.setVisible(self.is_admin)
        self.settings_action.setEnabled(self.is_admin)
        arkiv.addAction(self.settings_action)
        self.password_action = QAction("&Byt lösenord…", self)  # every user (issue 13)
        self.password_action.triggered.connect(self.password_requested)
        arkiv.addAction(self.password_action)
        self.profile_action = QAction("Min &profil…", self)  # every user (issue 12)
        self.profile_action.triggered.connect(self.open_profile)
        arkiv.addAction(self.profile_action)
        self.lock_action = QAction("&Lås", self)
        self.lock_action.setShortcut(QKeySequence("Ctrl+L"))
        self.lock_action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        self.lock_action.triggered.connect(self.request_lock)
        arkiv.addAction(self.lock_action)
        arkiv.addSeparator()
        quit_action = QAction("&Avsluta", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        if quit_action.shortcut().isEmpty():
            quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        arkiv.addAction(quit_action)

        redigera = menubar.addMenu("&Redigera")
        self.search_action = QAction("&Sök", self)
        self.search_action.setShortcut(QKeySequence.StandardKey.Find)
        self.search_action.triggered.connect(self.focus_search)
        redigera.addAction(self.search_action)

        visa = menubar.addMenu("&Visa")
        self.section_actions: list[QAction] = []
        for index, section in enumerate(self.sections):
            action = QAction(section.title, self)
            keys = []
            if index < 9:
                keys.append(QKeySequence(f"Ctrl+{index + 1}"))
            if section.shortcut:
                keys.append(QKeySequence(section.shortcut))
            action.setShortcuts(keys)
            action.triggered.connect(lambda _c=False, row=index: self.navigation.setCurrentRow(row))
            visa.addAction(action)
            self.section_actions.append(action)
        visa.menuAction().setVisible(bool(self.sections))

        hjalp = menubar.addMenu("&Hjälp")
        keys_action = QAction("&Kortkommandon", self)
        keys_action.setShortcut(QKeySequence.StandardKey.HelpContents)
        keys_action.triggered.connect(self.show_shortcuts)
        hjalp.addAction(keys_action)
        about = QAction(f"&Om {PRODUCT_NAME}", self)
        about.triggered.connect(self.show_about)
        hjalp.addAction(about)

    def open_profile(self) -> QWidget | None:
        """Arkiv → Min profil…: name, function and unit for "Samtycke inhämtat av"."""
        if self.session is None:
            return None
        from oro_desktop.gui.admin.profile_dialog import ProfileDialog

        dialog = ProfileDialog(self.session, self)
        dialog.saved.connect(lambda _p: self.statusBar().showMessage("Profilen är sparad.", 10_000))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()
        return dialog

    def show_about(self) -> None:
        from oro_desktop.gui.help_dialogs import show_about

        show_about(self)

    def show_shortcuts(self) -> None:
        from oro_desktop.gui.help_dialogs import show_shortcuts

        show_shortcuts(self)
