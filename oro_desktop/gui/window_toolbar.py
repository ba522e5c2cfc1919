"""The main window's tool bar: the global search field (Ctrl+F), the user, and Lås.

Mixed into `MainWindow` (gui/main_window.py). The search field forwards what is typed,
after SEARCH_DELAY_MS or on Enter, to the current section's optional ``search(text)``;
a section without one searches in the section marked `global_search` (Ärenden), which
is then opened with the text kept; without such a section the field is disabled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QSizePolicy, QToolBar, QWidget

if TYPE_CHECKING:
    from oro_desktop.gui.sections import Section

ROLE_NAMES = {"admin": "administratör", "clinician": "användare"}
SEARCH_DELAY_MS = 250


class ToolbarSearch:
    """The tool bar and the global search field forwarded to the sections."""

    def _build_toolbar(self) -> None:
        bar = QToolBar("Verktygsfält", self)
        bar.setObjectName("toolbar")
        bar.setMovable(False)
        bar.setFloatable(False)
        bar.setIconSize(QSize(16, 16))
        bar.setAccessibleName("Verktygsfält")
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, bar)

        self.search_field = QLineEdit(bar)
        self.search_field.setObjectName("globalSearch")
        self.search_field.setPlaceholderText("Sök (Ctrl+F)")
        self.search_field.setAccessibleName("Sök")
        self.search_field.setAccessibleDescription("Söker i den del som visas. Ctrl+F flyttar hit.")
        self.search_field.setClearButtonEnabled(True)
        self.search_field.setMinimumWidth(320)
        self.search_field.setMaximumWidth(460)
        self.search_field.textChanged.connect(lambda _t: self._search_timer.start())
        self.search_field.returnPressed.connect(self._forward_search_now)
        clear = QAction("Töm sökfältet", self.search_field)
        clear.setShortcut(QKeySequence(Qt.Key.Key_Escape))
        clear.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        clear.triggered.connect(self.search_field.clear)
        self.search_field.addAction(clear)
        search_label = QLabel("&Sök:", bar)
        search_label.setBuddy(self.search_field)
        search_label.setAccessibleName("Sök")
        bar.addWidget(search_label)
        bar.addWidget(self.search_field)

        spacer = QWidget(bar)
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        spacer.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        bar.addWidget(spacer)

        if self.demo:
            badge = QLabel("DEMO – fiktiva uppgifter", bar)
            badge.setObjectName("demoBadge")
            badge.setProperty("role", "demo")
            badge.setAccessibleName("Demoläge: alla uppgifter är fiktiva och raderas vid avslut")
            bar.addWidget(badge)

        user_name, user_role = self._user
        self.user_label = QLabel(
            f"Inloggad: <b>{_escape(user_name)}</b> ({ROLE_NAMES.get(user_role, user_role)})", bar
        )
        self.user_label.setObjectName("userLabel")
        self.user_label.setProperty("role", "user")
        self.user_label.setAccessibleName(
            f"Inloggad som {user_name}, {ROLE_NAMES.get(user_role, user_role)}"
        )
        bar.addWidget(self.user_label)

        self.lock_button = QPushButton("&Lås", bar)
        self.lock_button.setObjectName("lockButton")
        self.lock_button.setAccessibleName("Lås")
        self.lock_button.setAccessibleDescription("Låser programmet nu (Ctrl+L)")
        self.lock_button.setToolTip("Lås programmet nu (Ctrl+L)")
        self.lock_button.clicked.connect(self.request_lock)
        bar.addWidget(self.lock_button)

    def _global_search_section(self) -> Section | None:
        """The section that searches for a section without a search of its own."""
        if self.services is None:
            return None
        return next((s for s in self.sections if s.global_search), None)

    def _update_search_state(self) -> None:
        widget = self.current_widget()
        searchable = widget is not None and callable(getattr(widget, "search", None))
        elsewhere = None if searchable else self._global_search_section()
        self.search_field.setEnabled(searchable or elsewhere is not None)
        self.search_action.setEnabled(searchable or elsewhere is not None)
        section = self.current_section()
        if elsewhere is not None:
            self.search_field.setPlaceholderText(f"Sök i {elsewhere.title} (Ctrl+F)")
            self.search_field.setToolTip(f"Sökningen visar träffarna i {elsewhere.title}")
        elif searchable:
            placeholder = getattr(widget, "search_placeholder", "") or f"Sök i {section.title}"
            self.search_field.setPlaceholderText(f"{placeholder} (Ctrl+F)")
            self.search_field.setToolTip("")
        else:
            self.search_field.setPlaceholderText("Ingen sökning här")
            self.search_field.setToolTip("Den här delen har ingen sökning")

    def focus_search(self) -> None:
        if self.search_field.isEnabled():
            self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
            self.search_field.selectAll()

    def _forward_search_now(self) -> None:
        self._search_timer.stop()
        self._forward_search()

    def _forward_search(self) -> None:
        widget = self.current_widget()
        search = getattr(widget, "search", None)
        elsewhere = None if callable(search) else self._global_search_section()
        text = self.search_field.text()
        if elsewhere is not None and text.strip():
            self.show_section(elsewhere.id)  # clears the field: put the text back
            self.search_field.blockSignals(True)
            self.search_field.setText(text)
            self.search_field.blockSignals(False)
            search = getattr(self.current_widget(), "search", None)
        if callable(search):
            search(text)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
