"""The Planer tab of a case: the case's plans, a new plan, open, history, print.

Why it reloads from the change stream: a plan saved in its window (or by another
window, the CLI's import, the demo seeding) publishes `Change("plan", uid, ...)`; the
tab reads the case's plans again (queued to the UI thread, coalesced), so the version
count and the next follow-up are always what the store says. A passed follow-up is said
in words, in the row ("Uppföljning passerad") and in a line above the table, and the
tab's own title gets a short mark ("Planer ⚠", with a tooltip and an accessible name
that say it in words), so the case shows it whichever tab is open without widening the
tab bar (at 1366 px a long title pushed "Personer" out of sight).

"Familjens version…" is disabled, with the reason as its tooltip and a line above the
table, when the violence exemption applies in the case (`plans.exemption_applies`): a
copy handed to the family could reveal the report. The tab also reloads on
`Change("case", <its case>)`, since a disclosure or the case's contact facts decide that.

Hooks: `set_case(uid)`, `flush_drafts()` (every open plan window keeps its typing),
`due_changed(bool)`.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView, QHBoxLayout, QHeaderView, QLabel, QMenu, QPushButton, QTableView,
    QTabWidget, QVBoxLayout, QWidget,
)
from shiboken6 import isValid

from oro_desktop.gui.messages import error_text
from oro_desktop.gui.plans.plan_model import COL_FOLLOW_UP, ROW_ROLE, SORT_ROLE, PlanTableModel
from oro_desktop.gui.plans.texts import FAMILY_REFUSED, FAMILY_TIP

TAB_TITLE = "Planer"
TAB_TITLE_DUE = "Planer ⚠"
DUE_TIP = "Uppföljning passerad för en plan i ärendet"


class CasePlansTab(QWidget):
    """The plans of one case (model/view, sortable by the next follow-up)."""

    due_changed = Signal(bool)
    _changed = Signal(str, str)  # from any thread: (kind, uid) of a changed plan or case

    def __init__(self, services: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.services = services
        self.plans = services.plans
        self.case_uid = ""
        self.windows: dict[str, Any] = {}
        self.dialog: Any = None  # the last history dialog
        self.print_task: Any = None
        self.due = False
        self.exempt = False
        self.setObjectName("casePlans")
        self.setAccessibleName("Ärendets planer")

        intro = QLabel("Samordnad plan för ett väntat barn eller barnets plan för ett nyfött "
                       "barn. Varje sparad version finns kvar. Markera en plan och tryck Enter "
                       "för att öppna den.", self)
        intro.setWordWrap(True)
        intro.setProperty("role", "muted")
        self.due_label = QLabel("", self)
        self.due_label.setObjectName("casePlansDue")
        self.due_label.setProperty("role", "warning")
        self.due_label.setWordWrap(True)
        self.due_label.hide()
        self.exempt_label = QLabel(FAMILY_REFUSED, self)
        self.exempt_label.setObjectName("casePlansExempt")
        self.exempt_label.setProperty("role", "muted")
        self.exempt_label.setWordWrap(True)
        self.exempt_label.hide()
        self.message = QLabel("", self)
        self.message.setObjectName("casePlansMessage")
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.message.hide()

        self.model = PlanTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = QTableView(self)
        self.table.setObjectName("casePlansTable")
        self.table.setAccessibleName("Planer")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(COL_FOLLOW_UP, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        for column, width in enumerate((150, 290, 120, 190, 75)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _i: self.open_selected())
        enter = QAction("Öppna planen", self.table)
        enter.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        enter.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        enter.triggered.connect(lambda _c=False: self.open_selected())
        self.table.addAction(enter)

        self.new_button = QPushButton("&Ny plan…", self)
        self.new_button.setObjectName("casePlansNew")
        self.new_menu = QMenu("Ny plan", self)
        self.new_menu.setObjectName("casePlansNewMenu")
        self.new_menu.aboutToShow.connect(self._fill_new_menu)
        self.new_button.setMenu(self.new_menu)
        self.open_button = QPushButton("Ö&ppna", self)
        self.history_button = QPushButton("&Historik…", self)
        self.print_button = QPushButton("Skriv &ut…", self)
        self.family_button = QPushButton("&Familjens version…", self)
        self.family_button.setToolTip(FAMILY_TIP)
        self.family_button.setObjectName("casePlansFamily")
        for button, name in ((self.new_button, "Ny plan för ärendet"),
                             (self.open_button, "Öppna den markerade planen"),
                             (self.history_button, "Den markerade planens historik"),
                             (self.print_button, "Skriv ut den markerade planen"),
                             (self.family_button, "Skriv ut familjens version av planen")):
            button.setAccessibleName(name)
        self.open_button.clicked.connect(self.open_selected)
        self.history_button.clicked.connect(self.history_selected)
        self.print_button.clicked.connect(lambda: self.print_selected(family=False))
        self.family_button.clicked.connect(lambda: self.print_selected(family=True))
        buttons = QHBoxLayout()
        for button in (self.new_button, self.open_button, self.history_button,
                       self.print_button, self.family_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.due_label)
        layout.addWidget(self.exempt_label)
        layout.addLayout(buttons)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        self.table.selectionModel().currentChanged.connect(lambda *_a: self._update_buttons())
        self._update_buttons()

        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(50)
        self._timer.timeout.connect(self.reload)
        self._changed.connect(self._on_change, Qt.ConnectionType.QueuedConnection)
        unsubscribe = services.changes.subscribe(lambda c: self._changed.emit(c.kind, c.id),
                                                 kinds=["plan", "case"])
        self.destroyed.connect(unsubscribe)

    # -- loading ------------------------------------------------------------------------
    def set_case(self, case_uid: str) -> None:
        """Show the plans of `case_uid` (the case view calls this when a case is shown)."""
        if case_uid != self.case_uid:
            self.message.hide()
        self.case_uid = case_uid
        self.reload()

    def _on_change(self, kind: str, uid: str) -> None:
        if self.case_uid and (kind == "plan" or uid in ("", self.case_uid)):
            self._timer.start()

    @property
    def busy(self) -> bool:
        return self._timer.isActive()

    def reload(self) -> None:
        if not self.case_uid or not isValid(self):
            return
        selected = self.selected_uid()
        try:
            rows = self.plans.for_case(self.case_uid)
            self.exempt = self.plans.exemption_applies(self.case_uid)
        except Exception as exc:  # noqa: BLE001 - one Swedish line (error_text logs a bug)
            self.show_message(error_text(exc))
            rows = []
        self.model.set_rows(rows)
        if selected is None or not self.select(selected):
            if self.proxy.rowCount():
                self.table.selectRow(0)
        self._show_due(rows)
        self._update_buttons()

    def _show_due(self, rows: list[Any]) -> None:
        due = [r for r in rows if r.follow_up_due]
        self.due = bool(due)
        if due:
            text = "Uppföljning passerad: " + "; ".join(
                f"{r.title} skulle ha följts upp {r.next_follow_up.isoformat()}"
                + (f" av {r.follow_up_by}" if r.follow_up_by else "") for r in due) + "."
            self.due_label.setText(text)
            self.due_label.setAccessibleName(text)
        self.due_label.setVisible(bool(due))
        tabs, index = self._own_tab()
        if tabs is not None:
            tabs.setTabText(index, TAB_TITLE_DUE if due else TAB_TITLE)
            tabs.setTabToolTip(index, DUE_TIP if due else "")
            tabs.tabBar().setAccessibleTabName(index, f"{TAB_TITLE}, {DUE_TIP.lower()}"
                                               if due else TAB_TITLE)
        self.due_changed.emit(self.due)

    def _own_tab(self) -> tuple[QTabWidget | None, int]:
        """The QTabWidget this tab is a page of, and its index there (to retitle it)."""
        parent = self.parentWidget()
        while parent is not None and not isinstance(parent, QTabWidget):
            parent = parent.parentWidget()
        if parent is None:
            return None, -1
        index = parent.indexOf(self)
        return (parent, index) if index >= 0 else (None, -1)

    # -- selection ----------------------------------------------------------------------
    def rows(self) -> list[Any]:
        """The plans in the order shown."""
        return [self.proxy.index(i, 0).data(ROW_ROLE) for i in range(self.proxy.rowCount())]

    def selected_row(self) -> Any:
        index = self.table.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def selected_uid(self) -> str | None:
        row = self.selected_row()
        return row.uid if row is not None else None

    def select(self, plan_uid: str) -> bool:
        for i, row in enumerate(self.rows()):
            if row.uid == plan_uid:
                self.table.selectRow(i)
                return True
        return False

    def _update_buttons(self) -> None:
        has = self.selected_row() is not None
        for button in (self.open_button, self.history_button, self.print_button,
                       self.family_button):
            button.setEnabled(has)
        self.family_button.setEnabled(has and not self.exempt)
        self.family_button.setToolTip(FAMILY_REFUSED if self.exempt else FAMILY_TIP)
        self.exempt_label.setVisible(self.exempt and has)
        self.new_button.setEnabled(bool(self.case_uid))

    def show_message(self, text: str) -> None:
        self.message.setText(f"⚠ {text}")
        self.message.setAccessibleName(f"Fel: {text}")
        self.message.show()

    # -- commands -----------------------------------------------------------------------
    def kinds(self) -> list[tuple[str, str]]:
        try:
            return list(self.plans.kinds(self.case_uid))
        except Exception as exc:  # noqa: BLE001
            self.show_message(error_text(exc))
            return []

    def _fill_new_menu(self) -> None:
        self.new_menu.clear()
        kinds = self.kinds()
        if not kinds:
            self.new_menu.addAction("Ingen plan finns för ärendets riktlinje").setEnabled(False)
        for form_id, label in kinds:
            action = self.new_menu.addAction(label)
            action.setData(form_id)
            action.triggered.connect(lambda _c=False, f=form_id: self.new_plan(f))

    def new_plan(self, form_id: str) -> Any:
        """Create a plan of kind `form_id` for the case and open it."""
        try:
            uid = self.plans.create(self.case_uid, form_id)
        except Exception as exc:  # noqa: BLE001
            self.show_message(error_text(exc))
            return None
        self.message.hide()
        self.reload()
        self.select(uid)
        return self.open_plan(uid)

    def open_selected(self) -> Any:
        row = self.selected_row()
        return self.open_plan(row.uid) if row is not None else None

    def open_plan(self, plan_uid: str) -> Any:
        """Open (or raise) the plan's window; a stored draft is restored there."""
        from oro_desktop.gui.plans.window import PlanWindow

        window = self.windows.get(plan_uid)
        if window is not None and isValid(window):
            window.raise_()
            window.activateWindow()
            return window
        row = next((r for r in self.model.rows if r.uid == plan_uid), None)
        try:
            window = PlanWindow(self.services, plan_uid, title=row.title if row else "",
                                case_label=row.case_label if row else "", parent=self)
        except Exception as exc:  # noqa: BLE001
            self.show_message(error_text(exc))
            return None
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.finished.connect(lambda _r, uid=plan_uid: self.windows.pop(uid, None))
        self.windows[plan_uid] = window
        window.open()
        return window

    def history_selected(self) -> Any:
        from oro_desktop.gui.plans.history import PlanHistoryDialog

        row = self.selected_row()
        if row is None:
            return None
        dialog = PlanHistoryDialog(self.plans, row.uid, title=row.title, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.dialog = dialog
        return dialog

    def print_selected(self, *, family: bool = False) -> Any:
        from oro_desktop.gui.plans.printing import print_plan

        row = self.selected_row()
        if row is None:
            return None
        self.message.hide()
        self.print_task = print_plan(self, self.plans, row.uid, family=family,
                                     on_error=self.show_message)
        return self.print_task

    def flush_drafts(self) -> None:
        """Keep the typing of every open plan window as a draft; they close without asking."""
        for window in list(self.windows.values()):
            if isValid(window):
                window.prepare_for_lock()
