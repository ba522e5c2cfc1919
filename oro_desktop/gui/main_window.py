"""The main window: navigation to the registered sections, global search, user and Lås.

The window knows no section by name. It receives the discovered `Section`s, shows those
the signed-in user's role may see, builds each widget lazily the first time it is opened,
forwards the search field to the current section's optional ``search(text)``, and before
a lock or close asks every built section to ``flush_drafts()``. What happens on lock and
on settings is the controller's business: the window only emits signals.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from oro_desktop.gui.branding import APP_TITLE, DEMO_TITLE, PRODUCT_NAME
from oro_desktop.gui.sections import Section

if TYPE_CHECKING:
    from oro_desktop.services.services import Services

log = logging.getLogger(__name__)

ROLE_NAMES = {"admin": "administratör", "clinician": "användare"}
SEARCH_DELAY_MS = 250
#: What each section shows while a demo store is still being made (see `pending`).
PENDING_TEXT = "Öppnar demodatabasen …"


class MainWindow(QMainWindow):
    """Shell around the sections. Signals: lock_requested, settings_requested, closing."""

    lock_requested = Signal()
    settings_requested = Signal()
    password_requested = Signal()
    closing = Signal()

    def __init__(
        self,
        services: Services | None,
        sections: list[Section],
        *,
        demo: bool = False,
        parent: QWidget | None = None,
        pending_user: tuple[str, str] | None = None,
    ) -> None:
        """`services` None (demo only) with `pending_user` (name, role): the window is shown
        while the store is still being made, each section a busy placeholder and nothing
        to type into, until `attach(services)`; start-up does not wait for the store."""
        super().__init__(parent)
        if services is None and (pending_user is None or not demo):
            raise ValueError("a window without services is only shown while a demo store is made")
        self.services = services
        self.session = services.session if services is not None else None
        self.demo = demo
        name, role = ((services.session.user.name, services.session.user.role)
                      if services is not None else pending_user)  # type: ignore[misc]
        self._user = (name, role)
        self._placeholders: dict[str, QWidget] = {}
        self.is_admin = role == "admin"
        self.sections = [s for s in sections if s.visible_to(role)]
        self._widgets: dict[str, QWidget] = {}
        self._pages: dict[str, QWidget] = {}
        self._allow_close_without_signal = False

        self.setObjectName("mainWindow")
        self.setWindowTitle(DEMO_TITLE if demo else f"{APP_TITLE} — {self.session.path.name}")
        self.setMinimumSize(900, 600)
        self.resize(1240, 720)

        self._build_toolbar()
        self._build_center()
        self._build_menus()
        self._build_status()

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._forward_search)

        if self.sections:
            self.navigation.setCurrentRow(0)
            self.navigation.setFocus()
        else:
            self._update_search_state()

    # ---- construction -------------------------------------------------------------
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

    def _build_center(self) -> None:
        central = QWidget(self)
        layout = QHBoxLayout(central)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)

        self.navigation = QListWidget(central)
        self.navigation.setObjectName("navigation")
        self.navigation.setAccessibleName("Navigering")
        self.navigation.setAccessibleDescription("Välj del med piltangenterna eller Ctrl+1 till Ctrl+9")
        self.navigation.setFixedWidth(210)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for index, section in enumerate(self.sections):
            item = QListWidgetItem(section.title, self.navigation)
            item.setData(Qt.ItemDataRole.UserRole, section.id)
            hint = f"Ctrl+{index + 1}" if index < 9 else ""
            item.setToolTip(" – ".join(p for p in (section.description, hint) if p))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, section.title)
            if section.description:
                item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, section.description)
        self.navigation.currentRowChanged.connect(self._show_row)
        layout.addWidget(self.navigation)

        self.stack = QStackedWidget(central)
        self.stack.setObjectName("sectionStack")
        self.stack.setAccessibleName("Innehåll")
        for section in self.sections:
            page = QWidget(self.stack)
            page.setObjectName(f"page_{section.id}")
            page.setAccessibleName(section.title)
            QVBoxLayout(page).setContentsMargins(16, 12, 16, 12)
            if self.services is None:
                busy = QLabel(PENDING_TEXT, page)
                busy.setObjectName("sectionPending")
                busy.setProperty("role", "muted")
                busy.setAlignment(Qt.AlignmentFlag.AlignCenter)
                busy.setAccessibleName(PENDING_TEXT)
                page.layout().addWidget(busy)
                self._placeholders[section.id] = busy
            self.stack.addWidget(page)
            self._pages[section.id] = page
        if not self.sections:
            empty = QLabel(
                "Det finns ännu inga delar för din roll i den här versionen.", self.stack
            )
            empty.setObjectName("noSections")
            empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
            empty.setProperty("role", "muted")
            self.stack.addWidget(empty)
        layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)

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

    def _build_status(self) -> None:
        text = (
            "Demodatabas – raderas när programmet avslutas"
            if self.demo
            else f"Databas: {self.session.path}"
        )
        self.store_label = QLabel(text, self)
        self.store_label.setAccessibleName(text)
        self.statusBar().addWidget(self.store_label)

    # ---- sections ---------------------------------------------------------------
    def current_section(self) -> Section | None:
        row = self.navigation.currentRow()
        return self.sections[row] if 0 <= row < len(self.sections) else None

    def current_widget(self) -> QWidget | None:
        section = self.current_section()
        return self._widgets.get(section.id) if section else None

    def section_widget(self, section_id: str) -> QWidget | None:
        """The built widget of a section, or None if it was never opened."""
        return self._widgets.get(section_id)

    def show_section(self, section_id: str) -> None:
        for row, section in enumerate(self.sections):
            if section.id == section_id:
                self.navigation.setCurrentRow(row)
                return
        raise KeyError(section_id)

    @property
    def pending(self) -> bool:
        """True while the window is shown without a session (demo start-up)."""
        return self.services is None

    def attach(self, services: Services) -> None:
        """The store is ready: drop the placeholders and build the section on show."""
        user = services.session.user
        if (user.name, user.role) != self._user:  # the sections shown depend on the role
            raise ValueError("the session belongs to another user than the window shows")
        self.services, self.session = services, services.session
        for busy in self._placeholders.values():
            busy.hide()
            busy.deleteLater()
        self._placeholders.clear()
        self._show_row(self.navigation.currentRow())

    def _show_row(self, row: int) -> None:
        if not 0 <= row < len(self.sections):
            return
        section = self.sections[row]
        page = self._pages[section.id]
        if self.services is not None and section.id not in self._widgets:
            self._widgets[section.id] = self._build_section(section, page)
        self.stack.setCurrentWidget(page)
        self.search_field.blockSignals(True)
        self.search_field.clear()
        self.search_field.blockSignals(False)
        self._update_search_state()

    def _build_section(self, section: Section, page: QWidget) -> QWidget:
        try:
            widget = section.factory(self.services, page)
        except Exception as exc:  # one broken section must not take the window down
            log.exception("Section %s could not be built", section.id)
            reason = getattr(exc, "message", None) or "ett oväntat fel inträffade."
            widget = QLabel(f"Det gick inte att öppna {section.title}: {reason}", page)
            widget.setProperty("role", "error")
            widget.setWordWrap(True)
            widget.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        widget.setObjectName(widget.objectName() or f"section_{section.id}")
        if not widget.accessibleName():
            widget.setAccessibleName(section.title)
        page.layout().addWidget(widget)
        return widget

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

    def flush_drafts(self) -> list[str]:
        """Ask every built section to save what is typed; returns ids that failed."""
        failed = []
        for section_id, widget in self._widgets.items():
            flush = getattr(widget, "flush_drafts", None)
            if callable(flush):
                try:
                    flush()
                except Exception:
                    log.exception("Section %s could not save its drafts", section_id)
                    failed.append(section_id)
        return failed

    def destroy_sections(self) -> None:
        """Destroy every section widget (after flushing); used before the window goes."""
        for widget in self._widgets.values():
            widget.hide()
            widget.setParent(None)  # type: ignore[call-overload]
            widget.deleteLater()
        self._widgets.clear()

    # ---- lock, close, help --------------------------------------------------------
    def request_lock(self) -> None:
        self.lock_requested.emit()

    def close_quietly(self) -> None:
        """Close without signalling the controller (it initiated this: lock or quit)."""
        self._allow_close_without_signal = True
        self.close()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt API
        if not self._allow_close_without_signal:
            self.flush_drafts()
            self.closing.emit()
        event.accept()

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


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
